"""``out_of_office``: a notice for email, chat status and voicemail, with the return day.

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
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from expectset._timeutil import as_aware
from expectset.calendar import BusinessCalendar, Closure
from expectset.errors import StaleNoticeError

from ._base import Channel, MessageContext
from ._closures import closure_reasons, group_closures
from .common import Brand, Contact, Register

if TYPE_CHECKING:
    from expectset.rendering import Message

__all__ = ["STATUS_LEVELS", "STATUS_LIMIT", "Channel", "OutOfOffice"]

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
    channels: ClassVar[tuple[Channel, ...]] = ("email", "status", "voicemail")
    # RFC 3834: an automatic reply says so; Microsoft's clients then send none back.
    email_headers: ClassVar[tuple[tuple[str, str], ...]] = (
        ("Auto-Submitted", "auto-replied"),
        ("X-Auto-Response-Suppress", "All"),
    )

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

    def _check_at(self, now: dt.datetime, *, sending: bool) -> Iterator[str]:
        today = self._today(now)
        if sending and today < self.first_day:
            yield (
                f"now: {today} is before first_day {self.first_day}: the notice says you are "
                "away, which is not yet true; render it with preview=True to see it before"
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

    def channel_problems(self, channel: str) -> Iterator[str]:
        """Yield problems with ``channel``: a voicemail can only give a number to call."""
        yield from MessageContext.channel_problems(self, channel)
        if channel == "voicemail" and not (
            self.urgent_contact.phone or self.urgent_contact.whatsapp
        ):
            yield (
                "urgent_contact: a voicemail can only give a number to call; give "
                "urgent_contact a phone or whatsapp number"
            )

    def check_sendable(self, now: dt.datetime) -> None:
        """Refuse a notice past its last day: it is never sent (:meth:`check_not_stale`)."""
        self.check_not_stale(now)

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
        now: dt.datetime | None = None,
        preview: bool = False,
        renderer: Any = None,
    ) -> Message:
        """Render the notice for ``channel`` (``email``, ``status`` or ``voicemail``).

        ``now`` (aware) is the moment the notice is sent; without it, the current time
        in the calendar's zone. A notice whose last day has passed raises
        :class:`~expectset.errors.StaleNoticeError`; one asked for before its first day
        is refused (it would say you are away) unless ``preview=True``. The email
        carries ``Auto-Submitted: auto-replied`` when turned into an email.
        """
        from expectset.rendering import default_renderer

        chosen = renderer if renderer is not None else default_renderer()
        result: Message = chosen.render(
            self, locale=locale, channel=channel, now=now, preview=preview
        )
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
            "closed_reasons": closure_reasons(group_closures(closed)),
            "closed_first": closed[0].date if closed else None,
            "closed_last": closed[-1].date if closed else None,
        }
