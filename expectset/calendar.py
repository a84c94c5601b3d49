"""Business calendars: work days, working hours, holidays and closures, and exact arithmetic.

A :class:`BusinessCalendar` answers the questions a promise depends on: is this a
business day, what is the third business day after an order, how many working hours
lie between two moments, and which holidays inside a window need explaining.

Counting rule. ``business_days_between(a, b)`` counts the business days in ``(a, b]``
(after ``a``, up to and including ``b``): a parcel shipped on Friday evening and
delivered on Monday took one business day on a Monday-to-Friday calendar. Going
backwards (``b < a``) it is minus the business days in ``[b, a)``, so that
``business_days_between(d, add_business_days(d, n)) == n`` for every ``d`` and ``n``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from ._holidays import house_names, load_year, validate_country
from ._timeutil import TzLike, as_aware, as_date, get_zone, parse_clock, zone_abbreviation
from .errors import InvalidCalendarError

if TYPE_CHECKING:
    from dateutil.rrule import rrule, rruleset

__all__ = ["BusinessCalendar", "Closure", "ClosureKind", "RecurringClosure", "describe_days"]

ClosureKind = Literal["public_holiday", "cuti_bersama", "closure"]
Names: TypeAlias = "str | Mapping[str, str]"
DateLike: TypeAlias = "dt.date | dt.datetime"
HoursSpec: TypeAlias = (
    "tuple[str | dt.time, str | dt.time] | "
    "Mapping[str | int, tuple[str | dt.time, str | dt.time]] | None"
)

#: Dates outside this range are refused: holiday data and promises make no sense there.
MIN_YEAR, MAX_YEAR = 1900, 2200

_DAY_TOKENS: dict[str, int] = {}
for _index, _spellings in enumerate(
    [
        ("mon", "monday", "sen", "senin"),
        ("tue", "tuesday", "sel", "selasa"),
        ("wed", "wednesday", "rab", "rabu"),
        ("thu", "thursday", "kam", "kamis"),
        ("fri", "friday", "jum", "jumat", "jum'at"),
        ("sat", "saturday", "sab", "sabtu"),
        ("sun", "sunday", "min", "minggu", "ahad"),
    ]
):
    for _spelling in _spellings:
        _DAY_TOKENS[_spelling] = _index
del _index, _spellings, _spelling

_DEFAULT_CLOSURE_NAMES = {"id": "libur operasional", "en": "operational closure"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Closure:
    """A day a calendar is closed for a named reason (not a plain weekend).

    ``kind`` is ``"public_holiday"``, ``"cuti_bersama"`` (Indonesian collective leave) or
    ``"closure"`` (one the business added, such as a courier's Lebaran pause).
    ``estimated`` is true for holidays whose date the government has not fixed yet, and
    for the cuti bersama days attached to such a holiday (they move with it): messages
    mark both "(date not yet confirmed)".

    Examples
    --------
    >>> c = Closure(date=dt.date(2026, 3, 21), kind="public_holiday",
    ...             name_id="Idulfitri", name_en="Eid al-Fitr")
    >>> c.name("id"), c.name("en_GB")
    ('Idulfitri', 'Eid al-Fitr')
    """

    date: dt.date
    kind: ClosureKind
    name_id: str
    name_en: str
    estimated: bool = False

    def name(self, locale: str = "id") -> str:
        """Return the name in ``locale`` (``id``, ``en`` or a regional variant)."""
        language = locale.replace("-", "_").split("_")[0].lower()
        if language == "id":
            return self.name_id
        if language == "en":
            return self.name_en
        from .errors import UnsupportedLocaleError

        raise UnsupportedLocaleError(
            f"locale={locale!r} is not supported; use 'id' or 'en' (or en_GB, en_US, id_ID)",
            field="locale",
            value=locale,
        )


@dataclass(frozen=True, slots=True)
class RecurringClosure:
    """A closure that repeats, such as every Sunday or the first Monday of each month.

    ``rule`` is an RFC 5545 recurrence rule, as text (``"FREQ=MONTHLY;BYDAY=1MO"``) or a
    ``dateutil.rrule`` object. Text rules without ``DTSTART`` start on 1 January 1970, so
    the same rule always gives the same days.

    Examples
    --------
    >>> stocktake = RecurringClosure("FREQ=MONTHLY;BYDAY=1MO", name="stock opname")
    >>> stocktake.dates_in(2027)[:2]
    [datetime.date(2027, 1, 4), datetime.date(2027, 2, 1)]
    """

    rule: str | rrule | rruleset
    name: Names = field(default_factory=lambda: dict(_DEFAULT_CLOSURE_NAMES))

    def _expanded(self) -> rrule | rruleset:
        from dateutil.rrule import rrulestr

        if isinstance(self.rule, str):
            text = self.rule.strip()
            if not text.upper().startswith(("RRULE:", "DTSTART")) and "\n" not in text:
                text = "RRULE:" + text
            try:
                return rrulestr(text, dtstart=dt.datetime(1970, 1, 1))  # noqa: DTZ001 - dates only
            except (ValueError, TypeError) as exc:
                raise InvalidCalendarError(
                    f"closures: {self.rule!r} is not a recurrence rule like "
                    "'FREQ=WEEKLY;BYDAY=SU' ({exc})",
                    field="closures",
                    value=self.rule,
                ) from exc
        return self.rule

    def dates_in(self, year: int) -> list[dt.date]:
        """Return the closed dates of ``year``."""
        start = dt.datetime(year, 1, 1)  # noqa: DTZ001 - rrules here work on dates
        end = dt.datetime(year, 12, 31, 23, 59, 59)  # noqa: DTZ001
        return [moment.date() for moment in self._expanded().between(start, end, inc=True)]


def _names(value: Names | None, *, where: str) -> tuple[str, str]:
    if value is None:
        return _DEFAULT_CLOSURE_NAMES["id"], _DEFAULT_CLOSURE_NAMES["en"]
    if isinstance(value, str):
        if not value.strip():
            raise InvalidCalendarError(
                f"{where}: a closure name must not be empty", field="closures", value=value
            )
        return value, value
    if isinstance(value, Mapping):
        missing = [lang for lang in ("id", "en") if not value.get(lang)]
        if missing:
            raise InvalidCalendarError(
                f"{where}: a closure name mapping needs 'id' and 'en', missing {missing}",
                field="closures",
                value=dict(value),
            )
        return str(value["id"]), str(value["en"])
    raise InvalidCalendarError(
        f"{where}: a closure name must be text or a mapping with 'id' and 'en', got {value!r}",
        field="closures",
        value=value,
    )


def _plain_date(value: object, *, where: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidCalendarError(
            f"{where}: closures are whole days: give a date, not {type(value).__name__} {value!r}",
            field="closures",
            value=value,
        )
    return value


@dataclass(frozen=True, slots=True)
class _ClosureRange:
    first: dt.date
    last: dt.date
    name_id: str
    name_en: str


def _parse_closures(
    specs: Iterable[object],
) -> tuple[tuple[_ClosureRange, ...], tuple[RecurringClosure, ...]]:
    ranges: list[_ClosureRange] = []
    rules: list[RecurringClosure] = []
    for position, spec in enumerate(specs):
        where = f"closures[{position}]"
        if isinstance(spec, RecurringClosure):
            spec.dates_in(2000)  # validate the rule now, not on first use
            rules.append(spec)
            continue
        if isinstance(spec, dt.date):
            day = _plain_date(spec, where=where)
            ranges.append(_ClosureRange(day, day, *_names(None, where=where)))
            continue
        if type(spec).__module__.startswith("dateutil.rrule"):
            rules.append(RecurringClosure(spec))  # type: ignore[arg-type]
            continue
        if isinstance(spec, tuple) and 2 <= len(spec) <= 3:
            parts = list(spec)
            name: Names | None = None
            if len(parts) == 3 or not isinstance(parts[1], dt.date):
                name = parts.pop()
            if len(parts) == 1:
                parts.append(parts[0])
            first = _plain_date(parts[0], where=where)
            last = _plain_date(parts[1], where=where)
            if last < first:
                raise InvalidCalendarError(
                    f"{where}: closure range ends ({last}) before it starts ({first})",
                    field="closures",
                    value=spec,
                )
            ranges.append(_ClosureRange(first, last, *_names(name, where=where)))
            continue
        raise InvalidCalendarError(
            f"{where}: {spec!r} is not a closure; give a date, (first, last), "
            "(first, last, name), (date, name) or a RecurringClosure",
            field="closures",
            value=spec,
        )
    return tuple(ranges), tuple(rules)


def _parse_day_token(token: str, *, field_name: str, whole: object) -> int:
    key = token.strip().lower().rstrip(".")
    if key.isdigit() and int(key) in range(7):
        return int(key)
    if key not in _DAY_TOKENS:
        raise InvalidCalendarError(
            f"{field_name}={whole!r}: {token.strip()!r} is not a day of the week; use names "
            "like 'Mon-Fri', 'Mon,Wed,Sat', 'Sen-Sab' or weekday numbers (Monday=0)",
            field=field_name,
            value=whole,
        )
    return _DAY_TOKENS[key]


def _parse_days(spec: object, *, field_name: str) -> frozenset[int]:
    """Parse ``"Mon-Fri"``, ``"Mon,Wed,Fri"``, ``"Sen-Sab"``, ``5`` or ``[0, 1, 2]``."""
    days: set[int] = set()
    if isinstance(spec, int) and not isinstance(spec, bool):
        spec = [spec]
    if isinstance(spec, str):
        if not spec.strip():
            raise InvalidCalendarError(
                f"{field_name} must name at least one day, got {spec!r}",
                field=field_name,
                value=spec,
            )
        for part in spec.split(","):
            if "-" in part:
                start_text, _, end_text = part.partition("-")
                start = _parse_day_token(start_text, field_name=field_name, whole=spec)
                end = _parse_day_token(end_text, field_name=field_name, whole=spec)
                day = start
                days.add(day)
                while day != end:  # ranges may wrap: "Fri-Mon"
                    day = (day + 1) % 7
                    days.add(day)
            else:
                days.add(_parse_day_token(part, field_name=field_name, whole=spec))
    elif isinstance(spec, Iterable):
        for item in spec:
            if isinstance(item, bool) or not isinstance(item, int) or item not in range(7):
                raise InvalidCalendarError(
                    f"{field_name}={spec!r}: weekday numbers run from 0 (Monday) to 6 (Sunday), "
                    f"got {item!r}",
                    field=field_name,
                    value=spec,
                )
            days.add(item)
    else:
        raise InvalidCalendarError(
            f"{field_name} must be text like 'Mon-Fri' or weekday numbers, got {spec!r}",
            field=field_name,
            value=spec,
        )
    if not days:
        raise InvalidCalendarError(
            f"{field_name} must name at least one day, got {spec!r}",
            field=field_name,
            value=spec,
        )
    return frozenset(days)


def _span(value: object, *, where: str) -> tuple[dt.timedelta, dt.timedelta]:
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
        raise InvalidCalendarError(
            f"{where} must be an (opening, closing) pair like ('08:00', '17:00'), got {value!r}",
            field="hours",
            value=value,
        )
    opening = parse_clock(value[0], field="hours")
    closing = parse_clock(value[1], field="hours")
    open_at = dt.timedelta(hours=opening.hour, minutes=opening.minute, seconds=opening.second)
    close_at = (
        dt.timedelta(days=1)
        if closing == dt.time.max
        else dt.timedelta(hours=closing.hour, minutes=closing.minute, seconds=closing.second)
    )
    if close_at <= open_at:
        raise InvalidCalendarError(
            f"{where}={value!r}: the closing time must be after the opening time",
            field="hours",
            value=value,
        )
    return open_at, close_at


def _parse_hours(
    hours: object, workdays: frozenset[int] | None
) -> tuple[frozenset[int], dict[int, tuple[dt.timedelta, dt.timedelta]] | None]:
    if hours is None:
        return (workdays if workdays is not None else frozenset(range(5))), None
    if isinstance(hours, Mapping):
        per_day: dict[int, tuple[dt.timedelta, dt.timedelta]] = {}
        for key, value in hours.items():
            span = _span(value, where=f"hours[{key!r}]")
            for day in _parse_days(key, field_name="hours"):
                if day in per_day:
                    raise InvalidCalendarError(
                        f"hours gives two spans for the same weekday ({key!r})",
                        field="hours",
                        value=dict(hours),
                    )
                per_day[day] = span
        days = frozenset(per_day)
        if workdays is not None and days != workdays:
            raise InvalidCalendarError(
                "hours must give a span for exactly the work days: work days "
                f"{sorted(workdays)} but hours for {sorted(days)} (Monday=0)",
                field="hours",
                value=dict(hours),
            )
        return days, per_day
    span = _span(hours, where="hours")
    days = workdays if workdays is not None else frozenset(range(5))
    return days, dict.fromkeys(days, span)


class BusinessCalendar:
    """Work days, working hours, holidays and closures in one time zone.

    Parameters
    ----------
    timezone:
        IANA name (``"Asia/Jakarta"``, ``"Asia/Makassar"``, ``"Asia/Jayapura"``). Every
        datetime the calendar returns is aware and in this zone.
    workdays:
        ``"Mon-Fri"`` (the default), ``"Mon-Sat"``, ``"Mon,Wed,Fri"``, Indonesian names
        (``"Sen-Sab"``) or weekday numbers (Monday is 0).
    hours:
        Working hours, one ``(opening, closing)`` span for every work day, or a mapping
        per weekday: ``{"Mon-Fri": ("08:00", "17:00"), "Sat": ("08:00", "12:00")}`` (then
        ``workdays`` may be left out). ``None`` for a calendar used only for days.
    country, subdivision:
        Public holidays from the ``holidays`` package (``None`` for none).
    cuti_bersama:
        For Indonesia, also close on cuti bersama (collective leave set by joint
        ministerial decree; on by default).
    closures:
        Extra closed days: a ``date``, ``(first, last)``, ``(first, last, name)``,
        ``(date, name)`` or a :class:`RecurringClosure`. A name is text or
        ``{"id": ..., "en": ...}``.
    cutoff:
        Orders after this time of day are handled from the next business day
        (``promise_delivery`` may override it).

    Examples
    --------
    >>> cal = BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
    >>> cal.add_business_days(dt.date(2026, 3, 17), 1)   # Nyepi, Idulfitri, cuti bersama
    datetime.date(2026, 3, 25)
    >>> BusinessCalendar(cuti_bersama=False).add_business_days(dt.date(2026, 3, 17), 1)
    datetime.date(2026, 3, 18)
    """

    def __init__(
        self,
        timezone: TzLike = "Asia/Jakarta",
        *,
        workdays: str | int | Iterable[int] | None = None,
        hours: HoursSpec = ("08:00", "17:00"),
        country: str | None = "ID",
        subdivision: str | None = None,
        cuti_bersama: bool = True,
        closures: Iterable[object] = (),
        cutoff: str | dt.time | None = None,
    ) -> None:
        self._zone = get_zone(timezone, field="timezone")
        days = None if workdays is None else _parse_days(workdays, field_name="workdays")
        self._workdays, self._hours = _parse_hours(hours, days)
        if country is not None:
            if not isinstance(country, str):
                raise InvalidCalendarError(
                    f"country must be a country code like 'ID', got {country!r}",
                    field="country",
                    value=country,
                )
            country = country.upper()
            validate_country(country, subdivision)
        elif subdivision is not None:
            raise InvalidCalendarError(
                f"subdivision={subdivision!r} needs a country",
                field="subdivision",
                value=subdivision,
            )
        if not isinstance(cuti_bersama, bool):
            raise InvalidCalendarError(
                f"cuti_bersama must be True or False, got {cuti_bersama!r}",
                field="cuti_bersama",
                value=cuti_bersama,
            )
        self._country = country
        self._subdivision = subdivision
        self._cuti_bersama = cuti_bersama
        self._closure_specs = tuple(closures)
        self._ranges, self._rules = _parse_closures(self._closure_specs)
        self._cutoff = None if cutoff is None else parse_clock(cutoff, field="cutoff")
        # Lazily built caches covering the contiguous years [_first_year, _last_year].
        self._first_year = 0
        self._last_year = -1
        self._base = 0  # ordinal of 1 January of _first_year
        self._cum: list[int] = [0]  # _cum[i]: business days among the first i days
        self._closed: dict[dt.date, tuple[Closure, ...]] = {}
        self._closed_days: list[dt.date] = []  # sorted keys of _closed

    # ----------------------------------------------------------------- description
    @property
    def zone(self) -> dt.tzinfo:
        """The calendar's time zone."""
        return self._zone

    @property
    def timezone(self) -> str:
        """The IANA name of the calendar's zone."""
        return str(getattr(self._zone, "key", self._zone))

    @property
    def workdays(self) -> frozenset[int]:
        """Weekday numbers that are work days (Monday is 0)."""
        return self._workdays

    @property
    def country(self) -> str | None:
        """Country code whose public holidays close the calendar."""
        return self._country

    @property
    def subdivision(self) -> str | None:
        """Subdivision (province, state) whose holidays also close the calendar."""
        return self._subdivision

    @property
    def cuti_bersama(self) -> bool:
        """Whether Indonesian cuti bersama closes the calendar."""
        return self._cuti_bersama

    @property
    def closures(self) -> tuple[object, ...]:
        """The extra closures exactly as they were given (see ``closures=`` above)."""
        return self._closure_specs

    @property
    def cutoff(self) -> dt.time | None:
        """Default order cut-off time, if any."""
        return self._cutoff

    @property
    def has_hours(self) -> bool:
        """Whether working hours are set (needed for hour arithmetic)."""
        return self._hours is not None

    def hours_on(self, weekday: int) -> tuple[dt.time, dt.time] | None:
        """Return the working hours of a weekday (``None`` when it is not a work day).

        A closing time of midnight at the end of the day is ``time.max``.
        """
        if self._hours is None or weekday not in self._hours:
            return None
        opening, closing = self._hours[weekday]
        return _clock(opening), _clock(closing)

    def zone_abbreviation(self, at: dt.datetime | None = None) -> str:
        """WIB, WITA or WIT for Indonesian zones; the usual abbreviation elsewhere."""
        return zone_abbreviation(self._zone, at)

    def _key(self) -> tuple[Any, ...]:
        # A calendar never changes once made: its key is computed once (messages hash
        # it for every sentence they cache).
        found: tuple[Any, ...] | None = self.__dict__.get("_key_value")
        if found is None:
            found = self.__dict__["_key_value"] = self._make_key()
        return found

    def _make_key(self) -> tuple[Any, ...]:
        return (
            self.timezone,
            tuple(sorted(self._workdays)),
            None if self._hours is None else tuple(sorted(self._hours.items())),
            self._country,
            self._subdivision,
            self._cuti_bersama,
            self._ranges,
            tuple(repr(rule) for rule in self._rules),
            self._cutoff,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BusinessCalendar):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        parts = [f"timezone={self.timezone!r}", f"workdays={describe_days(self._workdays)!r}"]
        if self._country:
            parts.append(f"country={self._country!r}")
            if self._country == "ID" and not self._cuti_bersama:
                parts.append("cuti_bersama=False")
        if self._ranges or self._rules:
            parts.append(f"closures={len(self._ranges) + len(self._rules)}")
        if self._cutoff is not None:
            parts.append(f"cutoff={self._cutoff.strftime('%H:%M')!r}")
        return f"BusinessCalendar({', '.join(parts)})"

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        # Caches are rebuilt on demand; do not ship them to worker processes.
        state.update(_first_year=0, _last_year=-1, _base=0, _cum=[0], _closed={}, _closed_days=[])
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def replace(self, **changes: Any) -> BusinessCalendar:
        """Return a copy with some settings changed (``closures=...`` adds, see below).

        ``closures`` given here are added to the existing ones, so a courier's pause can
        be laid over a shared base calendar.
        """
        settings: dict[str, Any] = {
            "timezone": self._zone,
            "workdays": sorted(self._workdays),
            "hours": None
            if self._hours is None
            else {d: (_clock(o), _clock(c)) for d, (o, c) in self._hours.items()},
            "country": self._country,
            "subdivision": self._subdivision,
            "cuti_bersama": self._cuti_bersama,
            "closures": self._closure_specs,
            "cutoff": self._cutoff,
        }
        unknown = set(changes) - set(settings)
        if unknown:
            raise TypeError(f"replace() got unknown settings: {sorted(unknown)}")
        if "closures" in changes:
            changes["closures"] = (*self._closure_specs, *changes["closures"])
        if "workdays" in changes and "hours" not in changes and self._hours is not None:
            spans = set(self._hours.values())
            if len(spans) == 1:
                settings["hours"] = tuple(_clock(t) for t in spans.pop())
        settings.update(changes)
        return BusinessCalendar(**settings)

    # ------------------------------------------------------------------ the caches
    def _ensure(self, first: int, last: int) -> None:
        """Make sure years ``first..last`` are loaded (and every year in between)."""
        if self._first_year <= first and last <= self._last_year:
            return
        for year in (first, last):
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise InvalidCalendarError(
                    f"year {year} is outside the supported range {MIN_YEAR}-{MAX_YEAR}",
                    field="date",
                    value=year,
                )
        if self._last_year >= self._first_year:
            first = min(first, self._first_year)
            last = max(last, self._last_year)
        closed: dict[dt.date, list[Closure]] = {}
        for year in range(first, last + 1):
            for day, closure in self._year_closures(year):
                closed.setdefault(day, []).append(closure)
        base = dt.date(first, 1, 1).toordinal()
        end = dt.date(last, 12, 31).toordinal()
        workdays = self._workdays
        cum = [0] * (end - base + 2)
        total = 0
        for offset in range(end - base + 1):
            day = dt.date.fromordinal(base + offset)
            if day.weekday() in workdays and day not in closed:
                total += 1
            cum[offset + 1] = total
        self._closed = {day: tuple(items) for day, items in closed.items()}
        self._closed_days = sorted(self._closed)
        self._cum = cum
        self._base = base
        self._first_year, self._last_year = first, last

    def _year_closures(self, year: int) -> Iterator[tuple[dt.date, Closure]]:
        if self._country is not None:
            for entry in load_year(self._country, self._subdivision, year, self._cuti_bersama):
                name_id, name_en = house_names(entry, self._country)
                yield (
                    entry.date,
                    Closure(
                        date=entry.date,
                        kind=entry.kind,
                        name_id=name_id,
                        name_en=name_en,
                        estimated=entry.estimated,
                    ),
                )
        first_day, last_day = dt.date(year, 1, 1), dt.date(year, 12, 31)
        for spec in self._ranges:
            day = max(spec.first, first_day)
            while day <= min(spec.last, last_day):
                yield (
                    day,
                    Closure(date=day, kind="closure", name_id=spec.name_id, name_en=spec.name_en),
                )
                day += dt.timedelta(days=1)
        for rule in self._rules:
            name_id, name_en = _names(rule.name, where="closures")
            for day in rule.dates_in(year):
                yield day, Closure(date=day, kind="closure", name_id=name_id, name_en=name_en)

    def _index(self, day: dt.date) -> int:
        """Position of ``day`` in the cumulative table, loading its year if needed."""
        self._ensure(day.year, day.year)
        return day.toordinal() - self._base

    def _date(self, value: DateLike, name: str, tz: TzLike | None) -> dt.date:
        return as_date(value, field=name, zone=self._zone, tz=tz)

    # ---------------------------------------------------------------- day arithmetic
    def is_business_day(self, day: DateLike, *, tz: TzLike | None = None) -> bool:
        """Whether ``day`` is a work day that is not a holiday or closure.

        An aware datetime is converted to the calendar's zone first.

        Examples
        --------
        >>> BusinessCalendar().is_business_day(dt.date(2026, 8, 17))   # Hari Kemerdekaan
        False
        """
        index = self._index(self._date(day, "day", tz))
        return self._cum[index + 1] != self._cum[index]

    def add_business_days(self, day: DateLike, n: int, *, tz: TzLike | None = None) -> dt.date:
        """Return the ``n``-th business day after ``day`` (before it when ``n`` < 0).

        ``day`` itself never counts, business day or not; ``n == 0`` returns ``day``.

        Examples
        --------
        >>> cal = BusinessCalendar(workdays="Mon-Fri", country=None)
        >>> cal.add_business_days(dt.date(2026, 11, 20), 1)    # Friday -> Monday
        datetime.date(2026, 11, 23)
        >>> cal.add_business_days(dt.date(2026, 11, 22), -1)   # Sunday -> Friday
        datetime.date(2026, 11, 20)
        """
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidCalendarError(
                f"n must be a whole number of business days, got {n!r}", field="n", value=n
            )
        start = self._date(day, "day", tz)
        if n == 0:
            return start
        index = self._index(start)
        # target: the value of _cum right after the wanted day.
        target = self._cum[index + 1] + n if n > 0 else self._cum[index] + n + 1
        while True:
            cum = self._cum
            if n > 0 and target > cum[-1]:
                self._ensure(self._first_year, self._last_year + max(1, n // 250 + 1))
                continue
            if n < 0 and target < 1:
                self._ensure(self._first_year - max(1, -n // 250 + 1), self._last_year)
                target = self._cum[self._index(start)] + n + 1
                continue
            position = bisect_left(cum, target)
            return dt.date.fromordinal(self._base + position - 1)

    def business_days_between(
        self, start: DateLike, end: DateLike, *, tz: TzLike | None = None
    ) -> int:
        """Count business days in ``(start, end]``; negative when ``end`` is before ``start``.

        Examples
        --------
        >>> cal = BusinessCalendar(workdays="Mon-Fri", country=None)
        >>> cal.business_days_between(dt.date(2026, 11, 20), dt.date(2026, 11, 23))
        1
        """
        a = self._date(start, "start", tz)
        b = self._date(end, "end", tz)
        self._ensure(min(a.year, b.year), max(a.year, b.year))
        ia, ib = a.toordinal() - self._base, b.toordinal() - self._base
        if ib >= ia:
            return self._cum[ib + 1] - self._cum[ia + 1]
        return self._cum[ib] - self._cum[ia]

    def next_business_day(
        self, day: DateLike, *, inclusive: bool = False, tz: TzLike | None = None
    ) -> dt.date:
        """Return the first business day after ``day`` (or ``day`` itself if ``inclusive``)."""
        start = self._date(day, "day", tz)
        if inclusive and self.is_business_day(start):
            return start
        return self.add_business_days(start, 1)

    def closures_between(
        self,
        start: DateLike,
        end: DateLike,
        *,
        include_non_workdays: bool = False,
        tz: TzLike | None = None,
    ) -> list[Closure]:
        """Named closures from ``start`` to ``end`` inclusive, in date order.

        Only closures that fall on a work day (and so cost a business day) are listed,
        unless ``include_non_workdays`` is true.

        Examples
        --------
        >>> for c in BusinessCalendar().closures_between(dt.date(2026, 3, 18),
        ...                                              dt.date(2026, 3, 24)):
        ...     print(c.date, c.name("id"), "|", c.name("en"))
        2026-03-18 cuti bersama Nyepi | collective leave for Nyepi
        2026-03-19 Nyepi | Nyepi (Day of Silence)
        2026-03-20 cuti bersama Idulfitri | collective leave for Eid al-Fitr
        2026-03-23 cuti bersama Idulfitri | collective leave for Eid al-Fitr
        2026-03-24 cuti bersama Idulfitri | collective leave for Eid al-Fitr
        """
        a = self._date(start, "start", tz)
        b = self._date(end, "end", tz)
        if b < a:
            a, b = b, a
        self._ensure(a.year, b.year)
        found: list[Closure] = []
        days = self._closed_days
        for index in range(bisect_left(days, a), bisect_right(days, b)):
            day = days[index]
            if include_non_workdays or day.weekday() in self._workdays:
                found.extend(self._closed[day])
        return found

    # --------------------------------------------------------------- hour arithmetic
    def _need_hours(self) -> dict[int, tuple[dt.timedelta, dt.timedelta]]:
        if self._hours is None:
            raise InvalidCalendarError(
                "this calendar has no working hours; create it with hours=('08:00', '17:00')",
                field="hours",
                value=None,
            )
        return self._hours

    def _local(self, value: dt.datetime, name: str, tz: TzLike | None) -> dt.datetime:
        return as_aware(value, field=name, tz=tz).astimezone(self._zone)

    def _at(self, day: dt.date, offset: dt.timedelta) -> dt.datetime:
        naive = dt.datetime.combine(day, dt.time()) + offset
        return naive.replace(tzinfo=self._zone)

    def _since_midnight(self, moment: dt.datetime) -> dt.timedelta:
        return dt.timedelta(
            hours=moment.hour,
            minutes=moment.minute,
            seconds=moment.second,
            microseconds=moment.microsecond,
        )

    def next_open(self, moment: dt.datetime, *, tz: TzLike | None = None) -> dt.datetime:
        """Return ``moment`` if the business is open then, else the next opening time.

        Examples
        --------
        >>> cal = BusinessCalendar(country=None)
        >>> cal.next_open(dt.datetime(2026, 11, 20, 18, 0, tzinfo=cal.zone))
        datetime.datetime(2026, 11, 23, 8, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Jakarta'))
        """
        hours = self._need_hours()
        local = self._local(moment, "moment", tz)
        day = local.date()
        if self.is_business_day(day):
            opening, closing = hours[day.weekday()]
            clock = self._since_midnight(local)
            if clock < opening:
                return self._at(day, opening)
            if clock < closing:
                return local
        following = self.add_business_days(day, 1)
        return self._at(following, hours[following.weekday()][0])

    def add_business_hours(
        self, moment: dt.datetime, hours: float | dt.timedelta, *, tz: TzLike | None = None
    ) -> dt.datetime:
        """Return the moment ``hours`` working hours after ``moment``.

        The clock runs only inside working hours on business days. The result is inside
        working hours; it may be the closing time itself ("by 17.00").

        Examples
        --------
        >>> cal = BusinessCalendar(country=None)
        >>> friday_4pm = dt.datetime(2026, 11, 20, 16, 0, tzinfo=cal.zone)
        >>> cal.add_business_hours(friday_4pm, 3)
        datetime.datetime(2026, 11, 23, 10, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Jakarta'))
        """
        spans = self._need_hours()
        remaining = _duration(hours)
        current = self.next_open(moment, tz=tz)
        while True:
            day = current.date()
            closing = self._at(day, spans[day.weekday()][1])
            available = closing - current
            if remaining <= available:
                return current + remaining
            remaining -= available
            following = self.add_business_days(day, 1)
            current = self._at(following, spans[following.weekday()][0])

    def business_hours_between(
        self, start: dt.datetime, end: dt.datetime, *, tz: TzLike | None = None
    ) -> float:
        """Working hours between two moments (negative when ``end`` is before ``start``).

        Examples
        --------
        >>> cal = BusinessCalendar(country=None)
        >>> cal.business_hours_between(dt.datetime(2026, 11, 20, 16, tzinfo=cal.zone),
        ...                            dt.datetime(2026, 11, 23, 10, tzinfo=cal.zone))
        3.0
        """
        return self.business_time_between(start, end, tz=tz).total_seconds() / 3600

    def business_time_between(
        self, start: dt.datetime, end: dt.datetime, *, tz: TzLike | None = None
    ) -> dt.timedelta:
        """Like :meth:`business_hours_between`, as an exact ``timedelta``."""
        spans = self._need_hours()
        a = self._local(start, "start", tz)
        b = self._local(end, "end", tz)
        if b < a:
            return -self.business_time_between(b, a)
        total = dt.timedelta(0)
        day = a.date()
        last = b.date()
        self._ensure(day.year, last.year)
        while day <= last:
            if self.is_business_day(day):
                opening, closing = spans[day.weekday()]
                lo = max(a, self._at(day, opening))
                hi = min(b, self._at(day, closing))
                if hi > lo:
                    total += hi - lo
                day = day + dt.timedelta(days=1)
            else:
                following = self.add_business_days(day, 1)
                day = following
        return total

    def handling_start(
        self,
        ordered_at: dt.datetime,
        *,
        cutoff: str | dt.time | None = None,
        tz: TzLike | None = None,
    ) -> dt.datetime:
        """When an order can first be handled.

        At the order time itself on a business day before the cut-off, otherwise at the
        opening of the next business day (midnight when the calendar has no hours).
        ``cutoff`` overrides the calendar's own.

        Examples
        --------
        >>> cal = BusinessCalendar(country=None, cutoff="14:00")
        >>> cal.handling_start(dt.datetime(2026, 11, 20, 15, 30, tzinfo=cal.zone))
        datetime.datetime(2026, 11, 23, 8, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Jakarta'))
        """
        limit = self._cutoff if cutoff is None else parse_clock(cutoff, field="cutoff")
        local = self._local(ordered_at, "ordered_at", tz)
        day = local.date()
        if self.is_business_day(day) and (limit is None or local.time() < limit):
            return local
        following = self.add_business_days(day, 1)
        opening = dt.timedelta(0)
        if self._hours is not None:
            opening = self._hours[following.weekday()][0]
        return self._at(following, opening)


_SHORT_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def describe_days(days: Iterable[int]) -> str:
    """Write weekday numbers compactly, the way :class:`BusinessCalendar` reads them.

    Examples
    --------
    >>> describe_days([0, 1, 2, 3, 4]), describe_days([0, 2, 4, 5])
    ('Mon-Fri', 'Mon,Wed,Fri-Sat')
    """
    ordered = sorted(set(days))
    runs: list[list[int]] = []
    for day in ordered:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        _SHORT_DAY_NAMES[run[0]]
        if len(run) == 1
        else f"{_SHORT_DAY_NAMES[run[0]]}-{_SHORT_DAY_NAMES[run[-1]]}"
        for run in runs
    )


def _clock(offset: dt.timedelta) -> dt.time:
    if offset >= dt.timedelta(days=1):
        return dt.time.max
    seconds = int(offset.total_seconds())
    return dt.time(seconds // 3600, seconds % 3600 // 60, seconds % 60)


def _duration(hours: float | dt.timedelta) -> dt.timedelta:
    if isinstance(hours, dt.timedelta):
        value = hours
    elif isinstance(hours, bool) or not isinstance(hours, (int, float)):
        raise InvalidCalendarError(
            f"hours must be a number of hours or a timedelta, got {hours!r}",
            field="hours",
            value=hours,
        )
    elif hours != hours or hours in (float("inf"), float("-inf")):
        raise InvalidCalendarError(
            f"hours must be a finite number, got {hours!r}", field="hours", value=hours
        )
    else:
        value = dt.timedelta(hours=hours)
    if value < dt.timedelta(0):
        raise InvalidCalendarError(
            f"hours must not be negative, got {hours!r}", field="hours", value=hours
        )
    return value
