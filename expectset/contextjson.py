"""Message contexts as JSON: for pipelines, queues and the ``expectset render`` command.

:func:`context_to_json` turns a context into plain JSON values (a ``dict`` ready for
:func:`json.dumps`) and :func:`context_from_json` reads them back, checking every value
and naming the JSON path of each problem (``promise.earliest: '2026-13-01' is not a
date``). Reading what was written gives an equal context, which renders to the same
bytes.

The JSON form of a kind is an object with the fields of its context class (see
:data:`~expectset.messages.MESSAGE_KINDS` and the context classes), written like this:

============================  =========================================================
Python value                  JSON
============================  =========================================================
``date``                      ``"2026-03-17"`` (ISO 8601, ``YYYY-MM-DD``)
aware ``datetime``            ``"2026-03-17T10:15:00+07:00"`` (an offset or ``Z`` is
                              required)
``(first, last)`` days        ``["2026-11-23", "2026-11-25"]``; one day is just the date
text per language             ``"text"`` or ``{"id": "...", "en": "..."}``
tuple                         array
money (``int | Decimal``)     ``18000`` (whole rupiah) or ``"50000.50"`` (a ``Decimal``);
                              never a float
``Recipient``, ``Contact``,   an object with the class's fields (``{"name": "Sari
``Brand``, ``Compensation``,  Rahayu", "title": "Ibu"}``); fields left out take their
``Step``, ``Window``,         defaults
``PromisePolicy``,
``Alternative``
``BusinessCalendar``          ``{"timezone", "workdays", "hours", "country",
                              "subdivision", "cuti_bersama", "closures", "cutoff"}``
``DeliveryPromise``           ``{"ordered_at", "handling_starts", "handling",
                              "earliest", "latest", "window", "calendar"}`` and
                              ``"closures"``, which is computed from the calendar when
                              left out
``CallbackPromise``           ``{"requested_at", "by", "window", "calendar"}``
============================  =========================================================

A calendar's ``hours`` is ``["08:00", "17:00"]``, an object per weekday
(``{"Mon-Fri": ["08:00", "17:00"], "Sat": ["08:00", "12:00"]}``) or ``null``; its
``closures`` holds dates (``"2026-03-19"``), ranges (``{"first": "2026-03-25", "last":
"2026-03-26", "name": {"id": "...", "en": "..."}}``) and recurrence rules (``{"rule":
"FREQ=MONTHLY;BYDAY=1MO", "name": "stok opname"}``). A window needs ``lower``,
``upper`` and ``unit``; ``lane`` defaults to ``[]``, ``requested_lane`` to ``lane``,
``samples`` to 0, ``effective_samples`` to ``samples`` and ``policy`` to the default
policy. The datetimes of a promise are read in its calendar's time zone.

Examples
--------
>>> import json
>>> from expectset.examples import example_context
>>> data = context_to_json("follow_up", **example_context("follow_up"))
>>> print(json.dumps(data["recipient"]))
{"name": "Sari Rahayu", "title": "Ibu", "first_name": "Sari"}
>>> context_from_json("follow_up", data) == context_from_json("follow_up", json.dumps(data))
True
>>> data["recipient"]["title"] = "Dr"
>>> context_from_json("follow_up", data)
Traceback (most recent call last):
...
expectset.errors.InvalidContextError: follow_up JSON: 1 problem:
  - recipient.title: expected one of 'Ibu', 'Bapak' or null, got 'Dr'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, Literal, Union

from .calendar import BusinessCalendar, Closure, RecurringClosure, describe_days
from .errors import ExpectsetError, InvalidContextError, RenderError
from .messages import MESSAGE_KINDS
from .messages._base import TEXT_KEYS, Channel, MessageContext, context_from_kwargs
from .promises import CallbackPromise, DeliveryPromise, delivery_closures
from .windows import PromisePolicy, Window

__all__ = ["context_class", "context_from_json", "context_to_json"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(r"\d{2}:\d{2}(:\d{2})?")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{3}|\.\d{6})?)?(?P<zone>Z|[+-]\d{2}:\d{2})?"
)
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class _Missing:
    """Marks a value that could not be read (its problem is already recorded)."""

    __slots__ = ()

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<bad>"


_BAD: Any = _Missing()


def context_class(kind: str) -> type[MessageContext]:
    """Return the context class of message ``kind``, from :data:`~expectset.messages.KINDS`.

    Examples
    --------
    >>> context_class("timeline").__name__
    'TimelineContext'
    """
    from .messages import KINDS

    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise RenderError(
            f"unknown message kind {kind!r}; known: {', '.join(MESSAGE_KINDS)}",
            field="kind",
            value=kind,
        )
    return cls


# ------------------------------------------------------------------------ hints
@cache
def _hints(cls: type) -> dict[str, Any]:
    module = sys.modules[cls.__module__]
    # Names that modules import only for type checking (windows.py and the calendar).
    namespace = {
        "dt": dt,
        "Mapping": Mapping,
        "Decimal": Decimal,
        "BusinessCalendar": BusinessCalendar,
        "Closure": Closure,
        "Channel": Channel,
        **vars(module),
        # Python 3.10's get_type_hints refuses the KW_ONLY marker (the `_` pseudo-field).
        "KW_ONLY": object,
    }
    return typing.get_type_hints(cls, globalns=namespace)


def _is_local_text(tp: Any) -> bool:
    return typing.get_origin(tp) in (Union, types.UnionType) and Mapping[str, str] in (
        typing.get_args(tp)
    )


def _json_kind(tp: Any) -> str:
    """Return the JSON type that a value of annotation ``tp`` is written as."""
    if tp is type(None):
        return "null"
    if tp in (str, dt.date, dt.datetime, dt.time, Decimal) or typing.get_origin(tp) is Literal:
        return "string"
    if tp is bool:
        return "boolean"
    if tp is int:
        return "integer"
    if tp is float:
        return "number"
    if typing.get_origin(tp) is tuple:
        return "array"
    return "object"


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _fits(kind: str, value: object) -> bool:
    found = _json_type(value)
    return found == kind or (kind == "number" and found == "integer")


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if _json_type(value) != "string" else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(tp: Any) -> str:
    if tp is type(None):
        return "null"
    if typing.get_origin(tp) is Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(tp))
    if _is_local_text(tp):
        return 'text or {"id": ..., "en": ...}'
    if typing.get_origin(tp) in (Union, types.UnionType):
        return " or ".join(_describe(a) for a in typing.get_args(tp))
    names = {
        str: "text",
        dt.date: "a date (YYYY-MM-DD)",
        dt.datetime: "a date and time with an offset",
        dt.time: "a time of day (HH:MM)",
        Decimal: "a decimal number as text",
        bool: "true or false",
        int: "a whole number",
        float: "a number",
    }
    if tp in names:
        return names[tp]
    if typing.get_origin(tp) is tuple:
        return "an array"
    return "an object"


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


# ---------------------------------------------------------------------- reading
class _Reader:
    """Read JSON values against annotations, recording every problem with its path."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str, object]] = []

    def fail(self, path: str, text: str, value: object = None) -> Any:
        self.problems.append((path or "(top)", text, value))
        return _BAD

    def read(self, tp: Any, value: object, path: str) -> Any:
        origin = typing.get_origin(tp)
        if origin in (Union, types.UnionType):
            return self._union(tp, value, path)
        if origin is Literal:
            allowed = typing.get_args(tp)
            if isinstance(value, str) and value in allowed:
                return value
            return self.fail(path, f"expected {_describe(tp)}, got {_show(value)}", value)
        if origin is tuple:
            return self._tuple(tp, value, path)
        if tp is type(None):
            if value is None:
                return None
            return self.fail(path, f"expected null, got {_show(value)}", value)
        reader = _SCALARS.get(tp)
        if reader is not None:
            return reader(self, value, path)
        if tp is BusinessCalendar:
            return self._calendar(value, path)
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self._dataclass(tp, value, path)
        raise TypeError(f"no JSON form for {tp!r}")  # pragma: no cover - a new field type

    def _union(self, tp: Any, value: object, path: str) -> Any:
        options = typing.get_args(tp)
        if _is_local_text(tp):
            rest = [o for o in options if o not in (str, Mapping[str, str])]
            if isinstance(value, str):
                return value
            # An object with keys other than languages is one of the other options
            # (an Alternative's {"text": ..., "until": ...}), when there are any.
            if isinstance(value, dict) and not (rest and not set(value) <= set(TEXT_KEYS)):
                if all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                    return dict(value)
                return self.fail(path, f"per-language text must be text, got {_show(value)}")
            options = tuple(rest)
            if not options:
                return self.fail(path, f"expected {_describe(tp)}, got {_show(value)}", value)
        if isinstance(value, float) and Decimal in options:
            return _read_decimal(self, value, path)
        for option in options:
            if _fits(_json_kind(option), value):
                if typing.get_origin(option) is Literal and value not in typing.get_args(option):
                    return self.fail(path, f"expected {_describe(tp)}, got {_show(value)}", value)
                return self.read(option, value, path)
        if value is None:
            return self.fail(path, f"expected {_describe(tp)}, got null", value)
        wanted = " or ".join(
            dict.fromkeys(
                [_describe(o) for o in options if o is not type(None)]
                + (["null"] if type(None) in options else [])
            )
        )
        if _is_local_text(tp):
            wanted = 'text or {"id": ..., "en": ...}' + (" or null" if options else "")
        return self.fail(path, f"expected {wanted}, got {_show(value)}", value)

    def _tuple(self, tp: Any, value: object, path: str) -> Any:
        args = typing.get_args(tp)
        if not isinstance(value, list):
            return self.fail(path, f"expected an array, got {_show(value)}", value)
        if len(args) == 2 and args[1] is Ellipsis:
            items = [self.read(args[0], item, _join(path, i)) for i, item in enumerate(value)]
        else:
            if len(value) != len(args):
                return self.fail(
                    path, f"expected an array of {len(args)} items, got {_show(value)}", value
                )
            items = [
                self.read(arg, item, _join(path, i))
                for i, (arg, item) in enumerate(zip(args, value, strict=True))
            ]
        return _BAD if any(item is _BAD for item in items) else tuple(items)

    def _object(self, value: object, path: str, names: list[str], owner: str) -> bool:
        if not isinstance(value, dict):
            self.fail(path, f"expected an object ({owner}), got {_show(value)}", value)
            return False
        for key in value:
            if key not in names:
                self.fail(
                    _join(path, str(key)),
                    f"unknown field ({owner} has {', '.join(names)})",
                    value[key],
                )
        return True

    def _dataclass(self, cls: type, value: object, path: str) -> Any:
        fields = [f for f in dataclasses.fields(cls) if f.init]
        names = [f.name for f in fields]
        if not self._object(value, path, names, cls.__name__):
            return _BAD
        assert isinstance(value, dict)
        before = len(self.problems)
        hints = _hints(cls)
        given: dict[str, Any] = {}
        for field in fields:
            if field.name in value:
                given[field.name] = self.read(
                    hints[field.name], value[field.name], _join(path, field.name)
                )
        special = _DEFAULTS.get(cls)
        optional: set[str] = set()
        if special is not None:
            optional = set(special({}))
            if len(self.problems) == before:
                for name, default in special(given).items():
                    given.setdefault(name, default)
        for field in fields:
            required = (
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING
                and field.name not in optional
            )
            if required and field.name not in given:
                self.fail(_join(path, field.name), "missing")
        if len(self.problems) != before:
            return _BAD
        after = _AFTER.get(cls)
        if after is not None:
            given = after(given)
        return self._build(cls, given, path)

    def _build(self, cls: Callable[..., Any], kwargs: dict[str, Any], path: str) -> Any:
        try:
            return cls(**kwargs)
        except InvalidContextError as exc:
            for problem in exc.problems or (str(exc),):
                name, _, text = problem.partition(": ")
                self.fail(_join(path, name), text)
        except ExpectsetError as exc:
            self.fail(path, str(exc), exc.value)
        return _BAD

    # ----------------------------------------------------------------- calendars
    def _calendar(self, value: object, path: str) -> Any:
        names = [
            "timezone",
            "workdays",
            "hours",
            "country",
            "subdivision",
            "cuti_bersama",
            "closures",
            "cutoff",
        ]
        if not self._object(value, path, names, "BusinessCalendar"):
            return _BAD
        assert isinstance(value, dict)
        before = len(self.problems)
        settings: dict[str, Any] = {}
        for key in ("timezone", "workdays", "cutoff"):
            if key in value:
                settings[key] = self.read(str | None, value[key], _join(path, key))
        if "country" in value:
            settings["country"] = self.read(str | None, value["country"], _join(path, "country"))
        if "subdivision" in value:
            settings["subdivision"] = self.read(
                str | None, value["subdivision"], _join(path, "subdivision")
            )
        if "cuti_bersama" in value:
            settings["cuti_bersama"] = self.read(
                bool, value["cuti_bersama"], _join(path, "cuti_bersama")
            )
        if "hours" in value:
            settings["hours"] = self._hours(value["hours"], _join(path, "hours"))
        if "closures" in value:
            settings["closures"] = self._closures(value["closures"], _join(path, "closures"))
        if settings.get("timezone", "") is None:
            self.fail(_join(path, "timezone"), "expected an IANA zone name, got null")
        if len(self.problems) != before:
            return _BAD
        return self._build(BusinessCalendar, settings, path)

    def _hours(self, value: object, path: str) -> Any:
        pair = tuple[str, str]
        if value is None:
            return None
        if isinstance(value, list):
            return self.read(pair, value, path)
        if isinstance(value, dict):
            spans = {str(k): self.read(pair, v, _join(path, str(k))) for k, v in value.items()}
            return _BAD if _BAD in spans.values() else spans
        return self.fail(
            path,
            f'expected ["08:00", "17:00"], an object per weekday or null, got {_show(value)}',
            value,
        )

    def _closures(self, value: object, path: str) -> Any:
        if not isinstance(value, list):
            return self.fail(path, f"expected an array, got {_show(value)}", value)
        found: list[object] = []
        for index, item in enumerate(value):
            where = _join(path, index)
            if isinstance(item, str):
                found.append(_read_date(self, item, where))
                continue
            if not isinstance(item, dict):
                found.append(
                    self.fail(
                        where,
                        f"expected a date, {{first, last, name}} or {{rule, name}}, "
                        f"got {_show(item)}",
                        item,
                    )
                )
                continue
            found.append(self._closure(item, where))
        return _BAD if _BAD in found else tuple(found)

    def _closure(self, item: dict[str, Any], where: str) -> Any:
        name_type = str | Mapping[str, str]
        if "rule" in item:
            if not self._object(item, where, ["rule", "name"], "a recurring closure"):
                return _BAD
            rule = self.read(str, item["rule"], _join(where, "rule"))
            if "name" not in item:
                return _BAD if rule is _BAD else RecurringClosure(rule)
            name = self.read(name_type, item["name"], _join(where, "name"))
            return _BAD if _BAD in (rule, name) else RecurringClosure(rule, name=name)
        if not self._object(item, where, ["first", "last", "date", "name"], "a closure"):
            return _BAD
        if "date" in item:
            if "first" in item or "last" in item:
                return self.fail(where, "give either date or first and last, not both")
            first = last = _read_date(self, item["date"], _join(where, "date"))
        elif "first" in item and "last" in item:
            first = _read_date(self, item["first"], _join(where, "first"))
            last = _read_date(self, item["last"], _join(where, "last"))
        else:
            return self.fail(where, "a closure needs date, or first and last")
        if "name" in item:
            name = self.read(name_type, item["name"], _join(where, "name"))
            return _BAD if _BAD in (first, last, name) else (first, last, name)
        return _BAD if _BAD in (first, last) else (first, last)


def _read_str(reader: _Reader, value: object, path: str) -> Any:
    if isinstance(value, str):
        return value
    return reader.fail(path, f"expected text, got {_show(value)}", value)


def _read_bool(reader: _Reader, value: object, path: str) -> Any:
    if isinstance(value, bool):
        return value
    return reader.fail(path, f"expected true or false, got {_show(value)}", value)


def _read_int(reader: _Reader, value: object, path: str) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return reader.fail(path, f"expected a whole number, got {_show(value)}", value)


def _read_float(reader: _Reader, value: object, path: str) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return value
    return reader.fail(path, f"expected a number, got {_show(value)}", value)


def _read_decimal(reader: _Reader, value: object, path: str) -> Any:
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if number.is_finite():
            return number
        return reader.fail(path, f"{value!r} is not a decimal number", value)
    if isinstance(value, float):
        return reader.fail(
            path,
            f"{value!r} is a float: write money as a whole number or as text like '150000.50'",
            value,
        )
    return reader.fail(path, f"expected a decimal number as text, got {_show(value)}", value)


def _read_date(reader: _Reader, value: object, path: str) -> Any:
    if not isinstance(value, str):
        return reader.fail(path, f"expected a date (YYYY-MM-DD), got {_show(value)}", value)
    if _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return reader.fail(path, f"{value!r} is not a date (YYYY-MM-DD)", value)


def _read_datetime(reader: _Reader, value: object, path: str) -> Any:
    if not isinstance(value, str):
        return reader.fail(
            path,
            f"expected a date and time like '2026-03-17T10:15:00+07:00', got {_show(value)}",
            value,
        )
    match = _DATETIME.fullmatch(value)
    if match is not None:
        if match.group("zone") is None:
            return reader.fail(
                path,
                f"{value!r} has no UTC offset; write it like '2026-03-17T10:15:00+07:00'",
                value,
            )
        text = value[:-1] + "+00:00" if value.endswith("Z") else value
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass
    return reader.fail(
        path,
        f"{value!r} is not a date and time like '2026-03-17T10:15:00+07:00'",
        value,
    )


def _read_time(reader: _Reader, value: object, path: str) -> Any:
    if isinstance(value, str) and _CLOCK.fullmatch(value):
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            pass
    return reader.fail(path, f"expected a time of day like '14:00', got {_show(value)}", value)


_SCALARS: dict[Any, Callable[[_Reader, object, str], Any]] = {
    str: _read_str,
    bool: _read_bool,
    int: _read_int,
    float: _read_float,
    Decimal: _read_decimal,
    dt.date: _read_date,
    dt.datetime: _read_datetime,
    dt.time: _read_time,
}


# JSON-only defaults: fields a writer may leave out although the class requires them.
def _window_defaults(given: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "lane": (),
        "requested_lane": given.get("lane", ()),
        "samples": 0,
        "effective_samples": float(given.get("samples", 0)),
        "policy": PromisePolicy(),
    }


def _delivery_defaults(given: Mapping[str, Any]) -> dict[str, Any]:
    # The same rules promise_delivery uses, so a promise it made round-trips without
    # its closures and hand-over day written out.
    calendar = given.get("calendar")
    if not isinstance(calendar, BusinessCalendar):
        return {}
    defaults: dict[str, Any] = {}
    if "ordered_at" in given and "latest" in given:
        defaults["closures"] = delivery_closures(calendar, given["ordered_at"], given["latest"])
    starts, handling = given.get("handling_starts"), given.get("handling", 0)
    if isinstance(starts, dt.datetime) and isinstance(handling, int):
        first = starts.astimezone(calendar.zone).date()
        defaults["ships_on"] = calendar.add_business_days(first, handling)
    return defaults


def _in_zone(*names: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def convert(given: dict[str, Any]) -> dict[str, Any]:
        zone = given["calendar"].zone
        return {k: v.astimezone(zone) if k in names else v for k, v in given.items()}

    return convert


_DEFAULTS: dict[type, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    Window: _window_defaults,
    DeliveryPromise: _delivery_defaults,
}
_AFTER: dict[type, Callable[[dict[str, Any]], dict[str, Any]]] = {
    DeliveryPromise: _in_zone("ordered_at", "handling_starts"),
    CallbackPromise: _in_zone("requested_at", "by"),
}


def context_from_json(kind: str, data: str | bytes | Mapping[str, Any]) -> MessageContext:
    """Read the JSON form of a ``kind`` context (parsed, or as JSON text).

    Every problem is reported at once in one
    :class:`~expectset.errors.InvalidContextError`, each naming its JSON path and
    value; ``field`` is the path of the first. The result renders like any context:
    ``render(context_from_json(kind, data), locale="id")``.

    Examples
    --------
    >>> context_from_json("follow_up", '{"recipient": {"name": null}, "reference": 7}')
    Traceback (most recent call last):
    ...
    expectset.errors.InvalidContextError: follow_up JSON: 2 problems:
      - reference: expected text, got 7
      - summary: missing
    """
    cls = context_class(kind)
    if isinstance(data, (str, bytes, bytearray)):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise InvalidContextError(
                f"{kind} JSON: not valid JSON: {exc}", field="(top)", value=None
            ) from None
    if not isinstance(data, Mapping):
        raise InvalidContextError(
            f"{kind} JSON: expected an object with the fields of {cls.__name__}, "
            f"got {_json_type(data)}",
            field="(top)",
            value=data,
            problems=(f"(top): expected an object, got {_json_type(data)}",),
        )
    reader = _Reader()
    context = reader.read(cls, dict(data), "")
    if reader.problems:
        count = "1 problem" if len(reader.problems) == 1 else f"{len(reader.problems)} problems"
        lines = [f"{path}: {text}" for path, text, _ in reader.problems]
        raise InvalidContextError(
            f"{kind} JSON: {count}:\n  - " + "\n  - ".join(lines),
            field=reader.problems[0][0],
            value=reader.problems[0][2],
            problems=tuple(lines),
        )
    assert isinstance(context, cls)
    return context


# ---------------------------------------------------------------------- writing
def _clock(value: dt.time) -> str:
    if value == dt.time.max:
        return "24:00"
    if value.second or value.microsecond:
        raise RenderError(
            f"{value.isoformat()} has seconds; the JSON form holds hours and minutes",
            field="hours",
            value=value,
        )
    return value.strftime("%H:%M")


def _write_closure(spec: object, path: str) -> Any:
    if isinstance(spec, dt.date) and not isinstance(spec, dt.datetime):
        return spec.isoformat()
    if isinstance(spec, RecurringClosure) and isinstance(spec.rule, str):
        out: dict[str, Any] = {"rule": spec.rule}
        if spec.name != RecurringClosure("x").name:
            out["name"] = _write(spec.name, f"{path}.name")
        return out
    if isinstance(spec, tuple) and 2 <= len(spec) <= 3:
        parts = list(spec)
        name = None
        if len(parts) == 3 or not isinstance(parts[1], dt.date):
            name = parts.pop()
        if len(parts) == 1:
            parts.append(parts[0])
        result: dict[str, Any] = {"first": parts[0].isoformat(), "last": parts[1].isoformat()}
        if name is not None:
            result["name"] = _write(name, f"{path}.name")
        return result
    raise RenderError(
        f"{path}: {spec!r} has no JSON form; give closures as dates, (first, last, name) "
        "or a RecurringClosure with a text rule",
        field=path,
        value=spec,
    )


def _write_calendar(cal: BusinessCalendar, path: str) -> dict[str, Any]:
    zone = getattr(cal.zone, "key", None)
    if zone is None:
        raise RenderError(
            f"{path}.timezone: {cal.zone!r} is not an IANA zone; only named zones have a JSON form",
            field=f"{path}.timezone",
            value=cal.zone,
        )
    spans: dict[tuple[str, str], list[int]] = {}
    for day in sorted(cal.workdays):
        span = cal.hours_on(day)
        if span is not None:
            spans.setdefault((_clock(span[0]), _clock(span[1])), []).append(day)
    hours: Any
    if not cal.has_hours:
        hours = None
    elif len(spans) == 1:
        hours = list(next(iter(spans)))
    else:
        hours = {describe_days(days): list(span) for span, days in spans.items()}
    out: dict[str, Any] = {
        "timezone": zone,
        "workdays": describe_days(cal.workdays),
        "hours": hours,
        "country": cal.country,
    }
    if cal.subdivision is not None:
        out["subdivision"] = cal.subdivision
    out["cuti_bersama"] = cal.cuti_bersama
    if cal.closures:
        out["closures"] = [
            _write_closure(spec, f"{path}.closures[{i}]") for i, spec in enumerate(cal.closures)
        ]
    if cal.cutoff is not None:
        out["cutoff"] = _clock(cal.cutoff)
    return out


def _default_of(field: dataclasses.Field[Any]) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return _BAD


def _write_dataclass(value: Any, path: str) -> dict[str, Any]:
    fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.init}
    special = _DEFAULTS.get(type(value))
    defaults = special(fields) if special is not None else {}
    omit = set()
    for field in dataclasses.fields(value):
        if not field.init:
            continue
        if not field.compare:
            # Not part of the value (a window's calendar and evidence): derived or
            # carried along, never needed to render.
            omit.add(field.name)
            continue
        default = defaults.get(field.name, _default_of(field))
        item = fields[field.name]
        # Same value and type: 4 and 4.0 are equal but need not render the same.
        if item == default and type(item) is type(default):
            omit.add(field.name)
    return {
        name: _write(item, _join(path, name)) for name, item in fields.items() if name not in omit
    }


def _write(value: object, path: str) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise RenderError(f"{path}: {value!r} has no JSON form", field=path, value=value)
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dt.time):
        if value.tzinfo is not None or value.microsecond:
            raise RenderError(
                f"{path}: {value!r} has no JSON form (a wall-clock time in whole seconds)",
                field=path,
                value=value,
            )
        return value.isoformat("minutes" if not value.second else "seconds")
    if isinstance(value, (tuple, list)):
        return [_write(item, _join(path, i)) for i, item in enumerate(value)]
    if isinstance(value, Mapping):
        return {str(key): _write(item, _join(path, str(key))) for key, item in value.items()}
    if isinstance(value, BusinessCalendar):
        return _write_calendar(value, path)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _write_dataclass(value, path)
    raise RenderError(
        f"{path}: {type(value).__name__} {value!r} has no JSON form", field=path, value=value
    )


def context_to_json(kind: str | MessageContext, /, **fields: Any) -> dict[str, Any]:
    """Return the JSON form of a context: ``kind`` and its fields, or a context object.

    Fields equal to their default are left out. The result holds only JSON values
    (``dict``, ``list``, ``str``, ``int``, ``float``, ``bool``, ``None``); give it to
    :func:`json.dumps`. The fields are checked first, as :func:`~expectset.render`
    checks them.

    Examples
    --------
    >>> import datetime as dt
    >>> from expectset import Recipient
    >>> context_to_json("service_recovery", recipient=Recipient(None), reference="R-1",
    ...                 problem="p", fixed="f", changed="c", follow_up=dt.date(2026, 12, 1))
    {'recipient': {'name': None}, 'reference': 'R-1', 'problem': 'p', 'fixed': 'f',
     'changed': 'c', 'follow_up': '2026-12-01'}
    """
    if isinstance(kind, MessageContext):
        if fields:
            raise RenderError(
                "give either a context object or its fields as keywords, not both",
                field="context",
                value=sorted(fields),
            )
        context = kind
    else:
        context = context_from_kwargs(context_class(kind), fields)
    return _write_dataclass(context, "")
