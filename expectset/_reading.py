"""Reading dates, clock times and zones back from a rendered message: shared internals.

:mod:`expectset.formatting` writes dates, ranges and clock times with zones; this module
reads them back from text, in every supported language and in exactly the formats
formatting writes (``Selasa, 24 November 2026``, ``30 Maret – 2 April 2026``, ``antara
27 dan 31 Maret 2026``, ``pukul 14.00 WIB``, ``2:00 PM WIB``). It judges nothing: it
says what is written and where, and whether a written weekday is its date's.

It is private, and made to be shared by the two modules that check messages:

* :mod:`expectset.linting` (``lint``): how a message is worded (dates that exist and
  whose weekday is right, clock times with a zone, one zone per message, a weekday or a
  time the reader acts on with no date);
* :mod:`expectset.checking` (``check_message``, ``parse_dates``, ``parse_times``): what
  a message says (dates in the past, promises on closed days).

Both split a message into its parts with :func:`message_parts` and name places with
:func:`position`, so that their findings read alike (``text:3:14``).
"""

from __future__ import annotations

import datetime as dt
import html as _html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .formatting import Language, LocaleInfo, resolve_locale

if TYPE_CHECKING:
    from .rendering import Message

__all__ = [
    "ZONE",
    "ZONE_TOKEN",
    "Dated",
    "Grammar",
    "Timed",
    "first_zone",
    "grammar",
    "message_parts",
    "position",
    "read_dates",
    "read_times",
    "weekday_mismatch",
    "zones",
]

# WIB, WITA, WIT; UTC+8 style; or an alphabetic abbreviation, which ends in T (CET, JST):
# not any capitalised word ("09.00 TIDAK").
ZONE = r"(?:(?:WIB|WITA|WIT|[A-Z]{2,4}T)\b|(?:UTC|GMT)(?:[+-]\d{1,2}(?::\d{2})?)?)"
# A zone as written after a clock time: a house zone, or a bare UTC offset (+07:00).
ZONE_TOKEN = re.compile(rf"\s*({ZONE}|[+\u2212]\d{{2}}:?\d{{2}}(?!\d))")
_HOUSE_ZONE = re.compile(r"(?=W)\b(?:WIB|WITA|WIT)\b")
_CLOCK = re.compile(r"(?=\d)(?<![\w.,:$€£¥+\u2212])(\d{1,2})([.:])(\d{2})(?!\d)(\s*(?:AM|PM))?")
# A number with a unit after it is a measure (4.50 kg), not a clock time.
_UNIT_AFTER = re.compile(r"\s*(?:kg|g|gr|mg|cm|mm|m|km|l|ml|%|x|inci|inch)\b", re.I)
# Spaces inside a date: never a line break, so list items stay apart.
_SP = r"[ \t\u00a0]"
_RUN_JOIN = r"(?:–|-|,|/|\b(?:dan|atau|sampai(?:\s+dengan)?|hingga|and|or|to|through|thru)\b)"
# The HTML part, read as text: no head, no hidden preheader, no tags.
_HEAD = re.compile(r"<head\b.*?</head>", re.S | re.I)
_HIDDEN = re.compile(r"<div[^>]*display:\s*none[^>]*>.*?</div>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"</?(?:em|i)\b[^>]*>", re.I)


# ---------------------------------------------------------------- reading dates
@dataclass(frozen=True, slots=True)
class Grammar:
    """The names and patterns of one language's dates, exactly as formatting writes them."""

    atom: re.Pattern[str]
    weekday: re.Pattern[str]
    has_date_after: re.Pattern[str]
    run_before: re.Pattern[str]
    run_after: re.Pattern[str]
    weekdays: dict[str, int]
    months: dict[str, int]


@lru_cache(maxsize=2)
def grammar(language: Language) -> Grammar:
    info = resolve_locale(language)
    days = "|".join(info.weekdays)
    months = "|".join(info.months)

    def weekday(prefix: str) -> str:
        return rf"(?:\b(?P<{prefix}wa>{days})(?:{_SP}*–{_SP}*(?P<{prefix}wb>{days}))?,?{_SP}+)?"

    # 13 Januari 2027; Rabu, 13 Januari; 12–14 Januari 2027; Senin–Selasa, 23–24 Maret 2026
    day_first = (
        weekday("f") + rf"(?<![\w.,/:])(?P<fda>\d{{1,2}})(?:{_SP}*[–-]{_SP}*(?P<fdb>\d{{1,2}}))?"
        rf"{_SP}+(?P<fm>{months})\b(?:{_SP}+(?P<fy>\d{{4}})(?!\d))?"
    )
    # January 13, 2027; Wednesday, January 13; January 12–14, 2027
    month_first = (
        weekday("m") + rf"\b(?P<mm>{months}){_SP}+(?P<mda>\d{{1,2}})(?!\d|[.:]\d)"
        rf"(?:{_SP}*[–-]{_SP}*(?P<mdb>\d{{1,2}})(?!\d|[.:]\d))?(?:,{_SP}+(?P<my>\d{{4}})(?!\d))?"
    )
    # Every date starts with a capital (weekday, month) or a digit: fail fast elsewhere.
    atom = "(?=[A-Z0-9])" + (
        f"(?:{day_first})" if language == "id" else f"(?:{day_first}|{month_first})"
    )
    return Grammar(
        atom=re.compile(atom),
        weekday=re.compile(rf"\b(?:{days})\b"),
        has_date_after=re.compile(
            rf"(?:\s*–\s*(?:{days}))?,?\s+(?:\d{{1,2}}(?!\d)|(?:{months})\b)"
        ),
        run_before=re.compile(rf"\b(?:{days})\s*{_RUN_JOIN}\s*$"),
        run_after=re.compile(rf"\s*{_RUN_JOIN}\s*(?:{days})\b"),
        weekdays={name: i for i, name in enumerate(info.weekdays)},
        months={name: i for i, name in enumerate(info.months, start=1)},
    )


@dataclass(frozen=True, slots=True)
class _Atom:
    start: int
    end: int
    first_weekday: str | None
    last_weekday: str | None
    day: int
    last_day: int | None
    month: int
    year: int | None
    month_first: bool


@dataclass(frozen=True, slots=True)
class Dated:
    """A date or a range as read from text; ``problem`` says why it is not a real date."""

    start: int
    end: int
    first: dt.date | None
    last: dt.date | None
    first_weekday: str | None
    last_weekday: str | None
    year_given: bool
    problem: str = ""


_DASH_ONLY = re.compile(rf"{_SP}*[–-]{_SP}*")
# A range in words (formatting's range_ends): "antara 27 dan 31 Maret 2026", "between
# March 27 and 31, 2026", "dari 16 sampai 20 Maret 2026", "from 16 to 20 March 2026".
_OPENERS = r"(?:antara|between|dari|from)"
_JOINERS = r"(?:dan|and|sampai(?:\s+dengan)?|hingga|to|until|through)"
_RANGE_OPEN = re.compile(rf"\b{_OPENERS}{_SP}+$", re.I)
_RANGE_JOIN = re.compile(rf",?{_SP}+{_JOINERS}{_SP}+", re.I)
_BARE_DAY_FIRST = re.compile(rf"\b{_OPENERS}{_SP}+(\d{{1,2}}){_SP}+{_JOINERS}{_SP}+$", re.I)
_BARE_DAY_LAST = re.compile(rf"{_SP}+{_JOINERS}{_SP}+(\d{{1,2}}),{_SP}+(\d{{4}})(?!\d)", re.I)


def _atoms(text: str, dates: Grammar) -> list[_Atom]:
    atoms = []
    for m in dates.atom.finditer(text):
        p = "f" if m.group("fda") else "m"
        last = m.group(f"{p}db")
        year = m.group("fy" if p == "f" else "my")
        atoms.append(
            _Atom(
                start=m.start(),
                end=m.end(),
                first_weekday=m.group(f"{p}wa"),
                last_weekday=m.group(f"{p}wb"),
                day=int(m.group(f"{p}da")),
                last_day=int(last) if last else None,
                month=dates.months[m.group("fm" if p == "f" else "mm")],
                year=int(year) if year else None,
                month_first=p == "m",
            )
        )
    return atoms


@dataclass(slots=True)
class _Span:
    """A date or range being read: day and month of each end, years filled in later."""

    start: int
    end: int
    first_weekday: str | None
    last_weekday: str | None
    first: tuple[int, int]
    last: tuple[int, int]
    first_year: int | None
    last_year: int | None


def _joined(text: str, a: _Atom, b: _Atom) -> bool:
    """Whether two single days make one range.

    ``30 Maret – 2 April 2027``, ``between 30 December 2026 and 2 January 2027``,
    ``dari Senin, 16 Maret 2026 sampai Jumat, 20 Maret 2026``.
    """
    if a.last_day is not None or b.last_day is not None:
        return False
    if a.last_weekday is not None or b.last_weekday is not None:
        return False
    if _DASH_ONLY.fullmatch(text, a.end, b.start):
        return True
    return bool(
        _RANGE_JOIN.fullmatch(text, a.end, b.start)
        and _RANGE_OPEN.search(text, max(0, a.start - 20), a.start)
    )


def _spans(text: str, atoms: list[_Atom]) -> list[_Span]:
    spans = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is not None and _joined(text, a, b):
            # 30 Maret – 2 April 2027; Selasa, 31 Maret – Rabu, 1 April 2026
            spans.append(
                _Span(
                    a.start,
                    b.end,
                    a.first_weekday,
                    b.first_weekday,
                    (a.day, a.month),
                    (b.day, b.month),
                    a.year,
                    b.year,
                )
            )
            i += 2
            continue
        i += 1
        single = a.last_day is None and a.last_weekday is None and a.first_weekday is None
        bare_first = single and _BARE_DAY_FIRST.search(text, max(0, a.start - 40), a.start)
        if bare_first:
            # antara 27 dan 31 Maret 2026; between 27 and 31 March 2026
            day = int(bare_first.group(1))
            spans.append(
                _Span(
                    bare_first.start(1),
                    a.end,
                    None,
                    None,
                    (day, a.month),
                    (a.day, a.month),
                    a.year,
                    a.year,
                )
            )
            continue
        bare_last = (
            single
            and a.month_first
            and a.year is None
            and _RANGE_OPEN.search(text, max(0, a.start - 20), a.start)
            and _BARE_DAY_LAST.match(text, a.end)
        )
        if bare_last:
            # between March 27 and 31, 2026
            year = int(bare_last.group(2))
            last = (int(bare_last.group(1)), a.month)
            spans.append(
                _Span(a.start, bare_last.end(), None, None, (a.day, a.month), last, year, year)
            )
            continue
        last_day = a.day if a.last_day is None else a.last_day
        spans.append(
            _Span(
                a.start,
                a.end,
                a.first_weekday,
                a.last_weekday,
                (a.day, a.month),
                (last_day, a.month),
                a.year,
                a.year,
            )
        )
    return spans


def _fill_years(spans: list[_Span], year: int | None) -> None:
    """Give each span without a year the year of its neighbours (see read_dates)."""
    previous: tuple[int, int] | None = None  # year and month of the last dated span
    for span in spans:
        if span.last_year is None and span.first_year is not None:
            span.last_year = span.first_year + (1 if span.first[1] > span.last[1] else 0)
        if span.last_year is None and previous is not None:
            previous_year, previous_month = previous
            span.last_year = previous_year + (1 if previous_month - span.last[1] > 6 else 0)
        if span.last_year is not None:
            previous = (span.last_year, span.last[1])
    following = year
    for span in reversed(spans):
        if span.last_year is None:
            span.last_year = following
        else:
            following = span.first_year if span.first_year is not None else span.last_year
    for span in spans:
        if span.first_year is None and span.last_year is not None:
            span.first_year = span.last_year - (1 if span.first[1] > span.last[1] else 0)


def read_dates(text: str, language: Language, year: int | None = None) -> list[Dated]:
    """Every date and range in ``text``, with the weekdays written before them.

    A date written without its year takes the year of the nearest date before it that
    has one (the next year when that date is more than six months later in the year),
    else of the nearest after it, else ``year``; when none is known it is left out.
    """
    spans = _spans(text, _atoms(text, grammar(language)))
    given = [span.last_year is not None for span in spans]
    _fill_years(spans, year)
    found = []
    for span, year_given in zip(spans, given, strict=True):
        if span.first_year is None or span.last_year is None:
            continue
        problem = ""
        first: dt.date | None
        last: dt.date | None
        try:
            first = dt.date(span.first_year, span.first[1], span.first[0])
            last = dt.date(span.last_year, span.last[1], span.last[0])
        except ValueError:
            first = last = None
            problem = "no such day in the calendar"
        if first is not None and last is not None and last < first:
            problem = "the range ends before it starts"
        found.append(
            Dated(
                start=span.start,
                end=span.end,
                first=first,
                last=last,
                first_weekday=span.first_weekday,
                last_weekday=span.last_weekday,
                year_given=year_given,
                problem=problem,
            )
        )
    return found


def weekday_mismatch(dated: Dated, language: Language) -> str:
    """Why the weekdays written with ``dated`` are wrong ("" when they are right)."""
    if dated.first is None or dated.last is None:
        return ""
    names = grammar(language).weekdays
    index = {v: k for k, v in names.items()}
    for written, day in ((dated.first_weekday, dated.first), (dated.last_weekday, dated.last)):
        if written is not None and names[written] != day.weekday():
            return f"{day.isoformat()} is a {index[day.weekday()]}, not a {written}"
    return ""


# ---------------------------------------------------------------- reading times
@dataclass(frozen=True, slots=True)
class Timed:
    """A clock time as read from text: 24-hour ``hour`` and the zone written after it."""

    start: int
    end: int
    hour: int
    minute: int
    zone: str | None
    zone_end: int


def read_times(text: str, language: Language) -> list[Timed]:
    found = []
    for match in _CLOCK.finditer(text):
        hour, minute = int(match.group(1)), int(match.group(3))
        if hour > 24 or minute > 59:
            continue
        if _UNIT_AFTER.match(text, match.end()):
            continue  # 4.50 kg
        zone = ZONE_TOKEN.match(text, match.end())
        if language == "en" and match.group(2) == "." and zone is None:
            continue  # a decimal: English clock times use a colon (period-clock)
        suffix = (match.group(4) or "").strip().upper()
        if suffix == "AM" and hour == 12:
            hour = 0
        elif suffix == "PM" and hour < 12:
            hour += 12
        found.append(
            Timed(
                start=match.start(),
                end=match.end(),
                hour=hour,
                minute=minute,
                zone=zone.group(1) if zone else None,
                zone_end=zone.end() if zone else match.end(),
            )
        )
    return found


def zones(text: str, language: Language, times: list[Timed] | None = None) -> list[tuple[int, str]]:
    """Every zone written in ``text``: after a clock time, or a house zone on its own."""
    if times is None:
        times = read_times(text, language)
    found = {t.zone_end - len(t.zone): t.zone for t in times if t.zone}
    for match in _HOUSE_ZONE.finditer(text):
        found.setdefault(match.start(), match.group(0))
    return sorted(found.items())


# ------------------------------------------------------------- messages
def position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{column}"


def _html_text(html: str) -> str:
    body = _HIDDEN.sub("", _HEAD.sub("", html), count=1)
    body = re.sub(r"<br\s*/?>|</p>|</li>|</div>", "\n", body, flags=re.I)
    body = _EMPHASIS.sub("*", body)  # italics stay visible: a foreign word may stand there
    return _html.unescape(_TAG.sub("", body))


def message_parts(
    message: Message | str, locale: str | None, channel: str, caller: str
) -> tuple[LocaleInfo, str, list[tuple[str, str]]]:
    """Return the locale, channel and non-empty ``(part, text)`` pairs of a message."""
    if isinstance(message, str):
        if locale is None:
            raise ValueError(f"{caller}() needs locale= to check plain text")
        return resolve_locale(locale), channel, [("text", message)] if message else []
    parts = [
        ("subject", message.subject),
        ("preheader", message.preheader),
        ("text", message.text),
    ]
    if message.html:
        parts.append(("html", _html_text(message.html)))
    return (
        resolve_locale(message.locale),
        message.channel,
        [(part, text) for part, text in parts if text],
    )


def first_zone(parts: list[tuple[str, str]], language: Language) -> str | None:
    """Return the first zone a message names: the one every clock time must use."""
    for _, text in parts:
        found = zones(text, language)
        if found:
            return found[0][1]
    return None
