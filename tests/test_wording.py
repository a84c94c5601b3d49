"""The wording a careful Indonesian customer-service lead asked for, one test per defect.

Each test renders an example context (``expectset.examples``), changed where the
defect needs it, and checks the words in the languages concerned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest

from expectset import BusinessCalendar, CallbackPromise, Contact, Window, render
from expectset.errors import InvalidContextError
from expectset.examples import EXAMPLE_NOW, example_context
from expectset.messages import MESSAGE_KINDS, Alternative
from expectset.promises import promise_delivery
from expectset.rendering import Message
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
    assert "will not arrive between 23 and 25 November 2026, as we first estimated." in delay
    assert "The new estimated arrival is between 27 and 30 November 2026." in delay
    away = _render("out_of_office", "en").preheader
    assert away.startswith("Rina is away from 16 to 20 March 2026 (office closed")


def test_single_choice_is_worded_in_the_singular() -> None:
    """With one alternative or choice, nobody is asked to pick "the option you prefer"."""
    decline = example_context("exception_decline")
    one = _render("exception_decline", "en", alternatives=decline["alternatives"][:1]).text
    assert "Reply to this email if you would like to use this option." in one
    assert "the option you prefer" not in one
    one_id = _render("exception_decline", "id", alternatives=decline["alternatives"][:1]).text
    assert "Silakan balas email ini jika Anda ingin menggunakan pilihan ini." in one_id
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
    assert message.subject == "Permintaanmu: penukaran sepatu lari"
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
    assert "Batas waktu di atas sudah memperhitungkan hari libur nasional dan cuti bersama" in (
        indonesian
    )
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
    assert "karena cuti bersama Idulfitri (tanggal belum ditetapkan)" in email.text
    assert "tanggal belum ditetapkan)" in email.preheader
    english = _render("out_of_office", "en", **changes).text
    assert "because of collective leave for Eid al-Fitr (date not yet confirmed)" in english
    spoken = _render("out_of_office", "id", channel="voicemail", **changes).text
    assert "Tanggal tersebut belum ditetapkan." in spoken


def test_exception_decline_states_the_time_limit_of_an_alternative() -> None:
    """An alternative open until a date says so: "paling lambat <date>" / "until <date>"."""
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
    assert "- exchange for another size (until Monday, 30 November 2026)" in english
    assert "This option is open until Monday, 30 November 2026." in english
    indonesian = _render(
        "exception_decline", "id", alternatives=(exchange, discount, "Tim kami dapat membantu.")
    ).text
    assert "- penukaran dengan ukuran lain (paling lambat Senin, 30 November 2026)" in indonesian
    assert "Pilihan ini dapat Anda ambil paling lambat Senin, 30 November 2026." in indonesian


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
