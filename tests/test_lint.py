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
    ],
)
def test_good_sentence_passes(locale: str, text: str) -> None:
    """Sentences written the house way have no findings."""
    assert lint(text, locale=locale) == []


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
