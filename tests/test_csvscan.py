"""The chunked CSV reader gives exactly what the row-by-row reader gives."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import expectset as es
from expectset import _csvscan, history
from expectset.history import TransitHistory
from expectset.samples import SHIPMENT_LANE, courier_calendar, sample_path, write_shipments

JAKARTA = es.BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Sat", country="ID")
AMSTERDAM = es.BusinessCalendar(timezone="Europe/Amsterdam", workdays="Mon-Fri", country=None)
KOLKATA = es.BusinessCalendar(timezone="Asia/Kolkata", workdays="Mon-Fri", country=None)
COLUMNS = ("order_id", "service", "origin", "destination", "shipped_at", "delivered_at")


def _outcome(path: Path, scan: bool, monkeypatch: pytest.MonkeyPatch, options: Any) -> Any:
    """Read ``path`` one way: the history and its reject report, or the error raised."""
    monkeypatch.setattr(history, "_SCAN_CSV", scan)
    try:
        hist = TransitHistory.from_csv(path, **options)
    except Exception as error:  # the same error either way is part of the contract
        return type(error), str(error)
    return hist.to_counts(dated=True), hist.lanes, hist.rejected.as_dict()


def assert_same(path: Path, monkeypatch: pytest.MonkeyPatch, **options: Any) -> Any:
    """Both readers agree on ``path``: counts, lanes, rejects (rows, reasons) or the error."""
    options.setdefault("start", "shipped_at")
    options.setdefault("end", "delivered_at")
    options.setdefault("lane", SHIPMENT_LANE)
    fast = _outcome(path, True, monkeypatch, options)
    slow = _outcome(path, False, monkeypatch, options)
    assert fast == slow
    return fast


# ------------------------------------------------------------------ generated rows
def _stamp(rng: random.Random, offset: str, *, hour: int | None = None) -> str:
    day = dt.date(2025, 12, 20) + dt.timedelta(days=rng.randrange(30))
    hour = rng.randrange(24) if hour is None else hour
    sep = "T" if rng.random() < 0.9 else " "
    return f"{day}{sep}{hour:02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}{offset}"


ODD_VALUES = [
    "",
    " ",
    "2026-01-05",
    "2026-01-05T10:00:00",
    "2026-01-05T10:00:00Z",
    "2026-01-05T24:00:00+07:00",
    "2026-01-05T31:00:00+07:00",
    "2026-01-05T10:60:00+07:00",
    "2026-01-05T10:00:61+07:00",
    "2026-01-05T10:00:00+24:00",
    "2026-01-05T10:00:00+07:60",
    "2026-02-30T10:00:00+07:00",
    "2026-13-01T10:00:00+07:00",
    "2026-01-05X10:00:00+07:00",
    "2026-01-05t10:00:00+07:00",
    "2026-01-05T10:00:00.5+07:00",
    "2026+01+05T10:00:00+07:00",
    "2026-W02-1T10:00:00+07:00",
    "20260105T100000+0700",
    " 2026-01-05T10:00:00+07:00",
    "2026-01-05T10:00:00+07:00 ",
    "05/01/2026 10:00",
    "1899-12-31T10:00:00+07:00",
    "2201-01-02T10:00:00+07:00",
    "1899-12-31",
    "2201-01-02",
    "０２０２6-01-05T10:00:00+07:00",
    "2026-01-0５T10:00:00+07:00",
    "garbage",
]


CITIES = ["Jakarta", "Surabaya", "Denpasar", "Bandung Barat"]


def _rows(
    seed: int, n: int, odd: float, offsets: list[str], *, names: bool = False, days: bool = False
) -> Iterator[list[str]]:
    """Rows mostly alike (codes, one layout), some of them odd in every way we know.

    ``names`` writes city names (fields of varying width), ``days`` plain dates.
    """
    rng = random.Random(seed)
    for i in range(n):
        start = _stamp(rng, offsets[0] if rng.random() < 0.7 else rng.choice(offsets))
        begin = dt.datetime.fromisoformat(start)
        later = begin + dt.timedelta(hours=rng.choice([0, 1, 5, 20, 30, 50, 80, 200, -3]))
        end_zone = dt.datetime.fromisoformat("2026-01-01T00:00:00" + rng.choice(offsets)).tzinfo
        end = later.astimezone(end_zone).isoformat()
        if days:
            start, end = start[:10], end[:10]
        places = CITIES if names else ["SBY", "DPS"]
        row = [f"INV/{i:06d}", rng.choice(["REG", "EXP", "ECO"]), "JKT", rng.choice(places)]
        row += [start, end]
        if rng.random() < odd:
            where = rng.choice([1, 2, 3, 4, 4, 5, 5, 5])
            row[where] = rng.choice(
                [*ODD_VALUES, "SURABAYA", "A,B", 'say "hi"', "ÄÖ", "X\nY"]
                if where < 4
                else ODD_VALUES
            )
        if rng.random() < odd / 4:
            row = row[: rng.randrange(len(row))]  # a short row
        if rng.random() < odd / 4:
            row = [*row, "extra"]
        yield row


def _write(path: Path, rows: Any, *, newline: str = "\n", tail: bool = True) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    text = buffer.getvalue()
    if not tail:
        text = text.rstrip("\r\n")
    path.write_text(text, encoding="utf-8", newline="")


@pytest.fixture
def tiny_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a few lines, so that files of a few rows cross many chunk boundaries."""
    monkeypatch.setattr(_csvscan, "CHUNK", 700)
    monkeypatch.setattr(_csvscan, "SPLIT", 250)
    monkeypatch.setattr(_csvscan, "RETRY", 0)


OFFSETS = [["+07:00"], ["+07:00", "+08:00", "+09:00"], ["+07:00", "+05:30", "-05:00", "+14:00"]]


@given(
    seed=st.integers(0, 10**6),
    n=st.integers(1, 120),
    odd=st.sampled_from([0.0, 0.02, 0.2, 0.6]),
    offsets=st.sampled_from(OFFSETS),
    calendar=st.sampled_from([JAKARTA, AMSTERDAM, KOLKATA, None]),
    unit=st.sampled_from(["business_days", "calendar_days"]),
    max_value=st.sampled_from([None, 3, 9]),
    lane=st.sampled_from(
        [
            SHIPMENT_LANE,
            ("destination",),
            ("origin", "service"),
            ("service", "destination"),
            ("origin", "destination", "service"),
            (),
        ]
    ),
    shape=st.sampled_from(["codes", "codes", "names", "days"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    tail=st.booleans(),
    chunk=st.sampled_from([40, 150, 700, 5000]),
    retry=st.sampled_from([0, 2]),
    strict=st.booleans(),
)
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_chunked_reader_equals_row_reader(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
    n: int,
    odd: float,
    offsets: list[str],
    calendar: es.BusinessCalendar | None,
    unit: str,
    max_value: int | None,
    lane: tuple[str, ...],
    shape: str,
    newline: str,
    tail: bool,
    chunk: int,
    retry: int,
    strict: bool,
) -> None:
    """Generated files with bad, odd, short, quoted and zoned rows read the same both ways."""
    if calendar is None and unit == "business_days":
        unit = "calendar_days"
    monkeypatch.setattr(_csvscan, "CHUNK", chunk)
    monkeypatch.setattr(_csvscan, "SPLIT", max(1, chunk // 3))  # chunks split in pieces
    monkeypatch.setattr(_csvscan, "RETRY", retry)
    path = tmp_path / f"h{seed}.csv"
    rows = _rows(seed, n, odd, offsets, names=shape == "names", days=shape == "days")
    _write(path, rows, newline=newline, tail=tail)
    assert_same(
        path,
        monkeypatch,
        lane=lane,
        unit=unit,
        calendar=calendar,
        max_value=max_value,
        strict=strict,
    )


@pytest.mark.usefixtures("tiny_chunks")
@pytest.mark.parametrize(
    "text",
    [
        # A blank line, and a line of spaces: skipped and rejected, numbered in order.
        "REG,JKT,SBY,2026-01-05T10:00:00+07:00,2026-01-07T10:00:00+07:00\n\n   \n",
        # Quotes anywhere hand the rest of the file to the csv module.
        'REG,JKT,SBY,2026-01-05T10:00:00+07:00,2026-01-07T10:00:00+07:00\n"RE\nG",JKT,SBY,'
        "2026-01-05T10:00:00+07:00,2026-01-07T10:00:00+07:00\n",
        # A lone carriage return ends a line too.
        "REG,JKT,SBY,2026-01-05T10:00:00+07:00,2026-01-07T10:00:00+07:00\rREG,JKT,SBY,"
        "2026-01-05T10:00:00+07:00,2026-01-08T10:00:00+07:00\n",
        # Old Mac line ends only.
        "REG,JKT,SBY,2026-01-05T10:00:00+07:00,2026-01-07T10:00:00+07:00\r" * 40,
        # Delivered the same day: in order, and a minute before it was shipped.
        "REG,JKT,SBY,2026-01-05T10:00:00+07:00,2026-01-05T11:00:00+07:00\n"
        "REG,JKT,SBY,2026-01-05T10:00:00+07:00,2026-01-05T09:59:00+07:00\n"
        "REG,JKT,SBY,2026-01-05T10:00:00+07:00,2026-01-05T10:59:00+08:00\n" * 5,
        # 00:30 at +08:00 is 23:30 the day before in Jakarta; 23:30 at +05:30 is 01:00 after.
        "REG,JKT,SBY,2026-01-05T10:00:00+07:00,2026-01-08T00:30:00+08:00\n"
        "REG,JKT,SBY,2026-01-05T10:00:00+07:00,2026-01-07T23:30:00+05:30\n" * 20,
        # Around the new year, and a NUL.
        "REG,JKT,SBY,2025-12-31T10:00:00+07:00,2026-01-02T10:00:00+07:00\n" * 30
        + "REG,JKT,SBY,2025-12-31T10:00:00+07:00,2026-01-02T10:00:00+07:00\0\n",
        # Plain dates, and more fields than the header.
        "REG,JKT,SBY,2026-01-05,2026-01-07\nREG,JKT,SBY,2026-01-05,2026-01-07,x\n" * 30,
        # An empty lane on the first line of a chunk, and on others.
        ",JKT,SBY,2026-01-05T10:00:00+07:00,2026-01-07T10:00:00+07:00\n"
        "REG,,SBY,2026-01-05T10:00:00+07:00,2026-01-07T10:00:00+07:00\n" * 20,
        # Without a final line end.
        "REG,JKT,SBY,2026-01-05T10:00:00+07:00,2026-01-07T10:00:00+07:00",
    ],
)
def test_edge_files_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """Blank lines, quotes, carriage returns, same-day order, midnight at other offsets."""
    path = tmp_path / "edge.csv"
    path.write_text(
        "service,origin,destination,shipped_at,delivered_at\n" + text,
        encoding="utf-8",
        newline="",
    )
    for calendar in (JAKARTA, KOLKATA, AMSTERDAM):
        for strict in (False, True):
            assert_same(path, monkeypatch, calendar=calendar, strict=strict)


def test_bundled_sample_and_a_large_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample, and 20,000 generated rows with bad ones, read the same in real chunks."""
    _, _, report = assert_same(
        sample_path(), monkeypatch, calendar=courier_calendar(), max_value=30
    )
    assert report["rows_read"] == 3000
    path = tmp_path / "big.csv"
    write_shipments(path, 20_000)
    _, _, report = assert_same(path, monkeypatch, calendar=courier_calendar(), max_value=10)
    assert report["rows_read"] == 20_000
    assert report["rejected"] > 6


@pytest.mark.usefixtures("tiny_chunks")
def test_semicolons_and_day_first_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another delimiter is read in chunks too; day-first text is always read row by row."""
    path = tmp_path / "export.csv"
    stamp = "2026-01-{:02d}T10:00:00+07:00"
    lines = ["kurir;dikirim;diterima"] + [
        f"REG;{stamp.format(d)};{stamp.format(d + 2)}" for d in range(1, 28)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_same(path, monkeypatch, start="dikirim", end="diterima", lane="kurir",
                calendar=JAKARTA, delimiter=";")  # fmt: skip
    day_first = tmp_path / "dayfirst.csv"
    day_first.write_text(
        "kurir;dikirim;diterima\nREG;17/03/2026 14:05;25/03/2026 10:00\n", encoding="utf-8"
    )
    assert_same(day_first, monkeypatch, start="dikirim", end="diterima", lane="kurir",
                calendar=JAKARTA, delimiter=";", tz="Asia/Jakarta", dayfirst=True)  # fmt: skip


def test_open_handles_are_read_row_by_row(tmp_path: Path) -> None:
    """A handle passed in is read by the csv module: its line ends are its own business."""
    path = tmp_path / "h.csv"
    _write(path, _rows(1, 50, 0.1, OFFSETS[1]))
    options: dict[str, Any] = {"start": "shipped_at", "end": "delivered_at",
                               "lane": SHIPMENT_LANE, "calendar": JAKARTA}  # fmt: skip
    with path.open(newline="", encoding="utf-8") as handle:
        from_handle = TransitHistory.from_csv(handle, **options)
    assert from_handle == TransitHistory.from_csv(path, **options)
