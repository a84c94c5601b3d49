"""Closed days and business days as messages describe them.

Shared by the kinds that explain a calendar: the delivery estimate lists the holidays
between the order and the arrival, the out-of-office notice names the closures between
the last day away and the return, and the follow-up says what a business day is
(WORDING.md rule 19).

A name is kept as it reads inside a sentence ("because of the second day of Eid
al-Fitr", "karena hari kedua Idulfitri"); a list item takes :attr:`HolidayGroup.title`
("Second day of Eid al-Fitr: ...").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from expectset._holidays import (
    en_us_name,
    festival_of,
    in_sentence_en,
    spoken_name,
    without_note,
)
from expectset.calendar import BusinessCalendar, Closure, ClosureKind

__all__ = [
    "ClosureReason",
    "Excluded",
    "HolidayGroup",
    "closure_name",
    "closure_reasons",
    "default_calendar",
    "excluded_days",
    "group_closures",
    "holiday_heading",
]

#: What a calendar's business days leave out, for the sentence that defines them.
Excluded = Literal["holidays_and_cuti_bersama", "holidays", "nothing"]
#: Which kinds of closed day a list holds, for its heading.
Heading = Literal["public", "cuti", "public_cuti", "closures", "mixed"]


@dataclass(frozen=True, slots=True)
class HolidayGroup:
    """One named closure and the days it covers, for a message.

    ``name`` is per language (``{"id": ..., "en": ..., "en_US": ...}``, for the
    ``local`` filter), as it reads inside a sentence; ``title`` is the name that heads
    a list item; ``days`` are in date order.
    """

    name: dict[str, str]
    days: tuple[dt.date, ...]
    estimated: bool
    kind: ClosureKind

    def __hash__(self) -> int:
        # Made by group_closures and never changed: a value, usable as a cache key.
        return hash((tuple(sorted(self.name.items())), self.days, self.estimated, self.kind))

    @property
    def title(self) -> dict[str, str]:
        """The name at the head of a list item: without the English article.

        The list capitalises its first letter ("Second day of Eid al-Fitr: ...").
        """
        return {
            key: value[4:] if key.startswith("en") and value.startswith("the ") else value
            for key, value in self.name.items()
        }

    @property
    def runs(self) -> list[tuple[dt.date, dt.date]]:
        """The days as runs of consecutive dates, ``(first, last)``."""
        from expectset.formatting import day_runs

        return day_runs(self.days)


def closure_name(closure: Closure) -> dict[str, str]:
    """Return the closure's name per language as it reads in a sentence (``en_US`` spelt so).

    Examples
    --------
    >>> cal = BusinessCalendar()
    >>> [second] = cal.closures_between(dt.date(2026, 3, 22), dt.date(2026, 3, 22),
    ...                                 include_non_workdays=True)
    >>> closure_name(second)["en"]
    'the second day of Eid al-Fitr'
    """
    name_en = in_sentence_en(closure.name_en)
    return {"id": closure.name_id, "en": name_en, "en_US": en_us_name(name_en)}


def group_closures(closures: Iterable[Closure]) -> list[HolidayGroup]:
    """Group closures by name without breaking date order.

    A name's days stay in one group until a day with another name comes between them,
    so the list reads in date order: cuti bersama on Friday and Monday around an
    Idulfitri weekend gives three groups (cuti bersama, Idulfitri, cuti bersama), while
    cuti bersama on Friday and Monday around a plain weekend stays one group.

    Examples
    --------
    >>> cal = BusinessCalendar()
    >>> days = cal.closures_between(dt.date(2026, 3, 20), dt.date(2026, 3, 24),
    ...                             include_non_workdays=True)
    >>> for group in group_closures(days):
    ...     print(group.name["id"], [day.day for day in group.days])
    cuti bersama Idulfitri [20]
    Idulfitri [21]
    hari kedua Idulfitri [22]
    cuti bersama Idulfitri [23, 24]
    """
    groups: list[tuple[str, list[Closure]]] = []
    for closure in sorted(closures, key=lambda c: c.date):
        key = closure.name_id
        target = None
        for index in range(len(groups) - 1, -1, -1):
            name, members = groups[index]
            if name == key:
                target = members
                break
            if members[-1].date < closure.date:
                break  # another name came between: start a new group
        if target is None:
            groups.append((key, [closure]))
        else:
            target.append(closure)
    return [
        HolidayGroup(
            name=closure_name(members[0]),
            days=tuple(sorted({c.date for c in members})),
            estimated=any(c.estimated for c in members),
            kind=members[0].kind,
        )
        for _, members in groups
    ]


@dataclass(frozen=True, slots=True)
class ClosureReason:
    """One reason the office is closed, as a running sentence names it.

    The days of one festival (the holiday, its second day, its cuti bersama) are one
    reason, so that a notice over Lebaran reads "karena Nyepi serta libur dan cuti
    bersama Idulfitri", not a clause for every day. ``name`` is the one name the
    reason's days share (``None`` when a festival's days have several names), with
    ``spoken`` (no parentheses, for a voicemail) and ``short`` (no parenthesis, to sit
    inside one); ``festival`` is the festival's short name (``None`` for a closure of
    the business's own); ``holiday`` and ``leave`` say whether a public holiday and
    cuti bersama are among the days; ``days`` counts them, ``estimated_days`` those
    the government has not fixed yet. Names are per language, for ``local``.
    """

    name: dict[str, str] | None
    spoken: dict[str, str] | None
    short: dict[str, str] | None
    festival: dict[str, str] | None
    holiday: bool
    leave: bool
    days: int
    estimated_days: int

    @property
    def estimated(self) -> bool:
        """Whether some of the days are not yet fixed by the government."""
        return self.estimated_days > 0


def _per_language(name: dict[str, str], change: Callable[[str], str]) -> dict[str, str]:
    return {key: change(value) for key, value in name.items()}


def closure_reasons(groups: Iterable[HolidayGroup]) -> list[ClosureReason]:
    """Gather closure groups into reasons: one per festival, in order of first day.

    Examples
    --------
    >>> cal = BusinessCalendar()
    >>> days = cal.closures_between(dt.date(2026, 3, 18), dt.date(2026, 3, 24),
    ...                             include_non_workdays=True)
    >>> for reason in closure_reasons(group_closures(days)):
    ...     print(reason.name, reason.festival["id"], reason.holiday, reason.leave, reason.days)
    None Nyepi True True 2
    None Idulfitri True True 5
    """
    members: dict[str, list[HolidayGroup]] = {}
    festivals: dict[str, dict[str, str] | None] = {}
    for group in groups:
        found = None if group.kind == "closure" else festival_of(group.name["id"])
        key = f"festival {found[0]}" if found else f"name {group.name['id']}"
        if key not in members:
            members[key] = []
            festivals[key] = (
                None
                if found is None
                else {"id": found[0], "en": found[1], "en_US": en_us_name(found[1])}
            )
        members[key].append(group)
    reasons = []
    for key, items in members.items():
        names = {tuple(sorted(item.name.items())) for item in items}
        name = items[0].name if len(names) == 1 else None
        reasons.append(
            ClosureReason(
                name=name,
                spoken=None if name is None else _per_language(name, spoken_name),
                short=None if name is None else _per_language(name, without_note),
                festival=festivals[key],
                holiday=any(item.kind == "public_holiday" for item in items),
                leave=any(item.kind == "cuti_bersama" for item in items),
                days=sum(len(item.days) for item in items),
                estimated_days=sum(len(item.days) for item in items if item.estimated),
            )
        )
    return reasons


def holiday_heading(groups: Iterable[HolidayGroup]) -> Heading:
    """Choose the heading for a list of closed days: only what the list really holds."""
    kinds = {group.kind for group in groups}
    if "closure" in kinds:
        return "closures" if kinds == {"closure"} else "mixed"
    if kinds == {"cuti_bersama"}:
        return "cuti"
    if kinds == {"public_holiday"}:
        return "public"
    return "public_cuti"


def excluded_days(calendar: BusinessCalendar) -> Excluded:
    """Say what the calendar's business days leave out besides the weekly days off."""
    if calendar.country is None:
        return "nothing"
    if calendar.country == "ID" and calendar.cuti_bersama:
        return "holidays_and_cuti_bersama"
    return "holidays"


@cache
def default_calendar() -> BusinessCalendar:
    """Return the calendar a message assumes when given none: ``BusinessCalendar()``."""
    return BusinessCalendar()
