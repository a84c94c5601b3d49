"""Out-of-office notices for email, chat status and voicemail, and when to auto-reply.

An :class:`OutOfOffice` knows the days away and computes the rest on its calendar: the
return day (the first business day after the last day away) and the day by which a
reply can be expected (``reply_within_days`` business days after the return day, never
the return day itself: WORDING.md rule 23). A notice whose last day has passed is never
rendered (rule 24).

Examples
--------
>>> import datetime as dt
>>> from expectset import BusinessCalendar
>>> cal = BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
>>> ooo = OutOfOffice(name="Rina", first_day=dt.date(2026, 3, 16),
...                   last_day=dt.date(2026, 3, 18), calendar=cal, reply_within_days=2,
...                   urgent_contact=Contact("Budi", email="budi@tokosari.id"))
>>> ooo.return_day                 # Nyepi, Idulfitri and cuti bersama come first
datetime.date(2026, 3, 25)
>>> ooo.reply_by
datetime.date(2026, 3, 27)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from email.message import Message as EmailMessageBase
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from ._timeutil import as_aware
from .calendar import BusinessCalendar, Closure
from .errors import StaleNoticeError
from .messages._base import MessageContext
from .messages._closures import group_closures
from .messages.common import Brand, Contact, Register

if TYPE_CHECKING:
    from .rendering import Message

__all__ = ["STATUS_LEVELS", "STATUS_LIMIT", "Channel", "OutOfOffice", "should_auto_reply"]

Channel = Literal["email", "status", "voicemail"]

_ONE_DAY = dt.timedelta(days=1)

#: Longest chat status line (Slack allows 100 characters).
STATUS_LIMIT = 100
#: How many shorter forms the status line has: the first that fits is used. 0 says
#: everything; 1 leaves out how to reach the urgent contact (the name stays); 2 leaves
#: out the days away but gives the contact's number again; 3 leaves out both; 4 also
#: drops the weekday of the reply day and 5 that of the return day, for a long name
#: and dates across a new year. The return day and the reply day are always there
#: (WORDING.md rule 22).
STATUS_LEVELS = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class OutOfOffice(MessageContext):
    """An absence: who, from which day to which day, and who helps meanwhile.

    ``first_day`` and ``last_day`` are the first and last days away (inclusive).
    ``reply_within_days`` (at least 1) counts business days after the return day.
    ``urgent_contact`` is who to reach meanwhile. ``brand`` names the business in the
    voicemail greeting. ``register`` chooses formal or friendly Indonesian.
    """

    kind: ClassVar[str] = "out_of_office"

    name: str
    first_day: dt.date
    last_day: dt.date
    calendar: BusinessCalendar
    urgent_contact: Contact
    reply_within_days: int = 2
    brand: Brand | None = None
    register: Register = "formal"

    def _check(self) -> Iterator[str]:
        if self.last_day < self.first_day:
            yield f"last_day: {self.last_day} is before first_day {self.first_day}"
        if not self.urgent_contact.name:
            yield "urgent_contact: name the person to contact meanwhile (rule 22)"
        if self.reply_within_days < 1:
            yield (
                "reply_within_days: must be at least 1: a same-day reply on the day of "
                f"return is never promised (rule 23), got {self.reply_within_days}"
            )

    @property
    def return_day(self) -> dt.date:
        """The first business day after the last day away."""
        return self.calendar.add_business_days(self.last_day, 1)

    @property
    def reply_by(self) -> dt.date:
        """The latest day a reply can be expected: business days after the return day."""
        return self.calendar.add_business_days(self.return_day, self.reply_within_days)

    def _today(self, now: dt.datetime) -> dt.date:
        return as_aware(now, field="now").astimezone(self.calendar.zone).date()

    def is_active(self, now: dt.datetime) -> bool:
        """Whether ``now`` (aware) falls on one of the days away, in the calendar's zone."""
        return self.first_day <= self._today(now) <= self.last_day

    def check_not_stale(self, now: dt.datetime) -> None:
        """Raise :class:`StaleNoticeError` when ``now`` is after the last day away."""
        today = self._today(now)
        if today > self.last_day:
            raise StaleNoticeError(
                f"this out-of-office notice ended on {self.last_day.isoformat()} and it is "
                f"now {today.isoformat()}: a notice past its end is never sent (rule 24)",
                field="now",
                value=now,
            )

    def render(
        self,
        *,
        locale: str = "id",
        channel: Channel = "email",
        now: dt.datetime,
        renderer: Any = None,
    ) -> Message:
        """Render the notice for ``channel`` (``email``, ``status`` or ``voicemail``).

        ``now`` (aware) is required: a notice whose last day has passed raises
        :class:`~expectset.errors.StaleNoticeError`. The email carries
        ``Auto-Submitted: auto-replied`` when turned into an email.
        """
        from .rendering import default_renderer

        chosen = renderer if renderer is not None else default_renderer()
        result: Message = chosen.render(self, locale=locale, channel=channel, now=now)
        return result

    @property
    def closed_between(self) -> list[Closure]:
        """Named closures on work days between the last day away and the return day.

        They explain why the return comes later than the day after the absence (the
        office is closed for cuti bersama, say); the notice names them.
        """
        after, before = self.last_day + _ONE_DAY, self.return_day - _ONE_DAY
        if before < after:
            return []
        return self.calendar.closures_between(after, before)

    def template_vars(self, language: str) -> dict[str, Any]:
        """Values the templates need beyond the fields themselves."""
        closed = self.closed_between
        return {
            "return_day": self.return_day,
            "reply_by": self.reply_by,
            "closed": group_closures(closed),
            "closed_first": closed[0].date if closed else None,
            "closed_last": closed[-1].date if closed else None,
        }


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
