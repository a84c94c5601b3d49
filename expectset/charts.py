"""Small inline SVG histograms for notebooks: a history with its promised window shaded.

No plotting library: the SVG is written by hand, escaped, and deterministic (the same
inputs give the same bytes), so it can sit in a notebook, a docs page or an email to a
colleague. :class:`~expectset.windows.Window` and
:class:`~expectset.history.TransitHistory` use it for their ``_repr_html_``.

Examples
--------
>>> svg = histogram_svg([2, 3, 4, 5, 6], [10, 40, 30, 15, 5], lower=3, upper=5,
...                     unit="business_days", title="REG/JKT/SBY", on_time=0.95)
>>> svg.startswith("<svg") and "95% arrived within 5 business days" in svg
True
"""

from __future__ import annotations

import html
from collections.abc import Sequence

__all__ = ["histogram_svg"]

_UNIT_PLURALS = {
    "calendar_days": ("day", "days"),
    "business_days": ("business day", "business days"),
    "business_hours": ("business hour", "business hours"),
}

_WIDTH, _HEIGHT = 360, 170
_LEFT, _RIGHT, _TOP, _BOTTOM = 34, 10, 34, 28
_BAR = "#94a3b8"
_BAR_IN = "#2563eb"
_SHADE = "#dbeafe"
_TEXT = "#1f2937"
_MUTED = "#6b7280"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _percent(value: float) -> str:
    text = f"{value * 100:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def _bins(
    values: Sequence[float], counts: Sequence[int], limit: int
) -> list[tuple[float, float, int]]:
    """Group (value, count) pairs into at most ``limit`` bins of equal width."""
    low, high = min(values), max(values)
    whole = all(float(v).is_integer() for v in values)
    if whole and high - low + 1 <= limit:
        out = dict.fromkeys(range(int(low), int(high) + 1), 0)
        for value, count in zip(values, counts, strict=True):
            out[int(value)] += count
        return [(v - 0.5, v + 0.5, c) for v, c in out.items()]
    width = (high - low) / limit or 1.0
    if whole:
        width = float(max(1, int(-(-(high - low + 1) // limit))))
        low -= 0.5
    bins = [0] * limit
    for value, count in zip(values, counts, strict=True):
        index = min(limit - 1, int((value - low) / width))
        bins[index] += count
    return [(low + i * width, low + (i + 1) * width, c) for i, c in enumerate(bins)]


def histogram_svg(
    values: Sequence[float],
    counts: Sequence[int],
    *,
    lower: float,
    upper: float,
    unit: str,
    title: str,
    on_time: float | None = None,
    max_bins: int = 30,
) -> str:
    """Return an SVG histogram of ``counts`` per ``value`` with ``lower``-``upper`` shaded.

    Bars inside the promised window are blue, the window's span is shaded, and the
    share of the history that arrived by ``upper`` (``on_time``, computed from the
    counts when not given) is written on it.
    """
    if len(values) != len(counts):
        raise ValueError(f"values and counts differ in length: {len(values)} != {len(counts)}")
    singular, plural = _UNIT_PLURALS.get(unit, (unit, unit))
    total = sum(counts)
    if on_time is None and total:
        on_time = sum(c for v, c in zip(values, counts, strict=True) if v <= upper) / total
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{_HEIGHT}" '
        f'viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" font-family="sans-serif" font-size="11">'
    )
    window_text = (
        f"{_number(upper)} {singular if upper == 1 else plural}"
        if lower == upper
        else f"{_number(lower)}–{_number(upper)} {plural}"
    )
    parts = [
        head,
        f"<title>{html.escape(title)}: promise {html.escape(window_text)}</title>",
        f'<text x="{_LEFT}" y="14" fill="{_TEXT}" font-weight="bold">'
        f"{html.escape(title)} · promise {html.escape(window_text)}</text>",
    ]
    if total == 0:
        parts.append(
            f'<text x="{_LEFT}" y="{_HEIGHT // 2}" fill="{_MUTED}">no history</text></svg>'
        )
        return "".join(parts)
    bins = _bins(values, counts, max_bins)
    x_min = min(bins[0][0], lower - 0.5)
    x_max = max(bins[-1][1], upper + 0.5)
    plot_w = _WIDTH - _LEFT - _RIGHT
    plot_h = _HEIGHT - _TOP - _BOTTOM
    tallest = max(c for _, _, c in bins) or 1

    def x(value: float) -> float:
        return _LEFT + (value - x_min) / (x_max - x_min) * plot_w

    base = _TOP + plot_h
    # Whole durations are drawn as bars centred on the value: the window covers the
    # bars from `lower` to `upper` inclusive. Fractional durations are a continuum.
    margin = 0.5 if all(float(v).is_integer() for v in (*values, lower, upper)) else 0.0
    shade_from, shade_to = x(lower - margin), x(upper + margin)
    parts.append(
        f'<rect x="{shade_from:.1f}" y="{_TOP}" width="{shade_to - shade_from:.1f}" '
        f'height="{plot_h}" fill="{_SHADE}"/>'
    )
    for start, end, count in bins:
        if not count:
            continue
        height = count / tallest * plot_h
        middle = (start + end) / 2
        colour = _BAR_IN if lower - margin <= middle <= upper + margin else _BAR
        parts.append(
            f'<rect x="{x(start) + 0.5:.1f}" y="{base - height:.1f}" '
            f'width="{max(0.5, x(end) - x(start) - 1):.1f}" height="{height:.1f}" '
            f'fill="{colour}"><title>{_number(middle)}: {count:,}</title></rect>'
        )
    parts.append(
        f'<line x1="{_LEFT}" y1="{base}" x2="{_WIDTH - _RIGHT}" y2="{base}" stroke="{_MUTED}"/>'
    )
    ticks = sorted({lower, upper, bins[0][0] + 0.5, bins[-1][1] - 0.5})
    for tick in ticks:
        parts.append(
            f'<text x="{x(tick):.1f}" y="{base + 14}" text-anchor="middle" '
            f'fill="{_MUTED}">{_number(tick)}</text>'
        )
    parts.append(
        f'<text x="{_WIDTH - _RIGHT}" y="{_HEIGHT - 2}" text-anchor="end" fill="{_MUTED}">'
        f"{html.escape(plural)} · {total:,} in history</text>"
    )
    if on_time is not None:
        parts.append(
            f'<text x="{_WIDTH - _RIGHT}" y="{_TOP - 6}" text-anchor="end" fill="{_BAR_IN}">'
            f"{_percent(on_time)} arrived within {html.escape(_number(upper))} "
            f"{html.escape(singular if upper == 1 else plural)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
