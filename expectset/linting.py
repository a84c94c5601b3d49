"""Check a rendered message against the wording rules (WORDING.md).

:func:`lint` returns a list of :class:`Finding`; an empty list means the message passed
every check. Each finding names the WORDING.md rule it breaks (``rule="17"``), a short
code, the offending text and where it is (``text:3:14`` is line 3, column 14 of the
plain text). Use it on messages from your own templates and catalogs too::

    problems = expectset.lint(renderer.render("delivery_estimate", ...))

Rules checked, by language: absolute words (17) and promises without a deadline (16);
bare relative dates (18); standard spellings (9), slang (13) and ``kita`` (12); dates
in the house format (1, 2), in the locale's order (``13 January`` in ``en``,
``January 13`` in ``en_US``); ranges without ``s/d`` and with the house dash spacing
(5); clock times with ``pukul``, a period and a zone (3, 4), the 24-hour clock in
``en`` and AM/PM in ``en_US``; money (7); ``Anda`` capitalised and greetings with a
comma (8); one register per message (10); one apology (14); no blame (15); no sentence
that starts with a digit (6); a count of business days says what a business day is
(19); a chat status says when a reply comes (22). Besides the rules: nothing left over
from a template (``{{``, ``%(``, ``None``: ``rule="leak"``), a voicemail script with
nothing a voice would stumble on (``rule="voice"``), and a chat status on one line of
at most 100 characters (``rule="status"``).

Examples
--------
>>> for finding in lint("Pesanan Anda pasti tiba besok.", locale="id"):
...     print(finding.rule, finding.code, repr(finding.excerpt), finding.where)
17 absolute-word 'pasti' text:1:14
18 relative-date 'besok' text:1:25
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .formatting import LocaleInfo, resolve_locale

if TYPE_CHECKING:
    from .rendering import Message

__all__ = ["Finding", "lint"]

_STATUS_LIMIT = 100


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
# WIB, WITA, WIT; UTC+8 style; or an alphabetic abbreviation, which ends in T (CET, JST):
# not any capitalised word ("09.00 TIDAK").
_ZONE = r"(?:(?:WIB|WITA|WIT|[A-Z]{2,4}T)\b|(?:UTC|GMT)(?:[+-]\d{1,2}(?::\d{2})?)?)"

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
        rf"(?<![Pp]ukul )(?<![\w.,:])\d{{1,2}}\.\d{{2}}\s+{_ZONE}",
        "write 'pukul 17.00 WIB'",
    ),
    _c(
        "7",
        "money",
        r"\bRp\.|\bRp\s+\d|\bRp[\d.]+,00\b|\bRp\d{1,3}(?:,\d{3})+(?!\d|,\d)",
        "write 'Rp150.000'",
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
        rf"(?<![\w.,:])\d{{1,2}}\.\d{{2}}\s+{_ZONE}",
        "English clock times use a colon",
    ),
    _c(
        "7",
        "money",
        r"\bRp\.|\bRp\s+\d|\bRp[\d,]+\.00\b|\bRp\d{1,3}(?:\.\d{3})+(?!\d|\.\d)",
        "write 'Rp150,000'",
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

_CLOCK = re.compile(r"(?<![\w.,:$€£¥])(\d{1,2})([.:])(\d{2})(?!\d)(\s*(?:AM|PM))?")
_ZONE_AFTER = re.compile(rf"\s*{_ZONE}")
# A number with a unit after it is a measure (4.50 kg), not a clock time.
_UNIT_AFTER = re.compile(r"\s*(?:kg|g|gr|mg|cm|mm|m|km|l|ml|%|x|inci|inch)\b", _I)
_APOLOGY = {
    "id": re.compile(r"\bmaaf\b", _I),
    "en": re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b", _I),
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
_HEAD = re.compile(r"<head\b.*?</head>", re.S | re.I)
_HIDDEN = re.compile(r"<div[^>]*display:\s*none[^>]*>.*?</div>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def _position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{column}"


def _html_text(html: str) -> str:
    body = _HIDDEN.sub("", _HEAD.sub("", html), count=1)
    body = re.sub(r"<br\s*/?>|</p>|</li>|</div>", "\n", body, flags=re.I)
    return _html.unescape(_TAG.sub("", body))


def _finding(
    rule: str, code: str, text: str, part: str, start: int, excerpt: str, why: str
) -> Finding:
    return Finding(
        rule=rule,
        code=code,
        excerpt=excerpt,
        where=f"{part}:{_position(text, start)}",
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


def _check_part(text: str, part: str, info: LocaleInfo, channel: str) -> Iterator[Finding]:
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
    for match in _CLOCK.finditer(text):
        hour, minute = int(match.group(1)), int(match.group(3))
        if hour > 24 or minute > 59:
            continue
        if _UNIT_AFTER.match(text, match.end()):
            continue  # 4.50 kg
        if language == "en" and match.group(2) == ".":
            continue  # a decimal: English clock times use a colon (period-clock)
        if not _ZONE_AFTER.match(text, match.end()):
            yield _finding(
                "4",
                "clock-without-zone",
                text,
                part,
                match.start(),
                match.group(0).strip(),
                "every clock time carries its zone (WIB, WITA, WIT)",
            )
    for match in _SENTENCE_DIGIT.finditer(text):
        at = match.start(1)
        line_start = text.rfind("\n", 0, at) + 1
        if not text[line_start:at].strip() and _LIST_NUMBER.match(text, at):
            continue  # a numbered list item
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
    if isinstance(message, str):
        if locale is None:
            raise ValueError("lint() needs locale= to check plain text")
        return list(_check_part(message, "text", resolve_locale(locale), channel))
    info = resolve_locale(message.locale)
    found: list[Finding] = []
    parts = [
        ("subject", message.subject),
        ("preheader", message.preheader),
        ("text", message.text),
    ]
    if message.html:
        parts.append(("html", _html_text(message.html)))
    for part, text in parts:
        if text:
            found.extend(_check_part(text, part, info, message.channel))
    if message.html:
        for match in _COMMON[0].pattern.finditer(message.html):
            found.append(
                Finding(
                    rule="leak",
                    code="template-leak",
                    excerpt=match.group(0),
                    where=f"html-source:{_position(message.html, match.start())}",
                    explanation="template syntax left in the HTML",
                )
            )
    return found
