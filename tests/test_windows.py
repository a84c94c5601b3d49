"""Windows: the finite-sample bound, its guarantee on known distributions, and policies."""

from __future__ import annotations

import contextlib
import math
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import expectset as es
from expectset.errors import InvalidPolicyError
from expectset.windows import (
    PromisePolicy,
    Sample,
    Window,
    binomial_cdf,
    ceil_share,
    evaluate,
    order_statistic_rank,
    required_samples,
)

ON_TIME = st.sampled_from([0.5, 0.8, 0.9, 0.95, 0.97, 0.99])
CONFIDENCE = st.sampled_from([0.0, 0.5, 0.8, 0.9, 0.95, 0.99])


def exact_cdf(k: int, n: int, p: Fraction) -> Fraction:
    """P(Binomial(n, p) <= k) in exact rational arithmetic."""
    return sum(
        (Fraction(math.comb(n, j)) * p**j * (1 - p) ** (n - j) for j in range(k + 1)),
        Fraction(0),
    )


def exact_rank(n: int, p: float, c: float) -> int | None:
    """The rank the docs promise, by brute force: smallest k with P(Bin <= k-1) >= c.

    Integer arithmetic throughout; ties closer than 1e-12 to the confidence count as
    reaching it, as documented for the float computation.
    """
    pf, cf = Fraction(str(p)), Fraction(str(c)) - Fraction(1, 10**12)
    base = max(1, math.ceil(n * pf))
    if c == 0:
        return base
    a, b = pf.numerator, pf.denominator
    scale = b**n
    cumulative = 0
    for j in range(n):  # j = k - 1
        cumulative += math.comb(n, j) * a**j * (b - a) ** (n - j)
        if cumulative * cf.denominator >= cf.numerator * scale:
            return max(base, j + 1)
    return None


# ------------------------------------------------------------------ the binomial
@pytest.mark.parametrize(
    ("k", "n", "p"),
    [(0, 1, 0.5), (3, 10, 0.3), (94, 100, 0.95), (9, 10, 0.99), (50, 200, 0.2), (0, 40, 0.9)],
)
def test_binomial_cdf_matches_exact_arithmetic(k: int, n: int, p: float) -> None:
    """The float CDF agrees with rational arithmetic to 1e-12."""
    assert binomial_cdf(k, n, p) == pytest.approx(
        float(exact_cdf(k, n, Fraction(str(p)))), abs=1e-12
    )


@pytest.mark.parametrize(
    ("k", "n", "p", "expected"), [(-1, 5, 0.5, 0.0), (5, 5, 0.5, 1.0), (7, 5, 0.2, 1.0)]
)
def test_binomial_cdf_edges(k: int, n: int, p: float, expected: float) -> None:
    """Below zero the CDF is 0; at or above n it is 1."""
    assert binomial_cdf(k, n, p) == expected


def test_binomial_cdf_is_stable_for_huge_n() -> None:
    """A billion trials neither overflow nor underflow: the median is about one half."""
    n, p = 10**9, 0.95
    mean = int(n * p)
    assert 0.49 < binomial_cdf(mean, n, p) < 0.51
    assert binomial_cdf(mean - 100_000, n, p) == 0.0
    assert binomial_cdf(mean + 100_000, n, p) == 1.0


@given(
    n=st.integers(min_value=1, max_value=250),
    p=ON_TIME,
    c=CONFIDENCE,
)
@settings(max_examples=150)
def test_rank_is_the_smallest_that_reaches_confidence(n: int, p: float, c: float) -> None:
    """order_statistic_rank equals a brute-force search in exact arithmetic."""
    assert order_statistic_rank(n, p, c) == exact_rank(n, p, c)


@pytest.mark.parametrize(
    ("n", "p", "c", "expected"),
    [
        (100, 0.95, 0.90, 99),
        (100, 0.95, 0.0, 95),
        (1000, 0.95, 0.90, 960),
        (10_000, 0.95, 0.90, 9529),
        (45, 0.95, 0.90, 45),
        (44, 0.95, 0.90, None),
        (100, 0.07, 0.0, 7),  # ceil(100 * 0.07) is 7, not 8 from binary rounding
        (20, 0.5, 0.5, 11),
    ],
)
def test_rank_pinned(n: int, p: float, c: float, expected: int | None) -> None:
    """Pinned ranks, including the empirical quantile and the too-few-samples case."""
    assert order_statistic_rank(n, p, c) == expected


@pytest.mark.parametrize(
    ("p", "c", "expected"), [(0.95, 0.90, 45), (0.99, 0.95, 299), (0.9, 0.0, 1), (0.5, 0.75, 2)]
)
def test_required_samples_pinned(p: float, c: float, expected: int) -> None:
    """The fewest samples whose largest value is a bound at the confidence."""
    assert required_samples(p, c) == expected


@given(p=ON_TIME, c=CONFIDENCE)
def test_required_samples_is_where_ranks_start(p: float, c: float) -> None:
    """With required_samples there is a rank; with one fewer there is none."""
    n = required_samples(p, c)
    assert order_statistic_rank(n, p, c) is not None
    if n > 1:
        assert order_statistic_rank(n - 1, p, c) is None


@given(n=st.integers(min_value=1, max_value=5000), p=ON_TIME, c=CONFIDENCE)
def test_rank_is_monotone_and_never_below_the_empirical_quantile(
    n: int, p: float, c: float
) -> None:
    """Ranks grow with on_time and confidence, and never fall below ceil(n * on_time)."""
    rank = order_statistic_rank(n, p, c)
    if rank is None:
        return
    assert ceil_share(n, p) <= rank <= n
    for higher_c in (c, 0.5, 0.9, 0.99):
        if higher_c >= c:
            more = order_statistic_rank(n, p, higher_c)
            assert more is None or more >= rank
    for higher_p in (p, 0.97, 0.99):
        if higher_p >= p:
            more = order_statistic_rank(n, higher_p, c)
            assert more is None or more >= rank


# ------------------------------------------------------------------ the guarantee
def _exponential_sample(rng: random.Random, n: int, scale: float) -> Sample:
    """Draw n exponential times in whole ticks (rounded up), as a Sample."""
    counts: dict[int, int] = {}
    for _ in range(n):
        ticks = math.ceil(rng.expovariate(1 / scale))
        counts[ticks] = counts.get(ticks, 0) + 1
    values = tuple(sorted(counts))
    return Sample(values=values, counts=tuple(counts[v] for v in values))


@given(
    n=st.integers(min_value=50, max_value=400),
    on_time=st.sampled_from([0.8, 0.9, 0.95]),
    confidence=st.sampled_from([0.5, 0.8, 0.9, 0.95]),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
@settings(max_examples=20, derandomize=True)
def test_coverage_on_a_continuous_distribution(
    n: int, on_time: float, confidence: float, seed: int
) -> None:
    """On exponential times the bound keeps on_time in `confidence` of trials, and no more."""
    # Each trial computes the true on-time rate F(upper) of its bound exactly. The share
    # of trials with F(upper) >= on_time must reach `confidence` and stay below the exact
    # probability of the chosen rank, both within four binomial standard deviations.
    policy = PromisePolicy(on_time=on_time, confidence=confidence, min_samples=1)
    rank = order_statistic_rank(n, on_time, confidence)
    if rank is None:
        return
    exact = binomial_cdf(rank - 1, n, on_time)  # P(F(X(rank)) >= on_time), exactly
    rng = random.Random(seed)
    trials = 300
    scale = 1000.0
    kept = 0
    for _ in range(trials):
        bounds = evaluate(_exponential_sample(rng, n, scale), policy)
        assert bounds is not None
        coverage = 1 - math.exp(-bounds.upper / scale)
        kept += coverage >= on_time
    share = kept / trials
    sd = math.sqrt(confidence * (1 - confidence) / trials)
    assert share >= confidence - 4 * sd - 1 / trials
    sd_exact = math.sqrt(exact * (1 - exact) / trials)
    assert share <= exact + 4 * sd_exact + 2 / trials


@given(
    n=st.integers(min_value=200, max_value=800),
    on_time=st.sampled_from([0.8, 0.9, 0.95]),
    confidence=st.sampled_from([0.8, 0.9]),
    halflife=st.sampled_from([30.0, 90.0, 180.0]),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
@settings(max_examples=8, derandomize=True)
def test_coverage_with_recency_weights(
    n: int, on_time: float, confidence: float, halflife: float, seed: int
) -> None:
    """With recency weights on a steady distribution, coverage stays at the confidence."""
    # Kish's effective sample size makes this an approximation; on exponential times with
    # ages spread over a year it keeps on_time in `confidence` of trials.
    policy = PromisePolicy(
        on_time=on_time, confidence=confidence, min_samples=1, halflife_days=halflife
    )
    rng = random.Random(seed)
    trials, scale, kept = 200, 1000.0, 0
    for _ in range(trials):
        weights: dict[int, float] = {}
        counts: dict[int, int] = {}
        square_sum = 0.0
        for _ in range(n):
            weight = 0.5 ** (rng.randrange(365) / halflife)
            ticks = math.ceil(rng.expovariate(1 / scale))
            weights[ticks] = weights.get(ticks, 0.0) + weight
            counts[ticks] = counts.get(ticks, 0) + 1
            square_sum += weight * weight
        values = tuple(sorted(counts))
        sample = Sample(
            values=values,
            counts=tuple(counts[v] for v in values),
            weights=tuple(weights[v] for v in values),
            square_sum=square_sum,
        )
        bounds = evaluate(sample, policy)
        if bounds is None:
            return
        kept += 1 - math.exp(-bounds.upper / scale) >= on_time
    sd = math.sqrt(confidence * (1 - confidence) / trials)
    assert kept / trials >= confidence - 4 * sd - 1 / trials


# Right-skewed transit times in whole days: 2 plus a sum of two geometric counts.
def _skewed_pmf(mean_extra: float, shift: int = 2, size: int = 80) -> list[float]:
    q = (mean_extra / 2) / (1 + mean_extra / 2)
    pmf = [0.0] * shift + [(j + 1) * (1 - q) ** 2 * q**j for j in range(size - shift)]
    total = sum(pmf)
    return [x / total for x in pmf]


def _draw_counts(rng: random.Random, pmf: list[float], n: int) -> dict[int, int]:
    cdf = []
    running = 0.0
    for x in pmf:
        running += x
        cdf.append(running)
    counts: dict[int, int] = {}
    for _ in range(n):
        u = rng.random() * running
        value = next(i for i, c in enumerate(cdf) if c >= u)
        counts[value] = counts.get(value, 0) + 1
    return counts


def _quantile(pmf: list[float], p: float) -> int:
    running = 0.0
    for value, mass in enumerate(pmf):
        running += mass
        if running >= p - 1e-12:
            return value
    return len(pmf) - 1


@given(
    n=st.integers(min_value=60, max_value=300),
    on_time=st.sampled_from([0.8, 0.9, 0.95]),
    confidence=st.sampled_from([0.8, 0.9, 0.95]),
    mean_extra=st.sampled_from([0.8, 1.5, 3.0]),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
@settings(max_examples=15, derandomize=True)
def test_coverage_on_whole_days_through_a_history(
    n: int, on_time: float, confidence: float, mean_extra: float, seed: int
) -> None:
    """In whole days, fresh draws arrive by `upper` at on_time in >= `confidence` of trials."""
    # Ties between whole days only make the bound more conservative; F(upper) is computed
    # from the known distribution for every trial.
    pmf = _skewed_pmf(mean_extra)
    policy = PromisePolicy(on_time=on_time, confidence=confidence, min_samples=1)
    if order_statistic_rank(n, on_time, confidence) is None:
        return
    rng = random.Random(seed)
    trials = 200
    kept = 0
    for _ in range(trials):
        hist = es.TransitHistory.from_counts(
            {("REG", "JKT", "SBY"): _draw_counts(rng, pmf, n)}, unit="business_days"
        )
        window = hist.window(("REG", "JKT", "SBY"), policy)
        kept += sum(pmf[: int(window.upper) + 1]) >= on_time - 1e-12
        assert window.lower <= window.upper
    sd = math.sqrt(confidence * (1 - confidence) / trials)
    assert kept / trials >= confidence - 4 * sd - 1 / trials


@given(
    on_time=st.sampled_from([0.8, 0.9, 0.95]),
    confidence=st.sampled_from([0.5, 0.9, 0.95]),
    mean_extra=st.sampled_from([0.8, 1.5, 3.0, 5.0]),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
@settings(max_examples=12, derandomize=True)
def test_plentiful_samples_give_a_window_no_wider_than_needed(
    on_time: float, confidence: float, mean_extra: float, seed: int
) -> None:
    """With 20,000 samples the bound is the true quantile or at most one day more."""
    pmf = _skewed_pmf(mean_extra)
    counts = _draw_counts(random.Random(seed), pmf, 20_000)
    hist = es.TransitHistory.from_counts({("X",): counts}, unit="business_days")
    window = hist.window(("X",), PromisePolicy(on_time=on_time, confidence=confidence))
    true = _quantile(pmf, on_time)
    assert true <= window.upper <= true + 1
    assert window.lower == pytest.approx(_quantile(pmf, 0.75), abs=1)


@given(
    counts=st.dictionaries(
        st.integers(min_value=0, max_value=30),
        st.integers(min_value=1, max_value=40),
        min_size=1,
        max_size=12,
    ),
    on_time=ON_TIME,
    confidence=CONFIDENCE,
    lower_quantile=st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]),
)
@settings(max_examples=200)
def test_windows_are_monotone_and_ordered(
    counts: dict[int, int], on_time: float, confidence: float, lower_quantile: float
) -> None:
    """The upper bound never shrinks when on_time or confidence grows; lower <= upper."""
    hist = es.TransitHistory.from_counts({("A",): counts}, unit="calendar_days")
    policy = PromisePolicy(
        on_time=on_time, confidence=confidence, lower_quantile=lower_quantile, min_samples=1
    )
    try:
        base = hist.window(("A",), policy)
    except es.InsufficientHistoryError:
        return
    assert min(counts) <= base.lower <= base.upper <= max(counts)
    for stricter in (
        PromisePolicy(on_time=max(on_time, 0.99), confidence=confidence, min_samples=1),
        PromisePolicy(on_time=on_time, confidence=max(confidence, 0.95), min_samples=1),
    ):
        with contextlib.suppress(es.InsufficientHistoryError):
            assert hist.window(("A",), stricter).upper >= base.upper


def test_unweighted_upper_is_exactly_the_order_statistic() -> None:
    """Without weights the upper value is X(k) of the sorted sample."""
    values = [1] * 50 + [2] * 30 + [3] * 15 + [5] * 4 + [9]
    hist = es.TransitHistory.from_counts(
        {(): {1: 50, 2: 30, 3: 15, 5: 4, 9: 1}}, unit="calendar_days"
    )
    for policy in (PromisePolicy(), PromisePolicy(confidence=0), PromisePolicy(on_time=0.8)):
        rank = order_statistic_rank(100, policy.on_time, policy.confidence)
        assert rank is not None
        window = hist.window((), policy)
        assert window.upper == sorted(values)[rank - 1]
        assert window.lower == sorted(values)[ceil_share(100, policy.lower_quantile) - 1]


def test_equal_weights_give_the_unweighted_window() -> None:
    """Weights that are all equal change nothing (Kish's n_eff is then n)."""
    counts = {1: 40, 2: 35, 3: 15, 4: 6, 6: 3, 8: 1}
    values = tuple(sorted(counts))
    plain = Sample(values=values, counts=tuple(counts[v] for v in values))
    weighted = Sample(
        values=values,
        counts=plain.counts,
        weights=tuple(0.25 * c for c in plain.counts),
        square_sum=sum(0.0625 * c for c in plain.counts),
    )
    assert weighted.effective == pytest.approx(100)
    for policy in (PromisePolicy(), PromisePolicy(on_time=0.9, confidence=0.5)):
        assert evaluate(weighted, policy) == evaluate(plain, policy)


def test_pad_adds_whole_units_and_lower_stays_below() -> None:
    """The pad adds whole units to upper only; a high lower_quantile is clamped to upper."""
    hist = es.TransitHistory.from_counts({(): {2: 60, 3: 30, 4: 10}}, unit="calendar_days")
    plain = hist.window((), PromisePolicy(on_time=0.8, confidence=0))
    padded = hist.window((), PromisePolicy(on_time=0.8, confidence=0, pad=2))
    assert (plain.lower, plain.upper) == (3, 3)
    assert (padded.lower, padded.upper) == (3, 5)
    clamped = hist.window((), PromisePolicy(on_time=0.5, confidence=0, lower_quantile=1.0))
    assert clamped.lower == clamped.upper == 2


# ------------------------------------------------------------------ policies and windows
@pytest.mark.parametrize(
    ("settings_", "field"),
    [
        ({"on_time": 1.0}, "on_time"),
        ({"on_time": 0}, "on_time"),
        ({"on_time": "0.9"}, "on_time"),
        ({"confidence": 1.0}, "confidence"),
        ({"confidence": -0.1}, "confidence"),
        ({"confidence": float("nan")}, "confidence"),
        ({"lower_quantile": 1.5}, "lower_quantile"),
        ({"min_samples": 0}, "min_samples"),
        ({"min_samples": 2.5}, "min_samples"),
        ({"min_samples": True}, "min_samples"),
        ({"halflife_days": 0}, "halflife_days"),
        ({"halflife_days": float("inf")}, "halflife_days"),
        ({"pad": -1}, "pad"),
        ({"pad": 0.5}, "pad"),
    ],
)
def test_bad_policy_names_the_setting(settings_: dict[str, object], field: str) -> None:
    """A policy setting out of range raises InvalidPolicyError naming it and its value."""
    with pytest.raises(InvalidPolicyError) as info:
        PromisePolicy(**settings_)  # type: ignore[arg-type]
    assert info.value.field == field
    assert info.value.value == settings_[field] or info.value.value != info.value.value
    assert field in str(info.value)


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (PromisePolicy(), "95% on time with 90% confidence"),
        (PromisePolicy(on_time=0.975, confidence=0.5), "97.5% on time with 50% confidence"),
        (PromisePolicy(confidence=0), "95% on time (empirical quantile)"),
        (
            PromisePolicy(halflife_days=45, pad=1),
            "95% on time with 90% confidence, half-life 45 days, pad 1",
        ),
    ],
)
def test_policy_describes_itself(policy: PromisePolicy, expected: str) -> None:
    """A policy reads as a short phrase for headings."""
    assert policy.describe() == expected


def _window(**changes: object) -> Window:
    settings_: dict[str, object] = {
        "lower": 4,
        "upper": 6,
        "unit": "business_days",
        "lane": ("REG", "JKT", "SBY"),
        "requested_lane": ("REG", "JKT", "SBY"),
        "samples": 1234,
        "effective_samples": 1234,
        "policy": PromisePolicy(),
    }
    settings_.update(changes)
    return Window(**settings_)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (
            _window(),
            "REG/JKT/SBY: 4–6 business days (95% on time with 90% confidence; "
            "1,234 samples on REG/JKT/SBY)",
        ),
        (
            _window(lane=("REG", "JKT"), requested_samples=12),
            "REG/JKT/SBY: 4–6 business days (95% on time with 90% confidence; "
            "1,234 samples on REG/JKT; REG/JKT/SBY has 12, needs 45)",
        ),
        (
            _window(lower=1, upper=1, lane=(), requested_lane=(), samples=50, effective_samples=50),
            "all lanes: 1 business day (95% on time with 90% confidence; 50 samples on all lanes)",
        ),
        (
            _window(
                lower=2.25,
                upper=6.5,
                unit="business_hours",
                lane=("whatsapp",),
                requested_lane=("whatsapp",),
                effective_samples=301.46,
                policy=PromisePolicy(halflife_days=30),
            ),
            "whatsapp: 2.25–6.5 business hours (95% on time with 90% confidence, half-life "
            "30 days; 1,234 samples (effective 301.5) on whatsapp)",
        ),
    ],
)
def test_window_explains_itself_in_one_line(window: Window, expected: str) -> None:
    """str(window) gives the range, the policy, the samples, the lane and any fallback."""
    assert str(window) == expected
    assert "\n" not in str(window)


def test_window_refuses_lower_above_upper_and_unknown_units() -> None:
    """A hand-made window must be ordered and in a known unit."""
    with pytest.raises(InvalidPolicyError, match="lower <= upper"):
        _window(lower=7)
    with pytest.raises(InvalidPolicyError, match="unit must be one of"):
        _window(unit="weeks")
