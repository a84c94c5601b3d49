"""Generated contexts of every kind: refused, or rendered into a message that states only truth.

For each kind Hypothesis moves the dates of the example context around (the moment of
sending, estimates, updates, steps, compensation, absences) and renders it in every
locale and register. Either the context is refused with ``InvalidContextError`` (or a
stale notice with ``StaleNoticeError``), or the message passes ``lint`` and the
read-back ``check_message`` with the moment of sending and the calendar: every weekday
matches its date, every clock time has the one zone, no promise is past or on a
closed day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import expectset as es
from expectset.checking import check_message
from expectset.errors import InvalidContextError, StaleNoticeError
from expectset.examples import example_context
from expectset.messages import MESSAGE_KINDS, Alternative, Step

WIB = dt.timezone(dt.timedelta(hours=7))
MON_FRI = es.BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
MON_SAT = es.BusinessCalendar(timezone="Asia/Makassar", workdays="Mon-Sat", country="ID")
SUPPORT = es.BusinessCalendar(
    timezone="Asia/Jakarta", workdays="Mon-Fri", hours=("08:00", "17:00"), country="ID"
)
LOCALES = (("id", "formal"), ("id", "friendly"), ("en", "formal"), ("en_US", "formal"))
START = dt.date(2026, 1, 1)

days = st.integers(min_value=0, max_value=700).map(lambda n: START + dt.timedelta(days=n))
offsets = st.integers(min_value=-6, max_value=20)
calendars = st.sampled_from((MON_FRI, MON_SAT))


def _moment(day: dt.date, minutes: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=WIB) + dt.timedelta(minutes=minutes)


minutes = st.integers(min_value=0, max_value=24 * 60 - 1)


def _window(lower: int, width: int, unit: str) -> es.Window:
    return es.Window(
        lower=lower,
        upper=lower + width,
        unit=unit,  # type: ignore[arg-type]
        lane=("REG",),
        requested_lane=("REG",),
        samples=300,
        effective_samples=300.0,
        policy=es.PromisePolicy(),
    )


def _steps(first: dt.date, lengths: list[tuple[int, int]], done: int) -> tuple[Step, ...]:
    steps, day = [], first
    labels = example_context("timeline")["steps"]
    for index, (gap, length) in enumerate(lengths):
        day = day + dt.timedelta(days=gap)
        last = day + dt.timedelta(days=length)
        when: Any = day if length == 0 else (day, last)
        steps.append(Step(labels[index % len(labels)].label, when, done=index < done))
        day = last
    return tuple(steps)


step_lengths = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 4)), min_size=1, max_size=5)


@st.composite
def contexts(draw: st.DrawFn, kind: str) -> tuple[dict[str, Any], Any]:
    """The fields of a context of ``kind`` and the calendar its promises are kept on."""
    fields = example_context(kind)
    calendar: Any = MON_FRI
    anchor = draw(days)
    now = _moment(anchor, draw(minutes))
    if kind == "delivery_estimate":
        calendar = draw(calendars)
        ordered = _moment(anchor, draw(minutes))
        window = _window(
            draw(st.integers(0, 5)),
            draw(st.integers(0, 6)),
            draw(st.sampled_from(("business_days", "calendar_days"))),
        )
        promise = es.promise_delivery(
            ordered, window, calendar=calendar, handling=draw(st.integers(0, 3))
        )
        now = ordered + dt.timedelta(minutes=draw(st.integers(-60, 5 * 24 * 60)))
        next_update = draw(st.none() | offsets.map(lambda n: anchor + dt.timedelta(days=n)))
        fields |= {"promise": promise, "next_update": next_update}
    elif kind == "callback_promise":
        calendar = SUPPORT
        requested = _moment(anchor, draw(minutes))
        window = _window(draw(st.integers(0, 4)), draw(st.integers(0, 30)), "business_hours")
        callback = es.promise_callback(requested, window, calendar=SUPPORT)
        now = requested + dt.timedelta(minutes=draw(st.integers(-30, 3 * 24 * 60)))
        fields |= {"promise": callback}
    elif kind == "exception_decline":
        until = draw(st.none() | offsets.map(lambda n: anchor + dt.timedelta(days=n)))
        first, *rest = fields["alternatives"]
        fields["alternatives"] = (Alternative(first, until=until), *rest)[: draw(st.integers(1, 2))]
    elif kind in ("timeline", "service_recovery"):
        lengths = draw(step_lengths)
        steps = _steps(anchor + dt.timedelta(days=draw(offsets)), lengths, draw(st.integers(0, 5)))
        when = anchor + dt.timedelta(days=draw(offsets))
        if kind == "timeline":
            fields |= {"steps": steps, "next_update": when}
        else:
            refund = es.Compensation("refund", 25000, by=anchor + dt.timedelta(days=draw(offsets)))
            compensation = draw(st.sampled_from((None, refund, fields["compensation"])))
            fields |= {
                "schedule": steps[:3],
                "follow_up": when,
                "compensation": compensation,
                "reference_type": draw(st.sampled_from(("order", "case", "other"))),
            }
    elif kind == "delay_notice":
        old_first = anchor + dt.timedelta(days=draw(offsets))
        old_last = old_first + dt.timedelta(days=draw(st.integers(0, 4)))
        new_first = old_last + dt.timedelta(days=draw(st.integers(-2, 8)))
        new_last = new_first + dt.timedelta(days=draw(st.integers(0, 5)))
        refund = es.Compensation(
            "shipping_refund", 18000, by=anchor + dt.timedelta(days=draw(offsets))
        )
        fields |= {
            "old_estimate": (old_first, old_last),
            "new_estimate": draw(st.sampled_from(((new_first, new_last), new_first))),
            "next_update": anchor + dt.timedelta(days=draw(offsets)),
            "compensation": draw(st.sampled_from((None, refund))),
            "offer_cancel": draw(st.sampled_from((None, True, False))),
        }
    elif kind == "out_of_office":
        calendar = fields["calendar"]
        first = anchor + dt.timedelta(days=draw(offsets))
        fields |= {
            "first_day": first,
            "last_day": first + dt.timedelta(days=draw(st.integers(0, 14))),
            "reply_within_days": draw(st.integers(1, 4)),
        }
    fields["now"] = now
    return fields, calendar


def _with_register(kind: str, fields: dict[str, Any], register: str) -> dict[str, Any]:
    if register == "formal":
        return fields
    if kind == "out_of_office":
        return fields | {"register": register}
    recipient = dataclasses.replace(fields["recipient"], register=register, first_name_ok=True)
    return fields | {"recipient": recipient}


@pytest.mark.parametrize("kind", MESSAGE_KINDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_context_is_refused_or_its_message_states_only_truth(kind: str, data: Any) -> None:
    """Refused with InvalidContextError, or the message passes check_message and lint."""
    fields, calendar = data.draw(contexts(kind))
    channels = es.messages.KINDS[kind].channels
    channel = data.draw(st.sampled_from(channels))
    for locale, register in LOCALES:
        try:
            message = es.render(
                kind, locale=locale, channel=channel, **_with_register(kind, fields, register)
            )
        except (InvalidContextError, StaleNoticeError):
            continue
        facts = check_message(message, now=fields["now"], calendar=calendar)
        assert not facts, (locale, register, [str(f) for f in facts], message.text)
        wording = es.lint(message)
        assert not wording, (locale, register, [str(f) for f in wording], message.text)


@pytest.mark.parametrize("kind", MESSAGE_KINDS)
def test_the_examples_render_and_pass_every_check(kind: str) -> None:
    """The bundled example of each kind is accepted and reads back clean (the property's anchor)."""
    fields = example_context(kind)
    for locale, register in LOCALES:
        message = es.render(kind, locale=locale, **_with_register(kind, fields, register))
        assert not check_message(message, now=fields["now"]), (locale, register)
        assert not es.lint(message), (locale, register)
