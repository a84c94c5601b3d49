"""Time zone handling shared by every module: aware datetimes, parsing, zone names.

Nothing here guesses a time zone: a naive datetime is an error unless the caller
names the zone it is in.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import InvalidCalendarError, NaiveDatetimeError

__all__ = [
    "TzLike",
    "as_aware",
    "as_date",
    "get_zone",
    "parse_clock",
    "parse_datetime",
    "zone_abbreviation",
]

TzLike = str | dt.tzinfo

# Indonesia's three zones as Indonesians write them, in every language: Babel gives
# "WIB" only for the `id` locale and "+0700" in English.
_INDONESIAN_ZONES: dict[str, str] = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Ujung_Pandang": "WITA",
    "Asia/Jayapura": "WIT",
}


@lru_cache(maxsize=64)
def _zone_from_name(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def get_zone(tz: TzLike, *, field: str = "timezone") -> dt.tzinfo:
    """Return a tzinfo for an IANA name or pass a tzinfo through.

    Examples
    --------
    >>> get_zone("Asia/Makassar")
    zoneinfo.ZoneInfo(key='Asia/Makassar')
    """
    if isinstance(tz, dt.tzinfo):
        return tz
    if not isinstance(tz, str) or not tz:
        raise InvalidCalendarError(
            f"{field} must be an IANA time zone name such as 'Asia/Jakarta', got {tz!r}",
            field=field,
            value=tz,
        )
    try:
        return _zone_from_name(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidCalendarError(
            f"{field}={tz!r} is not a known IANA time zone (e.g. 'Asia/Jakarta', "
            "'Asia/Makassar', 'Asia/Jayapura')",
            field=field,
            value=tz,
        ) from exc


def as_aware(value: dt.datetime, *, field: str, tz: TzLike | None = None) -> dt.datetime:
    """Return ``value`` as an aware datetime.

    An aware value is returned unchanged. A naive one is interpreted in ``tz`` when the
    caller named a zone, and is otherwise an error naming ``field``.

    Examples
    --------
    >>> as_aware(dt.datetime(2026, 3, 17, 9, 30), field="ordered_at", tz="Asia/Jakarta")
    datetime.datetime(2026, 3, 17, 9, 30, tzinfo=zoneinfo.ZoneInfo(key='Asia/Jakarta'))
    """
    if not isinstance(value, dt.datetime):
        raise NaiveDatetimeError(
            f"{field} must be a datetime, got {type(value).__name__} {value!r}",
            field=field,
            value=value,
        )
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value
    if tz is None:
        raise NaiveDatetimeError(
            f"{field}={value.isoformat()} has no time zone; pass an aware datetime or "
            "name the zone it is in with tz= (e.g. tz='Asia/Jakarta')",
            field=field,
            value=value,
        )
    return value.replace(tzinfo=get_zone(tz, field="tz"))


def as_date(
    value: dt.date | dt.datetime, *, field: str, zone: dt.tzinfo, tz: TzLike | None = None
) -> dt.date:
    """Return the calendar date of ``value`` in ``zone``.

    A ``date`` is taken as it is; a datetime must be aware (or ``tz`` given) and is
    converted to ``zone`` first, so 23:30 UTC is already the next day in Jakarta.
    """
    if isinstance(value, dt.datetime):
        return as_aware(value, field=field, tz=tz).astimezone(zone).date()
    if isinstance(value, dt.date):
        return value
    raise InvalidCalendarError(
        f"{field} must be a date or an aware datetime, got {type(value).__name__} {value!r}",
        field=field,
        value=value,
    )


def parse_clock(value: str | dt.time, *, field: str) -> dt.time:
    """Parse ``"08:00"``, ``"8.30"`` or a ``time``; ``"24:00"`` means the end of the day.

    The end of the day is returned as ``time.max`` so that it sorts after every other
    time of the day.

    Examples
    --------
    >>> parse_clock("08.30", field="hours")
    datetime.time(8, 30)
    """
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise InvalidCalendarError(
                f"{field} takes a wall-clock time without a zone (the calendar has the zone), "
                f"got {value!r}",
                field=field,
                value=value,
            )
        return value
    if isinstance(value, str):
        clock = _clock_text(value)  # a quote at checkout passes the same cut-off every time
        if clock is not None:
            return clock
    raise InvalidCalendarError(
        f"{field} must be a time of day like '08:00' or '17.30', got {value!r}",
        field=field,
        value=value,
    )


@lru_cache(maxsize=256)
def _clock_text(value: str) -> dt.time | None:
    text = value.strip().replace(".", ":")
    parts = text.split(":")
    if 1 <= len(parts) <= 2 and all(p.isdigit() and len(p) <= 2 for p in parts):
        hour = int(parts[0])
        minute = int(parts[1]) if len(parts) == 2 else 0
        if hour == 24 and minute == 0:
            return dt.time.max
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    return None


def parse_datetime(
    value: str, *, field: str, tz: TzLike | None = None, dayfirst: bool = False
) -> dt.datetime:
    """Parse ISO 8601 text (or day-first text when asked) into an aware datetime.

    ``dayfirst=True`` accepts ``17/03/2026 14:05`` as Indonesian spreadsheets write it.
    A value with only a date is midnight of that date. Text without an offset needs
    ``tz``.

    Examples
    --------
    >>> parse_datetime("2026-03-17T14:05:00+07:00", field="shipped_at").isoformat()
    '2026-03-17T14:05:00+07:00'
    >>> parse_datetime("17/03/2026 14:05", field="shipped_at", tz="Asia/Jakarta", dayfirst=True)
    datetime.datetime(2026, 3, 17, 14, 5, tzinfo=zoneinfo.ZoneInfo(key='Asia/Jakarta'))
    """
    text = value.strip()
    parsed: dt.datetime | None = None
    if not dayfirst:
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            from dateutil.parser import isoparse

            try:
                parsed = isoparse(text)
            except (ValueError, OverflowError):
                parsed = None
    else:
        from dateutil.parser import ParserError, parse

        try:
            parsed = parse(text, dayfirst=True, yearfirst=False)
        except (ParserError, ValueError, OverflowError):
            parsed = None
    if parsed is None:
        hint = "day-first text like 17/03/2026 14:05" if dayfirst else "ISO 8601 text"
        raise NaiveDatetimeError(
            f"{field}={value!r} is not {hint}",
            field=field,
            value=value,
        )
    return as_aware(parsed, field=field, tz=tz)


def zone_abbreviation(zone: dt.tzinfo, at: dt.datetime | None = None) -> str:
    """Return the abbreviation a reader expects next to a clock time.

    Indonesian zones give WIB, WITA or WIT in every language; other zones give their
    alphabetic abbreviation (CET, JST) or ``UTC+8`` style when they have none.

    Examples
    --------
    >>> zone_abbreviation(get_zone("Asia/Makassar"))
    'WITA'
    >>> zone_abbreviation(get_zone("Asia/Singapore"))
    'UTC+8'
    """
    key = getattr(zone, "key", None)
    if key in _INDONESIAN_ZONES:
        return _INDONESIAN_ZONES[key]
    moment = at if at is not None else dt.datetime(2000, 1, 1, 12, tzinfo=dt.timezone.utc)
    local = moment.astimezone(zone)
    name = local.tzname() or ""
    if name.isalpha() and name.upper() == name and name != "UTC":
        return name
    offset = local.utcoffset() or dt.timedelta(0)
    if name == "UTC" or offset == dt.timedelta(0):
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
