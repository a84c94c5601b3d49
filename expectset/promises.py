"""Promises on concrete dates and times: a window laid onto a calendar from a moment.

A :class:`DeliveryPromise` turns "4-6 business days" into "Wednesday 25 - Friday 27
March"; a :class:`CallbackPromise` turns "within 8 working hours" into "by Tuesday
24 November, 15.00 WITA".

How a delivery promise is counted (:func:`promise_delivery`):

1. The clock starts when the order can first be handled
   (:meth:`BusinessCalendar.handling_start
   <expectset.calendar.BusinessCalendar.handling_start>`): at the order time on a
   business day before the cut-off, otherwise at the opening of the next business day.
   Call that day *D*.
2. ``handling`` business days of packing follow: the parcel is handed to the courier on
   *H* = ``add_business_days(D, handling)`` (*H* = *D* without handling).
3. The window counts from *H* in its own unit, exactly as the history measured transit
   from the day of shipping: ``earliest`` is ``lower`` units after *H* and ``latest``
   ``upper`` units after it. Business days skip weekends, holidays and closures;
   calendar days count every day and are not moved off closed days (a history in
   calendar days already includes whatever days the courier delivers on).

So handling 1 and a window of 2-3 business days, for an order on Monday 10:00 before
the cut-off on a Monday-to-Friday calendar, is handed over on Tuesday and arrives
Thursday at the earliest, Friday at the latest.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TypeVar

from ._timeutil import TzLike, as_aware
from .calendar import BusinessCalendar, Closure
from .errors import InvalidCalendarError, InvalidContextError, InvalidPolicyError
from .windows import Window

_P = TypeVar("_P")

__all__ = [
    "CallbackPromise",
    "DeliveryPromise",
    "delivery_closures",
    "promise_callback",
    "promise_delivery",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliveryPromise:
    """An estimated delivery range on real dates.

    ``ordered_at`` is when the order was placed and ``handling_starts`` when the clock
    started (the order time before the cut-off on a business day, else the next
    business day's opening); ``handling`` business days of packing come next, then the
    window. ``earliest`` and ``latest`` are the dates quoted to the customer.
    ``closures`` lists the named closures between the order day and ``latest``, for the
    message to explain: every public holiday and cuti bersama day (also one on a
    weekend, so that Idulfitri on a Saturday is named) and the business's own closures
    that fall on work days. ``ships_on`` is the day the parcel is handed over (after
    handling).
    """

    ordered_at: dt.datetime
    handling_starts: dt.datetime
    handling: int
    earliest: dt.date
    latest: dt.date
    window: Window
    calendar: BusinessCalendar
    closures: tuple[Closure, ...] = ()
    ships_on: dt.date | None = None

    def __post_init__(self) -> None:
        problems = _delivery_problems(self)
        if not problems:
            # Left out (as JSON may), the hand-over day and the closures are the
            # calendar's; given, they must be the calendar's too.
            ships, closures = _derived(self)
            if self.ships_on is None:
                object.__setattr__(self, "ships_on", ships)
            elif self.ships_on != ships:
                problems.append(
                    f"ships_on: {self.ships_on} is not the day {self.handling} business "
                    f"day(s) of handling from {_start_day(self)} end ({ships})"
                )
            if not problems:
                problems.extend(_window_dates_problems(self))
            if problems:
                pass  # wrong dates make wrong closures: say the cause only
            elif not self.closures:
                object.__setattr__(self, "closures", closures)
            elif self.closures != closures:
                shown = ", ".join(c.date.isoformat() for c in closures[:8]) or "none"
                more = ", ..." if len(closures) > 8 else ""
                problems.append(
                    f"closures: {len(self.closures)} given, but the calendar has "
                    f"{len(closures)} from the order day to {self.latest} ({shown}{more})"
                )
        _raise(self, problems)


@dataclass(frozen=True, slots=True, kw_only=True)
class CallbackPromise:
    """A deadline for our own action (a call back, a reply), inside working hours.

    ``by`` is aware, in the calendar's zone, inside working hours, and never earlier than
    the window's bound. ``bound`` is the exact moment the window gives, before rounding.
    """

    requested_at: dt.datetime
    by: dt.datetime
    window: Window
    calendar: BusinessCalendar
    bound: dt.datetime | None = None

    def __post_init__(self) -> None:
        _raise(self, _callback_problems(self))


def _raise(promise: object, problems: list[str]) -> None:
    """Refuse a promise that contradicts itself, listing every problem at once.

    :class:`~expectset.errors.InvalidContextError`: a promise is what a message states.
    """
    if not problems:
        return
    name = type(promise).__name__
    count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    raise InvalidContextError(
        f"{name}: {count}:\n  - " + "\n  - ".join(problems),
        field=problems[0].split(":", 1)[0],
        value=None,
        problems=tuple(problems),
    )


def _is_aware(value: object) -> bool:
    return (
        isinstance(value, dt.datetime)
        and value.tzinfo is not None
        and value.utcoffset() is not None
    )


def _is_day(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _basis_problems(window: object, calendar: object) -> list[str]:
    """Problems with what a promise rests on (checked at run time: it may come from JSON)."""
    problems = []
    if not isinstance(window, Window):
        problems.append(f"window: expected a Window, got {window!r}")
    if not isinstance(calendar, BusinessCalendar):
        problems.append(f"calendar: expected a BusinessCalendar, got {calendar!r}")
    return problems


def _delivery_problems(p: DeliveryPromise) -> list[str]:
    problems: list[str] = []
    for name in ("ordered_at", "handling_starts"):
        value = getattr(p, name)
        if not _is_aware(value):
            problems.append(f"{name}: expected an aware datetime, got {value!r}")
    for name in ("earliest", "latest"):
        value = getattr(p, name)
        if not _is_day(value):
            problems.append(f"{name}: expected a date, got {value!r}")
    if p.ships_on is not None and not _is_day(p.ships_on):
        problems.append(f"ships_on: expected a date or None, got {p.ships_on!r}")
    if isinstance(p.handling, bool) or not isinstance(p.handling, int) or p.handling < 0:
        problems.append(
            f"handling: expected a whole number of business days, 0 or more, got {p.handling!r}"
        )
    problems.extend(_basis_problems(p.window, p.calendar))
    if not isinstance(p.closures, tuple) or not all(isinstance(c, Closure) for c in p.closures):
        problems.append(f"closures: expected a tuple of Closure, got {p.closures!r}")
    if problems:
        return problems
    ordered_day = p.ordered_at.astimezone(p.calendar.zone).date()
    if p.handling_starts < p.ordered_at:
        problems.append(
            f"handling_starts: {p.handling_starts.isoformat()} is before ordered_at "
            f"{p.ordered_at.isoformat()}: handling cannot start before the order"
        )
    if p.earliest > p.latest:
        problems.append(
            f"earliest: {p.earliest} is after latest {p.latest}: a range must not end "
            "before it starts"
        )
    if p.earliest < ordered_day:
        problems.append(
            f"earliest: {p.earliest} is before the order day {ordered_day} "
            f"(ordered_at {p.ordered_at.isoformat()})"
        )
    if p.ships_on is not None:
        start_day = p.handling_starts.astimezone(p.calendar.zone).date()
        if p.ships_on < start_day:
            problems.append(
                f"ships_on: {p.ships_on} is before handling starts ({start_day}): a parcel "
                "is not handed over before it is packed"
            )
        if p.ships_on > p.earliest:
            problems.append(
                f"ships_on: {p.ships_on} is after the earliest arrival {p.earliest}: a parcel "
                "cannot arrive before it is handed over"
            )
    return problems


def _start_day(p: DeliveryPromise) -> dt.date:
    return p.handling_starts.astimezone(p.calendar.zone).date()


def _derived(p: DeliveryPromise) -> tuple[dt.date, tuple[Closure, ...]]:
    """Return the hand-over day and the closures the calendar gives this promise."""
    start = _start_day(p)
    ships = p.calendar.add_business_days(start, p.handling) if p.handling else start
    return ships, delivery_closures(p.calendar, p.ordered_at, p.latest)


def _window_dates_problems(p: DeliveryPromise) -> list[str]:
    """Check the dates are the window laid from the hand-over day (the message says both)."""
    problems: list[str] = []
    start = _start_day(p)
    if not p.calendar.is_business_day(start):
        problems.append(
            f"handling_starts: {p.handling_starts.isoformat()} is on {start}, a day the "
            "business is closed; handling starts on a business day"
        )
    ships, window, cal = p.ships_on, p.window, p.calendar
    assert ships is not None
    low, high = math.floor(window.lower), math.ceil(window.upper)
    if window.unit == "business_days":
        expected = cal.add_business_days(ships, low), cal.add_business_days(ships, high)
    elif window.unit == "calendar_days":
        expected = ships + dt.timedelta(days=low), ships + dt.timedelta(days=high)
    else:
        return problems  # hours land by the clock: promise_delivery is the reference
    if (p.earliest, p.latest) != expected:
        problems.append(
            f"earliest: {p.earliest}–{p.latest} is not the window "
            f"{window.range_text()} from the hand-over day {ships} ({expected[0]}–{expected[1]})"
        )
    return problems


def _closes_at_midnight(cal: BusinessCalendar, day: dt.date) -> bool:
    hours = cal.hours_on(day.weekday()) if cal.has_hours else None
    return hours is not None and hours[1] == dt.time.max and cal.is_business_day(day)


def _callback_problems(p: CallbackPromise) -> list[str]:
    problems: list[str] = []
    for name in ("requested_at", "by"):
        value = getattr(p, name)
        if not _is_aware(value):
            problems.append(f"{name}: expected an aware datetime, got {value!r}")
    if p.bound is not None and not _is_aware(p.bound):
        problems.append(f"bound: expected an aware datetime or None, got {p.bound!r}")
    problems.extend(_basis_problems(p.window, p.calendar))
    if problems:
        return problems
    if p.window.unit not in ("business_hours", "business_days"):
        problems.append(
            f"window: a callback counts working time (business_hours or business_days), "
            f"not {p.window.unit}"
        )
    if p.by < p.requested_at:
        problems.append(
            f"by: {p.by.isoformat()} is before requested_at {p.requested_at.isoformat()}: "
            "a reply cannot be promised before the request"
        )
    if p.bound is not None and p.by < p.bound:
        problems.append(
            f"by: {p.by.isoformat()} is before the window's bound {p.bound.isoformat()}: "
            "a deadline is never earlier than the history allows"
        )
    cal = p.calendar
    local = p.by.astimezone(cal.zone)
    if local.time() == dt.time() and _closes_at_midnight(cal, local.date() - dt.timedelta(days=1)):
        pass  # the end of a day that works until midnight
    elif not cal.is_business_day(local.date()):
        problems.append(
            f"by: {local.isoformat()} falls on {local.strftime('%A')} {local.date()}, a day "
            "the business is closed on its calendar"
        )
    elif cal.has_hours:
        hours = cal.hours_on(local.weekday())
        if hours is not None and not hours[0] <= local.timetz().replace(tzinfo=None) <= hours[1]:
            problems.append(
                f"by: {local.strftime('%H:%M')} on {local.date()} is outside working hours "
                f"({hours[0].strftime('%H:%M')}–{hours[1].strftime('%H:%M')})"
            )
    return problems


def _calendar_for(window: Window, calendar: BusinessCalendar | None) -> BusinessCalendar:
    if not isinstance(window, Window):
        raise InvalidPolicyError(
            f"window must be a Window (from TransitHistory.window), got {window!r}",
            field="window",
            value=window,
        )
    chosen = calendar if calendar is not None else window.calendar
    if chosen is None:
        raise InvalidCalendarError(
            "this window carries no calendar (it was not measured on one); "
            "pass calendar=BusinessCalendar(...)",
            field="calendar",
            value=None,
        )
    if not isinstance(chosen, BusinessCalendar):
        raise InvalidCalendarError(
            f"calendar must be a BusinessCalendar, got {chosen!r}", field="calendar", value=chosen
        )
    return chosen


def _hours(value: float) -> dt.timedelta:
    """Hours as an exact timedelta (windows in hours are whole minutes)."""
    minutes = value * 60
    if abs(minutes - round(minutes)) < 1e-6:
        return dt.timedelta(minutes=round(minutes))
    return dt.timedelta(hours=value)


def promise_delivery(
    ordered_at: dt.datetime,
    window: Window,
    *,
    calendar: BusinessCalendar | None = None,
    handling: int = 0,
    cutoff: str | dt.time | None = None,
    tz: TzLike | None = None,
) -> DeliveryPromise:
    """Lay ``window`` onto real dates for an order placed at ``ordered_at``.

    ``calendar`` defaults to the one the window's history was measured on; ``cutoff``
    to the calendar's own. ``ordered_at`` must be aware unless ``tz`` names its zone.
    The counting rules are in the module documentation. Windows in whole units are
    used as they are; a fractional day is rounded outward (earlier ``earliest``, later
    ``latest``).

    Examples
    --------
    >>> from expectset.windows import PromisePolicy
    >>> cal = BusinessCalendar(workdays="Mon-Fri", country="ID")
    >>> w = Window(lower=2, upper=3, unit="business_days", lane=(), requested_lane=(),
    ...            samples=100, effective_samples=100, policy=PromisePolicy())
    >>> p = promise_delivery(dt.datetime(2026, 3, 16, 10, tzinfo=cal.zone), w,
    ...                      calendar=cal, handling=1, cutoff="14:00")
    >>> p.ships_on, p.earliest, p.latest     # Tue 17 March, then Nyepi and Lebaran
    (datetime.date(2026, 3, 17), datetime.date(2026, 3, 26), datetime.date(2026, 3, 27))
    >>> [c.name("id") for c in p.closures][:2]
    ['cuti bersama Nyepi', 'Nyepi']
    """
    cal = _calendar_for(window, calendar)
    if isinstance(handling, bool) or not isinstance(handling, int) or handling < 0:
        raise InvalidPolicyError(
            f"handling must be a whole number of business days, 0 or more, got {handling!r}",
            field="handling",
            value=handling,
        )
    ordered = as_aware(ordered_at, field="ordered_at", tz=tz)
    starts = cal.handling_start(ordered, cutoff=cutoff)
    first_day = starts.date()
    ships = cal.add_business_days(first_day, handling) if handling else first_day
    unit = window.unit
    low = math.floor(window.lower)
    high = math.ceil(window.upper)
    if unit == "business_days":
        earliest = cal.add_business_days(ships, low)
        latest = cal.add_business_days(ships, high)
    elif unit == "calendar_days":
        earliest = ships + dt.timedelta(days=low)
        latest = ships + dt.timedelta(days=high)
    else:
        clock = starts
        if handling:
            clock = cal.next_open(dt.datetime.combine(ships, dt.time(), tzinfo=cal.zone))
        earliest = cal.add_business_hours(clock, _hours(window.lower)).date()
        latest = cal.add_business_hours(clock, _hours(window.upper)).date()
    # Every field is computed here by the rules the checks enforce (a test builds the
    # same promise through the checks): skip them on the checkout's hot path.
    return _unchecked(
        DeliveryPromise,
        ordered_at=ordered,
        handling_starts=starts,
        handling=handling,
        earliest=earliest,
        latest=latest,
        window=window,
        calendar=cal,
        closures=delivery_closures(cal, ordered, latest),
        ships_on=ships,
    )


def _unchecked(cls: type[_P], **fields: object) -> _P:
    """Make a promise from fields this module computed itself, without re-checking them."""
    promise = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(promise, name, value)
    return promise


def delivery_closures(
    cal: BusinessCalendar, ordered: dt.datetime, latest: dt.date
) -> tuple[Closure, ...]:
    """Return the closures a delivery message names, in date order.

    Every public holiday and cuti bersama day from the order day to ``latest`` (also on
    weekends), and the business's own closures on work days.
    """
    first = as_aware(ordered, field="ordered_at").astimezone(cal.zone).date()
    return tuple(
        closure
        for closure in cal.closures_between(first, max(first, latest), include_non_workdays=True)
        if closure.kind != "closure" or closure.date.weekday() in cal.workdays
    )


def _step(round_to: int | dt.timedelta | None) -> dt.timedelta | None:
    if round_to is None:
        return None
    if isinstance(round_to, dt.timedelta):
        step = round_to
    elif isinstance(round_to, int) and not isinstance(round_to, bool):
        step = dt.timedelta(minutes=round_to)
    else:
        step = dt.timedelta(0)
    if not dt.timedelta(0) < step <= dt.timedelta(days=1):
        raise InvalidPolicyError(
            f"round_to must be minutes (15) or a timedelta up to a day, or None, got {round_to!r}",
            field="round_to",
            value=round_to,
        )
    return step


def _round_up(bound: dt.datetime, step: dt.timedelta, cal: BusinessCalendar) -> dt.datetime:
    """Round up to the next multiple of ``step`` after midnight, but not past closing."""
    midnight = bound.replace(hour=0, minute=0, second=0, microsecond=0)
    since = bound - midnight  # wall-clock time of day: both share the calendar's zone
    steps = -(-since // step)
    rounded = steps * step
    if rounded == since:
        return bound
    hours = cal.hours_on(bound.weekday())
    if hours is not None:
        closing = hours[1]
        closes = (
            dt.timedelta(days=1)
            if closing == dt.time.max
            else dt.timedelta(hours=closing.hour, minutes=closing.minute, seconds=closing.second)
        )
        rounded = min(rounded, closes)
    return midnight + rounded


def promise_callback(
    requested_at: dt.datetime,
    window: Window,
    *,
    calendar: BusinessCalendar | None = None,
    round_to: int | dt.timedelta | None = 15,
    tz: TzLike | None = None,
) -> CallbackPromise:
    """Promise a deadline for answering a request made at ``requested_at``.

    For a window in business hours the bound is ``upper`` working hours after the
    request; for business days it is the closing time of the ``upper``-th business day
    after the first moment the desk is open (``upper == 0``: closing time that day).
    ``by`` is the bound rounded up to the next ``round_to`` (minutes or a timedelta; the
    quarter hour by default, ``None`` for none), but never past that day's closing time:
    so it is never earlier than the bound and always inside working hours.
    ``requested_at`` must be aware unless ``tz`` names its zone; ``calendar`` defaults to
    the one the window was measured on and needs working hours.

    Examples
    --------
    >>> from expectset.windows import PromisePolicy
    >>> desk = BusinessCalendar(timezone="Asia/Makassar", country=None,
    ...                         hours={"Mon-Fri": ("08:00", "17:00"), "Sat": ("08:00", "12:00")})
    >>> w = Window(lower=2, upper=6.5, unit="business_hours", lane=(), requested_lane=(),
    ...            samples=100, effective_samples=100, policy=PromisePolicy())
    >>> cb = promise_callback(dt.datetime(2026, 11, 20, 14, 10, tzinfo=desk.zone), w,
    ...                       calendar=desk)
    >>> cb.bound.strftime("%a %d %b %H:%M"), cb.by.strftime("%a %d %b %H:%M %Z")
    ('Sat 21 Nov 11:40', 'Sat 21 Nov 11:45 WITA')
    """
    cal = _calendar_for(window, calendar)
    step = _step(round_to)
    moment = as_aware(requested_at, field="requested_at", tz=tz)
    if window.unit == "business_hours":
        bound = cal.add_business_hours(moment, _hours(window.upper))
    elif window.unit == "business_days":
        opened = cal.next_open(moment)
        day = cal.add_business_days(opened.date(), math.ceil(window.upper))
        hours = cal.hours_on(day.weekday())
        if hours is None:  # pragma: no cover - business days of a calendar with hours have them
            raise InvalidCalendarError(f"no working hours on {day}", field="calendar", value=cal)
        closing = hours[1]
        if closing == dt.time.max:
            bound = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=cal.zone)
        else:
            bound = dt.datetime.combine(day, closing, tzinfo=cal.zone)
    else:
        raise InvalidPolicyError(
            "a callback deadline counts working time: use a window in business_hours or "
            f"business_days, not {window.unit}",
            field="window",
            value=window.unit,
        )
    by = bound if step is None else _round_up(bound, step, cal)
    return CallbackPromise(requested_at=moment, by=by, window=window, calendar=cal, bound=bound)
