"""``delay_notice``: a delivery will miss its estimate: apology, cause, new date, action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from ._base import DateSpan, LocalText, MessageContext
from .common import Brand, Compensation, Contact, Recipient

__all__ = ["DELAY_CAUSES", "DelayCause", "DelayNoticeContext"]

DelayCause = Literal["transit_hub", "weather", "high_volume", "holiday", "stock", "customs"]
DELAY_CAUSES: tuple[DelayCause, ...] = (
    "transit_hub",
    "weather",
    "high_volume",
    "holiday",
    "stock",
    "customs",
)


def _last(span: dt.date | tuple[dt.date, dt.date]) -> dt.date:
    return span[1] if isinstance(span, tuple) else span


@dataclass(frozen=True, slots=True, kw_only=True)
class DelayNoticeContext(MessageContext):
    """Tell a customer, before the promise passes, that an order will be late.

    The message follows WORDING.md rule 20: one specific apology, a neutral cause
    (``cause``: one of :data:`DELAY_CAUSES`, worded without blaming anyone), the old
    and the new estimate, what we do (``actions``, and ``compensation`` if any), when
    we write next (``next_update``), the contact, and thanks for patience.
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
    contact: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        if _last(self.new_estimate) <= _last(self.old_estimate):
            yield "new_estimate: must end after the old estimate, or there is no delay to tell"
        if self.next_update > _last(self.new_estimate):
            yield "next_update: must come before the new estimate passes"

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        return {}
