"""``service_recovery``: we got something wrong: apology, fix, what changed, follow-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from ._base import LocalText, MessageContext
from .common import Brand, Compensation, Contact, Recipient

__all__ = ["ServiceRecoveryContext"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceRecoveryContext(MessageContext):
    """Put a mistake right and say so (principle 7).

    ``problem`` says what went wrong, ``fixed`` what we have done about it, and
    ``changed`` what we changed so it does not happen again (whole sentences, in the
    message's language and register). ``follow_up`` is the day by which we check back.
    """

    kind: ClassVar[str] = "service_recovery"

    recipient: Recipient
    reference: str
    problem: LocalText
    fixed: LocalText
    changed: LocalText
    follow_up: dt.date
    compensation: Compensation | None = None
    contact: Contact | None = None
    brand: Brand | None = None

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        return {}
