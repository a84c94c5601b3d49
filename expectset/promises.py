"""Promises on concrete dates and times: a window laid onto a calendar from a moment.

A :class:`DeliveryPromise` turns "4-6 business days" into "Wednesday 25 - Friday 27
March"; a :class:`CallbackPromise` turns "within 8 working hours" into "by Tuesday
24 November, 15.00 WITA".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import BusinessCalendar, Closure
from .windows import Window

__all__ = ["CallbackPromise", "DeliveryPromise"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliveryPromise:
    """An estimated delivery range on real dates.

    ``ordered_at`` is when the order was placed and ``handling_starts`` when the clock
    started (the order time before the cut-off on a business day, else the next
    business day's opening); ``handling`` business days of packing come next, then the
    window. ``earliest`` and ``latest`` are the dates quoted to the customer.
    ``closures`` lists the named closures (holidays, cuti bersama, courier pauses) from
    the start of handling to ``latest`` that cost a business day, for the message to
    explain.
    """

    ordered_at: dt.datetime
    handling_starts: dt.datetime
    handling: int
    earliest: dt.date
    latest: dt.date
    window: Window
    calendar: BusinessCalendar
    closures: tuple[Closure, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CallbackPromise:
    """A deadline for our own action (a call back, a reply), inside working hours.

    ``by`` is aware, in the calendar's zone, inside working hours, and never earlier than
    the window's bound.
    """

    requested_at: dt.datetime
    by: dt.datetime
    window: Window
    calendar: BusinessCalendar
