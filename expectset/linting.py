"""Check a rendered message against the wording rules (WORDING.md).

:func:`lint` returns a list of :class:`Finding`; an empty list means the message passed
every check. Each finding names the WORDING.md rule it breaks (``rule="17"``), a short
code, the offending text and where it is (``text:3:14`` is line 3, column 14 of the
plain text). Use it on messages from your own templates and catalogs too::

    problems = expectset.lint(renderer.render("delivery_estimate", ...))

Rules checked, by language: absolute words (17) and promises without a deadline (16);
bare relative dates (18); standard spellings (9), slang (13) and ``kita`` (12); dates
in the house format (1, 2), ranges without ``s/d`` (5), clock times with ``pukul``, a
period and a zone (3, 4); money (7); ``Anda`` capitalised and greetings with a comma
(8); one register per message (10); one apology (14); no blame (15); no sentence that
starts with a digit (6). Besides the rules: nothing left over from a template
(``{{``, ``%(``, ``None``: ``rule="leak"``), a voicemail script with nothing a voice
would stumble on (``rule="voice"``), and a chat status on one line of at most 100
characters (``rule="status"``).

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

from .formatting import resolve_locale

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
_ZONE = r"(?:WIB|WITA|WIT|UTC(?:[+-]\d{1,2}(?::\d{2})?)?|[A-Z]{3,5}\b)"

_COMMON: tuple[_Check, ...] = (
    _c("leak", "template-leak", r"\{\{|\}\}|\{%|%\}|\{#|#\}", "template syntax left in the text"),
    _c("leak", "format-leak", r"%\(\w+\)[sd]|%[sd]\b", "a gettext placeholder was not filled"),
    _c(
        "leak",
        "value-leak",
        r"\bNone\b|\bnan\b|\bNaN\b|\bundefined\b|object at 0x|<built-in",
        "a missing value was rendered as text",
    ),
    _c("1", "numeric-date", r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", "write dates with the month name"),
    _c("1", "iso-date", r"\b\d{4}-\d{2}-\d{2}\b", "write dates with the month name"),
    _c("5", "s-d", r"\bs/d\b|\bs\.d\.", "write ranges with an en dash or 'sampai'"),
    _c("17", "absolute-word", r"(?<!\d)100\s?%", "no absolute promise without a real guarantee"),
)

_ID: tuple[_Check, ...] = (
    _c(
        "17", "absolute-word", r"\b(?:pasti|dijamin|tepat waktu)\b", "hedge what others control", _I
    ),
    _c("16", "no-deadline", r"\bsegera\b", "give a deadline ('paling lambat ...')", _I),
    _c(
        "18",
        "relative-date",
        r"\b(?:besok|lusa|kemarin|hari ini|minggu depan|bulan depan|nanti)\b",
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
        r"\bIdul\s+Fitri\b|\bIdul\s+Adha\b|\bRamadhan\b|\bJum'at\b",
        "KBBI spellings: Idulfitri, Iduladha, Ramadan, Jumat",
        _I,
    ),
    _c(
        "5",
        "hyphen-range",
        rf"\b\d{{1,2}}\s?-\s?\d{{1,2}}\s+(?:{_ID_MONTHS})",
        "ranges take an en dash",
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
        rf"(?<!pukul )(?<![\w.,:])\d{{1,2}}\.\d{{2}}\s+{_ZONE}",
        "write 'pukul 17.00 WIB'",
    ),
    _c("7", "money", r"\bRp\.|\bRp\s+\d|\bRp[\d.]+,00\b", "write 'Rp150.000'"),
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
        r"\b(?:kesalahan|kelalaian) (?:Anda|kamu|kurir|petugas)\b|\bkarena Anda\b",
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
        r"\b(?:tomorrow|yesterday|today|tonight|next week|this week)\b",
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
        "3",
        "period-clock",
        rf"(?<![\w.,:])\d{{1,2}}\.\d{{2}}\s+{_ZONE}",
        "English clock times use a colon",
    ),
    _c("7", "money", r"\bRp\.|\bRp\s+\d|\bRp[\d,]+\.00\b", "write 'Rp150,000'"),
    _c("15", "blame", r"\byour (?:fault|mistake)\b|\bthe courier's fault\b", "no blame", _I),
)

_CLOCK = re.compile(r"(?<![\w.,:$€£¥])(\d{1,2})[.:](\d{2})(?!\d)(\s*(?:AM|PM))?")
_ZONE_AFTER = re.compile(rf"\s*{_ZONE}")
_APOLOGY = {
    "id": re.compile(r"\bmaaf\b", _I),
    "en": re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b", _I),
}
_FORMAL = re.compile(r"\bAnda\b|\bBapak/Ibu\b")
_FRIENDLY = re.compile(r"\bkamu\b|\bKak\b|\b\w{2,}mu\b", _I)
_NOT_MU = {
    "ilmu",
    "tamu",
    "jamu",
    "temu",
    "bertemu",
    "ketemu",
    "jemu",
    "semu",
    "ramu",
    "meramu",
    "kemu",
    "lamu",
    "umu",
    "timu",
    "rumu",
}
_VOICE = re.compile(
    r"[/–—@%&#*_|<>\[\]{}]|\d[.:,/-]\d|https?://|www\.|"
    r"\b(?:WIB|WITA|WIT|Rp|IDR|dll|dsb|dst|yth|Yth|No\.|e\.g\.|etc\.|ASAP|SMS|CS)\b"
)
_SENTENCE_DIGIT = re.compile(r"(?:^|[.!?]\s+)(\d)", re.M)
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


def _check_part(text: str, part: str, language: str, channel: str) -> Iterator[Finding]:
    checks = _COMMON + (_ID if language == "id" else _EN)
    for check in checks:
        for match in check.pattern.finditer(text):
            yield Finding(
                rule=check.rule,
                code=check.code,
                excerpt=match.group(0).strip(),
                where=f"{part}:{_position(text, match.start())}",
                explanation=check.explanation,
            )
    for match in _CLOCK.finditer(text):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 24 or minute > 59:
            continue
        if not _ZONE_AFTER.match(text, match.end()):
            yield Finding(
                rule="4",
                code="clock-without-zone",
                excerpt=match.group(0).strip(),
                where=f"{part}:{_position(text, match.start())}",
                explanation="every clock time carries its zone (WIB, WITA, WIT)",
            )
    for match in _SENTENCE_DIGIT.finditer(text):
        yield Finding(
            rule="6",
            code="digit-first",
            excerpt=text[match.start(1) : match.start(1) + 12].split("\n")[0],
            where=f"{part}:{_position(text, match.start(1))}",
            explanation="no sentence starts with a digit",
        )
    apologies = list(_APOLOGY[language].finditer(text))
    if len(apologies) > 1:
        second = apologies[1]
        yield Finding(
            rule="14",
            code="apology-count",
            excerpt=second.group(0),
            where=f"{part}:{_position(text, second.start())}",
            explanation=f"apologise once; this part apologises {len(apologies)} times",
        )
    if language == "id":
        formal = _FORMAL.search(text)
        friendly = next(
            (m for m in _FRIENDLY.finditer(text) if m.group(0).lower() not in _NOT_MU), None
        )
        if formal and friendly:
            yield Finding(
                rule="10",
                code="mixed-register",
                excerpt=f"{formal.group(0)} … {friendly.group(0)}",
                where=f"{part}:{_position(text, friendly.start())}",
                explanation="one address system per message: formal (Anda) or friendly (kamu)",
            )
    if channel == "voicemail":
        for match in _VOICE.finditer(text):
            yield Finding(
                rule="voice",
                code="unspeakable",
                excerpt=match.group(0),
                where=f"{part}:{_position(text, match.start())}",
                explanation="a voicemail script has no symbols, abbreviations or digit groups",
            )
    if channel == "status":
        line = text.rstrip("\n")
        if "\n" in line or len(line) > _STATUS_LIMIT:
            yield Finding(
                rule="status",
                code="status-length",
                excerpt=line[:40],
                where=f"{part}:1:1",
                explanation=f"a status is one line of at most {_STATUS_LIMIT} characters",
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
        language = resolve_locale(locale).language
        return list(_check_part(message, "text", language, channel))
    language = resolve_locale(message.locale).language
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
            found.extend(_check_part(text, part, language, message.channel))
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
