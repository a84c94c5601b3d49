"""Promise policies and windows: how long to promise, from the evidence of history.

A :class:`Window` is the answer to "how long should we promise on this lane?": a range
``lower``-``upper`` in a unit (calendar days, business days or business hours) that the
history says will be kept at the policy's on-time rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from .errors import InvalidPolicyError

__all__ = ["UNITS", "PromisePolicy", "Unit", "Window"]

Unit = Literal["calendar_days", "business_days", "business_hours"]
UNITS: tuple[Unit, ...] = ("calendar_days", "business_days", "business_hours")


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


@dataclass(frozen=True, slots=True, kw_only=True)
class Window:
    """A promised range in one unit, with what it rests on.

    ``lower`` and ``upper`` are whole numbers for the day units and hours (possibly
    fractional) for ``business_hours``; ``lower <= upper`` always. ``lane`` is the lane
    whose history was used (shorter than ``requested_lane`` after a fallback; ``()`` is
    all lanes together). ``samples`` counts the rows behind it and ``effective_samples``
    the weighted size used in the bound (equal without recency weights).
    """

    lower: float
    upper: float
    unit: Unit
    lane: tuple[str, ...]
    requested_lane: tuple[str, ...]
    samples: int
    effective_samples: float
    policy: PromisePolicy

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise InvalidPolicyError(
                f"unit must be one of {', '.join(UNITS)}, got {self.unit!r}",
                field="unit",
                value=self.unit,
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
