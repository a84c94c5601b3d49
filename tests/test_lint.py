"""lint(): each wording rule catches the sentences it is about, and passes good ones."""

from __future__ import annotations

import pytest

from expectset import lint
from expectset.rendering import Message


@pytest.mark.parametrize(
    ("locale", "text", "rule", "code"),
    [
        ("id", "Pesanan Anda pasti tiba Rabu, 13 Januari 2027.", "17", "absolute-word"),
        ("id", "Pengiriman dijamin 100% aman.", "17", "absolute-word"),
        ("id", "Paket tiba tepat waktu.", "17", "absolute-word"),
        ("id", "Kami akan segera menghubungi Anda.", "16", "no-deadline"),
        ("id", "Paket Anda tiba besok.", "18", "relative-date"),
        ("id", "Paket dikirim hari ini.", "18", "relative-date"),
        ("id", "Silahkan balas email ini.", "9", "spelling"),
        ("id", "Terimakasih atas pesanan Anda.", "9", "spelling"),
        ("id", "Paketnya udah dikirim.", "13", "slang"),
        ("id", "Paket kita sudah dikirim.", "12", "kita"),
        ("id", "Tiba pada 12/01/2027.", "1", "numeric-date"),
        ("id", "Tiba pada Selasa, 03 Maret 2027.", "1", "zero-padded-day"),
        ("id", "Tiba pada Selasa 3 Maret 2027.", "1", "weekday-comma"),
        ("id", "Tiba pada 3–5 Mar 2027.", "1", "short-month"),
        ("id", "Tiba pada Selasa, 3 maret 2027.", "2", "lowercase-name"),
        ("id", "Kami libur saat Idul Fitri.", "2", "holiday-spelling"),
        ("id", "Tiba 12 s/d 14 Januari 2027.", "5", "s-d"),
        ("id", "Tiba 12-14 Januari 2027.", "5", "hyphen-range"),
        ("id", "Kami buka jam 9 pagi.", "3", "jam-clock"),
        ("id", "Kami buka 09.00 pagi.", "3", "day-part"),
        ("id", "Kami menelepon pukul 9:00 AM WIB.", "3", "am-pm"),
        ("id", "Kami menelepon pukul 17:00 WIB.", "3", "colon-clock"),
        ("id", "Kami menelepon 17.00 WIB.", "3", "no-pukul"),
        ("id", "Kami menelepon pukul 17.00.", "4", "clock-without-zone"),
        ("id", "Ongkos kirim Rp. 18.000.", "7", "money"),
        ("id", "Ongkos kirim Rp18.000,00.", "7", "money"),
        ("id", "Pesanan anda sudah dikirim.", "8", "anda-lowercase"),
        ("id", "Halo Ibu Sari,", "8", "greeting-comma"),
        ("id", "Pesanan Anda sudah dikirim, cek resimu.", "10", "mixed-register"),
        ("id", "Mohon maaf atas keterlambatan. Sekali lagi mohon maaf.", "14", "apology-count"),
        (
            "id",
            "Mohon maaf atas keterlambatan. Mohon maaf juga atas ketidaknyamanannya.",
            "14",
            "apology-count",
        ),
        (
            "id",
            "Mohon maaf atas keterlambatan. Sebagai bentuk permohonan maaf, kami mengembalikan "
            "ongkos kirim. Sekali lagi mohon maaf.",
            "14",
            "apology-count",
        ),
        ("id", "Paket terlambat karena kelalaian kurir.", "15", "blame"),
        ("id", "3 hari kerja diperlukan.", "6", "digit-first"),
        ("id", "Halo, {{ name }},", "leak", "template-leak"),
        ("id", "Nomor pesanan: None.", "leak", "value-leak"),
        ("id", "Tiba pada %(date)s.", "leak", "format-leak"),
        ("en", "Your order is guaranteed to arrive.", "17", "absolute-word"),
        ("en", "We will call you back ASAP.", "17", "absolute-word"),
        ("en", "We will reply shortly.", "16", "no-deadline"),
        ("en", "It arrives tomorrow.", "18", "relative-date"),
        ("en", "It arrives on Tuesday 12 January 2027.", "1", "weekday-comma"),
        ("en", "It arrives on 3 Mar 2027.", "1", "short-month"),
        ("en", "We call at 17.00 WIB.", "3", "period-clock"),
        ("en", "We call at 5:00 PM.", "4", "clock-without-zone"),
        ("en", "This was your fault.", "15", "blame"),
        ("en", "We are sorry for the delay. We apologise for the trouble.", "14", "apology-count"),
        (
            "en",
            "We are sorry for the delay. As an apology, we refund the shipping cost. "
            "We apologise again.",
            "14",
            "apology-count",
        ),
        # Gaps closed after the copy review.
        (
            "id",
            "Kami akan menghubungi Anda paling lambat 2 hari kerja setelah balasan Anda.",
            "19",
            "business-days-undefined",
        ),
        ("en", "We will reply within 2 business days.", "19", "business-days-undefined"),
        ("id", "Tiba pada 30 Maret–2 April 2027.", "5", "range-spacing"),
        ("id", "Tiba pada 12 – 14 Januari 2027.", "5", "range-spacing"),
        ("id", "Tiba pada 12 –14 Januari 2027.", "5", "range-spacing"),
        ("en", "It arrives 30 March–2 April 2027.", "5", "range-spacing"),
        ("en", "It arrives 12 – 14 January 2027.", "5", "range-spacing"),
        ("en_US", "It arrives March 30–April 2, 2027.", "5", "range-spacing"),
        ("en_US", "It arrives January 12 – 14, 2027.", "5", "range-spacing"),
        ("id", "Kami akan membalas secepatnya.", "16", "no-deadline"),
        ("id", "Kami akan menghubungi Anda sesegera mungkin.", "16", "no-deadline"),
        ("id", "Paket Anda akan tiba dalam waktu dekat.", "16", "no-deadline"),
        ("id", "Paket Anda tiba pekan depan.", "18", "relative-date"),
        ("id", "Ongkos kirim Rp150,000.", "7", "money"),
        ("en", "The refund is Rp150.000.", "7", "money"),
        ("id", "Halo, Ibu Sari, silakan cek resimu.", "10", "mixed-register"),
        ("id", "Pesanan Anda sudah dikirim, siapkan KTP-mu.", "10", "mixed-register"),
        ("id", "Paket terlambat karena kesalahan pihak kurir.", "15", "blame"),
        ("en", "The delay was the courier's mistake.", "15", "blame"),
        ("en", "We will call you back by 5:00 PM WIB.", "3", "clock-style"),
        ("en_US", "We will call you back by 17:00 WIB.", "3", "clock-style"),
        ("en", "It arrives on Wednesday, January 13, 2027.", "1", "date-order"),
        ("en_US", "It arrives on Wednesday, 13 January 2027.", "1", "date-order"),
        ("id", "Kantor kami tutup pada Isra Miraj.", "2", "holiday-spelling"),
        ("id", "Kantor kami tutup pada Isra Mi'raj.", "2", "holiday-spelling"),
        ("id", "Kami buka pukul 09.00 TIDAK TERMASUK hari libur.", "4", "clock-without-zone"),
        # Facts, not only form: a weekday must be its date's (24 November 2026 is a Tuesday).
        ("id", "Paket tiba Senin, 24 November 2026.", "1", "weekday-mismatch"),
        ("en", "It arrives Monday, 24 November 2026.", "1", "weekday-mismatch"),
        ("en_US", "It arrives Monday, November 24, 2026.", "1", "weekday-mismatch"),
        ("id", "Kantor tutup Selasa–Kamis, 23–25 November 2026.", "1", "weekday-mismatch"),
        ("en", "We are closed Tuesday–Thursday, 23–25 November 2026.", "1", "weekday-mismatch"),
        ("en_US", "We are closed Tuesday–Thursday, November 23–25, 2026.", "1", "weekday-mismatch"),
        (
            "id",
            "Kantor tutup Selasa, 30 November – Rabu, 1 Desember 2026.",
            "1",
            "weekday-mismatch",
        ),
        ("id", "Kantor tutup Senin, 30 November – Rabu, 1 Desember 2026.", "1", "weekday-mismatch"),
        (
            "en_US",
            "We are closed Monday, November 30 – Tuesday, December 2, 2026.",
            "1",
            "weekday-mismatch",
        ),
        (
            "id",
            "Kantor tutup Rabu, 30 Desember 2026 – Jumat, 2 Januari 2027.",
            "1",
            "weekday-mismatch",
        ),
        (
            "id",
            "Kembali Rabu, 25 Maret 2026; dibalas paling lambat Jumat, 28 Maret.",
            "1",
            "weekday-mismatch",
        ),
        (
            "en",
            "Away 16–20 March 2026. Back Wednesday, 25 March; replies by Friday, 28 March.",
            "1",
            "weekday-mismatch",
        ),
        ("en", "It arrives Monday 24 November 2026.", "1", "weekday-mismatch"),
        ("id", "Tiba pada 31 Februari 2026.", "1", "invalid-date"),
        ("en_US", "It arrives April 31, 2027.", "1", "invalid-date"),
        ("id", "Tiba pada 25–23 November 2026.", "1", "invalid-date"),
        ("id", "Kami akan membalas dalam 1x24 jam.", "16", "vague-duration"),
        ("id", "Dana kembali dalam 2x24 jam.", "16", "vague-duration"),
        ("id", "Kami akan membalas dalam 1 x 24 jam.", "16", "vague-duration"),
        ("id", "Dana kembali dalam 2×24 jam.", "16", "vague-duration"),
        ("en", "We will reply within 1x24 hours.", "16", "vague-duration"),
        (
            "id",
            "Kami menelepon pukul 10.00 WIB pada Rabu, 13 Januari 2027, atau pukul 11.00 WITA.",
            "4",
            "mixed-zones",
        ),
        (
            "en",
            "We call at 10:00 WIB on Wednesday, 13 January 2027 or at 11:00 +07:00.",
            "4",
            "mixed-zones",
        ),
        (
            "en_US",
            "We call at 10:00 AM WIB on Wednesday, January 13, 2027 (11:00 AM WITA).",
            "4",
            "mixed-zones",
        ),
        ("id", "Ongkos kirim Rp150000.", "7", "money"),
        ("id", "Ongkos kirim IDR 150.000.", "7", "money"),
        ("id", "Ongkos kirim 150.000 rupiah.", "7", "money"),
        ("en", "The refund is IDR 50.000.", "7", "money"),
        ("en", "The refund is Rp 50.000.", "7", "money"),
        ("en", "The refund is Rp50000.", "7", "money"),
        ("en_US", "The refund is IDR 50,000.", "7", "money"),
        ("id", "Kami akan membalas paling lambat Senin.", "18", "weekday-without-date"),
        ("id", "Silakan kirim foto sebelum Jumat.", "18", "weekday-without-date"),
        ("id", "Kami akan menelepon Anda pada hari Senin.", "18", "weekday-without-date"),
        ("id", "Paket Anda tiba Senin depan.", "18", "weekday-without-date"),
        ("en", "We will reply by Monday.", "18", "weekday-without-date"),
        ("en", "We will call you on Monday.", "18", "weekday-without-date"),
        ("en_US", "It arrives next Monday.", "18", "weekday-without-date"),
        ("id", "Kami akan menelepon Anda pukul 17.00 WIB.", "18", "clock-without-date"),
        ("id", "Silakan kirim foto paling lambat pukul 17.00 WIB.", "18", "clock-without-date"),
        ("en", "Please send the photos by 17:00 WIB.", "18", "clock-without-date"),
        ("en_US", "We will call you back by 5:00 PM WIB.", "18", "clock-without-date"),
        ("en", "It takes 1 days.", "grammar", "plural"),
        ("en", "It takes 1 business days (Monday–Friday).", "grammar", "plural"),
        ("en_US", "It takes 1 hours.", "grammar", "plural"),
        ("en", "It takes 2 business day (Monday–Friday).", "grammar", "plural"),
        ("en", "It takes 1–2 business day (Monday–Friday).", "grammar", "plural"),
        ("id", "Kami mengirim 2 paket-paket.", "grammar", "plural"),
        ("id", "Estimasi 0–1 hari kerja (Senin–Jumat).", "6", "zero-duration"),
        ("id", "Estimasi 0 hari kerja (Senin–Jumat).", "6", "zero-duration"),
        ("en", "It takes 0 business days (Monday–Friday).", "6", "zero-duration"),
        ("en_US", "It takes 0–2 business days (Monday–Friday).", "6", "zero-duration"),
        ("en", "Dear Mr Budi,", "11", "title-first-name"),
        ("en_US", "Dear Mr. Budi,", "11", "title-first-name"),
        ("en", "Thank you, Ms Sari.", "11", "title-first-name"),
        (
            "en",
            "Please have the following ready:\n- nomor pesanan\n- photos",
            "language",
            "indonesian-word",
        ),
        ("en", "Hari kerja: Monday–Friday.", "language", "indonesian-word"),
        (
            "en",
            "We will reply paling lambat Monday, 23 November 2026.",
            "language",
            "indonesian-word",
        ),
        ("en", "Silakan reply to this email.", "language", "indonesian-word"),
        (
            "en_US",
            "We will call you back and update you dengan the details.",
            "language",
            "indonesian-word",
        ),
        ("en", "Thank you, Anda.", "language", "indonesian-word"),
        ("id", "Please balas email ini.", "language", "english-word"),
        ("id", "Terima kasih atas order Anda.", "language", "english-word"),
        ("id", "Pesanan Anda akan tiba and kami mengabari Anda.", "language", "english-word"),
        ("id", "Paket tiba Monday, 23 November 2026.", "language", "english-word"),
    ],
)
def test_bad_sentence_is_found(locale: str, text: str, rule: str, code: str) -> None:
    """Each bad sentence produces a finding that names its WORDING.md rule."""
    found = [(f.rule, f.code) for f in lint(text, locale=locale)]
    assert (rule, code) in found


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        (
            "id",
            "Kami akan menghubungi Anda kembali paling lambat Rabu, 13 Januari 2027, "
            "pukul 17.00 WIB.",
        ),
        ("id", "Pesanan diperkirakan tiba pada 30 Maret – 2 April 2027. Ongkos kirim Rp150.000."),
        ("id", "Halo, Kak Sari, terima kasih atas pesananmu."),
        ("id", "Kami bertemu tamu dari bagian ilmu data."),
        ("en_US", "We will call you back by 5:00 PM WIB on Wednesday, January 13, 2027."),
        ("en", "We will call you back by 17:00 WIB on Wednesday, 13 January 2027."),
        ("en", "It is expected to arrive 12–14 January 2027. The refund is Rp150,000."),
        # False positives fixed after the copy review.
        ("id", "Pukul 09.00 WIB kantor kami sudah buka kembali."),
        ("en", "None of our couriers deliver on Sundays."),
        ("id", "Anda dapat bertamu ke gudang kami."),
        ("id", "Anda dapat membaca kisah penemu produk ini."),
        ("id", "Anda dapat membeli produk ini di Tokomu."),
        ("id", "Isi paket Anda:\n1. Laptop\n2. Pengisi daya"),
        ("en", "The parcel weighs 4.50 kg."),
        (
            "id",
            "Kami akan membalas paling lambat 2 hari kerja (Senin–Jumat, tidak termasuk hari "
            "libur nasional dan cuti bersama).",
        ),
        ("id", "Kantor kami tutup pada Isra Mikraj."),
        # The fact checks leave the house forms alone.
        ("id", "Kantor tutup Senin–Selasa, 23–24 Maret 2026."),
        ("en", "We are closed Monday–Tuesday, 23–24 March 2026."),
        ("en_US", "We are closed Monday–Tuesday, March 23–24, 2026."),
        ("id", "Kantor tutup Selasa, 31 Maret – Rabu, 1 April 2026."),
        ("en_US", "We are closed Tuesday, March 31 – Wednesday, April 1, 2026."),
        ("id", "Kantor tutup Rabu, 30 Desember 2026 – Sabtu, 2 Januari 2027."),
        ("id", "Kembali Rabu, 25 Maret 2026; dibalas paling lambat Jumat, 27 Maret."),
        ("en_US", "Back Wednesday, March 25; replies by Friday, March 27."),
        ("id", "Tiba pada 28 Februari 2027 atau 29 Februari 2028."),
        ("id", "Libur:\n- 20 Maret 2026\n- 23 Maret 2026"),
        (
            "id",
            "Hari kerja kami adalah Senin–Jumat, tidak termasuk hari libur nasional dan cuti "
            "bersama.",
        ),
        (
            "en",
            "Our business days are Monday–Friday, excluding public holidays and cuti bersama "
            "(collective leave).",
        ),
        ("en", "Our business days exclude collective leave (cuti bersama)."),
        ("en", "Our business days exclude *cuti bersama*."),
        ("en", "Thank you for ordering from Toko Sari."),
        ("en", "Collective leave for Eid al-Fitr: Monday–Tuesday, 23–24 March 2026"),
        ("en", "Nyepi (Day of Silence): Thursday, 19 March 2026"),
        ("id", "Cuti bersama Idulfitri: Senin–Selasa, 23–24 Maret 2026"),
        ("en", "Hari will call you back by 14:00 WIB on Wednesday, 13 January 2027."),
        ("id", "Pesanan Anda dari The Body Shop sudah dikirim."),
        ("en", "We will call you back by 14:00 WIB on Wednesday, 13 January 2027 at the latest."),
        ("id", "Kurir tidak mengirim pada hari Minggu."),
        ("id", "Kami buka Senin sampai Jumat."),
        ("en", "We are closed every Sunday."),
        ("en", "Couriers do not deliver on Sundays."),
        ("id", "Kantor kami tutup pada Jumat Agung."),
        ("id", "Promo Black Friday berlaku sampai Jumat, 27 November 2026."),
        ("id", "Kami buka pukul 09.00 WIB."),
        ("en", "Dear Mr Budi Santoso,"),
        ("en_US", "Dear Ms. Sari Rahayu,"),
        ("en", "Hi Budi,"),
        ("en", "It takes 1 business day (Monday–Friday)."),
        ("en", "It takes 2–4 business days (Monday–Friday)."),
        ("en", "The parcel takes a 24 hour flight."),
        ("id", "Ongkos kirim Rp150.000,50."),
        ("en", "Call us on 021-555-1234 ext. 12. We answer every day."),
        ("id", "Hubungi kami di 021-555-1234 ext. 12."),
        ("id", "Alamat gudang: Jl. Merdeka No. 5."),
        ("id", "Kami mengirim pesan melalui email dan WhatsApp ke halo@tokosari.id."),
        # Naming what a compensation is for is not a second apology (rule 14).
        (
            "id",
            "Mohon maaf atas keterlambatan pesanan Anda. Sebagai bentuk permohonan maaf, kami "
            "akan mengembalikan ongkos kirim sebesar Rp18.000 paling lambat Jumat, 27 November "
            "2026.",
        ),
        (
            "id",
            "Mohon maaf atas kesalahan kami. Sebagai permohonan maaf, kami memberikan voucher "
            "senilai Rp50.000.",
        ),
        (
            "en",
            "We are sorry that your order is late. As an apology, we will refund your shipping "
            "cost of Rp18,000 by Friday, 27 November 2026 at the latest.",
        ),
        ("en", "We apologise for our mistake. By way of apology, here is a voucher for Rp50,000."),
    ],
)
def test_good_sentence_passes(locale: str, text: str) -> None:
    """Sentences written the house way have no findings."""
    assert lint(text, locale=locale) == []


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("id", "Harga Rp. 50.000,00 berlaku sampai Jumat, 27 November 2026."),
        ("en", "The price Rp. 50,000 applies."),
    ],
)
def test_abbreviated_rupiah_is_a_money_finding_not_a_sentence_start(locale: str, text: str) -> None:
    """'Rp. 50.000' breaks the money rule (7), but the period after Rp ends no sentence (6)."""
    codes = {f.code for f in lint(text, locale=locale)}
    assert "money" in codes
    assert "digit-first" not in codes


def test_status_limit_is_the_out_of_office_limit() -> None:
    """A chat status is measured against the limit the out-of-office renderer fits."""
    from expectset.outofoffice import STATUS_LIMIT

    line = "Back Wednesday, 25 March; replies by Friday, 27 March. Urgent: Budi "
    fits = line + "x" * (STATUS_LIMIT - len(line))
    assert lint(fits, locale="en", channel="status") == []
    assert [f.code for f in lint(fits + "x", locale="en", channel="status")] == ["status-length"]


def test_mixed_zones_are_found_across_the_parts_of_a_message() -> None:
    """A subject in WIB and a text in WITA is one message with two zones."""
    message = Message(
        kind="callback_promise",
        locale="id",
        channel="email",
        subject="Kami menelepon paling lambat Rabu, 13 Januari 2027, pukul 14.00 WIB",
        preheader="",
        text="Kami akan menelepon Anda paling lambat Rabu, 13 Januari 2027, pukul 15.00 WITA.\n",
        html="",
    )
    found = [(f.code, f.excerpt, f.where) for f in lint(message)]
    assert found == [("mixed-zones", "WITA", "text:1:75")]


def test_voicemail_channel_refuses_what_a_voice_stumbles_on() -> None:
    """In a voicemail script, zones, digit groups and symbols are findings."""
    text = "Silakan telepon Budi di 0812-3456-7890 sebelum pukul 17.00 WIB / email budi@toko.id."
    codes = {(f.rule, f.excerpt) for f in lint(text, locale="id", channel="voicemail")}
    assert {("voice", "WIB"), ("voice", "/"), ("voice", "@"), ("voice", "2-3")} <= codes


def test_status_longer_than_100_characters_is_a_finding() -> None:
    """A chat status is one line of at most 100 characters."""
    line = "Back Wednesday, 25 March; replies by Friday, 27 March. Urgent: " + "x" * 60
    assert [f.rule for f in lint(line, locale="en", channel="status")] == ["status"]
    assert lint(line[:100], locale="en", channel="status") == []


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("id", "Tidak di kantor 16–20 Maret 2026, kembali Rabu, 25 Maret 2026. Mendesak: Budi"),
        ("en", "Away 16–20 March 2026, back Wednesday, 25 March 2026. Urgent: Budi"),
        ("en_US", "Back Wednesday, March 25; replies soon. Urgent: Budi"),
    ],
)
def test_status_without_a_reply_date_is_a_finding(locale: str, line: str) -> None:
    """A chat status says by which date a reply comes (rule 22), not only the return."""
    found = [(f.rule, f.code) for f in lint(line, locale=locale, channel="status")]
    assert ("22", "status-reply-date") in found


def test_lint_reads_the_visible_html_and_the_html_source() -> None:
    """Findings in the HTML body and leaks in the raw HTML are reported with their place."""
    message = Message(
        kind="follow_up",
        locale="id",
        channel="email",
        subject="Kasus CS-1",
        preheader="Satu pertanyaan.",
        text="Halo, Ibu Sari,\n",
        html="<html><head><title>x</title></head><body><p>Kami hubungi besok.</p>"
        '<a href="{{ url }}">tautan</a></body></html>',
    )
    found = {(f.rule, f.where.split(":")[0]) for f in lint(message)}
    assert ("18", "html") in found
    assert ("leak", "html-source") in found


def test_plain_text_needs_a_locale() -> None:
    """Plain text cannot be checked without knowing its language."""
    with pytest.raises(ValueError, match="locale"):
        lint("Halo")
