"""Sample data: a realistic Indonesian shipment history and a support-desk history.

The bundled files ``expectset/data/shipments.csv`` and ``expectset/data/support.csv``
feed ``expectset demo``, the documentation and the tests. Both are made by the
generators here from a fixed seed, and ``python -m expectset.samples --write``
regenerates them byte for byte.

Shipments go from Jakarta (JKT) to Surabaya (SBY), Medan (MDN), Makassar (UPG),
Denpasar (DPS) and Jayapura (DJJ) with three services (EXP express, REG regular, ECO
economy). Transit times are right-skewed in business days of a Monday-to-Saturday
courier; parcels handed over on a Saturday often wait a day longer; around Lebaran
(Idulfitri 2025 and 2026) parcels slow down; and the courier pauses on 21-22 March
2026. Delivery times carry the destination's own offset (WITA +08:00, WIT +09:00).
The bundled file also has six deliberately bad rows, so that a reject report has
something to show: two parcels without a delivery time, one delivered before it was
shipped, one naive timestamp, one day-first date and one parcel lost for 45 business
days (an outlier under ``max_value=30``).

Support requests arrive at any hour by phone, email or WhatsApp for three teams, and
are answered within working hours (Monday to Friday 08-17, Saturday 08-12, WIB).

Examples
--------
>>> hist = sample_history()
>>> hist.lanes[:2]
[('ECO', 'JKT', 'DJJ'), ('ECO', 'JKT', 'DPS')]
>>> hist.rejected.total
6
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import random
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from .calendar import BusinessCalendar
from .history import TransitHistory

__all__ = [
    "SEED",
    "SHIPMENT_COLUMNS",
    "SHIPMENT_LANE",
    "SUPPORT_COLUMNS",
    "SUPPORT_LANE",
    "courier_calendar",
    "iter_shipments",
    "iter_support",
    "main",
    "sample_history",
    "sample_path",
    "sample_rows",
    "sample_support_history",
    "sample_support_rows",
    "support_calendar",
    "write_shipments",
    "write_support",
]

SEED = 2026
SHIPMENT_COLUMNS = ("order_id", "service", "origin", "destination", "shipped_at", "delivered_at")
SHIPMENT_LANE = ("service", "origin", "destination")
SUPPORT_COLUMNS = ("ticket_id", "channel", "team", "requested_at", "responded_at")
SUPPORT_LANE = ("channel", "team")
#: Ceiling for the bundled shipments: longer is a lost parcel, not a transit time.
SHIPMENT_MAX_DAYS = 30
#: Ceiling for the bundled support history, in business hours.
SUPPORT_MAX_HOURS = 80

SHIPMENTS_FIRST = dt.date(2025, 1, 2)
SHIPMENTS_LAST = dt.date(2026, 6, 30)
SUPPORT_FIRST = dt.date(2025, 7, 1)
SUPPORT_LAST = dt.date(2026, 6, 30)
SHIPMENTS_N = 3000
SUPPORT_N = 1500

#: Indonesian public holidays and cuti bersama of 2025 and 2026, frozen here so that the
#: generators give the same rows whatever version of ``holidays`` is installed (a test
#: checks that the live calendar still agrees).
FROZEN_CLOSED_DAYS: tuple[str, ...] = (
    "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-03-28", "2025-03-29",
    "2025-03-31", "2025-04-01", "2025-04-02", "2025-04-03", "2025-04-04", "2025-04-07",
    "2025-04-18", "2025-04-20", "2025-05-01", "2025-05-12", "2025-05-13", "2025-05-29",
    "2025-05-30", "2025-06-01", "2025-06-06", "2025-06-09", "2025-06-27", "2025-08-17",
    "2025-08-18", "2025-09-05", "2025-12-25", "2025-12-26", "2026-01-01", "2026-01-16",
    "2026-02-16", "2026-02-17", "2026-03-18", "2026-03-19", "2026-03-20", "2026-03-21",
    "2026-03-22", "2026-03-23", "2026-03-24", "2026-04-03", "2026-04-05", "2026-05-01",
    "2026-05-14", "2026-05-15", "2026-05-27", "2026-05-28", "2026-05-31", "2026-06-01",
    "2026-06-16", "2026-08-17", "2026-08-25", "2026-12-24", "2026-12-25",
)  # fmt: skip
COURIER_PAUSE = (
    dt.date(2026, 3, 21),
    dt.date(2026, 3, 22),
    {"id": "libur kurir Lebaran", "en": "courier's Lebaran pause"},
)
IDULFITRI = (dt.date(2025, 3, 31), dt.date(2026, 3, 21))

SERVICES = ("EXP", "REG", "ECO")
SERVICE_SHARE = (0.25, 0.60, 0.15)
DESTINATIONS = ("SBY", "MDN", "UPG", "DPS", "DJJ")
DESTINATION_SHARE = (0.35, 0.20, 0.15, 0.20, 0.10)
DESTINATION_OFFSET = {
    "SBY": "+07:00",
    "MDN": "+07:00",
    "UPG": "+08:00",
    "DPS": "+08:00",
    "DJJ": "+09:00",
}
#: Regular service: fewest business days, and mean extra days (right-skewed).
REGULAR_TRANSIT = {
    "SBY": (2, 0.8),
    "MDN": (3, 1.0),
    "UPG": (3, 1.2),
    "DPS": (2, 1.0),
    "DJJ": (5, 2.0),
}
SERVICE_SHIFT = {"EXP": (-1, 0.6), "REG": (0, 1.0), "ECO": (1, 1.4)}

CHANNELS = ("whatsapp", "email", "phone")
CHANNEL_SHARE = (0.45, 0.35, 0.20)
TEAMS = ("orders", "payments", "returns")
TEAM_SHARE = (0.5, 0.3, 0.2)
#: Minutes of business time: fewest, and mean extra.
CHANNEL_RESPONSE = {"phone": (10, 90), "whatsapp": (5, 150), "email": (30, 420)}
TEAM_FACTOR = {"orders": 1.0, "payments": 0.8, "returns": 1.5}
#: Relative share of requests by hour of day (customers write at any hour).
REQUEST_HOURS = (
    1, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 11, 9, 10, 11, 11, 10, 9, 8, 8, 7, 5, 3, 2,
)  # fmt: skip


def _frozen_closures() -> list[Any]:
    return [dt.date.fromisoformat(day) for day in FROZEN_CLOSED_DAYS]


def courier_calendar() -> BusinessCalendar:
    """Return the calendar the sample shipments are measured on.

    Monday to Saturday in Jakarta, Indonesian public holidays and cuti bersama, and the
    courier's Lebaran pause on 21-22 March 2026.
    """
    return BusinessCalendar(
        timezone="Asia/Jakarta",
        workdays="Mon-Sat",
        country="ID",
        closures=[COURIER_PAUSE],
        cutoff="14:00",
    )


def support_calendar() -> BusinessCalendar:
    """Return the support desk's calendar: Mon-Fri 08-17, Sat 08-12 WIB, Indonesian holidays."""
    return BusinessCalendar(
        timezone="Asia/Jakarta",
        hours={"Mon-Fri": ("08:00", "17:00"), "Sat": ("08:00", "12:00")},
        country="ID",
    )


def _generator_calendars() -> tuple[BusinessCalendar, BusinessCalendar]:
    closed = _frozen_closures()
    courier = BusinessCalendar(
        timezone="Asia/Jakarta", workdays="Mon-Sat", country=None, closures=[*closed, COURIER_PAUSE]
    )
    support = BusinessCalendar(
        timezone="Asia/Jakarta",
        hours={"Mon-Fri": ("08:00", "17:00"), "Sat": ("08:00", "12:00")},
        country=None,
        closures=closed,
    )
    return courier, support


# ------------------------------------------------------------------ random pieces
# Only rng.random() is used, and distributions are tables built with + and *, so the
# rows are the same on every platform and Python version.
def _cumulative(shares: Sequence[float]) -> list[float]:
    total = sum(shares)
    running = 0.0
    out = []
    for share in shares:
        running += share
        out.append(running / total)
    out[-1] = 1.0
    return out


def _pick(rng: random.Random, cumulative: Sequence[float]) -> int:
    return bisect_right(cumulative, rng.random())


def _skewed_table(mean: float) -> list[float]:
    """Cumulative table of a sum of two geometric counts with the given mean.

    Right-skewed with its mode above zero for means over 1: "usually 3-4, sometimes 7".
    """
    half = mean / 2
    q = half / (1 + half)
    p2 = (1 - q) * (1 - q)
    table = []
    running = 0.0
    power = 1.0
    j = 0
    while running < 1 - 1e-12 and j < 10_000:
        running += (j + 1) * p2 * power
        table.append(running)
        power *= q
        j += 1
    table[-1] = max(table[-1], 1.0)
    return table


def _draw(rng: random.Random, table: Sequence[float]) -> int:
    return min(bisect_left(table, rng.random()), len(table) - 1)


def _allocate(n: int, weights: Sequence[float]) -> list[int]:
    """Split ``n`` into whole numbers proportional to ``weights`` (largest remainder)."""
    total = sum(weights)
    exact = [n * w / total for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    return counts


def _stamp(day: dt.date, seconds: int, offset: str) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{day.isoformat()}T{hours:02d}:{rest // 60:02d}:{rest % 60:02d}{offset}"


def _near_lebaran(day: dt.date, before: int, after: int) -> bool:
    return any(-before <= (day - eid).days <= after for eid in IDULFITRI)


# ------------------------------------------------------------------ shipments
def iter_shipments(
    n: int = SHIPMENTS_N,
    *,
    seed: int = SEED,
    first: dt.date = SHIPMENTS_FIRST,
    last: dt.date = SHIPMENTS_LAST,
    bad_rows: bool = True,
) -> Iterator[tuple[str, ...]]:
    """Yield ``n`` shipment rows in the order they were shipped, deterministically.

    Columns are :data:`SHIPMENT_COLUMNS`; the same ``seed`` always gives the same rows.

    Rows stream out one by one (memory does not grow with ``n``), fast enough to write a
    million rows for a benchmark. ``bad_rows`` replaces six rows by the deliberately bad
    ones described in the module documentation.

    Examples
    --------
    >>> next(iter_shipments())      # the first row of the bundled file
    ('INV/2025/000001', 'REG', 'JKT', 'DPS', '2025-01-02T09:01:34+07:00',
     '2025-01-06T17:02:09+08:00')
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a whole number >= 0, got {n!r}")
    courier, _ = _generator_calendars()
    rng = random.Random(seed)
    days: list[dt.date] = []
    weights: list[float] = []
    day = first
    while day <= last:
        if courier.is_business_day(day):
            weight = (1.2, 1.0, 1.0, 1.0, 1.0, 0.6, 0.0)[day.weekday()]
            if _near_lebaran(day, 21, -3):
                weight *= 1.5
            days.append(day)
            weights.append(weight)
        day += dt.timedelta(days=1)
    per_day = _allocate(n, weights) if days else []
    bad: dict[int, str] = {}
    if bad_rows and n >= 60:
        kinds = ("no_end", "no_end", "end_before_start", "naive", "dayfirst", "lost")
        chooser = random.Random(seed + 1)
        positions = chooser.sample(range(10, n - 10), len(kinds))
        bad = dict(zip(positions, kinds, strict=True))
    services = _cumulative(SERVICE_SHARE)
    destinations = _cumulative(DESTINATION_SHARE)
    tables: dict[tuple[str, str], tuple[int, list[float]]] = {}
    for service in SERVICES:
        for destination in DESTINATIONS:
            fewest, mean = REGULAR_TRANSIT[destination]
            shift, factor = SERVICE_SHIFT[service]
            tables[service, destination] = (max(1, fewest + shift), _skewed_table(mean * factor))
    slowdown = _cumulative((0.3, 0.35, 0.25, 0.1))
    arrivals: dict[tuple[dt.date, int], dt.date] = {}
    index = 0
    sequence: dict[int, int] = {}
    for ship_day, count in zip(days, per_day, strict=True):
        if not count:
            continue
        moments = sorted(8 * 3600 + int(rng.random() * 10 * 3600) for _ in range(count))
        lebaran = _near_lebaran(ship_day, 10, 7)
        saturday = ship_day.weekday() == 5
        for seconds in moments:
            service = SERVICES[_pick(rng, services)]
            destination = DESTINATIONS[_pick(rng, destinations)]
            fewest, table = tables[service, destination]
            transit = fewest + _draw(rng, table)
            if saturday and rng.random() < 0.5:
                transit += 1
            if lebaran:
                transit += _pick(rng, slowdown)
                if destination in ("UPG", "DJJ") and rng.random() < 0.5:
                    transit += 1
            delivered_seconds = 9 * 3600 + int(rng.random() * 11 * 3600)
            year = ship_day.year
            sequence[year] = sequence.get(year, 0) + 1
            order_id = f"INV/{year}/{sequence[year]:06d}"
            shipped_at = _stamp(ship_day, seconds, "+07:00")
            kind = bad.get(index)
            if kind == "lost":
                transit = 45
            key = (ship_day, transit)
            arrival = arrivals.get(key)
            if arrival is None:
                arrival = arrivals[key] = courier.add_business_days(ship_day, transit)
            delivered_at = _stamp(arrival, delivered_seconds, DESTINATION_OFFSET[destination])
            if kind == "no_end":
                delivered_at = ""
            elif kind == "end_before_start":
                delivered_at = _stamp(ship_day - dt.timedelta(days=1), seconds, "+07:00")
            elif kind == "naive":
                delivered_at = delivered_at[:19]
            elif kind == "dayfirst":
                shipped_at = f"{ship_day:%d/%m/%Y} {seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
            index += 1
            yield (order_id, service, "JKT", destination, shipped_at, delivered_at)


def _write(target: str | os.PathLike[str] | IO[str], header: Sequence[str], rows: Any) -> None:
    if isinstance(target, (str, os.PathLike)):
        with open(target, "w", newline="", encoding="utf-8") as handle:
            _write(handle, header, rows)
        return
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)


def write_shipments(
    target: str | os.PathLike[str] | IO[str],
    n: int = SHIPMENTS_N,
    *,
    seed: int = SEED,
    bad_rows: bool = True,
) -> None:
    """Write a shipment CSV (header and ``n`` rows) to a path or an open text file."""
    _write(target, SHIPMENT_COLUMNS, iter_shipments(n, seed=seed, bad_rows=bad_rows))


# ------------------------------------------------------------------ support
def iter_support(
    n: int = SUPPORT_N,
    *,
    seed: int = SEED,
    first: dt.date = SUPPORT_FIRST,
    last: dt.date = SUPPORT_LAST,
) -> Iterator[tuple[str, ...]]:
    """Yield ``n`` support requests in order of arrival (columns :data:`SUPPORT_COLUMNS`).

    Examples
    --------
    >>> next(iter_support())        # the first row of the bundled file
    ('TKT-000001', 'email', 'payments', '2025-07-01T07:13:23+07:00', '2025-07-01T16:05:00+07:00')
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a whole number >= 0, got {n!r}")
    _, desk = _generator_calendars()
    rng = random.Random(seed)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    weights = [(1.0, 1.0, 1.0, 1.0, 1.0, 0.7, 0.5)[d.weekday()] for d in days]
    per_day = _allocate(n, weights) if days else []
    hours = _cumulative(REQUEST_HOURS)
    channels = _cumulative(CHANNEL_SHARE)
    teams = _cumulative(TEAM_SHARE)
    tables: dict[tuple[str, str], tuple[int, list[float]]] = {}
    for channel in CHANNELS:
        for team in TEAMS:
            fewest, mean = CHANNEL_RESPONSE[channel]
            # Steps of five minutes keep the tables short.
            tables[channel, team] = (fewest, _skewed_table(mean * TEAM_FACTOR[team] / 5))
    zone = desk.zone
    number = 0
    for day, count in zip(days, per_day, strict=True):
        moments = sorted(_pick(rng, hours) * 3600 + int(rng.random() * 3600) for _ in range(count))
        for seconds in moments:
            channel = CHANNELS[_pick(rng, channels)]
            team = TEAMS[_pick(rng, teams)]
            fewest, table = tables[channel, team]
            minutes = fewest + 5 * _draw(rng, table)
            number += 1
            requested = dt.datetime.combine(day, dt.time(), tzinfo=zone) + dt.timedelta(
                seconds=seconds
            )
            responded = desk.add_business_hours(requested, dt.timedelta(minutes=minutes))
            yield (
                f"TKT-{number:06d}",
                channel,
                team,
                requested.isoformat(),
                responded.isoformat(),
            )


def write_support(
    target: str | os.PathLike[str] | IO[str], n: int = SUPPORT_N, *, seed: int = SEED
) -> None:
    """Write a support-history CSV (header and ``n`` rows) to a path or an open text file."""
    _write(target, SUPPORT_COLUMNS, iter_support(n, seed=seed))


# ------------------------------------------------------------------ bundled files
_FILES = {"shipments": "shipments.csv", "support": "support.csv"}


def sample_path(name: str = "shipments") -> Path:
    """Path of a bundled sample file: ``"shipments"`` or ``"support"``."""
    from ._resources import resource_dir

    if name not in _FILES:
        raise ValueError(f"name must be 'shipments' or 'support', got {name!r}")
    return resource_dir("data") / _FILES[name]


def sample_history(*, strict: bool = False) -> TransitHistory:
    """Read the bundled shipments as a history in business days on :func:`courier_calendar`.

    Lanes are (service, origin, destination); transit longer than 30 business days is
    rejected as an outlier, and the deliberately bad rows show in ``rejected``.
    """
    return TransitHistory.from_csv(
        sample_path("shipments"),
        start="shipped_at",
        end="delivered_at",
        lane=SHIPMENT_LANE,
        unit="business_days",
        calendar=courier_calendar(),
        max_value=SHIPMENT_MAX_DAYS,
        strict=strict,
    )


def sample_support_history() -> TransitHistory:
    """Read the bundled support requests as response times in business hours.

    Lanes are (channel, team) on :func:`support_calendar`.
    """
    return TransitHistory.from_csv(
        sample_path("support"),
        start="requested_at",
        end="responded_at",
        lane=SUPPORT_LANE,
        unit="business_hours",
        calendar=support_calendar(),
        max_value=SUPPORT_MAX_HOURS,
    )


def _read_rows(name: str) -> list[dict[str, str]]:
    with open(sample_path(name), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def sample_rows() -> list[dict[str, str]]:
    """Read the bundled shipments as a list of dicts (for :func:`expectset.backtest`)."""
    return _read_rows("shipments")


def sample_support_rows() -> list[dict[str, str]]:
    """Read the bundled support requests as a list of dicts."""
    return _read_rows("support")


def _generated(name: str) -> str:
    buffer = io.StringIO()
    if name == "shipments":
        write_shipments(buffer)
    else:
        write_support(buffer)
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m expectset.samples --write`` regenerates the bundled files."""
    parser = argparse.ArgumentParser(
        prog="python -m expectset.samples",
        description="Regenerate (or check) the bundled sample CSV files.",
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="write the bundled files")
    action.add_argument("--check", action="store_true", help="fail if they are out of date")
    parser.add_argument("--dir", type=Path, help="folder to write to (default: bundled data)")
    args = parser.parse_args(argv)
    status = 0
    for name, filename in _FILES.items():
        text = _generated(name)
        if args.write:
            folder = args.dir if args.dir is not None else sample_path(name).parent
            folder.mkdir(parents=True, exist_ok=True)
            (folder / filename).write_text(text, encoding="utf-8", newline="")
            print(f"wrote {folder / filename} ({text.count(chr(10)) - 1:,} rows)")
        elif sample_path(name).read_text(encoding="utf-8") != text:
            print(f"{sample_path(name)} is out of date: run python -m expectset.samples --write")
            status = 1
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
