"""Benchmark harness: expectset against the best plain baseline, measured in one run.

A benchmark is a function that receives the run's settings and returns a
:class:`Comparison`: two zero-argument callables (ours and the baseline) timed
alternately for several rounds, or two numbers it measured itself (memory).
Timings are medians; ratio = expectset / baseline, so lower is better and the target
is an upper bound on the ratio.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["BENCHMARKS", "Comparison", "Settings", "benchmark", "time_alternately"]


@dataclass(frozen=True)
class Settings:
    """What a run asks of every benchmark.

    ``smoke`` asks for tiny sizes and one round: it checks that a benchmark works end to
    end (the tests run it), not how fast anything is.
    """

    quick: bool
    rounds: int
    smoke: bool = False

    def size(self, full: int, quick: int, smoke: int) -> int:
        """Pick the size of a run: full, ``--quick`` or ``--smoke``."""
        return smoke if self.smoke else quick if self.quick else full


@dataclass
class Comparison:
    """The outcome of one benchmark."""

    name: str
    expectset_s: float
    baseline_s: float
    target: float
    unit: str = "s"
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """Return expectset time divided by baseline time (lower is better)."""
        return self.expectset_s / self.baseline_s

    @property
    def met(self) -> bool:
        """Whether the ratio is within the target."""
        return self.ratio <= self.target

    def as_dict(self) -> dict[str, object]:
        """Return the row written to results.json."""
        return {
            "name": self.name,
            "expectset_s": self.expectset_s,
            "baseline_s": self.baseline_s,
            "ratio": round(self.ratio, 4),
            "target": self.target,
            "unit": self.unit,
            "met": self.met,
            "notes": self.notes,
        }


BenchmarkFn = Callable[[Settings], Comparison]
BENCHMARKS: dict[str, BenchmarkFn] = {}


def benchmark(name: str) -> Callable[[BenchmarkFn], BenchmarkFn]:
    """Register a benchmark under ``name`` (the order of registration is the run order)."""

    def register(fn: BenchmarkFn) -> BenchmarkFn:
        BENCHMARKS[name] = fn
        return fn

    return register


def time_alternately(
    ours: Callable[[], object],
    baseline: Callable[[], object],
    *,
    rounds: int,
    inner: int = 1,
    warmup: bool = True,
) -> tuple[float, float]:
    """Median seconds per call of ``ours`` and ``baseline``, run in turns.

    Alternating (ours, baseline, ours, baseline, ...) spreads any drift of the machine
    (another process, thermal state, caches) over both sides. ``inner`` repeats each
    call within a round for functions too fast to time one call at a time.
    """
    if warmup:
        ours()
        baseline()
    times_ours: list[float] = []
    times_base: list[float] = []
    for index in range(rounds):
        order = [(ours, times_ours), (baseline, times_base)]
        if index % 2:
            order.reverse()
        for fn, sink in order:
            gc.collect()
            start = time.perf_counter()
            for _ in range(inner):
                fn()
            sink.append((time.perf_counter() - start) / inner)
    return statistics.median(times_ours), statistics.median(times_base)
