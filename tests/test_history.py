"""Transit history: reading rows, exact units, rejects, merging, databases and fallback."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import expectset as es
from expectset.history import MAX_EXAMPLES, RejectReport, TransitHistory, aggregate_sql
from expectset.samples import SHIPMENT_LANE, courier_calendar, sample_path, sample_rows

JKT = ZoneInfo("Asia/Jakarta")
D = dt.date
ID_MON_FRI = es.BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
PLAIN = es.BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country=None)
SUPPORT = es.BusinessCalendar(
    timezone="Asia/Jakarta",
    hours={"Mon-Fri": ("08:00", "17:00"), "Sat": ("08:00", "12:00")},
    country="ID",
)
LANE = ("service", "origin", "destination")


def one(start: object, end: object, **row: object) -> list[dict[str, object]]:
    """A single record with the usual field names."""
    return [{"shipped_at": start, "delivered_at": end, "service": "REG", **row}]


def read(rows: list[dict[str, object]], **options: Any) -> TransitHistory:
    """Read records with the usual field names on the Indonesian calendar."""
    settings_: dict[str, Any] = {
        "start": "shipped_at",
        "end": "delivered_at",
        "lane": "service",
        "calendar": ID_MON_FRI,
    }
    settings_.update(options)
    return TransitHistory.from_records(rows, **settings_)


# ------------------------------------------------------------------ units, exactly
@pytest.mark.parametrize(
    ("start", "end", "calendar", "expected"),
    [
        # Lebaran 2026 on the Indonesian Mon-Fri calendar: 18-24 March are all closed.
        ("2026-03-17T10:00:00+07:00", "2026-03-25T15:00:00+07:00", ID_MON_FRI, 1),
        ("2026-03-16T10:00:00+07:00", "2026-03-27T15:00:00+07:00", ID_MON_FRI, 4),
        ("2026-03-17T10:00:00+07:00", "2026-03-18T15:00:00+07:00", PLAIN, 1),
        # Friday evening to Monday is one business day; Saturday to Monday too.
        ("2026-11-20T19:00:00+07:00", "2026-11-23T09:00:00+07:00", PLAIN, 1),
        ("2026-11-21T10:00:00+07:00", "2026-11-23T09:00:00+07:00", PLAIN, 1),
        ("2026-11-23T08:00:00+07:00", "2026-11-23T17:00:00+07:00", PLAIN, 0),
        # 23:30 UTC on Sunday is Monday morning in Jakarta.
        ("2026-11-20T10:00:00+07:00", "2026-11-22T23:30:00+00:00", PLAIN, 1),
        ("2026-11-20T10:00:00+07:00", "2026-11-22T16:30:00Z", PLAIN, 0),
        # Jayapura (+09:00) delivery at 08:00 is 06:00 the same day in Jakarta.
        ("2026-11-20T10:00:00+07:00", "2026-11-24T08:00:00+09:00", PLAIN, 2),
        # Dates without a time are local dates.
        ("2026-03-17", "2026-03-25", ID_MON_FRI, 1),
        (D(2026, 3, 17), dt.datetime(2026, 3, 26, 9, tzinfo=JKT), ID_MON_FRI, 2),
    ],
)
def test_business_days_are_exact(
    start: object, end: object, calendar: es.BusinessCalendar, expected: int
) -> None:
    """Business days follow the calendar across Lebaran, weekends, zones and plain dates."""
    hist = read(one(start, end), calendar=calendar)
    assert hist.counts("REG") == {expected: 1}


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-11-20T23:00:00+07:00", "2026-11-21T01:00:00+07:00", 1),
        ("2026-11-20T10:00:00+07:00", "2026-11-20T22:00:00+07:00", 0),
        ("2026-02-27", "2026-03-02", 3),
        ("2026-11-20T20:00:00+00:00", "2026-11-21T10:00:00+00:00", 0),  # both 21 Nov in WIB
    ],
)
def test_calendar_days_count_every_day(start: str, end: str, expected: int) -> None:
    """Calendar days count local dates in the calendar's zone, weekends included."""
    hist = read(one(start, end), unit="calendar_days", calendar=PLAIN)
    assert hist.counts("REG") == {expected: 1}


@pytest.mark.parametrize(
    ("start", "end", "expected_hours"),
    [
        ("2026-11-20T16:00:00+07:00", "2026-11-23T10:00:00+07:00", 7.0),  # Fri 1 + Sat 4 + Mon 2
        ("2026-11-21T11:30:00+07:00", "2026-11-23T08:15:00+07:00", 0.75),  # Sat closes at 12
        ("2026-11-22T10:00:00+07:00", "2026-11-23T09:00:00+07:00", 1.0),  # Sunday: closed
        ("2026-11-23T08:00:00+07:00", "2026-11-23T08:00:30+07:00", 1 / 60),  # rounded up
    ],
)
def test_business_hours_count_working_time(start: str, end: str, expected_hours: float) -> None:
    """Business hours count working time only, to the minute rounded up."""
    hist = read(one(start, end), unit="business_hours", calendar=SUPPORT)
    ((hours, rows),) = hist.counts("REG").items()
    assert hours == pytest.approx(expected_hours)
    assert rows == 1


def test_without_a_calendar_calendar_days_use_each_timestamps_own_date() -> None:
    """calendar_days need no calendar: each timestamp's own wall date is used."""
    hist = read(
        one("2026-11-20T23:00:00+09:00", "2026-11-21T00:30:00+07:00"),
        unit="calendar_days",
        calendar=None,
    )
    assert hist.counts("REG") == {1: 1}


# ------------------------------------------------------------------ parsing values
@pytest.mark.parametrize(
    ("value", "options", "expected_day"),
    [
        ("2026-03-17T14:05:00+07:00", {}, D(2026, 3, 17)),
        (" 2026-03-17T14:05:00+07:00 ", {}, D(2026, 3, 17)),
        ("2026-03-17 14:05+07:00", {}, D(2026, 3, 17)),
        ("2026-03-17T07:05:00Z", {}, D(2026, 3, 17)),
        ("2026-03-17T20:05:00.123456-01:00", {}, D(2026, 3, 18)),
        ("20260317T140500+0700", {}, D(2026, 3, 17)),
        ("2026-03-17", {}, D(2026, 3, 17)),
        ("2026-076", {}, D(2026, 3, 17)),  # ordinal date
        ("2026-W12-2", {}, D(2026, 3, 17)),  # week date
        ("2026-03-17T14:05:00", {"tz": "Asia/Jakarta"}, D(2026, 3, 17)),
        ("17/03/2026 14:05", {"tz": "Asia/Jakarta", "dayfirst": True}, D(2026, 3, 17)),
        ("17/03/2026", {"dayfirst": True}, D(2026, 3, 17)),
        ("03/02/2026 23:00 +07:00", {"dayfirst": True}, D(2026, 2, 3)),
        (dt.datetime(2026, 3, 17, 14, 5, tzinfo=JKT), {}, D(2026, 3, 17)),
        (dt.datetime(2026, 3, 17, 14, 5), {"tz": "Asia/Jakarta"}, D(2026, 3, 17)),
        (D(2026, 3, 17), {}, D(2026, 3, 17)),
    ],
)
def test_values_in_every_accepted_shape(
    value: object, options: dict[str, Any], expected_day: dt.date
) -> None:
    """Aware datetimes, ISO 8601 text, dates, naive values with tz= and day-first text are read."""
    end = dt.datetime.combine(D(2026, 3, 31), dt.time(12), tzinfo=JKT)
    hist = read(one(value, end), unit="calendar_days", calendar=PLAIN, **options)
    assert hist.rejected.total == 0
    assert hist.counts("REG") == {(D(2026, 3, 31) - expected_day).days: 1}


# ------------------------------------------------------------------ rejects
GOOD = ("2026-11-20T10:00:00+07:00", "2026-11-24T10:00:00+07:00")


MISSING = object()


def row_of(start: object, end: object, service: object = "REG") -> dict[str, object]:
    """A record; MISSING leaves the field out altogether."""
    values = {"shipped_at": start, "delivered_at": end, "service": service}
    return {k: v for k, v in values.items() if v is not MISSING}


HOURS = {"unit": "business_hours", "calendar": SUPPORT}
LATE = "2026-12-31T10:00:00+07:00"


@pytest.mark.parametrize(
    ("row", "options", "reason", "field"),
    [
        (row_of(GOOD[0], MISSING), {}, "missing_field", "delivered_at"),
        (row_of(GOOD[0], ""), {}, "missing_field", "delivered_at"),
        (row_of(None, GOOD[1]), {}, "missing_field", "shipped_at"),
        (row_of(*GOOD, service=""), {}, "missing_field", "service"),
        (row_of(*GOOD, service=MISSING), {}, "missing_field", "service"),
        (row_of("next tuesday", GOOD[1]), {}, "unparseable", "shipped_at"),
        (row_of("2026-02-30T10:00:00+07:00", GOOD[1]), {}, "unparseable", "shipped_at"),
        (row_of(GOOD[0], "2026-11-24T10:61:00+07:00"), {}, "unparseable", "delivered_at"),
        (row_of(20261120, GOOD[1]), {}, "unparseable", "shipped_at"),
        (row_of("2026", GOOD[1]), {}, "unparseable", "shipped_at"),
        (row_of("2026-11", GOOD[1]), {}, "unparseable", "shipped_at"),
        (row_of("17/03/2026 14:05", GOOD[1]), {}, "unparseable", "shipped_at"),
        (row_of(GOOD[0], "2026-11-24T10:00:00"), {}, "naive_datetime", "delivered_at"),
        (row_of(dt.datetime(2026, 11, 20), GOOD[1]), {}, "naive_datetime", "shipped_at"),
        (row_of(GOOD[1], GOOD[0]), {}, "end_before_start", "delivered_at"),
        (row_of(GOOD[0], "2026-11-20T09:59:00+07:00"), {}, "end_before_start", "delivered_at"),
        (row_of(GOOD[0], LATE), {"max_value": 20}, "beyond_ceiling", "delivered_at"),
        (row_of("2026-11-20", "2026-11-21"), HOURS, "unparseable", "shipped_at"),
    ],
)
def test_bad_rows_are_rejected_with_their_reason(
    row: dict[str, object], options: dict[str, Any], reason: str, field: str
) -> None:
    """Each kind of bad row is counted under its reason, with row number and field; none vanish."""
    rows = [one(*GOOD)[0], row, one(*GOOD)[0]]
    hist = read(rows, **options)
    report = hist.rejected
    assert (report.rows_read, report.accepted, report.total) == (3, 2, 1)
    assert report.counts == {reason: 1}
    (example,) = report.examples[reason]  # type: ignore[index]
    assert (example.row, example.field) == (2, field)
    assert hist.samples == 2
    with pytest.raises(es.InvalidHistoryError) as info:
        read(rows, strict=True, **options)
    assert info.value.field == field
    assert "row 2" in str(info.value)
    assert field in str(info.value)


def test_reject_report_reads_well_and_exports() -> None:
    """str() lists reasons with counts and example rows; as_dict() is JSON and adds up."""
    rows = [*one(*GOOD) * 3, *one(GOOD[0], "") * 7, *one("garbage", GOOD[1])]
    report = read(rows).rejected
    text = str(report)
    assert text.splitlines()[0] == "Rejected 8 of 11 rows; 3 used."
    assert "missing field           7  rows 4, 5, 6 (delivered_at is empty)" in text
    assert "unparseable value       1  row 11 (shipped_at='garbage')" in text
    data = json.loads(json.dumps(report.as_dict()))
    assert data["rows_read"] == data["accepted"] + data["rejected"] == 11
    assert len(data["reasons"]["missing_field"]["examples"]) == MAX_EXAMPLES
    assert str(RejectReport(rows_read=4)) == "No rows rejected; 4 read and used."


@given(
    kinds=st.lists(
        st.sampled_from(["good", "missing", "garbage", "naive", "backwards", "long", "no_lane"]),
        max_size=60,
    )
)
@settings(max_examples=60)
def test_rows_read_equal_accepted_plus_rejected(kinds: list[str]) -> None:
    """Whatever the mix of rows, every row read is either used or counted as rejected."""
    bad = {
        "good": GOOD,
        "missing": (GOOD[0], ""),
        "garbage": ("soon", GOOD[1]),
        "naive": (GOOD[0], "2026-11-24T10:00:00"),
        "backwards": (GOOD[1], GOOD[0]),
        "long": (GOOD[0], "2027-06-01T10:00:00+07:00"),
        "no_lane": GOOD,
    }
    rows: list[dict[str, object]] = [
        {
            "shipped_at": bad[k][0],
            "delivered_at": bad[k][1],
            "service": "" if k == "no_lane" else "X",
        }
        for k in kinds
    ]
    hist = read(rows, max_value=60)
    report = hist.rejected
    assert report.rows_read == len(rows) == report.accepted + report.total
    assert hist.samples == report.accepted == kinds.count("good")


# ------------------------------------------------------------------ setup errors
@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"unit": "weeks"}, "unit"),
        ({"unit": "business_days", "calendar": None}, "calendar"),
        ({"unit": "business_hours", "calendar": PLAIN.replace(hours=None)}, "calendar"),
        ({"calendar": "Asia/Jakarta"}, "calendar"),
        ({"lane": ("service", "service")}, "lane"),
        ({"lane": ("service", 3)}, "lane"),
        ({"start": ""}, "start"),
        ({"max_value": 0}, "max_value"),
        ({"max_value": "30"}, "max_value"),
        ({"dayfirst": "yes"}, "dayfirst"),
        ({"tz": "Mars/Olympus"}, "tz"),
    ],
)
def test_bad_setup_raises_at_once(options: dict[str, Any], field: str) -> None:
    """Unusable arguments raise before any row is read, naming the argument."""
    with pytest.raises((es.InvalidHistoryError, es.InvalidCalendarError)) as info:
        read(one(*GOOD), **options)
    assert info.value.field == field


def test_records_must_be_mappings() -> None:
    """A row that is not a mapping is a programming error, not a reject."""
    with pytest.raises(es.InvalidHistoryError, match="row 2"):
        read([one(*GOOD)[0], ("2026-11-20", "2026-11-21")])  # type: ignore[list-item]
    with pytest.raises(es.InvalidHistoryError, match="iterable of mappings"):
        read(one(*GOOD)[0])  # type: ignore[arg-type]


# ------------------------------------------------------------------ CSV
def _csv_text(rows: list[dict[str, str]], fields: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def test_csv_equals_records_on_the_sample() -> None:
    """The streaming CSV reader gives the same counts and rejects as records."""
    cal = courier_calendar()
    from_csv = TransitHistory.from_csv(
        sample_path(), start="shipped_at", end="delivered_at", lane=SHIPMENT_LANE, calendar=cal
    )
    from_records = TransitHistory.from_records(
        sample_rows(), start="shipped_at", end="delivered_at", lane=SHIPMENT_LANE, calendar=cal
    )
    assert from_csv == from_records
    assert from_csv.rejected.counts == from_records.rejected.counts
    assert from_csv.rejected.rows_read == 3000
    # Row numbers are spreadsheet lines: the header is line 1.
    csv_rows = {e.row for e in from_csv.rejected.examples["missing_field"]}
    record_rows = {e.row for e in from_records.rejected.examples["missing_field"]}
    assert csv_rows == {r + 1 for r in record_rows}


# Daylight saving time moves the local date of some hours: the cache must notice.
AMSTERDAM = es.BusinessCalendar(timezone="Europe/Amsterdam", workdays="Mon-Fri", country=None)
offsets = st.sampled_from(["+07:00", "+08:00", "+09:00", "+00:00", "-05:00", "+14:00", "+05:30"])
moments = st.datetimes(min_value=dt.datetime(2025, 12, 1), max_value=dt.datetime(2026, 4, 30)).map(
    lambda d: d.replace(microsecond=0)
)


@given(
    pairs=st.lists(
        st.tuples(
            moments, offsets, st.integers(min_value=-2 * 86400, max_value=12 * 86400), offsets
        ),
        min_size=1,
        max_size=40,
    ),
    unit=st.sampled_from(["business_days", "calendar_days"]),
    calendar=st.sampled_from([ID_MON_FRI, AMSTERDAM]),
)
@settings(max_examples=80)
def test_csv_fast_path_agrees_with_datetime_objects(
    pairs: list[tuple[dt.datetime, str, int, str]], unit: str, calendar: es.BusinessCalendar
) -> None:
    """Reading ISO text from a CSV gives what reading the same instants as datetimes gives."""
    text_rows: list[dict[str, str]] = []
    object_rows: list[dict[str, object]] = []
    for start, start_offset, seconds, end_offset in pairs:
        start_zone = dt.datetime.fromisoformat(f"2026-01-01T00:00:00{start_offset}").tzinfo
        end_zone = dt.datetime.fromisoformat(f"2026-01-01T00:00:00{end_offset}").tzinfo
        begin = start.replace(tzinfo=start_zone)
        finish = (begin + dt.timedelta(seconds=seconds)).astimezone(end_zone)
        text_rows.append(
            {"service": "X", "shipped_at": begin.isoformat(), "delivered_at": finish.isoformat()}
        )
        object_rows.append({"service": "X", "shipped_at": begin, "delivered_at": finish})
    options: dict[str, Any] = {
        "start": "shipped_at",
        "end": "delivered_at",
        "lane": "service",
        "unit": unit,
        "calendar": calendar,
        "max_value": 8,
    }
    fields = ("service", "shipped_at", "delivered_at")
    fast = TransitHistory.from_csv(io.StringIO(_csv_text(text_rows, fields)), **options)
    slow = TransitHistory.from_records(object_rows, **options)
    assert fast == slow
    assert fast.rejected.counts == slow.rejected.counts


def test_csv_hour_that_straddles_local_midnight() -> None:
    """22:xx at +05:30 is either side of midnight in Jakarta: minutes decide the local date."""
    text = (
        "lane,a,b\n"
        "X,2026-11-20T22:10:00+05:30,2026-11-23T10:00:00+07:00\n"  # Jakarta: Fri 23:40
        "X,2026-11-20T22:40:00+05:30,2026-11-23T10:00:00+07:00\n"  # Jakarta: Sat 00:10
        "X,2026-11-20T22:50:00+05:30,2026-11-23T10:00:00+07:00\n"
    )
    hist = TransitHistory.from_csv(
        io.StringIO(text), start="a", end="b", lane="lane", unit="calendar_days", calendar=PLAIN
    )
    assert hist.counts("X") == {2: 2, 3: 1}


def test_csv_header_and_short_rows(tmp_path: Path) -> None:
    """A missing column is an error naming it; short and blank rows are handled row by row."""
    path = tmp_path / "h.csv"
    path.write_text(
        "service,shipped_at,delivered_at\n"
        f"REG,{GOOD[0]},{GOOD[1]}\n"
        "REG,2026-11-20T10:00:00+07:00\n"
        "\n"
        f'"REG","{GOOD[0]}","{GOOD[1]}"\n',
        encoding="utf-8",
    )
    hist = TransitHistory.from_csv(
        path, start="shipped_at", end="delivered_at", lane="service", calendar=PLAIN
    )
    assert hist.samples == 2
    assert hist.rejected.counts == {"missing_field": 1}
    assert hist.rejected.examples["missing_field"][0].row == 3
    assert hist.rejected.examples["missing_field"][0].source == "h.csv"
    with pytest.raises(es.InvalidHistoryError, match="no column 'route'") as info:
        TransitHistory.from_csv(
            path, start="shipped_at", end="delivered_at", lane="route", calendar=PLAIN
        )
    assert (info.value.field, info.value.value) == ("lane", "route")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(es.InvalidHistoryError, match="empty"):
        TransitHistory.from_csv(empty, start="a", end="b", calendar=PLAIN)


def test_csv_reads_a_spreadsheet_export_day_first(tmp_path: Path) -> None:
    """Semicolon-separated, day-first, naive times with tz= and a BOM are read."""
    path = tmp_path / "export.csv"
    path.write_bytes(
        "\ufeffkurir;dikirim;diterima\n"
        "REG;17/03/2026 14:05;25/03/2026 10:00\n"
        "REG;16/03/2026 09:00;27/03/2026 16:00\n".encode()
    )
    hist = TransitHistory.from_csv(
        path,
        start="dikirim",
        end="diterima",
        lane="kurir",
        calendar=ID_MON_FRI,
        tz="Asia/Jakarta",
        dayfirst=True,
        delimiter=";",
    )
    assert hist.counts("REG") == {1: 1, 4: 1}


# ------------------------------------------------------------------ databases
def _sample_table(connection: Any) -> None:
    connection.execute(
        "CREATE TABLE shipments (order_id TEXT, service TEXT, origin TEXT, destination TEXT, "
        "shipped_at TEXT, delivered_at TEXT)"
    )
    rows = [tuple(None if v == "" else v for v in row.values()) for row in sample_rows()]
    connection.executemany("INSERT INTO shipments VALUES (?, ?, ?, ?, ?, ?)", rows)


@pytest.fixture(params=["sqlite3", "duckdb"])
def database(request: pytest.FixtureRequest) -> Iterator[Any]:
    """The bundled sample shipments in an in-memory sqlite3 or DuckDB database."""
    if request.param == "sqlite3":
        connection: Any = sqlite3.connect(":memory:")
    else:
        import duckdb

        connection = duckdb.connect()
    _sample_table(connection)
    yield connection
    connection.close()


def test_dbapi_equals_records_on_the_sample(database: Any) -> None:
    """from_dbapi over timestamps gives the same history, rejects and windows as records."""
    cal = courier_calendar()
    options: dict[str, Any] = {
        "start": "shipped_at",
        "end": "delivered_at",
        "lane": SHIPMENT_LANE,
        "calendar": cal,
        "max_value": 30,
    }
    from_db = TransitHistory.from_dbapi(database, "SELECT * FROM shipments;", **options)
    from_records = TransitHistory.from_records(sample_rows(), **options)
    assert from_db == from_records
    assert from_db.rejected.counts == from_records.rejected.counts
    assert from_db.rejected.rows_read == 3000
    policy = es.PromisePolicy()
    assert from_db.windows(policy) == from_records.windows(policy)


@pytest.mark.parametrize(
    ("engine", "local_date"),
    [
        # SQLite reads the offset and converts to UTC; Jakarta is UTC+7 all year.
        ("sqlite3", "date({column}, '+7 hours')"),
        ("duckdb", "CAST(timezone('Asia/Jakarta', CAST({column} AS TIMESTAMPTZ)) AS DATE)"),
    ],
)
def test_dbapi_with_local_dates_lets_the_database_count(engine: str, local_date: str) -> None:
    """Selecting local dates makes the database aggregate; the windows stay the same."""
    from expectset.samples import iter_shipments

    if engine == "sqlite3":
        connection: Any = sqlite3.connect(":memory:")
    else:
        duckdb = pytest.importorskip("duckdb")
        connection = duckdb.connect()
    rows = list(iter_shipments(3000, bad_rows=False))
    connection.execute(
        "CREATE TABLE shipments (order_id TEXT, service TEXT, origin TEXT, destination TEXT, "
        "shipped_at TEXT, delivered_at TEXT)"
    )
    connection.executemany("INSERT INTO shipments VALUES (?, ?, ?, ?, ?, ?)", rows)
    query = (
        f"SELECT service, origin, destination, {local_date.format(column='shipped_at')} AS "
        f"shipped_on, {local_date.format(column='delivered_at')} AS delivered_on "
        "FROM shipments WHERE service <> ?"
    )
    cal = courier_calendar()
    from_db = TransitHistory.from_dbapi(
        connection,
        query,
        ["NONE"],
        start="shipped_on",
        end="delivered_on",
        lane=SHIPMENT_LANE,
        calendar=cal,
    )
    records = [
        dict(zip(("order_id", *LANE, "shipped_at", "delivered_at"), r, strict=True)) for r in rows
    ]
    from_records = TransitHistory.from_records(
        records, start="shipped_at", end="delivered_at", lane=SHIPMENT_LANE, calendar=cal
    )
    assert from_db == from_records
    assert from_db.rejected.rows_read == 3000
    connection.close()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(3, 3), (3.0, 3), (Decimal("3"), 3), (" 3 ", 3), (0, None), (2.5, None), (True, None),
     (Decimal("2.5"), None), (float("nan"), None), ("three", None), (None, None)],
)  # fmt: skip
def test_count_column_values(raw: object, expected: int | None) -> None:
    """A count column takes whole numbers of rows from any driver, and nothing else."""
    rows = [{"a": "2026-11-20", "b": "2026-11-23", "n": raw}]
    hist = TransitHistory.from_records(rows, start="a", end="b", count="n", calendar=PLAIN)
    if expected is None:
        assert hist.rejected.counts == {"unparseable": 1}
    else:
        assert hist.counts() == {1: expected}
        assert hist.rejected.rows_read == expected


def test_text_subclasses_are_text() -> None:
    """Values of a str subclass (numpy.str_, for one) are read as text."""

    class Text(str):
        pass

    hist = read(one(Text("2026-11-20T10:00:00+07:00"), Text("2026-11-23T10:00:00+07:00")))
    assert hist.counts("REG") == {1: 1}


def test_dbapi_accepts_a_cursor_and_counts_rejected_groups() -> None:
    """A cursor works as well as a connection; a rejected group counts all its rows."""
    with closing(sqlite3.connect(":memory:")) as connection:
        connection.execute("CREATE TABLE t (lane TEXT, a TEXT, b TEXT)")
        connection.executemany(
            "INSERT INTO t VALUES (?, ?, ?)",
            [("X", "2026-11-20", "2026-11-24")] * 5 + [("X", "2026-11-24", "2026-11-20")] * 3,
        )
        hist = TransitHistory.from_dbapi(
            connection.cursor(), "SELECT * FROM t", start="a", end="b", lane="lane", calendar=PLAIN
        )
    assert hist.counts("X") == {2: 5}
    assert hist.rejected.counts == {"end_before_start": 3}
    assert hist.rejected.examples["end_before_start"][0].rows == 3
    assert hist.rejected.rows_read == 8


def test_aggregate_sql_is_what_is_sent() -> None:
    """The SQL wraps the query, quotes identifiers and groups by lane, start and end."""
    assert aggregate_sql('SELECT * FROM "my ""odd"" table";', start="s", end="e") == (
        'SELECT "s", "e", COUNT(*) AS expectset_rows\n'
        'FROM (\nSELECT * FROM "my ""odd"" table"\n) AS expectset_history\n'
        'GROUP BY "s", "e"\n'
        'ORDER BY "s", "e"'
    )
    with pytest.raises(es.InvalidHistoryError):
        aggregate_sql("  ", start="s", end="e")
    with pytest.raises(es.InvalidHistoryError):
        TransitHistory.from_dbapi(object(), "SELECT 1", start="s", end="e", calendar=PLAIN)


# ------------------------------------------------------------------ counts and merging
def test_from_counts_shapes_and_round_trip() -> None:
    """Plain and dated counts are read; to_counts gives back what from_counts reads."""
    plain = TransitHistory.from_counts(
        {("REG", "JKT", "SBY"): {2: 120, 3: 340}, ("EXP", "JKT", "SBY"): {1: 50}},
        unit="business_days",
    )
    assert plain.counts(("REG",)) == {2: 120, 3: 340}
    assert plain.counts() == {1: 50, 2: 120, 3: 340}
    assert TransitHistory.from_counts(plain.to_counts(), unit="business_days") == plain
    dated = TransitHistory.from_counts(
        {"whatsapp": {(D(2026, 1, 5), 1.5): 3, (D(2026, 1, 6), 0.25): 2}}, unit="business_hours"
    )
    assert dated.counts("whatsapp") == {0.25: 2, 1.5: 3}
    assert dated.last_start == D(2026, 1, 6)
    again = TransitHistory.from_counts(dated.to_counts(dated=True), unit="business_hours")
    assert again == dated


@pytest.mark.parametrize(
    "counts",
    [
        {("A",): {2: -1}},
        {("A",): {2.5: 1}},
        {("A",): {-1: 1}},
        {("A",): {"2": 1}},
        {("A",): {2: True}},
        {("A",): {(dt.datetime(2026, 1, 1), 2): 1}},
        {("A",): {2: 1}, ("A", "B"): {2: 1}},
        {("A",): [2, 3]},
        {3: {2: 1}},
    ],
)
def test_from_counts_refuses_bad_counts(counts: Any) -> None:
    """Negative, fractional-day, mistyped or ragged counts raise InvalidHistoryError."""
    with pytest.raises(es.InvalidHistoryError):
        TransitHistory.from_counts(counts, unit="business_days")


@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
@settings(max_examples=10)
def test_merging_shards_gives_the_whole(seed: int) -> None:
    """Histories of shards, merged, equal the history of all rows, rejects included."""
    rows = sample_rows()
    chooser = random.Random(seed)
    split = [chooser.randrange(4) for _ in rows]
    options: dict[str, Any] = {
        "start": "shipped_at",
        "end": "delivered_at",
        "lane": SHIPMENT_LANE,
        "calendar": courier_calendar(),
        "max_value": 30,
    }
    whole = TransitHistory.from_records(rows, **options)
    shards = [
        TransitHistory.from_records(
            [r for r, s in zip(rows, split, strict=True) if s == i], **options
        )
        for i in range(4)
    ]
    merged = shards[0] + shards[1] + shards[2] + shards[3]
    assert merged == whole
    assert merged.rejected.counts == whole.rejected.counts
    assert merged.rejected.rows_read == whole.rejected.rows_read
    assert shards[0].samples + shards[1].samples <= whole.samples  # + left them alone


def test_merge_in_place_invalidates_cached_windows() -> None:
    """merge() changes the history in place, and windows reflect the new counts."""
    hist = TransitHistory.from_counts({("A",): {1: 100}}, unit="calendar_days")
    policy = es.PromisePolicy(min_samples=1)
    assert hist.window("A", policy).upper == 1
    assert hist.merge(TransitHistory.from_counts({("A",): {9: 50}}, unit="calendar_days")) is hist
    assert hist.window("A", policy).upper == 9
    assert hist.samples == 150


@pytest.mark.parametrize(
    "other",
    [
        TransitHistory.from_counts({("A",): {1: 1}}, unit="business_days"),
        TransitHistory.from_counts({("A", "B"): {1: 1}}, unit="calendar_days"),
        TransitHistory.from_counts({("A",): {1: 1}}, unit="calendar_days", calendar=PLAIN),
        TransitHistory.from_counts({("A",): {1: 1}}, unit="calendar_days", lane="route"),
    ],
)
def test_incompatible_histories_do_not_merge(other: TransitHistory) -> None:
    """Different units, calendars or lane shapes cannot be added up."""
    base = TransitHistory.from_counts({("A",): {1: 1}}, unit="calendar_days", lane="service")
    with pytest.raises(es.InvalidHistoryError):
        base.merge(other)


# ------------------------------------------------------------------ windows and fallback
def _lanes() -> TransitHistory:
    return TransitHistory.from_counts(
        {
            ("REG", "JKT", "SBY"): {2: 300, 3: 150, 4: 50},
            ("REG", "JKT", "DJJ"): {6: 10, 8: 10},
            ("ECO", "JKT", "SBY"): {5: 20},
        },
        unit="business_days",
        calendar=ID_MON_FRI,
        lane=LANE,
    )


@pytest.mark.parametrize(
    ("lane", "used", "requested_samples"),
    [
        (("REG", "JKT", "SBY"), ("REG", "JKT", "SBY"), None),
        (("REG", "JKT", "DJJ"), ("REG", "JKT"), 20),
        (("REG", "JKT", "MDN"), ("REG", "JKT"), 0),
        (("ECO", "JKT", "SBY"), (), 20),
        (("REG",), ("REG",), None),
        ("REG", ("REG",), None),
        (["REG", "JKT"], ("REG", "JKT"), None),
        ((), (), None),
    ],
)
def test_fallback_to_the_parent_lane(
    lane: Any, used: tuple[str, ...], requested_samples: int | None
) -> None:
    """A lane with too few samples uses its parent, then all lanes; the window says so."""
    window = _lanes().window(lane, es.PromisePolicy())
    assert window.lane == used
    assert window.requested_samples == requested_samples
    assert window.fell_back is (requested_samples is not None)
    assert window.calendar == ID_MON_FRI


@pytest.mark.parametrize(
    ("lane", "used", "window", "widened_for"),
    [
        # Slow thin lane under a fast parent: the parent's 3-6 is widened to its own 8.
        (("REG", "JKT", "DJJ"), ("REG", "JKT"), (8, 8), ("REG", "JKT", "DJJ")),
        # Every one of its 20 rows took 5: all lanes' 3-5 starts at 5 for it.
        (("ECO", "JKT", "SBY"), (), (5, 5), ("ECO", "JKT", "SBY")),
        # No rows of its own, and its parent has enough: the parent's window as it is.
        (("REG", "JKT", "MDN"), ("REG", "JKT"), (3, 6), None),
        # No rows of its own, a thin parent with rows: the closest lane with rows widens.
        (("ECO", "JKT", "MDN"), (), (5, 5), ("ECO", "JKT")),
        # A thin lane faster than its parent keeps the parent's (longer) window.
        (("REG", "BDO", "SBY"), ("REG",), (3, 4), None),
    ],
)
def test_fallback_is_widened_to_the_lane_own_durations(
    lane: tuple[str, ...],
    used: tuple[str, ...],
    window: tuple[int, int],
    widened_for: tuple[str, ...] | None,
) -> None:
    """A borrowed window is never shorter than the lane's own plain percentiles."""
    hist = _lanes().merge(
        TransitHistory.from_counts(
            {("REG", "BDO", "SBY"): {1: 20}}, unit="business_days", calendar=ID_MON_FRI
        )
    )
    got = hist.window(lane, es.PromisePolicy())
    assert (got.lane, (got.lower, got.upper), got.widened_for) == (used, window, widened_for)
    assert ("widened to" in str(got)) is (widened_for is not None)


@settings(max_examples=60, deadline=None)
@given(
    parent=st.dictionaries(st.integers(0, 12), st.integers(1, 40), min_size=1, max_size=8),
    thin=st.dictionaries(st.integers(0, 20), st.integers(1, 6), min_size=1, max_size=5),
    on_time=st.sampled_from([0.8, 0.9, 0.95]),
    lower_quantile=st.sampled_from([0.0, 0.5, 0.75]),
    pad=st.integers(0, 2),
)
def test_fallback_window_covers_the_thin_lane_and_the_parent(
    parent: dict[int, int], thin: dict[int, int], on_time: float, lower_quantile: float, pad: int
) -> None:
    """Upper is the larger of the parent's bound and the thin lane's own plain quantile."""
    from expectset.windows import Sample, empirical_bounds, evaluate

    policy = es.PromisePolicy(on_time=on_time, lower_quantile=lower_quantile, pad=pad)
    parent = {value: rows * 50 for value, rows in parent.items()}  # enough for the bound
    hist = TransitHistory.from_counts(
        {("A", "BIG"): parent, ("A", "THIN"): thin}, unit="calendar_days"
    )
    window = hist.window(("A", "THIN"), policy)
    assert window.lane == ("A",)
    merged = {v: parent.get(v, 0) + thin.get(v, 0) for v in {*parent, *thin}}
    both = Sample(values=tuple(sorted(merged)), counts=tuple(merged[v] for v in sorted(merged)))
    own_values = tuple(sorted(thin))
    own = Sample(values=own_values, counts=tuple(thin[v] for v in own_values))
    borrowed, floor = evaluate(both, policy, pad), empirical_bounds(own, policy, pad)
    assert borrowed is not None
    assert floor is not None
    assert window.upper == max(borrowed.upper, floor.upper)
    assert window.lower == min(max(borrowed.lower, floor.lower), window.upper)
    share = sum(thin[v] for v in thin if v <= window.upper) / sum(thin.values())
    assert share >= on_time  # the thin lane's own rows are kept at the policy's rate
    assert (window.widened_for is not None) is (
        floor.upper > borrowed.upper or floor.lower > borrowed.lower
    )


def test_insufficient_history_names_lane_samples_and_need() -> None:
    """When even all lanes together are too few, the error says how many are needed."""
    hist = TransitHistory.from_counts({("A",): {1: 30}}, unit="calendar_days")
    with pytest.raises(es.InsufficientHistoryError) as info:
        hist.window("A", es.PromisePolicy(on_time=0.95, confidence=0.9, min_samples=10))
    assert str(info.value) == (
        "not enough history for A: 30 samples even on all lanes together, 45 needed for "
        "95% on time with 90% confidence (min_samples=10)"
    )
    assert (info.value.field, info.value.value) == ("lane", ("A",))
    assert hist.window("A", es.PromisePolicy(on_time=0.9, min_samples=10)).upper == 1


def test_lane_longer_than_the_history_is_an_error() -> None:
    """Asking for more lane keys than the history has is a mistake, not a fallback."""
    with pytest.raises(es.InvalidHistoryError, match="has 4 keys"):
        _lanes().window(("REG", "JKT", "SBY", "X"))
    with pytest.raises(es.InvalidHistoryError):
        _lanes().window(("REG", 3))  # type: ignore[arg-type]


def test_windows_are_cached_until_the_history_changes() -> None:
    """The same request returns the same window object; merging clears the cache."""
    hist = _lanes()
    policy = es.PromisePolicy()
    first = hist.window(("REG", "JKT", "SBY"), policy)
    assert hist.window(("REG", "JKT", "SBY"), policy) is first
    assert hist.window(["REG", "JKT", "SBY"], policy) is first
    hist.merge(
        TransitHistory.from_counts(
            {("REG", "JKT", "SBY"): {9: 1}}, unit="business_days", calendar=ID_MON_FRI
        )
    )
    assert hist.window(("REG", "JKT", "SBY"), policy) is not first


def _dated() -> TransitHistory:
    """Slow deliveries a year ago, fast ones recently, on one lane."""
    old = {(D(2025, 1, 1) + dt.timedelta(days=i), 8): 2 for i in range(100)}
    new = {(D(2026, 1, 1) + dt.timedelta(days=i), 2): 1 for i in range(100)}
    return TransitHistory.from_counts({("A",): {**old, **new}}, unit="calendar_days")


def test_recency_weights_follow_the_recent_history() -> None:
    """With a short half-life the window follows recent rows and the effective size shrinks."""
    hist = _dated()
    flat = hist.window("A", es.PromisePolicy())
    recent = hist.window("A", es.PromisePolicy(halflife_days=30))
    assert flat.upper == 8
    assert recent.upper == 2
    assert recent.samples == 300
    assert recent.effective_samples < 100
    assert flat.effective_samples == 300


def test_as_of_leaves_out_later_rows() -> None:
    """as_of sees only rows that started by then, and weighs them from that day."""
    hist = _dated()
    window = hist.window("A", es.PromisePolicy(), as_of=D(2025, 6, 1))
    assert (window.samples, window.upper, window.as_of) == (200, 8, D(2025, 6, 1))
    aware = dt.datetime(2025, 6, 1, 23, 30, tzinfo=dt.timezone.utc)  # no calendar: its own date
    assert hist.window("A", es.PromisePolicy(), as_of=aware).samples == 200
    with pytest.raises(es.InvalidHistoryError):
        hist.window("A", es.PromisePolicy(), as_of="2025-06-01")  # type: ignore[arg-type]


def test_undated_counts_cannot_be_weighted_by_recency() -> None:
    """Recency weights need start days; counts without them say so."""
    hist = TransitHistory.from_counts({("A",): {2: 100}}, unit="calendar_days")
    with pytest.raises(es.InvalidPolicyError, match="start days"):
        hist.window("A", es.PromisePolicy(halflife_days=30))


def test_history_describes_itself() -> None:
    """The repr shows unit, lanes, samples and rejects; lanes are sorted."""
    hist = _lanes()
    assert repr(hist) == "TransitHistory(unit='business_days', lanes=3, samples=540, rejected=0)"
    assert hist.lanes[0] == ("ECO", "JKT", "SBY")
    assert len(hist) == 540
    assert hist.lane_fields == LANE


def test_from_counts_carries_the_report_of_the_rows_counted() -> None:
    """Counts made elsewhere keep their reject report, which must add up to the counts."""
    report = RejectReport(rows_read=12, counts={"missing_field": 2})
    hist = TransitHistory.from_counts({("REG",): {2: 4, 3: 6}}, rejected=report)
    assert hist.rejected is report
    assert hist.rejected.accepted == hist.samples
    with pytest.raises(es.InvalidHistoryError, match="rows counted"):
        TransitHistory.from_counts({("REG",): {2: 4}}, rejected=report)
