"""Public holidays through the ``holidays`` package, named the way customers read them.

The ``holidays`` package is imported only here and only when a calendar first needs a
year (it costs about 60 ms to import and tens of milliseconds a year to compute), and
each (country, subdivision, category, year) is computed once per process.

Its Indonesian names are official and long ("Hari Raya Idul Fitri (perkiraan)"); the
names customers read follow KBBI spelling ("Idulfitri") and come from the table below,
in Indonesian and English. A name the table does not know (a holiday added by a later
``holidays`` release) falls back to the package's own Indonesian and English names.

House names are written as they read inside a sentence: only a proper noun takes a
capital ("hari kedua Idulfitri", "cuti bersama Natal"); a list capitalises the first
letter itself. Cuti bersama is named after the festival's short name ("collective
leave for Christmas", not "... for Christmas Day").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .errors import InvalidCalendarError

__all__ = [
    "HolidayEntry",
    "HolidayKind",
    "en_us_name",
    "festival_of",
    "house_names",
    "in_sentence_en",
    "load_year",
    "spoken_name",
    "validate_country",
    "without_note",
]

HolidayKind = Literal["public_holiday", "cuti_bersama"]

# Base names as `holidays` writes them in Indonesian -> (Indonesian, English) house names.
_ID_BASE_NAMES: dict[str, tuple[str, str]] = {
    "Tahun Baru Masehi": ("Tahun Baru Masehi", "New Year's Day"),
    "Isra Mikraj Nabi Muhammad": ("Isra Mikraj", "Isra Mi'raj"),
    "Tahun Baru Imlek": ("Tahun Baru Imlek", "Chinese New Year"),
    "Hari Suci Nyepi": ("Nyepi", "Nyepi (Day of Silence)"),
    "Hari Raya Idul Fitri": ("Idulfitri", "Eid al-Fitr"),
    "Hari kedua dari Hari Raya Idul Fitri": ("hari kedua Idulfitri", "second day of Eid al-Fitr"),
    "Wafat Yesus Kristus": ("Jumat Agung", "Good Friday"),
    "Kebangkitan Yesus Kristus": ("Paskah", "Easter Sunday"),
    "Hari Buruh Internasional": ("Hari Buruh", "Labour Day"),
    "Kenaikan Yesus Kristus": ("Kenaikan Yesus Kristus", "Ascension Day"),
    "Hari Raya Idul Adha": ("Iduladha", "Eid al-Adha"),
    "Hari Raya Waisak": ("Waisak", "Vesak Day"),
    "Hari Lahir Pancasila": ("Hari Lahir Pancasila", "Pancasila Day"),
    "Tahun Baru Islam": ("Tahun Baru Islam", "Islamic New Year"),
    "Hari Kemerdekaan Republik Indonesia": ("Hari Kemerdekaan", "Independence Day"),
    "Maulid Nabi Muhammad": ("Maulid Nabi Muhammad", "Prophet Muhammad's Birthday"),
    "Hari Raya Natal": ("Natal", "Christmas Day"),
    "Hari Pemilihan Umum": ("Hari Pemilihan Umum", "General Election Day"),
    "Hari Pemilihan Kepala Daerah": ("Hari Pemilihan Kepala Daerah", "Regional Election Day"),
}

# The English short name of a festival, where the house name is longer: what cuti
# bersama is named after ("collective leave for Christmas") and what a note names.
_EN_SHORT_NAMES = {
    "Nyepi (Day of Silence)": "Nyepi",
    "Vesak Day": "Vesak",
    "Christmas Day": "Christmas",
}

# A day of a festival that is not the festival itself -> the festival's base name.
_PART_OF = {"Hari kedua dari Hari Raya Idul Fitri": "Hari Raya Idul Fitri"}

# English house names that take "the" inside a sentence ("because of the second day of
# Eid al-Fitr"); a list item drops it ("Second day of Eid al-Fitr: ...").
_EN_WITH_ARTICLE = frozenset({"second day of Eid al-Fitr"})

# English house names with a parenthesis, as a voicemail speaks them.
_EN_SPOKEN = {"Nyepi (Day of Silence)": "Nyepi, the Day of Silence"}

# British spellings in the English house names, and what en_US readers expect instead.
_EN_US_SPELLINGS = {"Labour Day": "Labor Day"}

_ESTIMATE_SUFFIXES = (" (perkiraan)", " (estimated)")
# The package spells the substitute leave day "Pegangti"; accept the correct spelling too.
_SUBSTITUTE_PREFIXES = ("Pegangti Cuti Bersama ", "Pengganti Cuti Bersama ")
_CUTI_PREFIX = "Cuti Bersama "
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")


@dataclass(frozen=True, slots=True)
class HolidayEntry:
    """One holiday on one day, as loaded from the ``holidays`` package.

    ``estimated`` is true when the date is not yet fixed by the government: the package
    marks the holiday "(perkiraan)", or the day is cuti bersama for such a holiday.
    """

    date: dt.date
    kind: HolidayKind
    raw_name: str
    raw_name_en: str
    estimated: bool


def _strip_estimate(name: str) -> tuple[str, bool]:
    for suffix in _ESTIMATE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)], True
    return name, False


def house_names(entry: HolidayEntry, country: str) -> tuple[str, str]:
    """Return the (Indonesian, English) names customers read for ``entry``.

    Examples
    --------
    >>> e = HolidayEntry(dt.date(2027, 3, 10), "public_holiday",
    ...     "Hari Raya Idul Fitri (perkiraan)", "Eid al-Fitr (estimated)", True)
    >>> house_names(e, "ID")
    ('Idulfitri', 'Eid al-Fitr')
    """
    raw_id, _ = _strip_estimate(entry.raw_name)
    raw_en, _ = _strip_estimate(entry.raw_name_en)
    if country != "ID":
        return raw_id, raw_en
    base, substitute = raw_id, False
    for prefix in _SUBSTITUTE_PREFIXES:
        if base.startswith(prefix):
            base, substitute = base[len(prefix) :], True
            break
    else:
        if base.startswith(_CUTI_PREFIX):
            base = base[len(_CUTI_PREFIX) :]
    known = _ID_BASE_NAMES.get(base)
    if known is None:
        return raw_id, raw_en
    name_id, name_en = known
    if entry.kind == "cuti_bersama":
        short_en = _EN_SHORT_NAMES.get(name_en, name_en)
        if substitute:
            return (
                f"cuti bersama pengganti {name_id}",
                f"substitute collective leave for {short_en}",
            )
        return f"cuti bersama {name_id}", f"collective leave for {short_en}"
    return name_id, name_en


def _festival_index() -> dict[str, tuple[str, str]]:
    """Every Indonesian house name of a festival's days -> the festival's short names."""
    index: dict[str, tuple[str, str]] = {}
    for base, (name_id, _) in _ID_BASE_NAMES.items():
        festival_id, festival_en = _ID_BASE_NAMES[_PART_OF.get(base, base)]
        festival = (festival_id, _EN_SHORT_NAMES.get(festival_en, festival_en))
        index[name_id] = festival
        if base not in _PART_OF:
            index[f"cuti bersama {name_id}"] = festival
            index[f"cuti bersama pengganti {name_id}"] = festival
    return index


_FESTIVALS = _festival_index()


def festival_of(name_id: str) -> tuple[str, str] | None:
    """Return the (Indonesian, English) short names of the festival a house name belongs to.

    The holiday itself, its other days and its cuti bersama all belong to the festival,
    so that a message can name them together ("libur dan cuti bersama Idulfitri").

    Examples
    --------
    >>> festival_of("hari kedua Idulfitri"), festival_of("cuti bersama Natal")
    (('Idulfitri', 'Eid al-Fitr'), ('Natal', 'Christmas'))
    >>> festival_of("stok opname") is None
    True
    """
    return _FESTIVALS.get(name_id)


def in_sentence_en(name: str) -> str:
    """Return an English house name as it reads inside a sentence (with "the" if it needs one).

    Examples
    --------
    >>> in_sentence_en("second day of Eid al-Fitr"), in_sentence_en("Eid al-Fitr")
    ('the second day of Eid al-Fitr', 'Eid al-Fitr')
    """
    return f"the {name}" if name in _EN_WITH_ARTICLE else name


def spoken_name(name: str) -> str:
    """Return a name as a voicemail speaks it: no parentheses.

    Examples
    --------
    >>> spoken_name("Nyepi (Day of Silence)"), spoken_name("libur kurir (Lebaran)")
    ('Nyepi, the Day of Silence', 'libur kurir, Lebaran')
    """
    found = _EN_SPOKEN.get(name)
    if found is not None:
        return found
    return " ".join(_PARENTHESIS.sub(r", \1", name).split())


def without_note(name: str) -> str:
    """Return a name without its parenthesis, to sit inside another one.

    Examples
    --------
    >>> without_note("Nyepi (Day of Silence)")
    'Nyepi'
    """
    return " ".join(_PARENTHESIS.sub("", name).split()) or name


def en_us_name(name: str) -> str:
    """Return an English house name as American readers spell it.

    Examples
    --------
    >>> en_us_name("collective leave for Labour Day"), en_us_name("Eid al-Fitr")
    ('collective leave for Labor Day', 'Eid al-Fitr')
    """
    for british, american in _EN_US_SPELLINGS.items():
        name = name.replace(british, american)
    return name


@cache
def _supported() -> dict[str, list[str]]:
    import holidays

    return holidays.list_supported_countries()


def validate_country(country: str, subdivision: str | None) -> None:
    """Raise a clear error for a country or subdivision ``holidays`` does not know."""
    supported = _supported()
    if country not in supported:
        raise InvalidCalendarError(
            f"country={country!r} has no public holiday data; use an ISO 3166-1 alpha-2 "
            "code such as 'ID', or country=None for no public holidays",
            field="country",
            value=country,
        )
    if subdivision is not None and subdivision not in supported[country]:
        raise InvalidCalendarError(
            f"subdivision={subdivision!r} is not a subdivision of {country}; "
            f"known: {', '.join(supported[country]) or 'none'}",
            field="subdivision",
            value=subdivision,
        )


def _language_for(country: str, wanted: str) -> str | None:
    import holidays

    cls = holidays.country_holidays(country).__class__
    languages: tuple[str, ...] = tuple(getattr(cls, "supported_languages", ()))
    if wanted in languages:
        return wanted
    for lang in languages:
        if lang.split("_")[0] == wanted.split("_")[0]:
            return lang
    return None


@cache
def _load_named(
    country: str, subdivision: str | None, category: str, year: int, language: str | None
) -> tuple[tuple[dt.date, str], ...]:
    import holidays

    calendar = holidays.country_holidays(
        country, subdiv=subdivision, years=year, categories=(category,), language=language
    )
    out: list[tuple[dt.date, str]] = []
    for day, names in sorted(calendar.items()):
        # `holidays` joins two holidays on one day with "; ".
        out.extend((day, name) for name in names.split("; "))
    return tuple(out)


@cache
def load_year(
    country: str, subdivision: str | None, year: int, cuti_bersama: bool
) -> tuple[HolidayEntry, ...]:
    """Return every holiday of ``year`` (sorted by date), computed once per process."""
    categories: list[tuple[str, HolidayKind]] = [("public", "public_holiday")]
    if cuti_bersama and country == "ID":
        categories.append(("government", "cuti_bersama"))
    lang_id = _language_for(country, "id")
    lang_en = _language_for(country, "en_US")
    entries: list[HolidayEntry] = []
    for category, kind in categories:
        local = _load_named(country, subdivision, category, year, lang_id)
        english = _load_named(country, subdivision, category, year, lang_en)
        for index, (day, raw) in enumerate(local):
            # Both listings are sorted by date with the same order within a day.
            raw_en = english[index][1] if index < len(english) else raw
            _, estimated = _strip_estimate(raw)
            entries.append(HolidayEntry(day, kind, raw, raw_en, estimated))
    entries = _estimate_attached_leave(entries)
    entries.sort(key=lambda e: (e.date, e.kind))
    return tuple(entries)


def _leave_base(raw_name: str) -> str | None:
    """Return the holiday a cuti bersama day belongs to (its name, no prefix), or None."""
    for prefix in (*_SUBSTITUTE_PREFIXES, _CUTI_PREFIX):
        if raw_name.startswith(prefix):
            return _strip_estimate(raw_name[len(prefix) :])[0]
    return None


def _estimate_attached_leave(entries: list[HolidayEntry]) -> list[HolidayEntry]:
    """Mark a cuti bersama day estimated when the holiday it belongs to is an estimate.

    The package marks only the holiday itself "(perkiraan)"; the collective leave set
    around it moves with it (cuti bersama Idulfitri 2027 follows an estimated
    Idulfitri), so it is no more certain. A leave day belongs to the nearest public
    holiday of the same name in the year.
    """
    holidays: dict[str, list[HolidayEntry]] = {}
    for entry in entries:
        if entry.kind == "public_holiday":
            holidays.setdefault(_strip_estimate(entry.raw_name)[0], []).append(entry)
    marked: list[HolidayEntry] = []
    for entry in entries:
        base = (
            None if entry.kind != "cuti_bersama" or entry.estimated else _leave_base(entry.raw_name)
        )
        same = holidays.get(base, []) if base is not None else []
        if same:
            nearest = min(same, key=lambda h: abs((h.date - entry.date).days))
            if nearest.estimated:
                entry = HolidayEntry(
                    entry.date, entry.kind, entry.raw_name, entry.raw_name_en, True
                )
        marked.append(entry)
    return marked
