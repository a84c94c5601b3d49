"""Which language a short customer text is written in: Indonesian, English, or neither.

A leaf module shared by the renderer (a plain string given where the message renders
in another language is refused) and by :func:`~expectset.lint` (a sentence of one
language inside a message in the other). It counts words that belong to one language
only, so names, numbers, order ids and loanwords both languages use (``email``,
``voucher``, ``laptop``) say nothing.

Examples
--------
>>> language_of("nomor pesanan"), language_of("your order number"), language_of("INV/0042")
('id', 'en', None)
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["EN_WORDS", "ID_WORDS", "language_of", "word_counts"]

#: Common words that are Indonesian and not English (lower case).
ID_WORDS = frozenset(
    """
    yang dan untuk dengan kami anda kamu pesanan nomor atau dari ini itu akan sudah
    belum tidak ke di pada kemasan produk rusak kiriman hari kerja silakan mohon
    terima kasih paling lambat ukuran kemeja kurir baru bisa dapat kembali tukar
    sampai jika kalau juga agar karena oleh belanja barang harga pengiriman
    pengembalian dana bukti pembayaran alamat lengkap siapkan nama rekening tanggal
    bulan tahun perbaikan kapan sedang masih lagi saat setelah sebelum selama semua
    setiap mulai hanya ada apa bagaimana sebagai seperti tentang tetapi namun maaf
    halo salam kirim dikirim diterima menerima mengirim menghubungi hubungi balas
    pukul libur estimasi perkiraan diperkirakan tiba jadwal laporan pelanggan
    layanan
    """.split()  # noqa: SIM905 - a word list reads best as words
)
#: Common words that are English and not Indonesian (lower case).
EN_WORDS = frozenset(
    """
    the and your you for with please order number of to is are we our will be by
    from this that photos photo damaged box product have has not can if or in on at
    size shirt refund exchange delivery days day business return repair when what
    which while after before during all every only there how as like about but sorry
    hello send sent received receive contact reply holiday estimated expected arrive
    arrival schedule case customer service store ready following
    """.split()  # noqa: SIM905 - a word list reads best as words
)

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def word_counts(text: str) -> tuple[int, int]:
    """Count the words of ``text`` that are Indonesian only and English only."""
    indonesian = english = 0
    for word in _WORD.findall(text.lower()):
        if word in ID_WORDS:
            indonesian += 1
        elif word in EN_WORDS:
            english += 1
    return indonesian, english


def language_of(text: str) -> Literal["id", "en"] | None:
    """Return the language ``text`` is written in, or ``None`` when it shows none.

    The language with more words of its own wins; a tie (names, numbers, loanwords)
    is ``None``.
    """
    indonesian, english = word_counts(text)
    if indonesian > english:
        return "id"
    if english > indonesian:
        return "en"
    return None
