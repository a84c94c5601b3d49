"""Business calendars: Indonesian holidays, day and hour arithmetic, and bad input."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import expectset as es
from expectset.calendar import BusinessCalendar, RecurringClosure, describe_days

JKT = ZoneInfo("Asia/Jakarta")
D = dt.date

ID_MON_FRI = BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
ID_NO_LEAVE = BusinessCalendar(
    timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID", cuti_bersama=False
)
ID_MON_SAT = BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Sat", country="ID")
PLAIN = BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country=None)
SUPPORT = BusinessCalendar(
    timezone="Asia/Makassar",
    hours={"Mon-Fri": ("08:00", "17:00"), "Sat": ("08:00", "12:00")},
    country="ID",
)


@pytest.mark.parametrize(
    ("calendar", "start", "n", "expected"),
    [
        # Nyepi, Idulfitri and their cuti bersama between 17 and 25 March 2026.
        (ID_MON_FRI, D(2026, 3, 17), 1, D(2026, 3, 25)),
        (ID_NO_LEAVE, D(2026, 3, 17), 1, D(2026, 3, 18)),
        (ID_NO_LEAVE, D(2026, 3, 17), 2, D(2026, 3, 20)),
        (ID_MON_FRI, D(2026, 3, 17), 3, D(2026, 3, 27)),
        (ID_MON_SAT, D(2026, 3, 17), 1, D(2026, 3, 25)),
        (ID_MON_FRI, D(2026, 3, 25), -1, D(2026, 3, 17)),
        # Weekends: Friday + 1 is Monday; from a Sunday, -1 is Friday.
        (PLAIN, D(2026, 11, 20), 1, D(2026, 11, 23)),
        (PLAIN, D(2026, 11, 22), -1, D(2026, 11, 20)),
        (PLAIN, D(2026, 11, 21), 1, D(2026, 11, 23)),
        (PLAIN, D(2026, 11, 23), 0, D(2026, 11, 23)),
        (PLAIN, D(2026, 11, 22), 0, D(2026, 11, 22)),
        # Christmas 2026: cuti bersama Thu 24, Natal Fri 25.
        (ID_MON_FRI, D(2026, 12, 23), 1, D(2026, 12, 28)),
        (ID_NO_LEAVE, D(2026, 12, 23), 1, D(2026, 12, 24)),
        # Across the year end: New Year 2027 is a Friday.
        (ID_MON_FRI, D(2026, 12, 30), 2, D(2027, 1, 4)),
        # Independence Day 17 August 2026 is a Monday.
        (ID_MON_FRI, D(2026, 8, 14), 1, D(2026, 8, 18)),
        (ID_MON_SAT, D(2026, 8, 14), 1, D(2026, 8, 15)),
    ],
)
def test_add_business_days_pinned(
    calendar: BusinessCalendar, start: dt.date, n: int, expected: dt.date
) -> None:
    """Adding business days skips weekends, public holidays and cuti bersama exactly."""
    assert calendar.add_business_days(start, n) == expected


@pytest.mark.parametrize(
    ("calendar", "start", "end", "expected"),
    [
        (PLAIN, D(2026, 11, 20), D(2026, 11, 23), 1),  # Friday evening -> Monday
        (PLAIN, D(2026, 11, 21), D(2026, 11, 23), 1),  # Saturday -> Monday
        (PLAIN, D(2026, 11, 23), D(2026, 11, 23), 0),
        (PLAIN, D(2026, 11, 23), D(2026, 11, 20), -1),
        (PLAIN, D(2026, 11, 22), D(2026, 11, 20), -1),
        (ID_MON_FRI, D(2026, 3, 16), D(2026, 3, 27), 4),  # 17, 25, 26, 27
        (ID_NO_LEAVE, D(2026, 3, 16), D(2026, 3, 27), 8),  # all but Nyepi
        (ID_MON_SAT, D(2026, 3, 16), D(2026, 3, 28), 5),  # Sat 21 is Idulfitri
    ],
)
def test_business_days_between_pinned(
    calendar: BusinessCalendar, start: dt.date, end: dt.date, expected: int
) -> None:
    """Business days are counted in (start, end], negative going backwards."""
    assert calendar.business_days_between(start, end) == expected


def test_lebaran_2026_counts_by_hand() -> None:
    """The Lebaran week count matches a day-by-day listing of open days."""
    open_days = [
        D(2026, 3, 16) + dt.timedelta(days=i)
        for i in range(1, 12)
        if ID_MON_FRI.is_business_day(D(2026, 3, 16) + dt.timedelta(days=i))
    ]
    assert open_days == [D(2026, 3, 17), D(2026, 3, 25), D(2026, 3, 26), D(2026, 3, 27)]
    assert ID_MON_FRI.business_days_between(D(2026, 3, 16), D(2026, 3, 27)) == len(open_days)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 8, 17), False),  # Hari Kemerdekaan
        (D(2026, 3, 19), False),  # Nyepi
        (D(2026, 3, 18), False),  # cuti bersama Nyepi
        (D(2026, 3, 25), True),
        (D(2026, 11, 21), False),  # Saturday
        (D(2026, 11, 23), True),
    ],
)
def test_is_business_day(day: dt.date, expected: bool) -> None:
    """Holidays, cuti bersama and weekends are closed; other work days are open."""
    assert ID_MON_FRI.is_business_day(day) is expected


def test_aware_datetime_is_read_in_the_calendar_zone() -> None:
    """23:30 UTC on Sunday is already Monday morning in Jakarta."""
    sunday_night_utc = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.timezone.utc)
    assert PLAIN.is_business_day(sunday_night_utc)
    assert not PLAIN.is_business_day(dt.datetime(2026, 11, 22, 16, 0, tzinfo=dt.timezone.utc))


def test_closures_between_names_house_spelling() -> None:
    """Closures carry KBBI house names in Indonesian and English, not the package's strings."""
    found = ID_MON_FRI.closures_between(D(2026, 3, 17), D(2026, 3, 25))
    assert [(c.date, c.kind, c.name("id"), c.name("en")) for c in found] == [
        (
            D(2026, 3, 18),
            "cuti_bersama",
            "cuti bersama Nyepi",
            "collective leave for Nyepi",
        ),
        (D(2026, 3, 19), "public_holiday", "Nyepi", "Nyepi (Day of Silence)"),
        (
            D(2026, 3, 20),
            "cuti_bersama",
            "cuti bersama Idulfitri",
            "collective leave for Eid al-Fitr",
        ),
        (
            D(2026, 3, 23),
            "cuti_bersama",
            "cuti bersama Idulfitri",
            "collective leave for Eid al-Fitr",
        ),
        (
            D(2026, 3, 24),
            "cuti_bersama",
            "cuti bersama Idulfitri",
            "collective leave for Eid al-Fitr",
        ),
    ]
    weekend_too = ID_MON_FRI.closures_between(
        D(2026, 3, 21), D(2026, 3, 22), include_non_workdays=True
    )
    assert [c.name("id") for c in weekend_too] == ["Idulfitri", "hari kedua Idulfitri"]


def test_no_raw_package_names_leak() -> None:
    """No closure name over ten years keeps the package's '(perkiraan)' or 'Idul Fitri'."""
    for closure in ID_MON_FRI.closures_between(
        D(2024, 1, 1), D(2033, 12, 31), include_non_workdays=True
    ):
        for name in (closure.name("id"), closure.name("en")):
            assert "perkiraan" not in name
            assert "estimated" not in name
            assert "Idul " not in name
            assert "Pegangti" not in name


def test_estimated_holidays_are_flagged() -> None:
    """Holidays whose date is not yet decreed are marked estimated."""
    eid_2027 = [
        c
        for c in ID_MON_FRI.closures_between(D(2027, 3, 10), D(2027, 3, 10))
        if c.kind == "public_holiday"
    ]
    assert [(c.name("id"), c.estimated) for c in eid_2027] == [("Idulfitri", True)]


def test_user_closures_ranges_names_and_rules() -> None:
    """Courier pauses, single days and recurring closures close the calendar with their names."""
    courier = BusinessCalendar(
        country=None,
        workdays="Mon-Sat",
        closures=[
            (
                D(2026, 3, 21),
                D(2026, 3, 22),
                {"id": "libur kurir Lebaran", "en": "courier's Lebaran pause"},
            ),
            D(2026, 5, 2),
            (D(2026, 6, 6), "stok opname"),
            RecurringClosure("FREQ=MONTHLY;BYDAY=1MO", name="rapat bulanan"),
        ],
    )
    assert not courier.is_business_day(D(2026, 3, 21))
    assert not courier.is_business_day(D(2026, 5, 2))
    assert not courier.is_business_day(D(2026, 6, 6))
    assert not courier.is_business_day(D(2026, 12, 7))  # first Monday of December
    assert courier.is_business_day(D(2026, 12, 14))
    names = [
        (c.date, c.name("en")) for c in courier.closures_between(D(2026, 3, 20), D(2026, 3, 23))
    ]
    assert names == [(D(2026, 3, 21), "courier's Lebaran pause")]
    assert courier.closures_between(D(2026, 5, 2), D(2026, 5, 2))[0].name("id") == (
        "libur operasional"
    )


def test_dateutil_rrule_objects_are_accepted() -> None:
    """A dateutil rrule object works as a recurring closure."""
    from dateutil.rrule import WE, WEEKLY, rrule

    cal = BusinessCalendar(
        country=None, closures=[rrule(WEEKLY, byweekday=WE, dtstart=dt.datetime(2026, 1, 1))]
    )
    assert not cal.is_business_day(D(2026, 11, 25))
    assert cal.add_business_days(D(2026, 11, 24), 1) == D(2026, 11, 26)


def test_replace_adds_closures_to_a_shared_base() -> None:
    """replace() lays extra closures over a base calendar without changing it."""
    courier = ID_MON_FRI.replace(closures=[(D(2026, 3, 25), D(2026, 3, 26), "jeda kurir")])
    assert courier.add_business_days(D(2026, 3, 17), 1) == D(2026, 3, 27)
    assert ID_MON_FRI.add_business_days(D(2026, 3, 17), 1) == D(2026, 3, 25)
    assert courier != ID_MON_FRI
    assert ID_MON_FRI.replace() == ID_MON_FRI
    with pytest.raises(TypeError, match="unknown settings"):
        ID_MON_FRI.replace(weekdays="Mon-Sat")


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("Mon-Fri", {0, 1, 2, 3, 4}),
        ("Mon-Sat", {0, 1, 2, 3, 4, 5}),
        ("mon, wed ,FRI", {0, 2, 4}),
        ("Sen-Sab", {0, 1, 2, 3, 4, 5}),
        ("Senin-Jumat", {0, 1, 2, 3, 4}),
        ("Fri-Mon", {4, 5, 6, 0}),
        ([0, 1, 2], {0, 1, 2}),
        (6, {6}),
    ],
)
def test_workdays_spellings(spec: object, expected: set[int]) -> None:
    """Work days read English or Indonesian names, ranges (wrapping) and numbers."""
    assert BusinessCalendar(workdays=spec, country=None).workdays == expected  # type: ignore[arg-type]


def test_per_weekday_hours() -> None:
    """Saturday can have shorter hours than the week; work days follow the hours mapping."""
    assert SUPPORT.workdays == {0, 1, 2, 3, 4, 5}
    assert SUPPORT.hours_on(5) == (dt.time(8), dt.time(12))
    assert SUPPORT.hours_on(6) is None
    friday_4pm = dt.datetime(2026, 11, 20, 16, tzinfo=ZoneInfo("Asia/Makassar"))
    assert SUPPORT.add_business_hours(friday_4pm, 5) == dt.datetime(
        2026, 11, 21, 12, tzinfo=ZoneInfo("Asia/Makassar")
    )
    assert SUPPORT.add_business_hours(friday_4pm, 6) == dt.datetime(
        2026, 11, 23, 9, tzinfo=ZoneInfo("Asia/Makassar")
    )


@pytest.mark.parametrize(
    ("moment", "hours", "expected"),
    [
        (dt.datetime(2026, 11, 20, 16, tzinfo=JKT), 3, dt.datetime(2026, 11, 23, 10, tzinfo=JKT)),
        (dt.datetime(2026, 11, 23, 8, tzinfo=JKT), 9, dt.datetime(2026, 11, 23, 17, tzinfo=JKT)),
        (dt.datetime(2026, 11, 23, 6, tzinfo=JKT), 1, dt.datetime(2026, 11, 23, 9, tzinfo=JKT)),
        (dt.datetime(2026, 11, 23, 18, tzinfo=JKT), 0, dt.datetime(2026, 11, 24, 8, tzinfo=JKT)),
        (
            dt.datetime(2026, 11, 23, 9, 15, tzinfo=JKT),
            dt.timedelta(minutes=30),
            dt.datetime(2026, 11, 23, 9, 45, tzinfo=JKT),
        ),
        # 03:00 UTC is 10:00 in Jakarta.
        (
            dt.datetime(2026, 11, 23, 3, tzinfo=dt.timezone.utc),
            2,
            dt.datetime(2026, 11, 23, 12, tzinfo=JKT),
        ),
        # Over Lebaran 2026 on the Indonesian calendar: 17 March 16:00 + 2 h.
        (dt.datetime(2026, 3, 17, 16, tzinfo=JKT), 2, dt.datetime(2026, 3, 25, 9, tzinfo=JKT)),
    ],
)
def test_add_business_hours_pinned(
    moment: dt.datetime, hours: float | dt.timedelta, expected: dt.datetime
) -> None:
    """Hours run only inside working hours and the result is in the calendar's zone."""
    result = ID_MON_FRI.add_business_hours(moment, hours)
    assert result == expected
    assert result.tzinfo == JKT


def test_handling_start_and_cutoff() -> None:
    """Orders after the cut-off or on a closed day are handled from the next opening."""
    cal = BusinessCalendar(country="ID", cutoff="14:00")
    before = dt.datetime(2026, 11, 23, 13, 59, tzinfo=JKT)
    after = dt.datetime(2026, 11, 23, 14, 0, tzinfo=JKT)
    holiday = dt.datetime(2026, 12, 25, 9, tzinfo=JKT)
    assert cal.handling_start(before) == before
    assert cal.handling_start(after) == dt.datetime(2026, 11, 24, 8, tzinfo=JKT)
    assert cal.handling_start(after, cutoff="15:00") == after
    assert cal.handling_start(holiday) == dt.datetime(2026, 12, 28, 8, tzinfo=JKT)


def test_naive_datetimes_need_a_zone() -> None:
    """A naive datetime is refused, naming the argument, unless tz= names its zone."""
    naive = dt.datetime(2026, 11, 23, 10, 0)
    with pytest.raises(es.NaiveDatetimeError, match="moment=2026-11-23T10:00:00") as info:
        PLAIN.next_open(naive)
    assert info.value.field == "moment"
    assert info.value.value == naive
    assert isinstance(info.value, ValueError)
    assert PLAIN.next_open(naive, tz="Asia/Jakarta") == dt.datetime(2026, 11, 23, 10, tzinfo=JKT)
    with pytest.raises(es.NaiveDatetimeError, match="day="):
        PLAIN.is_business_day(naive)
    assert PLAIN.is_business_day(naive, tz="Asia/Jakarta")


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        ({"workdays": "Funday"}, "workdays", "'Funday' is not a day of the week"),
        ({"workdays": "Mon-Funday"}, "workdays", "'Funday'"),
        ({"workdays": ""}, "workdays", "at least one day"),
        ({"workdays": [0, 7]}, "workdays", "got 7"),
        ({"hours": ("17:00", "08:00")}, "hours", "closing time must be after"),
        ({"hours": ("08:00", "08:00")}, "hours", "closing time must be after"),
        ({"hours": ("8am", "17:00")}, "hours", "'8am'"),
        ({"hours": ("08:00",)}, "hours", "(opening, closing) pair"),
        ({"workdays": "Mon-Sat", "hours": {"Mon-Fri": ("08:00", "17:00")}}, "hours", "work days"),
        ({"country": "XX"}, "country", "country='XX'"),
        ({"country": "ID", "subdivision": "ZZ"}, "subdivision", "'ZZ'"),
        ({"timezone": "Asia/Jakartaa"}, "timezone", "'Asia/Jakartaa'"),
        ({"timezone": "WIB"}, "timezone", "'WIB'"),
        ({"closures": ["2026-03-20"]}, "closures", "'2026-03-20'"),
        ({"closures": [(D(2026, 3, 22), D(2026, 3, 20))]}, "closures", "ends"),
        ({"closures": [RecurringClosure("FREQ=SOMETIMES")]}, "closures", "FREQ=SOMETIMES"),
        ({"cutoff": "25:00"}, "cutoff", "'25:00'"),
    ],
)
def test_bad_settings_raise_named_errors(
    kwargs: dict[str, object], field: str, fragment: str
) -> None:
    """Each unusable setting raises InvalidCalendarError naming the field and the value."""
    with pytest.raises(es.InvalidCalendarError) as info:
        BusinessCalendar(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field
    assert fragment in str(info.value)
    assert isinstance(info.value, es.ExpectsetError)
    assert isinstance(info.value, ValueError)


MONDAY = dt.datetime(2026, 1, 5, tzinfo=JKT)
NO_HOURS = BusinessCalendar(hours=None, country=None)


@pytest.mark.parametrize(
    ("method", "args", "field"),
    [
        (PLAIN.add_business_days, (D(2026, 1, 1), 1.5), "n"),
        (PLAIN.add_business_hours, (MONDAY, -1), "hours"),
        (PLAIN.add_business_hours, (MONDAY, "2"), "hours"),
        (PLAIN.add_business_hours, (MONDAY, float("nan")), "hours"),
        (PLAIN.is_business_day, (D(1800, 1, 1),), "date"),
        (PLAIN.is_business_day, ("2026-01-01",), "day"),
        (NO_HOURS.add_business_hours, (MONDAY, 1), "hours"),
    ],
)
def test_bad_arguments_raise_named_errors(
    method: Callable[..., object], args: tuple[object, ...], field: str
) -> None:
    """Bad arguments to the arithmetic raise InvalidCalendarError naming the argument."""
    with pytest.raises(es.InvalidCalendarError) as info:
        method(*args)
    assert info.value.field == field


def test_zone_abbreviations() -> None:
    """Indonesian zones are WIB, WITA and WIT; others keep a readable abbreviation."""
    assert BusinessCalendar("Asia/Jakarta", country=None).zone_abbreviation() == "WIB"
    assert BusinessCalendar("Asia/Pontianak", country=None).zone_abbreviation() == "WIB"
    assert BusinessCalendar("Asia/Makassar", country=None).zone_abbreviation() == "WITA"
    assert BusinessCalendar("Asia/Jayapura", country=None).zone_abbreviation() == "WIT"
    assert BusinessCalendar("Asia/Singapore", country=None).zone_abbreviation() == "UTC+8"
    assert BusinessCalendar("UTC", country=None).zone_abbreviation() == "UTC"
    assert BusinessCalendar("Asia/Kolkata", country=None).zone_abbreviation() == "IST"


def test_other_countries_and_no_country() -> None:
    """Other countries' holidays come from the package; country=None has none."""
    germany = BusinessCalendar("Europe/Berlin", country="DE", subdivision="BY")
    assert not germany.is_business_day(D(2026, 1, 6))  # Epiphany in Bavaria
    assert [c.name("en") for c in germany.closures_between(D(2026, 1, 6), D(2026, 1, 6))] == [
        "Epiphany"
    ]
    assert PLAIN.is_business_day(D(2026, 8, 17))


def test_calendar_pickles_without_its_caches() -> None:
    """A calendar survives pickling (for worker processes) and still computes the same."""
    ID_MON_FRI.add_business_days(D(2026, 3, 17), 1)
    clone = pickle.loads(pickle.dumps(ID_MON_FRI))
    assert clone == ID_MON_FRI
    assert clone.add_business_days(D(2026, 3, 17), 1) == D(2026, 3, 25)


def test_repr_and_describe_days() -> None:
    """The calendar describes itself compactly."""
    assert repr(ID_MON_SAT) == (
        "BusinessCalendar(timezone='Asia/Jakarta', workdays='Mon-Sat', country='ID')"
    )
    assert "cuti_bersama=False" in repr(ID_NO_LEAVE)
    assert describe_days([6, 0, 1]) == "Mon-Tue,Sun"


# ------------------------------------------------------------------ properties

dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31))
calendars = st.sampled_from([ID_MON_FRI, ID_NO_LEAVE, ID_MON_SAT, PLAIN, SUPPORT])
moments = st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 12, 31)).map(
    lambda d: d.replace(tzinfo=JKT)
)


@given(calendars, dates, st.integers(min_value=-800, max_value=800))
@settings(max_examples=300, deadline=None)
def test_between_inverts_add(cal: BusinessCalendar, day: dt.date, n: int) -> None:
    """business_days_between(d, add_business_days(d, n)) == n, and the result is open."""
    result = cal.add_business_days(day, n)
    assert cal.business_days_between(day, result) == n
    if n != 0:
        assert cal.is_business_day(result)
        assert (result > day) == (n > 0)


@given(
    calendars,
    dates,
    st.integers(min_value=-300, max_value=300),
    st.integers(min_value=0, max_value=30),
)
@settings(max_examples=200, deadline=None)
def test_add_is_monotone(cal: BusinessCalendar, day: dt.date, n: int, k: int) -> None:
    """More business days, or a later start, never gives an earlier date."""
    assert cal.add_business_days(day, n) <= cal.add_business_days(day, n + k)
    later = day + dt.timedelta(days=k)
    assert cal.add_business_days(day, n) <= cal.add_business_days(later, n)


@given(calendars, dates, dates)
@settings(max_examples=200, deadline=None)
def test_between_matches_a_day_by_day_count(cal: BusinessCalendar, a: dt.date, b: dt.date) -> None:
    """The cached count equals a plain loop over the days."""
    lo, hi = min(a, b), max(a, b)
    if (hi - lo).days > 400:
        hi = lo + dt.timedelta(days=400)
    days = [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]
    forward = sum(cal.is_business_day(d) for d in days[1:])
    backward = sum(cal.is_business_day(d) for d in days[:-1])
    assert cal.business_days_between(lo, hi) == forward
    assert cal.business_days_between(hi, lo) == -backward


@given(
    st.sampled_from([ID_MON_FRI, SUPPORT]),
    moments,
    st.floats(min_value=0, max_value=200, allow_nan=False),
)
@settings(max_examples=200, deadline=None)
def test_business_hours_round_trip(
    cal: BusinessCalendar, moment: dt.datetime, hours: float
) -> None:
    """Adding h working hours lands inside working hours, and between() gives h back."""
    result = cal.add_business_hours(moment, hours)
    local = result.astimezone(cal.zone)
    assert cal.is_business_day(local.date())
    span = cal.hours_on(local.weekday())
    assert span is not None
    assert span[0] <= local.time() <= span[1]
    assert result >= moment
    assert abs(cal.business_hours_between(moment, result) - hours) < 1e-6


@given(st.sampled_from([ID_MON_FRI, SUPPORT]), moments, moments)
@settings(max_examples=100, deadline=None)
def test_business_hours_between_is_antisymmetric(
    cal: BusinessCalendar, a: dt.datetime, b: dt.datetime
) -> None:
    """Swapping the moments flips the sign of the working hours between them."""
    assert cal.business_hours_between(a, b) == -cal.business_hours_between(b, a)
    between = cal.business_hours_between(a, b)
    assert between >= 0 if b >= a else between <= 0


@given(moments, st.floats(min_value=0, max_value=50), st.floats(min_value=0, max_value=50))
@settings(max_examples=100, deadline=None)
def test_business_hours_monotone(moment: dt.datetime, h1: float, h2: float) -> None:
    """More working hours never give an earlier deadline."""
    lo, hi = sorted((h1, h2))
    assert ID_MON_FRI.add_business_hours(moment, lo) <= ID_MON_FRI.add_business_hours(moment, hi)
