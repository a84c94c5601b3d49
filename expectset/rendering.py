"""Render customer messages: Jinja templates, strict gettext catalogs, and ``Message``.

:func:`render` renders one message kind in one locale with the bundled templates.
A :class:`Renderer` adds your own template folders (searched first, ours as fallback;
rendered in a sandbox), your own catalogs merged over ours, and your brand.

Strictness: a missing context value, template or translation is an error that names
it. Indonesian never falls back to English: a template string missing from the ``id``
catalog (or with an empty translation) raises :class:`~expectset.errors.RenderError`.

Examples
--------
>>> from expectset.examples import example_context
>>> msg = render("follow_up", locale="id", **example_context("follow_up"))
>>> msg.subject
'Apakah masalah pada laporan CS-2026-1187 sudah teratasi?'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gettext as _gettext
import hashlib
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from email.message import EmailMessage
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._resources import resource_dir
from ._timeutil import as_aware
from .calendar import BusinessCalendar
from .errors import RenderError
from .formatting import Formatter, Language, LocaleInfo, formatter, resolve_locale
from .messages import KINDS, MESSAGE_KINDS
from .messages._base import (
    Channel,
    MessageContext,
    context_from_kwargs,
    context_text_problems,
    local_text,
    raise_problems,
)
from .messages._closures import HolidayGroup
from .messages.common import Brand, Contact, Recipient, Register
from .messages.out_of_office import STATUS_LEVELS, STATUS_LIMIT

if TYPE_CHECKING:
    from jinja2 import Environment, Template

__all__ = [
    "CONTEXTS",
    "DOMAIN",
    "Message",
    "Renderer",
    "StrictTranslations",
    "default_renderer",
    "load_translations",
    "render",
    "template_values",
]

#: The context class of each message kind (:data:`expectset.messages.KINDS`).
CONTEXTS = KINDS

#: gettext domain of the bundled catalogs: ``locales/<lang>/LC_MESSAGES/expectset.po``.
DOMAIN = "expectset"

_CHANNEL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "email": ("subject.txt", "preheader.txt", "text.txt", "html.html"),
    "status": ("status.txt",),
    "voicemail": ("voicemail.txt",),
}


# ---------------------------------------------------------------------- catalogs
@dataclass(frozen=True, slots=True)
class _CatalogData:
    messages: dict[tuple[str | None, str], str | tuple[str, ...]]
    plural_expr: str
    source: Path


def _catalog_folder(language: Language, register: Register) -> str:
    return f"{language}@friendly" if language == "id" and register == "friendly" else language


def _catalog_file(folder: Path) -> Path | None:
    """Find the compiled catalog if there is one (a wheel), else the .po (a checkout)."""
    for suffix in (".mo", ".po"):
        path = folder / "LC_MESSAGES" / f"{DOMAIN}{suffix}"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=64)
def _read_catalog(path: Path, _mtime_ns: int) -> _CatalogData:
    locale = path.parent.parent.name
    with path.open("rb") as handle:
        if path.suffix == ".mo":
            from babel.messages.mofile import read_mo

            catalog = read_mo(handle)
        else:
            from babel.messages.pofile import read_po

            catalog = read_po(handle, locale=locale, domain=DOMAIN)
    messages: dict[tuple[str | None, str], str | tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key_id = str(message.id if isinstance(message.id, str) else message.id[0])
        translated = message.string
        if isinstance(translated, str):
            if translated:
                messages[(message.context, key_id)] = translated
        elif translated is not None and all(translated):
            messages[(message.context, key_id)] = tuple(str(form) for form in translated)
    expr = _plural_expr(catalog.plural_forms)
    return _CatalogData(messages=messages, plural_expr=expr, source=path)


def _plural_expr(plural_forms: str) -> str:
    match = re.search(r"plural\s*=\s*([^;]+)", plural_forms)
    return match.group(1).strip() if match else "(n != 1)"


class StrictTranslations:
    """gettext translations that never fall back silently.

    With ``strict=True`` (every non-source language) a message missing from the
    catalog, or translated as empty text, raises :class:`RenderError` naming it; with
    ``strict=False`` (English, the source language) the message id is the text.
    ``sources`` lists the catalog files merged, ours first.
    """

    __slots__ = ("_messages", "_plural", "label", "sources", "strict")

    def __init__(
        self,
        label: str,
        messages: Mapping[tuple[str | None, str], str | tuple[str, ...]],
        plural_expr: str,
        *,
        strict: bool,
        sources: tuple[Path, ...] = (),
    ) -> None:
        self.label = label
        self._messages = dict(messages)
        self._plural: Callable[[int], int] = _gettext.c2py(plural_expr)
        self.strict = strict
        self.sources = sources

    def __repr__(self) -> str:
        return f"StrictTranslations({self.label!r}, {len(self._messages)} messages)"

    def _missing(self, msgid: str, context: str | None) -> RenderError:
        where = f" (context {context!r})" if context else ""
        files = ", ".join(str(p) for p in self.sources) or "no catalog file"
        return RenderError(
            f"no {self.label} translation for {msgid!r}{where} in {files}; add it to the "
            "catalog (expectset never falls back to English)",
            field="msgid",
            value=msgid,
        )

    def _lookup(self, context: str | None, msgid: str) -> str | tuple[str, ...] | None:
        return self._messages.get((context, msgid))

    def gettext(self, message: str) -> str:
        """Translate ``message``."""
        return self.pgettext(None, message)

    def pgettext(self, context: str | None, message: str) -> str:
        """Translate ``message`` in gettext ``context``."""
        found = self._lookup(context, message)
        if isinstance(found, str):
            return found
        if isinstance(found, tuple):
            return found[0]
        if self.strict:
            raise self._missing(message, context)
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Translate a message with a plural form, for ``n``."""
        return self.npgettext(None, singular, plural, n)

    def npgettext(self, context: str | None, singular: str, plural: str, n: int) -> str:
        """Translate a message with a plural form, for ``n``, in ``context``."""
        found = self._lookup(context, singular)
        if isinstance(found, tuple):
            index = self._plural(n)
            return found[min(index, len(found) - 1)]
        if isinstance(found, str):
            return found
        if self.strict:
            raise self._missing(singular, context)
        return singular if n == 1 else plural

    def __contains__(self, key: object) -> bool:
        return key in self._messages


def load_translations(
    language: Language,
    register: Register = "formal",
    locale_dirs: Sequence[str | Path] = (),
) -> StrictTranslations:
    """Load the catalog for ``language`` and ``register``, with ``locale_dirs`` over ours.

    The friendly Indonesian register has its own catalog (``locales/id@friendly``), as
    formal and informal German do elsewhere. English is the source language: it needs
    no catalog, and one in ``locale_dirs`` only overrides wording.

    Examples
    --------
    >>> t = load_translations("id")
    >>> t.gettext("Hello,")
    'Halo, Bapak/Ibu,'
    >>> t.gettext("No such sentence")
    Traceback (most recent call last):
    ...
    expectset.errors.RenderError: no id translation for 'No such sentence' in ...
    """
    folder = _catalog_folder(language, register)
    strict = language != "en"
    merged: dict[tuple[str | None, str], str | tuple[str, ...]] = {}
    plural_expr = "0" if language == "id" else "(n != 1)"
    sources: list[Path] = []
    for base in (resource_dir("locales"), *(Path(d) for d in locale_dirs)):
        path = _catalog_file(base / folder)
        if path is None:
            continue
        data = _read_catalog(path, path.stat().st_mtime_ns)
        merged.update(data.messages)
        plural_expr = data.plural_expr
        sources.append(path)
    if strict and not sources:
        raise RenderError(
            f"no {folder} catalog ({DOMAIN}.po or .mo) in {resource_dir('locales')}; "
            "the installation is incomplete",
            field="locale",
            value=folder,
        )
    label = folder.replace("@", " ")
    return StrictTranslations(label, merged, plural_expr, strict=strict, sources=tuple(sources))


# ------------------------------------------------------------------ render state
@dataclass(frozen=True, slots=True)
class _State:
    translations: StrictTranslations
    fmt: Formatter
    info: LocaleInfo
    register: Register = "formal"
    #: The sentences of the message being rendered, by macro and arguments.
    sentences: dict[Any, Any] = dataclasses.field(default_factory=dict)


_STATE: ContextVar[_State] = ContextVar("expectset_render_state")


def _state() -> _State:
    try:
        return _STATE.get()
    except LookupError:  # pragma: no cover - only when a template is rendered by hand
        raise RenderError(
            "expectset templates must be rendered through expectset.render or a Renderer",
            field="template",
        ) from None


def _t_gettext(message: str) -> str:
    return _state().translations.gettext(message)


def _t_ngettext(singular: str, plural: str, n: int) -> str:
    return _state().translations.ngettext(singular, plural, n)


def _t_pgettext(context: str, message: str) -> str:
    return _state().translations.pgettext(context, message)


def _t_npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _state().translations.npgettext(context, singular, plural, n)


def _f(name: str) -> Callable[..., Any]:
    def apply(value: Any, *args: Any) -> Any:
        return getattr(_state().fmt, name)(value, *args)

    apply.__name__ = name
    return apply


def _local(value: Any) -> str:
    state = _state()
    return local_text(value, state.info.language, register=state.register, locale=state.info.tag)


def _date_range(value: Any, last: Any = None) -> str:
    fmt = _state().fmt
    if last is not None:
        return fmt.date_range(value, last)
    return fmt.span(value)


def _capfirst(value: Any) -> str:
    text = str(value)
    return text[:1].upper() + text[1:]


def _spans(days: Any) -> list[str]:
    from .formatting import format_spans

    return format_spans(_state().fmt, list(days))


def _text(value: Any) -> str:
    # Macros from .txt templates return Markup when called from an HTML template
    # although they escaped nothing; make their output plain text again so that
    # autoescaping escapes it exactly once.
    return str.__str__(value)


def _join_list(eval_ctx: Any, items: Any, style: Any = "and") -> Any:
    from markupsafe import Markup, escape

    values = [str(item) for item in items]
    if eval_ctx.autoescape:
        return Markup(_state().fmt.join_list([escape(v) for v in values], style))
    return _state().fmt.join_list(values, style)


_FILTERS: dict[str, Callable[..., Any]] = {
    "date": _f("date"),
    "day_month_year": _f("day_month_year"),
    "date_range": _date_range,
    "span": _f("span"),
    "time": _f("time"),
    "clock": _f("clock"),
    "datetime": _f("datetime"),
    "money": _f("money"),
    "join_list": _join_list,
    "capfirst": _capfirst,
    "text": _text,
    "spans": _spans,
    "duration": _f("duration"),
    "duration_range": _f("duration_range"),
    "weekdays": _f("weekdays"),
    "spoken_digits": _f("spoken_digits"),
    "range_ends": _f("range_ends"),
    "mid": _f("mid_sentence"),
    "local": _local,
}


def _make_environment(loader: Any, *, sandboxed: bool, auto_reload: bool) -> Environment:
    from jinja2 import Environment, StrictUndefined, select_autoescape
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    cls: type[Environment] = ImmutableSandboxedEnvironment if sandboxed else Environment
    env = cls(
        loader=loader,
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=auto_reload,
        extensions=["jinja2.ext.i18n"],
        cache_size=1000,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _t_gettext, _t_ngettext, newstyle=True, pgettext=_t_pgettext, npgettext=_t_npgettext
    )
    from jinja2 import pass_eval_context

    env.filters.update(_FILTERS)
    env.filters["join_list"] = pass_eval_context(_join_list)
    return env


# ----------------------------------------------------------------------- Message
_BLANK_RUNS = re.compile(r"\n{3,}")
_FROM_LINE = re.compile(r"^From ", re.MULTILINE)
_QP_LINE = 76  # RFC 2045: encoded lines of at most 76 characters


@lru_cache(maxsize=1)
def _email_policy() -> Any:
    from email.policy import default

    return default.clone(max_line_length=_QP_LINE)


def _protect_from_lines(payload: str) -> str:
    """Write a quoted-printable line's leading ``From `` as ``=46rom ``, within 76 columns."""
    lines: list[str] = []
    pending = payload.split("\n")
    pending.reverse()
    while pending:
        line = pending.pop()
        if line.startswith("From "):
            line = "=46" + line[1:]
        if len(line) > _QP_LINE:
            cut = _QP_LINE - 1  # room for the soft line break "="
            if line[cut - 1] == "=":
                cut -= 1
            elif line[cut - 2] == "=":
                cut -= 2
            pending.append(line[cut:])  # checked again: it may start with "From "
            line = line[:cut] + "="
        lines.append(line)
    return "\n".join(lines)


_TAGS = re.compile(r"<[^>]+>")


def _tidy(text: str) -> str:
    """Strip trailing spaces, keep at most one blank line in a row, end with one newline."""
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


def _fill(template: Template, values: dict[str, Any]) -> str:
    """Render ``template`` with ``values`` as its whole context (globals included)."""
    context = template.new_context(values, shared=True)
    return template.environment.concat(template.root_render_func(context))


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Message:
    """One rendered message: subject, plain text and HTML, ready to send or preview.

    ``channel`` is ``email`` for every kind; out-of-office notices also render as
    ``status`` (one line for a chat status) and ``voicemail`` (a script to speak),
    which have only ``text`` (``subject``, ``preheader`` and ``html`` are empty).
    ``preheader`` is the line an inbox shows after the subject; the HTML carries it
    hidden at the top. ``headers`` are extra email headers the kind needs (an
    out-of-office email carries ``Auto-Submitted: auto-replied``).
    """

    kind: str
    locale: str
    channel: Channel
    subject: str
    preheader: str
    text: str
    html: str
    headers: tuple[tuple[str, str], ...] = ()

    def __repr__(self) -> str:
        shown = self.subject or self.text.split("\n", 1)[0]
        return (
            f"Message(kind={self.kind!r}, locale={self.locale!r}, channel={self.channel!r}, "
            f"subject={shown!r})"
        )

    @property
    def language(self) -> Language:
        """``id`` or ``en``."""
        return resolve_locale(self.locale).language

    def to_email(
        self,
        *,
        sender: str,
        to: str | Sequence[str],
        reply_to: str | None = None,
        message_id: str | None = None,
        message_id_domain: str | None = None,
        date: dt.datetime | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> EmailMessage:
        """Return a standard-library email: multipart/alternative, text then HTML, UTF-8.

        Sets ``Subject``, ``From``, ``To``, ``Content-Language`` and the message's own
        headers. ``Date`` is set only from ``date=`` (aware) and ``Message-ID`` only
        from ``message_id=`` (exact) or ``message_id_domain=`` (a fresh unique id), so
        that the same call gives the same bytes. The MIME boundary is derived from the
        content for the same reason. Encoded lines are at most 76 characters (RFC 2045),
        and a body line starting ``From `` is encoded so that mbox-style writers such as
        ``smtplib.send_message`` cannot turn it into ``>From``.
        """
        if self.channel != "email":
            raise RenderError(
                f"a {self.channel} message cannot be sent as an email; render channel='email'",
                field="channel",
                value=self.channel,
            )
        from email.utils import format_datetime, make_msgid

        # RFC 2045 allows encoded body lines of 76 characters; the default policy's 78
        # would let quoted-printable (and later base64 attachments) run 2 over.
        msg = EmailMessage(policy=_email_policy())
        _set_subject(msg, self.subject)
        msg["From"] = sender
        msg["To"] = to if isinstance(to, str) else ", ".join(to)
        if reply_to is not None:
            msg["Reply-To"] = reply_to
        if date is not None:
            msg["Date"] = format_datetime(as_aware(date, field="date"))
        if message_id is not None:
            msg["Message-ID"] = message_id
        elif message_id_domain is not None:
            msg["Message-ID"] = make_msgid(domain=message_id_domain)
        msg.set_content(self.text, charset="utf-8", cte="quoted-printable")
        msg.add_alternative(self.html, subtype="html", charset="utf-8", cte="quoted-printable")
        # smtplib.send_message() writes with mangle_from_=True (the mbox convention) and
        # would turn a body line "From now on" into ">From now on": write that F as =46,
        # which every reader decodes back to F and no writer mangles.
        for part in msg.iter_parts():
            payload = part.get_payload()
            if isinstance(payload, str) and _FROM_LINE.search(payload):
                part.set_payload(_protect_from_lines(payload))
        # After the content: set_content() clears every Content-* header.
        msg["Content-Language"] = resolve_locale(self.locale).bcp47
        for name, value in (*self.headers, *(headers or {}).items()):
            if name in msg:
                msg.replace_header(name, value)
            else:
                msg[name] = value
        digest = hashlib.sha256((self.text + "\0" + self.html).encode()).hexdigest()[:32]
        msg.set_boundary(f"==expectset-{digest}==")
        return msg

    def to_dict(self) -> dict[str, Any]:
        """Return the message as JSON values: kind, locale, channel, the parts, headers.

        Examples
        --------
        >>> from expectset.examples import example_context
        >>> message = render("follow_up", locale="en", **example_context("follow_up"))
        >>> sorted(message.to_dict())
        ['channel', 'headers', 'html', 'kind', 'locale', 'preheader', 'subject', 'text']
        """
        return {
            "kind": self.kind,
            "locale": self.locale,
            "channel": self.channel,
            "subject": self.subject,
            "preheader": self.preheader,
            "text": self.text,
            "html": self.html,
            "headers": dict(self.headers),
        }

    def _repr_html_(self) -> str:
        """Show a card in notebooks: subject, preview line, the HTML (sandboxed) and the text."""
        from .previewing import message_card

        return message_card(self)

    def _repr_mimebundle_(
        self, include: Collection[str] | None = None, exclude: Collection[str] | None = None
    ) -> dict[str, str]:
        """Text and HTML views for Jupyter."""
        from .previewing import mimebundle

        plain = f"{self.subject}\n\n{self.text}" if self.subject else self.text
        return mimebundle(self._repr_html_(), plain, include, exclude)


# ------------------------------------------------------------- shared macro calls
_BY_VALUE = (str, int, float, bool, type(None), dt.date)
_STABLE_TYPES = (str, int, float, bool, type(None), dt.date, dt.time, Decimal)
_STABLE_CLASSES: frozenset[type] = frozenset((Recipient, Contact, BusinessCalendar, HolidayGroup))
#: How many sentences a renderer keeps for later messages before it starts afresh.
_SHARED_LIMIT = 4096


def _memo_key(value: Any) -> Any:
    # Text and numbers by value (a sentence passed on from another macro); anything
    # else by identity: within one message it is the same object every time, and
    # hashing a promise with its calendar would cost more than the macro.
    # The type too: 1, 1.0 and True are equal but are not written alike.
    if type(value) is str:
        return value
    return (type(value), value) if isinstance(value, _BY_VALUE) else ("id", id(value))


def _value_key(value: Any) -> Any:
    """Key a stable value by all that shows, or return ``_UNSTABLE``.

    Stable values are immutable and their equality says everything about them; the key
    adds their type (1, 1.0 and True are equal but are not written alike) and, for a
    Decimal or a datetime, their exact form (1.0 == 1.00; one instant in two zones).
    """
    kind = type(value)
    if kind is str or value is None:  # the common case, equal only to itself
        return value
    if kind is tuple:
        items = [_value_key(item) for item in value]
        return _UNSTABLE if any(item is _UNSTABLE for item in items) else tuple(items)
    if isinstance(value, (Decimal, dt.datetime)):
        return (kind, repr(value))
    if isinstance(value, _STABLE_TYPES) or kind in _STABLE_CLASSES:
        return (kind, value)
    if kind is Brand and (value.signature is None or isinstance(value.signature, str)):
        return (kind, value)
    return _UNSTABLE


_UNSTABLE: Any = object()


class _Macros:
    """A template's macros, each result computed once per message (and often once only).

    The text and the HTML of a message say the same sentences: the second asks for a
    sentence the first has already written, with the same arguments, and gets it from
    the message's cache (kept in the render state, so threads never share it). A
    sentence whose arguments are all plain values (text, numbers, dates, a contact, a
    calendar) is also kept in ``shared``, the renderer's cache, for the next message in
    the same locale, register and zone: the closing, the signature, how to reach us, the
    day of the next update. Macros are pure (the same arguments, locale, register, zone
    and catalogs give the same text), so a cached sentence is the one the macro would
    write. Results are plain text (never ``Markup``), which an HTML template escapes
    once. One object per template, locale, register and zone, made once; its macros
    are plain attributes for Jinja to look up.
    """

    def __init__(self, module: Any, shared: dict[Any, str], context: tuple[Any, ...]) -> None:
        for name in dir(module):
            if name.startswith("_"):
                continue
            value = getattr(module, name)  # a macro, or a {% set %} variable of the template
            setattr(
                self, name, _cached(value, shared, (*context, name)) if callable(value) else value
            )


def _cached(macro: Any, shared: dict[Any, str], key_name: tuple[Any, ...]) -> Any:
    def call(*args: Any, **kwargs: Any) -> str:
        cache = _STATE.get().sentences
        key: tuple[Any, ...] = (key_name, *map(_memo_key, args))
        if kwargs:
            key += tuple((k, _memo_key(v)) for k, v in sorted(kwargs.items()))
        found = cache.get(key)
        if found is not None:
            return found[0]  # type: ignore[no-any-return]
        lasting = None
        values = _value_key((args, tuple(sorted(kwargs.items()))) if kwargs else args)
        if values is not _UNSTABLE:
            lasting = (key_name, values)
            text = shared.get(lasting)
            if text is not None:
                cache[key] = (text, args, kwargs)  # the arguments stay alive, as below
                return text
        text = str.__str__(macro(*args, **kwargs))
        # The arguments stay with the result: an object keyed by identity stays alive
        # for the whole message, so no other object can take its id meanwhile.
        cache[key] = (text, args, kwargs)
        if lasting is not None:
            if len(shared) >= _SHARED_LIMIT:
                shared.clear()
            shared[lasting] = text
        return text

    call.__name__ = getattr(macro, "name", "macro")
    return call


# ---------------------------------------------------------------------- Renderer
class Renderer:
    """Render messages with your own templates, catalogs and brand.

    ``template_dirs`` are searched first, the bundled templates last; your template may
    extend ours under the ``expectset/`` prefix
    (``{% extends "expectset/delivery_estimate/html.html" %}``). Templates from your
    folders render in Jinja's immutable sandbox unless ``sandboxed=False``.
    ``locale_dirs`` hold catalogs (``<dir>/id/LC_MESSAGES/expectset.po``) merged over
    ours: new strings for your templates, or your own wording for ours. ``brand`` signs
    every message that does not name its own.
    """

    def __init__(
        self,
        template_dirs: Sequence[str | Path] = (),
        *,
        locale_dirs: Sequence[str | Path] = (),
        brand: Brand | None = None,
        sandboxed: bool | None = None,
        auto_reload: bool = False,
    ) -> None:
        from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

        self.template_dirs = tuple(Path(d) for d in template_dirs)
        for folder in self.template_dirs:
            if not folder.is_dir():
                raise RenderError(
                    f"template folder {str(folder)!r} does not exist",
                    field="template_dirs",
                    value=str(folder),
                )
        self.locale_dirs = tuple(Path(d) for d in locale_dirs)
        if brand is not None and not isinstance(brand, Brand):
            raise RenderError(
                f"brand must be an expectset.Brand, got {brand!r}", field="brand", value=brand
            )
        self.brand = brand
        ours = resource_dir("templates")
        loader = ChoiceLoader(
            [
                *(FileSystemLoader(str(d)) for d in self.template_dirs),
                FileSystemLoader(str(ours)),
                PrefixLoader({"expectset": FileSystemLoader(str(ours))}),
            ]
        )
        self.sandboxed = bool(self.template_dirs) if sandboxed is None else sandboxed
        self.environment = _make_environment(
            loader, sandboxed=self.sandboxed, auto_reload=auto_reload
        )
        self._translations: dict[tuple[Language, Register], StrictTranslations] = {}
        self._modules: dict[tuple[Any, ...], tuple[Template, _Macros]] = {}
        self._shared: dict[Any, str] = {}

    def __repr__(self) -> str:
        dirs = [str(d) for d in self.template_dirs]
        return f"Renderer(template_dirs={dirs!r}, sandboxed={self.sandboxed})"

    def translations(self, language: Language, register: Register = "formal") -> StrictTranslations:
        """Return the (cached) translations this renderer uses for ``language`` and ``register``."""
        key = (language, register)
        found = self._translations.get(key)
        if found is None:
            found = load_translations(language, register, self.locale_dirs)
            self._translations[key] = found
        return found

    def _template(self, name: str) -> Template:
        from jinja2 import TemplateNotFound

        try:
            return self.environment.get_template(name)
        except TemplateNotFound as exc:
            searched = [str(d) for d in (*self.template_dirs, resource_dir("templates"))]
            raise RenderError(
                f"template {exc.name!r} not found (searched {', '.join(searched)})",
                field="template",
                value=exc.name,
            ) from None

    def render(
        self,
        kind: str | MessageContext,
        *,
        locale: str = "id",
        channel: Channel = "email",
        now: dt.datetime | None = None,
        preview: bool = False,
        **context: Any,
    ) -> Message:
        """Render ``kind`` (a name from ``MESSAGE_KINDS`` or a context object) in ``locale``.

        ``context`` holds the kind's fields (see its context class); they are checked
        before rendering and every problem is reported at once. ``now`` (aware) is the
        moment the message is sent: every date the message commits to is checked
        against it (default: the context's own ``now``, else the current time in the
        calendar's zone). ``channel`` is one of the kind's ``channels`` (``email``
        for every kind; ``out_of_office`` also ``status`` and ``voicemail``).
        ``preview=True`` renders a preview, not a message to send: an out-of-office
        notice may then be seen before its first day.
        """
        info = resolve_locale(locale)
        if not isinstance(preview, bool):
            raise RenderError(
                f"preview must be True or False, got {preview!r}", field="preview", value=preview
            )
        ctx = self._context(kind, context)
        register = _register_of(ctx)
        problems: list[str] = []
        if now is None:
            now = ctx.now
        now = dt.datetime.now(_zone_of(ctx)) if now is None else as_aware(now, field="now")
        problems.extend(context_text_problems(ctx, info.language, register=register))
        if channel not in _CHANNEL_TEMPLATES:
            problems.append(f"channel: expected 'email', 'status' or 'voicemail', got {channel!r}")
        else:
            problems.extend(ctx.channel_problems(channel))
        ctx.check_sendable(now)
        if not problems:
            problems.extend(ctx.problems_at(now, preview=preview))
        raise_problems(type(ctx), problems)
        return self._render(ctx, info, channel)

    def _context(self, kind: str | MessageContext, context: Mapping[str, Any]) -> MessageContext:
        if isinstance(kind, MessageContext):
            if context:
                raise RenderError(
                    "give either a context object or its fields as keywords, not both "
                    f"(got {', '.join(sorted(context))})",
                    field="context",
                    value=sorted(context),
                )
            return kind
        cls = CONTEXTS.get(kind) if isinstance(kind, str) else None
        if cls is None:
            raise RenderError(
                f"unknown message kind {kind!r}; known: {', '.join(MESSAGE_KINDS)}",
                field="kind",
                value=kind,
            )
        return context_from_kwargs(cls, context)

    def _render(self, ctx: MessageContext, info: LocaleInfo, channel: Channel) -> Message:
        register = _register_of(ctx)
        translations = self.translations(info.language, register)
        fmt = formatter(info.tag, _zone_of(ctx))
        values = template_values(ctx, info, channel, self.brand)
        token = _STATE.set(_State(translations, fmt, info, register))
        try:
            return self._render_parts(ctx.kind, info, channel, values, ctx.email_headers)
        finally:
            _STATE.reset(token)

    def _macros(self, name: str, context: tuple[Any, ...]) -> _Macros | None:
        """Return the cached macros of template ``name`` (``None`` if there is none)."""
        from jinja2 import TemplateNotFound

        try:
            template = self.environment.get_template(name)
        except TemplateNotFound:
            return None
        key = (name, *context)
        found = self._modules.get(key)
        if found is None or found[0] is not template:  # new, or reloaded from disk
            if found is not None:
                self._shared.clear()  # sentences of the old template are not the new one's
            found = self._modules[key] = (
                template,
                _Macros(template.module, self._shared, (name, *context)),
            )
        return found[1]

    def _render_parts(
        self,
        kind: str,
        info: LocaleInfo,
        channel: Channel,
        values: dict[str, Any],
        headers: tuple[tuple[str, str], ...] = (),
    ) -> Message:
        from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError

        folder = kind
        try:
            # The shared macros (m) and the kind's sentences (p), each call made once
            # per message however many parts use it.
            state = _state()
            context = (info.tag, state.register, state.fmt.zone)
            # One dict for every part, the environment's globals included, handed to
            # each template as its context as it is (Jinja's shared context): no copy
            # of the values per part.
            values = {**self.environment.globals, **values}
            values["m"] = self._macros("_macros.txt", context)
            parts = self._macros(f"{folder}/_parts.txt", context)
            if parts is not None:
                values["p"] = parts
            if channel == "email":
                subject = _one_line(_fill(self._template(f"{folder}/subject.txt"), values))
                preheader = _one_line(_fill(self._template(f"{folder}/preheader.txt"), values))
                text = _tidy(_fill(self._template(f"{folder}/text.txt"), values))
                values["subject"], values["preheader"] = subject, preheader
                html = _tidy(_fill(self._template(f"{folder}/html.html"), values))
                return Message(
                    kind=kind,
                    locale=info.tag,
                    channel=channel,
                    subject=subject,
                    preheader=preheader,
                    text=text,
                    html=html,
                    headers=headers,
                )
            template = self._template(f"{folder}/{channel}.txt")
            if channel == "status":
                for compact in range(STATUS_LEVELS):
                    values["compact"] = compact
                    line = _one_line(_fill(template, values))
                    if len(line) <= STATUS_LIMIT:
                        break
                else:
                    raise RenderError(
                        f"the status line is {len(line)} characters, more than "
                        f"{STATUS_LIMIT}: {line!r}; shorten the urgent contact",
                        field="urgent_contact",
                        value=line,
                    )
                text = line + "\n"
            else:
                text = _tidy(_fill(template, values))
            return Message(
                kind=kind,
                locale=info.tag,
                channel=channel,
                subject="",
                preheader="",
                text=text,
                html="",
            )
        except TemplateNotFound as exc:
            raise RenderError(
                f"{kind}: template {exc.name!r} not found", field="template", value=exc.name
            ) from None
        except UndefinedError as exc:
            raise RenderError(
                f"{kind}: a template used a value the context does not have: {exc.message}",
                field="template",
                value=exc.message,
            ) from None
        except TemplateSyntaxError as exc:
            where = exc.filename or exc.name or "a template"
            raise RenderError(
                f"{kind}: template syntax error in {where}, line {exc.lineno}: {exc.message}",
                field="template",
                value=where,
            ) from None
        except TemplateError as exc:
            if isinstance(exc, RenderError):  # pragma: no cover - RenderError is not one
                raise
            raise RenderError(
                f"{kind}: template error: {exc}", field="template", value=str(exc)
            ) from exc


def _register_of(ctx: MessageContext) -> Register:
    found = getattr(ctx, "register", None) or getattr(
        getattr(ctx, "recipient", None), "register", "formal"
    )
    return "friendly" if found == "friendly" else "formal"


def _set_subject(msg: EmailMessage, subject: str) -> None:
    r"""Set ``Subject`` so that it reads back exactly, also when folded.

    Python's header folding writes a non-ASCII word after a fold as
    ``menjadi \n =?utf-8?q?27=E2=80=9330?=``: a space before the fold and one after it,
    which every reader unfolds into two spaces. A non-ASCII subject is therefore
    written as RFC 2047 encoded-words only (whitespace between encoded-words is not
    part of the text) in lines of at most 76 characters, stored as is.
    """
    if subject.isascii():
        msg["Subject"] = subject
        return
    from email.header import Header

    encoded = Header(subject, "utf-8", maxlinelen=76, header_name="Subject").encode("\n")
    msg.set_raw("Subject", encoded)


def template_values(
    ctx: MessageContext, info: LocaleInfo, channel: Channel, brand: Brand | None = None
) -> dict[str, Any]:
    """Return the values a kind's templates read: the context's fields and what derives.

    ``brand`` is the renderer's, used when the context names none. Exposed so that
    custom pipelines (and the benchmarks' plain-Jinja baseline) give templates exactly
    what :meth:`Renderer.render` gives them.
    """
    values: dict[str, Any] = {field.name: getattr(ctx, field.name) for field in _fields(ctx)}
    values.update(ctx.template_vars(info.language))  # type: ignore[attr-defined]
    chosen = values.get("brand") or brand
    recipient = values.get("recipient")
    values.update(
        brand=chosen,
        brand_name=chosen.name if chosen is not None else None,
        signature=None if chosen is None or chosen.signature is None else chosen.signature,
        locale=info.tag,
        language=info.language,
        lang=info.bcp47,
        channel=channel,
        register=_register_of(ctx),
        greeting_name=None if recipient is None else recipient.address(info.tag),
        by_first_name=False if recipient is None else recipient.by_first_name,
    )
    return values


_FIELDS: dict[type, tuple[dataclasses.Field[Any], ...]] = {}


def _fields(ctx: MessageContext) -> tuple[dataclasses.Field[Any], ...]:
    found = _FIELDS.get(type(ctx))
    if found is None:
        found = _FIELDS[type(ctx)] = dataclasses.fields(ctx)
    return found


def _zone_of(ctx: MessageContext) -> Any:
    return ctx.calendar_of().zone


@lru_cache(maxsize=1)
def default_renderer() -> Renderer:
    """Return the renderer :func:`render` uses: bundled templates and catalogs, no brand."""
    return Renderer()


def render(
    kind: str | MessageContext,
    *,
    locale: str = "id",
    channel: Channel = "email",
    now: dt.datetime | None = None,
    preview: bool = False,
    **context: Any,
) -> Message:
    """Render one message with the bundled templates (see :meth:`Renderer.render`)."""
    return default_renderer().render(
        kind, locale=locale, channel=channel, now=now, preview=preview, **context
    )
