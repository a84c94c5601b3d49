"""Backtests: replay history in time order and see how promises would have fared.

This is how to choose a policy. Each row is promised a window computed only from what
was known on the day it started (rows that had already ended), then compared with what
really happened. The report gives, per lane and overall, how many rows were promised,
the on-time rate (arrived by ``upper``), the early rate (arrived before ``lower``: the
window's start was too cautious), the mean and median promised ``upper``, and how late
the late ones were on average.

Knowledge is updated once a day: a row starting on day *D* is promised from the rows
whose end fell before *D* (in the calendar's zone), with recency weights counted from
*D*. Rows that start before their lane (or, after fallback, all lanes together) has
enough history are counted as *warming up*, not promised.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ._timeutil import TzLike
from .errors import InsufficientHistoryError, InvalidPolicyError
from .history import Lane, RejectReport, TransitHistory
from .windows import TICKS_PER_UNIT, PromisePolicy, Unit, lane_label

if TYPE_CHECKING:
    from .calendar import BusinessCalendar

__all__ = ["BacktestReport", "LaneResult", "backtest"]


@dataclass(frozen=True, slots=True, kw_only=True)
class LaneResult:
    """How the promises on one lane (or all lanes: ``lane == ()``) fared.

    Durations (``promised_*``, ``lateness``) are in the report's unit. Rates are shares of
    the promised rows, ``None`` when nothing was promised.
    """

    lane: Lane
    promised: int = 0
    warming_up: int = 0
    on_time: int = 0
    early: int = 0
    promised_total: float = 0.0
    lateness_total: float = 0.0
    promised_counts: Mapping[float, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """Rows replayed: promised plus warming up."""
        return self.promised + self.warming_up

    @property
    def late(self) -> int:
        """Promised rows that arrived after ``upper``."""
        return self.promised - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        """Share of promised rows that arrived by ``upper``."""
        return self.on_time / self.promised if self.promised else None

    @property
    def early_rate(self) -> float | None:
        """Share of promised rows that arrived before ``lower``."""
        return self.early / self.promised if self.promised else None

    @property
    def mean_promised(self) -> float | None:
        """Mean promised ``upper``, in the unit."""
        return self.promised_total / self.promised if self.promised else None

    @property
    def median_promised(self) -> float | None:
        """Median promised ``upper`` (the lower median for an even count), in the unit."""
        if not self.promised:
            return None
        middle = (self.promised + 1) // 2
        seen = 0
        for value in sorted(self.promised_counts):
            seen += self.promised_counts[value]
            if seen >= middle:
                return value
        return None  # pragma: no cover - counts add up to promised

    @property
    def mean_lateness(self) -> float | None:
        """How late the late rows were on average, in the unit (``None`` if none was late)."""
        return self.lateness_total / self.late if self.late else None

    def as_dict(self) -> dict[str, Any]:
        """Return the result as plain JSON-serialisable values."""
        return {
            "lane": list(self.lane),
            "rows": self.rows,
            "promised": self.promised,
            "warming_up": self.warming_up,
            "on_time": self.on_time,
            "late": self.late,
            "early": self.early,
            "on_time_rate": self.on_time_rate,
            "early_rate": self.early_rate,
            "mean_promised": self.mean_promised,
            "median_promised": self.median_promised,
            "mean_lateness": self.mean_lateness,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class BacktestReport:
    """The outcome of :func:`backtest`: overall, per lane, and the rows it could not use.

    The overall figures are also available directly (``report.on_time_rate``,
    ``report.early_rate``, ``report.mean_promised``, ...). ``str(report)`` is a small
    table; ``as_dict()`` is JSON-serialisable.
    """

    policy: PromisePolicy
    unit: Unit
    overall: LaneResult
    lanes: Mapping[Lane, LaneResult]
    rejected: RejectReport
    first_day: dt.date | None = None
    last_day: dt.date | None = None

    @property
    def promised(self) -> int:
        """Rows promised, all lanes."""
        return self.overall.promised

    @property
    def warming_up(self) -> int:
        """Rows not promised because there was not enough history yet."""
        return self.overall.warming_up

    @property
    def on_time_rate(self) -> float | None:
        """Share of promised rows that arrived by ``upper``, all lanes."""
        return self.overall.on_time_rate

    @property
    def early_rate(self) -> float | None:
        """Share of promised rows that arrived before ``lower``, all lanes."""
        return self.overall.early_rate

    @property
    def mean_promised(self) -> float | None:
        """Mean promised ``upper`` in the unit, all lanes."""
        return self.overall.mean_promised

    @property
    def mean_promised_days(self) -> float | None:
        """Mean promised ``upper`` in days, for a history in days (else ``None``)."""
        return self.overall.mean_promised if self.unit != "business_hours" else None

    @property
    def median_promised(self) -> float | None:
        """Median promised ``upper`` in the unit, all lanes."""
        return self.overall.median_promised

    @property
    def mean_lateness(self) -> float | None:
        """Mean lateness of the late rows in the unit, all lanes."""
        return self.overall.mean_lateness

    def select(self, lane: str | Sequence[str]) -> BacktestReport:
        """Return the report for ``lane`` and the lanes under it (a parent lane).

        ``lanes`` keeps the lanes that start with ``lane``; ``overall`` becomes their
        sum, labelled ``lane``. The replay itself is unchanged: every row was still
        promised from the whole history (with fallback to broader lanes), so this is the
        same backtest, looked at for fewer lanes. ``rejected``, ``first_day`` and
        ``last_day`` describe the whole run. No lane matches: no lanes, nothing promised.

        Examples
        --------
        >>> from expectset.samples import courier_calendar, sample_rows
        >>> report = backtest(sample_rows(), start="shipped_at", end="delivered_at",
        ...                   lane=("service", "origin", "destination"),
        ...                   calendar=courier_calendar(), max_value=30)
        >>> reg = report.select(("REG",))
        >>> len(reg.lanes), reg.promised, f"{reg.on_time_rate:.1%}"
        (5, 1738, '98.1%')
        """
        prefix = (lane,) if isinstance(lane, str) else tuple(lane)
        chosen = {k: v for k, v in self.lanes.items() if k[: len(prefix)] == prefix}
        total = _Tally()
        counts: dict[float, int] = {}
        promised_total = lateness_total = 0.0
        for result in chosen.values():
            total.promised += result.promised
            total.warming += result.warming_up
            total.on_time += result.on_time
            total.early += result.early
            promised_total += result.promised_total
            lateness_total += result.lateness_total
            for value, number in result.promised_counts.items():
                counts[value] = counts.get(value, 0) + number
        overall = LaneResult(
            lane=prefix,
            promised=total.promised,
            warming_up=total.warming,
            on_time=total.on_time,
            early=total.early,
            promised_total=promised_total,
            lateness_total=lateness_total,
            promised_counts=dict(sorted(counts.items())),
        )
        return replace(self, overall=overall, lanes=chosen)

    def __str__(self) -> str:
        unit = self.unit.replace("_", " ")
        lines = [f"Backtest: {self.policy.describe()}; durations in {unit}"]
        span = ""
        if self.first_day is not None and self.last_day is not None:
            span = f", started {_day(self.first_day)} to {_day(self.last_day)}"
        lines.append(f"{self.overall.rows:,} rows{span}; {self.rejected.total:,} rejected")
        width = max([len("lane"), len("all lanes"), *(len(lane_label(k)) for k in self.lanes)])
        header = (
            f"{'lane':<{width}}  {'promised':>8}  {'warm-up':>7}  {'on time':>7}  "
            f"{'early':>6}  {'mean':>5}  {'median':>6}  {'late by':>7}"
        )
        lines += ["", header]
        results = [*(self.lanes[k] for k in sorted(self.lanes)), self.overall]
        if list(self.lanes) == [self.overall.lane]:  # one lane selected: one row says it
            results.pop()
        for result in results:
            label = lane_label(result.lane) if result.lane or result is not self.overall else ""
            lines.append(
                f"{label or 'all lanes':<{width}}  {result.promised:>8,}  {result.warming_up:>7,}  "
                f"{_rate(result.on_time_rate):>7}  {_rate(result.early_rate):>6}  "
                f"{_num(result.mean_promised):>5}  {_num(result.median_promised):>6}  "
                f"{_num(result.mean_lateness):>7}"
            )
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON-serialisable values."""
        return {
            "policy": {
                "on_time": self.policy.on_time,
                "confidence": self.policy.confidence,
                "lower_quantile": self.policy.lower_quantile,
                "min_samples": self.policy.min_samples,
                "halflife_days": self.policy.halflife_days,
                "pad": self.policy.pad,
            },
            "unit": self.unit,
            "first_day": None if self.first_day is None else self.first_day.isoformat(),
            "last_day": None if self.last_day is None else self.last_day.isoformat(),
            "overall": self.overall.as_dict(),
            "lanes": [self.lanes[k].as_dict() for k in sorted(self.lanes)],
            "rejected": self.rejected.as_dict(),
        }


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


class _Tally:
    __slots__ = ("counts", "early", "lateness", "on_time", "promised", "total", "warming")

    def __init__(self) -> None:
        self.promised = 0
        self.warming = 0
        self.on_time = 0
        self.early = 0
        self.total = 0
        self.lateness = 0
        self.counts: dict[int, int] = {}

    def result(self, lane: Lane, per_unit: int) -> LaneResult:
        return LaneResult(
            lane=lane,
            promised=self.promised,
            warming_up=self.warming,
            on_time=self.on_time,
            early=self.early,
            promised_total=self.total / per_unit,
            lateness_total=self.lateness / per_unit,
            promised_counts={
                (t if per_unit == 1 else t / per_unit): n for t, n in sorted(self.counts.items())
            },
        )


def _csv_rows(path: str | os.PathLike[str]) -> Iterator[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        yield from csv.DictReader(handle)


def backtest(
    rows: Iterable[Mapping[str, Any]] | str | os.PathLike[str],
    *,
    start: str,
    end: str,
    lane: str | Sequence[str] = (),
    unit: Unit = "business_days",
    calendar: BusinessCalendar | None = None,
    policy: PromisePolicy | None = None,
    tz: TzLike | None = None,
    dayfirst: bool = False,
    max_value: float | None = None,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> BacktestReport:
    """Replay ``rows`` in order of start and report how ``policy`` would have done.

    ``rows`` are mappings as for :meth:`TransitHistory.from_records
    <expectset.history.TransitHistory.from_records>` (or the path of a CSV file), read
    with the same arguments and the same reject rules. Each row is promised the window
    of its lane computed from the rows that had ended before the day it started.

    ``progress``, if given, is called as ``progress(done, total)`` while the rows are
    replayed (after they are read): once with ``done == 0``, then each time another
    1% of the ``total`` rows is done, and last with ``done == total``: at most 101
    calls however long the history is, and nothing at all without ``progress``.
    """
    if policy is None:
        policy = PromisePolicy()
    if not isinstance(policy, PromisePolicy):
        raise InvalidPolicyError(
            f"policy must be a PromisePolicy, got {policy!r}", field="policy", value=policy
        )
    ingest = TransitHistory._ingest(
        start=start,
        end=end,
        lane=lane,
        unit=unit,
        calendar=calendar,
        tz=tz,
        dayfirst=dayfirst,
        max_value=max_value,
        strict=strict,
        source="",
        keep_rows=True,
    )
    source: Iterable[Any] = _csv_rows(rows) if isinstance(rows, (str, os.PathLike)) else rows
    add = ingest.add_mapping
    for number, record in enumerate(source, start=1):
        add(number, record, None)
    events = ingest.rows or []
    per_unit = TICKS_PER_UNIT[ingest.unit]
    known = TransitHistory(unit=ingest.unit, calendar=calendar, lane_fields=ingest.lane_fields)
    by_start = sorted(range(len(events)), key=lambda i: events[i][1])
    by_end = sorted(range(len(events)), key=lambda i: events[i][2])
    tallies: dict[Lane, _Tally] = {}
    overall = _Tally()
    learned = 0
    day = -1
    as_of = dt.date.min
    total = len(by_start)
    step = max(1, -(-total // 100))
    mark = 0 if progress is not None else -1  # the next row count to report, -1 never
    for done, position in enumerate(by_start):
        if done == mark and progress is not None:
            progress(done, total)
            mark += step
        row_lane, started, _, ticks, count = events[position]
        if started != day:
            day = started
            as_of = dt.date.fromordinal(day)
            while learned < len(by_end) and events[by_end[learned]][2] < day:
                done_lane, done_start, _, done_ticks, done_count = events[by_end[learned]]
                known._add(done_lane, done_start, done_ticks, done_count)
                learned += 1
        tally = tallies.get(row_lane)
        if tally is None:
            tally = tallies[row_lane] = _Tally()
        try:
            window = known.window(row_lane, policy, as_of=as_of)
        except InsufficientHistoryError:
            tally.warming += count
            overall.warming += count
            continue
        upper = round(window.upper * per_unit)
        lower = round(window.lower * per_unit)
        for target in (tally, overall):
            target.promised += count
            target.total += upper * count
            target.counts[upper] = target.counts.get(upper, 0) + count
            if ticks <= upper:
                target.on_time += count
            else:
                target.lateness += (ticks - upper) * count
            if ticks < lower:
                target.early += count
    if progress is not None:
        progress(total, total)
    first = dt.date.fromordinal(events[by_start[0]][1]) if events else None
    last = dt.date.fromordinal(events[by_start[-1]][1]) if events else None
    return BacktestReport(
        policy=policy,
        unit=ingest.unit,
        overall=overall.result((), per_unit),
        lanes={key: tally.result(key, per_unit) for key, tally in sorted(tallies.items())},
        rejected=ingest.rejects.report(ingest.rows_read),
        first_day=first,
        last_day=last,
    )
