"""Sample data: deterministic generators, the bundled files, and what they contain."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from pathlib import Path

import pytest

import expectset as es
from expectset import samples


@pytest.mark.parametrize("name", ["shipments", "support"])
def test_bundled_file_is_a_fresh_generation(name: str) -> None:
    """The bundled CSV equals, byte for byte, what the generator writes today."""
    buffer = io.StringIO()
    if name == "shipments":
        samples.write_shipments(buffer)
    else:
        samples.write_support(buffer)
    assert samples.sample_path(name).read_bytes() == buffer.getvalue().encode("utf-8")


def test_regenerating_writes_identical_files(tmp_path: Path) -> None:
    """`python -m expectset.samples --write --dir` writes the bundled files; --check passes."""
    assert samples.main(["--write", "--dir", str(tmp_path)]) == 0
    for name in ("shipments", "support"):
        written = (tmp_path / f"{name}.csv").read_bytes()
        assert written == samples.sample_path(name).read_bytes()
    assert samples.main(["--check"]) == 0


def test_generators_are_deterministic_and_seeded() -> None:
    """The same seed gives the same rows; another seed gives others; n rows come out."""
    first = list(samples.iter_shipments(500, seed=7))
    assert first == list(samples.iter_shipments(500, seed=7))
    assert first != list(samples.iter_shipments(500, seed=8))
    assert len(first) == 500
    assert len(list(samples.iter_support(250, seed=7))) == 250
    shipped = [row[4] for row in samples.iter_shipments(500, seed=7, bad_rows=False)]
    assert shipped == sorted(shipped)


def test_generators_stream() -> None:
    """Rows come one at a time: a million-row generator starts at once."""
    rows = samples.iter_shipments(1_000_000, seed=3)
    assert len(list(itertools.islice(rows, 3))) == 3


def test_frozen_holidays_match_the_live_calendar() -> None:
    """The generator's frozen closures are the Indonesian holidays the calendar knows."""
    live = es.BusinessCalendar(country="ID").closures_between(
        dt.date(2025, 1, 1), dt.date(2026, 12, 31), include_non_workdays=True
    )
    assert sorted({c.date.isoformat() for c in live}) == list(samples.FROZEN_CLOSED_DAYS)


def test_bundled_shipments_reject_exactly_the_planted_rows() -> None:
    """The six deliberately bad rows are rejected, each under its reason."""
    report = samples.sample_history().rejected
    assert report.rows_read == samples.SHIPMENTS_N
    assert dict(report.counts) == {
        "missing_field": 2,
        "unparseable": 1,
        "naive_datetime": 1,
        "end_before_start": 1,
        "beyond_ceiling": 1,
    }
    with pytest.raises(es.InvalidHistoryError):
        samples.sample_history(strict=True)


def test_bundled_shipments_look_like_indonesian_couriers() -> None:
    """Fifteen lanes from Jakarta; Jayapura is slower than Surabaya; express beats economy."""
    hist = samples.sample_history()
    assert len(hist.lanes) == 15
    assert {lane[1] for lane in hist.lanes} == {"JKT"}
    policy = es.PromisePolicy()
    window = {lane: hist.window(lane, policy) for lane in hist.lanes}
    assert window["REG", "JKT", "DJJ"].upper > window["REG", "JKT", "SBY"].upper
    assert window["EXP", "JKT", "SBY"].upper < window["ECO", "JKT", "SBY"].upper
    transit = hist.counts(("REG", "JKT", "SBY"))
    mode = max(transit, key=transit.__getitem__)
    assert mode < max(transit) - 3  # right-skewed: a long tail above the usual


def test_bundled_shipments_slow_down_around_lebaran() -> None:
    """Parcels shipped in the Lebaran weeks take longer, even counted in business days."""
    rows = samples.sample_rows()
    hist = samples.sample_history()
    assert hist.samples > 2900

    def mean_transit(first: dt.date, last: dt.date) -> float:
        chosen = [
            r
            for r in rows
            if r["delivered_at"][:1] == "2"
            and r["shipped_at"][:4] == "2026"
            and first.isoformat() <= r["shipped_at"][:10] <= last.isoformat()
        ]
        part = es.TransitHistory.from_records(
            chosen,
            start="shipped_at",
            end="delivered_at",
            unit="business_days",
            calendar=samples.courier_calendar(),
        )
        counts = part.counts()
        return sum(v * n for v, n in counts.items()) / sum(counts.values())

    lebaran = mean_transit(dt.date(2026, 3, 11), dt.date(2026, 3, 28))
    ordinary = mean_transit(dt.date(2026, 5, 1), dt.date(2026, 6, 15))
    assert lebaran > ordinary + 0.75  # about one business day more


def test_support_history_in_business_hours() -> None:
    """Support requests are answered in business hours on the desk's calendar."""
    hist = samples.sample_support_history()
    assert hist.unit == "business_hours"
    assert hist.rejected.total == 0
    assert {lane[0] for lane in hist.lanes} == {"phone", "email", "whatsapp"}
    window = hist.window(("phone",), es.PromisePolicy())
    assert window.upper < hist.window(("email",), es.PromisePolicy()).upper
