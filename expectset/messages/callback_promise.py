"""``callback_promise``: the latest moment we will get back to the customer, and how."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from expectset.promises import CallbackPromise

from ._base import LocalText, MessageContext
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
        by = self.promise.by
        if by.tzinfo is None or by.utcoffset() is None:
            yield "promise: promise.by must be an aware datetime"
        if self.promise.by < self.promise.requested_at:
            yield "promise: promise.by is before promise.requested_at"

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        return {"deadline": self.promise.by}
