"""Backtests: promises replayed in time order from what was known, and the report."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import Any

import pytest

import expectset as es
from expectset.backtesting import BacktestReport, backtest
from expectset.samples import (
    SHIPMENT_LANE,
    SUPPORT_LANE,
    courier_calendar,
    sample_path,
    sample_rows,
    sample_support_rows,
    support_calendar,
)

SAMPLE: dict[str, Any] = {
    "start": "shipped_at",
    "end": "delivered_at",
    "lane": SHIPMENT_LANE,
    "calendar": courier_calendar(),
    "max_value": 30,
}


@pytest.fixture(scope="module")
def report() -> BacktestReport:
    """The default policy replayed on the bundled shipments."""
    return backtest(sample_rows(), policy=es.PromisePolicy(), **SAMPLE)


def test_on_time_rate_on_the_sample_matches_the_policy(report: BacktestReport) -> None:
    """95% on time with 90% confidence keeps at least 95%, without promising far too much."""
    assert report.on_time_rate is not None
    assert 0.95 <= report.on_time_rate <= 0.99
    plain = backtest(sample_rows(), policy=es.PromisePolicy(confidence=0), **SAMPLE)
    assert plain.on_time_rate == pytest.approx(0.95, abs=0.015)
    assert plain.mean_promised is not None
    assert report.mean_promised is not None
    assert plain.mean_promised < report.mean_promised


def test_a_stricter_policy_is_kept_more_often() -> None:
    """Raising on_time raises the backtested on-time rate and the promised length."""
    loose = backtest(sample_rows(), policy=es.PromisePolicy(on_time=0.8, confidence=0.5), **SAMPLE)
    strict = backtest(sample_rows(), policy=es.PromisePolicy(on_time=0.97), **SAMPLE)
    assert loose.on_time_rate is not None
    assert strict.on_time_rate is not None
    assert loose.on_time_rate < strict.on_time_rate
    assert loose.median_promised is not None
    assert strict.median_promised is not None
    assert loose.median_promised < strict.median_promised


def test_counts_add_up(report: BacktestReport) -> None:
    """Every used row is promised or warming up; lanes add up to the overall figures."""
    assert report.rejected.total == 6
    assert report.promised + report.warming_up == report.rejected.accepted == 2994
    lanes = report.lanes.values()
    assert sum(r.promised for r in lanes) == report.promised
    assert sum(r.on_time for r in lanes) == report.overall.on_time
    assert sum(r.early for r in lanes) == report.overall.early
    assert report.overall.on_time + report.overall.late == report.promised
    assert set(report.lanes) == set(es.sample_history().lanes)
    assert (report.first_day, report.last_day) == (dt.date(2025, 1, 2), dt.date(2026, 6, 30))


def test_report_is_a_small_readable_table(report: BacktestReport) -> None:
    """str(report) is a table within 80 columns: one row per lane and one for all lanes."""
    text = str(report)
    lines = text.splitlines()
    assert lines[0] == "Backtest: 95% on time with 90% confidence; durations in business days"
    assert lines[1] == "2,994 rows, started 2 Jan 2025 to 30 Jun 2026; 6 rejected"
    header = lines[3].split()
    assert header[:3] == ["lane", "promised", "warm-up"]
    assert len(lines) == 4 + 15 + 1
    assert lines[-1].startswith("all lanes")
    assert max(len(line) for line in lines) <= 80
    rate = f"{report.on_time_rate * 100:.1f}%" if report.on_time_rate else ""
    assert rate in lines[-1]


def test_report_exports_to_json(report: BacktestReport) -> None:
    """as_dict() survives JSON and carries the same figures as the report."""
    data = json.loads(json.dumps(report.as_dict()))
    assert data["overall"]["on_time_rate"] == report.on_time_rate
    assert data["overall"]["promised"] == report.promised
    assert len(data["lanes"]) == 15
    assert data["policy"]["on_time"] == 0.95
    assert data["rejected"]["rejected"] == 6
    assert data["first_day"] == "2025-01-02"


def test_only_what_had_ended_is_known() -> None:
    """Each row is promised from rows that ended before its day, never from later outcomes."""
    policy = es.PromisePolicy(on_time=0.5, confidence=0, lower_quantile=0, min_samples=1)
    rows = [
        {"a": "2026-01-01", "b": "2026-01-05"},  # 4 days; nothing known yet
        {"a": "2026-01-03", "b": "2026-01-04"},  # 1 day; nothing had ended by 3 Jan
        {"a": "2026-01-05", "b": "2026-01-20"},  # 15 days; knows {1}: promised 1, 14 late
        {"a": "2026-01-06", "b": "2026-01-08"},  # 2 days; knows {1, 4} (not the 15): 1 late
        {"a": "2026-01-21", "b": "2026-01-23"},  # 2 days; knows {1, 2, 4, 15}: promised 2
        {"a": "2026-01-22", "b": "2026-01-22"},  # 0 days; lower is 1: early
    ]
    result = backtest(rows, start="a", end="b", unit="calendar_days", policy=policy)
    overall = result.overall
    assert (overall.warming_up, overall.promised, overall.on_time, overall.late) == (2, 4, 2, 2)
    assert overall.early == 1
    assert result.mean_lateness == pytest.approx(7.5)
    assert result.mean_promised == pytest.approx((1 + 1 + 2 + 2) / 4)
    assert result.median_promised == 1
    assert result.early_rate == pytest.approx(0.25)


def test_a_csv_path_reads_like_rows(report: BacktestReport) -> None:
    """A CSV path is replayed exactly like its rows."""
    from_path = backtest(sample_path(), policy=es.PromisePolicy(), **SAMPLE)
    assert from_path.as_dict() == report.as_dict()


def test_support_backtest_in_business_hours() -> None:
    """Callback windows backtest in business hours; days-only figures are None."""
    result = backtest(
        sample_support_rows(),
        start="requested_at",
        end="responded_at",
        lane=SUPPORT_LANE,
        unit="business_hours",
        calendar=support_calendar(),
    )
    assert result.on_time_rate is not None
    assert result.on_time_rate >= 0.95
    assert result.mean_promised_days is None
    assert result.mean_promised is not None
    assert result.mean_promised > 1
    assert "durations in business hours" in str(result)


def test_nothing_to_replay() -> None:
    """Without rows the report is empty but still prints."""
    result = backtest([], start="a", end="b", unit="calendar_days")
    assert (result.promised, result.on_time_rate, result.median_promised) == (0, None, None)
    assert str(result).splitlines()[-1].split()[:4] == ["all", "lanes", "0", "0"]


def test_bad_policy_is_refused() -> None:
    """The policy must be a PromisePolicy."""
    with pytest.raises(es.InvalidPolicyError):
        backtest([], start="a", end="b", unit="calendar_days", policy=0.95)  # type: ignore[arg-type]


def test_progress_is_reported_rarely_and_ends_at_the_total() -> None:
    """progress(done, total) starts at 0, rises in steps of 1%, ends at the total."""
    calls: list[tuple[int, int]] = []
    with_progress = backtest(sample_rows(), progress=lambda d, t: calls.append((d, t)), **SAMPLE)
    total = 2994
    assert calls[0] == (0, total)
    assert calls[-1] == (total, total)
    assert {t for _, t in calls} == {total}
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert len(calls) <= 101
    assert all(0 < b - a <= -(-total // 100) for a, b in itertools.pairwise(done))
    assert with_progress.as_dict() == backtest(sample_rows(), **SAMPLE).as_dict()


def test_progress_on_an_empty_history_is_one_call() -> None:
    """With nothing to replay, progress hears once that all of nothing is done."""
    calls: list[tuple[int, int]] = []
    backtest([], start="a", end="b", unit="calendar_days", progress=lambda *c: calls.append(c))
    assert calls == [(0, 0)]


def test_select_sums_the_lanes_under_a_parent(report: BacktestReport) -> None:
    """select(parent) keeps the lanes under it and sums them; one lane shows one row."""
    reg = report.select(("REG", "JKT"))
    assert sorted(reg.lanes) == [k for k in sorted(report.lanes) if k[0] == "REG"]
    assert reg.overall.lane == ("REG", "JKT")
    assert reg.promised == sum(report.lanes[k].promised for k in reg.lanes)
    assert reg.overall.on_time == sum(report.lanes[k].on_time for k in reg.lanes)
    assert reg.overall.late == sum(report.lanes[k].late for k in reg.lanes)
    weighted = sum(report.lanes[k].promised_total for k in reg.lanes) / reg.promised
    assert reg.mean_promised == pytest.approx(weighted)
    assert sum(reg.overall.promised_counts.values()) == reg.promised
    assert str(reg).splitlines()[-1].startswith("REG/JKT ")
    one = report.select(["REG", "JKT", "SBY"])
    assert str(one).splitlines()[4:] == [str(report).splitlines()[4 + 13]]
    assert report.select(("REG", "JKT", "BDO")).promised == 0
    assert report.select(()).as_dict()["overall"] == report.as_dict()["overall"]
