"""Closed days and business days as messages describe them.

Shared by the kinds that explain a calendar: the delivery estimate lists the holidays
between the order and the arrival, the out-of-office notice names the closures between
the last day away and the return, and the follow-up says what a business day is
(WORDING.md rule 19).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from expectset._holidays import en_us_name
from expectset.calendar import BusinessCalendar, Closure, ClosureKind

__all__ = [
    "Excluded",
    "HolidayGroup",
    "closure_name",
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
    ``local`` filter); ``days`` are in date order.
    """

    name: dict[str, str]
    days: tuple[dt.date, ...]
    estimated: bool
    kind: ClosureKind

    def __hash__(self) -> int:
        # Made by group_closures and never changed: a value, usable as a cache key.
        return hash((tuple(sorted(self.name.items())), self.days, self.estimated, self.kind))

    @property
    def runs(self) -> list[tuple[dt.date, dt.date]]:
        """The days as runs of consecutive dates, ``(first, last)``."""
        from expectset.formatting import day_runs

        return day_runs(self.days)


def closure_name(closure: Closure) -> dict[str, str]:
    """Return the closure's name per language, with American spelling for ``en_US``."""
    return {"id": closure.name_id, "en": closure.name_en, "en_US": en_us_name(closure.name_en)}


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
    Hari kedua Idulfitri [22]
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
