"""Files larger than memory: DuckDB counts a CSV or Parquet file as from_csv reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from expectset.history import TransitHistory, aggregate_sql
from expectset.samples import SHIPMENT_LANE, courier_calendar, write_shipments

# ISO 8601 text with an offset: DuckDB turns it into the local date; anything else (a
# plain date, a naive time, garbage) is passed on as written, for expectset to read or
# reject with its reason.
ISO_WITH_OFFSET = r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d(:?\d\d)?)"
LOCAL_DATE = (
    "CASE WHEN regexp_full_match({c}, '"
    + ISO_WITH_OFFSET.replace("{", "{{").replace("}", "}}")
    + "') THEN coalesce(strftime(timezone('Asia/Jakarta', TRY_CAST({c} AS TIMESTAMPTZ)), "
    "'%Y-%m-%d'), {c}) ELSE {c} END"
)


def local_dates_query(source: str) -> str:
    """Lanes and local dates of shipments read by a DuckDB table function."""
    return (
        "SELECT service, origin, destination, "
        f"{LOCAL_DATE.format(c='shipped_at')} AS shipped_on, "
        f"{LOCAL_DATE.format(c='delivered_at')} AS delivered_on FROM {source}"
    )


OPTIONS: dict[str, Any] = {"lane": SHIPMENT_LANE, "max_value": 30}


@pytest.fixture(scope="module")
def shipments(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """20,000 generated shipments (bad rows included) as CSV, and as Parquet."""
    folder = tmp_path_factory.mktemp("scaling")
    csv_path = folder / "shipments.csv"
    write_shipments(csv_path, 20_000)
    parquet_path = folder / "shipments.parquet"
    with duckdb.connect() as connection:
        connection.execute(
            f"COPY (SELECT * FROM read_csv('{csv_path}', all_varchar = true)) "
            f"TO '{parquet_path}' (FORMAT parquet)"
        )
    return csv_path, parquet_path


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_duckdb_counts_a_file_as_from_csv_reads_it(shipments: tuple[Path, Path], kind: str) -> None:
    """Local dates made in DuckDB give from_csv's counts and reject reasons, in fewer rows."""
    csv_path, parquet_path = shipments
    source = (
        f"read_csv('{csv_path}', all_varchar = true)"
        if kind == "csv"
        else f"read_parquet('{parquet_path}')"
    )
    calendar = courier_calendar()
    expected = TransitHistory.from_csv(
        csv_path, start="shipped_at", end="delivered_at", calendar=calendar, **OPTIONS
    )
    with duckdb.connect() as connection:
        query = local_dates_query(source)
        hist = TransitHistory.from_dbapi(
            connection, query, start="shipped_on", end="delivered_on", calendar=calendar, **OPTIONS
        )
        sent = aggregate_sql(query, start="shipped_on", end="delivered_on", lane=SHIPMENT_LANE)
        groups = connection.execute(f"SELECT count(*) FROM ({sent})").fetchone()
    assert hist == expected
    assert hist.rejected.counts == expected.rejected.counts
    assert hist.rejected.rows_read == expected.rejected.rows_read == 20_000
    assert groups is not None
    assert groups[0] < 20_000 * 2 // 3  # the database did the counting


def test_raw_timestamps_from_duckdb_read_like_the_csv(shipments: tuple[Path, Path]) -> None:
    """Selecting the timestamps as they are leaves every decision to expectset."""
    csv_path, _ = shipments
    calendar = courier_calendar()
    expected = TransitHistory.from_csv(
        csv_path, start="shipped_at", end="delivered_at", calendar=calendar, **OPTIONS
    )
    with duckdb.connect() as connection:
        hist = TransitHistory.from_dbapi(
            connection,
            f"SELECT * FROM read_csv_auto('{csv_path}', all_varchar = true)",
            start="shipped_at",
            end="delivered_at",
            calendar=calendar,
            **OPTIONS,
        )
    assert hist == expected
    assert hist.rejected.counts == expected.rejected.counts
