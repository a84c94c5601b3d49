"""check_message(): reading a message back finds wrong weekdays, zones, past and closed days."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expectset import BusinessCalendar, lint
from expectset.checking import check_message, parse_dates, parse_times
from expectset.errors import NaiveDatetimeError
from expectset.formatting import formatter
from expectset.rendering import Message

GOLDEN = Path(__file__).resolve().parent / "golden"
LOCALES = ("id", "en", "en_US")
WIB = dt.timezone(dt.timedelta(hours=7))
_HEADING = re.compile(r"^=== (\w+) ===\n", re.M)


def read_golden(path: Path) -> Message:
    """Read a golden file (tests/golden_cases.py ``serialise``) back into a Message."""
    raw = path.read_text(encoding="utf-8")
    headings = list(_HEADING.finditer(raw))
    parts: dict[str, str] = {}
    headers: list[tuple[str, str]] = []
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        body = raw[heading.end() : following.start() if following else len(raw)]
        if following is not None:
            body = body[:-1]  # the newline that joins the sections
        name = heading.group(1)
        if name == "header":
            key, value = body.rstrip("\n").split(": ", 1)
            headers.append((key, value))
        else:
            parts[name] = body[:-1] if name in ("subject", "preheader") else body
    locale, *channel = path.name.removesuffix(".txt").split(".")
    return Message(
        kind=path.parent.name,
        locale=locale.split("@")[0],
        channel=channel[0] if channel else "email",  # type: ignore[arg-type]
        subject=parts.get("subject", ""),
        preheader=parts.get("preheader", ""),
        text=parts["text"],
        html=parts.get("html", ""),
        headers=tuple(headers),
    )


GOLDEN_FILES = sorted(GOLDEN.rglob("*.txt"))
GOLDEN_IDS = [p.relative_to(GOLDEN).as_posix() for p in GOLDEN_FILES]


# ------------------------------------------------------------------ parse_dates
@given(
    first=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 1, 1)),
    days=st.integers(min_value=0, max_value=800),
    locale=st.sampled_from(LOCALES),
)
def test_parse_dates_reads_back_every_form_formatting_writes(
    first: dt.date, days: int, locale: str
) -> None:
    """Each date, range and day run the formatter writes reads back as one exact mention."""
    f = formatter(locale)
    last = first + dt.timedelta(days=days)
    written = [
        (f.date(first), first, first),
        (f.day_month_year(first), first, first),
        (f.date_range(first, last), first, last),
        (f.day_range(first, last), first, last),
    ]
    for text, a, b in written:
        [mention] = parse_dates(text, locale)
        assert (mention.first, mention.last, mention.span) == (a, b, (0, len(text))), text
        assert mention.weekdays_match, text
    short = f.date(first, year=False)
    [mention] = parse_dates(short, locale, year=first.year)
    assert (mention.first, mention.span, mention.year_given) == (first, (0, len(short)), False)


@given(
    first=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 1, 1)),
    days=st.integers(min_value=1, max_value=800),
    locale=st.sampled_from(LOCALES),
    words=st.sampled_from([("between", "and", "antara", "dan"), ("from", "to", "dari", "sampai")]),
)
def test_parse_dates_reads_back_a_range_in_words(
    first: dt.date, days: int, locale: str, words: tuple[str, str, str, str]
) -> None:
    """A range a sentence names in words ('antara 27 dan 31 Maret 2026') reads back whole."""
    f = formatter(locale)
    last = first + dt.timedelta(days=days)
    start, end = f.range_ends(first, last)
    opener, joiner = words[2:] if locale == "id" else words[:2]
    text = f"{opener} {start} {joiner} {end}"
    [mention] = parse_dates(text, locale)
    assert (mention.first, mention.last) == (first, last), text
    assert mention.span == (len(opener) + 1, len(text)), text


@pytest.mark.parametrize(
    ("locale", "text", "first", "last", "weekdays"),
    [
        ("id", "Selasa, 24 November 2026", "2026-11-24", "2026-11-24", (1, None)),
        ("id", "paling lambat 24 November 2026.", "2026-11-24", "2026-11-24", (None, None)),
        ("en", "Tuesday, 24 November 2026", "2026-11-24", "2026-11-24", (1, None)),
        ("en_US", "Tuesday, November 24, 2026", "2026-11-24", "2026-11-24", (1, None)),
        ("id", "tiba 23–25 November 2026", "2026-11-23", "2026-11-25", (None, None)),
        ("en_US", "November 23–25, 2026", "2026-11-23", "2026-11-25", (None, None)),
        ("id", "30 Maret – 2 April 2026", "2026-03-30", "2026-04-02", (None, None)),
        ("en_US", "March 30 – April 2, 2026", "2026-03-30", "2026-04-02", (None, None)),
        ("en", "30 December 2026 – 2 January 2027", "2026-12-30", "2027-01-02", (None, None)),
        ("id", "Senin–Selasa, 23–24 Maret 2026", "2026-03-23", "2026-03-24", (0, 1)),
        ("en_US", "Monday–Tuesday, March 23–24, 2026", "2026-03-23", "2026-03-24", (0, 1)),
        ("id", "Selasa, 31 Maret – Rabu, 1 April 2026", "2026-03-31", "2026-04-01", (1, 2)),
        (
            "en_US",
            "Tuesday, March 31 – Wednesday, April 1, 2026",
            "2026-03-31",
            "2026-04-01",
            (1, 2),
        ),
        # Ranges in words, as formatting's range_ends writes their ends for a sentence.
        ("id", "tiba antara 27 dan 31 Maret 2026.", "2026-03-27", "2026-03-31", (None, None)),
        ("en", "between 27 and 31 March 2026", "2026-03-27", "2026-03-31", (None, None)),
        ("en_US", "between March 27 and 31, 2026", "2026-03-27", "2026-03-31", (None, None)),
        ("id", "antara 30 Maret dan 2 April 2027", "2027-03-30", "2027-04-02", (None, None)),
        (
            "en_US",
            "between December 30, 2026, and January 2, 2027",
            "2026-12-30",
            "2027-01-02",
            (None, None),
        ),
        ("id", "dari 16 sampai 20 Maret 2026", "2026-03-16", "2026-03-20", (None, None)),
        (
            "id",
            "dari Senin, 16 Maret 2026 sampai Jumat, 20 Maret 2026",
            "2026-03-16",
            "2026-03-20",
            (0, 4),
        ),
        # A weekday that is wrong is read as written: the mention says what the text says.
        ("en", "Monday, 24 November 2026", "2026-11-24", "2026-11-24", (0, None)),
    ],
)
def test_parse_dates_table(
    locale: str, text: str, first: str, last: str, weekdays: tuple[int | None, int | None]
) -> None:
    """Dates in every locale's house forms read as their first and last day and weekdays."""
    [mention] = parse_dates(text, locale)
    assert (mention.first.isoformat(), mention.last.isoformat()) == (first, last)
    assert (mention.weekday, mention.last_weekday) == weekdays


def test_a_date_without_its_year_takes_the_year_of_its_neighbours() -> None:
    """A chat status writes the year once; later dates take it, across a new year too."""
    text = "Away 28–30 December 2026. Back Monday, 4 January; replies by Wednesday, 6 January."
    assert [m.first.isoformat() for m in parse_dates(text, "en")] == [
        "2026-12-28",
        "2027-01-04",
        "2027-01-06",
    ]
    assert [m.first.year for m in parse_dates("Rabu, 25 Maret; lalu 1 April 2026", "id")] == [
        2026,
        2026,
    ]
    assert parse_dates("Kembali Rabu, 25 Maret.", "id") == []


def test_parse_dates_leaves_out_days_that_do_not_exist() -> None:
    """31 Februari is no date: parse_dates skips it and check_message reports it."""
    assert parse_dates("31 Februari 2026", "id") == []
    assert [f.code for f in check_message("Tiba 31 Februari 2026.", locale="id")] == ["fact-date"]


def test_list_items_on_separate_lines_are_separate_dates() -> None:
    """A dash that starts a list item does not join two dates into a range."""
    mentions = parse_dates("Libur:\n- 20 Maret 2026\n- 23 Maret 2026", "id")
    assert [(m.first.day, m.last.day) for m in mentions] == [(20, 20), (23, 23)]


# ------------------------------------------------------------------ parse_times
@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "pukul 14.00 WIB", [("14:00", "WIB")]),
        ("id", "pukul 09.30 WITA", [("09:30", "WITA")]),
        ("id", "pukul 17.00.", [("17:00", None)]),
        ("en", "by 14:00 WIB", [("14:00", "WIB")]),
        ("en", "by 14:00 UTC+8", [("14:00", "UTC+8")]),
        ("en", "by 14:00 +07:00", [("14:00", "+07:00")]),
        ("en_US", "by 2:00 PM WIB", [("14:00", "WIB")]),
        ("en_US", "by 12:30 AM WIT", [("00:30", "WIT")]),
        ("en_US", "by 12:00 PM WIB", [("12:00", "WIB")]),
        ("en", "It weighs 4.50 kg.", []),
        ("id", "Ongkos kirim Rp18.000.", []),
    ],
)
def test_parse_times_table(locale: str, text: str, expected: list[tuple[str, str | None]]) -> None:
    """Clock times read on the 24-hour clock with the zone written after them."""
    assert [(t.time.strftime("%H:%M"), t.zone) for t in parse_times(text, locale)] == expected


def test_parse_times_reads_back_what_formatting_writes() -> None:
    """Every clock time the formatter writes reads back as its time and zone."""
    for locale in LOCALES:
        for zone, name in (("Asia/Jakarta", "WIB"), ("Asia/Makassar", "WITA")):
            f = formatter(locale, zone)
            for hour in range(24):
                moment = dt.datetime(2027, 1, 13, hour, 5, tzinfo=f.zone)
                text = f.datetime(moment)
                [time] = parse_times(text, locale)
                assert (time.time, time.zone, time.end) == (dt.time(hour, 5), name, len(text))


# ---------------------------------------------------------------- check_message
NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=WIB)
CALENDAR = BusinessCalendar()


@pytest.mark.parametrize(
    ("locale", "text", "code"),
    [
        ("id", "Paket tiba Senin, 24 November 2026.", "fact-weekday"),
        ("en", "It arrives Monday, 24 November 2026.", "fact-weekday"),
        ("en_US", "It arrives Monday, November 24, 2026.", "fact-weekday"),
        ("id", "Tutup Selasa–Rabu, 23–24 November 2026.", "fact-weekday"),
        ("en_US", "Closed Monday–Wednesday, November 23–24, 2026.", "fact-weekday"),
        ("en", "Closed Monday, 30 November – Wednesday, 1 December 2026.", "fact-weekday"),
        ("id", "Tiba 31 Februari 2026.", "fact-date"),
        ("en", "Arrives 25–23 November 2026.", "fact-date"),
        ("id", "Kami menelepon pukul 14.00.", "fact-no-zone"),
        ("en", "We call at 14:00.", "fact-no-zone"),
        ("en_US", "We call at 2:00 PM.", "fact-no-zone"),
        ("id", "Kami menelepon pukul 10.00 WIB atau pukul 11.00 WITA.", "fact-zone"),
        ("en", "We call at 10:00 WIB or at 11:00 +07:00.", "fact-zone"),
        ("en_US", "We call at 10:00 AM WIT; all times are in WIB.", "fact-zone"),
        # With now = Friday, 27 November 2026, 09:00 WIB.
        ("id", "Kami akan mengabari Anda paling lambat Kamis, 26 November 2026.", "fact-past"),
        ("id", "Kabar berikutnya pada Kamis, 26 November 2026.", "fact-past"),
        ("en", "We will update you by Thursday, 26 November 2026 at the latest.", "fact-past"),
        ("en", "Next update on Thursday, 26 November 2026.", "fact-past"),
        (
            "en_US",
            "We will call you back by 2:00 PM WIB on Thursday, November 26, 2026 at the latest.",
            "fact-past",
        ),
        ("id", "Voucher ini berlaku sampai dengan Kamis, 26 November 2026.", "fact-past"),
        ("en_US", "It is valid up to and including Thursday, November 26, 2026.", "fact-past"),
        # With the Indonesian calendar: Sunday, a public holiday, cuti bersama.
        ("id", "Kami akan membalas paling lambat Minggu, 29 November 2026.", "fact-closed-day"),
        ("id", "Kami akan membalas paling lambat Kamis, 24 Desember 2026.", "fact-closed-day"),
        ("id", "Kami akan membalas paling lambat Jumat, 25 Desember 2026.", "fact-closed-day"),
        ("en", "We will reply by Saturday, 28 November 2026 at the latest.", "fact-closed-day"),
        ("en", "We will reply on Friday, 25 December 2026 at the latest.", "fact-closed-day"),
        ("en_US", "We will reply by Friday, December 25, 2026.", "fact-closed-day"),
    ],
)
def test_wrong_fact_is_found(locale: str, text: str, code: str) -> None:
    """Each wrong fact gives its finding, with rule 'fact'."""
    found = check_message(text, locale=locale, now=NOW, calendar=CALENDAR)
    assert code in [f.code for f in found]
    assert {f.rule for f in found} == {"fact"}


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("id", "Kami akan mengabari Anda paling lambat Senin, 30 November 2026."),
        ("en", "We will update you by Monday, 30 November 2026 at the latest."),
        ("en_US", "We will update you by Monday, November 30, 2026 at the latest."),
        ("id", "Paket dikirim: Senin, 23 November 2026 (selesai)."),
        ("en", "Laptop received: Monday, 23 November 2026 (done)."),
        ("id", "Saya tidak di kantor dari Senin, 23 November 2026 sampai Rabu, 25 November 2026."),
        ("id", "Kantor kami tutup pada Jumat, 25 Desember 2026 untuk Natal."),
        ("id", "Voucher ini berlaku sampai dengan Minggu, 27 Desember 2026."),
        ("id", "Kami akan menelepon paling lambat Jumat, 27 November 2026, pukul 14.00 WIB."),
        ("en", "We will call you back by 14:00 WIB on Friday, 27 November 2026 at the latest."),
        ("en_US", "We will call you back by 2:00 PM WIB on Friday, November 27, 2026."),
        ("id", "Kantor tutup Senin–Selasa, 23–24 Maret 2026."),
        ("en", "Back Wednesday, 25 March; replies by Friday, 27 March."),
        ("en", "Collective leave for Eid al-Fitr: Monday–Tuesday, 23–24 March 2026"),
    ],
)
def test_right_fact_passes(locale: str, text: str) -> None:
    """Dates that are right, not past, and promised on business days give no finding."""
    assert check_message(text, locale=locale, now=NOW, calendar=CALENDAR) == []


def test_today_is_the_calendars_today() -> None:
    """'Today' is counted in the calendar's zone, else in the zone of now."""
    text = "Kami akan membalas paling lambat Kamis, 26 November 2026."
    late_evening_utc = dt.datetime(2026, 11, 26, 20, 0, tzinfo=dt.timezone.utc)
    assert check_message(text, locale="id", now=late_evening_utc) == []
    found = check_message(text, locale="id", now=late_evening_utc, calendar=CALENDAR)
    assert [f.code for f in found] == ["fact-past"]


def test_check_message_reads_every_part_of_a_message() -> None:
    """A Message is checked part by part, with each finding's place in its part."""
    message = Message(
        kind="delay_notice",
        locale="en",
        channel="email",
        subject="New estimated arrival: Monday, 24 November 2026",
        preheader="",
        text="Dear Ms Sari Rahayu,\n\nWe will call you at 14:00.\n",
        html="<html><body><p>We will call you at 14:00 WITA.</p></body></html>",
    )
    found = [(f.code, f.where) for f in check_message(message)]
    assert found == [
        ("fact-weekday", "subject:1:24"),
        ("fact-no-zone", "text:3:21"),
    ]


def test_plain_text_needs_a_locale() -> None:
    """Plain text cannot be read back without knowing its language."""
    with pytest.raises(ValueError, match="locale"):
        check_message("Senin, 24 November 2026")


def test_now_must_be_aware() -> None:
    """A naive now is an error, not a guess at the zone."""
    with pytest.raises(NaiveDatetimeError):
        check_message("Senin, 23 November 2026", locale="id", now=dt.datetime(2026, 11, 27))


# ------------------------------------------------------------------ golden files
def test_golden_reader_gives_back_the_files_bytes() -> None:
    """Reading a golden file and serialising it again gives the same bytes."""
    from golden_cases import serialise

    for path in GOLDEN_FILES:
        assert serialise(read_golden(path)) == path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=GOLDEN_IDS)
def test_golden_file_passes_lint_and_reads_back_true(path: Path) -> None:
    """Every golden message passes lint and states no wrong weekday, date or zone."""
    message = read_golden(path)
    assert [str(f) for f in lint(message)] == []
    facts = {"fact-weekday", "fact-date", "fact-zone", "fact-no-zone"}
    assert [str(f) for f in check_message(message) if f.code in facts] == []
