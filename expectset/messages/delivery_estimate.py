"""``delivery_estimate``: when an order is expected, and everything that estimate rests on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from expectset.promises import DeliveryPromise

from ._base import MessageContext
from .common import Brand, Contact, Recipient

__all__ = ["DELAY_FACTORS", "DelayFactor", "DeliveryEstimateContext", "HolidayGroup"]

DelayFactor = Literal["peak_season", "holiday_backlog", "weather", "remote_area", "courier_volume"]
DELAY_FACTORS: tuple[DelayFactor, ...] = (
    "peak_season",
    "holiday_backlog",
    "weather",
    "remote_area",
    "courier_volume",
)


@dataclass(frozen=True, slots=True)
class HolidayGroup:
    """One named closure inside a window and the days it covers (for the message)."""

    name: str
    days: tuple[dt.date, ...]
    estimated: bool


def group_closures(promise: DeliveryPromise, language: str) -> list[HolidayGroup]:
    """Group the promise's closures by name, in date order of first appearance."""
    groups: dict[str, tuple[list[dt.date], bool]] = {}
    for closure in sorted(promise.closures, key=lambda c: c.date):
        name = closure.name(language)
        days, estimated = groups.get(name, ([], False))
        days.append(closure.date)
        groups[name] = (days, estimated or closure.estimated)
    return [
        HolidayGroup(name=name, days=tuple(days), estimated=estimated)
        for name, (days, estimated) in groups.items()
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliveryEstimateContext(MessageContext):
    """A delivery estimate for one order.

    ``promise`` gives the dates (from ``promise_delivery``); the message names the
    holidays inside the window, says how business days are counted and when the next
    update comes (``next_update``; by default the day handling ends, when the parcel
    leaves with its tracking number). ``delay_factors`` says what may slow delivery
    down; the default is bad weather and high parcel volumes at the courier.
    """

    kind: ClassVar[str] = "delivery_estimate"

    recipient: Recipient
    promise: DeliveryPromise
    order_id: str
    next_update: dt.date | None = None
    delay_factors: tuple[DelayFactor, ...] = ("weather", "courier_volume")
    contact: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        if not self.delay_factors:
            yield "delay_factors: name at least one thing that may delay delivery (rule 21)"
        if len(set(self.delay_factors)) != len(self.delay_factors):
            yield f"delay_factors: {self.delay_factors!r} repeats a factor"
        if self.next_update is not None and self.next_update > self.promise.latest:
            yield (
                f"next_update: {self.next_update} is after the latest delivery date "
                f"{self.promise.latest}; the next update must come before the promise passes"
            )

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        promise = self.promise
        calendar = promise.calendar
        ordered_day = promise.ordered_at.astimezone(calendar.zone).date()
        start_day = promise.handling_starts.astimezone(calendar.zone).date()
        next_update = self.next_update
        if next_update is None:
            next_update = calendar.add_business_days(start_day, max(promise.handling, 1))
        window = promise.window
        counts_business = promise.handling > 0 or window.unit != "calendar_days"
        if calendar.country is None:
            excluded = "nothing"
        elif calendar.country == "ID" and calendar.cuti_bersama:
            excluded = "holidays_and_cuti_bersama"
        else:
            excluded = "holidays"
        return {
            "ordered_day": ordered_day,
            "start_day": start_day,
            "late_start": start_day != ordered_day,
            "counts_business_days": counts_business,
            "excluded": excluded,
            "holidays": group_closures(promise, language),
            "any_estimated": any(c.estimated for c in promise.closures),
            "next_update_day": next_update,
        }
