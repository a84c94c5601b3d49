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
        ("en", "We will call you back by Wednesday, January 13, 2027, 5:00 PM WIB at the latest."),
        ("en", "It is expected to arrive 12–14 January 2027. The refund is Rp150,000."),
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
    assert [f.rule for f in lint("x" * 101, locale="en", channel="status")] == ["status"]
    assert lint("x" * 100, locale="en", channel="status") == []


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
