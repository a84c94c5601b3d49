"""Transit counts made by Spark: histories too large for one machine.

:func:`transit_counts` does in Spark what :meth:`TransitHistory.from_records
<expectset.history.TransitHistory.from_records>` does row by row: it reads each row's
start and end, takes their local dates in the calendar's zone, rejects rows that
cannot be used (counted per reason, never dropped) and counts the rest by (lane, start
date, end date). Only those counts travel to the driver, where each distinct pair of
dates becomes a duration once, on the calendar, exactly as in the rest of the library.

PySpark is imported when the function runs: it is not a dependency of expectset
(``pip install "expectset[spark]"``; Spark needs Java 17 or later).

Values may be Spark timestamps and dates, or text in ISO 8601's extended format: a
date (``2026-03-17``), or a date, ``T`` or a space, and a time of hours and minutes with
optional seconds and fraction, followed by ``Z`` or an offset (``+07:00``, ``+0700``,
``+07``). Text without an offset is a naive time: rejected unless ``tz`` names its zone.
Other text is unparseable here, even where Python's ``fromisoformat`` would read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .errors import InvalidHistoryError
from .history import (
    REJECT_REASONS,
    Lane,
    RejectReason,
    RejectReport,
    TransitHistory,
    _Ingest,
    _lane_fields,
)
from .windows import TICKS_PER_UNIT, Unit

if TYPE_CHECKING:
    from .calendar import BusinessCalendar

__all__ = ["SparkCounts", "transit_counts"]

_OFFSETS = ("XXX", "XX", "X")
_TIMES = ("HH:mm:ss[.SSSSSSSSS]", "HH:mm")
_SEPARATORS = ("'T'", " ")
#: Formats of text with an offset (or Z), and without one.
AWARE_FORMATS = tuple(
    f"yyyy-MM-dd{sep}{time}{offset}"
    for sep in _SEPARATORS
    for time in _TIMES
    for offset in _OFFSETS
)
NAIVE_FORMATS = tuple(f"yyyy-MM-dd{sep}{time}" for sep in _SEPARATORS for time in _TIMES)
# What a value turned out to be.
_MISSING, _UNPARSEABLE, _NAIVE, _DAY, _MOMENT = range(5)
_VALUE_REASONS: dict[int, RejectReason] = {
    _MISSING: "missing_field",
    _UNPARSEABLE: "unparseable",
    _NAIVE: "naive_datetime",
}


class SparkCounts(Mapping[Lane, dict[tuple[dt.date, float], int]]):
    """Counts made by :func:`transit_counts`, with the report of the rows rejected.

    A mapping of lane to ``{(start date, duration): rows}``, the shape
    :meth:`TransitHistory.from_counts <expectset.history.TransitHistory.from_counts>`
    reads; :meth:`history` builds the history with ``rejected`` attached.
    """

    def __init__(
        self,
        counts: dict[Lane, dict[tuple[dt.date, float], int]],
        *,
        rejected: RejectReport,
        unit: Unit,
        lane_fields: Lane,
        calendar: BusinessCalendar | None,
    ) -> None:
        self._counts = counts
        self.rejected = rejected
        self.unit = unit
        self.lane_fields = lane_fields
        self.calendar = calendar

    def __getitem__(self, lane: Lane) -> dict[tuple[dt.date, float], int]:
        return self._counts[lane]

    def __iter__(self) -> Iterator[Lane]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)

    def __repr__(self) -> str:
        rows = sum(sum(pairs.values()) for pairs in self._counts.values())
        return (
            f"SparkCounts(unit={self.unit!r}, lanes={len(self)}, samples={rows:,}, "
            f"rejected={self.rejected.total:,})"
        )

    def history(self) -> TransitHistory:
        """Return the :class:`~expectset.history.TransitHistory` of these counts."""
        return TransitHistory.from_counts(
            self._counts,
            unit=self.unit,
            calendar=self.calendar,
            lane=self.lane_fields,
            rejected=self.rejected,
        )


def transit_counts(
    df: Any,
    *,
    start: str,
    end: str,
    lane: str | Sequence[str] = (),
    unit: Unit = "business_days",
    calendar: BusinessCalendar | None = None,
    timezone: str | None = None,
    tz: str | None = None,
    max_value: float | None = None,
    strict: bool = False,
) -> SparkCounts:
    """Count a Spark DataFrame's rows by lane and local dates, in Spark.

    Arguments as for :meth:`TransitHistory.from_records
    <expectset.history.TransitHistory.from_records>` (``start``, ``end``, ``lane`` name
    columns; ``tz`` is the zone of naive times). Local dates are taken in the
    calendar's zone, or in ``timezone`` without a calendar (``calendar_days`` only), or
    as written when neither is given. ``business_hours`` need the instants themselves:
    use :meth:`~expectset.history.TransitHistory.from_dbapi` or ``from_records``.

    Rejected rows are counted in Spark by reason (their examples are the first rows of
    each group, numbered by group); durations beyond ``max_value`` are rejected on the
    driver. Spark's session time zone is set to UTC while the query runs, then put back.
    """
    from pyspark.sql import functions as F

    ingest = TransitHistory._ingest(
        start=start,
        end=end,
        lane=lane,
        unit=unit,
        calendar=calendar,
        tz=tz,
        dayfirst=False,
        max_value=max_value,
        strict=strict,
        source="spark",
    )
    if ingest.unit == "business_hours":
        raise InvalidHistoryError(
            "business_hours are counted from the instants, not from dates: use "
            "TransitHistory.from_dbapi or from_records for them",
            field="unit",
            value=unit,
        )
    zone = _zone_name(calendar, timezone, tz)
    fields = _lane_fields(lane)
    spark = df.sparkSession
    previous = spark.conf.get("spark.sql.session.timeZone")
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    try:
        # In stages, so that every value is parsed once however often it is used.
        lanes = [F.col(name).cast("string").alias(f"lane{i}") for i, name in enumerate(fields)]
        staged = df.select(*lanes, *_texts(F, df, start, "s"), *_texts(F, df, end, "e"))
        staged = staged.select("*", *_parsed(F, staged, "s", tz), *_parsed(F, staged, "e", tz))
        staged = staged.select("*", *_moments(F, "s", tz, zone), *_moments(F, "e", tz, zone))
        checks = [
            *(
                (F.col(f"lane{i}").isNull() | (F.col(f"lane{i}") == ""), f"lane:{i}")
                for i in range(len(fields))
            ),
            *((F.col("s_kind") == kind, f"start:{kind}") for kind in _VALUE_REASONS),
            *((F.col("e_kind") == kind, f"end:{kind}") for kind in _VALUE_REASONS),
            (
                (F.col("e_day") < F.col("s_day"))
                | (
                    (F.col("s_kind") == _MOMENT)
                    & (F.col("e_kind") == _MOMENT)
                    & (F.col("e_instant") < F.col("s_instant"))
                ),
                "order",
            ),
        ]
        reason = F.when(checks[0][0], checks[0][1])
        for test, label in checks[1:]:
            reason = reason.when(test, label)
        staged = staged.select("*", reason.alias("why"))
        good = F.col("why").isNull()
        keys = [F.when(good, F.col(f"lane{i}")).alias(f"lane{i}") for i in range(len(fields))]
        keys += [
            F.when(good, F.col("s_day")).alias("start_day"),
            F.when(good, F.col("e_day")).alias("end_day"),
            F.col("why"),
        ]
        examples = [
            F.first(F.when(~good, F.col("s_raw")), ignorenulls=True).alias("start_raw"),
            F.first(F.when(~good, F.col("e_raw")), ignorenulls=True).alias("end_raw"),
            *(
                F.first(F.when(~good, F.col(f"lane{i}"))).alias(f"lane_raw{i}")
                for i in range(len(fields))
            ),
        ]
        # One query: good rows counted by (lane, start day, end day), rejected rows by
        # reason with their first values as examples.
        rows = staged.groupBy(*keys).agg(F.count(F.lit(1)).alias("rows"), *examples).collect()
    finally:
        spark.conf.set("spark.sql.session.timeZone", previous)
    return _finish(ingest, rows, fields, calendar)


def _zone_name(
    calendar: BusinessCalendar | None, timezone: str | None, tz: str | None
) -> str | None:
    if calendar is not None:
        name = calendar.timezone
        if timezone is not None and timezone != name:
            raise InvalidHistoryError(
                f"timezone={timezone!r} differs from the calendar's zone {name!r}: local "
                "dates are the calendar's",
                field="timezone",
                value=timezone,
            )
        return name
    return timezone if timezone is not None else tz


def _texts(F: Any, df: Any, name: str, prefix: str) -> list[Any]:
    """Stage 1: a time column as its raw text, and how Spark stored it."""
    kind = df.schema[name].dataType.typeName()
    column = F.col(name)
    if kind not in ("date", "timestamp", "timestamp_ntz"):
        column = F.trim(column.cast("string"))  # text, as Python strips it
    return [F.col(name).cast("string").alias(f"{prefix}_raw"), column.alias(f"{prefix}_value")]


def _parsed(F: Any, staged: Any, prefix: str, tz: str | None) -> list[Any]:
    """Stage 2: the value read as a moment with an offset, a naive moment, a date."""
    value = F.col(f"{prefix}_value")
    kind = staged.schema[f"{prefix}_value"].dataType.typeName()
    none = F.lit(None).cast("timestamp")
    if kind == "date":
        aware, naive, day = none, none, value
    elif kind == "timestamp":
        aware, naive, day = value, none, F.lit(None).cast("date")
    elif kind == "timestamp_ntz":
        aware, naive, day = none, value.cast("timestamp"), F.lit(None).cast("date")
    else:
        aware = F.coalesce(*(F.try_to_timestamp(value, F.lit(f)) for f in AWARE_FORMATS))
        naive = F.coalesce(*(F.try_to_timestamp(value, F.lit(f)) for f in NAIVE_FORMATS))
        day = F.to_date(F.try_to_timestamp(value, F.lit("yyyy-MM-dd")))
    return [
        aware.alias(f"{prefix}_aware"),
        naive.alias(f"{prefix}_naive"),
        day.alias(f"{prefix}_date"),
    ]


def _moments(F: Any, prefix: str, tz: str | None, zone: str | None) -> list[Any]:
    """Stage 3: what the value is (a kind), its instant and its local date."""
    value, aware = F.col(f"{prefix}_value"), F.col(f"{prefix}_aware")
    naive, date = F.col(f"{prefix}_naive"), F.col(f"{prefix}_date")
    # Session time zone UTC: a naive moment's wall time is its UTC "instant" here.
    instant = F.coalesce(aware, F.to_utc_timestamp(naive, tz)) if tz else aware
    kind = (
        F.when(value.isNull() | (value.cast("string") == ""), _MISSING)
        .when(date.isNotNull(), _DAY)
        .when(aware.isNotNull(), _MOMENT)
        .when(naive.isNotNull(), _MOMENT if tz else _NAIVE)
        .otherwise(_UNPARSEABLE)
    )
    if zone is not None:
        moment_day = F.to_date(F.from_utc_timestamp(instant, zone))
    else:  # the date as written, in the value's own offset
        written = F.substring(value.cast("string"), 1, 10)
        moment_day = F.to_date(F.try_to_timestamp(written, F.lit("yyyy-MM-dd")))
    day = F.when(date.isNotNull(), date).otherwise(moment_day)
    return [
        kind.alias(f"{prefix}_kind"),
        instant.alias(f"{prefix}_instant"),
        day.alias(f"{prefix}_day"),
    ]


def _finish(
    ingest: _Ingest, rows: list[Any], fields: Lane, calendar: BusinessCalendar | None
) -> SparkCounts:
    """Turn the collected groups into counts and a reject report, on the driver."""
    depth = len(fields)
    counted = sorted(
        (r for r in rows if r["why"] is None),
        key=lambda r: ([r[f"lane{i}"] for i in range(depth)], r["start_day"], r["end_day"]),
    )
    order = {reason: i for i, reason in enumerate(REJECT_REASONS)}

    def rank(row: Any) -> tuple[int, str]:
        why = row["why"]
        label = _reason(why, fields, ingest)[0]
        return order[label], why

    rejected = sorted((r for r in rows if r["why"] is not None), key=rank)
    for number, row in enumerate(rejected, start=1):
        _reject(ingest, number, row, fields)
    for number, row in enumerate(counted, start=1):
        lane = tuple(row[f"lane{i}"] for i in range(depth))
        ingest.add(number, row["start_day"], row["end_day"], lane, row["rows"])
    per_unit = TICKS_PER_UNIT[ingest.unit]
    counts: dict[Lane, dict[tuple[dt.date, float], int]] = {}
    for lane, pairs in ingest.counts.items():
        dated = counts.setdefault(lane, {})
        for (day, ticks), n in pairs.items():
            value = ticks if per_unit == 1 else ticks / per_unit
            dated[(dt.date.fromordinal(day), value)] = n
    report = ingest.rejects.report(ingest.rows_read)
    return SparkCounts(
        counts, rejected=report, unit=ingest.unit, lane_fields=fields, calendar=calendar
    )


def _reason(why: str, fields: Lane, ingest: _Ingest) -> tuple[RejectReason, str]:
    """Return the reject reason and field of a group's label."""
    what, _, detail = why.partition(":")
    if what == "lane":
        return "missing_field", fields[int(detail)]
    if what == "order":
        return "end_before_start", ingest.end_field
    name = ingest.start_field if what == "start" else ingest.end_field
    return _VALUE_REASONS[int(detail)], name


def _reject(ingest: _Ingest, number: int, row: Any, fields: Lane) -> None:
    """Count one group of rejected rows, as the general path words its reason."""
    rows = row["rows"]
    reason, name = _reason(row["why"], fields, ingest)
    ingest.rows_read += rows
    if reason == "end_before_start":
        detail = (
            f"{ingest.end_field}={row['end_raw']!s} is before "
            f"{ingest.start_field}={row['start_raw']!s}"
        )
        ingest.rejects.add(number, reason, name, row["end_raw"], detail, rows)
    elif name in fields and row["why"].startswith("lane"):
        value = row[f"lane_raw{fields.index(name)}"]
        ingest.rejects.add(number, reason, name, value, f"{name} is empty", rows)
    else:
        raw = row["start_raw"] if row["why"].startswith("start") else row["end_raw"]
        ingest._reject_value(number, reason, name, raw, rows)
