"""Check a rendered message against the wording rules (WORDING.md).

:func:`lint` returns a list of :class:`Finding`; an empty list means the message passed
every check. Each finding names the WORDING.md rule it breaks (``rule="17"``), a short
code, the offending text and where it is (``text:3:14`` is line 3, column 14 of the
plain text). Use it on messages from your own templates and catalogs too::

    problems = expectset.lint(renderer.render("delivery_estimate", ...))

Rules checked, by language: absolute words (17) and promises without a deadline (16),
including ``1x24 jam`` (16); bare relative dates (18), and a weekday or a clock time
the reader acts on with no date in its sentence (18); standard spellings (9), slang
(13) and ``kita`` (12); dates in the house format (1, 2), in the locale's order
(``13 January`` in ``en``, ``January 13`` in ``en_US``), that exist and whose weekday
is the date's (1); ranges without ``s/d`` and with the house dash spacing (5); clock
times with ``pukul``, a period and a zone (3, 4), the 24-hour clock in ``en`` and
AM/PM in ``en_US``, and one zone per message (4); money in the locale's house format
(7); ``Anda`` capitalised and greetings with a comma (8); one register per message
(10); an English title before a full name, not a first name alone (11); one apology
(14); no blame (15); no sentence that starts with a digit (6) and no duration that
starts at zero (6); a count of business days says what a business day is (19); a chat
status says when a reply comes (22). Besides the rules: nothing left over from a
template (``{{``, ``%(``, ``None``: ``rule="leak"``), a voicemail script with nothing a
voice would stumble on (``rule="voice"``), a chat status on one line of at most 100
characters (``rule="status"``), English plurals after numbers (``1 days``:
``rule="grammar"``) and no Indonesian sentence in an English message or English one in
an Indonesian message (``rule="language"``).

For the facts behind a message (dates already past, a deadline on a closed day), see
:func:`expectset.checking.check_message`.

Examples
--------
>>> for finding in lint("Pesanan Anda pasti tiba besok.", locale="id"):
...     print(finding.rule, finding.code, repr(finding.excerpt), finding.where)
17 absolute-word 'pasti' text:1:14
18 relative-date 'besok' text:1:25
>>> for finding in lint("Kami akan membalas paling lambat Senin, 24 November 2026.", locale="id"):
...     print(finding.rule, finding.code, repr(finding.excerpt), finding.where)
1 weekday-mismatch 'Senin, 24 November 2026' text:1:34
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._reading import (
    ZONE,
    ZONE_TOKEN,
    Timed,
    first_zone,
    grammar,
    message_parts,
    position,
    read_dates,
    read_times,
    weekday_mismatch,
    zones,
)
from .formatting import Language, LocaleInfo

if TYPE_CHECKING:
    from .rendering import Message

__all__ = ["Finding", "lint"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One place where a message breaks a wording rule."""

    rule: str
    code: str
    excerpt: str
    where: str
    explanation: str = ""

    def __repr__(self) -> str:
        return (
            f"Finding(rule={self.rule!r}, code={self.code!r}, excerpt={self.excerpt!r}, "
            f"where={self.where!r})"
        )

    def __str__(self) -> str:
        return f"{self.where}: rule {self.rule} ({self.code}): {self.excerpt!r}: {self.explanation}"


@dataclass(frozen=True, slots=True)
class _Check:
    rule: str
    code: str
    pattern: re.Pattern[str]
    explanation: str


def _c(rule: str, code: str, pattern: str, explanation: str, flags: int = 0) -> _Check:
    return _Check(rule, code, re.compile(pattern, flags), explanation)


_I = re.IGNORECASE
_ID_MONTHS = (
    "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
)
_EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ID_DAYS = "Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu"
_EN_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"

_COMMON: tuple[_Check, ...] = (
    _c("leak", "template-leak", r"\{\{|\}\}|\{%|%\}|\{#|#\}", "template syntax left in the text"),
    _c("leak", "format-leak", r"%\(\w+\)[sd]|%[sd]\b", "a gettext placeholder was not filled"),
    _c(
        "leak",
        "value-leak",
        r"\bNone\b(?!\s+of\b)|\bnan\b|\bNaN\b|\bundefined\b|object at 0x|<built-in",
        "a missing value was rendered as text",
    ),
    _c("1", "numeric-date", r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", "write dates with the month name"),
    _c("1", "iso-date", r"\b\d{4}-\d{2}-\d{2}\b", "write dates with the month name"),
    _c("5", "s-d", r"\bs/d\b|\bs\.d\.", "write ranges with an en dash or 'sampai'"),
    _c(
        "5",
        "range-spacing",
        r"(?<=\S)–\s|(?<=\s)–(?=\S)",
        "an en dash has a space on both sides or on neither",
    ),
    _c("17", "absolute-word", r"(?<!\d)100\s?%", "no absolute promise without a real guarantee"),
    _c(
        "16",
        "vague-duration",
        r"(?=\d)\b\d+\s*[x×]\s*24\s*(?:jam|hours?)\b",
        "say the deadline date and time instead ('paling lambat Rabu, 13 Januari 2027, "
        "pukul 17.00 WIB' / 'by 17:00 WIB on Wednesday, 13 January 2027')",
        _I,
    ),
)

_ID: tuple[_Check, ...] = (
    _c(
        "17", "absolute-word", r"\b(?:pasti|dijamin|tepat waktu)\b", "hedge what others control", _I
    ),
    _c(
        "16",
        "no-deadline",
        r"\b(?:segera|secepatnya|sesegera mungkin|dalam waktu dekat)\b",
        "give a deadline ('paling lambat ...')",
        _I,
    ),
    _c(
        "18",
        "relative-date",
        r"\b(?:besok|lusa|kemarin|hari ini|minggu depan|minggu ini|pekan depan|pekan ini"
        r"|bulan depan|bulan ini|nanti)\b",
        "give the weekday and date",
        _I,
    ),
    _c(
        "9",
        "spelling",
        r"\b(?:silahkan|terimakasih|trimakasih)\b",
        "write 'silakan', 'terima kasih'",
        _I,
    ),
    _c(
        "13",
        "slang",
        r"\b(?:nggak|gak|enggak|udah|banget|aja|makasih|gimana|kalo|yg|dgn|tdk|krn)\b",
        "no slang or chat abbreviations",
        _I,
    ),
    _c("12", "kita", r"\bkita\b", "the company is 'kami', never 'kita'", _I),
    _c("1", "zero-padded-day", rf"\b0\d\s+(?:{_ID_MONTHS})\b", "no leading zero in the day"),
    _c("1", "weekday-comma", rf"\b(?:{_ID_DAYS})\s+\d", "a comma follows the weekday"),
    _c(
        "1",
        "short-month",
        r"\b\d{1,2}(?:–\d{1,2})?\s+(?:Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Sep|Okt|Nov|Des)\b",
        "write the month in full",
    ),
    _c(
        "2",
        "lowercase-name",
        rf"\b\d{{1,2}}\s+(?:{_ID_MONTHS.lower()})\b|\b(?:{_ID_DAYS.lower()}),",
        "day and month names take a capital",
    ),
    _c(
        "2",
        "holiday-spelling",
        r"\bIdul\s+Fitri\b|\bIdul\s+Adha\b|\bRamadhan\b|\bJum'at\b|\bIsra'?\s+Mi'?raj\b",
        "KBBI spellings: Idulfitri, Iduladha, Ramadan, Jumat, Isra Mikraj",
        _I,
    ),
    _c(
        "5",
        "hyphen-range",
        rf"\b\d{{1,2}}\s?-\s?\d{{1,2}}\s+(?:{_ID_MONTHS})",
        "ranges take an en dash",
    ),
    _c(
        "5",
        "range-spacing",
        rf"\b\d{{1,2}}\s+–\s+\d{{1,2}}\s+(?:{_ID_MONTHS})\b",
        "no spaces around the dash within one month: '12–14 Januari 2027'",
    ),
    _c(
        "5",
        "range-spacing",
        rf"\b(?:{_ID_MONTHS})(?:\s+\d{{4}})?–\s*\d",
        "spaces around the dash across months: '30 Maret – 2 April 2027'",
    ),
    _c(
        "3",
        "jam-clock",
        r"\bjam\s+\d{1,2}(?:[.:]\d{2})?\s*(?:pagi|siang|sore|malam)?",
        "write 'pukul 09.00 WIB'",
        _I,
    ),
    _c(
        "3",
        "day-part",
        r"\b\d{1,2}[.:]\d{2}\s+(?:pagi|siang|sore|malam)\b",
        "24-hour clock, no 'pagi'",
        _I,
    ),
    _c(
        "3",
        "am-pm",
        r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:AM|PM|a\.m\.|p\.m\.)",
        "24-hour clock in Indonesian",
    ),
    _c(
        "3",
        "colon-clock",
        r"(?<![\w.,:])\d{1,2}:\d{2}(?!\d)",
        "Indonesian clock times use a period: 17.00",
    ),
    _c(
        "3",
        "no-pukul",
        rf"(?<![Pp]ukul )(?<![\w.,:])\d{{1,2}}\.\d{{2}}\s+{ZONE}",
        "write 'pukul 17.00 WIB'",
    ),
    _c(
        "7",
        "money",
        r"\bRp\.|\bRp\s+\d(?:[\d.,]*\d)?|\bRp[\d.]+,00\b|\bRp\d{1,3}(?:,\d{3})+(?!\d|,\d)",
        "write 'Rp150.000'",
    ),
    _c(
        "7",
        "money",
        r"(?=[RI\d])(?:\bRp\d{4,}|\bIDR\s?\d(?:[\d.,]*\d)?|\d\s?[Rr]upiah\b)",
        "write 'Rp150.000': Rp, no space, a period between thousands",
    ),
    _c(
        "6",
        "zero-duration",
        r"(?=0)(?<![\d.,])\b0\s*(?:[–-]\s*\d+\s*)?(?:hari|jam|menit|minggu|bulan)\b",
        "a duration does not start at zero: give the date ('paling lambat ...') or 1",
    ),
    _c(
        "grammar",
        "plural",
        r"\b\d+\s+([a-z]+)-\1\b",
        "no reduplicated plural after a number: '2 paket', not '2 paket-paket'",
    ),
    _c("8", "anda-lowercase", r"\banda\b", "'Anda' is always capitalised"),
    _c(
        "8",
        "greeting-comma",
        r"^Halo\s+(?:Bapak|Ibu|Kak)\b",
        "comma after 'Halo': 'Halo, Ibu Sari,'",
        re.M,
    ),
    _c(
        "15",
        "blame",
        r"\b(?:kesalahan|kelalaian)\s+(?:dari\s+)?(?:pihak\s+)?"
        r"(?:Anda|kamu|kurir|ekspedisi|jasa pengiriman|petugas|staf)\b|\bkarena (?:Anda|kamu)\b",
        "no blame on the customer, couriers or staff",
        _I,
    ),
)

_EN: tuple[_Check, ...] = (
    _c(
        "17",
        "absolute-word",
        r"\b(?:guaranteed?|definitely|certainly|ASAP|right away)\b",
        "hedge what others control",
        _I,
    ),
    _c(
        "16",
        "no-deadline",
        r"\b(?:as soon as possible|shortly|soon)\b",
        "give a deadline ('by ...')",
        _I,
    ),
    _c(
        "18",
        "relative-date",
        r"\b(?:tomorrow|yesterday|today|tonight|next week|this week|next month|this weekend)\b",
        "give the weekday and date",
        _I,
    ),
    _c(
        "1",
        "zero-padded-day",
        rf"\b0\d\s+(?:{_EN_MONTHS})\b|\b(?:{_EN_MONTHS})\s+0\d\b",
        "no leading zero",
    ),
    _c(
        "1",
        "weekday-comma",
        rf"\b(?:{_EN_DAYS})\s+(?:\d|{_EN_MONTHS})",
        "a comma follows the weekday",
    ),
    _c(
        "1",
        "short-month",
        r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d|\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b",
        "write the month in full",
    ),
    _c(
        "5",
        "hyphen-range",
        rf"\b\d{{1,2}}\s?-\s?\d{{1,2}}\s+(?:{_EN_MONTHS})",
        "ranges take an en dash",
    ),
    _c(
        "5",
        "range-spacing",
        rf"\b\d{{1,2}}\s+–\s+\d{{1,2}}\s+(?:{_EN_MONTHS})\b"
        rf"|\b(?:{_EN_MONTHS})\s+\d{{1,2}}\s+–\s+\d{{1,2}},",
        "no spaces around the dash within one month: '12–14 January 2027'",
    ),
    _c(
        "5",
        "range-spacing",
        rf"\b(?:{_EN_MONTHS})(?:\s+\d{{4}})?–\s*\d|\b\d{{1,2}}(?:,\s+\d{{4}})?–\s*(?:{_EN_MONTHS})\b",
        "spaces around the dash across months: '30 March – 2 April 2027'",
    ),
    _c(
        "3",
        "period-clock",
        rf"(?<![\w.,:])\d{{1,2}}\.\d{{2}}\s+{ZONE}",
        "English clock times use a colon",
    ),
    _c(
        "7",
        "money",
        r"\bRp\.|\bRp\s+\d(?:[\d.,]*\d)?|\bRp[\d,]+\.00\b|\bRp\d{1,3}(?:\.\d{3})+(?!\d|\.\d)",
        "write 'Rp150,000'",
    ),
    _c(
        "7",
        "money",
        r"(?=[RI\d])(?:\bRp\d{4,}|\bIDR\s?\d(?:[\d.,]*\d)?|\d\s?[Rr]upiah\b)",
        "write 'Rp150,000': Rp, no space, a comma between thousands",
    ),
    _c(
        "6",
        "zero-duration",
        r"(?=0)(?<![\d.,])\b0\s*(?:[–-]\s*\d+\s*)?(?:(?:business|working|calendar)\s+)?"
        r"(?:days?|hours?|minutes?|weeks?|months?)\b",
        "a duration does not start at zero: give the date ('by ...') or 1",
    ),
    _c(
        "grammar",
        "plural",
        r"(?=1)(?<![\d.,–-])\b1\s+(?:(?:business|working|calendar)\s+)?"
        r"(?:days|hours|minutes|weeks|months|years)\b",
        "one takes the singular: '1 business day'",
    ),
    _c(
        "grammar",
        "plural",
        r"(?=\d)(?<![\d.,])(?<!\ba )(?<!\ban )\b(?:\d+–)?(?:0|[2-9]|\d{2,})(?:\.\d+)?\s+"
        r"(?:(?:business|working|calendar)\s+)?(?:day|hour|minute|week|month|year)\b(?![-'’])",
        "more than one takes the plural: '2 business days'",
    ),
    _c(
        "11",
        "title-first-name",
        r"(?=[MD])\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+[A-Z][a-z]+(?:['’-][A-Za-z]+)*"
        r"(?=[ \t]*[,.;:!?)]|[ \t]*$)",
        "an English title goes with the full name as given ('Dear Ms Sari Rahayu'); "
        "with a first name alone, write 'Hi Sari'",
        re.M,
    ),
    _c(
        "15",
        "blame",
        r"\byour (?:fault|mistake)\b|\bthe courier's (?:fault|mistake)\b"
        r"|\b(?:fault|mistake) of the courier\b",
        "no blame",
        _I,
    ),
)

_ZONE_AFTER = re.compile(rf"\s*{ZONE}")
_APOLOGY = {
    "id": re.compile(r"\bmaaf\b", _I),
    "en": re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b", _I),
}
# Naming what a compensation is for ("Sebagai bentuk permohonan maaf, kami akan
# mengembalikan ...", "As an apology, we will refund ...") is not a second apology.
_APOLOGY_PURPOSE = {
    "id": re.compile(r"\bsebagai\s+(?:bentuk\s+)?permohonan\s+maaf\b", _I),
    "en": re.compile(r"\b(?:as\s+an|by\s+way\s+of)\s+apology\b", _I),
}
# Formal address: Anda, Bapak/Ibu, or Bapak or Ibu before a name (Ibu Sari).
_FORMAL = re.compile(r"\bAnda\b|\bBapak/Ibu\b|\b(?:Bapak|Ibu)\s+[A-Z]\w*")
# Friendly address: kamu, Kak, and -mu after a word (resimu, KTP-mu).
_FRIENDLY = re.compile(r"\bkamu\b|\bKak\b|\b\w{2,}-?mu\b", _I)
# Words that end in -mu without being "your": checked as endings, so that their
# derived forms pass too (tamu, bertamu; temu, bertemu, penemu).
_NOT_MU = (
    "ilmu",
    "tamu",
    "jamu",
    "temu",
    "jemu",
    "semu",
    "ramu",
    "kemu",
    "lamu",
    "umu",
    "timu",
    "rumu",
    "rimu",
    "emu",
)
_VOICE = re.compile(
    r"[/–—@%&#*_|<>\[\]{}]|\d[.:,/-]\d|https?://|www\.|"
    r"\b(?:WIB|WITA|WIT|Rp|IDR|dll|dsb|dst|yth|Yth|No\.|e\.g\.|etc\.|ASAP|SMS|CS)\b"
)
_SENTENCE_DIGIT = re.compile(r"(?:^|[.!?]\s+)(\d)", re.M)
# "1. Laptop ..." or "2) ...": a numbered list item, not a sentence.
_LIST_NUMBER = re.compile(r"\d+[.)]\s")
_PARAGRAPH = re.compile(r"\n\s*\n")
_BUSINESS_COUNT = {
    "id": re.compile(r"\b\d+(?:[.,]\d+)?(?:–\d+)?\s+hari kerja\b", _I),
    "en": re.compile(r"\b\d+(?:\.\d+)?(?:–\d+)?\s+(?:business|working) days?\b", _I),
}
_WEEKDAY = {
    "id": re.compile(rf"\b(?:{_ID_DAYS})\b"),
    "en": re.compile(rf"\b(?:{_EN_DAYS})\b"),
}
_STATUS_REPLY = {
    "id": re.compile(
        rf"\b(?:dibalas|membalas|balasan)\b[^.;]*?\b\d{{1,2}}\s+(?:{_ID_MONTHS})\b", _I
    ),
    "en": re.compile(
        rf"\brepl(?:y|ies)\b[^.;]*?(?:\b\d{{1,2}}\s+(?:{_EN_MONTHS})\b|\b(?:{_EN_MONTHS})\s+\d{{1,2}}\b)",
        _I,
    ),
}
# English dates and times by locale: en (en_GB) writes 13 January and 15:00; en_US
# writes January 13 and 3:00 PM.
_DAY_FIRST = re.compile(rf"\b\d{{1,2}}(?:–\d{{1,2}})?\s+(?:{_EN_MONTHS})\b")
_MONTH_FIRST = re.compile(rf"\b(?:{_EN_MONTHS})\s+\d{{1,2}}(?:–\d{{1,2}})?\b(?![:.]\d)")
_CLOCK_12H = re.compile(r"\b\d{1,2}:\d{2}\s*(?:AM|PM|a\.m\.|p\.m\.)", _I)
_CLOCK_24H = re.compile(r"(?<![\w.:])\d{1,2}:\d{2}(?!\d)(?!\s*(?:AM|PM|a\.m\.|p\.m\.))", _I)
# A period after these words ends an abbreviation, not a sentence ("Rp. 50.000", "ext. 12").
_ABBREVIATIONS = frozenset(
    ("rp", "ext", "no", "jl", "mr", "mrs", "ms", "dr", "tel", "telp", "hlm", "hal", "kec", "kab")
)
_WORD_BEFORE_DOT = re.compile(r"(\w+)\.$")
_BREAK = re.compile(r"\n|[.!?]+(?=\s|$)")
_FUTURE = re.compile(r"\b(?:akan|will|harap|mohon|please|silakan)\b", _I)
_RECURRING = re.compile(
    r"\b(?:setiap|tiap|every|each|daily|harian|same\s+(?:business\s+)?day|hari\s+yang\s+sama)\b",
    _I,
)
_CLOCK_RANGE_AFTER = re.compile(
    rf"(?:{ZONE_TOKEN.pattern})?\s*[–-]\s*(?:pukul\s+)?\d{{1,2}}[.:]\d{{2}}"
)
_CLOCK_RANGE_BEFORE = re.compile(
    rf"\d{{1,2}}[.:]\d{{2}}(?:\s*(?:AM|PM))?(?:{ZONE_TOKEN.pattern})?\s*[–-]\s*(?:pukul\s+)?$"
)
_CLOCK_DEADLINE_BEFORE = {
    "id": re.compile(
        r"\b(?:paling\s+lambat|selambat-lambatnya|sebelum|sampai(?:\s+dengan)?|hingga)"
        r"\s+(?:pukul\s+)?$",
        _I,
    ),
    "en": re.compile(r"\b(?:by|before|until|till|no\s+later\s+than)\s+(?:at\s+)?$", _I),
}
_AT_THE_LATEST = re.compile(r"\bat\s+the\s+latest\b|\bpaling\s+lambat\b", _I)
_NAMED_DAY = re.compile(
    r"(?=[A-Z])\b(?:Black\s+Friday|Good\s+Friday|Cyber\s+Monday|Easter\s+Sunday|Palm\s+Sunday"
    r"|Jumat\s+Agung|Kamis\s+Putih|Minggu\s+Palma)\b"
)
_EVERY_BEFORE = re.compile(r"\b(?:setiap|tiap|every|each)\s+(?:hari\s+)?$", _I)
_WEEKDAY_DEADLINE_BEFORE = {
    "id": re.compile(
        r"\b(?:paling\s+lambat|selambat-lambatnya|sebelum|sampai(?:\s+dengan)?|hingga|mulai"
        r"|kembali|dibalas|tiba)\s+(?:pada\s+)?(?:hari\s+)?$",
        _I,
    ),
    "en": re.compile(
        r"\b(?:by|before|until|till|no\s+later\s+than|on\s+or\s+before|starting|from|back"
        r"|arrives?|next|this|coming)\s+(?:on\s+)?$",
        _I,
    ),
}
# How far before a weekday or a time to look for the word that makes it a deadline.
_LOOK_BACK = 40
_WEEKDAY_RELATIVE_AFTER = re.compile(r"\s+(?:depan|ini|nanti|mendatang)\b")


# ----------------------------------------------------------------- sentences
def _abbreviation_before(text: str, dot: int) -> bool:
    word = _WORD_BEFORE_DOT.search(text, max(0, dot - 12), dot + 1)
    return word is not None and word.group(1).lower() in _ABBREVIATIONS


def _sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence or line; a period after ``Rp``/``No`` ends none."""
    spans = []
    start = 0
    for match in _BREAK.finditer(text):
        if match.group(0).startswith(".") and _abbreviation_before(text, match.start()):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# ------------------------------------------------------------------ language
def _words(*lines: str) -> frozenset[str]:
    return frozenset(" ".join(lines).split())


# Words that are clearly Indonesian (in an English message) or clearly English (in an
# Indonesian one), lower case. Names ("Toko Sari", "Nyepi") are in neither list.
_FOREIGN: dict[Language, frozenset[str]] = {
    "en": _words(
        "yang dan untuk dengan kami anda kamu silakan pukul paling lambat nomor pesanan"
        " hari kerja terima kasih mohon maaf akan sudah belum tidak atau dari pada ini"
        " itu kepada melalui jika kembali tanggal sampai hingga sebelum setelah dapat"
        " bisa adalah pengiriman estimasi diperkirakan tiba paket kurir resi libur"
        " nasional kabar berikutnya balas hubungi menghubungi juga dalam bapak ibu kak"
        " senin selasa rabu kamis jumat sabtu minggu januari februari maret mei juni"
        " juli agustus oktober desember"
    ),
    "id": _words(
        "the and your you please order orders by with we our will for of to is are"
        " thank thanks business days latest dear regards estimated expected arrive"
        " monday tuesday wednesday thursday friday saturday sunday january february"
        " march may june july august october december"
    ),
}
# Foreign words that count even when capitalised in mid-sentence (not names).
_ALWAYS_FOREIGN: dict[Language, frozenset[str]] = {
    "en": _words(
        "Anda Kak Senin Selasa Rabu Kamis Jumat Sabtu Minggu Januari Februari Maret"
        " Juni Juli Agustus Oktober Desember"
    ),
    "id": _words(
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February"
        " March June July August October December"
    ),
}
_FOREIGN_WORD: dict[Language, re.Pattern[str]] = {
    language: re.compile(rf"\b(?:{'|'.join(sorted(words, key=len, reverse=True))})\b", _I)
    for language, words in _FOREIGN.items()
}
# Listed words that are also names, and count as half a word even at a sentence start.
_NAME_LIKE = frozenset(("hari", "dan", "mei", "may", "will", "dari"))
_LOWER_WORD = re.compile(r"[a-z]+")
# Text a foreign word may stand in: a gloss in parentheses, italics, quotes, addresses.
_SHIELD = re.compile(
    r"\([^()\n]*\)|\*[^*\n]+\*|(?<!\w)_[^_\n]+_(?!\w)|“[^”\n]*”|\"[^\"\n]*\"|(?<!\S)[^\s@/]*[@/]\S*"
)
_SHIELD_CHARS = frozenset('()*_“"@/')
# Up to three words right before a parenthesised gloss: "cuti bersama (collective leave)".
_BEFORE_GLOSS = re.compile(r"\b[A-Za-z]+(?:\s+[A-Za-z]+){0,2}\s*$")
_GLOSS_LOOK_BACK = 60
_LIST_MARK = re.compile(r"\s*(?:[-*•]|\d+[.)])?\s*")


def _masked(text: str) -> str:
    """``text`` with glosses, italics, quotes and addresses blanked (same length)."""
    spans = [m.span() for m in _NAMED_DAY.finditer(text)]
    if not _SHIELD_CHARS.isdisjoint(text):
        spans.extend(m.span() for m in _SHIELD.finditer(text))
        at = text.find("(")
        while at >= 0:
            start = max(0, at - _GLOSS_LOOK_BACK)
            words = _BEFORE_GLOSS.search(text, start, at)
            if words:
                spans.append(words.span())
            at = text.find("(", at + 1)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _foreign_words(
    text: str, language: Language, sentences: list[tuple[int, int]]
) -> Iterator[tuple[int, str]]:
    """``(index, excerpt)`` of each sentence that has words of the other language."""
    if _FOREIGN[language].isdisjoint(_LOWER_WORD.findall(text.lower())):
        return  # the common case, found without a regex per listed word
    always = _ALWAYS_FOREIGN[language]
    masked = _masked(text)
    found = list(_FOREIGN_WORD[language].finditer(masked))
    if not found:
        return
    at = 0
    for start, end in sentences:
        head = _LIST_MARK.match(masked, start)
        sentence_start = head.end() if head else start
        score = 0.0
        hits: list[re.Match[str]] = []
        while at < len(found) and found[at].start() < end:
            match = found[at]
            at += 1
            word = match.group(0)
            # A capitalised word in mid-sentence may be a name: it counts half.
            full = word in always or word.islower()
            full = full or (match.start() == sentence_start and word.lower() not in _NAME_LIKE)
            score += 1.0 if full else 0.5
            hits.append(match)
        if score >= 1:
            first, last = hits[0], hits[-1]
            excerpt = text[first.start() : last.end()]
            if len(excerpt) > 40:
                excerpt = first.group(0)
            yield first.start(), excerpt


# ------------------------------------------------------- weekday or time, no date
def _undated_weekdays(
    text: str, language: Language, sentences: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """Weekdays the reader acts on ("paling lambat Senin", "by Monday") with no date."""
    dates = grammar(language)
    deadline = _WEEKDAY_DEADLINE_BEFORE[language]
    named = [m.span() for m in _NAMED_DAY.finditer(text)]
    for start, end in sentences:
        future = _FUTURE.search(text, start, end) is not None
        for match in dates.weekday.finditer(text, start, end):
            if dates.has_date_after.match(text, match.end()):
                continue  # Senin, 24 November 2026; Senin–Selasa, 23–24 Maret 2026
            before = text[max(start, match.start() - _LOOK_BACK) : match.start()]
            if dates.run_before.search(before) or dates.run_after.match(text, match.end()):
                continue  # Senin–Jumat, Monday to Friday: what a business day is
            if _EVERY_BEFORE.search(before):
                continue  # setiap Senin, every Monday
            if any(a <= match.start() < b for a, b in named):
                continue  # Black Friday, Jumat Agung
            relative = language == "id" and _WEEKDAY_RELATIVE_AFTER.match(text, match.end())
            if relative or deadline.search(before) or future:
                yield match


def _undated_times(
    text: str, language: Language, times: list[Timed], sentences: list[tuple[int, int]]
) -> Iterator[Timed]:
    """Clock times the reader acts on ("paling lambat pukul 17.00 WIB") with no date."""
    dates = grammar(language)
    deadline = _CLOCK_DEADLINE_BEFORE[language]
    for time in times:
        if _CLOCK_RANGE_AFTER.match(text, time.end) or _CLOCK_RANGE_BEFORE.search(
            text, max(0, time.start - 30), time.start
        ):
            continue  # 08.00–17.00 WIB: opening hours
        start, end = next((s, e) for s, e in sentences if s <= time.start < e)
        if dates.atom.search(text, start, end) or _RECURRING.search(text, start, end):
            continue
        before = text[max(start, time.start - _LOOK_BACK) : time.start]
        if (
            deadline.search(before)
            or _AT_THE_LATEST.search(text, start, end)
            or _FUTURE.search(text, start, end)
        ):
            yield time


def _finding(
    rule: str, code: str, text: str, part: str, start: int, excerpt: str, why: str
) -> Finding:
    return Finding(
        rule=rule,
        code=code,
        excerpt=excerpt,
        where=f"{part}:{position(text, start)}",
        explanation=why,
    )


def _is_friendly_word(text: str, match: re.Match[str]) -> bool:
    """Whether a -mu/kamu/Kak match really addresses the reader."""
    word = match.group(0)
    lower = word.lower()
    if lower in ("kamu", "kak"):
        return True
    if lower.endswith(_NOT_MU):
        return False
    if "-" not in word and word[0].isupper() and word[1:].islower():
        # A capitalised word inside a sentence is a name (Tokomu), not "your ...";
        # an abbreviation with -mu (KTP-mu) is "your".
        before = text[: match.start()].rstrip(" \t")
        if before and before[-1] not in ".!?:\n-(\"'":
            return False
    return True


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for gap in _PARAGRAPH.finditer(text):
        yield start, text[start : gap.start()]
        start = gap.end()
    yield start, text[start:]


def _check_part(
    text: str, part: str, info: LocaleInfo, channel: str, zone: str | None
) -> Iterator[Finding]:
    language = info.language
    checks = _COMMON + (_ID if language == "id" else _EN)
    for check in checks:
        for match in check.pattern.finditer(text):
            yield _finding(
                check.rule,
                check.code,
                text,
                part,
                match.start(),
                match.group(0).strip(),
                check.explanation,
            )
    times = read_times(text, language)
    for time in times:
        if time.zone is None or not _ZONE_AFTER.match(text, time.end):
            yield _finding(
                "4",
                "clock-without-zone",
                text,
                part,
                time.start,
                text[time.start : time.end].strip(),
                "every clock time carries its zone (WIB, WITA, WIT)",
            )
    zone_at = next(((i, z) for i, z in zones(text, language, times) if z != zone), None)
    if zone_at is not None:
        yield _finding(
            "4",
            "mixed-zones",
            text,
            part,
            zone_at[0],
            zone_at[1],
            f"one zone per message: it names {zone} first",
        )
    for dated in read_dates(text, language):
        excerpt = text[dated.start : dated.end]
        if dated.problem:
            yield _finding("1", "invalid-date", text, part, dated.start, excerpt, dated.problem)
        elif why := weekday_mismatch(dated, language):
            yield _finding("1", "weekday-mismatch", text, part, dated.start, excerpt, why)
    sentences = _sentences(text)
    for match in _undated_weekdays(text, language, sentences):
        yield _finding(
            "18",
            "weekday-without-date",
            text,
            part,
            match.start(),
            match.group(0),
            "a weekday alone is ambiguous: give the date with it ('Senin, 23 November 2026')",
        )
    for time in _undated_times(text, language, times, sentences):
        yield _finding(
            "18",
            "clock-without-date",
            text,
            part,
            time.start,
            text[time.start : time.zone_end].strip(),
            "a deadline time needs its date in the same sentence",
        )
    for at, excerpt in _foreign_words(text, language, sentences):
        other = "Indonesian" if language == "en" else "English"
        yield _finding(
            "language",
            "indonesian-word" if language == "en" else "english-word",
            text,
            part,
            at,
            excerpt,
            f"{other} words in an {'English' if language == 'en' else 'Indonesian'} message "
            "(a term glossed in parentheses or in italics is fine)",
        )
    for match in _SENTENCE_DIGIT.finditer(text):
        at = match.start(1)
        line_start = text.rfind("\n", 0, at) + 1
        if not text[line_start:at].strip() and _LIST_NUMBER.match(text, at):
            continue  # a numbered list item
        if match.group(0)[0] == "." and _abbreviation_before(text, match.start()):
            continue  # Rp. 50.000, ext. 12, No. 5: an abbreviation, not a sentence end
        yield _finding(
            "6",
            "digit-first",
            text,
            part,
            at,
            text[at : at + 12].split("\n")[0],
            "no sentence starts with a digit",
        )
    for offset, paragraph in _paragraphs(text):
        count = _BUSINESS_COUNT[language].search(paragraph)
        if count and not _WEEKDAY[language].search(paragraph):
            yield _finding(
                "19",
                "business-days-undefined",
                text,
                part,
                offset + count.start(),
                count.group(0),
                "say what a business day is (Senin–Jumat, tidak termasuk hari libur "
                "nasional dan cuti bersama / Monday–Friday, excluding public holidays)",
            )
    if language == "en":
        if info.month_first:
            wrong_date, wrong_clock = _DAY_FIRST, _CLOCK_24H
            date_why = "en_US writes the month first: 'January 13, 2027'"
            clock_why = "en_US uses the 12-hour clock: '3:00 PM WIB'"
        else:
            wrong_date, wrong_clock = _MONTH_FIRST, _CLOCK_12H
            date_why = "British English writes the day first: '13 January 2027'"
            clock_why = "British English uses the 24-hour clock: '15:00 WIB'"
        for match in wrong_date.finditer(text):
            yield _finding("1", "date-order", text, part, match.start(), match.group(0), date_why)
        for match in wrong_clock.finditer(text):
            yield _finding("3", "clock-style", text, part, match.start(), match.group(0), clock_why)
    apologies = list(_APOLOGY[language].finditer(text))
    if len(apologies) > 1:
        purposes = [m.span() for m in _APOLOGY_PURPOSE[language].finditer(text)]
        apologies = [m for m in apologies if not any(a <= m.start() < b for a, b in purposes)]
    if len(apologies) > 1:
        second = apologies[1]
        yield _finding(
            "14",
            "apology-count",
            text,
            part,
            second.start(),
            second.group(0),
            f"apologise once; this part apologises {len(apologies)} times",
        )
    if language == "id":
        formal = _FORMAL.search(text)
        friendly = next((m for m in _FRIENDLY.finditer(text) if _is_friendly_word(text, m)), None)
        if formal and friendly:
            yield _finding(
                "10",
                "mixed-register",
                text,
                part,
                friendly.start(),
                f"{formal.group(0)} … {friendly.group(0)}",
                "one address system per message: formal (Anda) or friendly (kamu)",
            )
    if channel == "voicemail":
        for match in _VOICE.finditer(text):
            yield _finding(
                "voice",
                "unspeakable",
                text,
                part,
                match.start(),
                match.group(0),
                "a voicemail script has no symbols, abbreviations or digit groups",
            )
    if channel == "status":
        from .outofoffice import STATUS_LIMIT as _STATUS_LIMIT

        line = text.rstrip("\n")
        if "\n" in line or len(line) > _STATUS_LIMIT:
            yield _finding(
                "status",
                "status-length",
                text,
                part,
                0,
                line[:40],
                f"a status is one line of at most {_STATUS_LIMIT} characters",
            )
        if not _STATUS_REPLY[language].search(line):
            yield _finding(
                "22",
                "status-reply-date",
                text,
                part,
                0,
                line[:40],
                "a status says by which date a reply comes ('replies by Friday, 27 March')",
            )


def lint(
    message: Message | str,
    *,
    locale: str | None = None,
    channel: str = "email",
) -> list[Finding]:
    """Check ``message`` (a :class:`~expectset.rendering.Message` or plain text) for wording.

    For plain text, give its ``locale`` (and ``channel`` for a voicemail or status).
    Returns the findings in order of part (subject, preheader, text, html), then rule.

    Examples
    --------
    >>> lint("Kami akan membalas paling lambat Rabu, 13 Januari 2027, pukul 17.00 WIB.",
    ...      locale="id")
    []
    """
    info, channel, parts = message_parts(message, locale, channel, "lint")
    zone = first_zone(parts, info.language)
    found: list[Finding] = []
    for part, text in parts:
        found.extend(_check_part(text, part, info, channel, zone))
    if isinstance(message, str):
        return found
    if message.html:
        for match in _COMMON[0].pattern.finditer(message.html):
            found.append(
                Finding(
                    rule="leak",
                    code="template-leak",
                    excerpt=match.group(0),
                    where=f"html-source:{position(message.html, match.start())}",
                    explanation="template syntax left in the HTML",
                )
            )
    return found
