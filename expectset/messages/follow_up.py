"""``follow_up``: is the case really solved? One question and an easy way to answer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from expectset.calendar import BusinessCalendar

from ._base import LocalText, MessageContext
from ._closures import default_calendar, excluded_days
from .common import Brand, Contact, Recipient, ReferenceType

__all__ = ["FollowUpContext"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowUpContext(MessageContext):
    """Ask whether a case is resolved.

    ``reference`` is worded by ``reference_type``: ``"case"`` (the default),
    ``"order"`` or ``"other"``. ``summary`` recalls what was done (a sentence). The
    customer answers by replying YA/TIDAK (YES/NO) or, when ``answer_url`` is given,
    with one click. If it is not resolved we get back within ``reply_within`` business
    days of their answer, on ``calendar``, whose business days the message spells out
    (WORDING.md rule 19); the default is ``BusinessCalendar()``: Monday to Friday,
    without Indonesian public holidays and cuti bersama.
    """

    kind: ClassVar[str] = "follow_up"

    recipient: Recipient
    reference: str
    summary: LocalText
    reference_type: ReferenceType = "case"
    answer_url: str | None = None
    reply_within: int = 1
    calendar: BusinessCalendar | None = None
    contact: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        if self.reply_within < 1:
            yield f"reply_within: must be at least 1 business day, got {self.reply_within}"
        if self.answer_url is not None and not self.answer_url.startswith(("https://", "http://")):
            yield f"answer_url: {self.answer_url!r} is not an http(s) link"

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        calendar = self.calendar or default_calendar()
        return {"workdays_calendar": calendar, "excluded": excluded_days(calendar)}
