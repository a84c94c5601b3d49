"""``service_recovery``: we got something wrong: apology, fix, what changed, follow-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ._base import LocalText, MessageContext
from .common import Brand, Compensation, Contact, Recipient
from .timeline import Step, step_problems

__all__ = ["ServiceRecoveryContext"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceRecoveryContext(MessageContext):
    """Put a mistake right and say so (principle 7).

    ``problem`` says what went wrong, ``fixed`` what we have done about it, and
    ``changed`` what we changed so it does not happen again (whole sentences, in the
    message's language and register). ``schedule`` gives the dates of the fix (a
    replacement on its way, a pickup), as timeline steps: the library writes the dates
    in the reader's locale and marks steps not yet done as estimates (WORDING.md rule
    16). ``follow_up`` is the day by which we check back.
    """

    kind: ClassVar[str] = "service_recovery"

    recipient: Recipient
    reference: str
    problem: LocalText
    fixed: LocalText
    changed: LocalText
    follow_up: dt.date
    schedule: tuple[Step, ...] = ()
    compensation: Compensation | None = None
    contact: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        yield from step_problems(self.schedule, "schedule")

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        return {}
