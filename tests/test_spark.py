"""Spark counts the same history as from_records, bad rows included (local mode)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from pyspark.sql import SparkSession  # the test extra installs PySpark: missing is a failure

import expectset as es
from expectset.history import TransitHistory
from expectset.samples import SHIPMENT_COLUMNS, SHIPMENT_LANE, courier_calendar, iter_shipments
from expectset.spark import SparkCounts, transit_counts
from expectset.windows import Unit

pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)

SCHEMA = ", ".join(f"{name} string" for name in SHIPMENT_COLUMNS)


def _java() -> bool:
    home = os.environ.get("JAVA_HOME")
    return shutil.which("java") is not None or bool(home and os.path.isdir(home))


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark session for the whole run (skipped only where Java is missing)."""
    if not _java():
        pytest.skip("Java is not available: Spark's local mode needs a Java runtime")
    # Spark starts its Python workers with `python3` from PATH unless told otherwise; under
    # another interpreter (CI's Python 3.10 and 3.13 runs) the minor versions differ and
    # every task fails. Point workers and driver at the interpreter running the tests.
    saved = {name: os.environ.get(name) for name in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")}
    for name in saved:
        os.environ[name] = sys.executable
    session = (
        SparkSession.builder.master("local[1]")
        .appName("expectset-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


EXTRA_ROWS = [
    # Empty and missing lanes, padded and other spellings of the same moments.
    ("X1", "", "JKT", "SBY", "2026-01-05T10:00:00+07:00", "2026-01-07T10:00:00+07:00"),
    ("X2", "REG", None, "SBY", "2026-01-05T10:00:00+07:00", "2026-01-07T10:00:00+07:00"),
    ("X3", "REG", "JKT", "SBY", " 2026-01-05T10:00:00+07:00 ", "2026-01-07 10:00:00+07:00"),
    ("X4", "REG", "JKT", "SBY", "2026-01-05T03:00:00Z", "2026-01-07T10:00:00.250+07:00"),
    ("X5", "REG", "JKT", "SBY", "2026-01-05T10:00+07:00", "2026-01-07T09:00:00+08:00"),
    ("X6", "REG", "JKT", "SBY", "2026-01-05", "2026-01-07"),
    # Midnight in Jakarta from other offsets: the local date decides.
    ("X7", "REG", "JKT", "DJJ", "2026-01-04T17:30:00Z", "2026-01-08T01:30:00+09:00"),
    # Bad: unparseable, out of range, naive, empty, end before start on the same day.
    ("X8", "REG", "JKT", "SBY", "garbage", "2026-01-07T10:00:00+07:00"),
    ("X9", "REG", "JKT", "SBY", "2026-02-30T10:00:00+07:00", "2026-03-07T10:00:00+07:00"),
    ("XA", "REG", "JKT", "SBY", "2026-01-05T10:00:00", "2026-01-07T10:00:00+07:00"),
    ("XB", "REG", "JKT", "SBY", "2026-01-05T10:00:00+07:00", "   "),
    ("XC", "REG", "JKT", "SBY", "2026-01-05T10:00:00+07:00", None),
    ("XD", "REG", "JKT", "SBY", "2026-01-05T10:00:00+07:00", "2026-01-05T09:00:00+07:00"),
    ("XE", "REG", "JKT", "SBY", "2026-01-05T10:00:00+07:00", "2026-01-05T11:00:00+07:00"),
    ("XF", "REG", "JKT", "SBY", "2026-01-05T10:00:00+07:00", "2026-01-04"),
]


def _rows() -> list[tuple[Any, ...]]:
    """The sample generator's rows (its six bad ones among them) and the rows above."""
    return [*iter_shipments(1500), *EXTRA_ROWS]


def _records(rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [dict(zip(SHIPMENT_COLUMNS, row, strict=True)) for row in rows]


OPTIONS: dict[str, Any] = {"start": "shipped_at", "end": "delivered_at", "lane": SHIPMENT_LANE}


def assert_same(counts: SparkCounts, expected: TransitHistory) -> None:
    """Spark's counts build the history from_records builds, rejects counted alike."""
    hist = counts.history()
    assert hist == expected
    assert hist.rejected.counts == expected.rejected.counts
    assert hist.rejected.rows_read == expected.rejected.rows_read
    if expected.samples >= 100:
        assert hist.windows() == expected.windows()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("unit", "max_value", "tz"),
    [("business_days", 30, None), ("calendar_days", None, "Asia/Jakarta")],
)
def test_spark_counts_equal_records(
    spark: Any, unit: Unit, max_value: int | None, tz: str | None
) -> None:
    """Counts, reject reasons and windows equal from_records' on the same rows."""
    rows = _rows()
    df = spark.createDataFrame(rows, SCHEMA)
    options: dict[str, Any] = {
        **OPTIONS,
        "unit": unit,
        "calendar": courier_calendar(),
        "max_value": max_value,
        "tz": tz,
    }
    counts = transit_counts(df, **options)
    expected = TransitHistory.from_records(_records(rows), **options)
    assert expected.rejected.total >= 10  # the bad rows are really there
    assert_same(counts, expected)
    # The mapping is what from_counts reads; its report says what was left out.
    again = TransitHistory.from_counts(counts, unit=unit, calendar=courier_calendar())
    assert again == counts.history()
    assert str(counts.history().rejected).startswith("Rejected")


@pytest.mark.slow
def test_spark_timestamp_and_date_columns(spark: Any) -> None:
    """Spark timestamps are instants and Spark dates local dates, as datetimes and dates."""
    jakarta = es.BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
    utc = dt.timezone.utc
    rows = [
        ("REG", dt.datetime(2026, 3, 16, 20, tzinfo=utc), dt.date(2026, 3, 25)),
        ("REG", dt.datetime(2026, 3, 16, 16, 59, tzinfo=utc), dt.date(2026, 3, 17)),
        ("EXP", dt.datetime(2026, 3, 17, 1, tzinfo=utc), dt.date(2026, 3, 16)),
        ("EXP", None, dt.date(2026, 3, 20)),
    ]
    df = spark.createDataFrame(rows, "service string, shipped timestamp, delivered date")
    options: dict[str, Any] = {"start": "shipped", "end": "delivered", "lane": "service"}
    counts = transit_counts(df, calendar=jakarta, **options)
    records = [dict(zip(("service", "shipped", "delivered"), r, strict=True)) for r in rows]
    assert_same(counts, TransitHistory.from_records(records, calendar=jakarta, **options))


def test_spark_refuses_business_hours_and_a_second_zone(spark: Any) -> None:
    """Hours need instants; local dates are the calendar's, not another zone's."""
    df = spark.createDataFrame(
        [("REG", "2026-01-05", "2026-01-06")], "a string, b string, c string"
    )
    desk = es.BusinessCalendar(timezone="Asia/Jakarta", hours=("08:00", "17:00"))
    with pytest.raises(es.InvalidHistoryError, match="business_hours"):
        transit_counts(df, start="b", end="c", lane="a", unit="business_hours", calendar=desk)
    with pytest.raises(es.InvalidHistoryError, match="calendar's zone"):
        transit_counts(df, start="b", end="c", lane="a", calendar=desk, timezone="Asia/Makassar")
