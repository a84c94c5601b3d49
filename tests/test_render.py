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
from expectset.examples import EXAMPLE_NOW
from expectset.rendering import Renderer, load_translations


def _context(kind: str = "delivery_estimate") -> dict[str, Any]:
    return es.example_context(kind)


def test_every_kind_renders_in_every_locale() -> None:
    """All nine kinds render in id, id_ID, en, en_GB and en_US."""
    for kind in es.MESSAGE_KINDS:
        extra: dict[str, Any] = {"now": EXAMPLE_NOW} if kind == "out_of_office" else {}
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
    assert message.subject == "[Toko Sari] Has the problem in case CS-2026-1187 been solved?"
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
    assert message.preheader == "Order INV/2026/03/0042 is expected to arrive March 27–31, 2026."


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
