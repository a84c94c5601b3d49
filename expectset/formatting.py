"""Dates, ranges, clock times, money, lists and durations as customers read them.

A :class:`Formatter` is bound once to a locale and a time zone (like
``babel.support.Format``) and handed to the templates of one message. Formatters are
cached per (locale, zone), and the Babel ``Locale`` objects and CLDR names behind them
are parsed once per process, so formatting inside a batch of thousands of messages does
no repeated set-up work.

House formats (WORDING.md rules 1-7):

=================  ===============================  ===============================
what               ``id``                           ``en`` / ``en_GB`` (``en_US``)
=================  ===============================  ===============================
date               ``Rabu, 13 Januari 2027``        ``Wednesday, 13 January 2027``
                                                    (``Wednesday, January 13, 2027``)
range, one month   ``12–14 Januari 2027``           ``12–14 January 2027``
                                                    (``January 12–14, 2027``)
range, two months  ``30 Maret – 2 April 2027``      ``30 March – 2 April 2027``
time               ``pukul 17.00 WIB``              ``17:00 WIB`` (``5:00 PM WIB``)
money              ``Rp150.000``                    ``Rp150,000``
list               ``email, SMS, dan WhatsApp``     ``email, SMS and WhatsApp``
                                                    (``email, SMS, and WhatsApp``)
duration           ``2 hari kerja``                 ``2 business days``
duration from 0    ``paling lama 1 hari kerja``     ``up to 1 business day``
=================  ===============================  ===============================

Bare ``en`` follows British conventions (day before month, 24-hour clock), as
Indonesian readers do; ask for ``en_US`` for American dates and 12-hour times.

Ranges of dates have one house form per place (WORDING.md rule 5). Subject lines,
status lines, list items, labels and parenthetical notes use the compact en-dash
range (``27–31 Maret 2026``). A running sentence names a range in words: a window in
which something happens is ``antara 27 dan 31 Maret 2026`` / ``between 27 and 31
March 2026``; a period that lasts is ``dari 16 sampai 20 Maret 2026`` / ``from 16 to
20 March 2026`` (:meth:`Formatter.range_ends` gives the two ends; the words are in the
templates). Durations keep the dash (``2–4 hari kerja``). In ``en_US`` a date that
ends with its year takes a comma when the sentence goes on
(:meth:`Formatter.mid_sentence`).

Examples
--------
>>> import datetime as dt
>>> f = formatter("id", "Asia/Jakarta")
>>> f.date(dt.date(2027, 1, 13))
'Rabu, 13 Januari 2027'
>>> f.date_range(dt.date(2027, 3, 30), dt.date(2027, 4, 2))
'30 Maret – 2 April 2027'
>>> f.money(150000), formatter("en_US").money(150000)
('Rp150.000', 'Rp150,000')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from ._timeutil import TzLike, as_aware, get_zone, zone_abbreviation
from .errors import UnsupportedLocaleError

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "LOCALES",
    "DurationUnit",
    "Formatter",
    "Language",
    "ListStyle",
    "LocaleInfo",
    "formatter",
    "resolve_locale",
]

Language = Literal["id", "en"]
#: ``and``/``or``: the language's own list (``a, b, dan c``); ``semicolon``: items
#: that contain commas, such as dates, joined by ``; `` with no conjunction (a list of
#: dates after a colon); ``semicolon_and``: the same with the conjunction before the
#: last item, for running text (``a; b; serta c``).
ListStyle = Literal["and", "or", "semicolon", "semicolon_and", "as_well_as"]
DurationUnit = Literal[
    "business_days", "calendar_days", "business_hours", "hours", "minutes", "weeks"
]

#: The locales expectset renders, with the Babel locale that gives each its formats.
LOCALES: dict[str, str] = {
    "id": "id",
    "id_ID": "id",
    "en": "en_GB",
    "en_GB": "en_GB",
    "en_US": "en_US",
}

_EN_DASH = "\u2013"


@dataclass(frozen=True, slots=True)
class LocaleInfo:
    """A supported locale, resolved once: its language, Babel locale and conventions.

    ``tag`` is the canonical spelling (``id``, ``id_ID``, ``en``, ``en_GB``,
    ``en_US``); ``language`` is ``id`` or ``en``; ``bcp47`` is the tag for HTML ``lang``
    and the ``Content-Language`` header (``id-ID``, ``en-GB``).
    """

    tag: str
    language: Language
    bcp47: str
    babel: Locale
    month_first: bool
    clock_12h: bool
    weekdays: tuple[str, ...]
    months: tuple[str, ...]


@lru_cache(maxsize=32)
def resolve_locale(locale: str) -> LocaleInfo:
    """Resolve ``locale`` (``id``, ``id_ID``, ``id-ID``, ``en``, ``en_GB``, ``en_US``).

    Anything else is an :class:`~expectset.errors.UnsupportedLocaleError`.

    Examples
    --------
    >>> resolve_locale("en-us").tag, resolve_locale("id_ID").language
    ('en_US', 'id')
    >>> resolve_locale("fr")
    Traceback (most recent call last):
    ...
    expectset.errors.UnsupportedLocaleError: locale='fr' is not supported; use one of id, ...
    """
    tag = _canonical(locale)
    if tag not in LOCALES:
        raise UnsupportedLocaleError(
            f"locale={locale!r} is not supported; use one of {', '.join(LOCALES)}",
            field="locale",
            value=locale,
        )
    from babel import Locale

    parsed = Locale.parse(LOCALES[tag])
    language: Language = "id" if tag.startswith("id") else "en"
    days = parsed.days["format"]["wide"]
    months = parsed.months["format"]["wide"]
    return LocaleInfo(
        tag=tag,
        language=language,
        bcp47=tag.replace("_", "-"),
        babel=parsed,
        month_first=tag == "en_US",
        clock_12h=tag == "en_US",
        weekdays=tuple(days[i] for i in range(7)),
        months=tuple(months[i] for i in range(1, 13)),
    )


def _canonical(locale: object) -> str:
    if not isinstance(locale, str):
        return repr(locale)
    parts = locale.strip().replace("-", "_").split("_")
    if len(parts) == 1:
        return parts[0].lower()
    if len(parts) == 2:
        return f"{parts[0].lower()}_{parts[1].upper()}"
    return locale


# Units: (singular, plural) per language. Indonesian nouns do not inflect.
_UNITS: dict[Language, dict[DurationUnit, tuple[str, str]]] = {
    "id": {
        "business_days": ("hari kerja", "hari kerja"),
        "calendar_days": ("hari kalender", "hari kalender"),
        "business_hours": ("jam kerja", "jam kerja"),
        "hours": ("jam", "jam"),
        "minutes": ("menit", "menit"),
        "weeks": ("minggu", "minggu"),
    },
    "en": {
        "business_days": ("business day", "business days"),
        "calendar_days": ("calendar day", "calendar days"),
        "business_hours": ("working hour", "working hours"),
        "hours": ("hour", "hours"),
        "minutes": ("minute", "minutes"),
        "weeks": ("week", "weeks"),
    },
}

_TIME_WORD = {"id": "pukul ", "en": ""}
# A duration range that starts at 0: "up to 1 business day", never "0–1".
_UP_TO = {"id": "paling lama", "en": "up to"}
_LESS_THAN = {"id": "kurang dari", "en": "less than"}
_ENDS_WITH_YEAR = re.compile(r"\d{4}$")

_SPOKEN_DIGITS: dict[Language, tuple[str, ...]] = {
    "id": ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
}

_PHONE_GROUPS = re.compile(r"\d+")


class Formatter:
    """Locale-aware formatting bound to one locale and one time zone.

    Get one with :func:`formatter`; it is what templates call through the ``date``,
    ``date_range``, ``time``, ``datetime``, ``money``, ``join_list`` and ``duration``
    filters.
    """

    __slots__ = ("_cache_date", "info", "language", "zone")

    def __init__(self, locale: str, zone: TzLike = "Asia/Jakarta") -> None:
        self.info = resolve_locale(locale)
        self.language: Language = self.info.language
        self.zone = get_zone(zone, field="timezone")
        self._cache_date: dict[dt.date, str] = {}

    def __repr__(self) -> str:
        return f"Formatter({self.info.tag!r}, {getattr(self.zone, 'key', self.zone)!r})"

    # ------------------------------------------------------------------ dates
    def _day(self, value: dt.date | dt.datetime) -> dt.date:
        if isinstance(value, dt.datetime):
            return as_aware(value, field="date").astimezone(self.zone).date()
        return value

    def date(self, value: dt.date | dt.datetime, year: bool = True) -> str:
        """Weekday, day, month and year: ``Rabu, 13 Januari 2027`` (never zero-padded).

        An aware datetime is shown as its date in the formatter's zone. ``year=False``
        leaves the year out (``Rabu, 13 Januari``), for a date right after another
        one in the same year, where space is short (a chat status).

        Examples
        --------
        >>> formatter("en_US").date(dt.date(2027, 1, 12))
        'Tuesday, January 12, 2027'
        >>> formatter("id").date(dt.date(2027, 1, 12), False)
        'Selasa, 12 Januari'
        """
        day = self._day(value)
        if not year:
            return f"{self.info.weekdays[day.weekday()]}, {self.day_month(day)}"
        cached = self._cache_date.get(day)
        if cached is None:
            weekday = self.info.weekdays[day.weekday()]
            cached = f"{weekday}, {self.day_month_year(day)}"
            if len(self._cache_date) < 4096:
                self._cache_date[day] = cached
        return cached

    def day_month_year(self, value: dt.date | dt.datetime, year: bool = True) -> str:
        """Day, month and year without the weekday: ``13 Januari 2027``.

        ``year=False`` leaves the year out (``13 Januari``), as :meth:`date` does.
        """
        day = self._day(value)
        if not year:
            return self.day_month(day)
        month = self.info.months[day.month - 1]
        if self.info.month_first:
            return f"{month} {day.day}, {day.year}"
        return f"{day.day} {month} {day.year}"

    def day_month(self, value: dt.date | dt.datetime) -> str:
        """Day and month: ``13 Januari`` (``January 13`` in en_US)."""
        day = self._day(value)
        month = self.info.months[day.month - 1]
        return f"{month} {day.day}" if self.info.month_first else f"{day.day} {month}"

    def date_range(self, first: dt.date | dt.datetime, last: dt.date | dt.datetime) -> str:
        """Write a range with full month names and the house en dash (WORDING.md rule 5).

        One day gives the full date with its weekday; within one month the dash has no
        spaces (``12–14 Januari 2027``); across months or years it is spaced.

        Examples
        --------
        >>> f = formatter("id")
        >>> f.date_range(dt.date(2027, 1, 12), dt.date(2027, 1, 14))
        '12–14 Januari 2027'
        >>> f.date_range(dt.date(2026, 12, 30), dt.date(2027, 1, 2))
        '30 Desember 2026 – 2 Januari 2027'
        >>> formatter("en_US").date_range(dt.date(2027, 3, 30), dt.date(2027, 4, 2))
        'March 30 – April 2, 2027'
        """
        a, b = self._day(first), self._day(last)
        if b < a:
            a, b = b, a
        if a == b:
            return self.date(a)
        if a.year != b.year:
            return f"{self.day_month_year(a)} {_EN_DASH} {self.day_month_year(b)}"
        if a.month != b.month:
            if self.info.month_first:
                return f"{self.day_month(a)} {_EN_DASH} {self.day_month(b)}, {b.year}"
            return f"{self.day_month(a)} {_EN_DASH} {self.day_month_year(b)}"
        month = self.info.months[a.month - 1]
        if self.info.month_first:
            return f"{month} {a.day}{_EN_DASH}{b.day}, {a.year}"
        return f"{a.day}{_EN_DASH}{b.day} {month} {a.year}"

    def day_range(self, first: dt.date | dt.datetime, last: dt.date | dt.datetime) -> str:
        """Write a run of days with their weekdays: ``Senin–Selasa, 23–24 Maret 2026``.

        For lists of closed days, where the weekday tells the reader whether a day
        would have been a working day anyway. One day is a plain :meth:`date`.

        Examples
        --------
        >>> f = formatter("id")
        >>> f.day_range(dt.date(2026, 3, 23), dt.date(2026, 3, 24))
        'Senin–Selasa, 23–24 Maret 2026'
        >>> f.day_range(dt.date(2026, 3, 31), dt.date(2026, 4, 1))
        'Selasa, 31 Maret – Rabu, 1 April 2026'
        >>> formatter("en_US").day_range(dt.date(2026, 3, 23), dt.date(2026, 3, 24))
        'Monday–Tuesday, March 23–24, 2026'
        """
        a, b = self._day(first), self._day(last)
        if b < a:
            a, b = b, a
        if a == b:
            return self.date(a)
        names = self.info.weekdays
        first_day, last_day = names[a.weekday()], names[b.weekday()]
        if a.year != b.year:
            return f"{self.date(a)} {_EN_DASH} {self.date(b)}"
        if a.month != b.month:
            if self.info.month_first:
                return (
                    f"{first_day}, {self.day_month(a)} {_EN_DASH} "
                    f"{last_day}, {self.day_month(b)}, {b.year}"
                )
            return (
                f"{first_day}, {self.day_month(a)} {_EN_DASH} {last_day}, {self.day_month_year(b)}"
            )
        return f"{first_day}{_EN_DASH}{last_day}, {self.date_range(a, b)}"

    def span(self, value: dt.date | tuple[dt.date, dt.date]) -> str:
        """Write a date, or a ``(first, last)`` pair as a range."""
        if isinstance(value, tuple):
            return self.date_range(value[0], value[1])
        return self.date(value)

    def range_ends(
        self, first: dt.date | dt.datetime, last: dt.date | dt.datetime
    ) -> tuple[str, str]:
        """Write the two ends of a range for a sentence that names it in words.

        A sentence says "between 27 and 31 March 2026" or "from 16 to 20 March 2026",
        not "27–31 March 2026" (the house form; see the module docstring): the template
        supplies the words (``between``/``antara``, ``from``/``dari``), this gives the
        ends, with what the second one repeats left out of the first. In ``en_US`` a
        first end that ends with its year carries the comma the year takes in the
        middle of a sentence. (Ends with weekdays are whole dates: ``from`` ``date`` to
        ``date``.)

        Examples
        --------
        >>> f = formatter("en")
        >>> f.range_ends(dt.date(2026, 3, 27), dt.date(2026, 3, 31))
        ('27', '31 March 2026')
        >>> formatter("en_US").range_ends(dt.date(2026, 3, 27), dt.date(2026, 3, 31))
        ('March 27', '31, 2026')
        >>> formatter("en_US").range_ends(dt.date(2026, 12, 30), dt.date(2027, 1, 2))
        ('December 30, 2026,', 'January 2, 2027')
        >>> formatter("id").range_ends(dt.date(2027, 3, 30), dt.date(2027, 4, 2))
        ('30 Maret', '2 April 2027')
        """
        a, b = self._day(first), self._day(last)
        if b < a:
            a, b = b, a
        if a.year != b.year:
            return self.mid_sentence(self.day_month_year(a)), self.day_month_year(b)
        if a.month != b.month:
            return self.day_month(a), self.day_month_year(b)
        if self.info.month_first:
            return self.day_month(a), f"{b.day}, {b.year}"
        return str(a.day), self.day_month_year(b)

    def mid_sentence(self, text: str) -> str:
        """Give a date the comma American English puts after a year mid-sentence.

        In ``en_US`` a date that ends with its year takes a comma when the sentence goes
        on ("by Wednesday, January 13, 2027, at the latest"); other locales, and text
        that does not end with a year, are returned unchanged. Templates apply it (the
        ``mid`` filter) to a date that is not at the end of its sentence.

        Examples
        --------
        >>> formatter("en_US").mid_sentence("Wednesday, January 13, 2027")
        'Wednesday, January 13, 2027,'
        >>> formatter("en").mid_sentence("Wednesday, 13 January 2027")
        'Wednesday, 13 January 2027'
        """
        if self.info.month_first and _ENDS_WITH_YEAR.search(text):
            return text + ","
        return text

    # ------------------------------------------------------------------ times
    def _local(self, value: dt.datetime) -> dt.datetime:
        return as_aware(value, field="time").astimezone(self.zone)

    def clock(self, value: dt.datetime) -> str:
        """Write the clock time with its zone: ``17.00 WIB``, ``17:00 WIB``, ``5:00 PM WIB``.

        Examples
        --------
        >>> moment = dt.datetime(2027, 1, 13, 10, 0, tzinfo=dt.timezone.utc)
        >>> formatter("id", "Asia/Makassar").clock(moment)
        '18.00 WITA'
        """
        local = self._local(value)
        zone = zone_abbreviation(self.zone, local)
        if self.language == "id":
            return f"{local.hour:02d}.{local.minute:02d} {zone}"
        if self.info.clock_12h:
            hour = local.hour % 12 or 12
            suffix = "AM" if local.hour < 12 else "PM"
            return f"{hour}:{local.minute:02d} {suffix} {zone}"
        return f"{local.hour:02d}:{local.minute:02d} {zone}"

    def time(self, value: dt.datetime) -> str:
        """Write a clock time as running text does: ``pukul 17.00 WIB`` / ``17:00 WIB``."""
        return _TIME_WORD[self.language] + self.clock(value)

    def datetime(self, value: dt.datetime) -> str:
        """Date and time: ``Rabu, 13 Januari 2027, pukul 17.00 WIB``.

        Examples
        --------
        >>> at = dt.datetime(2027, 1, 13, 17, 0, tzinfo=get_zone("Asia/Jakarta"))
        >>> formatter("en_US").datetime(at)
        'Wednesday, January 13, 2027, 5:00 PM WIB'
        """
        local = self._local(value)
        return f"{self.date(local)}, {self.time(local)}"

    # ---------------------------------------------------------------- numbers
    def number(self, value: int | float | Decimal) -> str:
        """Write a number with the locale's separators: ``1.250`` / ``1,250``; ``1,5`` / ``1.5``."""
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.info.babel)

    def money(self, amount: int | Decimal, currency: str = "IDR") -> str:
        """Write an amount of money: ``Rp150.000`` (``Rp150,000`` in English).

        Rupiah is written ``Rp`` with no space and no decimals unless the amount has
        cents (WORDING.md rule 7). Other currencies use the locale's currency format,
        again without ``.00`` for whole amounts.

        Examples
        --------
        >>> formatter("id").money(Decimal("150000.50"))
        'Rp150.000,50'
        >>> formatter("en").money(2500, "USD")
        'US$2,500'
        """
        from babel.numbers import format_currency, format_decimal

        value = Decimal(amount)
        whole = value == value.to_integral_value()
        if currency.upper() == "IDR":
            pattern = "#,##0" if whole else "#,##0.00"
            sign = "-" if value < 0 else ""
            number = format_decimal(abs(value), pattern, locale=self.info.babel)
            return f"{sign}Rp{number}"
        pattern = "¤#,##0" if whole else "¤#,##0.00"
        return format_currency(
            amount, currency.upper(), pattern, locale=self.info.babel, currency_digits=False
        )

    # ------------------------------------------------------------------ lists
    def join_list(self, items: Iterable[str], style: ListStyle = "and") -> str:
        """Join items the way the language does: ``email, SMS, dan WhatsApp``.

        Items that contain commas themselves (dates) are separated by semicolons:
        ``semicolon`` without a conjunction, ``semicolon_and`` with one before the last
        item (``serta`` in Indonesian, since the items often contain ``dan`` already).
        Items that may contain "and" themselves ("Idulfitri and its collective leave")
        are joined ``as_well_as``: ``serta`` / ", as well as" before the last (the comma
        also closes an item that ends in an aside: "Nyepi, the Day of Silence, as well
        as ...").

        Examples
        --------
        >>> formatter("id").join_list(["email", "SMS", "WhatsApp"])
        'email, SMS, dan WhatsApp'
        >>> formatter("en").join_list(["phone", "email"], style="or")
        'phone or email'
        >>> formatter("id").join_list(["Jumat, 20 Maret 2026", "Senin, 23 Maret 2026"], "semicolon")
        'Jumat, 20 Maret 2026; Senin, 23 Maret 2026'
        >>> formatter("en").join_list(["a, 1", "b, 2", "c, 3"], "semicolon_and")
        'a, 1; b, 2; and c, 3'
        >>> formatter("id").join_list(["Nyepi", "libur dan cuti bersama Idulfitri"], "as_well_as")
        'Nyepi serta libur dan cuti bersama Idulfitri'
        >>> formatter("en").join_list(["Nyepi", "Eid al-Fitr and its leave"], "as_well_as")
        'Nyepi, as well as Eid al-Fitr and its leave'
        """
        from babel.lists import format_list

        values = list(items)
        if not values:
            return ""
        if style == "semicolon":
            return "; ".join(values)
        if style == "semicolon_and":
            if len(values) == 1:
                return values[0]
            conjunction = "serta" if self.language == "id" else "and"
            return "; ".join(values[:-1]) + f"; {conjunction} {values[-1]}"
        if style == "as_well_as":
            if len(values) == 1:
                return values[0]
            last = " serta " if self.language == "id" else ", as well as "
            return ", ".join(values[:-1]) + last + values[-1]
        return format_list(
            values, style="standard" if style == "and" else "or", locale=self.info.babel
        )

    # -------------------------------------------------------------- durations
    def duration(self, value: float, unit: DurationUnit = "business_days") -> str:
        """Write a duration in digits with its unit: ``2 hari kerja``, ``1 business day``.

        Examples
        --------
        >>> f = formatter("en")
        >>> f.duration(1), f.duration(2), f.duration(1.5, "business_hours")
        ('1 business day', '2 business days', '1.5 working hours')
        """
        singular, plural = _UNITS[self.language][unit]
        word = singular if value == 1 else plural
        return f"{self._amount(value)} {word}"

    def duration_range(
        self, lower: float, upper: float, unit: DurationUnit = "business_days"
    ) -> str:
        """Write a range of durations: ``2–4 hari kerja`` (one value when they are equal).

        A range from 0 is written as its upper bound: ``paling lama 1 hari kerja`` / ``up
        to 1 business day`` (never "0–1 business days"); nothing at all (0) is ``kurang
        dari 1 hari kerja`` / ``less than 1 business day`` (the same day).

        Examples
        --------
        >>> formatter("id").duration_range(2, 4), formatter("en").duration_range(3, 3)
        ('2–4 hari kerja', '3 business days')
        >>> formatter("id").duration_range(0, 1), formatter("en").duration_range(0, 2)
        ('paling lama 1 hari kerja', 'up to 2 business days')
        >>> formatter("id").duration_range(0, 0), formatter("en").duration_range(0, 0)
        ('kurang dari 1 hari kerja', 'less than 1 business day')
        """
        if upper == 0:
            return f"{_LESS_THAN[self.language]} {self.duration(1, unit)}"
        if lower == upper:
            return self.duration(upper, unit)
        if lower == 0:
            return f"{_UP_TO[self.language]} {self.duration(upper, unit)}"
        _, plural = _UNITS[self.language][unit]
        return f"{self._amount(lower)}{_EN_DASH}{self._amount(upper)} {plural}"

    def _amount(self, value: float) -> str:
        if float(value).is_integer():
            return str(int(value))
        return self.number(value)

    # --------------------------------------------------------------- weekdays
    def weekdays(self, days: Iterable[int]) -> str:
        """Work days in words: ``Senin–Jumat``; ``Senin, Rabu, dan Jumat–Sabtu``.

        Examples
        --------
        >>> formatter("en").weekdays(range(5))
        'Monday–Friday'
        """
        runs: list[list[int]] = []
        for day in sorted(set(days)):
            if runs and day == runs[-1][-1] + 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        names = self.info.weekdays
        parts: list[str] = []
        for run in runs:
            if len(run) > 2:
                parts.append(f"{names[run[0]]}{_EN_DASH}{names[run[-1]]}")
            else:
                parts.extend(names[day] for day in run)
        return self.join_list(parts)

    # ------------------------------------------------------------------ voice
    def spoken_digits(self, text: str) -> str:
        """Spell a phone number for a voice to read: each digit a word, groups by commas.

        Examples
        --------
        >>> formatter("id").spoken_digits("0812-3456-7890")
        'nol delapan satu dua, tiga empat lima enam, tujuh delapan sembilan nol'
        """
        words = _SPOKEN_DIGITS[self.language]
        groups = _PHONE_GROUPS.findall(text)
        spoken = [" ".join(words[int(digit)] for digit in group) for group in groups]
        prefix = "plus " if text.strip().startswith("+") else ""
        return prefix + ", ".join(spoken)


@lru_cache(maxsize=256)
def _cached_formatter(tag: str, zone: TzLike) -> Formatter:
    return Formatter(tag, zone)


def formatter(locale: str = "id", zone: TzLike = "Asia/Jakarta") -> Formatter:
    """Return the (cached) :class:`Formatter` for ``locale`` and ``zone``.

    Examples
    --------
    >>> formatter("id_ID") is formatter("id_ID")
    True
    """
    return _cached_formatter(resolve_locale(locale).tag, zone)


def day_runs(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Group days into runs of consecutive dates, ``(first, last)`` in date order.

    Examples
    --------
    >>> for run in day_runs([dt.date(2026, 3, 24), dt.date(2026, 3, 20), dt.date(2026, 3, 23)]):
    ...     print(*run)
    2026-03-20 2026-03-20
    2026-03-23 2026-03-24
    """
    runs: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if runs and day == runs[-1][1] + dt.timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def format_spans(f: Formatter, days: Sequence[dt.date]) -> list[str]:
    """Group days into runs of consecutive dates, each written with its weekdays.

    Examples
    --------
    >>> format_spans(formatter("id"), [dt.date(2026, 3, 20), dt.date(2026, 3, 23),
    ...                                dt.date(2026, 3, 24)])
    ['Jumat, 20 Maret 2026', 'Senin–Selasa, 23–24 Maret 2026']
    """
    return [f.day_range(a, b) for a, b in day_runs(days)]
