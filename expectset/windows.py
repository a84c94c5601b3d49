"""Promise policies and windows: how long to promise, from the evidence of history.

A :class:`Window` is the answer to "how long should we promise on this lane?": a range
``lower``-``upper`` in a unit (calendar days, business days or business hours) that the
history says will be kept at the policy's on-time rate.

The bound. Sort the ``n`` observed transit times ``X(1) <= ... <= X(n)``. For any
continuous distribution ``F``, the share of future deliveries that arrive by the
``k``-th smallest, ``F(X(k))``, is at least ``p`` exactly when at most ``k - 1`` of the
``n`` observations fell below the ``p``-quantile, so::

    P(F(X(k)) >= p) = P(Binomial(n, p) <= k - 1)

whatever ``F`` is (with ties or whole-day values the probability is only higher). The
upper bound of a window is ``X(k)`` for the smallest ``k`` that makes this probability at
least the policy's ``confidence``, and never below the plain empirical quantile
``X(ceil(n p))``. When even ``k = n`` is not enough (``1 - p**n < confidence``) the sample
cannot support the promise at all; see :func:`required_samples`.

Examples
--------
>>> order_statistic_rank(100, 0.95, 0.90)   # promise the 99th of 100 sorted times
99
>>> order_statistic_rank(100, 0.95, 0.0)    # confidence 0: the empirical 95% quantile
95
>>> required_samples(0.95, 0.90)            # fewer and no X(k) is sure enough
45
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from .errors import InvalidPolicyError

if TYPE_CHECKING:
    from .calendar import BusinessCalendar

__all__ = [
    "UNITS",
    "PromisePolicy",
    "Unit",
    "Window",
    "binomial_cdf",
    "lane_label",
    "order_statistic_rank",
    "required_samples",
]

Unit = Literal["calendar_days", "business_days", "business_hours"]
UNITS: tuple[Unit, ...] = ("calendar_days", "business_days", "business_hours")

#: Internal resolution of each unit: whole days, or minutes for business hours.
TICKS_PER_UNIT: dict[str, int] = {"calendar_days": 1, "business_days": 1, "business_hours": 60}

_UNIT_WORDS: dict[str, tuple[str, str]] = {
    "calendar_days": ("calendar day", "calendar days"),
    "business_days": ("business day", "business days"),
    "business_hours": ("business hour", "business hours"),
}


def _check_fraction(name: str, value: object, *, low: float, high: float, closed: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise InvalidPolicyError(f"{name} must be a number, got {value!r}", field=name, value=value)
    number = float(value)
    ok_low = number >= low if closed[0] == "[" else number > low
    ok_high = number <= high if closed[1] == "]" else number < high
    if not (ok_low and ok_high):
        raise InvalidPolicyError(
            f"{name} must be in {closed[0]}{low:g}, {high:g}{closed[1]}, got {value!r}",
            field=name,
            value=value,
        )
    return number


@dataclass(frozen=True, slots=True, kw_only=True)
class PromisePolicy:
    """How sure a promise must be, and how it is shaped.

    ``on_time``: the share of deliveries that must arrive by the promised upper bound.
    ``confidence``: the probability, given the sample size, that the true on-time rate
    of the bound is at least ``on_time`` (0 gives the plain empirical quantile).
    ``lower_quantile``: the quantile quoted as the start of the window.
    ``min_samples``: fewer effective samples than this and the lane falls back to its
    parent lane. ``halflife_days``: recency weighting (``None`` weighs all equally).
    ``pad``: whole units added to the upper bound after the statistics.

    Examples
    --------
    >>> PromisePolicy(on_time=0.97).on_time
    0.97
    >>> PromisePolicy(on_time=1.2)
    Traceback (most recent call last):
    ...
    expectset.errors.InvalidPolicyError: on_time must be in (0, 1), got 1.2
    """

    on_time: float = 0.95
    confidence: float = 0.90
    lower_quantile: float = 0.75
    min_samples: int = 30
    halflife_days: float | None = None
    pad: int = 0

    def __post_init__(self) -> None:
        _check_fraction("on_time", self.on_time, low=0, high=1, closed="()")
        _check_fraction("confidence", self.confidence, low=0, high=1, closed="[)")
        _check_fraction("lower_quantile", self.lower_quantile, low=0, high=1, closed="[]")
        if (
            isinstance(self.min_samples, bool)
            or not isinstance(self.min_samples, int)
            or (self.min_samples < 1)
        ):
            raise InvalidPolicyError(
                f"min_samples must be a whole number of at least 1, got {self.min_samples!r}",
                field="min_samples",
                value=self.min_samples,
            )
        if self.halflife_days is not None:
            value = self.halflife_days
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not math.isfinite(value)
                or value <= 0
            ):
                raise InvalidPolicyError(
                    f"halflife_days must be a positive number of days or None, got {value!r}",
                    field="halflife_days",
                    value=value,
                )
        if isinstance(self.pad, bool) or not isinstance(self.pad, int) or self.pad < 0:
            raise InvalidPolicyError(
                f"pad must be a whole number of units, 0 or more, got {self.pad!r}",
                field="pad",
                value=self.pad,
            )

    @property
    def needed_samples(self) -> int:
        """Effective samples a lane needs: ``min_samples`` and what the bound requires.

        Examples
        --------
        >>> PromisePolicy(on_time=0.95, confidence=0.9, min_samples=30).needed_samples
        45
        """
        return max(self.min_samples, required_samples(self.on_time, self.confidence))

    def describe(self) -> str:
        """Describe the policy in a few words, for a report heading.

        Examples
        --------
        >>> PromisePolicy().describe()
        '95% on time with 90% confidence'
        >>> PromisePolicy(confidence=0, pad=1, halflife_days=30).describe()
        '95% on time (empirical quantile), half-life 30 days, pad 1'
        """
        text = f"{_percent(self.on_time)} on time"
        if self.confidence > 0:
            text += f" with {_percent(self.confidence)} confidence"
        else:
            text += " (empirical quantile)"
        if self.halflife_days is not None:
            text += f", half-life {self.halflife_days:g} days"
        if self.pad:
            text += f", pad {self.pad}"
        return text


@dataclass(frozen=True, slots=True, kw_only=True)
class Window:
    """A promised range in one unit, with what it rests on.

    ``lower`` and ``upper`` are whole numbers for the day units and hours (possibly
    fractional) for ``business_hours``; ``lower <= upper`` always. ``lane`` is the lane
    whose history was used (shorter than ``requested_lane`` after a fallback; ``()`` is
    all lanes together). ``samples`` counts the rows behind it and ``effective_samples``
    the weighted size used in the bound (equal without recency weights).

    Filled in by :meth:`TransitHistory.window <expectset.history.TransitHistory.window>`
    (all optional for a window made by hand): ``requested_samples`` is the effective
    sample size of the requested lane when the window fell back (why it fell back),
    ``on_time_in_history`` the share of the used history that arrived by ``upper``,
    ``as_of`` the day the window was computed for, ``calendar`` the calendar the
    history was measured on (the default calendar for a promise), and ``distribution``
    the (duration, rows) pairs of the history it rests on (drawn by ``_repr_html_``).
    ``widened_for`` names the lane whose own history widened a fallback window: a lane
    with too few rows for the bound still shows how long it takes, and a window borrowed
    from a faster parent is never shorter than the lane's own plain quantiles.

    Examples
    --------
    >>> w = Window(lower=3, upper=5, unit="business_days", lane=("REG", "JKT"),
    ...            requested_lane=("REG", "JKT", "DJJ"), samples=1234,
    ...            effective_samples=1234, policy=PromisePolicy(), requested_samples=12)
    >>> print(w)
    REG/JKT/DJJ: 3–5 business days (95% on time with 90% confidence;
    1,234 samples on REG/JKT; REG/JKT/DJJ has 12, needs 45)
    """

    lower: float
    upper: float
    unit: Unit
    lane: tuple[str, ...]
    requested_lane: tuple[str, ...]
    samples: int
    effective_samples: float
    policy: PromisePolicy
    requested_samples: float | None = None
    on_time_in_history: float | None = None
    as_of: dt.date | None = None
    calendar: BusinessCalendar | None = field(default=None, compare=False, repr=False)
    distribution: tuple[tuple[float, int], ...] = field(default=(), compare=False, repr=False)
    widened_for: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise InvalidPolicyError(
                f"unit must be one of {', '.join(UNITS)}, got {self.unit!r}",
                field="unit",
                value=self.unit,
            )
        if isinstance(self.samples, bool) or not isinstance(self.samples, int) or self.samples < 0:
            raise InvalidPolicyError(
                f"samples must be a whole number, 0 or more, got {self.samples!r}",
                field="samples",
                value=self.samples,
            )
        for name in ("lower", "upper", "effective_samples"):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not math.isfinite(value)
                or value < 0
            ):
                raise InvalidPolicyError(
                    f"{name} must be a finite number, 0 or more, got {value!r}",
                    field=name,
                    value=value,
                )
        for name in ("requested_samples", "on_time_in_history"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not math.isfinite(value)
                or value < 0
                or (name == "on_time_in_history" and value > 1)
            ):
                raise InvalidPolicyError(
                    f"{name} must be a finite number, 0 or more"
                    + (" and at most 1" if name == "on_time_in_history" else "")
                    + f", or None, got {value!r}",
                    field=name,
                    value=value,
                )
        if self.unit != "business_hours" and not (
            float(self.lower).is_integer() and float(self.upper).is_integer()
        ):
            raise InvalidPolicyError(
                f"a window in {self.unit} counts whole days, got {self.lower!r}–{self.upper!r}",
                field="lower",
                value=self.lower,
            )
        if not self.lower <= self.upper:
            raise InvalidPolicyError(
                f"a window needs lower <= upper, got {self.lower!r} > {self.upper!r}",
                field="lower",
                value=self.lower,
            )

    @property
    def fell_back(self) -> bool:
        """Whether the window rests on a broader lane than the one asked for."""
        return self.lane != self.requested_lane

    def range_text(self) -> str:
        """Write the range with its unit: ``'3–5 business days'``, ``'1 business day'``.

        Examples
        --------
        >>> Window(lower=1, upper=1, unit="business_days", lane=(), requested_lane=(),
        ...        samples=50, effective_samples=50, policy=PromisePolicy()).range_text()
        '1 business day'
        """
        singular, plural = _UNIT_WORDS[self.unit]
        if self.lower == self.upper:
            return f"{_number(self.upper)} {singular if self.upper == 1 else plural}"
        return f"{_number(self.lower)}–{_number(self.upper)} {plural}"

    def basis(self) -> str:
        """Say what the window rests on, in one phrase (samples, lane, fallback)."""
        text = f"{_count(self.samples)} samples"
        if self.policy.halflife_days is not None:
            text += f" (effective {_count(self.effective_samples)})"
        text += f" on {lane_label(self.lane)}"
        if self.fell_back:
            have = 0.0 if self.requested_samples is None else self.requested_samples
            text += (
                f"; {lane_label(self.requested_lane)} has {_count(have)}, "
                f"needs {self.policy.needed_samples}"
            )
        if self.widened_for is not None:
            text += f"; widened to {lane_label(self.widened_for)}'s own durations"
        return text

    def __str__(self) -> str:
        return (
            f"{lane_label(self.requested_lane)}: {self.range_text()} "
            f"({self.policy.describe()}; {self.basis()})"
        )

    def _repr_html_(self) -> str:
        """Show the history behind the window as a histogram with the window shaded."""
        import html

        from .charts import histogram_svg

        values = [value for value, _ in self.distribution]
        counts = [count for _, count in self.distribution]
        svg = histogram_svg(
            values,
            counts,
            lower=self.lower,
            upper=self.upper,
            unit=self.unit,
            title=lane_label(self.requested_lane),
            on_time=self.on_time_in_history,
        )
        return (
            f'<div style="font-family:sans-serif">{svg}'
            f'<div style="font-size:12px;color:#374151;max-width:360px">'
            f"{html.escape(self.policy.describe())}; {html.escape(self.basis())}</div></div>"
        )


def lane_label(lane: Sequence[str]) -> str:
    """Write a lane for people: keys joined by ``/``, or ``all lanes``.

    Examples
    --------
    >>> lane_label(("REG", "JKT", "SBY")), lane_label(())
    ('REG/JKT/SBY', 'all lanes')
    """
    return "/".join(lane) if lane else "all lanes"


def _percent(value: float) -> str:
    return f"{round(value * 100, 6):g}%"


def _number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{round(value, 2):g}"


def _count(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


# ------------------------------------------------------------------------ statistics
def _exact(value: float) -> Fraction:
    """Return the decimal a person wrote: 0.07 is 7/100, not the nearest binary fraction."""
    return Fraction(repr(float(value)))


def ceil_share(n: int, share: float) -> int:
    """Return ``ceil(n * share)`` without binary rounding (``ceil(100 * 0.07) == 7``).

    Examples
    --------
    >>> ceil_share(100, 0.07), ceil_share(101, 0.95)
    (7, 96)
    """
    product = n * _exact(share)
    return -(-product.numerator // product.denominator)


#: Probabilities closer than this to the confidence count as reaching it, so that exact
#: ties (such as P(Binomial(175, 0.5) <= 87) == 0.5) do not depend on float rounding.
_TIE = 1e-12


def _feasible(n: int, p: float, confidence: float) -> bool:
    """Whether ``X(n)``, the largest of ``n``, is a bound: ``1 - p**n >= confidence``."""
    return -math.expm1(n * math.log(p)) >= confidence - _TIE


def _binomial_table(n: int, p: float) -> tuple[int, tuple[float, ...]]:
    """Tabulate the non-negligible part of Binomial(n, p): (first k, pmf values).

    Terms are built outward from the mode with the ratio recurrence, starting from the
    mode's probability in log space, and dropped once below 1e-40 of the mode (so the
    neglected mass is far below float precision). The table is normalised to sum to 1.
    """
    q = 1.0 - p
    mode = min(n, int((n + 1) * p))
    log_mode = (
        math.lgamma(n + 1)
        - math.lgamma(mode + 1)
        - math.lgamma(n - mode + 1)
        + mode * math.log(p)
        + (n - mode) * math.log1p(-p)
    )
    top = math.exp(log_mode)
    floor = top * 1e-40
    up: list[float] = []
    term, k = top, mode
    while k < n:
        term *= (n - k) / (k + 1) * (p / q)
        k += 1
        if term < floor:
            break
        up.append(term)
    down: list[float] = []
    term, k = top, mode
    while k > 0:
        term *= k / (n - k + 1) * (q / p)
        k -= 1
        if term < floor:
            break
        down.append(term)
    down.reverse()
    terms = [*down, top, *up]
    total = math.fsum(terms)
    return mode - len(down), tuple(t / total for t in terms)


def binomial_cdf(k: int, n: int, p: float) -> float:
    """Return ``P(Binomial(n, p) <= k)``, stably for any ``n`` (no scipy needed).

    Examples
    --------
    >>> round(binomial_cdf(0, 10, 0.5) * 2 ** 10, 12)
    1.0
    >>> round(binomial_cdf(94, 100, 0.95), 6)
    0.384001
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InvalidPolicyError(f"n must be a whole number >= 0, got {n!r}", field="n", value=n)
    _check_fraction("p", p, low=0, high=1, closed="[]")
    if k < 0:
        return 0.0
    if k >= n or p == 0:
        return 1.0
    if p == 1:
        return 0.0
    first, terms = _binomial_table(n, float(p))
    if k < first:
        return 0.0
    return min(1.0, math.fsum(terms[: k - first + 1]))


def required_samples(on_time: float, confidence: float) -> int:
    """Return the fewest samples for which the largest one is a bound at ``confidence``.

    That is the smallest ``n`` with ``1 - on_time**n >= confidence``; with fewer samples
    no order statistic can promise ``on_time`` with that confidence.

    Examples
    --------
    >>> required_samples(0.95, 0.90), required_samples(0.99, 0.95), required_samples(0.9, 0)
    (45, 299, 1)
    """
    p = _check_fraction("on_time", on_time, low=0, high=1, closed="()")
    c = _check_fraction("confidence", confidence, low=0, high=1, closed="[)")
    if c == 0:
        return 1
    n = max(1, math.ceil(math.log1p(-c) / math.log(p)) - 1)
    while not _feasible(n, p, c):
        n += 1
    return n


def order_statistic_rank(n: int, on_time: float, confidence: float) -> int | None:
    """Return the rank ``k`` (1-based) of the order statistic to promise, or ``None``.

    ``k`` is the smallest rank with ``P(Binomial(n, on_time) <= k - 1) >= confidence``,
    and at least ``ceil(n * on_time)`` (the empirical quantile), so a bound never
    promises less than the sample itself shows and grows with both ``on_time`` and
    ``confidence``. ``confidence == 0`` gives the empirical quantile. ``None`` means
    ``n`` samples cannot support the promise (``n < required_samples(...)``).

    Examples
    --------
    >>> order_statistic_rank(45, 0.95, 0.90), order_statistic_rank(44, 0.95, 0.90)
    (45, None)
    >>> order_statistic_rank(10_000, 0.95, 0.90)
    9529
    """
    p = _check_fraction("on_time", on_time, low=0, high=1, closed="()")
    c = _check_fraction("confidence", confidence, low=0, high=1, closed="[)")
    if isinstance(n, bool) or not isinstance(n, int):
        raise InvalidPolicyError(f"n must be a whole number, got {n!r}", field="n", value=n)
    if n < 1:
        return None
    return _rank(n, p, c)


@lru_cache(maxsize=4096)
def _rank(n: int, p: float, c: float) -> int | None:
    base = max(1, ceil_share(n, p))
    if c == 0:
        return base
    if not _feasible(n, p, c):
        return None
    first, terms = _binomial_table(n, p)
    cumulative = 0.0
    for index, term in enumerate(terms):
        cumulative += term
        if cumulative >= c - _TIE:
            # P(Bin <= first + index) >= c, so k - 1 = first + index.
            return max(base, min(n, first + index + 1))
    return n


@dataclass(frozen=True, slots=True)
class Sample:
    """A lane's history for the statistics: distinct values (in ticks) and their weight.

    ``values`` are sorted and distinct; ``counts`` are the rows per value; ``weights``
    the recency-weighted mass per value (``None`` when unweighted) and ``square_sum``
    the sum of squared row weights (for Kish's effective sample size).
    """

    values: tuple[int, ...]
    counts: tuple[int, ...]
    weights: tuple[float, ...] | None = None
    square_sum: float = 0.0

    @property
    def samples(self) -> int:
        """Rows behind the sample."""
        return sum(self.counts)

    @property
    def effective(self) -> float:
        """Kish's effective sample size ``(sum w)**2 / sum w**2`` (the rows when unweighted)."""
        if self.weights is None:
            return float(self.samples)
        if self.square_sum <= 0:
            return 0.0
        return math.fsum(self.weights) ** 2 / self.square_sum


@dataclass(frozen=True, slots=True)
class Bounds:
    """What the statistics found for a sample: lower and upper value in ticks."""

    lower: int
    upper: int
    on_time_in_history: float


def _first_reaching(values: Sequence[int], mass: Sequence[float], target: float) -> int:
    """Return the smallest value whose cumulative mass reaches ``target``."""
    cumulative = 0.0
    for value, weight in zip(values, mass, strict=True):
        cumulative += weight
        if cumulative >= target:
            return value
    return values[-1]


def share_within(sample: Sample, upper: int) -> float:
    """Return the share of ``sample`` (by weight) that took at most ``upper`` ticks."""
    mass: Sequence[float] = sample.counts if sample.weights is None else sample.weights
    total = math.fsum(mass)
    if total <= 0:
        return 0.0
    kept = math.fsum(w for v, w in zip(sample.values, mass, strict=True) if v <= upper)
    return min(1.0, kept / total)


def empirical_bounds(sample: Sample, policy: PromisePolicy, pad_ticks: int = 0) -> Bounds | None:
    """Return the plain quantiles of ``sample`` (no bound, no minimum size); ``None`` if empty.

    ``upper`` is the smallest value that ``policy.on_time`` of the rows (by weight) took
    at most, plus ``pad_ticks``; ``lower`` the ``policy.lower_quantile`` value, clamped
    to the upper one. A fallback window uses these as a floor: a lane with too few rows
    for the bound still says something about how long it takes.

    Examples
    --------
    >>> sample = Sample(values=(2, 3, 9), counts=(5, 4, 1))
    >>> b = empirical_bounds(sample, PromisePolicy(on_time=0.95, lower_quantile=0.5))
    >>> b.lower, b.upper
    (2, 9)
    """
    if not sample.values:
        return None
    mass: Sequence[float] = sample.counts if sample.weights is None else sample.weights
    total = math.fsum(mass)
    if total <= 0:
        return None
    tolerance = 1 - 1e-12
    upper = _first_reaching(sample.values, mass, policy.on_time * total * tolerance) + pad_ticks
    lower = min(
        _first_reaching(sample.values, mass, policy.lower_quantile * total * tolerance), upper
    )
    return Bounds(lower=lower, upper=upper, on_time_in_history=share_within(sample, upper))


def evaluate(sample: Sample, policy: PromisePolicy, pad_ticks: int = 0) -> Bounds | None:
    """Apply ``policy`` to ``sample``; ``None`` if it has too few effective samples.

    Unweighted, the upper value is exactly the order statistic ``X(k)``. With recency
    weights it is the value where the weighted share reaches ``(k - 1/2) / n``, with
    ``n`` the effective sample size rounded down (for equal weights that is ``X(k)``).
    ``pad_ticks`` is added to the upper value; the lower value is clamped to the upper one.
    """
    if not sample.values:
        return None
    effective = sample.effective
    if effective + 1e-9 < policy.min_samples:
        return None
    n = math.floor(effective + 1e-9)
    rank = order_statistic_rank(n, policy.on_time, policy.confidence)
    if rank is None:
        return None
    values = sample.values
    if sample.weights is None:
        counts = sample.counts
        upper = _first_reaching(values, counts, rank)
        lower = _first_reaching(values, counts, ceil_share(n, policy.lower_quantile))
    else:
        mass = sample.weights
        total_mass = math.fsum(mass)
        tolerance = 1 - 1e-12
        # The mid-point of the rank's step, (k - 1/2) / n: with equal weights exactly
        # X(k); with recency weights a tail lighter than half an effective sample (rows
        # from long ago) cannot decide the bound on its own.
        upper = _first_reaching(values, mass, (rank - 0.5) / n * total_mass)
        lower = _first_reaching(values, mass, policy.lower_quantile * total_mass * tolerance)
    upper += pad_ticks
    lower = min(lower, upper)
    return Bounds(lower=lower, upper=upper, on_time_in_history=share_within(sample, upper))
