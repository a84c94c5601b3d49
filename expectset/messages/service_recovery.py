"""``service_recovery``: we got something wrong: apology, fix, what changed, follow-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from expectset.calendar import BusinessCalendar

from ._base import (
    LocalText,
    MessageContext,
    business_day_problem,
    not_before_problem,
    today_at,
)
from .common import (
    Brand,
    Compensation,
    Contact,
    Recipient,
    ReferenceType,
    compensation_problems,
)
from .timeline import Step, step_problems, steps_at

__all__ = ["ServiceRecoveryContext"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceRecoveryContext(MessageContext):
    """Put a mistake right and say so (principle 7).

    ``problem`` says what went wrong, ``fixed`` what we have done about it, and
    ``changed`` what we changed so it does not happen again (whole sentences, in the
    message's language and register). ``schedule`` gives the dates of the fix (a
    replacement on its way, a pickup), as timeline steps: the library writes the dates
    in the reader's locale and marks steps not yet done as estimates (WORDING.md rule
    16). ``follow_up`` is the day by which we check back. ``reference`` is worded by
    ``reference_type``: ``"order"`` (the default), ``"case"`` (a support case: a missed
    callback, a wrong answer) or ``"other"``.

    The dates must agree: ``follow_up`` is a business day on ``calendar`` (default
    ``BusinessCalendar()``), not before the moment of sending (``now``), and not before
    the last day of the ``schedule``: a follow-up checks a fix that is done. A
    compensation's date is a business day, not before the moment of sending.
    """

    kind: ClassVar[str] = "service_recovery"

    recipient: Recipient
    reference: str
    problem: LocalText
    fixed: LocalText
    changed: LocalText
    follow_up: dt.date
    reference_type: ReferenceType = "order"
    schedule: tuple[Step, ...] = ()
    compensation: Compensation | None = None
    calendar: BusinessCalendar | None = None
    contact: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        calendar = self.calendar_of()
        yield from step_problems(self.schedule, "schedule")
        yield from business_day_problem("follow_up", self.follow_up, calendar)
        if self.schedule:
            when = self.schedule[-1].when
            last = when[1] if isinstance(when, tuple) else when
            if self.follow_up < last:
                yield (
                    f"follow_up: {self.follow_up} is before the schedule's last day {last}; "
                    "we follow up on a fix once it is done"
                )
        yield from compensation_problems(self.compensation, calendar, None, "compensation")

    def _check_at(self, now: dt.datetime, *, sending: bool) -> Iterator[str]:
        calendar = self.calendar_of()
        today = today_at(now, calendar)
        yield from not_before_problem("follow_up", self.follow_up, today)
        yield from steps_at(self.schedule, "schedule", today)
        yield from compensation_problems(self.compensation, calendar, today, "compensation")

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        return {}
