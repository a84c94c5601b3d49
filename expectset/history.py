"""Transit history: rows in, validated and counted per lane, ready for windows.

A :class:`TransitHistory` holds how long things took (parcels in transit, support
requests waiting for an answer), per lane, as counts: for each lane, how many rows
started on a given day and took a given number of units. Memory grows with the number
of distinct (lane, start day, duration) triples, not with the number of rows, so a CSV
of millions of rows streams through in constant memory and a database can do the
counting itself (:meth:`TransitHistory.from_dbapi`).

Rows that cannot be used are never dropped silently: they are counted per reason in
:attr:`TransitHistory.rejected` (a :class:`RejectReport`) with example row numbers, and
``strict=True`` raises on the first one instead.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import numbers
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from typing import IO, TYPE_CHECKING, Any, Literal, TypeAlias

from ._timeutil import TzLike, get_zone
from .errors import InsufficientHistoryError, InvalidHistoryError, InvalidPolicyError
from .windows import (
    TICKS_PER_UNIT,
    UNITS,
    PromisePolicy,
    Sample,
    Unit,
    Window,
    empirical_bounds,
    evaluate,
    lane_label,
    share_within,
)

if TYPE_CHECKING:
    from .calendar import BusinessCalendar

__all__ = [
    "REJECT_REASONS",
    "Lane",
    "RejectReason",
    "RejectReport",
    "RejectedRow",
    "TransitHistory",
    "aggregate_sql",
]

Lane: TypeAlias = tuple[str, ...]
RejectReason = Literal[
    "missing_field", "unparseable", "naive_datetime", "end_before_start", "beyond_ceiling"
]
REJECT_REASONS: tuple[RejectReason, ...] = (
    "missing_field",
    "unparseable",
    "naive_datetime",
    "end_before_start",
    "beyond_ceiling",
)
_REASON_LABELS: dict[str, str] = {
    "missing_field": "missing field",
    "unparseable": "unparseable value",
    "naive_datetime": "naive datetime",
    "end_before_start": "end before start",
    "beyond_ceiling": "beyond ceiling",
}
#: How many example rows a report keeps per reason.
MAX_EXAMPLES = 5
#: The count column that :func:`aggregate_sql` adds.
COUNT_COLUMN = "expectset_rows"

_MINUTE = dt.timedelta(minutes=1)
_UNDATED = 0  # start "ordinal" of counts given without a start date (dates start at 1)


# --------------------------------------------------------------------------- rejects
@dataclass(frozen=True, slots=True, kw_only=True)
class RejectedRow:
    """One rejected row, kept as an example: where it was, which field, and why.

    ``row`` is the spreadsheet line number for a CSV file (the header is line 1), the
    1-based position for records, and the result row of the aggregating query for
    :meth:`TransitHistory.from_dbapi` (then ``rows`` says how many rows it stood for).
    """

    row: int
    reason: RejectReason
    field: str
    value: str
    detail: str
    source: str = ""
    rows: int = 1

    def __str__(self) -> str:
        where = f"{self.source} row {self.row:,}" if self.source else f"row {self.row:,}"
        return f"{where}: {self.detail}"

    @property
    def brief(self) -> str:
        """The offending field and value in a few words (the detail when that says more)."""
        if self.reason in ("missing_field", "beyond_ceiling"):
            return self.detail
        return f"{self.field}={self.value}"

    def as_dict(self) -> dict[str, Any]:
        """Return the example as plain JSON-serialisable values."""
        return {
            "row": self.row,
            "reason": self.reason,
            "field": self.field,
            "value": self.value,
            "detail": self.detail,
            "source": self.source,
            "rows": self.rows,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class RejectReport:
    """Rows read, and the rows that could not be used, counted by reason.

    ``rows_read == accepted + total`` always holds. ``examples`` keeps the first few
    rejected rows of each reason (at most :data:`MAX_EXAMPLES`).

    Examples
    --------
    >>> print(RejectReport(rows_read=10, counts={"missing_field": 1}, examples={
    ...     "missing_field": (RejectedRow(row=4, reason="missing_field", field="delivered_at",
    ...                                   value="''", detail="delivered_at is empty"),)}))
    Rejected 1 of 10 rows; 9 used.
      missing field           1  row 4 (delivered_at is empty)
    """

    rows_read: int = 0
    counts: Mapping[RejectReason, int] = field(default_factory=dict)
    examples: Mapping[RejectReason, tuple[RejectedRow, ...]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Rows rejected, all reasons together."""
        return sum(self.counts.values())

    @property
    def accepted(self) -> int:
        """Rows read and used."""
        return self.rows_read - self.total

    def __bool__(self) -> bool:
        return self.total > 0

    def __add__(self, other: RejectReport) -> RejectReport:
        if not isinstance(other, RejectReport):
            return NotImplemented
        counts: dict[RejectReason, int] = {}
        examples: dict[RejectReason, tuple[RejectedRow, ...]] = {}
        for reason in REJECT_REASONS:
            number = self.counts.get(reason, 0) + other.counts.get(reason, 0)
            if number:
                counts[reason] = number
                both = (*self.examples.get(reason, ()), *other.examples.get(reason, ()))
                examples[reason] = both[:MAX_EXAMPLES]
        return RejectReport(
            rows_read=self.rows_read + other.rows_read, counts=counts, examples=examples
        )

    def __str__(self) -> str:
        if not self.total:
            return f"No rows rejected; {self.rows_read:,} read and used."
        lines = [f"Rejected {self.total:,} of {self.rows_read:,} rows; {self.accepted:,} used."]
        for reason in REJECT_REASONS:
            number = self.counts.get(reason, 0)
            if not number:
                continue
            found = self.examples.get(reason, ())
            head = f"  {_REASON_LABELS[reason]:<18} {number:>6,}  "
            where = ", ".join(f"{e.row:,}" for e in found[:3])
            text = head + ("row " if len(found) == 1 else "rows ") + where if found else head
            if found:
                first = f" ({found[0].brief})"
                if len(text) + len(first) <= 80:
                    text += first
            lines.append(text.rstrip())
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON-serialisable values."""
        return {
            "rows_read": self.rows_read,
            "accepted": self.accepted,
            "rejected": self.total,
            "reasons": {
                reason: {
                    "count": self.counts[reason],
                    "examples": [e.as_dict() for e in self.examples.get(reason, ())],
                }
                for reason in REJECT_REASONS
                if self.counts.get(reason)
            },
        }


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Rejects:
    """Collects rejects while reading; raises at once in strict mode."""

    def __init__(self, source: str, strict: bool) -> None:
        self.source = source
        self.strict = strict
        self.counts: dict[RejectReason, int] = {}
        self.examples: dict[RejectReason, list[RejectedRow]] = {}

    def add(
        self, row: int, reason: RejectReason, field_name: str, value: object, detail: str, rows: int
    ) -> None:
        if self.strict:
            where = f"{self.source} row {row:,}" if self.source else f"row {row:,}"
            if field_name not in detail:
                detail += f" ({field_name}={_short(value)})"
            raise InvalidHistoryError(f"{where}: {detail}", field=field_name, value=value)
        self.counts[reason] = self.counts.get(reason, 0) + rows
        kept = self.examples.setdefault(reason, [])
        if len(kept) < MAX_EXAMPLES:
            kept.append(
                RejectedRow(
                    row=row,
                    reason=reason,
                    field=field_name,
                    value=_short(value),
                    detail=detail,
                    source=self.source,
                    rows=rows,
                )
            )

    def report(self, rows_read: int) -> RejectReport:
        return RejectReport(
            rows_read=rows_read,
            counts={r: self.counts[r] for r in REJECT_REASONS if r in self.counts},
            examples={r: tuple(self.examples[r]) for r in REJECT_REASONS if r in self.examples},
        )


# ----------------------------------------------------------------- reading values
class _LocalDays:
    """Local calendar dates of aware datetimes in one zone, fast.

    Converting with ``astimezone`` costs more than parsing the timestamp. For a year in
    which the zone keeps one UTC offset (checked day by day, from the last day of the
    year before to the first of the year after) the local date is the wall date shifted
    by the difference of offsets, which is cheap; other years use ``astimezone``.
    """

    def __init__(self, zone: dt.tzinfo | None) -> None:
        self.zone = zone
        self._fixed: dict[int, dt.timedelta | None] = {}

    def _year_offset(self, year: int) -> dt.timedelta | None:
        zone = self.zone
        if zone is None or not 2 <= year <= 9998:
            return None
        moment = dt.datetime(year - 1, 12, 31, 12, tzinfo=dt.timezone.utc)
        offset = moment.astimezone(zone).utcoffset()
        for _ in range(368):
            moment += dt.timedelta(days=1)
            if moment.astimezone(zone).utcoffset() != offset:
                return None
        return offset

    def fixed_offset(self, year: int) -> dt.timedelta | None:
        """Return the zone's one UTC offset through ``year`` (``None`` if it changes)."""
        try:
            return self._fixed[year]
        except KeyError:
            fixed = self._fixed[year] = self._year_offset(year)
            return fixed

    def ordinal(self, value: dt.datetime) -> int:
        zone = self.zone
        if zone is None:
            return value.toordinal()
        year = value.year
        try:
            fixed = self._fixed[year]
        except KeyError:
            fixed = self._fixed[year] = self._year_offset(year)
        if fixed is None:
            return value.astimezone(zone).toordinal()
        own = value.utcoffset()
        if own == fixed or own is None:
            return value.toordinal()
        shifted: dt.datetime = value + (fixed - own)
        return shifted.toordinal()


_VALID_MINUTES_SECONDS = frozenset(f":{m:02d}:{s:02d}" for m in range(60) for s in range(60))
_MISSING = "missing_field"
_UNPARSEABLE = "unparseable"
_NAIVE = "naive_datetime"


def _lane_fields(lane: object) -> Lane:
    if isinstance(lane, str):
        lane = (lane,)
    if not isinstance(lane, Iterable):
        raise InvalidHistoryError(
            f"lane must be field names from general to specific, like "
            f"('service', 'origin', 'destination'), got {lane!r}",
            field="lane",
            value=lane,
        )
    names = tuple(lane)
    for name in names:
        if not isinstance(name, str) or not name:
            raise InvalidHistoryError(
                f"lane field names must be non-empty text, got {name!r} in {names!r}",
                field="lane",
                value=names,
            )
    if len(set(names)) != len(names):
        raise InvalidHistoryError(f"lane names a field twice: {names!r}", field="lane", value=names)
    return names


def _field_name(name: object, what: str) -> str:
    if not isinstance(name, str) or not name:
        raise InvalidHistoryError(
            f"{what} must name the field that holds the {what} time, got {name!r}",
            field=what,
            value=name,
        )
    return name


def _check_unit(unit: object) -> Unit:
    if unit not in UNITS:
        raise InvalidHistoryError(
            f"unit must be one of {', '.join(UNITS)}, got {unit!r}", field="unit", value=unit
        )
    return unit


def _check_calendar(unit: Unit, calendar: BusinessCalendar | None, *, measuring: bool) -> None:
    from .calendar import BusinessCalendar

    if calendar is not None and not isinstance(calendar, BusinessCalendar):
        raise InvalidHistoryError(
            f"calendar must be a BusinessCalendar, got {calendar!r}",
            field="calendar",
            value=calendar,
        )
    if measuring and unit != "calendar_days" and calendar is None:
        raise InvalidHistoryError(
            f"unit={unit!r} is counted on a business calendar; pass calendar=BusinessCalendar(...)",
            field="calendar",
            value=None,
        )
    if unit == "business_hours" and calendar is not None and not calendar.has_hours:
        raise InvalidHistoryError(
            "unit='business_hours' needs a calendar with working hours (hours=('08:00', '17:00'))",
            field="calendar",
            value=calendar,
        )


class _Ingest:
    """Turns raw (start, end, lane) values into counts, collecting rejects.

    One instance reads one source. :meth:`add` is the hot path: it is called once per
    row (or per counted group) and keeps per-row work to parsing two values and two
    dictionary updates; the unit conversion is cached per distinct pair of local dates.
    """

    def __init__(
        self,
        *,
        start: str,
        end: str,
        lane: Lane,
        unit: Unit,
        calendar: BusinessCalendar | None,
        tz: TzLike | None,
        dayfirst: bool,
        max_value: float | None,
        strict: bool,
        source: str,
        keep_rows: bool = False,
    ) -> None:
        self.start_field = start
        self.end_field = end
        self.lane_fields = lane
        self.unit = unit
        self.calendar = calendar
        self.naive_zone = None if tz is None else get_zone(tz, field="tz")
        zone = calendar.zone if calendar is not None else self.naive_zone
        self.days = _LocalDays(zone)
        if not isinstance(dayfirst, bool):
            raise InvalidHistoryError(
                f"dayfirst must be True or False, got {dayfirst!r}",
                field="dayfirst",
                value=dayfirst,
            )
        self.dayfirst = dayfirst
        if max_value is not None and (
            isinstance(max_value, bool)
            or not isinstance(max_value, (int, float))
            or not max_value > 0
            or math.isinf(max_value)
        ):
            raise InvalidHistoryError(
                f"max_value must be a positive number of {unit.replace('_', ' ')} or None, "
                f"got {max_value!r}",
                field="max_value",
                value=max_value,
            )
        self.max_value = max_value
        self.max_ticks = math.inf if max_value is None else max_value * TICKS_PER_UNIT[unit]
        self.rejects = _Rejects(source, strict)
        self.counts: dict[Lane, dict[tuple[int, int], int]] = {}
        self.rows_read = 0
        self._pairs: dict[tuple[int, int], int] = {}
        # One tuple per distinct (start day, duration), shared by every lane: a history's
        # memory is then mostly dictionary slots.
        self._keys: dict[tuple[int, int], tuple[int, int]] = {}
        self.rows: list[tuple[Lane, int, int, int, int]] | None = [] if keep_rows else None
        self._text_days: dict[str, int] = {}
        #: The fast path for text: day units and ISO text (not day-first).
        self.text_fast = unit != "business_hours" and not dayfirst

    # -- values
    def _parse(self, raw: object) -> dt.datetime | dt.date | str:
        """Parse one value: an aware datetime, a date, or a reject reason code."""
        if type(raw) is str:
            text = raw.strip()
            if not text:
                return _MISSING
            if self.dayfirst:
                return self._parse_dayfirst(text)
            try:
                value = dt.datetime.fromisoformat(text)
            except ValueError:
                return self._parse_lenient(text)
            if len(text) <= 10:
                return value.date()
        elif isinstance(raw, dt.datetime):
            value = raw
        elif isinstance(raw, dt.date):
            return raw
        elif raw is None:
            return _MISSING
        elif isinstance(raw, str):  # a str subclass, such as numpy.str_
            return self._parse(str(raw))
        else:
            return _UNPARSEABLE
        if value.tzinfo is None or value.utcoffset() is None:
            if self.naive_zone is None:
                return _NAIVE
            return value.replace(tzinfo=self.naive_zone)
        return value

    def _parse_lenient(self, text: str) -> dt.datetime | dt.date | str:
        from dateutil.parser import isoparse

        try:
            value = isoparse(text)
        except (ValueError, OverflowError):
            return _UNPARSEABLE
        if len(text) <= 10:
            # isoparse reads "2026" as 1 January and "2026-03" as 1 March: a value
            # without a whole day is not a date.
            if len(text) < 8:
                return _UNPARSEABLE
            return value.date()
        return self._parse(value)

    def _parse_dayfirst(self, text: str) -> dt.datetime | dt.date | str:
        from dateutil.parser import ParserError, parse

        try:
            value = parse(text, dayfirst=True, yearfirst=False)
        except (ParserError, ValueError, OverflowError):
            return _UNPARSEABLE
        if ":" not in text and "T" not in text:
            return value.date()
        return self._parse(value)

    def _ordinal(self, value: dt.datetime | dt.date) -> int:
        if isinstance(value, dt.datetime):
            return self.days.ordinal(value)
        return value.toordinal()

    def count_key(self, start_day: int, ticks: int) -> tuple[int, int]:
        """Return the (start day, duration) key of the counts: one shared tuple per value."""
        key = (start_day, ticks)
        return self._keys.setdefault(key, key)

    def _reject_value(self, row: int, code: str, name: str, raw: object, rows: int) -> None:
        if code == _MISSING:
            detail = f"{name} is empty"
        elif code == _NAIVE:
            detail = f"{name}={raw!s} has no time zone; pass tz= to name the zone it is in"
        else:
            expected = "day-first text like 17/03/2026 14:05" if self.dayfirst else "ISO 8601 text"
            detail = f"{name}={_short(raw)} is not {expected}, a date or a datetime"
        self.rejects.add(row, code, name, raw, detail, rows)  # type: ignore[arg-type]

    # -- rows
    def add(self, row: int, start_raw: object, end_raw: object, lane: Lane, rows: int = 1) -> None:
        """Read one row (or a group of ``rows`` identical rows)."""
        self.rows_read += rows
        start = self._parse(start_raw)
        if type(start) is str:
            self._reject_value(row, start, self.start_field, start_raw, rows)
            return
        end = self._parse(end_raw)
        if type(end) is str:
            self._reject_value(row, end, self.end_field, end_raw, rows)
            return
        if "" in lane:
            name = self.lane_fields[lane.index("")]
            self.rejects.add(row, "missing_field", name, "", f"{name} is empty", rows)
            return
        start_day = self._ordinal(start)  # type: ignore[arg-type]
        end_day = self._ordinal(end)  # type: ignore[arg-type]
        if end_day < start_day or (
            type(start) is not dt.date and type(end) is not dt.date and end < start  # type: ignore[operator]
        ):
            self.rejects.add(
                row,
                "end_before_start",
                self.end_field,
                end_raw,
                f"{self.end_field}={end_raw!s} is before {self.start_field}={start_raw!s}",
                rows,
            )
            return
        unit = self.unit
        if unit == "business_days":
            pair = (start_day, end_day)
            ticks = self._pairs.get(pair)
            if ticks is None:
                ticks = self._pairs[pair] = self.calendar.business_days_between(  # type: ignore[union-attr]
                    dt.date.fromordinal(start_day), dt.date.fromordinal(end_day)
                )
        elif unit == "calendar_days":
            ticks = end_day - start_day
        else:
            if type(start) is dt.date or type(end) is dt.date:
                name = self.start_field if type(start) is dt.date else self.end_field
                value = start_raw if type(start) is dt.date else end_raw
                self.rejects.add(
                    row,
                    "unparseable",
                    name,
                    value,
                    f"{name}={value!s} has no time of day, needed for business hours",
                    rows,
                )
                return
            spent = self.calendar.business_time_between(start, end)  # type: ignore[union-attr,arg-type]
            ticks = -(-spent // _MINUTE)
        if ticks > self.max_ticks:
            shown = ticks / TICKS_PER_UNIT[unit]
            self.rejects.add(
                row,
                "beyond_ceiling",
                self.end_field,
                end_raw,
                f"{shown:g} {unit.replace('_', ' ')} > max_value={self.max_value:g}",
                rows,
            )
            return
        per_lane = self.counts.get(lane)
        if per_lane is None:
            per_lane = self.counts[lane] = {}
        key = self.count_key(start_day, ticks)
        per_lane[key] = per_lane.get(key, 0) + rows
        if self.rows is not None:
            self.rows.append((lane, start_day, end_day, ticks, rows))

    def _text_day(self, text: str) -> int | None:
        """Local date ordinal of ISO text through the cache, or ``None`` for the slow path.

        Two shapes are cached: a date (``2026-03-17``) and a timestamp with seconds and
        an offset (``2026-03-17T14:05:09+07:00``). A timestamp is keyed by its date,
        hour and offset: when the whole hour falls on one local date (always, in a zone
        without daylight saving), minutes and seconds cannot change the local date. The
        key's parts were validated by a full parse when first seen; minutes and seconds
        are validated here against the set of valid ``:MM:SS``.
        """
        size = len(text)
        if size == 25:
            if text[13:19] not in _VALID_MINUTES_SECONDS:
                return None
            key = text[:13] + text[19:]
        elif size == 10:
            key = text
        else:
            return None
        day = self._text_days.get(key)
        if day is None:
            value = self._parse(text)
            if type(value) is dt.date:
                day = value.toordinal()
            elif isinstance(value, dt.datetime):
                first = self.days.ordinal(value.replace(minute=0, second=0, microsecond=0))
                last = self.days.ordinal(value.replace(minute=59, second=59, microsecond=999999))
                day = first if first == last else -1
            else:
                return None  # not valid: the slow path rejects it with its reason
            self._text_days[key] = day
        return None if day < 0 else day

    def add_text_rows(
        self,
        reader: Any,
        start_at: int,
        end_at: int,
        get_lane: Callable[[list[str]], Lane],
        on_short: Callable[[int, list[str]], None],
        before: int = 0,
    ) -> None:
        """Read CSV rows of text: the row-by-row loop of :meth:`TransitHistory.from_csv`.

        Rows whose two timestamps fall on different local days in the cached shapes
        are counted right here; everything else (same-day rows that need the instants,
        rejects, unusual shapes) goes through :meth:`add`, the general path. Rows are
        numbered ``before`` plus the reader's line number.
        """
        valid = _VALID_MINUTES_SECONDS
        known_day = self._text_days.get
        text_day = self._text_day
        pairs = self._pairs
        counts = self.counts
        business = self.unit == "business_days"
        calendar = self.calendar
        max_ticks = self.max_ticks
        keep = self.rows
        slow = self.add
        count_key = self.count_key
        from_ordinal = dt.date.fromordinal
        accepted = 0
        try:
            for row in reader:
                try:
                    start_raw = row[start_at]
                    end_raw = row[end_at]
                    lane = get_lane(row)
                except IndexError:
                    if row:
                        on_short(before + reader.line_num, row)
                    continue
                size = len(start_raw)
                if size == 25 and start_raw[13:19] in valid:
                    start_day = known_day(start_raw[:13] + start_raw[19:])
                elif size == 10:
                    start_day = known_day(start_raw)
                else:
                    start_day = -1
                if start_day is None:
                    start_day = text_day(start_raw)
                size = len(end_raw)
                if size == 25 and end_raw[13:19] in valid:
                    end_day = known_day(end_raw[:13] + end_raw[19:])
                elif size == 10:
                    end_day = known_day(end_raw)
                else:
                    end_day = -1
                if end_day is None:
                    end_day = text_day(end_raw)
                if (
                    start_day is None
                    or end_day is None
                    or start_day < 0
                    or end_day <= start_day
                    or "" in lane
                ):
                    slow(before + reader.line_num, start_raw, end_raw, lane)
                    continue
                if business:
                    pair = (start_day, end_day)
                    ticks = pairs.get(pair)
                    if ticks is None:
                        ticks = pairs[pair] = calendar.business_days_between(  # type: ignore[union-attr]
                            from_ordinal(start_day), from_ordinal(end_day)
                        )
                else:
                    ticks = end_day - start_day
                if ticks > max_ticks:
                    slow(before + reader.line_num, start_raw, end_raw, lane)
                    continue
                accepted += 1
                per_lane = counts.get(lane)
                if per_lane is None:
                    per_lane = counts[lane] = {}
                key = count_key(start_day, ticks)
                per_lane[key] = per_lane.get(key, 0) + 1
                if keep is not None:
                    keep.append((lane, start_day, end_day, ticks, 1))
        finally:
            self.rows_read += accepted

    def add_mapping(self, row: int, record: object, count_field: str | None) -> None:
        """Read one record given as a mapping of field names to values."""
        if not isinstance(record, Mapping):
            raise InvalidHistoryError(
                f"row {row}: records must be mappings of field name to value, "
                f"got {type(record).__name__}",
                field="rows",
                value=record,
            )
        rows = 1
        if count_field is not None:
            raw = record.get(count_field)
            number = _count_value(raw)
            if number is None:
                self.rows_read += 1
                self.rejects.add(
                    row,
                    "unparseable",
                    count_field,
                    raw,
                    f"{count_field}={_short(raw)} is not a whole number of rows >= 1",
                    1,
                )
                return
            rows = number
        lane_values: list[str] = []
        for name in self.lane_fields:
            value = record.get(name)
            if value is None or value == "":
                self.rows_read += rows
                self.rejects.add(row, "missing_field", name, value, f"{name} is empty", rows)
                return
            lane_values.append(value if type(value) is str else str(value))
        self.add(
            row, record.get(self.start_field), record.get(self.end_field), tuple(lane_values), rows
        )


def _count_value(raw: object) -> int | None:
    """Read a count of rows: a whole number >= 1 (int, integral float or Decimal, digits)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, numbers.Integral):
        number = int(raw)
    elif isinstance(raw, (float, Decimal)):
        if not math.isfinite(raw) or raw % 1:
            return None
        number = int(raw)
    elif isinstance(raw, str) and raw.strip().isdigit():
        number = int(raw)
    else:
        return None
    return number if number >= 1 else None


# ------------------------------------------------------------------------ SQL
def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def aggregate_sql(query: str, *, start: str, end: str, lane: str | Sequence[str] = ()) -> str:
    """Return the SQL that :meth:`TransitHistory.from_dbapi` sends for ``query``.

    Your query becomes a subquery; the database groups its rows by lane, start and end
    and counts them, so only distinct combinations travel to Python. Identifiers are
    quoted in standard SQL (SQLite, DuckDB, PostgreSQL and others accept it).

    Examples
    --------
    >>> print(aggregate_sql("SELECT * FROM shipments", start="shipped_on",
    ...                     end="delivered_on", lane=("service", "destination")))
    SELECT "service", "destination", "shipped_on", "delivered_on", COUNT(*) AS expectset_rows
    FROM (
    SELECT * FROM shipments
    ) AS expectset_history
    GROUP BY "service", "destination", "shipped_on", "delivered_on"
    ORDER BY "service", "destination", "shipped_on", "delivered_on"
    """
    if not isinstance(query, str) or not query.strip():
        raise InvalidHistoryError(
            f"query must be SQL text (a SELECT), got {query!r}", field="query", value=query
        )
    names = (*_lane_fields(lane), _field_name(start, "start"), _field_name(end, "end"))
    columns = ", ".join(_quote(name) for name in names)
    inner = query.strip().rstrip(";").rstrip()
    return (
        f"SELECT {columns}, COUNT(*) AS {COUNT_COLUMN}\n"
        f"FROM (\n{inner}\n) AS expectset_history\n"
        f"GROUP BY {columns}\n"
        f"ORDER BY {columns}"
    )


# ------------------------------------------------------------------------ history
_CountsInput: TypeAlias = "Mapping[Any, Mapping[Any, int]]"


class TransitHistory:
    """How long things took, counted per lane; the evidence behind every window.

    Build one with :meth:`from_records`, :meth:`from_csv`, :meth:`from_dbapi` or
    :meth:`from_counts`, then ask for :meth:`window`. Lanes are tuples of text from
    general to specific, such as ``("REG", "JKT", "SBY")`` for service, origin and
    destination; a shorter tuple is a parent lane (``("REG", "JKT")``) and ``()`` is all
    lanes together.

    Durations are measured in ``unit``: ``calendar_days`` and ``business_days`` count
    the days from the start's local date to the end's (business days as
    :meth:`BusinessCalendar.business_days_between
    <expectset.calendar.BusinessCalendar.business_days_between>` counts them: Friday
    evening to Monday is 1 on a Monday-to-Friday calendar); ``business_hours`` counts the
    working time between the two moments, to the minute (rounded up).

    Examples
    --------
    >>> import datetime as dt
    >>> from expectset.calendar import BusinessCalendar
    >>> cal = BusinessCalendar(workdays="Mon-Fri", country="ID")
    >>> hist = TransitHistory.from_records(
    ...     [{"shipped_at": "2026-03-17T10:00+07:00", "delivered_at": "2026-03-25T15:00+07:00",
    ...       "service": "REG"}],
    ...     start="shipped_at", end="delivered_at", lane="service", calendar=cal)
    >>> hist.counts(("REG",))      # one business day across Nyepi and Lebaran
    {1: 1}
    """

    def __init__(
        self,
        *,
        unit: Unit,
        calendar: BusinessCalendar | None = None,
        lane_fields: Lane | None = None,
        lane_depth: int | None = None,
    ) -> None:
        self._unit = _check_unit(unit)
        _check_calendar(self._unit, calendar, measuring=False)
        self._calendar = calendar
        self._lane_fields = lane_fields
        self._depth = lane_depth if lane_depth is not None else len(lane_fields or ())
        self._counts: dict[Lane, dict[tuple[int, int], int]] = {}
        self._rejected = RejectReport()
        self._max_start = _UNDATED
        self._totals: dict[Lane, dict[int, int]] | None = None
        self._windows: dict[tuple[Any, ...], Window] = {}

    # ----------------------------------------------------------------- building
    @classmethod
    def _from_ingest(cls, ingest: _Ingest) -> TransitHistory:
        hist = cls(unit=ingest.unit, calendar=ingest.calendar, lane_fields=ingest.lane_fields)
        hist._counts = ingest.counts
        hist._rejected = ingest.rejects.report(ingest.rows_read)
        # The largest key of a lane has its latest start day.
        hist._max_start = max(
            (max(per_lane)[0] for per_lane in ingest.counts.values() if per_lane),
            default=_UNDATED,
        )
        return hist

    @staticmethod
    def _ingest(
        *,
        start: object,
        end: object,
        lane: object,
        unit: object,
        calendar: BusinessCalendar | None,
        tz: TzLike | None,
        dayfirst: bool,
        max_value: float | None,
        strict: bool,
        source: str,
        keep_rows: bool = False,
    ) -> _Ingest:
        checked_unit = _check_unit(unit)
        _check_calendar(checked_unit, calendar, measuring=True)
        return _Ingest(
            start=_field_name(start, "start"),
            end=_field_name(end, "end"),
            lane=_lane_fields(lane),
            unit=checked_unit,
            calendar=calendar,
            tz=tz,
            dayfirst=dayfirst,
            max_value=max_value,
            strict=strict,
            source=source,
            keep_rows=keep_rows,
        )

    @classmethod
    def from_records(
        cls,
        rows: Iterable[Mapping[str, Any]],
        *,
        start: str,
        end: str,
        lane: str | Sequence[str] = (),
        unit: Unit = "business_days",
        calendar: BusinessCalendar | None = None,
        tz: TzLike | None = None,
        dayfirst: bool = False,
        max_value: float | None = None,
        strict: bool = False,
        count: str | None = None,
    ) -> TransitHistory:
        """Read rows given as mappings (dicts, database rows, JSON objects).

        ``start`` and ``end`` name the fields with the start and end moments: aware
        datetimes, ISO 8601 text with an offset, or dates. A naive datetime (or text
        without an offset) is rejected unless ``tz`` names its zone; ``dayfirst=True``
        reads ``17/03/2026 14:05`` as Indonesian spreadsheets write it. ``lane`` names
        the lane fields from general to specific. ``max_value`` (in ``unit``) rejects
        longer durations as outliers. ``count`` names a field holding how many
        identical rows a record stands for (pre-aggregated data). ``strict=True``
        raises :class:`~expectset.errors.InvalidHistoryError` on the first bad row.
        """
        ingest = cls._ingest(
            start=start,
            end=end,
            lane=lane,
            unit=unit,
            calendar=calendar,
            tz=tz,
            dayfirst=dayfirst,
            max_value=max_value,
            strict=strict,
            source="",
        )
        if count is not None:
            _field_name(count, "count")
        if isinstance(rows, (str, bytes, Mapping)):
            raise InvalidHistoryError(
                f"rows must be an iterable of mappings (one per row), got {type(rows).__name__}",
                field="rows",
                value=rows,
            )
        add = ingest.add_mapping
        for number, record in enumerate(rows, start=1):
            add(number, record, count)
        return cls._from_ingest(ingest)

    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str] | IO[str],
        *,
        start: str,
        end: str,
        lane: str | Sequence[str] = (),
        unit: Unit = "business_days",
        calendar: BusinessCalendar | None = None,
        tz: TzLike | None = None,
        dayfirst: bool = False,
        max_value: float | None = None,
        strict: bool = False,
        encoding: str = "utf-8-sig",
        delimiter: str = ",",
    ) -> TransitHistory:
        """Stream a CSV file with a header row; memory does not grow with its length.

        Arguments as for :meth:`from_records`. Row numbers in the reject report are
        line numbers as a spreadsheet shows them (the header is line 1). Lane values are
        taken exactly as written. A header without the named columns is an error.
        """
        ingest = cls._ingest(
            start=start,
            end=end,
            lane=lane,
            unit=unit,
            calendar=calendar,
            tz=tz,
            dayfirst=dayfirst,
            max_value=max_value,
            strict=strict,
            source="",
        )
        if isinstance(path, (str, os.PathLike)):
            ingest.rejects.source = os.path.basename(os.fspath(path))
            with open(path, newline="", encoding=encoding) as handle:
                _read_csv(handle, ingest, delimiter, scan=True)
        else:
            _read_csv(path, ingest, delimiter)
        return cls._from_ingest(ingest)

    @classmethod
    def from_dbapi(
        cls,
        source: Any,
        query: str,
        params: Sequence[Any] | Mapping[str, Any] | None = None,
        *,
        start: str,
        end: str,
        lane: str | Sequence[str] = (),
        unit: Unit = "business_days",
        calendar: BusinessCalendar | None = None,
        tz: TzLike | None = None,
        dayfirst: bool = False,
        max_value: float | None = None,
        strict: bool = False,
        batch_size: int = 10_000,
    ) -> TransitHistory:
        """Read from any DB-API connection or cursor, letting the database count.

        ``query`` selects the rows (with ``params`` for its placeholders, in the
        driver's own style). It is wrapped as shown by :func:`aggregate_sql`, so the
        database groups by lane, start and end and returns one counted row per distinct
        combination. Select local *dates* (not timestamps) for the day units and the
        database does the heavy part: hundreds of millions of rows arrive as a few
        hundred thousand counted pairs. Values may be dates, datetimes or ISO text.
        Reject row numbers refer to rows of the aggregated result.
        """
        ingest = cls._ingest(
            start=start,
            end=end,
            lane=lane,
            unit=unit,
            calendar=calendar,
            tz=tz,
            dayfirst=dayfirst,
            max_value=max_value,
            strict=strict,
            source="query",
        )
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidHistoryError(
                f"batch_size must be a whole number >= 1, got {batch_size!r}",
                field="batch_size",
                value=batch_size,
            )
        sql = aggregate_sql(query, start=start, end=end, lane=lane)
        if callable(getattr(source, "execute", None)) and callable(
            getattr(source, "fetchmany", None)
        ):
            cursor, own = source, False
        elif callable(getattr(source, "cursor", None)):
            cursor, own = source.cursor(), True
        else:
            raise InvalidHistoryError(
                f"source must be a DB-API connection or cursor, got {type(source).__name__}",
                field="source",
                value=source,
            )
        try:
            if params is None:
                cursor.execute(sql)
            else:
                cursor.execute(sql, params)
            depth = len(ingest.lane_fields)
            number = 0
            while True:
                batch = cursor.fetchmany(batch_size)
                if not batch:
                    break
                for result in batch:
                    number += 1
                    _add_counted(ingest, number, result, depth)
        finally:
            if own:
                cursor.close()
        return cls._from_ingest(ingest)

    @classmethod
    def from_counts(
        cls,
        counts: Mapping[Any, Mapping[Any, int]],
        *,
        unit: Unit = "business_days",
        calendar: BusinessCalendar | None = None,
        lane: str | Sequence[str] | None = None,
        rejected: RejectReport | None = None,
    ) -> TransitHistory:
        """Build a history from counts already made elsewhere (a warehouse, Spark, a shard).

        ``counts`` maps each lane (a tuple of text; a single text is a one-key lane,
        ``()`` the single pool) to ``{value: rows}`` where ``value`` is the duration in
        ``unit`` (whole days; hours may be fractional and are kept to the minute), or to
        ``{(start_date, value): rows}`` when the start day is known (needed for recency
        weights). Lanes must all have the same number of keys; ``lane`` optionally names
        the fields. Bad counts raise :class:`~expectset.errors.InvalidHistoryError`.
        The same mapping comes back from :meth:`to_counts`. ``rejected`` is the report
        of the rows the counts were made from (such as
        :func:`expectset.spark.transit_counts` returns): the rows it accepted must be
        the rows counted.

        Examples
        --------
        >>> hist = TransitHistory.from_counts({("REG", "JKT", "SBY"): {2: 120, 3: 340}},
        ...                                   unit="calendar_days")
        >>> hist.samples, hist.counts(("REG",))
        (460, {2: 120, 3: 340})
        """
        checked_unit = _check_unit(unit)
        fields = None if lane is None else _lane_fields(lane)
        if not isinstance(counts, Mapping):
            raise InvalidHistoryError(
                f"counts must map lanes to {{value: rows}}, got {type(counts).__name__}",
                field="counts",
                value=counts,
            )
        ticks_per_unit = TICKS_PER_UNIT[checked_unit]
        table: dict[Lane, dict[tuple[int, int], int]] = {}
        depth: int | None = None if fields is None else len(fields)
        total = 0
        for raw_lane, values in counts.items():
            key = _lane_key(raw_lane)
            if depth is None:
                depth = len(key)
            if len(key) != depth:
                raise InvalidHistoryError(
                    f"every lane needs {depth} keys, got {raw_lane!r}", field="lane", value=raw_lane
                )
            if not isinstance(values, Mapping):
                raise InvalidHistoryError(
                    f"counts[{raw_lane!r}] must map values to rows, got {values!r}",
                    field="counts",
                    value=values,
                )
            per_lane = table.setdefault(key, {})
            for raw_value, rows in values.items():
                start_day, ticks = _count_key(raw_value, checked_unit, ticks_per_unit)
                if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
                    raise InvalidHistoryError(
                        f"counts[{raw_lane!r}][{raw_value!r}] must be a whole number of rows, "
                        f"got {rows!r}",
                        field="counts",
                        value=rows,
                    )
                if rows:
                    pair = (start_day, ticks)
                    per_lane[pair] = per_lane.get(pair, 0) + rows
                    total += rows
        hist = cls(unit=checked_unit, calendar=calendar, lane_fields=fields, lane_depth=depth)
        hist._counts = {lane_key: pairs for lane_key, pairs in table.items() if pairs}
        if rejected is None:
            rejected = RejectReport(rows_read=total)
        elif not isinstance(rejected, RejectReport) or rejected.accepted != total:
            raise InvalidHistoryError(
                f"rejected must be the RejectReport of the rows counted ({total:,} used), "
                f"got {rejected!r}",
                field="rejected",
                value=rejected,
            )
        hist._rejected = rejected
        hist._max_start = max(
            (s for pairs in hist._counts.values() for s, _ in pairs), default=_UNDATED
        )
        return hist

    # ----------------------------------------------------------------- describing
    @property
    def unit(self) -> Unit:
        """The unit durations are counted in."""
        return self._unit

    @property
    def calendar(self) -> BusinessCalendar | None:
        """The calendar durations were measured on (the default for promises)."""
        return self._calendar

    @property
    def lane_fields(self) -> Lane | None:
        """The field names of the lane keys, general to specific (``None`` if unknown)."""
        return self._lane_fields

    @property
    def lanes(self) -> list[Lane]:
        """Every lane with history, sorted."""
        return sorted(self._counts)

    @property
    def samples(self) -> int:
        """Rows used, all lanes together."""
        return sum(sum(pairs.values()) for pairs in self._counts.values())

    def __len__(self) -> int:
        return self.samples

    @property
    def rejected(self) -> RejectReport:
        """Rows read and rejected, by reason, with examples."""
        return self._rejected

    @property
    def last_start(self) -> dt.date | None:
        """The latest start day in the history (``None`` if no row has a start day)."""
        return None if self._max_start == _UNDATED else dt.date.fromordinal(self._max_start)

    def counts(self, lane: str | Sequence[str] = ()) -> dict[int | float, int]:
        """Rows per duration (in the unit) on ``lane`` and every lane below it."""
        key = self._lane(lane)
        totals = self._lane_totals().get(key, {})
        per_unit = TICKS_PER_UNIT[self._unit]
        return {_from_ticks(t, per_unit): totals[t] for t in sorted(totals)}

    def to_counts(self, *, dated: bool = False) -> dict[Lane, dict[Any, int]]:
        """Return the counts in the shape :meth:`from_counts` reads (``dated``: by start day)."""
        per_unit = TICKS_PER_UNIT[self._unit]
        out: dict[Lane, dict[Any, int]] = {}
        for lane in sorted(self._counts):
            merged: dict[Any, int] = {}
            for (start, ticks), rows in sorted(self._counts[lane].items()):
                value = _from_ticks(ticks, per_unit)
                key: Any = value
                if dated:
                    key = (None if start == _UNDATED else dt.date.fromordinal(start), value)
                merged[key] = merged.get(key, 0) + rows
            out[lane] = merged
        return out

    def __repr__(self) -> str:
        return (
            f"TransitHistory(unit={self._unit!r}, lanes={len(self._counts)}, "
            f"samples={self.samples:,}, rejected={self._rejected.total:,})"
        )

    def __eq__(self, other: object) -> bool:
        """Equal when they hold the same counts in the same unit on the same calendar.

        Reject reports are not compared: the same rows read from a file and from a
        database number their rejects differently.
        """
        if not isinstance(other, TransitHistory):
            return NotImplemented
        return (
            self._unit == other._unit
            and self._calendar == other._calendar
            and self._depth == other._depth
            and self._counts == other._counts
        )

    __hash__ = None  # type: ignore[assignment]

    # ----------------------------------------------------------------- merging
    def _check_compatible(self, other: object) -> TransitHistory:
        if not isinstance(other, TransitHistory):
            raise InvalidHistoryError(
                f"can only merge another TransitHistory, got {type(other).__name__}",
                field="other",
                value=other,
            )
        if other._unit != self._unit:
            raise InvalidHistoryError(
                f"cannot merge histories in different units ({self._unit} and {other._unit})",
                field="unit",
                value=other._unit,
            )
        if other._calendar != self._calendar:
            raise InvalidHistoryError(
                f"cannot merge histories measured on different calendars "
                f"({self._calendar!r} and {other._calendar!r})",
                field="calendar",
                value=other._calendar,
            )
        if other._counts and self._counts and other._depth != self._depth:
            raise InvalidHistoryError(
                f"cannot merge lanes of {self._depth} keys with lanes of {other._depth} keys",
                field="lane",
                value=other._lane_fields,
            )
        if (
            self._lane_fields is not None
            and other._lane_fields is not None
            and self._lane_fields != other._lane_fields
        ):
            raise InvalidHistoryError(
                f"cannot merge lanes {self._lane_fields!r} with lanes {other._lane_fields!r}",
                field="lane",
                value=other._lane_fields,
            )
        return other

    def merge(self, *others: TransitHistory) -> TransitHistory:
        """Add other histories' counts and rejects to this one, in place; return ``self``.

        Counts add up exactly, so histories read from shards, days or files combine into
        the one a single read would give. ``a + b`` makes a new history instead.
        """
        checked = [self._check_compatible(other) for other in others]
        for other in checked:
            if not self._counts and other._counts:
                self._depth = other._depth
            if self._lane_fields is None:
                self._lane_fields = other._lane_fields
            for lane, pairs in other._counts.items():
                mine = self._counts.setdefault(lane, {})
                for pair, rows in pairs.items():
                    mine[pair] = mine.get(pair, 0) + rows
            self._rejected = self._rejected + other._rejected
            self._max_start = max(self._max_start, other._max_start)
        self._invalidate()
        return self

    def copy(self) -> TransitHistory:
        """Return an independent copy (caches are not shared)."""
        twin = TransitHistory(
            unit=self._unit,
            calendar=self._calendar,
            lane_fields=self._lane_fields,
            lane_depth=self._depth,
        )
        twin._counts = {lane: dict(pairs) for lane, pairs in self._counts.items()}
        twin._rejected = self._rejected
        twin._max_start = self._max_start
        return twin

    def __add__(self, other: object) -> TransitHistory:
        if not isinstance(other, TransitHistory):
            return NotImplemented
        return self.copy().merge(other)

    def _invalidate(self) -> None:
        self._totals = None
        self._windows.clear()

    def _add(self, lane: Lane, start_day: int, ticks: int, rows: int = 1) -> None:
        """Add counted rows (used by the backtest as outcomes become known)."""
        pairs = self._counts.get(lane)
        if pairs is None:
            pairs = self._counts[lane] = {}
            self._depth = len(lane)
        key = (start_day, ticks)
        pairs[key] = pairs.get(key, 0) + rows
        if start_day > self._max_start:
            self._max_start = start_day
        totals = self._totals
        if totals is not None:
            for size in range(len(lane) + 1):
                per_prefix = totals.setdefault(lane[:size], {})
                per_prefix[ticks] = per_prefix.get(ticks, 0) + rows
        if self._windows:
            self._windows.clear()

    # ----------------------------------------------------------------- windows
    def _lane(self, lane: object) -> Lane:
        key = _lane_key(lane)
        if len(key) > self._depth and self._counts:
            raise InvalidHistoryError(
                f"lane {key!r} has {len(key)} keys but this history's lanes have {self._depth}"
                + (f" ({', '.join(self._lane_fields)})" if self._lane_fields else ""),
                field="lane",
                value=lane,
            )
        return key

    def _lane_totals(self) -> dict[Lane, dict[int, int]]:
        """Rows per duration for every lane prefix (built once, kept up to date)."""
        if self._totals is None:
            totals: dict[Lane, dict[int, int]] = {}
            for lane, pairs in self._counts.items():
                merged: dict[int, int] = {}
                for (_, ticks), rows in pairs.items():
                    merged[ticks] = merged.get(ticks, 0) + rows
                for size in range(len(lane) + 1):
                    per_prefix = totals.setdefault(lane[:size], {})
                    for ticks, rows in merged.items():
                        per_prefix[ticks] = per_prefix.get(ticks, 0) + rows
            self._totals = totals
        return self._totals

    def _sample(self, prefix: Lane, as_of: int | None, halflife: float | None) -> Sample:
        """Collect the history of ``prefix`` as the statistics need it."""
        if halflife is None and (as_of is None or as_of >= self._max_start):
            totals = self._lane_totals().get(prefix)
            if not totals:
                return Sample(values=(), counts=())
            values = tuple(sorted(totals))
            return Sample(values=values, counts=tuple(totals[v] for v in values))
        reference = self._max_start if as_of is None else as_of
        size = len(prefix)
        counts: dict[int, int] = {}
        weights: dict[int, float] = {}
        square_sum = 0.0
        factor: dict[int, float] = {}
        for lane, pairs in self._counts.items():
            if lane[:size] != prefix:
                continue
            for (start, ticks), rows in pairs.items():
                if as_of is not None and start > as_of:
                    continue
                counts[ticks] = counts.get(ticks, 0) + rows
                if halflife is None:
                    continue
                if start == _UNDATED:
                    raise InvalidPolicyError(
                        "halflife_days weighs rows by their start day, but this history has "
                        "counts without start days (from_counts without dates); "
                        "use halflife_days=None",
                        field="halflife_days",
                        value=halflife,
                    )
                weight = factor.get(start)
                if weight is None:
                    weight = factor[start] = 0.5 ** (max(0, reference - start) / halflife)
                weights[ticks] = weights.get(ticks, 0.0) + rows * weight
                square_sum += rows * weight * weight
        values = tuple(sorted(counts))
        if halflife is None:
            return Sample(values=values, counts=tuple(counts[v] for v in values))
        return Sample(
            values=values,
            counts=tuple(counts[v] for v in values),
            weights=tuple(weights[v] for v in values),
            square_sum=square_sum,
        )

    def window(
        self,
        lane: str | Sequence[str] = (),
        policy: PromisePolicy | None = None,
        *,
        as_of: dt.date | dt.datetime | None = None,
    ) -> Window:
        """Return the promise window for ``lane`` under ``policy``.

        The lane's own history is used when it has at least ``policy.min_samples``
        effective samples and enough for the bound (:func:`~expectset.windows.required_samples`);
        otherwise its parent lane (the most specific key dropped), and so on up to all
        lanes together. A lane without any history falls back the same way. When even
        all lanes together are not enough, :class:`~expectset.errors.InsufficientHistoryError`
        names the lane, the samples and how many are needed.

        ``as_of`` is the day the window is for: rows that started after it are left
        out, and recency weights (``policy.halflife_days``) count age from it. ``None``
        uses everything, with ages counted from the latest start day in the history.
        Windows are cached per (lane, policy, as_of) until the history changes.
        """
        if policy is None:
            policy = _DEFAULT_POLICY
        try:
            return self._windows[(lane, policy, as_of)]
        except (KeyError, TypeError):
            pass
        key = self._lane(lane)
        if not isinstance(policy, PromisePolicy):
            raise InvalidPolicyError(
                f"policy must be a PromisePolicy, got {policy!r}", field="policy", value=policy
            )
        day = self._as_of(as_of)
        cache_key = (key, policy, day)
        window = self._windows.get(cache_key)
        if window is None:
            window = self._compute(key, policy, day)
            if len(self._windows) > 10_000:
                self._windows.clear()
            self._windows[cache_key] = window
        with suppress(TypeError):  # an unhashable lane (a list): cached under its tuple only
            self._windows[(lane, policy, as_of)] = window
        return window

    def _as_of(self, as_of: object) -> dt.date | None:
        if as_of is None:
            return None
        if isinstance(as_of, dt.datetime):
            from ._timeutil import as_aware

            aware = as_aware(as_of, field="as_of")
            return aware.astimezone(self._calendar.zone).date() if self._calendar else aware.date()
        if isinstance(as_of, dt.date):
            return as_of
        raise InvalidHistoryError(
            f"as_of must be a date or an aware datetime, got {as_of!r}", field="as_of", value=as_of
        )

    def _compute(self, lane: Lane, policy: PromisePolicy, as_of: dt.date | None) -> Window:
        as_of_day = None if as_of is None else as_of.toordinal()
        per_unit = TICKS_PER_UNIT[self._unit]
        pad_ticks = policy.pad * per_unit
        requested: Sample | None = None
        # The most specific lane with any history of its own: a fallback window is never
        # shorter than its plain quantiles (a slow lane with few rows under a fast parent).
        evidence: tuple[Lane, Sample] | None = None
        sample = Sample(values=(), counts=())
        for size in range(len(lane), -1, -1):
            prefix = lane[:size]
            sample = self._sample(prefix, as_of_day, policy.halflife_days)
            if requested is None:
                requested = sample
            bounds = evaluate(sample, policy, pad_ticks=pad_ticks)
            if bounds is None:
                if evidence is None and sample.values:
                    evidence = (prefix, sample)
                continue
            lower, upper, kept = bounds.lower, bounds.upper, bounds.on_time_in_history
            widened_for: Lane | None = None
            own = None if evidence is None else empirical_bounds(evidence[1], policy, pad_ticks)
            if (
                evidence is not None
                and own is not None
                and (own.upper > upper or own.lower > lower)
            ):
                widened_for = evidence[0]
                upper = max(upper, own.upper)
                lower = min(max(lower, own.lower), upper)
                kept = share_within(sample, upper)
            return Window(
                lower=_from_ticks(lower, per_unit),
                upper=_from_ticks(upper, per_unit),
                unit=self._unit,
                lane=prefix,
                requested_lane=lane,
                samples=sample.samples,
                effective_samples=sample.effective,
                policy=policy,
                requested_samples=None if size == len(lane) else requested.effective,
                on_time_in_history=kept,
                as_of=as_of,
                calendar=self._calendar,
                distribution=tuple(
                    (_from_ticks(value, per_unit), count)
                    for value, count in zip(sample.values, sample.counts, strict=True)
                ),
                widened_for=widened_for,
            )
        have = sample.effective
        weighted = " effective" if policy.halflife_days is not None else ""
        raise InsufficientHistoryError(
            f"not enough history for {lane_label(lane)}: {_fmt(have)}{weighted} samples even "
            f"on all lanes together, {policy.needed_samples} needed for "
            f"{policy.describe()} (min_samples={policy.min_samples})",
            field="lane",
            value=lane,
        )

    def windows(
        self, policy: PromisePolicy | None = None, *, as_of: dt.date | dt.datetime | None = None
    ) -> dict[Lane, Window]:
        """Return the window of every lane with history, in lane order."""
        return {lane: self.window(lane, policy, as_of=as_of) for lane in self.lanes}

    def _repr_html_(self) -> str:
        """Show the history in a notebook: all lanes as a histogram, then a lane table.

        The histogram shades the default policy's window over all lanes; the table
        gives each lane's rows and window under that policy, and rejected rows are
        summed up underneath.
        """
        import html

        policy = _DEFAULT_POLICY
        escape = html.escape
        rows = []
        for lane in self.lanes:
            try:
                window = self.window(lane, policy)
                text = window.range_text()
                if window.fell_back:
                    text += f" (from {lane_label(window.lane)})"
            except InsufficientHistoryError:
                text = "not enough history"
            samples = sum(self.counts(lane).values())
            rows.append(
                f"<tr><td>{escape(lane_label(lane))}</td>"
                f'<td style="text-align:right">{samples:,}</td><td>{escape(text)}</td></tr>'
            )
        try:
            chart = self.window((), policy)._repr_html_()
        except InsufficientHistoryError:
            chart = "<p>Not enough history for a window over all lanes.</p>"
        rejected = self.rejected
        note = ""
        if rejected.total:
            note = (
                f'<p style="font-size:12px;color:#92400e">{rejected.total:,} rejected rows '
                f"(see <code>.rejected</code>): "
                + escape(
                    ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in rejected.counts.items())
                )
                + "</p>"
            )
        return (
            f'<div style="font-family:sans-serif"><div style="font-size:13px">'
            f"TransitHistory: {self.samples:,} rows in {len(self.lanes):,} lanes, "
            f"{escape(self._unit.replace('_', ' '))}</div>{chart}"
            '<table style="font-size:12px;border-collapse:collapse;margin-top:6px">'
            "<tr><th style='text-align:left'>lane</th><th>rows</th>"
            f"<th style='text-align:left'>window ({escape(policy.describe())})</th></tr>"
            + "".join(rows)
            + f"</table>{note}</div>"
        )


_DEFAULT_POLICY = PromisePolicy()


def _fmt(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def _from_ticks(ticks: int, per_unit: int) -> int | float:
    return ticks if per_unit == 1 else ticks / per_unit


def _lane_key(lane: object) -> Lane:
    if isinstance(lane, str):
        return (lane,)
    if isinstance(lane, tuple) and all(type(k) is str for k in lane):
        return lane
    if isinstance(lane, Iterable) and not isinstance(lane, (bytes, Mapping)):
        keys = tuple(lane)
        if all(isinstance(k, str) for k in keys):
            return keys
    raise InvalidHistoryError(
        f"a lane is a tuple of text keys like ('REG', 'JKT', 'SBY'), got {lane!r}",
        field="lane",
        value=lane,
    )


def _count_key(raw: object, unit: Unit, per_unit: int) -> tuple[int, int]:
    start = _UNDATED
    value = raw
    if isinstance(raw, tuple) and len(raw) == 2:
        day, value = raw
        if day is not None:
            if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
                raise InvalidHistoryError(
                    f"a dated count is keyed (start date, value), got {raw!r}",
                    field="counts",
                    value=raw,
                )
            start = day.toordinal()
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidHistoryError(
            f"a count's value is a duration in {unit.replace('_', ' ')}, got {raw!r}",
            field="counts",
            value=raw,
        )
    if value < 0:
        raise InvalidHistoryError(
            f"a duration cannot be negative, got {raw!r}", field="counts", value=raw
        )
    if per_unit == 1:
        if not float(value).is_integer():
            raise InvalidHistoryError(
                f"{unit.replace('_', ' ')} are whole numbers, got {raw!r}",
                field="counts",
                value=raw,
            )
        return start, int(value)
    return start, math.ceil(round(value * per_unit, 6))


def _add_counted(ingest: _Ingest, number: int, result: Sequence[Any], depth: int) -> None:
    """Feed one row of the aggregated query: lane keys, start, end, count."""
    rows = _count_value(result[depth + 2])
    if rows is None:
        raise InvalidHistoryError(
            f"query result row {number}: the count {result[depth + 2]!r} is not a whole number",
            field=COUNT_COLUMN,
            value=result[depth + 2],
        )
    lane_values: list[str] = []
    for position in range(depth):
        value = result[position]
        if value is None or value == "":
            name = ingest.lane_fields[position]
            ingest.rows_read += rows
            ingest.rejects.add(number, "missing_field", name, value, f"{name} is empty", rows)
            return
        lane_values.append(value if type(value) is str else str(value))
    ingest.add(number, result[depth], result[depth + 1], tuple(lane_values), rows)


def _read_csv(handle: IO[str], ingest: _Ingest, delimiter: str, *, scan: bool = False) -> None:
    """Read a CSV file: the header here, the rows in chunks (``scan``) or row by row.

    ``scan`` is for files :meth:`TransitHistory.from_csv` opened itself, whose lines
    end as ``newline=""`` splits them: whole chunks then go through
    :class:`expectset._csvscan.Scanner`, which hands rows and chunks it cannot vouch
    for back to the row-by-row path, numbered as that path numbers them.
    """
    reader = csv.reader(handle, delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        raise InvalidHistoryError(
            "the CSV file is empty: it needs a header row naming the columns",
            field="path",
            value=ingest.rejects.source,
        )
    names = [name.strip() for name in header]
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        index.setdefault(name, position)
    wanted = [("start", ingest.start_field), ("end", ingest.end_field)] + [
        ("lane", name) for name in ingest.lane_fields
    ]
    missing = [(what, name) for what, name in wanted if name not in index]
    if missing:
        what, name = missing[0]
        raise InvalidHistoryError(
            f"the CSV header has no column {name!r} (given as {what}=); it has {names}",
            field=what,
            value=name,
        )
    start_at = index[ingest.start_field]
    end_at = index[ingest.end_field]
    positions = [index[name] for name in ingest.lane_fields]
    get_lane = _lane_getter(positions)

    def on_short(line: int, row: list[str]) -> None:
        _short_row(ingest, line, row, wanted, index)

    def read_rows(rows: Any, before: int) -> None:
        if ingest.text_fast:
            ingest.add_text_rows(rows, start_at, end_at, get_lane, on_short, before)
            return
        last = max([start_at, end_at, *positions])
        add = ingest.add
        for row in rows:
            if len(row) > last:
                add(before + rows.line_num, row[start_at], row[end_at], get_lane(row))
            elif row:
                on_short(before + rows.line_num, row)

    if scan and _SCAN_CSV and ingest.text_fast and ingest.rows is None and delimiter not in '"\r\n':
        from ._csvscan import Scanner

        def general(lines: Iterable[str], before: int) -> int:
            rows = csv.reader(lines, delimiter=delimiter)
            read_rows(rows, before)
            return rows.line_num

        scanner = Scanner(
            ingest,
            delimiter=delimiter,
            start_at=start_at,
            end_at=end_at,
            lane_at=positions,
            general=general,
        )
        scanner.run(handle, reader.line_num)
        return
    read_rows(reader, 0)


#: Whether :meth:`TransitHistory.from_csv` reads files in chunks (tests compare both ways).
_SCAN_CSV = True


def _lane_getter(positions: list[int]) -> Callable[[list[str]], Lane]:
    if not positions:
        return lambda row: ()
    if len(positions) == 1:
        only = positions[0]
        return lambda row: (row[only],)
    return itemgetter(*positions)


def _short_row(
    ingest: _Ingest,
    line: int,
    row: list[str],
    wanted: list[tuple[str, str]],
    index: dict[str, int],
) -> None:
    ingest.rows_read += 1
    name = next(name for _, name in wanted if index[name] >= len(row))
    ingest.rejects.add(
        line, "missing_field", name, None, f"{name} is missing (the row is too short)", 1
    )
