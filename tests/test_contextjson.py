"""The JSON form of message contexts: exact round trips and errors that name the path."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import expectset as es
from expectset.calendar import RecurringClosure
from expectset.contextjson import context_class, context_from_json, context_to_json
from expectset.examples import example_context
from expectset.outofoffice import Channel

_CHANNELS: dict[str, tuple[Channel, ...]] = {"out_of_office": ("email", "status", "voicemail")}


def _json(kind: str) -> dict[str, Any]:
    return context_to_json(kind, **example_context(kind))


@pytest.mark.parametrize("kind", es.MESSAGE_KINDS)
def test_every_kind_round_trips_and_renders_byte_identically(kind: str) -> None:
    """to_json -> JSON text -> from_json gives an equal context and the same messages."""
    original = context_class(kind)(**example_context(kind))
    text = json.dumps(context_to_json(original), ensure_ascii=False)
    back = context_from_json(kind, text)
    assert back == original
    assert context_to_json(back) == json.loads(text)
    extra: dict[str, Any] = {}
    for channel in _CHANNELS.get(kind, ("email",)):
        for locale in ("id", "en", "en_US"):
            ours = es.render(original, locale=locale, channel=channel, **extra)
            theirs = es.render(back, locale=locale, channel=channel, **extra)
            assert (theirs.subject, theirs.text, theirs.html) == (
                ours.subject,
                ours.text,
                ours.html,
            )


def test_the_delivery_estimate_json_is_the_documented_shape() -> None:
    """Dates, offsets, the window and the calendar are written as the docs show them."""
    promise = _json("delivery_estimate")["promise"]
    assert promise == {
        "ordered_at": "2026-03-17T10:15:00+07:00",
        "handling_starts": "2026-03-17T10:15:00+07:00",
        "handling": 1,
        "earliest": "2026-03-27",
        "latest": "2026-03-31",
        "window": {
            "lower": 2,
            "upper": 4,
            "unit": "business_days",
            "lane": ["REG", "JKT", "SBY"],
            "samples": 1240,
        },
        "calendar": {
            "timezone": "Asia/Jakarta",
            "workdays": "Mon-Fri",
            "hours": ["08:00", "17:00"],
            "country": "ID",
            "cuti_bersama": True,
        },
    }


def test_closures_left_out_are_computed_and_given_ones_must_be_the_calendars() -> None:
    """Promise closures come from the calendar; listed ones must be the calendar's own."""
    data = _json("delivery_estimate")
    context = context_from_json("delivery_estimate", data)
    assert isinstance(context, es.DeliveryEstimateContext)
    names = [c.name("id") for c in context.promise.closures]
    assert names[:2] == ["cuti bersama Nyepi", "Nyepi"]
    assert context_from_json("delivery_estimate", context_to_json(context)) == context
    written = context_to_json(context)
    assert "closures" not in written["promise"]  # the calendar's: no need to write them
    written["promise"]["closures"] = [
        {"date": "2026-03-19", "kind": "public_holiday", "name_id": "Nyepi", "name_en": "Nyepi"}
    ]
    with pytest.raises(es.InvalidContextError, match=r"promise\.closures: 1 given, but the"):
        context_from_json("delivery_estimate", written)
    written["promise"]["closures"] = []  # as if left out: the calendar's
    assert context_from_json("delivery_estimate", written) == context


def test_a_calendar_with_every_setting_round_trips() -> None:
    """Per-day hours, closures of each form, cut-off and no country survive the trip."""
    calendar = es.BusinessCalendar(
        timezone="Asia/Makassar",
        hours={"Mon-Fri": ("08:00", "17:00"), "Sat": ("08:00", "12:00")},
        country=None,
        closures=[
            dt.date(2026, 3, 19),
            (dt.date(2026, 3, 25), dt.date(2026, 3, 26), {"id": "libur kurir", "en": "courier"}),
            (dt.date(2026, 4, 2), "stok opname"),
            RecurringClosure("FREQ=MONTHLY;BYDAY=1MO", name="inventaris"),
            RecurringClosure("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"),
        ],
        cutoff="14:00",
    )
    fields = example_context("out_of_office") | {"calendar": calendar}
    data = context_to_json("out_of_office", **fields)
    assert data["calendar"] == {
        "timezone": "Asia/Makassar",
        "workdays": "Mon-Sat",
        "hours": {"Mon-Fri": ["08:00", "17:00"], "Sat": ["08:00", "12:00"]},
        "country": None,
        "cuti_bersama": True,
        "closures": [
            "2026-03-19",
            {
                "first": "2026-03-25",
                "last": "2026-03-26",
                "name": {"id": "libur kurir", "en": "courier"},
            },
            {"first": "2026-04-02", "last": "2026-04-02", "name": "stok opname"},
            {"rule": "FREQ=MONTHLY;BYDAY=1MO", "name": "inventaris"},
            {"rule": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"},
        ],
        "cutoff": "14:00",
    }
    back = context_from_json("out_of_office", json.dumps(data))
    assert isinstance(back, es.OutOfOffice)
    assert back.calendar == calendar
    assert back.return_day == es.OutOfOffice(**fields).return_day


def test_datetimes_are_read_in_the_calendar_zone() -> None:
    """A UTC time ('Z') is the same moment, shown in the promise calendar's zone."""
    data = _json("callback_promise")
    data["promise"]["requested_at"] = "2027-01-12T08:00:00Z"
    context = context_from_json("callback_promise", data)
    assert isinstance(context, es.CallbackPromiseContext)
    promise = context.promise
    assert promise.requested_at == dt.datetime(2027, 1, 12, 15, 0, tzinfo=promise.calendar.zone)
    assert promise.requested_at.tzinfo is promise.calendar.zone


def test_money_is_a_whole_number_or_decimal_text_never_a_float() -> None:
    """18000 stays an int, '50000.50' is a Decimal, 5.5 is refused."""
    data = _json("service_recovery")
    data["compensation"]["amount"] = "50000.50"
    context = context_from_json("service_recovery", data)
    assert isinstance(context, es.ServiceRecoveryContext)
    assert context.compensation is not None
    assert context.compensation.amount == Decimal("50000.50")
    assert _json("delay_notice")["compensation"] == {
        "kind": "shipping_refund",
        "amount": 18000,
        "by": "2026-11-27",
    }
    data["compensation"]["amount"] = 5.5
    with pytest.raises(es.InvalidContextError, match=r"compensation\.amount: 5\.5 is a float"):
        context_from_json("service_recovery", data)


def _set(path: str, value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is _DELETE:
            del node[last]
        elif last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return change


_DELETE = object()

_ERRORS = [
    (
        "delivery_estimate",
        "promise.earliest",
        "2026-13-01",
        "promise.earliest: '2026-13-01' is not a date (YYYY-MM-DD)",
    ),
    (
        "delivery_estimate",
        "promise.ordered_at",
        "2026-03-17T10:15",
        "promise.ordered_at: '2026-03-17T10:15' has no UTC offset",
    ),
    (
        "delivery_estimate",
        "promise.ordered_at",
        "17/03/2026 10:15",
        "promise.ordered_at: '17/03/2026 10:15' is not a date and time",
    ),
    (
        "delivery_estimate",
        "promise.window.unit",
        "weeks",
        "promise.window.unit: expected one of 'calendar_days', 'business_days', "
        "'business_hours', got 'weeks'",
    ),
    (
        "delivery_estimate",
        "promise.window.lower",
        9,
        "promise.window: a window needs lower <= upper, got 9 > 4",
    ),
    (
        "delivery_estimate",
        "promise.calendar.timezone",
        "Asia/Bandung",
        "promise.calendar: timezone='Asia/Bandung' is not a known IANA time zone",
    ),
    (
        "delivery_estimate",
        "promise.calendar.hours",
        ["17:00", "08:00"],
        "promise.calendar: hours=('17:00', '08:00'): the closing time must be after",
    ),
    ("delivery_estimate", "promise.handling", "1", "promise.handling: expected a whole number"),
    ("delivery_estimate", "promise.window", _DELETE, "promise.window: missing"),
    ("delivery_estimate", "recipient.title", "Dr", "recipient.title: expected one of 'Ibu'"),
    ("delivery_estimate", "delay_factors.0", "rain", "delay_factors[0]: expected one of"),
    ("delivery_estimate", "contact", {}, "contact.email: give at least one way to reach"),
    ("delivery_estimate", "colour", "red", "colour: unknown field (DeliveryEstimateContext has"),
    ("timeline", "steps.1.when.1", "2026-11-09", "steps[1].when: the range ends (2026-11-09)"),
    ("timeline", "steps.0.done", "yes", "steps[0].done: expected true or false, got 'yes'"),
    ("timeline", "topic", 7, 'topic: expected text or {"id": ..., "en": ...}, got 7'),
    ("delay_notice", "new_estimate", "2026-11-20", "new_estimate: starts 2026-11-20, not after"),
    ("delay_notice", "next_update", "2026-11-29", "next_update: 2026-11-29 is not a business day"),
    ("delivery_estimate", "promise.latest", "2026-03-20", "promise.earliest: 2026-03-27 is after"),
    ("delivery_estimate", "promise.handling", -1, "promise.handling: expected a whole number"),
    ("delivery_estimate", "promise.window.lower", 1e400, "promise.window.lower: expected a number"),
    ("delivery_estimate", "promise.window.samples", -3, "promise.window: samples must be"),
    ("follow_up", "reply_within", True, "reply_within: expected a whole number, got true"),
    ("out_of_office", "calendar.closures.0", 5, "calendar.closures[0]: expected a date"),
    ("out_of_office", "urgent_contact.email", "budi", "urgent_contact.email: 'budi' is not an"),
]


@pytest.mark.parametrize(("kind", "path", "value", "message"), _ERRORS)
def test_errors_name_the_json_path_and_the_value(
    kind: str, path: str, value: Any, message: str
) -> None:
    """Each bad value is reported with where it is in the JSON and what it was."""
    data = copy.deepcopy(_json(kind))
    if kind == "out_of_office" and path.startswith("calendar.closures"):
        data["calendar"]["closures"] = ["2026-03-19"]
    _set(path, value)(data)
    with pytest.raises(es.InvalidContextError) as info:
        context_from_json(kind, data)
    assert any(problem.startswith(message) for problem in info.value.problems), info.value.problems
    assert str(info.value).startswith(f"{kind} JSON: ")


def test_every_problem_is_reported_at_once() -> None:
    """Several mistakes give one error listing them all, the first as its field."""
    data = _json("delivery_estimate")
    data["promise"]["earliest"] = "2026-13-01"
    data["recipient"]["title"] = "Dr"
    data["colour"] = "red"
    with pytest.raises(es.InvalidContextError) as info:
        context_from_json("delivery_estimate", data)
    assert len(info.value.problems) == 3
    assert info.value.field == "colour"
    assert info.value.value == "red"
    assert "promise.earliest: '2026-13-01' is not a date (YYYY-MM-DD)" in str(info.value)


def test_bad_json_text_and_top_level_type_are_errors() -> None:
    """Text that is not JSON, or JSON that is not an object, is an InvalidContextError."""
    with pytest.raises(es.InvalidContextError, match="follow_up JSON: not valid JSON"):
        context_from_json("follow_up", "{'reference': 1}")
    with pytest.raises(es.InvalidContextError, match="expected an object"):
        context_from_json("follow_up", "[]")
    with pytest.raises(es.RenderError, match="unknown message kind 'invoice'"):
        context_from_json("invoice", {})


def test_values_without_a_json_form_are_refused_when_writing() -> None:
    """A fixed-offset calendar zone or an rrule object cannot be written faithfully."""
    from dateutil.rrule import WEEKLY, rrule

    fields = example_context("out_of_office")
    fixed = es.BusinessCalendar(timezone=dt.timezone(dt.timedelta(hours=7)))
    with pytest.raises(es.RenderError, match=r"calendar\.timezone: .* is not an IANA zone"):
        context_to_json("out_of_office", **(fields | {"calendar": fixed}))
    weekly = es.BusinessCalendar(closures=[rrule(WEEKLY, dtstart=dt.datetime(2026, 1, 4))])
    with pytest.raises(es.RenderError, match=r"calendar\.closures\[0\]: .* has no JSON form"):
        context_to_json("out_of_office", **(fields | {"calendar": weekly}))


def test_writing_checks_the_fields_first() -> None:
    """context_to_json validates like render: a missing field is named."""
    fields = example_context("follow_up")
    del fields["summary"]
    with pytest.raises(es.InvalidContextError, match="summary: missing"):
        context_to_json("follow_up", **fields)


_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40).filter(
    str.strip
)


@given(summary=_TEXT, reference=_TEXT, name=st.none() | _TEXT)
def test_any_text_round_trips(summary: str, reference: str, name: str | None) -> None:
    """Free text, including quotes, emoji and control characters, comes back unchanged."""
    fields = example_context("follow_up") | {
        "summary": {"id": summary, "en": summary},
        "reference": reference,
        "recipient": es.Recipient(name),
    }
    text = json.dumps(context_to_json("follow_up", **fields))
    assert context_from_json("follow_up", text) == es.FollowUpContext(**fields)


def test_numbers_keep_their_type() -> None:
    """A float bound stays a float and an int stays an int: 8.0 and 8 may render apart."""
    fields = example_context("callback_promise")
    window = dataclasses.replace(fields["promise"].window, upper=8.0, effective_samples=412)
    fields["promise"] = dataclasses.replace(fields["promise"], window=window)
    data = context_to_json("callback_promise", **fields)
    assert data["promise"]["window"]["upper"] == 8.0
    assert isinstance(data["promise"]["window"]["upper"], float)
    assert data["promise"]["window"]["effective_samples"] == 412
    back = context_from_json("callback_promise", json.dumps(data))
    assert isinstance(back, es.CallbackPromiseContext)
    window = back.promise.window
    assert (type(window.upper), type(window.effective_samples)) == (float, int)


def test_cutoff_time_and_follow_up_calendar_round_trip() -> None:
    """A cut-off time is 'HH:MM' in JSON; a follow-up's calendar is written as settings."""
    context = es.example_context("delivery_estimate") | {"cutoff": dt.time(14, 0)}
    data = context_to_json("delivery_estimate", **context)
    assert data["cutoff"] == "14:00"
    assert context_from_json("delivery_estimate", data) == es.DeliveryEstimateContext(**context)
    with pytest.raises(es.InvalidContextError, match=r"cutoff: expected a time of day"):
        context_from_json("delivery_estimate", data | {"cutoff": "2pm"})
    six_days = es.BusinessCalendar(workdays="Mon-Sat", country=None)
    follow = es.example_context("follow_up") | {"calendar": six_days}
    back = context_from_json("follow_up", context_to_json("follow_up", **follow))
    assert isinstance(back, es.FollowUpContext)
    assert back.calendar == six_days
