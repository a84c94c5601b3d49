"""``delivery_estimate``: when an order is expected, and everything that estimate rests on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from expectset.promises import DeliveryPromise

from ._base import MessageContext, business_day_problem, not_before_problem, today_at
from ._closures import HolidayGroup, closure_name, excluded_days, group_closures, holiday_heading
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


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliveryEstimateContext(MessageContext):
    """A delivery estimate for one order.

    ``promise`` gives the dates (from ``promise_delivery``); the message names the
    holidays and closures in ``promise.closures`` (from the order date to the latest
    date, weekend holidays included), says how business days are counted and when the
    next update comes (``next_update``; by default the day the parcel ships, when it
    leaves with its tracking number). The next update is a business day, not before the
    moment of sending, and before the earliest arrival (on the day the parcel ships when
    it may arrive that same day). ``delay_factors`` says what may slow
    delivery down; the default is bad weather and high parcel volumes at the courier.

    When handling starts on a later day than the order, the message says why: the
    order came on a day we are closed (naming the holiday), or after the day's
    cut-off. ``cutoff`` is that cut-off time, to name it (default: the calendar's own
    ``cutoff``, if it has one; without either the message says "after our daily
    cut-off" without a time).
    """

    kind: ClassVar[str] = "delivery_estimate"

    recipient: Recipient
    promise: DeliveryPromise
    order_id: str
    next_update: dt.date | None = None
    delay_factors: tuple[DelayFactor, ...] = ("weather", "courier_volume")
    cutoff: dt.time | None = None
    contact: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        if not self.delay_factors:
            yield "delay_factors: name at least one thing that may delay delivery (rule 21)"
        if len(set(self.delay_factors)) != len(self.delay_factors):
            yield f"delay_factors: {self.delay_factors!r} repeats a factor"
        promise = self.promise
        ordered_day = promise.ordered_at.astimezone(promise.calendar.zone).date()
        if self.next_update is not None:
            yield from business_day_problem("next_update", self.next_update, promise.calendar)
            if self.next_update < self.ships_on():
                yield (
                    f"next_update: {self.next_update} is before the parcel ships "
                    f"({self.ships_on()}): the update brings the tracking number"
                )
        if self.cutoff is not None and self.cutoff.tzinfo is not None:
            yield (
                f"cutoff: {self.cutoff.isoformat()} carries a time zone; give the local time "
                f"on the calendar ({promise.calendar.timezone})"
            )
        else:
            yield from self._cutoff_problems(ordered_day)
        update, limit = self.update_day(), self.update_limit()
        if update > limit:
            shown = "the default, the day the parcel ships" if self.next_update is None else ""
            yield (
                f"next_update: {update}{f' ({shown})' if shown else ''} is not before the "
                f"earliest arrival {promise.earliest}; the update with the tracking number "
                f"comes by {limit} at the latest"
            )

    def _check_at(self, now: dt.datetime, *, sending: bool) -> Iterator[str]:
        promise = self.promise
        today = today_at(now, promise.calendar)
        if now < promise.ordered_at:
            yield (
                f"now: {now.isoformat()} is before the order was placed "
                f"({promise.ordered_at.isoformat()})"
            )
        if today > promise.latest:
            yield (
                f"now: {today} is after the latest delivery date {promise.latest}: this "
                "estimate has passed; send a delay_notice instead"
            )
        elif self.next_update is None and self.update_day() < today:
            yield (
                f"next_update: the default update day, the day the parcel ships "
                f"({self.update_day()}), is before the moment of sending ({today}); give "
                "next_update="
            )
        else:
            yield from not_before_problem("next_update", self.update_day(), today)

    def _cutoff_problems(self, ordered_day: dt.date) -> Iterator[str]:
        """Yield problems when the cut-off named contradicts the start of handling."""
        promise, cutoff = self.promise, self.cutoff or self.promise.calendar.cutoff
        calendar = promise.calendar
        if cutoff is None or not calendar.is_business_day(ordered_day):
            return
        local = promise.ordered_at.astimezone(calendar.zone)
        late = promise.handling_starts.astimezone(calendar.zone).date() != ordered_day
        after = local.time().replace(tzinfo=None) >= cutoff
        hours = calendar.hours_on(ordered_day.weekday()) if calendar.has_hours else None
        closed_then = hours is not None and not hours[0] <= local.time() < hours[1]
        if late and not after and not closed_then:
            yield (
                f"cutoff: the order came at {local:%H:%M}, before the {cutoff:%H:%M} cut-off, "
                f"yet handling starts on a later day; the message would blame the cut-off"
            )
        if not late and after:
            yield (
                f"cutoff: the order came at {local:%H:%M}, after the {cutoff:%H:%M} cut-off, "
                "yet handling starts the same day"
            )

    def ships_on(self) -> dt.date:
        """Return the day the parcel is handed to the courier (after handling)."""
        promise = self.promise
        if promise.ships_on is not None:
            return promise.ships_on
        start = promise.handling_starts.astimezone(promise.calendar.zone).date()
        return promise.calendar.add_business_days(start, promise.handling)

    def update_day(self) -> dt.date:
        """Return the day of the next update: ``next_update``, or the day it ships."""
        return self.next_update if self.next_update is not None else self.ships_on()

    def update_limit(self) -> dt.date:
        """Return the last day the next update may come: before the earliest arrival.

        When the parcel may arrive on the day it ships, the update comes that day.
        """
        promise = self.promise
        return max(self.ships_on(), promise.earliest - dt.timedelta(days=1))

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        promise = self.promise
        calendar = promise.calendar
        ordered_day = promise.ordered_at.astimezone(calendar.zone).date()
        start_day = promise.handling_starts.astimezone(calendar.zone).date()
        next_update = self.update_day()
        window = promise.window
        counts_business = promise.handling > 0 or window.unit != "calendar_days"
        holidays = group_closures(promise.closures)
        # Why handling starts later than the order: a closed day, or the cut-off.
        late_start = start_day != ordered_day
        closed_on_order_day = late_start and not calendar.is_business_day(ordered_day)
        closed_names = (
            [
                closure_name(c)
                for c in calendar.closures_between(
                    ordered_day, ordered_day, include_non_workdays=True
                )
            ]
            if closed_on_order_day
            else []
        )
        cutoff = self.cutoff or calendar.cutoff
        cutoff_at = (
            None
            if cutoff is None or closed_on_order_day
            else dt.datetime.combine(ordered_day, cutoff, tzinfo=calendar.zone)
        )
        return {
            "ordered_day": ordered_day,
            "start_day": start_day,
            "late_start": late_start,
            "closed_on_order_day": closed_on_order_day,
            "closed_names": closed_names,
            "cutoff_at": cutoff_at,
            "counts_business_days": counts_business,
            "excluded": excluded_days(calendar),
            "holidays": holidays,
            "holiday_heading": holiday_heading(holidays),
            "any_estimated": any(c.estimated for c in promise.closures),
            "next_update_day": next_update,
        }
