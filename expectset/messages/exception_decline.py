"""``exception_decline``: no to a specific request, with the reason and alternatives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import KW_ONLY, dataclass
from typing import Any, ClassVar

from expectset.calendar import BusinessCalendar

from ._base import (
    LocalText,
    MessageContext,
    _Validated,
    business_day_problem,
    not_before_problem,
    today_at,
)
from .common import Brand, Contact, Recipient

__all__ = ["Alternative", "ExceptionDeclineContext"]


@dataclass(frozen=True, slots=True)
class Alternative(_Validated):
    """Something we can do instead, and the last day the customer can take it up.

    ``text`` is a sentence ("We can exchange the shoes for another size.") or a short
    phrase ("exchange for another size"); ``until`` is the last day the offer is open
    (``None``: no time limit). The message words the limit after the text: "Reply by
    Monday, 30 November 2026 at the latest to take up this option." / "Silakan balas
    paling lambat Senin, 30 November 2026 untuk mengambil pilihan ini." A phrase starts
    with a capital in the list and gets the limit in parentheses: "Exchange for another
    size (reply by Monday, 30 November 2026 at the latest)".

    Examples
    --------
    >>> import datetime as dt
    >>> Alternative({"id": "penukaran dengan ukuran lain", "en": "exchange for another size"},
    ...             until=dt.date(2026, 11, 30)).until
    datetime.date(2026, 11, 30)
    """

    text: LocalText
    _: KW_ONLY
    until: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExceptionDeclineContext(MessageContext):
    """Decline a request for an exception, respectfully.

    ``topic`` is a short noun phrase for the subject line; ``request`` restates what the
    customer asked for, as a sentence, so they see it was read; ``reason`` says why it
    cannot be granted; ``alternatives`` (at least one) say what we can do instead: each a
    text, or an :class:`Alternative` with the last day it is open (``until``). The
    message asks for a reply naming the option chosen, or, with one alternative, a
    reply to take it up. It thanks the customer for writing, and claims nothing about
    how they wrote (we cannot know it was "clear" or "detailed"). An alternative's
    ``until`` is a business day on ``calendar`` (default ``BusinessCalendar()``), the
    customer takes it up by writing to us, and not before the moment of sending.
    """

    kind: ClassVar[str] = "exception_decline"

    recipient: Recipient
    topic: LocalText
    request: LocalText
    reason: LocalText
    alternatives: tuple[LocalText | Alternative, ...]
    order_id: str | None = None
    calendar: BusinessCalendar | None = None
    contact: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        if not self.alternatives:
            yield "alternatives: offer at least one alternative when the answer is no"
        calendar = self.calendar_of()
        for index, item in enumerate(self.alternatives):
            if isinstance(item, Alternative) and item.until is not None:
                # The customer takes an offer up by writing to us: on a day we answer.
                yield from business_day_problem(
                    f"alternatives[{index}].until", item.until, calendar
                )

    def _check_at(self, now: dt.datetime, *, sending: bool) -> Iterator[str]:
        today = today_at(now, self.calendar_of())
        for index, item in enumerate(self.alternatives):
            if isinstance(item, Alternative) and item.until is not None:
                yield from not_before_problem(f"alternatives[{index}].until", item.until, today)

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves.

        ``offers``: every alternative as an :class:`Alternative` (plain text has no
        time limit).
        """
        offers = [
            item if isinstance(item, Alternative) else Alternative(item)
            for item in self.alternatives
        ]
        return {"offers": offers}
