"""ingest_window_1m and ingest_memory: a million rows of history into windows per lane."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from data import bench_calendar, closed_days, sample_shipments_csv, shipments_csv
from harness import Comparison, Settings, benchmark, time_alternately

import expectset as es
from expectset.samples import SHIPMENT_LANE

OPTIONS: dict[str, Any] = {"start": "shipped_at", "end": "delivered_at", "lane": SHIPMENT_LANE}
POLICY = es.PromisePolicy()  # 95% on time with 90% confidence, lower quantile 0.75


def ours(path: Path, calendar: es.BusinessCalendar) -> dict[Any, es.Window]:
    """Run the library: stream the CSV into a history, then a window for every lane."""
    hist = es.TransitHistory.from_csv(path, unit="business_days", calendar=calendar, **OPTIONS)
    return hist.windows(POLICY)


def pandas_baseline(holidays: list[dt.date]) -> Callable[[Path], Any]:
    """Return the best plain pandas a user could write for the same windows.

    ``read_csv`` of the five columns (lanes as categories), timestamps parsed as ISO 8601
    in UTC and converted to Jakarta dates (vectorised), business days between them by
    ``numpy.busday_count`` on the same Monday-Saturday week and the same closed days
    (holidays and cuti bersama, from the same calendar), then per-lane quantiles.
    """
    import numpy as np
    import pandas as pd

    closed = np.array(holidays, dtype="datetime64[D]")
    week = np.busdaycalendar(weekmask="1111110", holidays=closed)

    def run(path: Path) -> Any:
        frame = pd.read_csv(
            path,
            usecols=[*SHIPMENT_LANE, "shipped_at", "delivered_at"],
            dtype=dict.fromkeys(SHIPMENT_LANE, "category"),
        )
        days = [
            pd.to_datetime(frame[column], format="ISO8601", utc=True, errors="coerce")
            .dt.tz_convert("Asia/Jakarta")
            .dt.tz_localize(None)
            .to_numpy()
            .astype("datetime64[D]")
            for column in ("shipped_at", "delivered_at")
        ]
        usable = ~(np.isnat(days[0]) | np.isnat(days[1]))
        # Business days in (shipped, delivered], as expectset counts them.
        taken = np.busday_count(days[0][usable] + 1, days[1][usable] + 1, busdaycal=week)
        lanes = frame.loc[usable, list(SHIPMENT_LANE)].assign(days=taken)
        return lanes.groupby(list(SHIPMENT_LANE), observed=True)["days"].quantile([0.75, 0.95])

    return run


def _check_same_work(path: Path, calendar: es.BusinessCalendar, baseline: Any) -> None:
    """Both sides count the same business days: compare one lane's distribution."""
    import numpy as np
    import pandas as pd

    hist = es.TransitHistory.from_csv(path, unit="business_days", calendar=calendar, **OPTIONS)
    frame = pd.read_csv(path, usecols=[*SHIPMENT_LANE, "shipped_at", "delivered_at"])
    lane = hist.lanes[0]
    frame = frame[(frame[list(SHIPMENT_LANE)] == list(lane)).all(axis=1)]
    days = [
        pd.to_datetime(frame[c], format="ISO8601", utc=True, errors="coerce")
        .dt.tz_convert("Asia/Jakarta")
        .dt.tz_localize(None)
        .to_numpy()
        .astype("datetime64[D]")
        for c in ("shipped_at", "delivered_at")
    ]
    usable = ~(np.isnat(days[0]) | np.isnat(days[1]))
    week = np.busdaycalendar(weekmask="1111110", holidays=np.array(closed_days(), "datetime64[D]"))
    taken = np.busday_count(days[0][usable] + 1, days[1][usable] + 1, busdaycal=week)
    values, counts = np.unique(taken, return_counts=True)
    pandas_counts = dict(zip(values.tolist(), counts.tolist(), strict=True))
    if pandas_counts != hist.counts(lane):
        raise AssertionError(f"baseline counts differ on {lane}: {pandas_counts} vs ours")
    baseline(path)  # and the baseline runs


@benchmark("ingest_window_1m")
def ingest_window_1m(settings: Settings) -> Comparison:
    """from_csv of a million rows (200 lanes) and a window per lane, against pandas."""
    rows = settings.size(full=1_000_000, quick=1_000_000, smoke=3_000)
    rounds = settings.size(full=7, quick=3, smoke=1)
    path = shipments_csv(rows)
    calendar = bench_calendar()
    baseline = pandas_baseline(closed_days())
    _check_same_work(shipments_csv(min(rows, 100_000)), calendar, baseline)
    mine, theirs = time_alternately(
        lambda: ours(path, calendar), lambda: baseline(path), rounds=rounds
    )
    notes = [
        f"{rows:,} rows, 200 lanes (service, origin, destination as codes), Jan 2025-Jun "
        "2026, delivery times at +07/+08/+09, 1 in 500 not yet delivered; business days "
        "Mon-Sat with Indonesian holidays and cuti bersama",
        "expectset: TransitHistory.from_csv(unit='business_days') then windows() for every "
        "lane (finite-sample upper bound, 0.75 lower quantile)",
        "baseline: pandas read_csv (5 columns, lanes as category) + to_datetime(ISO8601, "
        "utc=True) + tz_convert('Asia/Jakarta') to dates + numpy.busday_count with the same "
        "weekmask and closed days + groupby(lane).quantile([0.75, 0.95]) (a plain quantile: "
        "pandas has no finite-sample bound); rows it cannot parse are dropped (coerce)",
        f"median of {rounds} alternating rounds; the baseline's business days were checked "
        "equal to expectset's on a lane of the same generator's 100,000 rows first",
    ]
    if not settings.smoke:
        notes.append(_varying_widths(calendar, baseline, settings.size(1_000_000, 200_000, 0)))
    return Comparison("ingest_window_1m", mine, theirs, target=1.0, notes=notes)


def _varying_widths(calendar: es.BusinessCalendar, baseline: Any, rows: int) -> str:
    """One alternating round on the same kind of rows with city names: varying widths."""
    path = shipments_csv(rows, names=True)
    mine, theirs = time_alternately(
        lambda: ours(path, calendar), lambda: baseline(path), rounds=1, warmup=False
    )
    return (
        f"for comparison, {rows:,} rows with city names (fields of varying width: each chunk "
        f"is split into fields): expectset {mine:.2f} s, baseline {theirs:.2f} s "
        f"(ratio {mine / theirs:.2f}, one round)"
    )


#: Appended to a child's script: its own peak RSS in MB, as ``peak``.
PEAK_RSS = """
import resource
try:  # Linux: this process's own peak (ru_maxrss also counts the parent's, before exec)
    with open("/proc/self/status") as status:
        peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
except OSError:
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20
"""

MEMORY_SCRIPT = (
    """
import sys
import expectset as es
from expectset.samples import SHIPMENT_LANE
calendar = es.BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Sat", country="ID")
hist = es.TransitHistory.from_csv(sys.argv[1], start="shipped_at", end="delivered_at",
                                  lane=SHIPMENT_LANE, calendar=calendar)
"""
    + PEAK_RSS
    + """
distinct = sum(len(pairs) for pairs in hist.to_counts(dated=True).values())
print(peak, hist.samples, distinct)
"""
)


PANDAS_MEMORY_SCRIPT = (
    """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from bench_ingest import pandas_baseline
from data import closed_days
pandas_baseline(closed_days())(Path(sys.argv[1]))
"""
    + PEAK_RSS
    + """
print(peak)
"""
)


def pandas_peak_memory(path: Path) -> float:
    """Peak RSS in MB of a fresh interpreter running the pandas baseline on ``path``."""
    out = subprocess.run(
        [sys.executable, "-c", PANDAS_MEMORY_SCRIPT, str(path), str(Path(__file__).parent)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(out)


def peak_memory(path: Path) -> tuple[float, int, int]:
    """Peak RSS in MB of a fresh interpreter reading ``path``; rows and distinct counts."""
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


@benchmark("ingest_memory")
def ingest_memory(settings: Settings) -> Comparison:
    """Peak memory of from_csv on 1M rows against 100k rows of the same history."""
    small_n, large_n = (2_000, 20_000) if settings.smoke else (100_000, 1_000_000)
    small, rows_small, distinct_small = peak_memory(sample_shipments_csv(small_n))
    large, rows_large, distinct_large = peak_memory(sample_shipments_csv(large_n))
    notes = [
        f"peak RSS of a fresh interpreter (imports included) that reads {large_n:,} rows "
        f"({large:.1f} MB) and {small_n:,} rows ({small:.1f} MB) with from_csv; ratio = "
        "large / small. Linux: VmHWM of the child (its ru_maxrss includes the parent's "
        "peak from before exec); elsewhere ru_maxrss",
        "data: expectset.samples.write_shipments (the bundled sample's generator: 15 lanes, "
        "Jan 2025-Jun 2026), so both files hold about the same distinct (lane, start day, "
        f"duration) counts ({distinct_small:,} and {distinct_large:,}): memory follows those, "
        "not the rows",
    ]
    if not settings.smoke:
        a, _, da = peak_memory(shipments_csv(small_n))
        b, _, db = peak_memory(shipments_csv(large_n))
        notes.append(
            f"on ingest_window_1m's 200-lane file, whose distinct counts grow with the rows "
            f"({da:,} to {db:,}), the peaks are {a:.1f} and {b:.1f} MB (ratio {b / a:.2f}, "
            "over the target: the counts are kept in dicts, about 48 bytes per distinct "
            "count)"
        )
        pa = pandas_peak_memory(shipments_csv(small_n))
        pb = pandas_peak_memory(shipments_csv(large_n))
        notes.append(
            f"for scale, the pandas baseline of ingest_window_1m peaks at {pa:.0f} and "
            f"{pb:.0f} MB on those two files (ratio {pb / pa:.2f})"
        )
    del rows_small, rows_large
    return Comparison("ingest_memory", large, small, target=1.2, unit="MB", notes=notes)
