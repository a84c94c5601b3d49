"""quote_latency: one delivery quote at checkout, on a history prepared beforehand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from data import bench_calendar, closed_days, shipments_csv
from harness import Comparison, Settings, benchmark, time_alternately

import expectset as es
from expectset.samples import SHIPMENT_LANE

LANE = ("REG", "JKT", "DPS")
CUTOFF = dt.time(14, 0)
HANDLING = 1


def _orders(zone: dt.tzinfo) -> list[dt.datetime]:
    """Orders every 5 hours for three weeks of March 2026: nights, weekends, Lebaran."""
    first = dt.datetime(2026, 3, 9, 7, 30, tzinfo=zone)
    return [first + dt.timedelta(hours=5 * i) for i in range(100)]


@benchmark("quote_latency")
def quote_latency(settings: Settings) -> Comparison:
    """window() and promise_delivery() for one order, against a dict and numpy.busday_offset."""
    import numpy as np

    calendar = bench_calendar()
    hist = es.TransitHistory.from_csv(
        shipments_csv(settings.size(full=100_000, quick=100_000, smoke=3_000)),
        start="shipped_at",
        end="delivered_at",
        lane=SHIPMENT_LANE,
        calendar=calendar,
    )
    policy = es.PromisePolicy()
    orders = _orders(calendar.zone)
    # The baseline's "precomputed quantiles": the same bounds, so both quote the same dates.
    bounds = {lane: (w.lower, w.upper) for lane, w in hist.windows(policy).items()}
    week = np.busdaycalendar(weekmask="1111110", holidays=np.array(closed_days(), "datetime64[D]"))

    def ours(order: dt.datetime) -> tuple[dt.date, dt.date]:
        window = hist.window(LANE, policy)
        promise = es.promise_delivery(
            order, window, calendar=calendar, handling=HANDLING, cutoff="14:00"
        )
        return promise.earliest, promise.latest

    def baseline(order: dt.datetime) -> Any:
        lower, upper = bounds[LANE]
        day = np.datetime64(order.date(), "D")
        if order.time() >= CUTOFF:
            day += 1
        start = np.busday_offset(day, 0, roll="forward", busdaycal=week)
        steps = [HANDLING + int(lower), HANDLING + int(upper)]  # whole business days
        return np.busday_offset(start, steps, busdaycal=week)

    for order in orders:
        expected = [np.datetime64(d, "D") for d in ours(order)]
        if list(baseline(order)) != expected:
            raise AssertionError(f"the baseline quotes other dates for {order}")
    rounds = settings.size(full=31, quick=15, smoke=1)
    mine, theirs = time_alternately(
        lambda: [ours(order) for order in orders],
        lambda: [baseline(order) for order in orders],
        rounds=rounds,
        inner=settings.size(full=20, quick=10, smoke=1),
    )
    per = len(orders)
    return Comparison(
        "quote_latency",
        mine / per,
        theirs / per,
        target=5.0,
        notes=[
            "expectset: hist.window(lane, policy) (cached after the first call) + "
            "promise_delivery(order, window, handling=1, cutoff='14:00'): dates, the "
            "handling start, and the named closures inside the window",
            "baseline: a dict lookup of the lane's precomputed (lower, upper) + the cut-off by "
            "hand + two numpy.busday_offset calls (roll forward, then handling + bounds) on a "
            "busdaycalendar with the same weekmask and closed days; dates checked equal",
            f"seconds per quote, over {per} orders (nights, weekends, Lebaran 2026); median of "
            f"{rounds} alternating rounds",
        ],
    )
