"""Realistic sample contexts for every message kind: previews, docs, golden files, tests.

The dates are fixed, and so is the moment each example is sent (its ``now``), so the
same example always renders the same message and its dates hold at that moment.
The delivery example falls in the 2026 Lebaran week, so its holidays show. Recipients
carry their first name without permission to use it (``first_name_ok=False``): the
formal samples use the full name, and a friendly sample may switch the permission on.
Free text that addresses the reader has a friendly (``"id@friendly"``) version too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from .calendar import BusinessCalendar
from .errors import RenderError
from .messages import MESSAGE_KINDS, Brand, Compensation, Contact, Recipient, Step
from .promises import CallbackPromise, DeliveryPromise, promise_delivery
from .windows import PromisePolicy, Window

__all__ = ["EXAMPLE_NOW", "example_context"]

#: The moment the out-of-office example is rendered at (its first day away, 09:00 WIB).
EXAMPLE_NOW = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))

_WIB = dt.timezone(dt.timedelta(hours=7))
_BRAND = Brand("Toko Sari")
_CONTACT = Contact(whatsapp="0812-3456-7890", email="halo@tokosari.id")


@cache
def _calendar() -> BusinessCalendar:
    return BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")


@cache
def _support_calendar() -> BusinessCalendar:
    return BusinessCalendar(
        timezone="Asia/Jakarta", workdays="Mon-Fri", hours=("08:00", "17:00"), country="ID"
    )


def _delivery_promise() -> DeliveryPromise:
    cal = _calendar()
    ordered = dt.datetime(2026, 3, 17, 10, 15, tzinfo=cal.zone)
    window = Window(
        lower=2,
        upper=4,
        unit="business_days",
        lane=("REG", "JKT", "SBY"),
        requested_lane=("REG", "JKT", "SBY"),
        samples=1240,
        effective_samples=1240.0,
        policy=PromisePolicy(),
    )
    # Computed by the library itself, exactly as a checkout would.
    return promise_delivery(ordered, window, calendar=cal, handling=1, cutoff="14:00")


def _callback_promise() -> CallbackPromise:
    cal = _support_calendar()
    requested = dt.datetime(2027, 1, 12, 15, 0, tzinfo=cal.zone)
    window = Window(
        lower=4,
        upper=8,
        unit="business_hours",
        lane=("phone",),
        requested_lane=("phone",),
        samples=412,
        effective_samples=412.0,
        policy=PromisePolicy(),
    )
    return CallbackPromise(
        requested_at=requested,
        by=cal.add_business_hours(requested, window.upper),
        window=window,
        calendar=cal,
    )


def _examples() -> dict[str, dict[str, Any]]:
    return {
        "delivery_estimate": {
            "now": dt.datetime(2026, 3, 17, 10, 16, tzinfo=_WIB),
            "recipient": Recipient("Sari Rahayu", title="Ibu", first_name="Sari"),
            "promise": _delivery_promise(),
            "order_id": "INV/2026/03/0042",
            "delay_factors": ("peak_season", "holiday_backlog"),
            "contact": _CONTACT,
            "brand": _BRAND,
        },
        "callback_promise": {
            "now": dt.datetime(2027, 1, 12, 15, 5, tzinfo=_WIB),
            "recipient": Recipient("Andi Wijaya", title="Bapak", first_name="Andi"),
            "promise": _callback_promise(),
            "via": "phone",
            "case_id": "CS-2027-0113",
            "reach_at": "0813-2468-1357",
            "prepare": (
                {"id": "nomor pesanan", "en": "your order number"},
                {
                    "id": "foto kemasan dan produk yang rusak",
                    "en": "photos of the damaged box and product",
                },
            ),
            "urgent": _CONTACT,
            "brand": _BRAND,
        },
        "policy_explanation": {
            "now": dt.datetime(2026, 11, 16, 10, 0, tzinfo=_WIB),
            "recipient": Recipient("Dewi Lestari", title="Ibu", first_name="Dewi"),
            "topic": {"id": "pengembalian pakaian dalam", "en": "returning underwear"},
            "rule": {
                "id": (
                    "Pakaian dalam dan pakaian renang tidak dapat dikembalikan setelah segel "
                    "kebersihannya dibuka."
                ),
                "en": "Underwear and swimwear cannot be returned once the hygiene seal is open.",
            },
            "reason": {
                "id": (
                    "Ketentuan ini melindungi setiap pelanggan: produk yang Anda terima selalu "
                    "baru dan belum pernah dicoba oleh orang lain."
                ),
                "id@friendly": (
                    "Ketentuan ini melindungi setiap pelanggan: produk yang kamu terima selalu "
                    "baru dan belum pernah dicoba oleh orang lain."
                ),
                "en": (
                    "This policy protects every customer: what you receive is always new and "
                    "has never been tried on by anyone else."
                ),
            },
            "choices": (
                {
                    "id": (
                        "Jika segelnya belum dibuka, Anda dapat mengembalikan produk paling "
                        "lambat 14 hari kalender sejak produk diterima."
                    ),
                    "id@friendly": (
                        "Jika segelnya belum dibuka, kamu dapat mengembalikan produk paling "
                        "lambat 14 hari kalender sejak produk diterima."
                    ),
                    "en": (
                        "If the seal is still closed, you can return the item within 14 "
                        "calendar days of receiving it."
                    ),
                },
                {
                    "id": "Jika produknya cacat, kami akan menggantinya dengan produk baru.",
                    "en": "If the item is faulty, we will replace it with a new one.",
                },
                {
                    "id": (
                        "Jika ukurannya kurang pas, tim kami dapat membantu memilih ukuran "
                        "untuk pesanan berikutnya. Pesanan tersebut bebas ongkos kirim."
                    ),
                    "en": (
                        "If the size is not right, our team can help you choose the size for "
                        "your next order, and that order ships free of charge."
                    ),
                },
            ),
            "order_id": "INV/2026/11/0318",
            "contact": _CONTACT,
            "brand": _BRAND,
        },
        "exception_decline": {
            "now": dt.datetime(2026, 10, 26, 10, 0, tzinfo=_WIB),
            "recipient": Recipient(
                "Budi Santoso", title="Bapak", first_name="Budi", first_name_ok=True
            ),
            "topic": {"id": "penukaran sepatu lari", "en": "an exchange of running shoes"},
            "request": {
                "id": (
                    "Anda meminta agar sepatu lari yang sudah dipakai berlari ditukar dengan "
                    "ukuran yang lebih besar."
                ),
                "id@friendly": (
                    "Kamu meminta agar sepatu lari yang sudah dipakai berlari ditukar dengan "
                    "ukuran yang lebih besar."
                ),
                "en": (
                    "You asked to exchange your running shoes, which have been worn on a run, "
                    "for a larger size."
                ),
            },
            "reason": {
                "id": (
                    "Sepatu yang sudah dipakai di luar ruangan tidak dapat kami jual kembali "
                    "sebagai barang baru sehingga tidak dapat kami tukar."
                ),
                "en": (
                    "Shoes that have been worn outdoors can no longer be sold as new, so we "
                    "cannot exchange them."
                ),
            },
            "alternatives": (
                {
                    "id": (
                        "Kami dapat memberikan potongan 15% untuk sepatu yang sama dalam "
                        "ukuran yang lebih besar."
                    ),
                    "en": "We can offer 15% off the same shoes in a larger size.",
                },
                {
                    "id": (
                        "Tim kami dapat membantu memilih ukuran yang sesuai dengan panjang "
                        "telapak kaki Anda."
                    ),
                    "id@friendly": (
                        "Tim kami dapat membantu memilih ukuran yang sesuai dengan panjang "
                        "telapak kakimu."
                    ),
                    "en": (
                        "Our team can help you choose the size that fits the length of your foot."
                    ),
                },
            ),
            "order_id": "INV/2026/10/0977",
            "contact": _CONTACT,
            "brand": _BRAND,
        },
        "timeline": {
            "now": dt.datetime(2026, 11, 12, 10, 0, tzinfo=_WIB),
            "recipient": Recipient("Maria Ulfa", title="Ibu", first_name="Maria"),
            "topic": {"id": "perbaikan laptop", "en": "laptop repair"},
            "reference": "SRV-2026-0457",
            "steps": (
                Step(
                    {
                        "id": "Laptop diterima di pusat servis",
                        "en": "Laptop received for repair",
                    },
                    dt.date(2026, 11, 9),
                    done=True,
                ),
                Step(
                    {"id": "Pemeriksaan kerusakan", "en": "Fault diagnosis"},
                    (dt.date(2026, 11, 10), dt.date(2026, 11, 11)),
                    done=True,
                ),
                Step(
                    {
                        "id": "Menunggu suku cadang dari pemasok",
                        "en": "Waiting for parts from the supplier",
                    },
                    (dt.date(2026, 11, 12), dt.date(2026, 11, 18)),
                ),
                Step(
                    {"id": "Perbaikan dan pengujian", "en": "Repair and testing"},
                    (dt.date(2026, 11, 19), dt.date(2026, 11, 20)),
                ),
                Step(
                    {"id": "Laptop dikirim kembali", "en": "Laptop shipped back"},
                    dt.date(2026, 11, 23),
                ),
            ),
            "next_update": dt.date(2026, 11, 18),
            "may_change": (
                {
                    "id": "suku cadang yang tiba lebih lambat dari jadwal pemasok",
                    "en": "parts arriving later than the supplier's schedule",
                },
                {
                    "id": "kerusakan lain yang baru terlihat saat pengujian",
                    "en": "another fault that only shows up during testing",
                },
            ),
            "contact": _CONTACT,
            "brand": _BRAND,
        },
        "delay_notice": {
            "now": dt.datetime(2026, 11, 24, 10, 0, tzinfo=_WIB),
            "recipient": Recipient("Sari Rahayu", title="Ibu", first_name="Sari"),
            "order_id": "INV/2026/11/0211",
            "cause": "transit_hub",
            "old_estimate": (dt.date(2026, 11, 23), dt.date(2026, 11, 25)),
            "new_estimate": (dt.date(2026, 11, 27), dt.date(2026, 11, 30)),
            "next_update": dt.date(2026, 11, 26),
            "actions": (
                {
                    "id": (
                        "Kami sudah meminta pihak kurir untuk memprioritaskan paket ini di "
                        "gudang transit."
                    ),
                    "en": (
                        "We have asked the courier to give this parcel priority at the transit "
                        "warehouse."
                    ),
                },
            ),
            "compensation": Compensation("shipping_refund", 18000, by=dt.date(2026, 11, 27)),
            "contact": _CONTACT,
            "brand": _BRAND,
        },
        "service_recovery": {
            "now": dt.datetime(2026, 11, 16, 14, 0, tzinfo=_WIB),
            "recipient": Recipient("Rudi Hartono", title="Bapak", first_name="Rudi"),
            "reference": "INV/2026/11/0150",
            "problem": {
                "id": "Anda memesan kemeja ukuran L, tetapi kami mengirimkan ukuran M.",
                "id@friendly": "Kamu memesan kemeja ukuran L, tetapi kami mengirimkan ukuran M.",
                "en": "You ordered a shirt in size L, but we sent size M.",
            },
            "fixed": {
                "id": (
                    "Kemeja ukuran L sudah kami kirim dan kurir akan mengambil kemeja ukuran M "
                    "dari alamat Anda tanpa biaya."
                ),
                "id@friendly": (
                    "Kemeja ukuran L sudah kami kirim dan kurir akan mengambil kemeja ukuran M "
                    "dari alamatmu tanpa biaya."
                ),
                "en": (
                    "The size L shirt is on its way, and the courier will collect the size M "
                    "shirt from your address at no cost to you."
                ),
            },
            "schedule": (
                Step(
                    {"id": "Kemeja ukuran L dikirim", "en": "Size L shirt sent"},
                    dt.date(2026, 11, 16),
                    done=True,
                ),
                Step(
                    {"id": "Kemeja ukuran L tiba", "en": "Size L shirt arrives"},
                    (dt.date(2026, 11, 17), dt.date(2026, 11, 18)),
                ),
                Step(
                    {
                        "id": "Kurir mengambil kemeja ukuran M",
                        "en": "The courier collects the size M shirt",
                    },
                    dt.date(2026, 11, 18),
                ),
            ),
            "changed": {
                "id": (
                    "Mulai sekarang, ukuran setiap pesanan pakaian diperiksa oleh petugas "
                    "kedua sebelum dikemas."
                ),
                "en": (
                    "From now on, a second person checks the size of every clothing order "
                    "before it is packed."
                ),
            },
            "follow_up": dt.date(2026, 11, 20),
            "compensation": Compensation(
                "voucher", Decimal(50000), code="TOKOSARI50", valid_until=dt.date(2026, 12, 31)
            ),
            "contact": _CONTACT,
            "brand": _BRAND,
        },
        "follow_up": {
            "now": dt.datetime(2026, 11, 20, 10, 0, tzinfo=_WIB),
            "recipient": Recipient("Sari Rahayu", title="Ibu", first_name="Sari"),
            "reference": "CS-2026-1187",
            "summary": {
                "id": "Kami sudah mengganti blender yang rusak dengan unit baru.",
                "en": "We replaced the faulty blender with a new one.",
            },
            "reply_within": 1,
            "contact": _CONTACT,
            "brand": _BRAND,
        },
        "out_of_office": {
            "now": EXAMPLE_NOW,
            "name": "Rina",
            "first_day": dt.date(2026, 3, 16),
            "last_day": dt.date(2026, 3, 20),
            "calendar": _calendar(),
            "reply_within_days": 2,
            "urgent_contact": Contact("Budi", email="budi@tokosari.id", phone="0812-3456-7890"),
            "brand": _BRAND,
        },
    }


def example_context(kind: str) -> dict[str, Any]:
    """Return sample context fields for ``kind``, ready for ``render(kind, **fields)``.

    ``now``, the moment the example is sent, is among the fields: the example's dates
    hold at that moment (the out-of-office example's is :data:`EXAMPLE_NOW`).

    Examples
    --------
    >>> sorted(example_context("follow_up"))
    ['brand', 'contact', 'now', 'recipient', 'reference', 'reply_within', 'summary']
    """
    if kind not in MESSAGE_KINDS:
        raise RenderError(
            f"unknown message kind {kind!r}; known: {', '.join(MESSAGE_KINDS)}",
            field="kind",
            value=kind,
        )
    return dict(_examples()[kind])
