"""``exception_decline``: no to a specific request, with the reason and alternatives."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ._base import LocalText, MessageContext
from .common import Brand, Contact, Recipient

__all__ = ["ExceptionDeclineContext"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExceptionDeclineContext(MessageContext):
    """Decline a request for an exception, respectfully.

    ``topic`` is a short noun phrase for the subject line; ``request`` restates what the
    customer asked for, as a sentence, so they see it was read; ``reason`` says why it
    cannot be granted; ``alternatives`` (at least one) say what we can do instead.
    """

    kind: ClassVar[str] = "exception_decline"

    recipient: Recipient
    topic: LocalText
    request: LocalText
    reason: LocalText
    alternatives: tuple[LocalText, ...]
    order_id: str | None = None
    contact: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        if not self.alternatives:
            yield "alternatives: offer at least one alternative when the answer is no"

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        return {}
