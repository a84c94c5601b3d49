"""Out-of-office notices and when to send an automatic reply.

:class:`OutOfOffice`, the notice itself, is a message kind and lives in
:mod:`expectset.messages.out_of_office`; it is importable from here as before.
:func:`should_auto_reply` says whether an incoming email may be answered
automatically (RFC 3834).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from email.message import Message as EmailMessageBase

from .messages._base import Channel
from .messages.out_of_office import STATUS_LEVELS, STATUS_LIMIT, OutOfOffice

__all__ = ["STATUS_LEVELS", "STATUS_LIMIT", "Channel", "OutOfOffice", "should_auto_reply"]


_LIST_HEADERS = (
    "list-id",
    "list-unsubscribe",
    "list-help",
    "list-post",
    "list-owner",
    "list-subscribe",
    "list-archive",
)
_NO_REPLY_PRECEDENCE = {"bulk", "list", "junk"}
_SUPPRESS_VALUES = {"all", "oof", "autoreply"}
_NOBODY_PREFIXES = ("mailer-daemon", "postmaster", "noreply", "no-reply", "do-not-reply")


def _header_items(
    headers: Mapping[str, str] | EmailMessageBase | Iterable[tuple[str, str]],
) -> list[tuple[str, str]]:
    if isinstance(headers, EmailMessageBase):
        return [(str(k), str(v)) for k, v in headers.items()]
    if isinstance(headers, Mapping):
        return [(str(k), str(v)) for k, v in headers.items()]
    return [(str(k), str(v)) for k, v in headers]


def should_auto_reply(
    headers: Mapping[str, str] | EmailMessageBase | Iterable[tuple[str, str]],
) -> bool:
    """Whether an incoming email may get an automatic reply (RFC 3834, section 2).

    ``headers`` is a mapping, a list of (name, value) pairs or an ``email`` message.
    No reply goes to mail that is itself automatic (``Auto-Submitted`` other than
    ``no``, ``X-Autoreply``/``X-Autorespond``, Microsoft's ``X-Auto-Response-Suppress``),
    bulk or list mail (``Precedence: bulk/list/junk``, any ``List-*`` header), bounces
    (``Return-Path: <>``, an empty or missing ``Return-Path`` when the message came
    through a mail server), or mail from mailer daemons and no-reply addresses.

    Examples
    --------
    >>> should_auto_reply({"From": "sari@example.id", "Return-Path": "<sari@example.id>"})
    True
    >>> should_auto_reply({"From": "sari@example.id", "Auto-Submitted": "auto-replied"})
    False
    >>> should_auto_reply([("From", "news@shop.id"), ("List-Unsubscribe", "<mailto:u@shop.id>")])
    False
    """
    items = _header_items(headers)
    fields: dict[str, list[str]] = {}
    for name, value in items:
        fields.setdefault(name.strip().lower(), []).append(value.strip())
    for value in fields.get("auto-submitted", []):
        if value.split(";")[0].strip().lower() != "no":
            return False
    if "x-autoreply" in fields or "x-autorespond" in fields:
        return False
    for value in fields.get("x-auto-response-suppress", []):
        if {part.strip().lower() for part in value.split(",")} & _SUPPRESS_VALUES:
            return False
    for value in fields.get("precedence", []):
        if value.lower() in _NO_REPLY_PRECEDENCE:
            return False
    if any(name in fields for name in _LIST_HEADERS):
        return False
    for value in fields.get("return-path", []):
        if value in ("", "<>"):
            return False
    for name in ("from", "sender", "return-path"):
        for value in fields.get(name, []):
            address = value.rsplit("<", 1)[-1].strip(" >").lower()
            if address.startswith(_NOBODY_PREFIXES):
                return False
    return bool(fields.get("from"))
