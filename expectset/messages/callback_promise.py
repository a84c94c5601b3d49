"""``callback_promise``: the latest moment we will get back to the customer, and how."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from expectset.promises import CallbackPromise

from ._base import LocalText, MessageContext
from ._closures import group_closures, holiday_heading
from .common import Brand, Contact, Recipient

__all__ = ["CallbackChannel", "CallbackPromiseContext"]

CallbackChannel = Literal["phone", "email", "whatsapp"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CallbackPromiseContext(MessageContext):
    """A promise to call or write back by a deadline (from ``promise_callback``).

    The message gives the deadline as a date and a clock time with its zone
    (``paling lambat Rabu, 13 Januari 2027, pukul 17.00 WIB``), never "soon".
    ``reach_at`` is the number or address we will use; ``prepare`` lists what the
    customer can have ready; ``urgent`` is who to contact if it cannot wait.
    """

    kind: ClassVar[str] = "callback_promise"

    recipient: Recipient
    promise: CallbackPromise
    via: CallbackChannel
    case_id: str
    reach_at: str | None = None
    prepare: tuple[LocalText, ...] = ()
    urgent: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        # The promise checks its own dates; here what the message says about reaching out.
        if self.reach_at is not None:
            is_address = "@" in self.reach_at
            if self.via == "email" and not is_address:
                yield f"reach_at: {self.reach_at!r} is not an email address, and via is 'email'"
            if self.via != "email" and (
                is_address or not any(ch.isdigit() for ch in self.reach_at)
            ):
                yield f"reach_at: {self.reach_at!r} is no number to call, and via is {self.via!r}"

    def _check_at(self, now: dt.datetime, *, sending: bool) -> Iterator[str]:
        promise = self.promise
        if now < promise.requested_at:
            yield (
                f"now: {now.isoformat()} is before the request was made "
                f"({promise.requested_at.isoformat()})"
            )
        if now >= promise.by:
            yield (
                f"now: {now.isoformat()} is not before the promised deadline "
                f"{promise.by.isoformat()}: a promise must leave time to keep it"
            )

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves.

        ``holidays``: the closures from the day of the request to the deadline
        (weekend holidays included), grouped as the delivery estimate lists them, so
        that a deadline pushed out by Nyepi or Lebaran says why.
        """
        promise = self.promise
        calendar = promise.calendar
        first = promise.requested_at.astimezone(calendar.zone).date()
        last = promise.by.astimezone(calendar.zone).date()
        holidays = group_closures(calendar.closures_between(first, last, include_non_workdays=True))
        return {
            "deadline": promise.by,
            "holidays": holidays,
            "holiday_heading": holiday_heading(holidays),
        }
