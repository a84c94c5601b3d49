"""Benchmark data: generated deterministically, cached on disk between runs.

Files live in ``$EXPECTSET_BENCH_CACHE`` (default: ``expectset-bench`` in the system's
temporary folder), named by what they hold and a version of the generator, so a second
run reuses them and a changed generator never reads a stale file. Generating is never
timed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

import expectset as es
import expectset.samples
from expectset.samples import FROZEN_CLOSED_DAYS, SHIPMENT_COLUMNS, write_shipments

__all__ = [
    "LANES",
    "bench_calendar",
    "cache_dir",
    "closed_days",
    "sample_shipments_csv",
    "shipments_csv",
]

GENERATOR = "v1"
SERVICES = ("EXP", "REG", "ECO", "CRG")
ORIGINS = ("JKT", "BDG", "SMG", "SBY", "MES")
#: Destination: (UTC offset of its timestamps, fewest business days on REG).
DESTINATIONS = {
    "SBY": ("+07:00", 2),
    "MES": ("+07:00", 3),
    "PLM": ("+07:00", 3),
    "PNK": ("+07:00", 4),
    "UPG": ("+08:00", 3),
    "DPS": ("+08:00", 2),
    "BPN": ("+08:00", 4),
    "MDC": ("+08:00", 5),
    "DJJ": ("+09:00", 6),
    "AMQ": ("+09:00", 6),
}
SHIFT = {"EXP": -1, "REG": 0, "ECO": 1, "CRG": 2}
LANES = [(s, o, d) for s in SERVICES for o in ORIGINS for d in DESTINATIONS]  # 200
FIRST, LAST = dt.date(2025, 1, 2), dt.date(2026, 6, 30)


def cache_dir() -> Path:
    """Return the folder that keeps generated files between runs."""
    folder = Path(
        os.environ.get("EXPECTSET_BENCH_CACHE") or Path(tempfile.gettempdir()) / "expectset-bench"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def bench_calendar() -> es.BusinessCalendar:
    """Return the calendar the benchmarks measure on: Mon-Sat, Jakarta, Indonesian holidays."""
    return es.BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Sat", country="ID")


def closed_days() -> list[dt.date]:
    """Return the calendar's closed days 2024-2027 (holidays and cuti bersama), for numpy."""
    cal = bench_calendar()
    return sorted(
        {
            c.date
            for c in cal.closures_between(
                dt.date(2024, 1, 1), dt.date(2027, 12, 31), include_non_workdays=True
            )
        }
    )


def _rows(n: int, seed: int, names: bool) -> Iterator[tuple[str, ...]]:
    """Shipments in the order they were shipped: 200 lanes, 18 months, three zones.

    Parcels leave between 08:00 and 18:00 WIB on business days and arrive between 09:00
    and 20:00 local time (WIB, WITA or WIT); transit in business days is right-skewed
    per lane. One in 500 is still on its way (no delivery time). ``names`` writes the
    cities as names (fields of varying width) instead of codes.
    """
    # Holidays frozen in the generator, so the rows do not depend on `holidays`' version.
    courier = es.BusinessCalendar(
        timezone="Asia/Jakarta",
        workdays="Mon-Sat",
        country=None,
        closures=[dt.date.fromisoformat(day) for day in FROZEN_CLOSED_DAYS],
    )
    rng = random.Random(seed)
    days = [FIRST + dt.timedelta(d) for d in range((LAST - FIRST).days + 1)]
    days = [d for d in days if courier.is_business_day(d)]
    city = _CITY_NAMES if names else {code: code for code in _CITY_NAMES}
    arrivals: dict[tuple[dt.date, int], dt.date] = {}
    number = 0
    for k, day in enumerate(days):
        count = (k + 1) * n // len(days) - k * n // len(days)
        moments = sorted(8 * 3600 + int(rng.random() * 36000) for _ in range(count))
        date_text = day.isoformat()
        for seconds in moments:
            service, origin, destination = LANES[int(rng.random() * len(LANES))]
            offset, fewest = DESTINATIONS[destination]
            transit = max(1, fewest + SHIFT[service]) + int(rng.random() ** 2 * 4)
            key = (day, transit)
            arrival = arrivals.get(key)
            if arrival is None:
                arrival = arrivals[key] = courier.add_business_days(day, transit)
            late = 9 * 3600 + int(rng.random() * 39600)
            number += 1
            shipped = f"{date_text}T{_clock(seconds)}+07:00"
            delivered = f"{arrival.isoformat()}T{_clock(late)}{offset}"
            if rng.random() < 0.002:
                delivered = ""
            yield (
                f"INV/{day.year}/{number:07d}",
                service,
                city[origin],
                city[destination],
                shipped,
                delivered,
            )


_CITY_NAMES = {
    "JKT": "Jakarta",
    "BDG": "Bandung",
    "SMG": "Semarang",
    "SBY": "Surabaya",
    "MES": "Medan",
    "PLM": "Palembang",
    "PNK": "Pontianak",
    "UPG": "Makassar",
    "DPS": "Denpasar",
    "BPN": "Balikpapan",
    "MDC": "Manado",
    "DJJ": "Jayapura",
    "AMQ": "Ambon",
}


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _cached(name: str, write: object) -> Path:
    path = cache_dir() / name
    if not path.exists():
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        write(partial)  # type: ignore[operator]
        partial.replace(path)
    return path


def shipments_csv(n: int, *, seed: int = 2026, names: bool = False) -> Path:
    """Return the path of ``n`` generated shipments on 200 lanes (written once, then cached)."""
    kind = "names" if names else "codes"

    def write(path: Path) -> None:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(SHIPMENT_COLUMNS)
            writer.writerows(_rows(n, seed, names))

    return _cached(f"shipments-{GENERATOR}-{kind}-{n}-{seed}.csv", write)


def sample_shipments_csv(n: int) -> Path:
    """Return the path of ``n`` rows of the library's own sample generator (15 lanes)."""
    source = Path(expectset.samples.__file__).read_bytes()
    version = hashlib.sha256(source).hexdigest()[:10]
    return _cached(f"sample-shipments-{version}-{n}.csv", lambda path: write_shipments(path, n))
