"""Preview messages in a notebook: one card per message, languages side by side.

:func:`preview` renders one kind in several locales (Indonesian and English by
default) and returns a :class:`Preview` that Jupyter shows as cards next to each other.
Each card has the subject, the inbox preview line (preheader), the HTML body and the
plain text body. The HTML body sits in a sandboxed ``<iframe srcdoc>``: the message's
own CSS cannot restyle the notebook, the notebook's CSS cannot restyle the message, and
no script in it can run. A single :class:`~expectset.rendering.Message` shows as the
same card. Everything is escaped, and the same messages always give the same HTML.

Examples
--------
>>> pair = preview("follow_up")
>>> [m.locale for m in pair.messages]
['id', 'en']
>>> pair["en"].subject
'Has the problem in case CS-2026-1187 been resolved?'
>>> sorted(pair._repr_mimebundle_())
['text/html', 'text/plain']
"""

from __future__ import annotations

import html as _html
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .formatting import resolve_locale

if TYPE_CHECKING:
    import datetime as dt

    from .messages._base import Channel, MessageContext
    from .rendering import Message, Renderer

__all__ = ["Preview", "message_card", "preview"]

_CARD = (
    "box-sizing:border-box;flex:1 1 380px;min-width:0;max-width:720px;"
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:14px;"
    "line-height:1.4;color:#111827;background:#ffffff;border:1px solid #d1d5db;"
    "border-radius:8px;padding:12px"
)
_META = "color:#6b7280;font-size:12px;margin-bottom:6px"
_LABEL = (
    "display:inline-block;min-width:4.5em;color:#6b7280;font-size:12px;"
    "text-transform:uppercase;letter-spacing:.04em"
)
_FRAME = (
    "display:block;box-sizing:border-box;width:100%;height:460px;resize:vertical;"
    "border:1px solid #e5e7eb;border-radius:4px;margin-top:8px;background:#ffffff"
)
_PRE = (
    "white-space:pre-wrap;word-wrap:break-word;margin:4px 0 0;padding:8px;"
    "max-height:360px;overflow:auto;background:#f9fafb;border:1px solid #e5e7eb;"
    "border-radius:4px;font-size:12.5px;color:#111827"
)
_ROW = "display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start"


def message_card(message: Message) -> str:
    """Return the HTML card for one message (what a notebook shows for it).

    Examples
    --------
    >>> from expectset import render, example_context
    >>> card = message_card(render("follow_up", locale="en", **example_context("follow_up")))
    >>> card.startswith('<div class="expectset-card" lang="en"')
    True
    >>> 'sandbox=""' in card and "srcdoc=" in card
    True
    """
    escape = _html.escape
    lang = resolve_locale(message.locale).bcp47
    meta = " · ".join(escape(part) for part in (message.kind, message.locale, message.channel))
    parts = [
        f'<div class="expectset-card" lang="{escape(lang)}" style="{_CARD}">',
        f'<div style="{_META}">{meta}</div>',
    ]
    if message.subject:
        parts.append(
            f'<div><span style="{_LABEL}">Subject</span> '
            f'<strong style="font-weight:600">{escape(message.subject)}</strong></div>'
        )
    if message.preheader:
        parts.append(
            f'<div style="color:#4b5563"><span style="{_LABEL}">Preview</span> '
            f"{escape(message.preheader)}</div>"
        )
    if message.html:
        title = escape(f"{message.kind} HTML body ({message.locale})", quote=True)
        parts.append(
            f'<iframe title="{title}" sandbox="" referrerpolicy="no-referrer" '
            f'srcdoc="{escape(message.html, quote=True)}" style="{_FRAME}"></iframe>'
        )
    label = "Plain text" if message.channel == "email" else message.channel.capitalize()
    parts.append(
        f'<div style="margin-top:8px"><span style="{_LABEL}">{escape(label)}</span>'
        f'<pre style="{_PRE}">{escape(message.text)}</pre></div>'
    )
    parts.append("</div>")
    return "".join(parts)


def _plain(message: Message) -> str:
    head = f"[{message.kind} · {message.locale} · {message.channel}]"
    lines = [head]
    if message.subject:
        lines.append(f"Subject: {message.subject}")
    if message.preheader:
        lines.append(f"Preview: {message.preheader}")
    return "\n".join(lines) + "\n\n" + message.text


def mimebundle(
    html: str, plain: str, include: Collection[str] | None, exclude: Collection[str] | None
) -> dict[str, str]:
    """Return the Jupyter bundle, keeping only what ``include`` and ``exclude`` allow."""
    bundle = {"text/plain": plain, "text/html": html}
    return {
        mime: data
        for mime, data in bundle.items()
        if (not include or mime in include) and (not exclude or mime not in exclude)
    }


@dataclass(frozen=True, slots=True)
class Preview:
    """Messages shown side by side in a notebook; ``preview[locale]`` picks one."""

    messages: tuple[Message, ...]

    def __iter__(self) -> Iterator[Message]:
        return iter(self.messages)

    def __len__(self) -> int:
        return len(self.messages)

    def __getitem__(self, locale: str) -> Message:
        for message in self.messages:
            if message.locale == locale:
                return message
        shown = ", ".join(m.locale for m in self.messages)
        raise KeyError(f"no {locale!r} message in this preview (it has {shown})")

    def __repr__(self) -> str:
        inner = ", ".join(repr(m) for m in self.messages)
        return f"Preview([{inner}])"

    def _repr_html_(self) -> str:
        """Show the cards side by side (they wrap on a narrow screen)."""
        cards = "".join(message_card(m) for m in self.messages)
        return f'<div class="expectset-preview" style="{_ROW}">{cards}</div>'

    def _repr_mimebundle_(
        self, include: Collection[str] | None = None, exclude: Collection[str] | None = None
    ) -> dict[str, str]:
        """Text and HTML views for Jupyter."""
        plain = "\n\n".join(_plain(m) for m in self.messages)
        return mimebundle(self._repr_html_(), plain, include, exclude)


def preview(
    kind: str | MessageContext,
    context: Mapping[str, Any] | MessageContext | None = None,
    locales: Sequence[str] = ("id", "en"),
    *,
    channel: Channel = "email",
    now: dt.datetime | None = None,
    renderer: Renderer | None = None,
) -> Preview:
    """Render ``kind`` in each of ``locales`` for a side-by-side notebook preview.

    ``context`` is the kind's fields (a mapping), a context object, or ``None`` for
    :func:`~expectset.example_context`; ``kind`` may also be a context object itself.
    ``channel`` and ``now`` are passed to :func:`~expectset.render` (an example is shown
    at its own moment unless ``now`` is given), with ``preview=True``: an out-of-office
    notice can be seen before its first day. ``renderer`` renders with your templates
    and brand.
    """
    from .errors import RenderError
    from .examples import example_context
    from .messages._base import MessageContext
    from .rendering import default_renderer

    chosen = renderer if renderer is not None else default_renderer()
    if isinstance(locales, str):
        locales = (locales,)
    if not locales:
        raise ValueError("preview() needs at least one locale")
    target: str | MessageContext = kind
    fields: dict[str, Any] = {}
    if isinstance(context, MessageContext):
        if isinstance(kind, str) and kind != context.kind:
            raise RenderError(
                f"kind {kind!r} does not match the context given, a {context.kind}",
                field="kind",
                value=kind,
            )
        target = context
    elif context is not None:
        fields = dict(context)
    elif isinstance(kind, str):
        fields = example_context(kind)
    if now is not None:
        fields.pop("now", None)
    elif "now" in fields:
        now = fields.pop("now")
    messages = tuple(
        chosen.render(target, locale=locale, channel=channel, now=now, preview=True, **fields)
        for locale in locales
    )
    return Preview(messages)
