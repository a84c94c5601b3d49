"""``timeline``: the steps of something that takes weeks, each with its date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import KW_ONLY, dataclass
from typing import Any, ClassVar

from ._base import DateSpan, LocalText, MessageContext, _Validated
from .common import Brand, Contact, Recipient

__all__ = ["Step", "TimelineContext", "step_problems"]


def _first_last(span: dt.date | tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    return span if isinstance(span, tuple) else (span, span)


@dataclass(frozen=True, slots=True)
class Step(_Validated):
    """One step of a timeline: what happens, on which day or days, and whether it is done.

    Steps not yet done are shown as estimates.
    """

    label: LocalText
    when: DateSpan
    _: KW_ONLY
    done: bool = False

    def _check(self) -> Iterator[str]:
        first, last = _first_last(self.when)
        if last < first:
            yield f"when: the range ends ({last}) before it starts ({first})"


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineContext(MessageContext):
    """A schedule with dates, the next update, and what may change it.

    ``topic`` is a noun phrase (``perbaikan laptop Anda`` / ``your laptop repair``);
    ``reference`` the case or order number; ``steps`` in order (done steps first);
    ``may_change`` lists what could move the dates (at least one, rule 21).
    """

    kind: ClassVar[str] = "timeline"

    recipient: Recipient
    topic: LocalText
    reference: str
    steps: tuple[Step, ...]
    next_update: dt.date
    may_change: tuple[LocalText, ...]
    contact: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        if not self.steps:
            yield "steps: a timeline needs at least one step"
        if not self.may_change:
            yield "may_change: say what may change the dates (rule 21)"
        yield from step_problems(self.steps, "steps")

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        return {}


def step_problems(steps: tuple[Step, ...], name: str) -> Iterator[str]:
    """Yield problems with the order of ``steps``: in date order, done steps first."""
    seen_open = False
    previous_end: dt.date | None = None
    for index, step in enumerate(steps):
        first, last = _first_last(step.when)
        if previous_end is not None and first < previous_end:
            yield f"{name}[{index}]: starts ({first}) before the previous step ends"
        previous_end = last
        if step.done and seen_open:
            yield f"{name}[{index}]: a done step comes after a step not yet done"
        seen_open = seen_open or not step.done
