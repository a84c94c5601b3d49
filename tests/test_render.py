"""Rendering: strictness, errors that name the problem, escaping, email, custom templates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy
import io
import re
from email.generator import BytesGenerator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import expectset as es
from expectset import InvalidContextError, RenderError, UnsupportedLocaleError
from expectset.rendering import Renderer, load_translations


def _context(kind: str = "delivery_estimate") -> dict[str, Any]:
    return es.example_context(kind)


def test_every_kind_renders_in_every_locale() -> None:
    """All nine kinds render in id, id_ID, en, en_GB and en_US."""
    for kind in es.MESSAGE_KINDS:
        extra: dict[str, Any] = {}
        for locale in ("id", "id_ID", "en", "en_GB", "en_US"):
            message = es.render(kind, locale=locale, **extra, **_context(kind))
            assert message.kind == kind
            assert message.subject
            assert message.text
            assert message.html


def test_context_object_renders_like_keywords() -> None:
    """A context object and its fields as keywords give the same message."""
    context = es.DeliveryEstimateContext(**_context())
    assert es.render(context, locale="en") == es.render(
        "delivery_estimate", locale="en", **_context()
    )


def test_missing_and_wrong_fields_are_listed_at_once() -> None:
    """Every problem with the context is reported in one error."""
    context = _context()
    del context["promise"]
    context["order_id"] = 42
    context["delay_factors"] = ("rain",)
    with pytest.raises(InvalidContextError) as info:
        es.render("delivery_estimate", locale="id", **context)
    problems = info.value.problems
    assert any(p.startswith("promise: missing") for p in problems)
    assert any(p.startswith("order_id: expected non-empty text") for p in problems)
    assert any(p.startswith("delay_factors: expected a tuple of one of") for p in problems)
    assert isinstance(info.value, ValueError)


def test_semantic_problems_are_errors() -> None:
    """Rules beyond types are checked: at least one choice, alternative, step."""
    context = _context("policy_explanation")
    context["choices"] = ()
    with pytest.raises(InvalidContextError, match="at least one choice"):
        es.render("policy_explanation", locale="id", **context)
    alternatives = _context("exception_decline")
    alternatives["alternatives"] = ()
    with pytest.raises(InvalidContextError, match="at least one alternative"):
        es.render("exception_decline", locale="id", **alternatives)


def test_missing_language_in_free_text_is_named() -> None:
    """Caller text given only in Indonesian cannot render in English."""
    context = _context("policy_explanation")
    context["rule"] = {"id": "Segel kebersihan tidak boleh dibuka."}
    with pytest.raises(InvalidContextError, match="rule: has no 'en' text"):
        es.render("policy_explanation", locale="en", **context)
    assert es.render("policy_explanation", locale="id", **context).text


def test_unknown_kind_and_locale_are_errors() -> None:
    """An unknown kind is a RenderError naming it; an unknown locale a LookupError."""
    with pytest.raises(RenderError, match="unknown message kind 'invoice'"):
        es.render("invoice", locale="id")
    with pytest.raises(UnsupportedLocaleError):
        es.render("delivery_estimate", locale="fr", **_context())


def test_indonesian_never_falls_back_to_english(tmp_path: Path) -> None:
    """A string missing from the id catalog is an error naming it."""
    (tmp_path / "follow_up").mkdir()
    base = Path(es.__file__).resolve().parent.parent / "templates" / "follow_up"
    for name in ("subject.txt", "preheader.txt", "html.html"):
        (tmp_path / "follow_up" / name).write_text((base / name).read_text("utf-8"), "utf-8")
    (tmp_path / "follow_up" / "text.txt").write_text(
        "{% trans %}A sentence nobody translated.{% endtrans %}\n", "utf-8"
    )
    renderer = Renderer([tmp_path])
    with pytest.raises(
        RenderError, match=r"no id translation for 'A sentence nobody translated\.'"
    ):
        renderer.render("follow_up", locale="id", **_context("follow_up"))
    english = renderer.render("follow_up", locale="en", **_context("follow_up"))
    assert english.text == "A sentence nobody translated.\n"


def test_empty_translation_counts_as_missing(tmp_path: Path) -> None:
    """An empty msgstr is missing, not an empty sentence."""
    folder = tmp_path / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "expectset.po").write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "Brand new"\nmsgstr ""\n',
        "utf-8",
    )
    translations = load_translations("id", locale_dirs=[tmp_path])
    with pytest.raises(RenderError, match="'Brand new'"):
        translations.gettext("Brand new")


def test_user_catalog_overrides_our_wording(tmp_path: Path) -> None:
    """A catalog in locale_dirs replaces our translation of the same msgid."""
    folder = tmp_path / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "expectset.po").write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "Kind regards,"\nmsgstr "Hormat kami,"\n',
        "utf-8",
    )
    message = Renderer(locale_dirs=[tmp_path]).render(
        "follow_up", locale="id", **_context("follow_up")
    )
    assert "\nHormat kami,\n" in message.text


def test_missing_template_is_named(tmp_path: Path) -> None:
    """A user template that includes a missing one fails naming it."""
    (tmp_path / "follow_up").mkdir()
    (tmp_path / "follow_up" / "subject.txt").write_text('{% include "nope.txt" %}', "utf-8")
    with pytest.raises(RenderError, match=r"'nope\.txt' not found"):
        Renderer([tmp_path]).render("follow_up", locale="en", **_context("follow_up"))


def test_undefined_variable_is_named(tmp_path: Path) -> None:
    """StrictUndefined: a template using a value the context lacks fails naming it."""
    (tmp_path / "follow_up").mkdir()
    (tmp_path / "follow_up" / "subject.txt").write_text("{{ ticket_colour }}", "utf-8")
    with pytest.raises(RenderError, match="ticket_colour"):
        Renderer([tmp_path]).render("follow_up", locale="en", **_context("follow_up"))


def test_user_templates_are_sandboxed_and_may_extend_ours(tmp_path: Path) -> None:
    """User templates run in the sandbox and can extend the bundled ones."""
    (tmp_path / "follow_up").mkdir()
    (tmp_path / "follow_up" / "subject.txt").write_text(
        '[Toko Sari] {% include "expectset/follow_up/subject.txt" %}', "utf-8"
    )
    renderer = Renderer([tmp_path], brand=es.Brand("Toko Sari"))
    message = renderer.render("follow_up", locale="en", **_context("follow_up"))
    assert message.subject == "[Toko Sari] Has the problem in case CS-2026-1187 been resolved?"
    assert renderer.sandboxed
    (tmp_path / "follow_up" / "subject.txt").write_text(
        "{{ reference.__class__.__mro__ }}", "utf-8"
    )
    with pytest.raises(RenderError):
        Renderer([tmp_path]).render("follow_up", locale="en", **_context("follow_up"))


def test_html_escapes_user_text_and_text_keeps_it_plain() -> None:
    """User-supplied text is escaped in HTML and left as it is in plain text."""
    context = _context()
    context["order_id"] = "<script>alert(1)</script>"
    context["recipient"] = es.Recipient("Sari & <b>Rahayu</b>", title="Ibu")
    message = es.render("delivery_estimate", locale="id", **context)
    assert "<script>" not in message.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in message.html
    assert "Sari &amp; &lt;b&gt;Rahayu&lt;/b&gt;" in message.html
    assert "Pesanan <script>alert(1)</script> diperkirakan" in message.text
    assert "Halo, Ibu Sari & <b>Rahayu</b>," in message.text


def test_greeting_follows_recipient_and_register() -> None:
    """Formal by default, first name only when allowed, friendly with Kak."""
    context = _context("follow_up")
    cases = [
        (es.Recipient("Sari Rahayu", title="Ibu"), "id", "Halo, Ibu Sari Rahayu,"),
        (es.Recipient("Sari Rahayu"), "id", "Halo, Bapak/Ibu Sari Rahayu,"),
        (es.Recipient(None), "id", "Halo, Bapak/Ibu,"),
        (es.Recipient(None, register="friendly"), "id", "Halo, Kak,"),
        (es.Recipient("Sari Rahayu", title="Ibu"), "en", "Dear Ms Sari Rahayu,"),
        (es.Recipient("Sari Rahayu", title="Ibu"), "en_US", "Dear Ms. Sari Rahayu,"),
        (es.Recipient("Sari Rahayu"), "en", "Dear Sari Rahayu,"),
        (es.Recipient(None), "en", "Hello,"),
        (es.Recipient("Sari Rahayu", first_name="Sari", first_name_ok=True), "en", "Hi Sari,"),
        (
            es.Recipient("Sari Rahayu", first_name="Sari", first_name_ok=True, register="friendly"),
            "id",
            "Halo, Kak Sari,",
        ),
    ]
    for recipient, locale, greeting in cases:
        context["recipient"] = recipient
        assert es.render("follow_up", locale=locale, **context).text.split("\n")[0] == greeting


def test_first_name_permission_needs_the_first_name() -> None:
    """Expectset never splits a full name to find a first name."""
    with pytest.raises(InvalidContextError, match="first_name"):
        es.Recipient("Sari Rahayu", first_name_ok=True)


def test_friendly_register_uses_its_own_catalog() -> None:
    """The friendly register says kamu/-mu where the formal one says Anda."""
    context = _context("delay_notice")
    context["recipient"] = dataclasses.replace(context["recipient"], register="friendly")
    text = es.render("delay_notice", locale="id", **context).text
    assert "Terima kasih atas kesabaranmu." in text
    assert "Anda" not in text


def test_to_email_is_multipart_alternative_utf8_with_language() -> None:
    """to_email gives text then HTML, UTF-8, Subject, From, To and Content-Language."""
    message = es.render("delivery_estimate", locale="id", **_context())
    mail = message.to_email(
        sender="Toko Sari <halo@tokosari.id>",
        to=["sari@example.id"],
        reply_to="cs@tokosari.id",
        date=dt.datetime(2026, 3, 17, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        message_id="<inv-0042@tokosari.id>",
        headers={"X-Order": "INV/2026/03/0042"},
    )
    parsed = email.message_from_bytes(mail.as_bytes(), policy=email.policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in parsed.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert all(part.get_content_charset() == "utf-8" for part in parsed.iter_parts())
    assert parsed["Subject"] == message.subject
    assert parsed["Content-Language"] == "id"
    assert parsed["Date"] == "Tue, 17 Mar 2026 10:30:00 +0700"
    assert parsed["Message-ID"] == "<inv-0042@tokosari.id>"
    assert parsed["X-Order"] == "INV/2026/03/0042"
    plain = parsed.get_body(("plain",))
    assert plain is not None
    assert plain.get_content() == message.text
    assert "Date" not in message.to_email(sender="a@b.id", to="c@d.id")


def test_html_has_a_hidden_preheader_and_the_language() -> None:
    """The preheader is hidden at the top of the HTML, which names its language."""
    message = es.render("delivery_estimate", locale="en_US", **_context())
    assert '<html lang="en-US">' in message.html
    assert f'mso-hide:all;">{message.preheader}</div>' in message.html
    assert message.preheader == (
        "Order INV/2026/03/0042 is expected to arrive between March 27 and 31, 2026."
    )


def test_notebook_views() -> None:
    """_repr_mimebundle_ gives text and an HTML card with the subject and the body."""
    message = es.render("follow_up", locale="en", **_context("follow_up"))
    bundle = message._repr_mimebundle_()
    assert bundle["text/plain"].startswith(message.subject)
    assert "srcdoc=" in bundle["text/html"]
    assert message.subject in bundle["text/html"]
    assert repr(message).startswith("Message(kind='follow_up', locale='en', channel='email'")


_LINE_TEXT = st.text(alphabet=st.sampled_from(list("From ab=–\t.é")), min_size=0, max_size=120).map(
    lambda s: s.replace("\n", " ")
)


@settings(max_examples=200)
@example(lines=["From " + "a" * 72])  # 76 columns once encoded, 78 with "=46"
@example(lines=["x" * 73 + "From " + "b" * 80])  # a soft break lands right before "From "
@given(lines=st.lists(st.one_of(_LINE_TEXT, _LINE_TEXT.map("From ".__add__)), max_size=6))
def test_to_email_body_survives_mbox_writers_and_stays_within_76_columns(
    lines: list[str],
) -> None:
    """Body lines starting 'From ' are encoded, every encoded line fits, and all decodes back."""
    text = "\n".join(lines) + "\n"
    message = dataclasses.replace(
        es.render("follow_up", locale="en", **_context("follow_up")), text=text, html=text
    )
    mail = message.to_email(sender="a@b.id", to="c@d.id")
    out = io.BytesIO()
    BytesGenerator(out, mangle_from_=True).flatten(mail)  # what smtplib.send_message does
    raw = out.getvalue()
    body = raw.split(b"\n\n", 1)[1]
    assert not re.search(rb"(?m)^>?From ", body)
    assert all(len(line) <= 76 for line in body.split(b"\n"))
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    plain = parsed.get_body(("plain",))
    assert plain is not None
    assert plain.get_content() == text


# ------------------------------------------------------------ after the copy review
CAL = es.BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")


def _promise(
    ordered: dt.datetime, calendar: es.BusinessCalendar = CAL, cutoff: str | None = None
) -> Any:
    """A 2-4 business day promise laid out as promise_delivery does, closures from the order."""
    from expectset.promises import DeliveryPromise
    from expectset.windows import PromisePolicy, Window

    window = Window(
        lower=2,
        upper=4,
        unit="business_days",
        lane=("REG",),
        requested_lane=("REG",),
        samples=100,
        effective_samples=100.0,
        policy=PromisePolicy(),
    )
    start = calendar.handling_start(ordered, cutoff=cutoff)
    shipped = calendar.add_business_days(start.date(), 1)
    latest = calendar.add_business_days(shipped, 4)
    return DeliveryPromise(
        ordered_at=ordered,
        handling_starts=start,
        handling=1,
        earliest=calendar.add_business_days(shipped, 2),
        latest=latest,
        window=window,
        calendar=calendar,
        closures=tuple(
            calendar.closures_between(ordered.date(), latest, include_non_workdays=True)
        ),
    )


def _delivery(locale: str, **changes: Any) -> str:
    context = _context() | changes
    if "promise" in changes and "now" not in changes:
        context["now"] = changes["promise"].ordered_at  # sent when the order is placed
    return es.render("delivery_estimate", locale=locale, **context).text


def test_friendly_free_text_needs_a_friendly_version() -> None:
    """Free text that says Anda stops a friendly message, naming the field (rule 10)."""
    context = _context("policy_explanation")
    context["recipient"] = dataclasses.replace(context["recipient"], register="friendly")
    context["reason"] = {"id": "Produk yang Anda terima selalu baru.", "en": "It is new."}
    with pytest.raises(InvalidContextError, match=r"reason: .*'Anda'.*'id@friendly'"):
        es.render("policy_explanation", locale="id", **context)
    context["reason"] = {**context["reason"], "id@friendly": "Produk yang kamu terima baru."}
    text = es.render("policy_explanation", locale="id", **context).text
    assert "Produk yang kamu terima baru." in text
    assert "Anda" not in text
    formal = dataclasses.replace(context["recipient"], register="formal")
    assert (
        "Produk yang Anda terima selalu baru."
        in es.render("policy_explanation", locale="id", **(context | {"recipient": formal})).text
    )


def test_plain_formal_text_in_a_friendly_message_is_refused() -> None:
    """One text for every language cannot be friendly if it says Bapak/Ibu."""
    context = _context("follow_up")
    context["recipient"] = dataclasses.replace(context["recipient"], register="friendly")
    context["summary"] = "Kami sudah menghubungi Bapak/Ibu."
    with pytest.raises(InvalidContextError, match=r"summary: .*Bapak/Ibu"):
        es.render("follow_up", locale="id", **context)


def test_american_english_takes_the_en_us_text() -> None:
    """A text's "en_US" version is used for en_US only; other English takes "en"."""
    context = _context("timeline")
    label = {"id": "Diterima di pusat servis", "en": "At our service centre"}
    label |= {"en_US": "At our service center"}
    context["steps"] = (es.Step(label, dt.date(2026, 11, 9), done=True), *context["steps"][1:])
    assert "At our service center:" in es.render("timeline", locale="en_US", **context).text
    assert "At our service centre:" in es.render("timeline", locale="en_GB", **context).text


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "id",
            "Pesanan Anda kami terima pada Jumat, 14 Agustus 2026, setelah batas waktu "
            "pemrosesan pukul 14.00 WIB. Kami akan mulai memprosesnya pada Selasa, 18 Agustus "
            "2026, hari kerja kami berikutnya.",
        ),
        (
            "en",
            "We received your order on Friday, 14 August 2026, after our 14:00 WIB cut-off, so "
            "we will start handling it on Tuesday, 18 August 2026, our next business day.",
        ),
        (
            "en_US",
            "We received your order on Friday, August 14, 2026, after our 2:00 PM WIB cut-off, "
            "so we will start handling it on Tuesday, August 18, 2026, our next business day.",
        ),
    ],
)
def test_late_start_after_the_cutoff_names_the_time(locale: str, expected: str) -> None:
    """An order after the cut-off says so, with the time (17 August is a holiday)."""
    ordered = dt.datetime(2026, 8, 14, 15, 30, tzinfo=CAL.zone)
    with_calendar_cutoff = _promise(ordered, CAL.replace(cutoff="14:00"))
    assert expected in _delivery(locale, promise=with_calendar_cutoff)
    promise = _promise(ordered, cutoff="14:00")
    assert expected in _delivery(locale, promise=promise, cutoff=dt.time(14, 0))
    without_time = _delivery(locale, promise=promise)
    assert "WIB" not in without_time
    assert ("harian kami" if locale == "id" else "after our daily cut-off time") in without_time


def test_late_start_on_a_closed_day_names_the_closure() -> None:
    """An order on a holiday names it; one on a weekend says it is not a business day."""
    on_leave = _promise(dt.datetime(2026, 12, 24, 10, 0, tzinfo=CAL.zone))
    assert (
        "Pesanan Anda kami terima pada Kamis, 24 Desember 2026, saat kami tutup karena cuti "
        "bersama Natal. Kami akan mulai memprosesnya pada Senin, 28 Desember 2026"
    ) in _delivery("id", promise=on_leave)
    assert (
        "on Thursday, 24 December 2026, a day we were closed because of collective leave "
        "for Christmas, so we will start handling it on Monday, 28 December 2026"
    ) in _delivery("en", promise=on_leave)
    sunday = _promise(dt.datetime(2026, 11, 22, 10, 0, tzinfo=CAL.zone))
    assert "Minggu, 22 November 2026, di luar hari kerja kami." in _delivery("id", promise=sunday)
    assert "Sunday, 22 November 2026, outside our business days" in _delivery("en", promise=sunday)


def test_order_just_before_a_closure_lists_the_closed_days() -> None:
    """Ordered 23 December after the cut-off: 24-25 December are listed as holidays."""
    promise = _promise(dt.datetime(2026, 12, 23, 15, 0, tzinfo=CAL.zone), cutoff="14:00")
    text = _delivery("id", promise=promise, cutoff=dt.time(14, 0))
    assert "- Cuti bersama Natal: Kamis, 24 Desember 2026\n- Natal: Jumat, 25 Desember" in text


def test_holiday_list_is_in_date_order_with_estimates_marked() -> None:
    """Around Idulfitri 2027 the list runs by date; cuti bersama days join with ';'.

    The cuti bersama around an estimated Idulfitri is an estimate as well.
    """
    promise = _promise(dt.datetime(2027, 3, 5, 10, 0, tzinfo=CAL.zone))
    text = _delivery("id", promise=promise)
    assert (
        "Estimasi di atas sudah memperhitungkan hari libur nasional dan cuti bersama "
        "berikut, yang jatuh di antara tanggal pemesanan dan estimasi tiba:\n"
        "- Nyepi: Senin, 8 Maret 2027\n"
        "- Cuti bersama Idulfitri: Selasa, 9 Maret 2027 (tanggal belum ditetapkan)\n"
        "- Idulfitri: Rabu, 10 Maret 2027 (tanggal belum ditetapkan)\n"
        "- Hari kedua Idulfitri: Kamis, 11 Maret 2027 (tanggal belum ditetapkan)\n"
        "- Cuti bersama Idulfitri: Jumat, 12 Maret 2027; Senin, 15 Maret 2027 (tanggal belum "
        "ditetapkan)\n"
    ) in text


@pytest.mark.parametrize(
    ("calendar", "id_heading", "en_heading"),
    [
        (
            CAL.replace(cuti_bersama=False),
            "Hari libur nasional berikut",
            "The following public holidays fall",
        ),
        (
            CAL.replace(closures=[(dt.date(2026, 3, 26), dt.date(2026, 3, 27), "libur kurir")]),
            "Hari libur dan hari tutup operasional berikut",
            "The following holidays and closure days fall",
        ),
        (
            CAL.replace(country=None, closures=[(dt.date(2026, 3, 19), "stok opname")]),
            "Hari tutup operasional berikut",
            "The following closure days fall",
        ),
    ],
)
def test_holiday_heading_names_only_what_the_list_holds(
    calendar: es.BusinessCalendar, id_heading: str, en_heading: str
) -> None:
    """Public holidays, cuti bersama and a business's own closures are not all 'holidays'."""
    promise = _promise(dt.datetime(2026, 3, 17, 10, 0, tzinfo=calendar.zone), calendar)
    assert f"sudah memperhitungkan {id_heading[0].lower()}{id_heading[1:]}, yang jatuh" in (
        _delivery("id", promise=promise)
    )
    assert f"\n{en_heading} between your order" in _delivery("en", promise=promise)


def test_calendar_day_windows_say_calendar_days() -> None:
    """A window in calendar days says 'hari kalender' / 'calendar days' (rule 19)."""
    base = _promise(dt.datetime(2026, 11, 23, 10, 0, tzinfo=CAL.zone))
    window = dataclasses.replace(base.window, lower=3, upper=5, unit="calendar_days")
    promise = es.promise_delivery(base.ordered_at, window, calendar=CAL, handling=1)
    assert "3–5 hari kalender untuk pengiriman" in _delivery("id", promise=promise)
    assert "3–5 calendar days for delivery" in _delivery("en", promise=promise)


def test_follow_up_says_what_a_business_day_is() -> None:
    """The follow-up defines its business days from its calendar (rule 19)."""
    context = _context("follow_up")
    default = es.render("follow_up", locale="id", **context).text
    assert (
        "paling lambat 1 hari kerja (Senin–Jumat, tidak termasuk hari libur nasional dan cuti "
        "bersama) setelah balasan Anda kami terima."
    ) in default
    context |= {"calendar": es.BusinessCalendar(workdays="Mon-Sat", country=None)}
    context |= {"reply_within": 2}
    assert (
        "within 2 business days of your reply. Our business days are Monday–Saturday.\n"
    ) in es.render("follow_up", locale="en", **context).text


def test_service_recovery_schedule_is_checked_and_shown() -> None:
    """The schedule's steps run in date order; open steps show as estimates."""
    context = _context("service_recovery")
    text = es.render("service_recovery", locale="id", **context).text
    assert "- Kemeja ukuran L tiba: 17–18 November 2026 (estimasi)" in text
    context["schedule"] = tuple(reversed(context["schedule"]))
    with pytest.raises(InvalidContextError, match=r"schedule\[1\]"):
        es.render("service_recovery", locale="id", **context)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("id", "silakan kirim pesan WhatsApp kepada kami di nomor 0812-3456-7890 atau kirim email"),
        ("en", "please send us a WhatsApp message on 0812-3456-7890 or email halo@tokosari.id."),
        ("en_US", "please send us a WhatsApp message at 0812-3456-7890 or email halo@"),
    ],
)
def test_urgent_contact_gets_a_verb_for_each_way(locale: str, expected: str) -> None:
    """'call Budi on ... or email ...': one verb per way, 'at' for American readers."""
    text = es.render("callback_promise", locale=locale, **_context("callback_promise")).text
    assert expected in text


def test_american_readers_see_labor_day() -> None:
    """Holiday names follow the reader's English: Labour Day in en, Labor Day in en_US."""
    promise = _promise(dt.datetime(2026, 4, 28, 10, 0, tzinfo=CAL.zone))
    assert "- Labour Day: Friday, 1 May 2026" in _delivery("en", promise=promise)
    assert "- Labor Day: Friday, May 1, 2026" in _delivery("en_US", promise=promise)
    assert "- Hari Buruh: Jumat, 1 Mei 2026" in _delivery("id", promise=promise)


@pytest.mark.parametrize("locale", ["id", "en", "en_US"])
@pytest.mark.parametrize("kind", [k for k in es.MESSAGE_KINDS if k != "out_of_office"])
def test_subject_reads_back_exactly_from_the_wire(kind: str, locale: str) -> None:
    """A folded subject unfolds to the rendered one: no doubled space around encoded words."""
    message = es.render(kind, locale=locale, **_context(kind))
    mail = message.to_email(sender="halo@tokosari.id", to="sari@example.id")
    out = io.BytesIO()
    BytesGenerator(out, mangle_from_=True, policy=mail.policy).flatten(mail)
    raw = out.getvalue()
    head = raw.split(b"\n\n", 1)[0]
    assert all(len(line) <= 76 for line in head.split(b"\n"))
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert str(parsed["Subject"]).lstrip(" ") == message.subject


def test_indonesian_subject_fold_keeps_single_spaces() -> None:
    """The delay subject folds before an en dash word without gaining a second space."""
    context = _context("delay_notice")
    message = es.render("delay_notice", locale="id", **context)
    assert "menjadi 27–30" in message.subject
    parsed = email.message_from_bytes(
        message.to_email(sender="a@b.id", to="c@d.id").as_bytes(), policy=email.policy.default
    )
    assert str(parsed["Subject"]) == message.subject


def test_cached_sentences_tell_equal_but_different_values_apart() -> None:
    """1, 1.0 and True, or Decimal 1.0 and 1.00, never share a cached sentence."""
    from decimal import Decimal

    from expectset.rendering import _memo_key, _value_key

    assert len({_memo_key(1), _memo_key(1.0), _memo_key(True)}) == 3
    assert _value_key((Decimal("1.0"),)) != _value_key((Decimal("1.00"),))
    wib = dt.timezone(dt.timedelta(hours=7))
    moment = dt.datetime(2026, 11, 23, 10, tzinfo=wib)
    assert _value_key(moment) != _value_key(moment.astimezone(dt.timezone.utc))


def test_a_renderer_reuses_sentences_without_mixing_messages() -> None:
    """Rendering a batch twice in any order gives the same bytes as rendering each alone."""
    contexts = [_context(kind) for kind in ("delivery_estimate", "delay_notice", "follow_up")]
    kinds = ["delivery_estimate", "delay_notice", "follow_up"]
    alone = [
        Renderer().render(kind, locale=locale, **context).to_dict()
        for kind, context in zip(kinds, contexts, strict=True)
        for locale in ("id", "en")
    ]
    shared = Renderer()
    for _ in range(2):
        together = [
            shared.render(kind, locale=locale, **context).to_dict()
            for kind, context in zip(kinds, contexts, strict=True)
            for locale in ("id", "en")
        ]
        assert together == alone
