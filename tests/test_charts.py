"""Inline SVG histograms for notebooks: windows and histories show their evidence."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

import expectset as es
from expectset.charts import histogram_svg

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_histogram_is_valid_svg_with_window_shaded_and_rate_written() -> None:
    """The SVG parses, shades the window, colours bars inside it and states the rate."""
    svg = histogram_svg(
        [1, 2, 3, 4, 5, 6, 9],
        [5, 30, 40, 15, 6, 3, 1],
        lower=2,
        upper=5,
        unit="business_days",
        title="REG/JKT/SBY",
    )
    root = _parse(svg)
    rects = root.findall(f"{SVG}rect")
    assert rects[0].get("fill") == "#dbeafe"  # the shaded window comes first
    bars = rects[1:]
    assert len(bars) == 7  # one bar per duration with rows (8 and 7 have none)
    inside = [b for b in bars if b.get("fill") == "#2563eb"]
    assert len(inside) == 4  # durations 2, 3, 4 and 5
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "96% arrived within 5 business days" in texts  # 96 of 100 rows
    assert "100 in history" in texts


@pytest.mark.parametrize(
    ("lower", "upper", "expected"),
    [(1, 1, "promise 1 business day"), (2, 4, "promise 2–4 business days")],
)
def test_title_names_the_promise(lower: float, upper: float, expected: str) -> None:
    """The title says the promised range with its unit, singular when it is one."""
    svg = histogram_svg([1, 2], [3, 4], lower=lower, upper=upper, unit="business_days", title="X")
    assert expected in svg


def test_user_text_is_escaped_and_output_is_deterministic() -> None:
    """Lane names are escaped, and the same input gives the same bytes."""
    args = ([1.5, 2.25, 40.0], [3, 4, 1])
    one = histogram_svg(*args, lower=2, upper=8, unit="business_hours", title="<b>&lane")
    two = histogram_svg(*args, lower=2, upper=8, unit="business_hours", title="<b>&lane")
    assert one == two
    assert "<b>" not in one
    assert "&lt;b&gt;&amp;lane" in one
    _parse(one)


def test_many_values_are_binned() -> None:
    """Hours spread over a wide range are grouped into at most max_bins bars."""
    values = [round(0.25 * i, 2) for i in range(400)]
    svg = histogram_svg(
        values, [1] * 400, lower=10, upper=60, unit="business_hours", title="desk", max_bins=20
    )
    bars = _parse(svg).findall(f"{SVG}rect")[1:]
    assert len(bars) == 20


def test_empty_history_says_so() -> None:
    """No rows draws no bars and says there is no history."""
    svg = histogram_svg([], [], lower=1, upper=2, unit="business_days", title="X")
    assert "no history" in svg
    assert _parse(svg).findall(f"{SVG}rect") == []


def test_window_and_history_show_in_notebooks() -> None:
    """A window from history and the history itself render as HTML with an SVG chart."""
    hist = es.sample_history()
    window = hist.window(("REG", "JKT", "SBY"))
    assert sum(count for _, count in window.distribution) == window.samples
    page = window._repr_html_()
    assert "<svg" in page
    assert "REG/JKT/SBY" in page
    assert re.search(r"\d+(\.\d)?% arrived within 5 business days", page)
    overview = hist._repr_html_()
    assert overview.count("<tr>") == len(hist.lanes) + 1
    assert "6 rejected rows" in overview
    assert "(from ECO/JKT)" in overview  # the lane that falls back says so
