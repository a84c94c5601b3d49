"""``policy_explanation``: a rule, why it exists, and the choices the customer still has."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ._base import LocalText, MessageContext
from .common import Brand, Contact, Recipient

__all__ = ["PolicyExplanationContext"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyExplanationContext(MessageContext):
    """Explain a policy politely: the rule, the reason, and what the customer can do.

    ``topic`` is a short noun phrase for the subject line (``pengembalian pakaian
    dalam`` / ``returning underwear``). ``rule``, ``reason`` and each of ``choices``
    are whole sentences in the message's language and register; ``reason`` says how
    the rule protects the customer. At least one choice is required.
    """

    kind: ClassVar[str] = "policy_explanation"

    recipient: Recipient
    topic: LocalText
    rule: LocalText
    reason: LocalText
    choices: tuple[LocalText, ...]
    order_id: str | None = None
    contact: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        if not self.choices:
            yield "choices: give at least one choice the customer still has (principle 5)"

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        return {}
