"""The wording a careful Indonesian customer-service lead asked for, one test per defect.

Each test renders an example context (``expectset.examples``), changed where the
defect needs it, and checks the words in the languages concerned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from expectset import BusinessCalendar, CallbackPromise, Contact, Window, render
from expectset.errors import InvalidContextError
from expectset.examples import EXAMPLE_NOW, example_context
from expectset.messages import MESSAGE_KINDS, Alternative
from expectset.promises import promise_delivery
from expectset.rendering import Message, load_translations
from expectset.windows import PromisePolicy

WIB = dt.timezone(dt.timedelta(hours=7))
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# An American date that ends with its year, followed by more sentence without a comma.
_US_YEAR_THEN_WORD = re.compile(rf"\b(?:{_MONTHS}) \d{{1,2}}, \d{{4}} [a-z]")


def _render(
    kind: str,
    locale: str,
    *,
    channel: str = "email",
    friendly: bool = False,
    **changes: Any,
) -> Message:
    context = example_context(kind)
    if kind == "out_of_office":
        context.setdefault("now", EXAMPLE_NOW)
    context.update(changes)
    if friendly:
        if kind == "out_of_office":
            context["register"] = "friendly"
        else:
            context["recipient"] = dataclasses.replace(
                context["recipient"], register="friendly", first_name_ok=True
            )
    return render(kind, locale=locale, channel=channel, **context)  # type: ignore[arg-type]


def _window(lower: int, upper: int, unit: str = "business_days") -> Window:
    return Window(
        lower=lower,
        upper=upper,
        unit=unit,  # type: ignore[arg-type]
        lane=("REG",),
        requested_lane=("REG",),
        samples=500,
        effective_samples=500.0,
        policy=PromisePolicy(),
    )


def _everything(message: Message) -> str:
    return "\n".join((message.subject, message.preheader, message.text))


# ------------------------------------------------------------ written, not translated


def test_office_closure_uses_karena() -> None:
    """An out-of-office notice gives the reason for a closure with "karena", not "untuk"."""
    for friendly in (False, True):
        for channel in ("email", "voicemail"):
            text = _render("out_of_office", "id", channel=channel, friendly=friendly).text
            assert "karena cuti bersama Idulfitri" in text
            assert "untuk cuti bersama" not in text


def test_office_closure_english_is_future_with_one_for() -> None:
    """English closures say "will be closed" and never "for collective leave for"."""
    for locale in ("en", "en_US"):
        for channel in ("email", "voicemail"):
            text = _render("out_of_office", locale, channel=channel).text
            assert "Our office will be closed" in text
            assert "Our office is closed" not in text
            assert "for collective leave for" not in text
    email = _render("out_of_office", "en").text
    assert (
        "Our office will be closed from Monday, 23 March 2026 to Tuesday, 24 March 2026 "
        "because of collective leave for Eid al-Fitr." in email
    )


@pytest.mark.parametrize("kind", MESSAGE_KINDS)
def test_en_us_date_mid_sentence_has_comma(kind: str) -> None:
    """In en_US a date that ends with its year takes a comma when the sentence goes on."""
    channels = ("email", "voicemail") if kind == "out_of_office" else ("email",)
    for channel in channels:
        message = _render(kind, "en_US", channel=channel)
        assert _US_YEAR_THEN_WORD.findall(_everything(message)) == []
    callback = _render("callback_promise", "en_US").text
    assert "by 2:00 PM WIB on Wednesday, January 13, 2027, at the latest." in callback
    british = _render("callback_promise", "en").text
    assert "by 14:00 WIB on Wednesday, 13 January 2027 at the latest." in british


def test_voicemail_greeting_says_who_you_reached() -> None:
    """The Indonesian voicemail greets with "Anda terhubung dengan kotak suara ..."."""
    formal = _render("out_of_office", "id", channel="voicemail").text
    assert formal.startswith("Halo, Anda terhubung dengan kotak suara Rina dari Toko Sari.")
    friendly = _render("out_of_office", "id", channel="voicemail", friendly=True).text
    assert friendly.startswith("Halo, kamu terhubung dengan kotak suara Rina dari Toko Sari.")
    assert "ini kotak suara" not in formal + friendly


def test_service_recovery_headings_are_real_headings() -> None:
    """The headings of service_recovery are noun phrases, not "Yang ..." fragments."""
    for friendly in (False, True):
        text = _render("service_recovery", "id", friendly=friendly).text
        assert "\nPerbaikan yang kami lakukan:\n" in text
        assert "\nPerubahan yang kami lakukan agar kesalahan ini tidak terulang:\n" in text
        assert "Yang sudah kami perbaiki" not in text
        assert "Yang kami ubah" not in text


def test_preheaders_are_sentences() -> None:
    """Preheaders are whole sentences (service_recovery's was a list of fragments)."""
    recovery_id = _render("service_recovery", "id").preheader
    assert recovery_id.startswith("Berikut langkah perbaikan dan perubahan dari kami; kami akan")
    recovery_en = _render("service_recovery", "en").preheader
    assert recovery_en.startswith("Here is how we are putting this right")
    assert _render("timeline", "en").preheader.startswith("Here is every step with its date;")
    assert _render("policy_explanation", "id").preheader.startswith("Berikut ketentuan kami,")
    assert _render("follow_up", "en").preheader.startswith("We have one question for you,")


def test_compensation_is_worded_as_an_apology() -> None:
    """Compensation reads "Sebagai bentuk permohonan maaf", never "Sebagai kompensasi"."""
    for kind in ("delay_notice", "service_recovery"):
        for friendly in (False, True):
            text = _render(kind, "id", friendly=friendly).text
            assert "Sebagai bentuk permohonan maaf, kami" in text
            assert "kompensasi" not in text.lower()


def test_delay_factors_are_joined_with_atau() -> None:
    """Things that may slow delivery are alternatives: "atau" / "or", not "dan" / "and"."""
    indonesian = _render("delivery_estimate", "id").text
    assert "musim belanja yang sedang ramai atau penumpukan paket setelah libur panjang" in (
        indonesian
    )
    english = _render("delivery_estimate", "en").text
    assert "the busy shopping season or the backlog of parcels after the holidays" in english


def test_transit_range_from_zero_says_at_most() -> None:
    """A transit window 0–1 reads "paling lama 1 hari kerja" / "up to 1 business day"."""
    calendar = BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
    ordered = dt.datetime(2026, 11, 16, 10, 0, tzinfo=WIB)
    promise = promise_delivery(ordered, _window(0, 1), calendar=calendar, handling=1)
    changes: dict[str, Any] = {"promise": promise, "now": ordered + dt.timedelta(minutes=1)}
    indonesian = _render("delivery_estimate", "id", **changes).text
    assert "dan paling lama 1 hari kerja untuk pengiriman" in indonesian
    english = _render("delivery_estimate", "en", **changes).text
    assert "and up to 1 business day for delivery" in english
    assert "0–1" not in indonesian + english


def test_range_in_a_sentence_is_worded_between() -> None:
    """A range inside a sentence reads "between 27 and 31 March 2026"; subjects stay compact."""
    english = _render("delivery_estimate", "en")
    assert "is expected to arrive between 27 and 31 March 2026." in english.text
    assert english.subject.endswith("estimated arrival 27–31 March 2026")
    american = _render("delivery_estimate", "en_US").text
    assert "is expected to arrive between March 27 and 31, 2026." in american
    indonesian = _render("delivery_estimate", "id").text
    assert "diperkirakan tiba antara 27 dan 31 Maret 2026." in indonesian
    delay = _render("delay_notice", "en").text
    assert "The new estimated arrival is between 27 and 30 November 2026." in delay
    away = _render("out_of_office", "en").preheader
    assert away.startswith("Rina is away from 16 to 20 March 2026 (office closed")


def test_single_choice_is_worded_in_the_singular() -> None:
    """With one alternative or choice, nobody is asked to pick "the option you prefer"."""
    decline = example_context("exception_decline")
    one = _render("exception_decline", "en", alternatives=decline["alternatives"][:1]).text
    assert "Reply to this email if you would like to take up this option." in one
    assert "the option you prefer" not in one
    one_id = _render("exception_decline", "id", alternatives=decline["alternatives"][:1]).text
    assert "Silakan balas email ini jika Anda ingin mengambil pilihan ini." in one_id
    policy = example_context("policy_explanation")
    single = _render("policy_explanation", "en", choices=policy["choices"][:1])
    assert "\nThe option you still have:\n" in single.text
    assert "the option you prefer" not in single.text
    assert "options" not in _everything(single)
    several = _render("policy_explanation", "en").text
    assert "Reply to this email with the option you prefer." in several


def test_friendly_subject_uses_the_same_form_as_the_body() -> None:
    """A friendly message uses "-mu" for "your" everywhere, the subject included."""
    message = _render("exception_decline", "id", friendly=True)
    assert message.subject == "Tanggapan atas permintaanmu: penukaran sepatu lari"
    assert not re.search(r"\b\w+ kamu$", message.subject)
    assert "Permintaanmu tidak dapat kami penuhi" in message.preheader


# ------------------------------------------------------------------------- facts


def test_callback_deadline_names_the_closures_it_passes() -> None:
    """A callback deadline pushed out by Nyepi and Lebaran names them."""
    calendar = BusinessCalendar(
        timezone="Asia/Jakarta", workdays="Mon-Fri", hours=("08:00", "17:00"), country="ID"
    )
    requested = dt.datetime(2026, 3, 17, 16, 0, tzinfo=calendar.zone)
    by = calendar.add_business_hours(requested, 8)
    assert by.date() == dt.date(2026, 3, 25)
    promise = CallbackPromise(
        requested_at=requested, by=by, window=_window(4, 8, "business_hours"), calendar=calendar
    )
    changes: dict[str, Any] = {"promise": promise, "now": requested + dt.timedelta(minutes=5)}
    indonesian = _render("callback_promise", "id", **changes).text
    assert (
        "Kantor kami tutup pada hari libur nasional dan cuti bersama berikut; batas waktu di "
        "atas sudah memperhitungkannya:"
    ) in indonesian
    assert "- Nyepi: Kamis, 19 Maret 2026" in indonesian
    assert "- Cuti bersama Idulfitri: Senin–Selasa, 23–24 Maret 2026" in indonesian
    english = _render("callback_promise", "en", **changes).text
    assert "the deadline above already allows for them:" in english
    assert "- Eid al-Fitr: Saturday, 21 March 2026" in english
    quiet = _render("callback_promise", "en").text
    assert "allows for them" not in quiet


def test_cuti_bersama_of_an_estimated_festival_is_estimated() -> None:
    """Cuti bersama attached to an estimated Idulfitri is marked as an estimate too."""
    calendar = BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
    closures = calendar.closures_between(dt.date(2027, 3, 9), dt.date(2027, 3, 15))
    by_day = {c.date: c for c in closures}
    assert by_day[dt.date(2027, 3, 9)].kind == "cuti_bersama"
    assert by_day[dt.date(2027, 3, 9)].estimated
    assert by_day[dt.date(2027, 3, 15)].estimated
    settled = calendar.closures_between(dt.date(2026, 3, 20), dt.date(2026, 3, 20))
    assert not settled[0].estimated
    ordered = dt.datetime(2027, 3, 5, 10, 0, tzinfo=WIB)
    promise = promise_delivery(ordered, _window(2, 4), calendar=calendar, handling=1)
    changes: dict[str, Any] = {"promise": promise, "now": ordered + dt.timedelta(minutes=1)}
    indonesian = _render("delivery_estimate", "id", **changes).text
    assert "- Cuti bersama Idulfitri: Selasa, 9 Maret 2027 (tanggal belum ditetapkan)" in (
        indonesian
    )
    english = _render("delivery_estimate", "en", **changes).text
    assert (
        "- Collective leave for Eid al-Fitr: Tuesday, 9 March 2027 (date not yet confirmed)"
        in english
    )


def test_out_of_office_marks_estimated_closures() -> None:
    """An out-of-office notice over Lebaran 2027 says the closure dates are not settled."""
    changes: dict[str, Any] = {
        "first_day": dt.date(2027, 3, 1),
        "last_day": dt.date(2027, 3, 5),
        "now": dt.datetime(2027, 3, 1, 9, 0, tzinfo=WIB),
    }
    email = _render("out_of_office", "id", **changes)
    assert "(tanggal Idulfitri dan cuti bersamanya belum ditetapkan pemerintah)." in email.text
    assert "tanggal Idulfitri dan cuti bersamanya belum ditetapkan pemerintah)" in email.preheader
    english = _render("out_of_office", "en", **changes).text
    assert "Eid al-Fitr and its collective leave (the Eid al-Fitr dates are not yet" in english
    spoken = _render("out_of_office", "id", channel="voicemail", **changes).text
    assert "Tanggal Idulfitri dan cuti bersamanya belum ditetapkan pemerintah." in spoken


def test_exception_decline_states_the_time_limit_of_an_alternative() -> None:
    """An offer open until a date says "paling lambat <date>" / "by <date> at the latest"."""
    exchange = Alternative(
        {"id": "penukaran dengan ukuran lain", "en": "exchange for another size"},
        until=dt.date(2026, 11, 30),
    )
    discount = Alternative(
        {
            "id": "Kami dapat memberikan potongan 15% untuk sepatu dalam ukuran lain.",
            "en": "We can offer 15% off the same shoes in another size.",
        },
        until=dt.date(2026, 11, 30),
    )
    alternatives = (exchange, discount, "Our team can help you choose the size.")
    english = _render("exception_decline", "en", alternatives=alternatives).text
    assert (
        "- Exchange for another size (reply by Monday, 30 November 2026 at the latest)" in english
    )
    assert "Reply by Monday, 30 November 2026 at the latest to take up this option." in english
    indonesian = _render(
        "exception_decline", "id", alternatives=(exchange, discount, "Tim kami dapat membantu.")
    ).text
    assert "- Penukaran dengan ukuran lain (paling lambat Senin, 30 November 2026)" in indonesian
    assert (
        "Silakan balas paling lambat Senin, 30 November 2026 untuk mengambil pilihan ini."
        in indonesian
    )


def test_exception_decline_claims_nothing_it_cannot_know() -> None:
    """No message thanks the customer for explaining "in detail" or "so clearly"."""
    for kind in MESSAGE_KINDS:
        for locale in ("id", "en"):
            text = _render(kind, locale).text
            assert "dengan rinci" not in text
            assert "so clearly" not in text
    thanks = _render("exception_decline", "id").text
    assert "Terima kasih telah menghubungi kami tentang pesanan INV/2026/10/0977. Anda" in thanks


def test_extension_is_read_as_an_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    """A phone extension is worded apart from the number in voicemail, status and email."""
    contact = Contact("Budi", phone="021-555-0123", extension="12", email="budi@tokosari.id")
    spoken = _render("out_of_office", "id", channel="voicemail", urgent_contact=contact).text
    assert "nol dua satu, lima lima lima, nol satu dua tiga, ekstensi satu dua." in spoken
    spoken_en = _render("out_of_office", "en", channel="voicemail", urgent_contact=contact).text
    assert "zero one two three, extension one two." in spoken_en
    # The example's status line has no room for a number within 100 characters; with a
    # longer limit the first, fullest form is used and shows how the number reads.
    monkeypatch.setattr("expectset.rendering.STATUS_LIMIT", 200)
    status = _render("out_of_office", "id", channel="status", urgent_contact=contact).text
    assert status.endswith("Mendesak: Budi, 021-555-0123 ekstensi 12\n")
    monkeypatch.undo()
    email = _render("out_of_office", "en", urgent_contact=contact).text
    assert "please call Budi on 021-555-0123 extension 12 or email budi@tokosari.id" in email
    delay = _render("delay_notice", "id", contact=contact).text
    assert "telepon 021-555-0123 ekstensi 12" in delay


def test_extension_written_into_the_phone_number_is_refused() -> None:
    """A phone such as "021-555-0123 ext. 12" is refused with a pointer to extension=."""
    with pytest.raises(InvalidContextError, match=r"extension='12'"):
        Contact("Budi", phone="021-555-0123 ext. 12")
    with pytest.raises(InvalidContextError, match="digits only"):
        Contact("Budi", phone="021-555-0123", extension="ext 12")
    with pytest.raises(InvalidContextError, match="needs the phone number"):
        Contact("Budi", email="budi@tokosari.id", extension="12")


# ------------------------------------------------------- customer-service review


def _nested_parenthesis(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth > 1:
            return True
    return False


_LOCALES = (("id", False), ("id", True), ("en", False), ("en_US", False))
_LEBARAN_2027: dict[str, Any] = {
    "first_day": dt.date(2027, 3, 1),
    "last_day": dt.date(2027, 3, 5),
    "now": dt.datetime(2027, 3, 1, 9, 0, tzinfo=WIB),
    "calendar": BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID"),
}


def test_delay_apology_is_true_after_the_first_estimate() -> None:
    """A delay notice never says the order "will not arrive on" a first-estimate day."""
    past: dict[str, Any] = {"old_estimate": dt.date(2026, 11, 23)}
    english = _render("delay_notice", "en", **past).text
    assert (
        "We are sorry that order INV/2026/11/0211 will arrive later than we first estimated "
        "(Monday, 23 November 2026)."
    ) in english
    indonesian = _render("delay_notice", "id", **past).text
    assert (
        "Mohon maaf, pesanan INV/2026/11/0211 belum dapat tiba sesuai estimasi awal "
        "(Senin, 23 November 2026)."
    ) in indonesian
    friendly = _render("delay_notice", "id", friendly=True).text
    assert "Mohon maaf, pesananmu (INV/2026/11/0211) belum dapat tiba sesuai estimasi awal" in (
        friendly
    )
    assert "estimasi awal (23–25 November 2026)." in friendly
    american = _render("delay_notice", "en_US").text
    assert "later than we first estimated (November 23–25, 2026)." in american
    for locale, is_friendly in _LOCALES:
        text = _render("delay_notice", locale, friendly=is_friendly).text
        assert "will not arrive" not in text
        assert "tidak dapat tiba" not in text


def test_follow_up_reopens_only_a_case() -> None:
    """An order or other request is "looked into again"; only a case is reopened."""
    for reference_type in ("order", "other"):
        english = _render("follow_up", "en", reference_type=reference_type).text
        assert "If it has not, we will look into it again and contact you within" in english
        assert "reopen" not in english
        for friendly in (False, True):
            text = _render("follow_up", "id", reference_type=reference_type, friendly=friendly)
            assert "Jika belum, kami akan menangani kembali masalah ini dan menghubungi" in (
                text.text
            )
            assert "membuka kembali" not in text.text
    assert "we will reopen the case" in _render("follow_up", "en").text
    assert "kami akan membuka kembali laporan ini" in _render("follow_up", "id").text


def test_other_reference_is_not_what_went_wrong() -> None:
    """A reference of type "other" goes in parentheses; an order's problem is "with" it."""
    other: dict[str, Any] = {"reference_type": "other", "reference": "RMA-77"}
    recovery = _render("service_recovery", "id", **other).text
    assert "Mohon maaf atas kesalahan kami (nomor referensi RMA-77)." in recovery
    assert "We are sorry for our mistake (reference RMA-77)." in (
        _render("service_recovery", "en", **other).text
    )
    follow = _render("follow_up", "id", **other)
    assert follow.subject == "Apakah masalah Anda (nomor referensi RMA-77) sudah teratasi?"
    assert "Kami ingin menindaklanjuti permintaan Anda (nomor referensi RMA-77)." in follow.text
    friendly = _render("follow_up", "id", friendly=True, **other)
    assert friendly.subject == "Apakah masalahmu (nomor referensi RMA-77) sudah teratasi?"
    english = _render("follow_up", "en", **other)
    assert english.subject == "Has your problem (reference RMA-77) been resolved?"
    assert "We are following up on your request (reference RMA-77)." in english.text
    order = _render("follow_up", "en", reference_type="order", reference="INV/1").subject
    assert order == "Has the problem with order INV/1 been resolved?"
    for locale, is_friendly in _LOCALES:
        for kind in ("follow_up", "service_recovery"):
            text = _everything(_render(kind, locale, friendly=is_friendly, **other))
            assert "pada nomor referensi" not in text
            assert "menindaklanjuti nomor referensi" not in text
            assert "with reference" not in text
            assert "following up on reference" not in text


def test_out_of_office_names_the_unconfirmed_dates() -> None:
    """Closures are one sentence by festival; only the unconfirmed dates are called so."""
    id_email = _render("out_of_office", "id", **_LEBARAN_2027)
    assert (
        "Kantor kami tutup dari Senin, 8 Maret 2027 sampai Senin, 15 Maret 2027 karena Nyepi "
        "serta libur dan cuti bersama Idulfitri (tanggal Idulfitri dan cuti bersamanya belum "
        "ditetapkan pemerintah)."
    ) in id_email.text
    assert id_email.text.count("belum ditetapkan") == 1
    assert "; pada " not in id_email.text
    assert (
        "(kantor tutup pada 8–15 Maret 2027; tanggal Idulfitri dan cuti bersamanya belum "
        "ditetapkan pemerintah)"
    ) in id_email.preheader
    en_email = _render("out_of_office", "en", **_LEBARAN_2027)
    assert (
        "Our office will be closed from Monday, 8 March 2027 to Monday, 15 March 2027 because "
        "of Nyepi (Day of Silence), as well as Eid al-Fitr and its collective leave (the Eid "
        "al-Fitr dates are not yet confirmed)."
    ) in en_email.text
    id_voice = _render("out_of_office", "id", channel="voicemail", **_LEBARAN_2027).text
    assert (
        "karena Nyepi serta libur dan cuti bersama Idulfitri. Tanggal Idulfitri dan cuti "
        "bersamanya belum ditetapkan pemerintah."
    ) in id_voice
    for locale in ("en", "en_US"):
        voice = _render("out_of_office", locale, channel="voicemail", **_LEBARAN_2027).text
        assert "because of Nyepi, the Day of Silence, as well as Eid al-Fitr and its" in voice
        assert "The Eid al-Fitr dates are not yet confirmed." in voice
        assert "These dates" not in voice
    for locale, is_friendly in _LOCALES:
        for channel in ("email", "status", "voicemail"):
            message = _render(
                "out_of_office", locale, channel=channel, friendly=is_friendly, **_LEBARAN_2027
            )
            if channel == "voicemail":
                assert "(" not in message.text
            assert "Tanggal tersebut" not in message.text
            assert "date not yet confirmed" not in _everything(message)


def test_holiday_names_keep_no_capital_mid_sentence() -> None:
    """Mid-sentence: "hari kedua Idulfitri", "the second day of Eid al-Fitr"; lists capitalise."""
    nocuti = BusinessCalendar(
        timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID", cuti_bersama=False
    )
    second_day: dict[str, Any] = {
        "first_day": dt.date(2027, 3, 9),
        "last_day": dt.date(2027, 3, 10),
        "now": dt.datetime(2027, 3, 9, 9, 0, tzinfo=WIB),
        "calendar": nocuti,
    }
    assert "karena hari kedua Idulfitri" in _render("out_of_office", "id", **second_day).text
    english = _render("out_of_office", "en", **second_day).text
    assert "because of the second day of Eid al-Fitr" in english
    listed = _render("delivery_estimate", "en").text
    assert "\n- Second day of Eid al-Fitr: Sunday, 22 March 2026\n" in listed
    assert "\n- Hari kedua Idulfitri: Minggu, 22 Maret 2026\n" in (
        _render("delivery_estimate", "id").text
    )
    calendar = BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
    christmas: dict[str, Any] = {
        "first_day": dt.date(2026, 12, 21),
        "last_day": dt.date(2026, 12, 23),
        "now": dt.datetime(2026, 12, 21, 9, 0, tzinfo=WIB),
        "calendar": calendar,
    }
    assert "because of Christmas and its collective leave." in (
        _render("out_of_office", "en", **christmas).text
    )
    [leave] = calendar.closures_between(dt.date(2026, 12, 24), dt.date(2026, 12, 24))
    assert (leave.name_id, leave.name_en) == (
        "cuti bersama Natal",
        "collective leave for Christmas",
    )
    for locale in ("en", "en_US"):
        text = _everything(_render("delivery_estimate", locale))
        assert "Eid al-Fitr, second day" not in text
        assert "Christmas Day" not in text


def test_no_parenthesis_inside_another() -> None:
    """A closure name with a parenthesis, or rule 19's English, never lands inside another."""
    calendar = BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
    on_nyepi = dt.datetime(2026, 3, 19, 10, 0, tzinfo=WIB)
    nyepi: dict[str, Any] = {
        "promise": promise_delivery(on_nyepi, _window(2, 4), calendar=calendar, handling=1),
        "now": on_nyepi + dt.timedelta(minutes=1),
    }
    english = _render("delivery_estimate", "en", **nyepi).text
    assert "on Thursday, 19 March 2026, a day we were closed for Nyepi (Day of Silence), so" in (
        english
    )
    on_leave = dt.datetime(2026, 12, 24, 10, 0, tzinfo=WIB)
    leave: dict[str, Any] = {
        "promise": promise_delivery(on_leave, _window(2, 4), calendar=calendar, handling=1),
        "now": on_leave + dt.timedelta(minutes=1),
    }
    assert "a day we were closed because of collective leave for Christmas, so" in (
        _render("delivery_estimate", "en", **leave).text
    )
    variants: list[tuple[str, dict[str, Any]]] = [
        (kind, {}) for kind in MESSAGE_KINDS if kind != "out_of_office"
    ]
    variants += [
        ("delivery_estimate", nyepi),
        ("delivery_estimate", leave),
        ("follow_up", {"reference_type": "other"}),
        ("service_recovery", {"reference_type": "other"}),
        ("out_of_office", {}),
        ("out_of_office", _LEBARAN_2027),
    ]
    for kind, changes in variants:
        for locale, is_friendly in _LOCALES:
            message = _render(kind, locale, friendly=is_friendly, **changes)
            assert not _nested_parenthesis(_everything(message)), (kind, locale)


def test_friendly_mu_is_never_glued_to_a_value() -> None:
    """Friendly "-mu" is never glued to a caller's phrase ("perbaikan TVmu")."""
    friendly = _render("timeline", "id", friendly=True, topic={"id": "perbaikan TV", "en": "TV"})
    assert "Berikut jadwal perbaikan TV untukmu (nomor referensi" in friendly.text
    assert "TVmu" not in friendly.text
    catalog = (
        Path(__file__).resolve().parent.parent / "locales" / "id@friendly" / "LC_MESSAGES"
    ) / "expectset.po"
    assert re.findall(r"%\(\w+\)s(?:mu|nya|ku)\b", catalog.read_text(encoding="utf-8")) == []


def test_alternative_phrase_starts_with_a_capital() -> None:
    """An alternative given as a phrase starts with a capital in the list of offers."""
    exchange = Alternative(
        {"id": "penukaran dengan ukuran lain", "en": "exchange for another size"},
        until=dt.date(2026, 11, 30),
    )
    plain = {"id": "bantuan memilih ukuran", "en": "help choosing the size"}
    for friendly in (False, True):
        text = _render(
            "exception_decline", "id", friendly=friendly, alternatives=(exchange, plain)
        ).text
        assert "\n- Penukaran dengan ukuran lain (paling lambat Senin, 30 November 2026)\n" in text
        assert "\n- Bantuan memilih ukuran\n" in text
    english = _render("exception_decline", "en", alternatives=(exchange, plain)).text
    assert "\n- Exchange for another size (" in english
    assert "\n- Help choosing the size\n" in english


def test_alternative_deadline_is_a_reply_by_at_the_latest() -> None:
    """An offer's last day reads "reply by ... at the latest" (rule 16), taken up, not used."""
    exchange = Alternative(
        {"id": "penukaran dengan ukuran lain", "en": "exchange for another size"},
        until=dt.date(2026, 11, 30),
    )
    sentence = Alternative(
        {"id": "Kami dapat menukar sepatu ini.", "en": "We can exchange the shoes."},
        until=dt.date(2026, 11, 30),
    )
    english = _render("exception_decline", "en", alternatives=(exchange, sentence)).text
    assert "- Exchange for another size (reply by Monday, 30 November 2026 at the latest)" in (
        english
    )
    assert (
        "We can exchange the shoes. Reply by Monday, 30 November 2026 at the latest to take "
        "up this option."
    ) in english
    american = _render("exception_decline", "en_US", alternatives=(exchange,)).text
    assert "(reply by Monday, November 30, 2026, at the latest)" in american
    assert "Reply to this email if you would like to take up this option." in american
    indonesian = _render("exception_decline", "id", alternatives=(sentence,)).text
    assert (
        "Kami dapat menukar sepatu ini. Silakan balas paling lambat Senin, 30 November 2026 "
        "untuk mengambil pilihan ini."
    ) in indonesian
    assert "jika Anda ingin mengambil pilihan ini." in indonesian
    for locale in ("en", "en_US"):
        text = _render("exception_decline", locale, alternatives=(exchange, sentence)).text
        assert "until" not in text
        assert "use this option" not in text
    assert "menggunakan pilihan" not in indonesian


def test_rule_19_has_one_english_wording() -> None:
    """English says "excluding public holidays and cuti bersama (collective leave)" everywhere."""
    wording = "Monday–Friday, excluding public holidays and cuti bersama (collective leave)."
    for locale in ("en", "en_US"):
        follow = _render("follow_up", locale).text
        assert f"within 1 business day of your reply. Our business days are {wording}" in follow
        assert f"Our business days are {wording}" in _render("delivery_estimate", locale).text
        for kind in MESSAGE_KINDS:
            assert "collective leave days," not in _render(kind, locale).text


def test_callback_by_email_says_whom_we_write_to() -> None:
    """By email: "Kami akan membalas Anda melalui email di alamat ..."; subjects match."""
    by_email: dict[str, Any] = {"via": "email", "reach_at": "andi@example.id"}
    formal = _render("callback_promise", "id", **by_email)
    assert (
        "Kami akan membalas Anda melalui email di alamat andi@example.id paling lambat Rabu, "
        "13 Januari 2027, pukul 14.00 WIB."
    ) in formal.text
    assert formal.subject.startswith(
        "Laporan CS-2027-0113: kami akan membalas Anda melalui email paling lambat Rabu,"
    )
    friendly = _render("callback_promise", "id", friendly=True, **by_email)
    assert "Kami akan membalasmu melalui email di alamat andi@example.id paling lambat" in (
        friendly.text
    )
    assert "kami akan membalasmu melalui email paling lambat" in friendly.subject
    no_address = _render("callback_promise", "id", via="email", reach_at=None).text
    assert "Kami akan membalas Anda melalui email paling lambat Rabu," in no_address
    phone = _render("callback_promise", "id").subject
    assert "kami akan menelepon Anda kembali paling lambat Rabu, 13 Januari 2027" in phone
    assert "kami akan meneleponmu kembali paling lambat" in (
        _render("callback_promise", "id", friendly=True).subject
    )
    assert "we will call you back by" in _render("callback_promise", "en").subject


def test_callback_holiday_heading_reads_as_indonesian() -> None:
    """The callback's holiday heading: the office is closed, and the deadline allows for it."""
    calendar = BusinessCalendar(
        timezone="Asia/Jakarta", workdays="Mon-Fri", hours=("08:00", "17:00"), country="ID"
    )
    requested = dt.datetime(2026, 3, 17, 16, 0, tzinfo=calendar.zone)
    changes: dict[str, Any] = {
        "promise": CallbackPromise(
            requested_at=requested,
            by=calendar.add_business_hours(requested, 8),
            window=_window(4, 8, "business_hours"),
            calendar=calendar,
        ),
        "now": requested + dt.timedelta(minutes=5),
    }
    for friendly in (False, True):
        text = _render("callback_promise", "id", friendly=friendly, **changes).text
        assert (
            "\nKantor kami tutup pada hari libur nasional dan cuti bersama berikut; batas waktu "
            "di atas sudah memperhitungkannya:\n"
        ) in text
        assert "saat kantor kami tutup" not in text
    for register in ("formal", "friendly"):
        translations = load_translations("id", register)
        headings = [
            translations.gettext(
                f"Our office is closed on the following {days}, and the "
                "deadline above already allows for them:"
            )
            for days in (
                "public holidays",
                "collective leave days",
                "public holidays and collective leave days",
                "days",
                "holidays and closure days",
            )
        ]
        for heading in headings:
            assert heading.startswith("Kantor kami tutup pada ")
            assert heading.endswith(" berikut; batas waktu di atas sudah memperhitungkannya:")


def test_cancel_offer_refunds_only_if_cancelled() -> None:
    """The delay notice refunds "if you cancel", never "after that" as if it were certain."""
    formal = _render("delay_notice", "id").text
    assert (
        "Jika Anda membatalkan pesanan, kami akan mengembalikan seluruh pembayaran ke metode "
        "pembayaran yang Anda gunakan paling lambat Selasa, 1 Desember 2026."
    ) in formal
    friendly = _render("delay_notice", "id", friendly=True).text
    assert "Jika kamu membatalkan pesanan, kami akan mengembalikan seluruh pembayaran" in friendly
    assert "Setelah itu" not in formal + friendly


def test_zero_day_transit_is_same_day_delivery() -> None:
    """A 0–0 transit window reads as same-day delivery, with handling and without."""
    calendar = BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
    ordered = dt.datetime(2026, 11, 16, 10, 0, tzinfo=WIB)

    def counting(locale: str, handling: int, unit: str = "business_days") -> str:
        promise = promise_delivery(
            ordered, _window(0, 0, unit), calendar=calendar, handling=handling
        )
        return _render(
            "delivery_estimate", locale, promise=promise, now=ordered + dt.timedelta(minutes=1)
        ).text

    assert (
        "Estimasi ini terdiri atas 1 hari kerja untuk mengemas pesanan, lalu pengiriman pada "
        "hari kerja yang sama."
    ) in counting("id", 1)
    assert "Estimasi ini mencakup pengiriman pada hari kerja yang sama." in counting("id", 0)
    assert (
        "The estimate allows 1 business day to pack your order, then delivery on the same "
        "business day."
    ) in counting("en", 1)
    assert "The estimate allows for delivery on the same business day." in counting("en", 0)
    assert "The estimate allows for same-day delivery." in counting("en", 0, "calendar_days")
    assert "Estimasi ini mencakup pengiriman pada hari yang sama." in (
        counting("id", 0, "calendar_days")
    )
    for locale in ("id", "en"):
        for handling in (0, 1):
            text = counting(locale, handling) + counting(locale, handling, "calendar_days")
            assert "kurang dari" not in text
            assert "less than" not in text


def test_voucher_code_is_a_sentence_of_its_own() -> None:
    """The voucher code stands in its own sentence: "Kode voucher: X." / "Voucher code: X."."""
    formal = _render("service_recovery", "id").text
    assert "voucher belanja senilai Rp50.000 untuk Anda. Kode voucher: TOKOSARI50." in formal
    friendly = _render("service_recovery", "id", friendly=True).text
    assert "voucher belanja senilai Rp50.000 untukmu. Kode voucher: TOKOSARI50." in friendly
    english = _render("service_recovery", "en").text
    assert "a shopping voucher worth Rp50,000. Voucher code: TOKOSARI50." in english
    assert "dengan kode voucher" not in formal + friendly


def test_help_page_address_follows_di() -> None:
    """A help page reads "halaman bantuan kami di https://...", not glued to its address."""
    contact = Contact(url="https://tokosari.id/bantuan")
    for friendly in (False, True):
        text = _render("delay_notice", "id", friendly=friendly, contact=contact).text
        assert "melalui halaman bantuan kami di https://tokosari.id/bantuan." in text


def test_one_click_answer_is_a_polite_sentence_with_its_link() -> None:
    """The one-click answer asks politely and ends its line with the link (no full stop on it)."""
    url = "https://tokosari.id/jawab/CS-2026-1187"
    indonesian = _render("follow_up", "id", answer_url=url)
    assert f"Silakan jawab dengan satu klik melalui tautan ini: {url}\n" in indonesian.text
    assert "Jawab dengan satu klik" not in indonesian.text
    assert f'melalui tautan ini: <a href="{url}">{url}</a><br>' in indonesian.html
    english = _render("follow_up", "en", answer_url=url).text
    assert f"Please answer with one click through this link: {url}\n" in english
    assert f"{url}." not in indonesian.text + english


def test_calendar_days_are_named_once() -> None:
    """A delivery in calendar days says "hari kalender" once, then what it includes."""
    calendar = BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
    ordered = dt.datetime(2026, 11, 16, 10, 0, tzinfo=WIB)
    for handling in (0, 1):
        promise = promise_delivery(
            ordered, _window(3, 5, "calendar_days"), calendar=calendar, handling=handling
        )
        changes: dict[str, Any] = {"promise": promise, "now": ordered + dt.timedelta(minutes=1)}
        indonesian = _render("delivery_estimate", "id", **changes).text
        assert indonesian.count("hari kalender") == 1
        assert "Waktu pengiriman tersebut sudah termasuk akhir pekan dan hari libur." in indonesian
        english = _render("delivery_estimate", "en", **changes).text
        assert english.count("calendar days") == 1
        assert "This delivery time includes weekends and holidays." in english


def test_exception_decline_subject_is_our_answer() -> None:
    """The decline's subject reads "Tanggapan atas permintaan Anda: <topic>"."""
    assert _render("exception_decline", "id").subject == (
        "Tanggapan atas permintaan Anda: penukaran sepatu lari"
    )
    assert _render("exception_decline", "id", friendly=True).subject == (
        "Tanggapan atas permintaanmu: penukaran sepatu lari"
    )


def test_status_line_says_balasan() -> None:
    """The Indonesian status line reads "balasan paling lambat", not a subjectless "dibalas"."""
    for friendly in (False, True):
        status = _render("out_of_office", "id", channel="status", friendly=friendly).text
        assert "; balasan paling lambat Jumat, 27 Maret." in status
        assert "dibalas" not in status
