"""Formatting: house dates, ranges, times, money, lists and durations in every locale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date

from expectset import UnsupportedLocaleError
from expectset.formatting import formatter, resolve_locale

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("id", "Rabu, 13 Januari 2027"),
        ("id_ID", "Rabu, 13 Januari 2027"),
        ("en", "Wednesday, 13 January 2027"),
        ("en_GB", "Wednesday, 13 January 2027"),
        ("en_US", "Wednesday, January 13, 2027"),
    ],
)
def test_date_in_house_format(locale: str, expected: str) -> None:
    """Dates have the weekday, a comma, the full month and no zero padding."""
    assert formatter(locale).date(dt.date(2027, 1, 13)) == expected


def test_date_agrees_with_babel_patterns_for_a_whole_year() -> None:
    """The composed dates equal Babel's EEEE, d MMMM y (id, en_GB) and EEEE, MMMM d, y (en_US)."""
    day = dt.date(2027, 1, 1)
    while day.year == 2027:
        assert formatter("id").date(day) == format_date(day, "EEEE, d MMMM y", locale="id")
        assert formatter("en").date(day) == format_date(day, "EEEE, d MMMM y", locale="en_GB")
        assert formatter("en_US").date(day) == format_date(day, "EEEE, MMMM d, y", locale="en_US")
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("locale", "first", "last", "expected"),
    [
        ("id", dt.date(2027, 1, 12), dt.date(2027, 1, 14), "12–14 Januari 2027"),
        ("id", dt.date(2027, 3, 30), dt.date(2027, 4, 2), "30 Maret – 2 April 2027"),
        ("id", dt.date(2026, 12, 30), dt.date(2027, 1, 2), "30 Desember 2026 – 2 Januari 2027"),
        ("id", dt.date(2027, 1, 12), dt.date(2027, 1, 12), "Selasa, 12 Januari 2027"),
        ("en", dt.date(2027, 3, 30), dt.date(2027, 4, 2), "30 March – 2 April 2027"),
        ("en_US", dt.date(2027, 1, 12), dt.date(2027, 1, 14), "January 12–14, 2027"),
        ("en_US", dt.date(2027, 3, 30), dt.date(2027, 4, 2), "March 30 – April 2, 2027"),
        (
            "en_US",
            dt.date(2026, 12, 30),
            dt.date(2027, 1, 2),
            "December 30, 2026 – January 2, 2027",
        ),
        ("id", dt.date(2027, 1, 14), dt.date(2027, 1, 12), "12–14 Januari 2027"),
    ],
)
def test_ranges_have_full_months_and_the_en_dash(
    locale: str, first: dt.date, last: dt.date, expected: str
) -> None:
    """Ranges are composed with full month names (Babel's format_interval abbreviates)."""
    assert formatter(locale).date_range(first, last) == expected


@pytest.mark.parametrize(
    ("locale", "zone", "expected"),
    [
        ("id", "Asia/Jakarta", "pukul 17.00 WIB"),
        ("id", "Asia/Makassar", "pukul 18.00 WITA"),
        ("id", "Asia/Jayapura", "pukul 19.00 WIT"),
        ("en", "Asia/Jakarta", "17:00 WIB"),
        ("en_GB", "Asia/Pontianak", "17:00 WIB"),
        ("en_US", "Asia/Jakarta", "5:00 PM WIB"),
        ("en_US", "Asia/Makassar", "6:00 PM WITA"),
    ],
)
def test_time_has_the_zone_in_both_languages(locale: str, zone: str, expected: str) -> None:
    """Times carry WIB/WITA/WIT in English too (Babel would give +0700)."""
    moment = dt.datetime(2027, 1, 13, 17, 0, tzinfo=JAKARTA)
    assert formatter(locale, zone).time(moment) == expected


def test_datetime_joins_date_and_time() -> None:
    """A deadline reads 'Rabu, 13 Januari 2027, pukul 09.05 WIB'."""
    moment = dt.datetime(2027, 1, 13, 9, 5, tzinfo=JAKARTA)
    assert formatter("id").datetime(moment) == "Rabu, 13 Januari 2027, pukul 09.05 WIB"
    assert formatter("en_US").datetime(moment) == "Wednesday, January 13, 2027, 9:05 AM WIB"


def test_naive_datetime_is_refused() -> None:
    """A clock time without a zone cannot be written with its zone."""
    from expectset import NaiveDatetimeError

    with pytest.raises(NaiveDatetimeError):
        formatter("id").time(dt.datetime(2027, 1, 13, 9, 0))


@pytest.mark.parametrize(
    ("locale", "amount", "expected"),
    [
        ("id", 150000, "Rp150.000"),
        ("id", 1250000, "Rp1.250.000"),
        ("id", Decimal("150000.50"), "Rp150.000,50"),
        ("id", Decimal("150000.00"), "Rp150.000"),
        ("en", 150000, "Rp150,000"),
        ("en_US", Decimal("99.5"), "Rp99.50"),
    ],
)
def test_money(locale: str, amount: int | Decimal, expected: str) -> None:
    """Rupiah: Rp, no space, no ,00 unless there are cents (WORDING.md rule 7)."""
    assert formatter(locale).money(amount) == expected


@pytest.mark.parametrize(
    ("locale", "items", "style", "expected"),
    [
        ("id", ["email", "SMS", "WhatsApp"], "and", "email, SMS, dan WhatsApp"),
        ("id", ["telepon", "email"], "or", "telepon atau email"),
        ("en", ["email", "SMS", "WhatsApp"], "and", "email, SMS and WhatsApp"),
        ("en_US", ["email", "SMS", "WhatsApp"], "and", "email, SMS, and WhatsApp"),
        ("id", [], "and", ""),
        (
            "id",
            ["Jumat, 20 Maret 2026", "Senin, 23 Maret 2026"],
            "semicolon",
            "Jumat, 20 Maret 2026; Senin, 23 Maret 2026",
        ),
        ("id", ["a, 1", "b, 2", "c, 3"], "semicolon_and", "a, 1; b, 2; serta c, 3"),
        ("en", ["a, 1", "b, 2"], "semicolon_and", "a, 1; and b, 2"),
        ("en", ["a, 1"], "semicolon_and", "a, 1"),
    ],
)
def test_lists(locale: str, items: list[str], style: str, expected: str) -> None:
    """Lists join the way each language does."""
    assert formatter(locale).join_list(items, style) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("locale", "value", "unit", "expected"),
    [
        ("id", 2, "business_days", "2 hari kerja"),
        ("id", 1, "business_days", "1 hari kerja"),
        ("en", 1, "business_days", "1 business day"),
        ("en", 2, "business_days", "2 business days"),
        ("id", 8, "business_hours", "8 jam kerja"),
        ("en", 8, "business_hours", "8 working hours"),
        ("id", 1.5, "business_hours", "1,5 jam kerja"),
        ("en", 3, "calendar_days", "3 calendar days"),
        ("id", 3, "calendar_days", "3 hari kalender"),
    ],
)
def test_durations(locale: str, value: float, unit: str, expected: str) -> None:
    """Durations are digits with a unit; English has a singular."""
    assert formatter(locale).duration(value, unit) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("locale", "days", "expected"),
    [
        ("id", range(5), "Senin–Jumat"),
        ("id", range(6), "Senin–Sabtu"),
        ("id", [0, 2, 4], "Senin, Rabu, dan Jumat"),
        ("en", [5, 6], "Saturday and Sunday"),
    ],
)
def test_work_days_in_words(locale: str, days: list[int], expected: str) -> None:
    """Work days are written as a range of names or a list."""
    assert formatter(locale).weekdays(days) == expected


@pytest.mark.parametrize("locale", ["fr", "en_AU", "", "id-XX", "english"])
def test_unknown_locale_is_an_error(locale: str) -> None:
    """Only id, id_ID, en, en_GB and en_US resolve."""
    with pytest.raises(UnsupportedLocaleError) as info:
        resolve_locale(locale)
    assert info.value.field == "locale"


def test_formatters_and_locales_are_cached() -> None:
    """Parsed locales and bound formatters are made once per process."""
    assert formatter("en_US", "Asia/Jakarta") is formatter("en-us", "Asia/Jakarta")
    assert resolve_locale("id").babel is resolve_locale("id").babel


@pytest.mark.parametrize(
    ("locale", "first", "last", "expected"),
    [
        ("id", dt.date(2026, 3, 20), dt.date(2026, 3, 20), "Jumat, 20 Maret 2026"),
        ("id", dt.date(2026, 3, 23), dt.date(2026, 3, 24), "Senin–Selasa, 23–24 Maret 2026"),
        ("id", dt.date(2026, 3, 31), dt.date(2026, 4, 1), "Selasa, 31 Maret – Rabu, 1 April 2026"),
        ("en", dt.date(2026, 3, 23), dt.date(2026, 3, 24), "Monday–Tuesday, 23–24 March 2026"),
        (
            "en_US",
            dt.date(2026, 3, 31),
            dt.date(2026, 4, 1),
            "Tuesday, March 31 – Wednesday, April 1, 2026",
        ),
        (
            "en",
            dt.date(2026, 12, 31),
            dt.date(2027, 1, 1),
            "Thursday, 31 December 2026 – Friday, 1 January 2027",
        ),
    ],
)
def test_day_ranges_carry_their_weekdays(
    locale: str, first: dt.date, last: dt.date, expected: str
) -> None:
    """Runs of closed days name their weekdays: 'Senin–Selasa, 23–24 Maret 2026'."""
    assert formatter(locale).day_range(first, last) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("id", "Jumat, 27 Maret"), ("en", "Friday, 27 March"), ("en_US", "Friday, March 27")],
)
def test_date_without_the_year(locale: str, expected: str) -> None:
    """A date right after one in the same year may leave the year out (a chat status)."""
    assert formatter(locale).date(dt.date(2026, 3, 27), year=False) == expected
    assert formatter(locale).day_month_year(dt.date(2026, 3, 27), year=False) in expected
