"""Notebook preview: cards with every part, side by side, escaped, isolated, deterministic."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from typing import Any

import pytest

import expectset as es
from expectset.examples import EXAMPLE_NOW
from expectset.previewing import message_card


class _Tree(HTMLParser):
    """Collect the tags, the iframes' srcdoc and the text of <pre> and <strong>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.frames: list[dict[str, str | None]] = []
        self.pre: list[str] = []
        self.strong: list[str] = []
        self.cards: list[str | None] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "iframe":
            self.frames.append(attributes)
        if tag == "div" and attributes.get("class") == "expectset-card":
            self.cards.append(attributes.get("lang"))
        if tag in ("pre", "strong"):
            getattr(self, tag).append("")
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] in ("pre", "strong"):
            bucket = getattr(self, self._open[-1])
            bucket[-1] += data


def _parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree


def _hostile() -> dict[str, Any]:
    context = es.example_context("delivery_estimate")
    context["order_id"] = "<script>alert('x')</script>"
    context["recipient"] = es.Recipient('Sari "&" <img src=x onerror=alert(1)>', title="Ibu")
    return context


def test_a_card_holds_every_part_exactly() -> None:
    """Subject, preheader, the HTML body (in srcdoc) and the text body (in <pre>) are exact."""
    message = es.render("delivery_estimate", locale="id", **es.example_context("delivery_estimate"))
    card = message_card(message)
    tree = _parse(card)
    assert tree.cards == ["id"]
    assert tree.strong == [message.subject]
    assert message.preheader in card
    (frame,) = tree.frames
    assert frame["srcdoc"] == message.html
    assert frame["sandbox"] == ""
    assert tree.pre == [message.text]


def test_preview_shows_indonesian_and_english_side_by_side() -> None:
    """preview() gives an id card then an en card inside one wrapping flex row."""
    pair = es.preview("callback_promise")
    html = pair._repr_html_()
    assert html.startswith('<div class="expectset-preview" style="display:flex;flex-wrap:wrap;')
    tree = _parse(html)
    assert tree.cards == ["id", "en"]
    assert [f["srcdoc"] for f in tree.frames] == [pair["id"].html, pair["en"].html]
    assert tree.strong == [pair["id"].subject, pair["en"].subject]
    assert pair["en"].subject.startswith("Case CS-2027-0113: we will call you back by 14:00 WIB")


def test_user_text_is_escaped_and_nothing_escapes_the_frame() -> None:
    """A <script> or <img onerror> in a field never becomes markup outside the sandbox."""
    pair = es.preview("delivery_estimate", _hostile())
    html = pair._repr_html_()
    tree = _parse(html)
    assert set(tree.tags) <= {"div", "span", "strong", "iframe", "pre"}
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    for message, frame, pre in zip(pair, tree.frames, tree.pre, strict=True):
        assert frame["srcdoc"] == message.html
        assert "&lt;script&gt;" in message.html
        assert pre == message.text
        assert "<script>alert('x')</script>" in pre
    assert tree.strong[0] == pair["id"].subject
    assert "<script>alert('x')</script>" in tree.strong[0]


def test_no_css_or_script_reaches_the_notebook() -> None:
    """The card styles itself inline; the message's <style> lives only inside the iframe."""
    message = es.render("follow_up", locale="en", **es.example_context("follow_up"))
    card = message_card(message)
    outside = card.replace(_parse(card).frames[0]["srcdoc"] or "", "")
    tree = _parse(card)
    assert "style" not in tree.tags
    assert "script" not in tree.tags
    assert "<style" in message.html or "style=" in message.html
    assert "<style" not in outside


def test_single_message_shows_the_same_card() -> None:
    """Message._repr_html_ is the card preview() uses, and the bundle has text and HTML."""
    message = es.render("follow_up", locale="en", **es.example_context("follow_up"))
    assert message._repr_html_() == message_card(message)
    assert message_card(message) in es.preview("follow_up", locales=("en",))._repr_html_()
    bundle = message._repr_mimebundle_()
    assert bundle == {
        "text/plain": f"{message.subject}\n\n{message.text}",
        "text/html": message_card(message),
    }
    assert message._repr_mimebundle_(include={"text/plain"}) == {"text/plain": bundle["text/plain"]}
    assert message._repr_mimebundle_(exclude={"text/plain"}) == {"text/html": bundle["text/html"]}


def test_preview_output_is_deterministic() -> None:
    """The same input gives byte-identical HTML and text, run after run."""
    first = es.preview("timeline")._repr_mimebundle_()
    second = es.preview("timeline", es.example_context("timeline"))._repr_mimebundle_()
    assert first == second
    plain = first["text/plain"]
    assert plain.startswith("[timeline · id · email]\nSubject: ")
    assert "\n\n[timeline · en · email]\nSubject: " in plain


def test_out_of_office_example_uses_its_own_moment_and_other_channels() -> None:
    """context=None shows the example at EXAMPLE_NOW; a status has no frame, only text."""
    status = es.preview("out_of_office", channel="status")
    tree = _parse(status._repr_html_())
    assert tree.frames == []
    assert tree.pre == [m.text for m in status]
    assert status["id"].text.startswith("Kembali Rabu, 25 Maret 2026; balasan paling lambat")
    later = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.timezone.utc)
    with pytest.raises(es.StaleNoticeError):
        es.preview("out_of_office", now=later)
    fields = es.example_context("out_of_office")
    del fields["now"]
    ooo = es.OutOfOffice(**fields)
    with pytest.raises(es.StaleNoticeError):  # without now: the clock, long after March 2026
        es.preview("out_of_office", ooo)
    assert es.preview(ooo, now=EXAMPLE_NOW, locales=("en_US",))["en_US"].subject
    before = EXAMPLE_NOW - dt.timedelta(days=3)  # a preview may show it before its first day
    assert es.preview(ooo, now=before, locales=("id",))["id"].text


def test_preview_refuses_mismatches_and_unknown_locales() -> None:
    """A context of another kind, no locale, or a locale not shown are errors."""
    follow_up = es.FollowUpContext(**es.example_context("follow_up"))
    with pytest.raises(es.RenderError, match="does not match"):
        es.preview("timeline", follow_up)
    with pytest.raises(ValueError, match="at least one locale"):
        es.preview("timeline", locales=())
    with pytest.raises(es.UnsupportedLocaleError):
        es.preview("timeline", locales=("fr",))
    with pytest.raises(KeyError, match="no 'en_US' message"):
        _ = es.preview("timeline")["en_US"]
    assert repr(es.preview("follow_up", locales="en")).startswith(
        "Preview([Message(kind='follow_up', locale='en'"
    )
