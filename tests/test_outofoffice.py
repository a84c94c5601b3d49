"""Out-of-office notices: return day, reply expectation, staleness and auto-reply rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import expectset as es
from expectset import InvalidContextError, StaleNoticeError
from expectset.examples import EXAMPLE_NOW, example_context
from expectset.linting import lint
from expectset.outofoffice import OutOfOffice

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


def test_now_defaults_to_the_clock_and_must_be_aware() -> None:
    """Without now the notice is for the current time in its zone; a naive now is an error."""
    fields = example_context("out_of_office")
    del fields["now"]
    today = dt.datetime.now(fields["calendar"].zone).date()
    current = OutOfOffice(
        **fields
        | {"first_day": today - dt.timedelta(days=1), "last_day": today + dt.timedelta(days=7)}
    )
    assert current.render(locale="id").text
    with pytest.raises(es.StaleNoticeError):
        es.render("out_of_office", locale="id", **fields)  # March 2026 is over
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
    message = ooo.render(locale=locale, channel="status", now=EXAMPLE_NOW)
    assert message.text.count("\n") == 1
    assert len(message.text.rstrip("\n")) <= 100
    assert lint(message) == []  # the reply day is there too (rule 22)


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


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "id",
            "Kembali Rabu, 25 Maret 2026; balasan paling lambat Jumat, 27 Maret. Mendesak: Budi",
        ),
        ("en", "Away 16–20 March 2026. Back Wednesday, 25 March; replies by Friday, 27 March."),
        ("en_US", "Away March 16–20, 2026. Back Wednesday, March 25; replies by Friday, March 27."),
    ],
)
def test_status_gives_the_return_and_the_reply_day(locale: str, expected: str) -> None:
    """The chat status says when a reply comes, not only when the person is back (B1)."""
    assert expected in _ooo().render(locale=locale, channel="status", now=EXAMPLE_NOW).text


def test_closure_between_the_absence_and_the_return_is_named() -> None:
    """Away until Friday 20 March, back Wednesday 25: the cuti bersama in between is said."""
    ooo = _ooo()
    assert [c.date.day for c in ooo.closed_between] == [23, 24]
    email = ooo.render(locale="id", now=EXAMPLE_NOW)
    assert (
        "Saya tidak berada di kantor dari Senin, 16 Maret 2026 sampai Jumat, 20 Maret 2026. "
        "Kantor kami tutup dari Senin, 23 Maret 2026 sampai Selasa, 24 Maret 2026 karena cuti "
        "bersama Idulfitri. "
        "Saya akan kembali bekerja pada Rabu, 25 Maret 2026."
    ) in email.text
    assert "(kantor tutup pada 23–24 Maret 2026)" in email.preheader
    voice = ooo.render(locale="en", channel="voicemail", now=EXAMPLE_NOW)
    assert (
        "Our office will be closed from Monday, 23 March 2026 to Tuesday, 24 March 2026 "
        "because of collective leave for Eid al-Fitr."
    ) in voice.text
    assert lint(voice) == []


def test_several_closures_are_named_in_one_sentence() -> None:
    """Away 16-17 March 2026: Nyepi, its cuti bersama and Idulfitri's are all named, once."""
    ooo = _ooo(last_day=dt.date(2026, 3, 17))
    text = ooo.render(locale="en", now=EXAMPLE_NOW).text
    assert (
        "Our office will be closed from Wednesday, 18 March 2026 to Tuesday, 24 March 2026 "
        "because of Nyepi and its collective leave, as well as collective leave for "
        "Eid al-Fitr."
    ) in text
    assert (
        "Kantor kami tutup dari Rabu, 18 Maret 2026 sampai Selasa, 24 Maret 2026 karena "
        "libur dan cuti bersama Nyepi serta cuti bersama Idulfitri."
    ) in ooo.render(locale="id", now=EXAMPLE_NOW).text


def test_no_closure_no_closure_sentence() -> None:
    """Back on the next business day: one sentence, 'and will be back at work on'."""
    ooo = _ooo(first_day=dt.date(2026, 11, 9), last_day=dt.date(2026, 11, 13))
    now = dt.datetime(2026, 11, 9, 9, 0, tzinfo=WIB)
    assert ooo.closed_between == []
    text = ooo.render(locale="id", now=now).text
    assert (
        "Saya tidak berada di kantor dari Senin, 9 November 2026 sampai Jumat, 13 November "
        "2026 dan akan kembali bekerja pada Senin, 16 November 2026."
    ) in text
    assert "tutup" not in text


def test_single_day_preheader_says_away_on() -> None:
    """One day away reads 'Rina is away on Tuesday, ...'."""
    ooo = _ooo(first_day=dt.date(2026, 11, 10), last_day=dt.date(2026, 11, 10))
    now = dt.datetime(2026, 11, 10, 9, 0, tzinfo=WIB)
    assert ooo.render(locale="en", now=now).preheader == (
        "Rina is away on Tuesday, 10 November 2026 and will reply by Friday, 13 November 2026 "
        "at the latest."
    )


@pytest.mark.parametrize(("locale", "word"), [("en", "on"), ("en_US", "at")])
def test_urgent_call_takes_on_or_at_by_locale(locale: str, word: str) -> None:
    """'call Budi on 0812...' in British English, 'call Budi at 0812...' in American."""
    email = _ooo().render(locale=locale, now=EXAMPLE_NOW).text
    assert f"please call Budi {word} 0812-3456-7890 or email budi@tokosari.id." in email
    voice = _ooo().render(locale=locale, channel="voicemail", now=EXAMPLE_NOW).text
    assert f"please call Budi {word} zero eight" in voice
