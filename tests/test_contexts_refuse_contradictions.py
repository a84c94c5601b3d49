"""Contexts refuse contradictions: a message that would state something false never renders.

Each test is named after a defect found by review (issue 9, part 1): the context that
rendered it is now refused with an ``InvalidContextError`` naming the field and value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

import expectset as es
from expectset import InvalidContextError
from expectset.contextjson import context_from_json, context_to_json
from expectset.examples import example_context
from expectset.promises import CallbackPromise, DeliveryPromise

WIB = dt.timezone(dt.timedelta(hours=7))
CAL = es.BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")


def _at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=WIB)


def _fields(kind: str, **changes: Any) -> dict[str, Any]:
    return example_context(kind) | changes


def _refused(kind: str, match: str, **changes: Any) -> InvalidContextError:
    with pytest.raises(InvalidContextError, match=match) as caught:
        es.render(kind, locale="id", **_fields(kind, **changes))
    return caught.value


def _window(lower: float = 2, upper: float = 4) -> es.Window:
    return es.Window(
        lower=lower,
        upper=upper,
        unit="business_days",
        lane=("REG",),
        requested_lane=("REG",),
        samples=500,
        effective_samples=500.0,
        policy=es.PromisePolicy(),
    )


# ------------------------------------------------------------------ delay_notice
@pytest.mark.parametrize(
    "new_estimate",
    [
        (dt.date(2026, 11, 22), dt.date(2026, 11, 26)),  # the review's example: 22-26 vs 23-25
        (dt.date(2026, 11, 25), dt.date(2026, 11, 27)),  # starts on the old latest day
        (dt.date(2026, 11, 16), dt.date(2026, 11, 18)),  # entirely before the old window
        dt.date(2026, 11, 24),  # one day inside the old window
    ],
)
def test_delay_notice_new_window_overlapping_or_before_the_original(new_estimate: Any) -> None:
    """A new estimate must start after the original's latest day (23-25 November)."""
    error = _refused("delay_notice", "new_estimate: starts", new_estimate=new_estimate)
    assert "2026-11-25" in str(error)
    assert error.field == "new_estimate"


@pytest.mark.parametrize(
    ("kind", "changes", "match"),
    [
        ("delay_notice", {"next_update": dt.date(2026, 11, 22)}, "not a business day"),  # Sunday
        ("timeline", {"next_update": dt.date(2026, 11, 15)}, "not a business day"),  # Sunday
        ("delivery_estimate", {"next_update": dt.date(2026, 3, 22)}, "not a business day"),
        ("delivery_estimate", {"next_update": dt.date(2026, 3, 19)}, r"\(Nyepi"),
    ],
)
def test_next_update_on_a_closed_day(kind: str, changes: dict[str, Any], match: str) -> None:
    """An update date is a business day on the store's calendar (Sunday, Nyepi: refused)."""
    _refused(kind, f"next_update: .*{match}", **changes)


@pytest.mark.parametrize(
    ("kind", "now"),
    [
        ("delay_notice", _at(2026, 11, 27, 9)),  # the update of the 26th is already past
        ("timeline", _at(2026, 11, 19, 9)),  # update 18 Nov, and a step overdue
    ],
)
def test_next_update_before_the_moment_of_sending(kind: str, now: dt.datetime) -> None:
    """An update date is not before the moment the message is sent."""
    _refused(kind, "next_update: .* is before the moment of sending", now=now)


def test_next_update_after_the_new_earliest_day() -> None:
    """A delay notice's next update comes no later than the new estimate's first day."""
    _refused(
        "delay_notice",
        "next_update: 2026-11-30 is after the new",
        next_update=dt.date(2026, 11, 30),
    )


def test_timeline_next_update_after_every_step_has_ended() -> None:
    """'kabar berikutnya paling lambat 1 Maret 2027' when the steps end in November: refused."""
    _refused(
        "timeline",
        r"next_update: 2027-03-01 is after the current step \(the first not done\), steps\[2\]",
        next_update=dt.date(2027, 3, 1),
    )
    done = tuple(
        dataclasses.replace(step, done=True) for step in example_context("timeline")["steps"]
    )
    _refused(
        "timeline",
        r"next_update: 2026-11-24 is after the last step",
        steps=done,
        next_update=dt.date(2026, 11, 24),
        now=_at(2026, 11, 23, 17),
    )


def test_timeline_steps_must_agree_with_the_moment_of_sending() -> None:
    """A done step has started and a step not done has not ended when the message is sent."""
    steps = example_context("timeline")["steps"]
    future_done = (*steps[:2], dataclasses.replace(steps[2], done=True), *steps[3:])
    _refused(
        "timeline",
        r"steps\[2\]: marked done but starts 2026-11-12",
        steps=future_done,
        now=_at(2026, 11, 11, 9),
        next_update=dt.date(2026, 11, 11),
    )
    shorter = dataclasses.replace(steps[2], when=(dt.date(2026, 11, 12), dt.date(2026, 11, 17)))
    _refused(
        "timeline",
        r"steps\[2\]: not done but ended 2026-11-17",
        now=_at(2026, 11, 18, 9),
        steps=(*steps[:2], shorter, *steps[3:]),
        next_update=dt.date(2026, 11, 17),
    )


# ------------------------------------------------------------- delivery_estimate
def _delivery(
    handling: int, ordered: dt.datetime, window: es.Window | None = None
) -> DeliveryPromise:
    return es.promise_delivery(ordered, window or _window(1, 3), calendar=CAL, handling=handling)


def test_tracking_update_with_no_handling_comes_before_the_arrival() -> None:
    """handling=0: the tracking-number update is the day the parcel ships, not the arrival."""
    promise = _delivery(0, _at(2026, 11, 23, 10))  # Monday; arrives 24-26 November
    fields = _fields("delivery_estimate", promise=promise, now=promise.ordered_at)
    context = es.DeliveryEstimateContext(**fields)
    assert context.update_day() == dt.date(2026, 11, 23) < promise.earliest
    text = es.render(context, locale="id").text
    assert "beserta nomor resi, paling lambat Senin, 23 November 2026" in text
    assert "paling lambat Selasa, 24 November 2026" not in text
    english = es.render(context, locale="en").text
    assert "with the tracking number, by Monday, 23 November 2026 at the latest" in english


def test_tracking_update_on_the_arrival_day_is_refused() -> None:
    """A next update on (or after) the earliest arrival is refused, naming the last day allowed."""
    promise = _delivery(0, _at(2026, 11, 23, 10))
    with pytest.raises(
        InvalidContextError, match="next_update: 2026-11-24 is not before the earliest"
    ):
        es.DeliveryEstimateContext(
            **_fields(
                "delivery_estimate",
                promise=promise,
                now=promise.ordered_at,
                next_update=dt.date(2026, 11, 24),
            )
        )


def test_same_day_delivery_updates_on_the_day_it_ships() -> None:
    """A window that may arrive the day the parcel ships puts the update on that day."""
    promise = _delivery(0, _at(2026, 11, 23, 10), _window(0, 1))
    context = es.DeliveryEstimateContext(
        **_fields("delivery_estimate", promise=promise, now=promise.ordered_at)
    )
    assert context.update_day() == promise.earliest == dt.date(2026, 11, 23)


def test_an_estimate_sent_after_it_has_passed_is_refused() -> None:
    """An estimate whose latest day is over, or sent before the order, is refused."""
    _refused("delivery_estimate", "this estimate has passed", now=_at(2026, 4, 1, 9))
    _refused("delivery_estimate", "before the order was placed", now=_at(2026, 3, 17, 9))


def test_callback_promise_sent_after_its_deadline_is_refused() -> None:
    """A callback promise must leave time to keep it."""
    _refused("callback_promise", "not before the promised deadline", now=_at(2027, 1, 14, 9))
    _refused("callback_promise", "before the request was made", now=_at(2027, 1, 12, 14))


# --------------------------------------------------------------- service_recovery
def test_service_recovery_follow_up_before_the_fix_it_follows_up() -> None:
    """'paling lambat 10 November' while the replacement ships 16 November: refused."""
    _refused(
        "service_recovery",
        "follow_up: 2026-11-10 is before the schedule's last day 2026-11-18",
        follow_up=dt.date(2026, 11, 10),
    )


@pytest.mark.parametrize(
    ("reference_type", "indonesian", "english", "subject"),
    [
        ("order", "kami pada pesanan CS-2026-1187.", "with order CS-2026-1187.", "Pesanan"),
        ("case", "kami pada laporan CS-2026-1187.", "with case CS-2026-1187.", "Laporan"),
        ("other", "kami (nomor referensi CS-2026-1187).", "(reference CS-2026-1187).", "Nomor"),
    ],
)
def test_reference_is_worded_by_its_type(
    reference_type: str, indonesian: str, english: str, subject: str
) -> None:
    """A missed callback's case is not called an order ('Pesanan CS-2026-1187')."""
    fields = _fields("service_recovery", reference="CS-2026-1187", reference_type=reference_type)
    message = es.render("service_recovery", locale="id", **fields)
    assert indonesian in message.text
    assert message.subject.startswith(f"{subject} ")
    assert english in es.render("service_recovery", locale="en", **fields).text


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("follow_up", "menindaklanjuti pesanan INV/1"),
        ("timeline", "(pesanan INV/1)"),
    ],
)
def test_reference_type_applies_to_every_kind_with_a_reference(kind: str, expected: str) -> None:
    """follow_up and timeline word their reference by its type too."""
    text = es.render(
        kind, locale="id", **_fields(kind, reference="INV/1", reference_type="order")
    ).text
    assert expected in text


# ------------------------------------------------------------------------ promises
def _promise_json(**changes: Any) -> dict[str, Any]:
    data = context_to_json("delivery_estimate", **example_context("delivery_estimate"))
    data["promise"].update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        (
            {"earliest": "2026-03-31", "latest": "2026-03-27"},
            "promise.earliest: 2026-03-31 is after",
        ),
        ({"earliest": "2026-03-10"}, "promise.earliest: 2026-03-10 is before the order day"),
        ({"handling": -1}, "promise.handling"),
        (
            {"handling_starts": "2026-03-16T08:00:00+07:00"},
            "handling_starts: .* is before ordered_at",
        ),
    ],
)
def test_promises_read_from_json_refuse_contradictions(changes: dict[str, Any], match: str) -> None:
    """A promise from JSON whose dates contradict each other is refused, naming the path."""
    with pytest.raises(InvalidContextError, match=match):
        context_from_json("delivery_estimate", _promise_json(**changes))


@pytest.mark.parametrize(
    ("window_changes", "match"),
    [
        ({"lower": 1e400}, "promise.window.lower: expected a number, got"),
        ({"samples": -5}, "samples must be a whole number, 0 or more"),
        ({"lower": -1}, "lower must be a finite number, 0 or more"),
        ({"lower": 5, "upper": 3}, "lower <= upper"),
    ],
)
def test_windows_read_from_json_refuse_impossible_numbers(
    window_changes: dict[str, Any], match: str
) -> None:
    """'lower': 1e400 (a traceback before), negative samples and lower > upper are refused."""
    data = _promise_json()
    data["promise"]["window"].update(window_changes)
    with pytest.raises(InvalidContextError, match=match):
        context_from_json("delivery_estimate", json.dumps(data))


def test_hand_built_promises_refuse_contradictions() -> None:
    """DeliveryPromise and CallbackPromise built by hand list every problem at once."""
    ordered = _at(2026, 11, 23, 10)
    with pytest.raises(InvalidContextError) as caught:
        DeliveryPromise(
            ordered_at=ordered,
            handling_starts=ordered,
            handling=-2,
            earliest=dt.date(2026, 11, 27),
            latest=dt.date(2026, 11, 25),
            window=_window(),
            calendar=CAL,
        )
    assert [p.split(":")[0] for p in caught.value.problems] == ["handling"]
    with pytest.raises(InvalidContextError, match="earliest: 2026-11-27 is after latest"):
        DeliveryPromise(
            ordered_at=ordered,
            handling_starts=ordered,
            handling=0,
            earliest=dt.date(2026, 11, 27),
            latest=dt.date(2026, 11, 25),
            window=_window(),
            calendar=CAL,
        )
    with pytest.raises(InvalidContextError, match=r"by: .* is before requested_at"):
        CallbackPromise(
            requested_at=ordered, by=ordered - dt.timedelta(hours=1), window=_window(), calendar=CAL
        )
    with pytest.raises(InvalidContextError, match="a day the business is closed"):
        CallbackPromise(
            requested_at=ordered, by=_at(2026, 11, 29, 10), window=_window(), calendar=CAL
        )
    with pytest.raises(es.InvalidPolicyError, match="samples must be a whole number"):
        dataclasses.replace(_window(), samples=-1)


# --------------------------------------------------------------------- out_of_office
def test_out_of_office_before_its_first_day_needs_preview() -> None:
    """Sent on Friday for an absence from Monday, the notice would say 'I am away': refused."""
    friday = _at(2026, 3, 13, 9)
    fields = _fields("out_of_office")
    del fields["now"]
    with pytest.raises(InvalidContextError, match="now: 2026-03-13 is before first_day 2026-03-16"):
        es.render("out_of_office", locale="id", now=friday, **fields)
    assert es.render("out_of_office", locale="id", now=friday, preview=True, **fields).text
    notice = es.OutOfOffice(**fields)
    assert notice.render(locale="en", channel="status", now=friday, preview=True).text
    with pytest.raises(InvalidContextError):
        notice.render(locale="en", channel="status", now=friday)


# ---------------------------------------------------------------------- local text
@pytest.mark.parametrize(
    ("locale", "prepare", "match"),
    [
        (
            "en",
            ("nomor pesanan",),
            r"prepare\[0\]: the plain text 'nomor pesanan' reads as Indonesian",
        ),
        ("id", ("your order number",), r"prepare\[0\]: .* reads as English"),
    ],
)
def test_plain_text_in_the_other_language_is_refused(
    locale: str, prepare: tuple[str, ...], match: str
) -> None:
    """A plain string where several languages render must not leak one into the other."""
    with pytest.raises(InvalidContextError, match=match):
        es.render("callback_promise", locale=locale, **_fields("callback_promise", prepare=prepare))


def test_plain_text_without_a_language_renders_everywhere() -> None:
    """Names, numbers and loanwords carry no language: a plain string of them is fine."""
    fields = _fields("callback_promise", prepare=("INV/2026/0042", "WhatsApp"))
    for locale in ("id", "en"):
        assert "INV/2026/0042" in es.render("callback_promise", locale=locale, **fields).text


# ---------------------------------------------------------------------- compensation
def test_refund_without_a_date_is_refused() -> None:
    """Our own action carries a date: a refund says by when it is paid."""
    with pytest.raises(InvalidContextError, match="by: say by which day the refund is paid"):
        es.Compensation("refund", 50000)
    with pytest.raises(InvalidContextError, match="by which day the voucher is sent"):
        es.Compensation("voucher", 50000)
    assert es.Compensation("voucher", 50000, code="MAAF50").by is None  # given with the message


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("id", "ke metode pembayaran yang Anda gunakan paling lambat Jumat, 27 November 2026."),
        ("en", "to your original payment method by Friday, 27 November 2026 at the latest."),
    ],
)
def test_refund_says_by_when(locale: str, expected: str) -> None:
    """The shipping refund of the delay notice is paid by a stated day."""
    assert expected in es.render("delay_notice", locale=locale, **_fields("delay_notice")).text


def test_compensation_date_is_checked_against_the_calendar_and_now() -> None:
    """A refund date on a Sunday, or before the moment of sending, is refused."""
    sunday = es.Compensation("shipping_refund", 18000, by=dt.date(2026, 11, 29))
    _refused(
        "delay_notice", r"compensation.by: 2026-11-29 is not a business day", compensation=sunday
    )
    past = es.Compensation("shipping_refund", 18000, by=dt.date(2026, 11, 20))
    _refused("delay_notice", r"compensation.by: 2026-11-20 is before the moment", compensation=past)


# ------------------------------------------------------------------- delay choices
def test_long_delay_offers_to_wait_or_cancel_with_dates() -> None:
    """A delay of LONG_DELAY business days or more offers a choice, with our dates."""
    fields = _fields("delay_notice")
    text = es.render("delay_notice", locale="id", **fields).text
    assert "Anda dapat menunggu paket ini atau" in text
    assert "membalas email ini paling lambat Kamis, 26 November 2026" in text
    assert "paling lambat Selasa, 1 Desember 2026." in text
    english = es.render("delay_notice", locale="en", **fields).text
    assert "You can wait for the parcel or, if you would rather not, cancel the order" in english


def test_short_delay_offers_no_cancellation_unless_asked() -> None:
    """A one-day delay just re-promises; offer_cancel=True offers the choice anyway."""
    short = _fields(
        "delay_notice",
        new_estimate=(dt.date(2026, 11, 26), dt.date(2026, 11, 26)),
        next_update=dt.date(2026, 11, 25),
    )
    assert "menunggu paket ini" not in es.render("delay_notice", locale="id", **short).text
    forced = es.render("delay_notice", locale="id", **short | {"offer_cancel": True}).text
    assert "membalas email ini paling lambat Rabu, 25 November 2026" in forced
    _refused(
        "delay_notice",
        "cancel_by: given, but offer_cancel=False",
        offer_cancel=False,
        cancel_by=dt.date(2026, 11, 25),
    )


# ------------------------------------------------ found by an attack on this change
def test_a_promise_agrees_with_its_own_handling_and_calendar() -> None:
    """ships_on, closures and the dates must be what handling, window and calendar give."""
    promise = example_context("delivery_estimate")["promise"]
    with pytest.raises(InvalidContextError, match="ships_on: 2026-03-26 is not the day"):
        dataclasses.replace(promise, ships_on=dt.date(2026, 3, 26))
    with pytest.raises(InvalidContextError, match="from the hand-over day 2026-03-31"):
        dataclasses.replace(promise, ships_on=None, handling=5)
    christmas = CAL.closures_between(dt.date(2026, 12, 25), dt.date(2026, 12, 25))
    with pytest.raises(InvalidContextError, match="closures: 1 given, but the calendar has 7"):
        dataclasses.replace(promise, closures=tuple(christmas))
    with pytest.raises(InvalidContextError, match="is not the window 2–4 business days"):
        dataclasses.replace(promise, latest=dt.date(2030, 1, 1))
    nyepi = dt.datetime(2026, 3, 19, 8, tzinfo=WIB)
    with pytest.raises(InvalidContextError, match=r"handling_starts: .* a day the business is"):
        dataclasses.replace(promise, handling_starts=nyepi, ships_on=None)
    computed = dataclasses.replace(promise, ships_on=None, closures=())
    assert computed == promise  # left out, they are the calendar's


def test_tracking_update_before_the_parcel_ships_is_refused() -> None:
    """'the next update, with the tracking number, by 17 March' when it ships on 25 March."""
    _refused("delivery_estimate", "before the parcel ships", next_update=dt.date(2026, 3, 17))


def test_a_cut_off_that_does_not_explain_the_start_is_refused() -> None:
    """An order at 10:15 is not 'after our 16:00 cut-off'; a cut-off has no time zone."""
    ordered = _at(2026, 11, 23, 15)
    promise = es.promise_delivery(ordered, _window(), calendar=CAL, handling=1, cutoff="14:00")
    fields = _fields("delivery_estimate", promise=promise, now=ordered)
    with pytest.raises(InvalidContextError, match="before the 16:00 cut-off"):
        es.render("delivery_estimate", **fields | {"cutoff": dt.time(16, 0)})
    with pytest.raises(InvalidContextError, match=r"cutoff: .* carries a time zone"):
        es.render("delivery_estimate", **fields | {"cutoff": dt.time(14, tzinfo=dt.timezone.utc)})
    assert es.render("delivery_estimate", **fields | {"cutoff": dt.time(14, 0)}).text


def test_a_done_step_that_ends_later_is_refused() -> None:
    """'Diagnosis: 10–20 November (done)' sent on 12 November is not true."""
    steps = example_context("timeline")["steps"]
    long = dataclasses.replace(steps[1], when=(dt.date(2026, 11, 10), dt.date(2026, 11, 20)))
    _refused("timeline", r"steps\[1\]: marked done but ends 2026-11-20", steps=(steps[0], long))


def test_callback_reaches_out_the_way_it_says() -> None:
    """'We will email you at 0813-...' and 'call you on andi@...' are refused."""
    _refused("callback_promise", "not an email address", via="email")
    _refused("callback_promise", "no number to call", reach_at="andi@example.id")


def test_formal_message_refuses_friendly_text() -> None:
    """A formal message with 'kamu' or 'Kak' in the caller's text would mix registers."""
    summary = {"id": "Blender kamu sudah kami ganti, Kak.", "en": "We replaced your blender."}
    _refused("follow_up", "addresses the reader as a friend", summary=summary)


@pytest.mark.parametrize(
    ("amount", "currency", "match"),
    [
        (Decimal("0.001"), "IDR", "fractions of a cent"),
        (10**30, "IDR", "more than any compensation"),
        (18000, "US Dollar", "not an ISO 4217 code"),
    ],
)
def test_compensation_amounts_are_money(amount: Any, currency: str, match: str) -> None:
    """Rp0,00 from 0.001, an overflow from 10**30, 'US DOLLAR5,001' are refused."""
    with pytest.raises(InvalidContextError, match=match):
        es.Compensation("refund", amount, currency=currency, by=dt.date(2026, 11, 27))


def test_preview_must_be_true_or_false() -> None:
    """preview='no' is not a quiet yes."""
    with pytest.raises(es.RenderError, match="preview must be True or False"):
        es.render("out_of_office", preview="no", **example_context("out_of_office"))  # type: ignore[arg-type]


def test_windows_in_days_count_whole_days() -> None:
    """'0.5–7.25 business days' is never written: day windows are whole."""
    with pytest.raises(es.InvalidPolicyError, match="counts whole days"):
        dataclasses.replace(_window(), lower=0.5)
