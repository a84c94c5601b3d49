"""``timeline``: the steps of something that takes weeks, each with its date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import KW_ONLY, dataclass
from typing import Any, ClassVar

from expectset.calendar import BusinessCalendar

from ._base import (
    DateSpan,
    LocalText,
    MessageContext,
    _Validated,
    business_day_problem,
    not_before_problem,
    today_at,
)
from .common import Brand, Contact, Recipient, ReferenceType

__all__ = ["Step", "TimelineContext", "step_problems", "steps_at"]


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

    ``topic`` is a noun phrase (``perbaikan laptop`` / ``laptop repair``); ``reference``
    the case or order number and ``reference_type`` what it names (``"order"``,
    ``"case"`` or ``"other"``, the default: worded "reference"); ``steps`` in order (done
    steps first); ``may_change`` lists what could move the dates (at least one, rule 21).

    The dates must agree: ``next_update`` is a business day on ``calendar`` (default
    ``BusinessCalendar()``), not before the moment of sending (``now``) and not after
    the end of the current step (the first not done; the last step when all are done).
    At the moment of sending, a done step has started and a step not done has not yet
    ended: an estimate already past is not sent as one.
    """

    kind: ClassVar[str] = "timeline"

    recipient: Recipient
    topic: LocalText
    reference: str
    steps: tuple[Step, ...]
    next_update: dt.date
    may_change: tuple[LocalText, ...]
    reference_type: ReferenceType = "other"
    calendar: BusinessCalendar | None = None
    contact: Contact | None = None
    brand: Brand | None = None

    def _check(self) -> Iterator[str]:
        if not self.steps:
            yield "steps: a timeline needs at least one step"
        if not self.may_change:
            yield "may_change: say what may change the dates (rule 21)"
        yield from step_problems(self.steps, "steps")
        yield from business_day_problem("next_update", self.next_update, self.calendar_of())
        if self.steps:
            index, step = _current_step(self.steps)
            last = _first_last(step.when)[1]
            if self.next_update > last:
                which = "the last step" if step.done else "the current step (the first not done)"
                yield (
                    f"next_update: {self.next_update} is after {which}, steps[{index}], ends "
                    f"({last}); the update comes before that step is over"
                )

    def _check_at(self, now: dt.datetime, *, sending: bool) -> Iterator[str]:
        today = today_at(now, self.calendar_of())
        yield from not_before_problem("next_update", self.next_update, today)
        yield from steps_at(self.steps, "steps", today)

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        return {}


def _current_step(steps: tuple[Step, ...]) -> tuple[int, Step]:
    for index, step in enumerate(steps):
        if not step.done:
            return index, step
    return len(steps) - 1, steps[-1]


def steps_at(steps: tuple[Step, ...], name: str, today: dt.date) -> Iterator[str]:
    """Yield problems with ``steps`` on ``today``: done ones started, open ones not over."""
    for index, step in enumerate(steps):
        first, last = _first_last(step.when)
        if step.done and last > today:
            yield (
                f"{name}[{index}]: marked done but "
                + (f"starts {first}" if first > today else f"ends {last}")
                + f", after the moment of sending ({today})"
            )
        if not step.done and last < today:
            yield (
                f"{name}[{index}]: not done but ended {last}, before the moment of sending "
                f"({today}); mark it done or give its new dates"
            )


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
