"""``delay_notice``: a delivery will miss its estimate: apology, cause, new date, action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from expectset.calendar import BusinessCalendar

from ._base import (
    DateSpan,
    LocalText,
    MessageContext,
    business_day_problem,
    not_before_problem,
    today_at,
)
from .common import Brand, Compensation, Contact, Recipient, compensation_problems

__all__ = ["DELAY_CAUSES", "LONG_DELAY", "DelayCause", "DelayNoticeContext"]

DelayCause = Literal["transit_hub", "weather", "high_volume", "holiday", "stock", "customs"]
DELAY_CAUSES: tuple[DelayCause, ...] = (
    "transit_hub",
    "weather",
    "high_volume",
    "holiday",
    "stock",
    "customs",
)


#: A delay of this many business days or more (new latest day against the old one) is
#: long: the message offers a choice between waiting and cancelling with a refund.
LONG_DELAY = 3


def _first(span: dt.date | tuple[dt.date, dt.date]) -> dt.date:
    return span[0] if isinstance(span, tuple) else span


def _last(span: dt.date | tuple[dt.date, dt.date]) -> dt.date:
    return span[1] if isinstance(span, tuple) else span


@dataclass(frozen=True, slots=True, kw_only=True)
class DelayNoticeContext(MessageContext):
    """Tell a customer, before the promise passes, that an order will be late.

    The message follows WORDING.md rule 20: one specific apology, a neutral cause
    (``cause``: one of :data:`DELAY_CAUSES`, worded without blaming anyone), the old
    and the new estimate, what we do (``actions``, and ``compensation`` if any), when
    we write next (``next_update``), the contact, and thanks for patience.

    The facts must agree: the new estimate starts after the old one's last day; the
    next update is a business day on ``calendar`` (default ``BusinessCalendar()``,
    Monday to Friday without Indonesian holidays), not before the moment of sending
    (``now``) and not after the new estimate's first day.

    When the delay is long (:data:`LONG_DELAY` business days or more past the old
    latest day) the message offers a choice: wait, or cancel with a full refund.
    ``offer_cancel`` forces it on or off. The customer cancels by replying by
    ``cancel_by`` (default: the day of the next update), and we refund within
    ``refund_within`` business days of that day, a date the message states.
    """

    kind: ClassVar[str] = "delay_notice"

    recipient: Recipient
    order_id: str
    cause: DelayCause
    old_estimate: DateSpan
    new_estimate: DateSpan
    next_update: dt.date
    actions: tuple[LocalText, ...] = ()
    compensation: Compensation | None = None
    offer_cancel: bool | None = None
    cancel_by: dt.date | None = None
    refund_within: int = 3
    calendar: BusinessCalendar | None = None
    contact: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        calendar = self.calendar_of()
        for name in ("old_estimate", "new_estimate"):
            span = getattr(self, name)
            if _last(span) < _first(span):
                yield f"{name}: the range ends ({_last(span)}) before it starts ({_first(span)})"
        old_last, new_first = _last(self.old_estimate), _first(self.new_estimate)
        if new_first <= old_last:
            yield (
                f"new_estimate: starts {new_first}, not after the old estimate's last day "
                f"{old_last}; a new estimate that overlaps or precedes the old one is no delay"
            )
        yield from business_day_problem("next_update", self.next_update, calendar)
        if self.next_update > new_first:
            yield (
                f"next_update: {self.next_update} is after the new estimate's first day "
                f"{new_first}; the next update comes before the parcel may arrive"
            )
        if self.refund_within < 1:
            yield f"refund_within: must be at least 1 business day, got {self.refund_within}"
        if self.cancel_by is not None:
            if self.offer_cancel is False:
                yield "cancel_by: given, but offer_cancel=False offers no cancellation"
            yield from business_day_problem("cancel_by", self.cancel_by, calendar)
            if self.cancel_by > new_first:
                yield (
                    f"cancel_by: {self.cancel_by} is after the new estimate's first day {new_first}"
                )
        yield from compensation_problems(self.compensation, calendar, None, "compensation")

    def _check_at(self, now: dt.datetime, *, sending: bool) -> Iterator[str]:
        calendar = self.calendar_of()
        today = today_at(now, calendar)
        yield from not_before_problem("next_update", self.next_update, today)
        new_first = _first(self.new_estimate)
        if new_first < today:
            yield (
                f"new_estimate: starts {new_first}, before the moment of sending ({today}); "
                "an estimate is about days still ahead"
            )
        if self.cancel_by is not None:
            yield from not_before_problem("cancel_by", self.cancel_by, today)
        yield from compensation_problems(self.compensation, calendar, today, "compensation")

    @property
    def delay_days(self) -> int:
        """Business days from the old estimate's last day to the new one's last day."""
        calendar: BusinessCalendar = self.calendar_of()
        return calendar.business_days_between(_last(self.old_estimate), _last(self.new_estimate))

    @property
    def offers_cancel(self) -> bool:
        """Whether the message offers to cancel with a refund (a long delay, or asked)."""
        if self.offer_cancel is not None:
            return self.offer_cancel
        return self.delay_days >= LONG_DELAY

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        if not self.offers_cancel:
            return {"offers_cancel": False, "cancel_day": None, "refund_day": None}
        cancel_day = self.cancel_by or self.next_update
        refund_day = self.calendar_of().add_business_days(cancel_day, self.refund_within)
        return {"offers_cancel": True, "cancel_day": cancel_day, "refund_day": refund_day}
