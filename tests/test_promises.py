"""Promises: windows laid onto real dates and deadlines, exactly, with their closures."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import expectset as es
from expectset.promises import promise_callback, promise_delivery
from expectset.windows import PromisePolicy, Unit, Window

JKT = ZoneInfo("Asia/Jakarta")
MKS = ZoneInfo("Asia/Makassar")
D = dt.date
ID_MON_FRI = es.BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
COURIER = es.BusinessCalendar(
    timezone="Asia/Jakarta",
    workdays="Mon-Sat",
    country="ID",
    closures=[(D(2026, 3, 25), D(2026, 3, 26), "libur kurir")],
)
DESK = es.BusinessCalendar(
    timezone="Asia/Makassar",
    hours={"Mon-Fri": ("08:00", "17:00"), "Sat": ("08:00", "12:00")},
    country="ID",
)
EARLY_CLOSE = es.BusinessCalendar(timezone="Asia/Makassar", hours=("08:00", "16:55"), country=None)


def window(
    lower: float, upper: float, unit: Unit = "business_days", calendar: Any = None
) -> Window:
    """A hand-made window."""
    return Window(
        lower=lower,
        upper=upper,
        unit=unit,
        lane=(),
        requested_lane=(),
        samples=100,
        effective_samples=100,
        policy=PromisePolicy(),
        calendar=calendar,
    )


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, zone: ZoneInfo = JKT
) -> dt.datetime:
    """An aware moment."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=zone)


@pytest.mark.parametrize(
    ("ordered", "handling", "span", "calendar", "ships", "earliest", "latest"),
    [
        # Monday 10:00 before the cut-off, 1 day handling, 2-3 business days.
        (
            at(2026, 11, 23, 10),
            1,
            (2, 3),
            ID_MON_FRI,
            D(2026, 11, 24),
            D(2026, 11, 26),
            D(2026, 11, 27),
        ),
        # After the cut-off the clock starts on Tuesday.
        (
            at(2026, 11, 23, 15),
            1,
            (2, 3),
            ID_MON_FRI,
            D(2026, 11, 25),
            D(2026, 11, 27),
            D(2026, 11, 30),
        ),
        # Saturday orders start on Monday.
        (
            at(2026, 11, 21, 10),
            0,
            (1, 2),
            ID_MON_FRI,
            D(2026, 11, 23),
            D(2026, 11, 24),
            D(2026, 11, 25),
        ),
        # 23:30 UTC on Sunday is Monday 06:30 in Jakarta: before the cut-off.
        (
            dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.timezone.utc),
            0,
            (1, 1),
            ID_MON_FRI,
            D(2026, 11, 23),
            D(2026, 11, 24),
            D(2026, 11, 24),
        ),
        # Lebaran 2026: Tue 17 March + 1 business day is Wed 25 March.
        (
            at(2026, 3, 17, 10),
            0,
            (1, 1),
            ID_MON_FRI,
            D(2026, 3, 17),
            D(2026, 3, 25),
            D(2026, 3, 25),
        ),
        (
            at(2026, 3, 16, 10),
            1,
            (2, 3),
            ID_MON_FRI,
            D(2026, 3, 17),
            D(2026, 3, 26),
            D(2026, 3, 27),
        ),
        # Ordered on Nyepi: handled from the first open day, Wed 25 March.
        (at(2026, 3, 19, 9), 0, (0, 2), ID_MON_FRI, D(2026, 3, 25), D(2026, 3, 25), D(2026, 3, 27)),
        # The courier works Saturdays but pauses 25-26 March.
        (at(2026, 3, 17, 10), 1, (1, 3), COURIER, D(2026, 3, 27), D(2026, 3, 28), D(2026, 3, 31)),
        # Same-day delivery: earliest is the day handling starts.
        (
            at(2026, 11, 23, 10),
            0,
            (0, 1),
            ID_MON_FRI,
            D(2026, 11, 23),
            D(2026, 11, 23),
            D(2026, 11, 24),
        ),
    ],
)
def test_delivery_dates_pinned(
    ordered: dt.datetime,
    handling: int,
    span: tuple[int, int],
    calendar: es.BusinessCalendar,
    ships: dt.date,
    earliest: dt.date,
    latest: dt.date,
) -> None:
    """Handling starts at the order or the next open day, then handling, then the window."""
    promise = promise_delivery(
        ordered, window(*span), calendar=calendar, handling=handling, cutoff="14:00"
    )
    assert (promise.ships_on, promise.earliest, promise.latest) == (ships, earliest, latest)
    assert promise.handling_starts.tzinfo == calendar.zone
    assert promise.ordered_at == ordered


def test_closures_inside_the_window_are_listed() -> None:
    """Holidays from the order day to the latest day are listed, weekend ones included."""
    promise = promise_delivery(
        at(2026, 3, 16, 10), window(2, 3), calendar=ID_MON_FRI, handling=1, cutoff="14:00"
    )
    assert [(c.date, c.name("id")) for c in promise.closures] == [
        (D(2026, 3, 18), "cuti bersama Nyepi"),
        (D(2026, 3, 19), "Nyepi"),
        (D(2026, 3, 20), "cuti bersama Idulfitri"),
        (D(2026, 3, 21), "Idulfitri"),  # a Saturday: named, though it costs no work day
        (D(2026, 3, 22), "hari kedua Idulfitri"),
        (D(2026, 3, 23), "cuti bersama Idulfitri"),
        (D(2026, 3, 24), "cuti bersama Idulfitri"),
    ]
    quiet = promise_delivery(at(2026, 11, 23, 10), window(2, 3), calendar=ID_MON_FRI)
    assert quiet.closures == ()


def test_calendar_days_count_every_day_and_stay_put() -> None:
    """A window in calendar days is counted from the hand-over day and not moved off Sundays."""
    promise = promise_delivery(
        at(2026, 11, 20, 10), window(2, 3, "calendar_days"), calendar=ID_MON_FRI
    )
    assert (promise.earliest, promise.latest) == (D(2026, 11, 22), D(2026, 11, 23))
    christmas = promise_delivery(
        at(2026, 12, 23, 10), window(1, 2, "calendar_days"), calendar=ID_MON_FRI
    )
    assert christmas.latest == D(2026, 12, 25)
    assert [c.name("id") for c in christmas.closures] == ["cuti bersama Natal", "Natal"]


def test_business_hours_windows_for_same_day_couriers() -> None:
    """A window in business hours runs from the start of handling (or of the hand-over day)."""
    hours = es.BusinessCalendar(timezone="Asia/Jakarta", hours=("08:00", "17:00"), country="ID")
    same_day = promise_delivery(
        at(2026, 11, 23, 10), window(2, 6, "business_hours"), calendar=hours
    )
    assert (same_day.earliest, same_day.latest) == (D(2026, 11, 23), D(2026, 11, 23))
    overnight = promise_delivery(
        at(2026, 11, 23, 10), window(2, 8, "business_hours"), calendar=hours, handling=1
    )
    assert (overnight.earliest, overnight.latest) == (D(2026, 11, 24), D(2026, 11, 24))
    assert promise_delivery(
        at(2026, 11, 23, 10), window(2, 8, "business_hours"), calendar=hours
    ).latest == D(2026, 11, 24)


def test_promise_uses_the_history_calendar() -> None:
    """Without calendar= the calendar the history was measured on is used."""
    hist = es.TransitHistory.from_counts(
        {("REG",): {1: 100}}, unit="business_days", calendar=ID_MON_FRI
    )
    promise = promise_delivery(at(2026, 3, 17, 10), hist.window("REG"))
    assert promise.calendar == ID_MON_FRI
    assert promise.latest == D(2026, 3, 25)


NOW = at(2026, 11, 23, 10)
NAIVE = dt.datetime(2026, 11, 23, 10)
HOURS = window(1, 2, "business_hours")


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (partial(promise_delivery, NOW, window(1, 2)), es.InvalidCalendarError, "calendar"),
        (
            partial(promise_delivery, NAIVE, window(1, 2), calendar=ID_MON_FRI),
            es.NaiveDatetimeError,
            "ordered_at",
        ),
        (
            partial(promise_delivery, NOW, window(1, 2), calendar=ID_MON_FRI, handling=-1),
            es.InvalidPolicyError,
            "handling",
        ),
        (
            partial(promise_delivery, NOW, window(1, 2), calendar=ID_MON_FRI, cutoff="2pm"),
            es.InvalidCalendarError,
            "cutoff",
        ),
        (
            partial(promise_delivery, NOW, cast(Any, (1, 2)), calendar=ID_MON_FRI),
            es.InvalidPolicyError,
            "window",
        ),
        (
            partial(promise_callback, NAIVE, HOURS, calendar=DESK),
            es.NaiveDatetimeError,
            "requested_at",
        ),
        (
            partial(promise_callback, NOW, window(1, 2, "calendar_days"), calendar=DESK),
            es.InvalidPolicyError,
            "window",
        ),
        (
            partial(promise_callback, NOW, HOURS, calendar=DESK, round_to=0),
            es.InvalidPolicyError,
            "round_to",
        ),
        (
            partial(promise_callback, NOW, HOURS, calendar=DESK, round_to=dt.timedelta(days=2)),
            es.InvalidPolicyError,
            "round_to",
        ),
        (
            partial(promise_callback, NOW, HOURS, calendar=ID_MON_FRI.replace(hours=None)),
            es.InvalidCalendarError,
            "hours",
        ),
    ],
)
def test_bad_promise_arguments_name_the_field(
    call: Any, error: type[es.ExpectsetError], field: str
) -> None:
    """Naive times, missing calendars and bad settings raise errors naming the argument."""
    with pytest.raises(error) as info:
        call()
    assert info.value.field == field


def test_naive_times_are_fine_with_tz() -> None:
    """A naive order time is accepted when tz= names its zone."""
    promise = promise_delivery(
        dt.datetime(2026, 11, 23, 10), window(1, 2), calendar=ID_MON_FRI, tz="Asia/Jakarta"
    )
    assert promise.ordered_at == at(2026, 11, 23, 10)
    callback = promise_callback(
        dt.datetime(2026, 11, 23, 10), window(1, 2, "business_hours"), calendar=DESK, tz=MKS
    )
    assert callback.by == at(2026, 11, 23, 12, zone=MKS)


orders = st.datetimes(
    min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 31), timezones=st.just(JKT)
)


@given(
    ordered=orders,
    handling=st.integers(min_value=0, max_value=4),
    lower=st.integers(min_value=0, max_value=12),
    extra=st.integers(min_value=0, max_value=12),
    calendar=st.sampled_from([ID_MON_FRI, COURIER]),
)
@settings(max_examples=200)
def test_delivery_invariants(
    ordered: dt.datetime, handling: int, lower: int, extra: int, calendar: es.BusinessCalendar
) -> None:
    """Earliest <= latest, both open days, exactly `upper` business days after hand-over."""
    promise = promise_delivery(
        ordered, window(lower, lower + extra), calendar=calendar, handling=handling, cutoff="14:00"
    )
    assert promise.ships_on is not None
    start = promise.handling_starts.date()
    assert calendar.is_business_day(start)
    assert calendar.business_days_between(start, promise.ships_on) == handling
    assert promise.earliest <= promise.latest
    assert calendar.is_business_day(promise.earliest)
    assert calendar.is_business_day(promise.latest)
    assert calendar.business_days_between(promise.ships_on, promise.latest) == lower + extra
    assert calendar.business_days_between(promise.ships_on, promise.earliest) == lower
    ordered_day = ordered.astimezone(calendar.zone).date()
    assert all(ordered_day <= c.date <= promise.latest for c in promise.closures)
    assert all(not calendar.is_business_day(c.date) for c in promise.closures)


# ------------------------------------------------------------------ callbacks
@pytest.mark.parametrize(
    ("requested", "upper", "calendar", "round_to", "bound", "by"),
    [
        # Fri 14:10 + 6.5 working hours: 2h50 on Friday, 3h40 on Saturday morning.
        (
            at(2026, 11, 20, 14, 10, zone=MKS),
            6.5,
            DESK,
            15,
            at(2026, 11, 21, 11, 40, zone=MKS),
            at(2026, 11, 21, 11, 45, zone=MKS),
        ),
        # A bound at 16:50 rounds up to the closing time, 17:00.
        (
            at(2026, 11, 23, 9, zone=MKS),
            7 + 50 / 60,
            DESK,
            15,
            at(2026, 11, 23, 16, 50, zone=MKS),
            at(2026, 11, 23, 17, zone=MKS),
        ),
        # When the next quarter is past closing (16:55), the deadline is the closing time.
        (
            at(2026, 11, 23, 9, zone=MKS),
            7 + 53 / 60,
            EARLY_CLOSE,
            15,
            at(2026, 11, 23, 16, 53, zone=MKS),
            at(2026, 11, 23, 16, 55, zone=MKS),
        ),
        # A bound on the quarter stays; no rounding leaves the bound as it is.
        (
            at(2026, 11, 23, 9, zone=MKS),
            2,
            DESK,
            15,
            at(2026, 11, 23, 11, zone=MKS),
            at(2026, 11, 23, 11, zone=MKS),
        ),
        (
            at(2026, 11, 23, 9, 7, zone=MKS),
            2,
            DESK,
            None,
            at(2026, 11, 23, 11, 7, zone=MKS),
            at(2026, 11, 23, 11, 7, zone=MKS),
        ),
        (
            at(2026, 11, 23, 9, 7, zone=MKS),
            2,
            DESK,
            30,
            at(2026, 11, 23, 11, 7, zone=MKS),
            at(2026, 11, 23, 11, 30, zone=MKS),
        ),
        (
            at(2026, 11, 23, 9, 7, zone=MKS),
            2,
            DESK,
            dt.timedelta(hours=1),
            at(2026, 11, 23, 11, 7, zone=MKS),
            at(2026, 11, 23, 12, zone=MKS),
        ),
        # Asked on Sunday night in Jakarta: the Makassar desk opens Monday 08:00 WITA.
        (
            at(2026, 11, 22, 21, 0),
            1,
            DESK,
            15,
            at(2026, 11, 23, 9, zone=MKS),
            at(2026, 11, 23, 9, zone=MKS),
        ),
        # Idulfitri and cuti bersama: asked Tue 17 March 16:00, 3 hours -> Wed 25 March 10:00.
        (
            at(2026, 3, 17, 16, zone=MKS),
            3,
            DESK,
            15,
            at(2026, 3, 25, 10, zone=MKS),
            at(2026, 3, 25, 10, zone=MKS),
        ),
    ],
)
def test_callback_deadlines_pinned(
    requested: dt.datetime,
    upper: float,
    calendar: es.BusinessCalendar,
    round_to: Any,
    bound: dt.datetime,
    by: dt.datetime,
) -> None:
    """The deadline is the bound rounded up, never past closing, in the calendar's zone."""
    callback = promise_callback(
        requested, window(0, upper, "business_hours"), calendar=calendar, round_to=round_to
    )
    assert (callback.bound, callback.by) == (bound, by)
    assert callback.by.tzinfo == calendar.zone


@pytest.mark.parametrize(
    ("requested", "upper", "by"),
    [
        (at(2026, 11, 23, 10, zone=MKS), 1, at(2026, 11, 24, 17, zone=MKS)),
        (at(2026, 11, 23, 10, zone=MKS), 0, at(2026, 11, 23, 17, zone=MKS)),
        (at(2026, 11, 21, 10, zone=MKS), 0, at(2026, 11, 21, 12, zone=MKS)),  # Saturday
        (at(2026, 11, 21, 13, zone=MKS), 0, at(2026, 11, 23, 17, zone=MKS)),  # after Sat closing
        (at(2026, 3, 17, 10, zone=MKS), 1, at(2026, 3, 25, 17, zone=MKS)),  # across Lebaran
    ],
)
def test_callback_in_business_days_ends_at_closing(
    requested: dt.datetime, upper: int, by: dt.datetime
) -> None:
    """A window in business days promises the closing time of the upper-th business day."""
    assert promise_callback(requested, window(0, upper), calendar=DESK).by == by


@given(
    requested=st.datetimes(
        min_value=dt.datetime(2025, 1, 1),
        max_value=dt.datetime(2027, 12, 31),
        timezones=st.sampled_from([JKT, MKS, dt.timezone.utc]),
    ),
    minutes=st.integers(min_value=0, max_value=60 * 40),
    step=st.sampled_from([1, 5, 15, 30, 60]),
    calendar=st.sampled_from([DESK, EARLY_CLOSE]),
)
@settings(max_examples=200)
def test_callback_is_never_early_and_always_in_working_hours(
    requested: dt.datetime, minutes: int, step: int, calendar: es.BusinessCalendar
) -> None:
    """The deadline is at or after the bound, less than one step later, within working hours."""
    callback = promise_callback(
        requested, window(0, minutes / 60, "business_hours"), calendar=calendar, round_to=step
    )
    assert callback.bound is not None
    assert callback.bound <= callback.by < callback.bound + dt.timedelta(minutes=step)
    local = callback.by.astimezone(calendar.zone)
    hours = calendar.hours_on(local.weekday())
    assert hours is not None
    assert calendar.is_business_day(local.date())
    assert hours[0] <= local.time() <= hours[1]
    assert calendar.business_time_between(requested, callback.bound) == dt.timedelta(
        minutes=minutes
    )


def test_closures_count_from_the_order_day_and_skip_own_closures_on_days_off() -> None:
    """An order on a holiday names that holiday; the shop's own closures only on work days."""
    on_christmas_eve = promise_delivery(at(2026, 12, 24, 10), window(1, 2), calendar=ID_MON_FRI)
    assert [c.date for c in on_christmas_eve.closures][:2] == [D(2026, 12, 24), D(2026, 12, 25)]
    sundays = es.BusinessCalendar(
        workdays="Mon-Sat",
        country=None,
        closures=[es.RecurringClosure("FREQ=WEEKLY;BYDAY=SU,WE", name="tutup")],
    )
    promise = promise_delivery(at(2026, 11, 23, 10), window(2, 3), calendar=sundays)
    assert [c.date.weekday() for c in promise.closures] == [2]  # the Wednesday only


@settings(max_examples=200, deadline=None)
@given(
    minutes=st.integers(min_value=0, max_value=800 * 24 * 60),
    lower=st.integers(min_value=0, max_value=6),
    width=st.integers(min_value=0, max_value=8),
    handling=st.integers(min_value=0, max_value=3),
    unit=st.sampled_from(["business_days", "calendar_days"]),
    saturdays=st.booleans(),
)
def test_promise_delivery_passes_the_checks_it_skips(
    minutes: int, lower: int, width: int, handling: int, unit: str, saturdays: bool
) -> None:
    """promise_delivery skips the promise's own checks: rebuilt through them, it is equal."""
    import dataclasses

    cal = es.BusinessCalendar(workdays="Mon-Sat" if saturdays else "Mon-Fri", cutoff="14:00")
    window = Window(
        lower=lower,
        upper=lower + width,
        unit=unit,  # type: ignore[arg-type]
        lane=(),
        requested_lane=(),
        samples=100,
        effective_samples=100.0,
        policy=PromisePolicy(),
    )
    ordered = dt.datetime(2026, 1, 1, tzinfo=cal.zone) + dt.timedelta(minutes=minutes)
    promise = promise_delivery(ordered, window, calendar=cal, handling=handling)
    assert dataclasses.replace(promise) == promise
