"""Read a rendered message back and check the facts it states.

:func:`lint` checks how a message is worded; :func:`check_message` checks what it says.
It reads back every date, range and clock time in the formats
:mod:`expectset.formatting` writes, in every supported locale (``Selasa, 24 November
2026``, ``24 November 2026``, ``Tuesday, November 24, 2026``, ``23–25 November 2026``,
``30 Maret – 2 April 2026``, ``Senin–Selasa, 23–24 Maret 2026``, ``Selasa, 31 Maret –
Rabu, 1 April 2026``, ``Rabu, 25 Maret`` without a year, ranges in words such as
``antara 27 dan 31 Maret 2026`` and ``between March 27 and 31, 2026``; ``pukul 14.00
WIB``, ``14:00 WIB``, ``2:00 PM WIB``) and reports, as
:class:`~expectset.linting.Finding` with ``rule="fact"``:

==================  ==========================================================
code                finding
==================  ==========================================================
``fact-date``       a date that does not exist (``31 Februari 2026``) or a range
                    that ends before it starts
``fact-weekday``    a weekday that is not its date's (``Senin, 24 November 2026``)
``fact-no-zone``    a clock time without a zone
``fact-zone``       a clock time in another zone than the message's first one
``fact-past``       with ``now``: a promise ("paling lambat", "kabar berikutnya",
                    "by ... at the latest", "next update on") or a deadline
                    ("sampai dengan", "up to and including", "until") dated
                    before today (in the calendar's zone, else ``now``'s)
``fact-closed-day`` with ``calendar``: a promise ("paling lambat", "by", "at the
                    latest") that falls on a day the calendar is closed
==================  ==========================================================

A date written without its year (``Rabu, 25 Maret`` in a chat status) takes the year
of the nearest date before it that has one, else of the nearest after it. Years have
four digits, as formatting writes them.

Two helpers read text without judging it, for your own checks and property tests:

* :func:`parse_dates` returns a :class:`DateMention` for each date or range: its first
  and last day, the weekdays written with them (Monday is 0) and where it stands. A
  date that does not exist is left out (:func:`check_message` reports it).
* :func:`parse_times` returns a :class:`TimeMention` for each clock time: the time on
  the 24-hour clock, the zone written after it and where it stands.

Whatever :mod:`expectset.formatting` writes, :func:`parse_dates` reads back as exactly
one mention covering the whole string, with the same days::

    text = formatter(locale).date_range(first, last)
    [mention] = parse_dates(text, locale)
    assert (mention.first, mention.last, mention.span) == (first, last, (0, len(text)))

Examples
--------
>>> import datetime as dt
>>> for f in check_message("Kami akan membalas paling lambat Senin, 24 November 2026.",
...                        locale="id", now=dt.datetime(2026, 11, 25, 9, 0,
...                        tzinfo=dt.timezone(dt.timedelta(hours=7)))):
...     print(f.code, repr(f.excerpt), f.where)
fact-weekday 'Senin, 24 November 2026' text:1:34
fact-past 'Senin, 24 November 2026' text:1:34
>>> [(m.first, m.last, m.weekday) for m in parse_dates("Senin–Selasa, 23–24 Maret 2026", "id")]
[(datetime.date(2026, 3, 23), datetime.date(2026, 3, 24), 0)]
>>> parse_times("by 2:00 PM WIB", "en_US")
[TimeMention(time=datetime.time(14, 0), zone='WIB', start=3, end=14)]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ._reading import (
    Dated,
    first_zone,
    grammar,
    message_parts,
    position,
    read_dates,
    read_times,
    weekday_mismatch,
    zones,
)
from ._timeutil import as_aware
from .formatting import Language, resolve_locale
from .linting import Finding

if TYPE_CHECKING:
    from .calendar import BusinessCalendar
    from .rendering import Message

__all__ = ["DateMention", "TimeMention", "check_message", "parse_dates", "parse_times"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """One date or range as written in a text.

    ``first`` and ``last`` are the same day for a single date. ``weekday`` is the
    weekday written before the first day (Monday is 0), ``last_weekday`` the one written
    before the last day (``Senin–Selasa, 23–24 Maret``; ``Selasa, 31 Maret – Rabu, 1
    April``); ``None`` where none is written. ``start`` and ``end`` are the indexes of
    the mention in the text; ``year_given`` is false when the year was inferred.
    """

    first: dt.date
    last: dt.date
    weekday: int | None
    last_weekday: int | None
    start: int
    end: int
    year_given: bool

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)`` of the mention in the text."""
        return self.start, self.end

    @property
    def weekdays_match(self) -> bool:
        """Whether every weekday written is the weekday of its date.

        Examples
        --------
        >>> [mention] = parse_dates("Monday, 24 November 2026", "en")
        >>> mention.weekdays_match
        False
        """
        return (self.weekday is None or self.weekday == self.first.weekday()) and (
            self.last_weekday is None or self.last_weekday == self.last.weekday()
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeMention:
    """One clock time as written in a text.

    ``time`` is on the 24-hour clock; ``zone`` is as written after it (``WIB``,
    ``UTC+8``, ``+07:00``; ``None`` without one); ``start`` and ``end`` are the indexes
    of the time and its zone in the text.
    """

    time: dt.time
    zone: str | None
    start: int
    end: int


def _language(locale: str) -> Language:
    return resolve_locale(locale).language


def _mention(dated: Dated, language: Language) -> DateMention | None:
    if dated.first is None or dated.last is None or dated.problem:
        return None
    names = grammar(language).weekdays
    return DateMention(
        first=dated.first,
        last=dated.last,
        weekday=None if dated.first_weekday is None else names[dated.first_weekday],
        last_weekday=None if dated.last_weekday is None else names[dated.last_weekday],
        start=dated.start,
        end=dated.end,
        year_given=dated.year_given,
    )


def parse_dates(text: str, locale: str, *, year: int | None = None) -> list[DateMention]:
    """Every real date and range in ``text``, in the formats ``locale`` writes.

    English reads both orders (``24 November 2026`` and ``November 24, 2026``). A date
    without a year takes the year of the nearest dated mention (see the module
    docstring), else ``year``; with neither it is left out, as is a date that does not
    exist.

    Examples
    --------
    >>> [(m.first, m.last, m.span) for m in parse_dates("30 Maret – 2 April 2026", "id")]
    [(datetime.date(2026, 3, 30), datetime.date(2026, 4, 2), (0, 23))]
    >>> [m.first for m in parse_dates("Back Wednesday, March 25", "en_US", year=2026)]
    [datetime.date(2026, 3, 25)]
    """
    language = _language(locale)
    found = []
    for dated in read_dates(text, language, year):
        mention = _mention(dated, language)
        if mention is not None:
            found.append(mention)
    return found


def parse_times(text: str, locale: str) -> list[TimeMention]:
    """Every clock time in ``text``, with the zone written after it.

    Examples
    --------
    >>> [(t.time, t.zone) for t in parse_times("pukul 09.00 WITA dan pukul 17.00", "id")]
    [(datetime.time(9, 0), 'WITA'), (datetime.time(17, 0), None)]
    """
    return [
        TimeMention(time=dt.time(t.hour % 24, t.minute), zone=t.zone, start=t.start, end=t.zone_end)
        for t in read_times(text, _language(locale))
    ]


# A clock time with its zone, as it may stand between a deadline word and the date.
_CLOCK_TEXT = (
    r"\d{1,2}[.:]\d{2}(?:\s*(?:AM|PM))?"
    r"(?:\s+(?:WIB|WITA|WIT|[A-Z]{2,4}T|(?:UTC|GMT)(?:[+-]\d{1,2}(?::\d{2})?)?|\+\d{2}:?\d{2}))?"
)
# Our own promise: the date must not be past and must be a business day.
_PROMISE_BEFORE: dict[Language, re.Pattern[str]] = {
    "id": re.compile(
        rf"(?:\b(?:paling\s+lambat|selambat-lambatnya)(?:\s+(?:pukul\s+)?{_CLOCK_TEXT})?"
        r"|\bkabar\s+berikutnya)(?:\s+pada)?(?:\s+hari)?\s+$",
        re.I,
    ),
    "en": re.compile(
        rf"(?:\b(?:by|no\s+later\s+than|on\s+or\s+before)(?:\s+(?:at\s+)?{_CLOCK_TEXT}\s+on)?"
        r"|\bnext\s+update(?:\s+on)?)\s+$",
        re.I,
    ),
}
_PROMISE_AFTER = re.compile(
    rf"(?:,?\s+(?:at\s+|pukul\s+)?{_CLOCK_TEXT})?,?\s+(?:at\s+the\s+latest|paling\s+lambat)\b",
    re.I,
)
# A deadline the reader works to: the date must not be past.
_DEADLINE_BEFORE: dict[Language, re.Pattern[str]] = {
    "id": re.compile(r"\b(?:sampai\s+dengan|berlaku\s+(?:hingga|sampai)|sebelum)\s+$", re.I),
    "en": re.compile(
        r"\b(?:up\s+to\s+and\s+including|until|before|valid\s+(?:until|through))\s+$", re.I
    ),
}
_LOOK_BEHIND = 80


def _kind(text: str, dated: Dated, language: Language) -> Literal["promise", "deadline", ""]:
    """Whether ``dated`` is our promise, a deadline for the reader, or neither."""
    before = text[max(0, dated.start - _LOOK_BEHIND) : dated.start]
    if _PROMISE_BEFORE[language].search(before) or _PROMISE_AFTER.match(text, dated.end):
        return "promise"
    if _DEADLINE_BEFORE[language].search(before):
        return "deadline"
    return ""


def _finding(code: str, text: str, part: str, start: int, excerpt: str, why: str) -> Finding:
    return Finding(
        rule="fact",
        code=code,
        excerpt=excerpt,
        where=f"{part}:{position(text, start)}",
        explanation=why,
    )


def _check_date(
    dated: Dated,
    text: str,
    part: str,
    language: Language,
    today: dt.date | None,
    calendar: BusinessCalendar | None,
) -> list[Finding]:
    excerpt = text[dated.start : dated.end]
    if dated.problem or dated.first is None or dated.last is None:
        return [_finding("fact-date", text, part, dated.start, excerpt, dated.problem)]
    found = []
    why = weekday_mismatch(dated, language)
    if why:
        found.append(_finding("fact-weekday", text, part, dated.start, excerpt, why))
    kind = _kind(text, dated, language) if today is not None or calendar is not None else ""
    if kind and today is not None and dated.last < today:
        why = f"{dated.last.isoformat()} is before today, {today.isoformat()}"
        found.append(_finding("fact-past", text, part, dated.start, excerpt, why))
    if kind == "promise" and calendar is not None and not calendar.is_business_day(dated.last):
        why = f"the promised date, {dated.last.isoformat()}, is a day the calendar is closed"
        found.append(_finding("fact-closed-day", text, part, dated.start, excerpt, why))
    return found


def check_message(
    message: Message | str,
    *,
    locale: str | None = None,
    now: dt.datetime | None = None,
    calendar: BusinessCalendar | None = None,
) -> list[Finding]:
    """Read ``message`` back and check the dates and times it states.

    ``message`` is a :class:`~expectset.rendering.Message`, or plain text with its
    ``locale``. With ``now`` (an aware datetime), deadlines and promises must not be
    past; with ``calendar``, promises must fall on its business days. Returns the
    findings in order of part (subject, preheader, text, html); each has
    ``rule="fact"`` and a code from the module docstring.

    Examples
    --------
    >>> import expectset as es
    >>> cal = es.BusinessCalendar()
    >>> for f in check_message("We will reply by Sunday, 22 March 2026 at the latest.",
    ...                        locale="en", calendar=cal):
    ...     print(f.code, repr(f.excerpt), f.where)
    fact-closed-day 'Sunday, 22 March 2026' text:1:18
    >>> check_message("Kami menelepon pukul 10.00 WIB atau pukul 11.00 WITA.", locale="id")[0].code
    'fact-zone'
    """
    info, _, parts = message_parts(message, locale, "email", "check_message")
    language = info.language
    today: dt.date | None = None
    if now is not None:
        moment = as_aware(now, field="now")
        today = moment.astimezone(calendar.zone if calendar else moment.tzinfo).date()
    zone = first_zone(parts, language)
    found: list[Finding] = []
    for part, text in parts:
        for dated in read_dates(text, language):
            found.extend(_check_date(dated, text, part, language, today, calendar))
        times = read_times(text, language)
        for time in times:
            clock = text[time.start : time.zone_end].strip()
            if time.zone is None:
                found.append(
                    _finding(
                        "fact-no-zone",
                        text,
                        part,
                        time.start,
                        clock,
                        "a clock time needs its zone (WIB, WITA, WIT)",
                    )
                )
        other = next(((i, z) for i, z in zones(text, language, times) if z != zone), None)
        if other is not None:
            found.append(
                _finding(
                    "fact-zone",
                    text,
                    part,
                    other[0],
                    other[1],
                    f"the message names {zone} first; every time uses one zone",
                )
            )
    return found
