"""Out-of-office notices: return day, reply expectation, staleness and auto-reply rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import expectset as es
from expectset import InvalidContextError, StaleNoticeError
from expectset.examples import EXAMPLE_NOW, example_context
from expectset.linting import lint

WIB = dt.timezone(dt.timedelta(hours=7))


def _ooo(**changes: Any) -> es.OutOfOffice:
    fields = example_context("out_of_office")
    fields.update(changes)
    return es.OutOfOffice(**fields)


def test_return_day_is_the_next_business_day_after_the_last_day() -> None:
    """Away until Friday 20 March 2026: Lebaran closures push the return to Wednesday."""
    ooo = _ooo()
    assert ooo.return_day == dt.date(2026, 3, 25)
    assert ooo.reply_by == dt.date(2026, 3, 27)


@pytest.mark.parametrize("days", [1, 2, 5])
def test_reply_is_never_promised_on_the_return_day(days: int) -> None:
    """The reply expectation is at least one business day after the return (rule 23)."""
    ooo = _ooo(reply_within_days=days)
    assert ooo.reply_by > ooo.return_day
    assert ooo.calendar.business_days_between(ooo.return_day, ooo.reply_by) == days


def test_same_day_reply_is_refused() -> None:
    """reply_within_days=0 would promise a reply on the day of return."""
    with pytest.raises(InvalidContextError, match="rule 23"):
        _ooo(reply_within_days=0)


def test_notice_past_its_end_is_never_rendered() -> None:
    """After the last day away, rendering raises StaleNoticeError (rule 24)."""
    ooo = _ooo()
    after = dt.datetime(2026, 3, 21, 0, 5, tzinfo=WIB)
    assert not ooo.is_active(after)
    with pytest.raises(StaleNoticeError) as info:
        ooo.render(locale="id", channel="email", now=after)
    assert info.value.field == "now"
    last_minute = dt.datetime(2026, 3, 20, 23, 59, tzinfo=WIB)
    assert ooo.is_active(last_minute)
    assert ooo.render(locale="id", channel="status", now=last_minute).text


def test_now_is_required_and_aware() -> None:
    """Rendering without now, or with a naive now, is an error."""
    with pytest.raises(InvalidContextError, match="now"):
        es.render("out_of_office", locale="id", **example_context("out_of_office"))
    with pytest.raises(es.NaiveDatetimeError):
        _ooo().render(now=dt.datetime(2026, 3, 16, 9, 0))


def test_email_carries_auto_submitted() -> None:
    """The out-of-office email is marked as an automatic reply (RFC 3834)."""
    mail = _ooo().render(now=EXAMPLE_NOW).to_email(sender="rina@tokosari.id", to="x@y.id")
    assert mail["Auto-Submitted"] == "auto-replied"
    assert mail["X-Auto-Response-Suppress"] == "All"


@pytest.mark.parametrize("locale", ["id", "en", "en_US"])
@pytest.mark.parametrize("last", [dt.date(2026, 3, 16), dt.date(2026, 12, 30)])
def test_status_is_one_short_line(locale: str, last: dt.date) -> None:
    """The chat status is one line of at most 100 characters, long dates included."""
    contact = es.Contact(
        "Bernadette Kusumawardhani", email="bernadette.kusumawardhani@example.co.id"
    )
    ooo = _ooo(first_day=dt.date(2026, 3, 16), last_day=last, urgent_contact=contact)
    text = ooo.render(locale=locale, channel="status", now=EXAMPLE_NOW).text
    assert text.count("\n") == 1
    assert len(text.rstrip("\n")) <= 100


@pytest.mark.parametrize("locale", ["id", "en", "en_US"])
def test_voicemail_is_speakable(locale: str) -> None:
    """The voicemail has no digit groups, symbols or zone abbreviations."""
    message = _ooo().render(locale=locale, channel="voicemail", now=EXAMPLE_NOW)
    assert lint(message) == []
    assert "0812" not in message.text
    with pytest.raises(RenderError_):
        message.to_email(sender="a@b.id", to="c@d.id")


def test_voicemail_needs_a_number() -> None:
    """An urgent contact with only an email cannot be spoken as a number to call."""
    ooo = _ooo(urgent_contact=es.Contact("Budi", email="budi@tokosari.id"))
    with pytest.raises(InvalidContextError, match="phone or whatsapp"):
        ooo.render(channel="voicemail", now=EXAMPLE_NOW)


RenderError_ = es.RenderError


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"From": "sari@example.id", "Return-Path": "<sari@example.id>"}, True),
        ({"From": "sari@example.id", "Auto-Submitted": "no"}, True),
        ({"From": "sari@example.id", "Auto-Submitted": "auto-replied"}, False),
        ({"From": "sari@example.id", "Auto-Submitted": "auto-generated"}, False),
        ({"From": "sari@example.id", "Precedence": "bulk"}, False),
        ({"From": "sari@example.id", "Precedence": "list"}, False),
        ({"From": "sari@example.id", "Precedence": "junk"}, False),
        ({"From": "sari@example.id", "List-Id": "<promo.toko.id>"}, False),
        ({"From": "sari@example.id", "List-Unsubscribe": "<mailto:u@toko.id>"}, False),
        ({"From": "sari@example.id", "Return-Path": "<>"}, False),
        ({"From": "MAILER-DAEMON@mx.example.id"}, False),
        ({"From": "Toko <noreply@toko.id>"}, False),
        ({"From": "sari@example.id", "X-Auto-Response-Suppress": "OOF, AutoReply"}, False),
        ({"From": "sari@example.id", "X-Autoreply": "yes"}, False),
        ({}, False),
    ],
)
def test_should_auto_reply(headers: dict[str, str], expected: bool) -> None:
    """Automatic, bulk, list and bounce mail gets no automatic reply (RFC 3834 section 2)."""
    assert es.should_auto_reply(headers) is expected


def test_should_auto_reply_reads_an_email_message() -> None:
    """Headers may come as an email.message.Message, matched case-insensitively."""
    from email.message import EmailMessage

    incoming = EmailMessage()
    incoming["From"] = "sari@example.id"
    incoming["auto-submitted"] = "auto-generated"
    assert es.should_auto_reply(incoming) is False
