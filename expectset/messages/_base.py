"""The machinery every message context shares: typed fields checked all at once.

A message context is a frozen dataclass. Building one checks every field against its
annotation (a ``date`` is not a ``datetime``, a ``Literal`` is one of its values, a
tuple holds the right items) and then the kind's own rules, and raises one
:class:`~expectset.errors.InvalidContextError` whose ``problems`` lists everything
found, so a caller fixes all of it in one go.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, Literal, TypeAlias, Union

from expectset._language import language_of
from expectset.errors import InvalidContextError

__all__ = [
    "TEXT_KEYS",
    "Channel",
    "DateSpan",
    "LocalText",
    "MessageContext",
    "business_day_problem",
    "check_fields",
    "context_from_kwargs",
    "context_text_problems",
    "free_text_fields",
    "local_text",
    "missing_languages",
    "not_before_problem",
    "raise_problems",
    "today_at",
]

#: Text written by the caller: one string, or one per language ``{"id": ..., "en": ...}``.
#: Optional keys: ``"id@friendly"`` (the friendly register, used when the recipient asked
#: for it) and ``"en_US"`` (American spelling or date order; ``"en"`` otherwise).
LocalText: TypeAlias = str | Mapping[str, str]
#: One day, or a ``(first, last)`` range of days.
DateSpan: TypeAlias = dt.date | tuple[dt.date, dt.date]

#: Where a message goes: an email (subject, preheader, text, HTML), a one-line chat
#: status, or a voicemail script.
Channel: TypeAlias = Literal["email", "status", "voicemail"]

#: The keys a per-language text may have.
TEXT_KEYS = ("id", "id@friendly", "en", "en_US")
_FRIENDLY_KEY = "id@friendly"
# Value objects that hold names and addresses, never free text to check.
_NO_FREE_TEXT = frozenset({"Recipient", "Contact"})
# Formal forms of address: Anda, Bapak/Ibu, or Bapak or Ibu before a name.
_FRIENDLY_ADDRESS = re.compile(r"\b(?:kamu|Kak)\b")
_FORMAL_ADDRESS = re.compile(r"\bAnda\b|\bBapak/Ibu\b|\b(?:Bapak|Ibu)\s+[A-Z]")

Check = Callable[[Any], bool]
_LANGUAGE_NAMES = {"id": "Indonesian", "en": "English"}


def _describe(value: object) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def _is_local_text(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, Mapping):
        return (
            bool(value)
            and all(key in TEXT_KEYS for key in value)
            and all(isinstance(text, str) and text.strip() for text in value.values())
        )
    return False


def _checker(tp: Any) -> tuple[Check, str]:
    """Return a predicate for values of annotation ``tp`` and how to describe it."""
    if tp is Any:
        return (lambda _value: True), "anything"
    if tp is type(None):
        return (lambda value: value is None), "None"
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        parts: list[tuple[Check, str]] = []
        rest = list(args)
        # LocalText is spelled str | Mapping[str, str].
        if str in rest and Mapping[str, str] in rest:
            rest.remove(str)
            rest.remove(Mapping[str, str])
            parts.append((_is_local_text, "text or {'id': ..., 'en': ...} of non-empty text"))
        parts.extend(_checker(arg) for arg in rest)
        if len(parts) == 1:
            return parts[0]
        return (
            (lambda value: any(check(value) for check, _ in parts)),
            " or ".join(description for _, description in parts),
        )
    if origin is Literal:
        allowed = args
        return (
            (lambda value: isinstance(value, str) and value in allowed),
            "one of " + ", ".join(repr(a) for a in allowed),
        )
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item, item_description = _checker(args[0])
            return (
                (lambda value: isinstance(value, tuple) and all(item(v) for v in value)),
                f"a tuple of {item_description}",
            )
        items = [_checker(arg) for arg in args]
        return (
            (
                lambda value: (
                    isinstance(value, tuple)
                    and len(value) == len(items)
                    and all(check(v) for (check, _), v in zip(items, value, strict=True))
                )
            ),
            "a tuple (" + ", ".join(d for _, d in items) + ")",
        )
    if tp is dt.date:
        return (
            (lambda value: isinstance(value, dt.date) and not isinstance(value, dt.datetime)),
            "a date",
        )
    if tp is dt.datetime:
        return (
            (
                lambda value: (
                    isinstance(value, dt.datetime)
                    and value.tzinfo is not None
                    and value.utcoffset() is not None
                )
            ),
            "an aware datetime",
        )
    if tp is int:
        return (lambda value: isinstance(value, int) and not isinstance(value, bool)), "an int"
    if tp is Decimal:
        return (lambda value: isinstance(value, Decimal) and value.is_finite()), "a Decimal"
    if tp is str:
        return (lambda value: isinstance(value, str) and bool(value.strip())), "non-empty text"
    if tp is bool:
        return (lambda value: isinstance(value, bool)), "True or False"
    if isinstance(tp, type):
        return (lambda value: isinstance(value, tp)), f"a {tp.__name__}"
    raise TypeError(f"unsupported annotation in a message context: {tp!r}")  # pragma: no cover


_FIELD_CHECKS: dict[type, tuple[tuple[str, Check, str, bool], ...]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """Return the evaluated annotations of a context class (its own module's names, and ours)."""
    import sys

    module = sys.modules[cls.__module__]
    namespace = {**vars(module), "dt": dt, "Mapping": Mapping, "Decimal": Decimal}
    namespace.setdefault("Channel", Channel)
    # Python 3.10's get_type_hints refuses the KW_ONLY marker (the `_` pseudo-field,
    # not among dataclasses.fields): let it evaluate to a plain type.
    namespace["KW_ONLY"] = object
    return typing.get_type_hints(cls, globalns=namespace)


def _field_checks(cls: type) -> tuple[tuple[str, Check, str, bool], ...]:
    checks = _FIELD_CHECKS.get(cls)
    if checks is None:
        hints = _hints(cls)
        built = []
        for field in dataclasses.fields(cls):
            check, description = _checker(hints[field.name])
            required = (
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING
            )
            built.append((field.name, check, description, required))
        checks = tuple(built)
        _FIELD_CHECKS[cls] = checks
    return checks


def check_fields(obj: object) -> list[str]:
    """Problems with the field values of a dataclass instance, against their annotations."""
    problems = []
    for name, check, description, _ in _field_checks(type(obj)):
        value = getattr(obj, name)
        if not check(value):
            problems.append(f"{name}: expected {description}, got {_describe(value)}")
    return problems


def raise_problems(cls: type, problems: list[str]) -> None:
    """Raise one InvalidContextError listing ``problems`` (if there are any)."""
    if not problems:
        return
    first = problems[0].split(":", 1)[0]
    count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    raise InvalidContextError(
        f"{cls.__name__}: {count}:\n  - " + "\n  - ".join(problems),
        field=first,
        value=None,
        problems=tuple(problems),
    )


class _Validated:
    """Mixin: check annotations, then the class's own rules, in ``__post_init__``."""

    __slots__ = ()

    def __post_init__(self) -> None:
        problems = check_fields(self)
        if not problems:
            problems.extend(self._check())
        raise_problems(type(self), problems)

    def _check(self) -> Iterator[str]:
        """Yield problems that need more than one field's annotation to see."""
        return iter(())


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageContext(_Validated):
    """Base of every message kind's context; ``kind`` names its template folder.

    ``now`` is the moment the message is sent (aware). Every date a message commits to
    is checked against it: an update or a follow-up is never before the moment of
    sending, an estimate is not already over. Left out, the moment of rendering is
    used (:func:`~expectset.render` takes ``now=`` too, and it wins); give it when you
    render a message for later, and in tests.
    """

    #: The kind's name: its key in :data:`~expectset.messages.KINDS` and its template folder.
    kind: ClassVar[str] = ""
    #: The channels the kind renders for (a template per channel besides email's four).
    channels: ClassVar[tuple[Channel, ...]] = ("email",)
    #: Extra headers an email of this kind carries (an automatic reply says so).
    email_headers: ClassVar[tuple[tuple[str, str], ...]] = ()

    now: dt.datetime | None = None

    def __post_init__(self) -> None:
        problems = check_fields(self)
        if not problems:
            problems.extend(self._check())
            if self.now is not None:
                problems.extend(self._check_at(self.now, sending=False))
        raise_problems(type(self), problems)

    def _check_at(self, now: dt.datetime, *, sending: bool) -> Iterator[str]:
        """Yield problems with the dates against ``now``, the moment of sending.

        ``sending`` is false when a context is built (facts only) and for previews;
        true when it is rendered to be sent.
        """
        return iter(())

    def channel_problems(self, channel: str) -> Iterator[str]:
        """Yield problems with rendering this context for ``channel``."""
        if channel not in self.channels:
            shown = ", ".join(repr(c) for c in self.channels)
            only = "only" if len(self.channels) == 1 else "for"
            yield f"channel: {self.kind} is rendered {only} {shown}, got {channel!r}"

    def check_sendable(self, now: dt.datetime) -> None:
        """Raise when the message must never be sent at ``now`` (a notice past its end)."""

    def problems_at(self, now: dt.datetime, *, preview: bool = False) -> list[str]:
        """Every problem with this context if it were sent at ``now`` (aware).

        Examples
        --------
        >>> import datetime as dt
        >>> from expectset.examples import example_context
        >>> from expectset.messages import DelayNoticeContext
        >>> fields = example_context("delay_notice")
        >>> notice = DelayNoticeContext(**fields)
        >>> notice.problems_at(fields["now"])
        []
        >>> later = dt.datetime(2027, 1, 4, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
        >>> notice.problems_at(later)[0]
        'next_update: 2026-11-26 is before the moment of sending (2027-01-04); ...'
        """
        return list(self._check_at(now, sending=not preview))

    def calendar_of(self) -> Any:
        """Return the business calendar the message's dates are checked on (zone, days)."""
        for name in ("promise", "calendar"):
            value = getattr(self, name, None)
            calendar = getattr(value, "calendar", value)
            if calendar is not None and hasattr(calendar, "is_business_day"):
                return calendar
        from ._closures import default_calendar

        return default_calendar()


def today_at(now: dt.datetime, calendar: Any) -> dt.date:
    """Return the date of ``now`` in the calendar's zone."""
    return now.astimezone(calendar.zone).date()


def business_day_problem(name: str, day: dt.date, calendar: Any) -> Iterator[str]:
    """Yield a problem when ``day`` is not a business day on ``calendar``."""
    if not calendar.is_business_day(day):
        closed = calendar.closures_between(day, day, include_non_workdays=True)
        why = f"{closed[0].name('en')}" if closed else day.strftime("%A")
        yield (
            f"{name}: {day} is not a business day on the calendar ({why}); a date we "
            "commit to falls on a day we work (pass calendar= if yours differs)"
        )


def not_before_problem(name: str, day: dt.date, today: dt.date) -> Iterator[str]:
    """Yield a problem when ``day`` is before ``today``, the day of sending."""
    if day < today:
        yield (
            f"{name}: {day} is before the moment of sending ({today}); a date we commit "
            "to must still be ahead"
        )


def context_from_kwargs(cls: type[MessageContext], kwargs: Mapping[str, Any]) -> MessageContext:
    """Build ``cls`` from keyword arguments, listing missing, unknown and bad fields at once.

    Examples
    --------
    >>> from expectset.messages import FollowUpContext
    >>> context_from_kwargs(FollowUpContext, {"reference": "", "colour": "red"})
    Traceback (most recent call last):
    ...
    expectset.errors.InvalidContextError: FollowUpContext: 4 problems:
      - recipient: missing
      - summary: missing
      - colour: unknown field (FollowUpContext has recipient, reference, summary, ...)
      - reference: expected non-empty text, got str ''
    """
    checks = _field_checks(cls)
    names = [name for name, *_ in checks]
    problems = [
        f"{name}: missing" for name, _, _, required in checks if required and name not in kwargs
    ]
    # Name the required fields first: they are what a caller most likely meant.
    ordered = [name for name, _, _, required in checks if required] + [
        name for name, _, _, required in checks if not required
    ]
    for key in kwargs:
        if key not in names:
            shown = ", ".join(ordered[:3])
            problems.append(f"{key}: unknown field ({cls.__name__} has {shown}, ...)")
    if problems:
        for name, check, description, _ in checks:
            if name in kwargs and not check(kwargs[name]):
                problems.append(f"{name}: expected {description}, got {_describe(kwargs[name])}")
        raise_problems(cls, problems)
    return cls(**kwargs)


def local_text(
    value: str | Mapping[str, str],
    language: str,
    *,
    register: str = "formal",
    locale: str | None = None,
) -> str:
    """Pick the text for ``language`` (and ``register``, ``locale``) from a :data:`LocalText`.

    Friendly Indonesian takes the ``"id@friendly"`` text when there is one, else the
    ``"id"`` text; ``en_US`` takes the ``"en_US"`` text when there is one, else ``"en"``.

    Examples
    --------
    >>> text = {"id": "Produk yang Anda terima", "id@friendly": "Produk yang kamu terima",
    ...         "en": "The item you receive"}
    >>> local_text(text, "id"), local_text(text, "id", register="friendly")
    ('Produk yang Anda terima', 'Produk yang kamu terima')
    >>> local_text({"en": "our service centre", "en_US": "our service center"}, "en",
    ...            locale="en_US")
    'our service center'
    """
    if isinstance(value, str):
        return value
    if language == "id" and register == "friendly" and _FRIENDLY_KEY in value:
        return value[_FRIENDLY_KEY]
    if language == "en" and locale == "en_US" and "en_US" in value:
        return value["en_US"]
    return value[language]


def free_text_fields(cls: type) -> frozenset[str]:
    """Return the fields of dataclass ``cls`` that hold caller-written text."""
    found = _FREE_TEXT.get(cls)
    if found is None:
        hints = _hints(cls)
        found = frozenset(
            field.name for field in dataclasses.fields(cls) if _holds_text(hints[field.name])
        )
        _FREE_TEXT[cls] = found
    return found


_FREE_TEXT: dict[type, frozenset[str]] = {}


def _holds_text(tp: Any) -> bool:
    if tp == Mapping[str, str]:
        return True
    return any(_holds_text(arg) for arg in typing.get_args(tp) if arg is not Ellipsis)


def context_text_problems(ctx: object, language: str, *, register: str = "formal") -> list[str]:
    """Problems with the caller-written texts of a context for one language and register."""
    problems: list[str] = []
    texts = free_text_fields(type(ctx))
    for field in dataclasses.fields(ctx):  # type: ignore[arg-type]
        problems.extend(
            missing_languages(
                getattr(ctx, field.name),
                language,
                field.name,
                register=register,
                free_text=field.name in texts,
            )
        )
    return problems


def missing_languages(
    value: object,
    language: str,
    path: str,
    *,
    register: str = "formal",
    free_text: bool = True,
) -> Iterator[str]:
    """Yield problems for every per-language text inside ``value`` that lacks ``language``.

    A plain string stands for every language, so it must not read as the other one
    (``"nomor pesanan"`` in an English message leaks Indonesian): that is a problem too.

    In the friendly Indonesian register, a text without an ``"id@friendly"`` version
    whose Indonesian addresses the reader formally (``Anda``, ``Bapak/Ibu``) is a
    problem too: the message would mix the two registers (WORDING.md rule 10).
    """
    if value is None:
        return
    if isinstance(value, (str, Mapping)):
        if isinstance(value, Mapping) and language not in value:
            yield f"{path}: has no {language!r} text (given: {', '.join(value)})"
            return
        if isinstance(value, str) and free_text:
            written = language_of(value)
            if written is not None and written != language:
                yield (
                    f"{path}: the plain text {value!r} reads as {_LANGUAGE_NAMES[written]} "
                    f"but the message is in {_LANGUAGE_NAMES.get(language, language)}; give "
                    "a text per language ({'id': ..., 'en': ...})"
                )
                return
        if language == "id" and register == "friendly":
            if isinstance(value, Mapping) and _FRIENDLY_KEY in value:
                return
            text = value if isinstance(value, str) else value["id"]
            found = _FORMAL_ADDRESS.search(text)
            if found:
                yield (
                    f"{path}: its Indonesian text addresses the reader formally "
                    f"({found.group(0).strip()!r}) but the message is friendly; add an "
                    "'id@friendly' text (rule 10: one register per message)"
                )
        elif language == "id" and free_text:
            text = value if isinstance(value, str) else value["id"]
            found = _FRIENDLY_ADDRESS.search(text)
            if found:
                yield (
                    f"{path}: its Indonesian text addresses the reader as a friend "
                    f"({found.group(0)!r}) but the message is formal (rule 10: one register "
                    "per message); write it with Anda, or make the recipient friendly"
                )
        return
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from missing_languages(
                item, language, f"{path}[{index}]", register=register, free_text=free_text
            )
        return
    kind = type(value)
    if (
        dataclasses.is_dataclass(value)
        and kind.__module__.startswith("expectset.messages")
        and kind.__name__ not in _NO_FREE_TEXT
    ):
        texts = free_text_fields(kind)
        for field in dataclasses.fields(value):
            yield from missing_languages(
                getattr(value, field.name),
                language,
                f"{path}.{field.name}",
                register=register,
                free_text=field.name in texts,
            )
