"""Who a message is for and from, and how to reach us: shared by every message kind."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import KW_ONLY, dataclass
from decimal import Decimal
from typing import Any, Literal

from expectset.formatting import resolve_locale

from ._base import LocalText, _Validated

__all__ = [
    "Brand",
    "Compensation",
    "CompensationKind",
    "Contact",
    "Recipient",
    "ReferenceType",
    "Register",
    "Title",
    "compensation_problems",
]

Title = Literal["Ibu", "Bapak"]
Register = Literal["formal", "friendly"]
CompensationKind = Literal["voucher", "refund", "shipping_refund"]
#: What a reference number names: an order, a support case, or something else.
ReferenceType = Literal["order", "case", "other"]

_ENGLISH_TITLES = {"Ibu": "Ms", "Bapak": "Mr"}
_DIGITS = re.compile(r"[0-9]+")
# An extension written after a number: "ext. 12", "extension 12", "x12", "ekst. 12",
# "pes. 12" (pesawat), "#12", ";ext=12" (RFC 3966).
_EXTENSION_IN_NUMBER = re.compile(
    r"(?:(?<![A-Za-z])(?:ext(?:ension)?|ekst(?:ensi)?|x|pes(?:awat)?)\.?|#|;\s*ext=)\s*([0-9]+)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Recipient(_Validated):
    """The person a message is addressed to, and how they want to be addressed.

    ``name`` is used exactly as given (``None`` when unknown); expectset never splits
    it into a first name or a surname (WORDING.md rule 11). ``first_name`` is used
    alone only when ``first_name_ok`` is true: the customer allowed it. ``register``
    is ``"formal"`` (``Anda``, ``Bapak/Ibu``; the default) or ``"friendly"`` (``Kak``,
    ``kamu``); one message never mixes them.

    Examples
    --------
    >>> sari = Recipient("Sari Rahayu", title="Ibu")
    >>> sari.address("id"), sari.address("en"), sari.address("en_US")
    ('Ibu Sari Rahayu', 'Ms Sari Rahayu', 'Ms. Sari Rahayu')
    >>> Recipient("Sari Rahayu").address("id")
    'Bapak/Ibu Sari Rahayu'
    >>> friend = Recipient("Sari Rahayu", first_name="Sari", first_name_ok=True,
    ...                    register="friendly")
    >>> friend.address("id"), friend.address("en")
    ('Kak Sari', 'Sari')
    """

    name: str | None
    _: KW_ONLY
    title: Title | None = None
    first_name: str | None = None
    first_name_ok: bool = False
    register: Register = "formal"

    def _check(self) -> Iterator[str]:
        if self.first_name_ok and self.first_name is None:
            yield (
                "first_name: first_name_ok=True needs first_name as well; expectset never "
                "takes a first name apart from a full name"
            )

    @property
    def by_first_name(self) -> bool:
        """Whether the greeting uses the first name alone."""
        return self.first_name_ok and self.first_name is not None

    def address(self, locale: str = "id") -> str | None:
        """How the greeting names the recipient in ``locale`` (``None``: no name at all).

        Indonesian always has a form of address (``Bapak/Ibu`` or ``Kak`` when the name
        is unknown); English drops the title when it is unknown.
        """
        info = resolve_locale(locale)
        who = self.first_name if self.by_first_name else self.name
        if info.language == "id":
            prefix = "Kak" if self.register == "friendly" else (self.title or "Bapak/Ibu")
            return f"{prefix} {who}" if who else prefix
        if who is None:
            return None
        if self.by_first_name or self.title is None:
            return who
        title = _ENGLISH_TITLES[self.title] + ("." if info.tag == "en_US" else "")
        return f"{title} {who}"


@dataclass(frozen=True, slots=True)
class Contact(_Validated):
    """Someone the customer can reach, and how: at least one of the channels.

    ``extension`` is the extension to ask for after dialling ``phone`` (digits only);
    messages word it as such ("extension 12" / "ekstensi 12"), and a voicemail reads it
    apart from the number. An extension written into ``phone`` is refused: it would be
    read as more digits of the number.

    Examples
    --------
    >>> Contact("Budi", email="budi@tokosari.id").email
    'budi@tokosari.id'
    >>> Contact("Budi", phone="021-555-0123", extension="12").extension
    '12'
    >>> Contact("Budi")
    Traceback (most recent call last):
    ...
    expectset.errors.InvalidContextError: Contact: 1 problem:
      - email: give at least one way to reach Budi (email, phone, whatsapp or url)
    >>> Contact("Budi", phone="021-555-0123 ext. 12")
    Traceback (most recent call last):
    ...
    expectset.errors.InvalidContextError: Contact: 1 problem:
      - phone: '021-555-0123 ext. 12' holds an extension: use phone='021-555-0123', extension='12'
    """

    name: str | None = None
    _: KW_ONLY
    email: str | None = None
    phone: str | None = None
    extension: str | None = None
    whatsapp: str | None = None
    url: str | None = None

    def _check(self) -> Iterator[str]:
        if not (self.email or self.phone or self.whatsapp or self.url):
            who = self.name or "the contact"
            yield f"email: give at least one way to reach {who} (email, phone, whatsapp or url)"
        if self.email is not None and ("@" not in self.email or " " in self.email.strip()):
            yield f"email: {self.email!r} is not an email address"
        for name in ("phone", "whatsapp"):
            number = getattr(self, name)
            if number is not None and not any(ch.isdigit() for ch in number):
                yield f"{name}: {number!r} has no digits"
            elif number is not None and (found := _EXTENSION_IN_NUMBER.search(number)):
                base = number[: found.start()].rstrip(" ,;-")
                if name == "phone":
                    yield (
                        f"phone: {number!r} holds an extension: use "
                        f"phone={base!r}, extension={found.group(1)!r}"
                    )
                else:
                    yield f"whatsapp: {number!r} holds an extension; a WhatsApp number has none"
        if self.extension is not None:
            if not _DIGITS.fullmatch(self.extension):
                yield f"extension: {self.extension!r} is not digits only (write '12', not 'ext 12')"
            if self.phone is None:
                yield "extension: an extension needs the phone number it belongs to (phone=...)"


@dataclass(frozen=True, slots=True)
class Brand(_Validated):
    """The business a message comes from: its name and how messages are signed.

    Without ``signature`` messages are signed by the brand's customer service team
    (``Tim Layanan Pelanggan Toko Sari`` / ``Toko Sari Customer Service``).
    """

    name: str
    _: KW_ONLY
    signature: LocalText | None = None


@dataclass(frozen=True, slots=True)
class Compensation(_Validated):
    """What we give to make up for a problem: a voucher, a refund or the shipping cost.

    ``amount`` is a whole number of rupiah (or a ``Decimal`` with cents); floats are
    refused, as money should be. ``by`` is the day we pay the refund or send the
    voucher at the latest: our own action carries a date (WORDING.md rule 16). It is
    required, except for a voucher whose ``code`` is given (issued with the message).
    ``valid_until`` is the last day a voucher can be used.

    Examples
    --------
    >>> Compensation("refund", 18000, by=dt.date(2026, 11, 27)).by
    datetime.date(2026, 11, 27)
    >>> Compensation("refund", 18000)
    Traceback (most recent call last):
    ...
    expectset.errors.InvalidContextError: Compensation: 1 problem:
      - by: say by which day the refund is paid (our own action carries a date, rule 16)
    """

    kind: CompensationKind
    amount: int | Decimal
    _: KW_ONLY
    currency: str = "IDR"
    code: str | None = None
    by: dt.date | None = None
    valid_until: dt.date | None = None

    def _check(self) -> Iterator[str]:
        if self.amount <= 0:
            yield f"amount: compensation must be more than 0, got {self.amount!r}"
        elif self.amount >= 10**15:
            yield f"amount: {self.amount!r} is more than any compensation we write"
        elif isinstance(self.amount, Decimal) and (
            self.amount != self.amount.quantize(Decimal("0.01")) or self.amount < 1
        ):
            yield (
                f"amount: {self.amount!r} has fractions of a cent or is less than 1; money "
                "is written to the cent"
            )
        if not (len(self.currency) == 3 and self.currency.isascii() and self.currency.isupper()):
            yield f"currency: {self.currency!r} is not an ISO 4217 code such as 'IDR'"
        if self.code is not None and self.kind != "voucher":
            yield f"code: only a voucher has a code, this is a {self.kind}"
        if self.valid_until is not None and self.kind != "voucher":
            yield f"valid_until: only a voucher has a validity, this is a {self.kind}"
        if self.by is None and not (self.kind == "voucher" and self.code is not None):
            what = "the voucher is sent" if self.kind == "voucher" else "the refund is paid"
            yield f"by: say by which day {what} (our own action carries a date, rule 16)"
        if self.by is not None and self.valid_until is not None and self.valid_until < self.by:
            yield (f"valid_until: {self.valid_until} is before the voucher is sent ({self.by})")


def compensation_problems(
    compensation: Compensation | None, calendar: Any, today: dt.date | None, path: str
) -> Iterator[str]:
    """Yield problems with a compensation's dates on ``calendar`` (and against ``today``)."""
    if compensation is None:
        return
    from ._base import business_day_problem, not_before_problem

    if compensation.by is not None:
        if today is None:  # the facts; against the moment of sending only what is new
            yield from business_day_problem(f"{path}.by", compensation.by, calendar)
        else:
            yield from not_before_problem(f"{path}.by", compensation.by, today)
    if compensation.valid_until is not None and today is not None:
        yield from not_before_problem(f"{path}.valid_until", compensation.valid_until, today)
