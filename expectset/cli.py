"""The ``expectset`` command.

``expectset demo`` shows the library at work on the bundled sample data. User mistakes
(bad dates, unknown lanes, missing files) end with one clear line on stderr and exit
status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from .errors import ExpectsetError

__all__ = ["main"]

Handler = Callable[[argparse.Namespace, TextIO], int]


def _parse_moment(text: str) -> dt.datetime:
    from ._timeutil import parse_datetime

    return parse_datetime(text, field="--now", tz="Asia/Jakarta")


def _short_day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _date_range(first: dt.date, last: dt.date) -> str:
    if first == last:
        return _short_day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%a} {first.day} – {_short_day(last)}"
    return f"{_short_day(first)} – {_short_day(last)}"


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from .calendar import Closure
    from .promises import promise_callback, promise_delivery
    from .samples import (
        courier_calendar,
        sample_history,
        sample_support_history,
        support_calendar,
    )
    from .windows import PromisePolicy, lane_label

    now = _parse_moment(args.now) if args.now else dt.datetime.now(dt.timezone.utc)
    policy = PromisePolicy(on_time=0.95, confidence=0.90, lower_quantile=0.75)
    courier = courier_calendar()
    wib = courier.zone_abbreviation()
    history = sample_history()
    out.write("expectset demo: promises from a shipment history\n")
    out.write("=" * 50 + "\n\n")
    out.write(
        f"Bundled sample: {history.rejected.rows_read:,} shipments from Jakarta, "
        f"{history.last_start:%B %Y} and before.\n"
    )
    out.write(f"{history.rejected}\n\n")
    handling = 1
    out.write(
        f"Policy: {policy.describe()}; windows start at the\n"
        f"{policy.lower_quantile * 100:g}th percentile. Business days of a Mon-Sat courier "
        "(no holidays,\ncuti bersama or the courier's Lebaran pause).\n"
        f"An order placed {now.astimezone(courier.zone):%a %d %b %Y %H:%M} {wib}, "
        f"{handling} day handling, cut-off 14:00:\n\n"
    )
    out.write(f"{'lane':<11}  {'window':<9}  {'rests on':<28}  arrives\n")
    fell_back = None
    closed: dict[dt.date, Closure] = {}
    for lane, window in history.windows(policy).items():
        promise = promise_delivery(now, window, handling=handling, cutoff="14:00")
        name = f"{lane[0]} {lane[1]}→{lane[2]}"
        span = f"{window.lower:g}–{window.upper:g} days"
        if window.lower == window.upper:
            span = f"{window.upper:g} days"
        basis = f"{window.samples:,} on {lane_label(window.lane)}"
        if window.fell_back:
            fell_back = fell_back or window
            basis += f" ({window.requested_samples:g} own)"
        out.write(
            f"{name:<11}  {span:<9}  {basis:<28}  {_date_range(promise.earliest, promise.latest)}\n"
        )
        if promise.closures:
            days = sorted({c.date for c in promise.closures})
            for closure in promise.closures:
                closed.setdefault(closure.date, closure)
            out.write(f"{'':<13}closed: {_day_runs(days)}\n")
    for day in sorted(closed):
        if day == min(closed):
            out.write("\nClosed days inside these windows:\n")
        name_id, name_en = closed[day].name("id"), closed[day].name("en")
        label = name_en if name_en.startswith(name_id) else f"{name_id} ({name_en})"
        if len(label) > 66:
            label = name_id
        out.write(f"  {_short_day(day):<10}  {label}\n")
    if fell_back is not None:
        out.write(
            f"\n{lane_label(fell_back.requested_lane)} has {fell_back.requested_samples:g} "
            f"shipments, fewer than the {policy.needed_samples} the policy needs,\n"
            f"so it uses {lane_label(fell_back.lane)}.\n"
        )
    support = sample_support_history()
    desk = support_calendar()
    window = support.window(("whatsapp", "orders"), policy)
    callback = promise_callback(now, window, calendar=desk)
    out.write(
        f"\nSupport desk (Mon-Fri 08-17, Sat 08-12 {desk.zone_abbreviation()}), "
        f"{support.samples:,} past requests.\n"
        f"A WhatsApp to the orders team now is answered within "
        f"{window.upper:.2f} business hours,\n"
        f"promised by {callback.by:%a %d %b %Y %H:%M} {desk.zone_abbreviation()} "
        f"(exact bound {callback.bound:%H:%M}, rounded up).\n"
    )
    lebaran = dt.date(2026, 3, 17)
    no_leave = courier.replace(workdays="Mon-Fri", cuti_bersama=False)
    mon_fri = courier.replace(workdays="Mon-Fri")
    out.write("\nOne business day after Tuesday 17 March 2026 (Lebaran week):\n")
    out.write(f"  with cuti bersama:    {mon_fri.add_business_days(lebaran, 1):%A %d %B %Y}\n")
    out.write(f"  without cuti bersama: {no_leave.add_business_days(lebaran, 1):%A %d %B %Y}\n")
    lebaran_names: list[str] = []
    for closure in mon_fri.closures_between(lebaran, dt.date(2026, 3, 25)):
        if closure.name("id") not in lebaran_names:
            lebaran_names.append(closure.name("id"))
    out.write(f"  closed in between: {', '.join(lebaran_names)}\n")
    return 0


def _day_runs(days: list[dt.date]) -> str:
    """Write sorted days compactly: ``18–24 Mar, 3 Apr, 5 Apr``."""
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        first, last = run[0], run[-1]
        if first == last:
            parts.append(f"{first.day} {first:%b}")
        elif first.month == last.month:
            parts.append(f"{first.day}–{last.day} {last:%b}")
        else:
            parts.append(f"{first.day} {first:%b} – {last.day} {last:%b}")
    return ", ".join(parts)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="expectset",
        description="Promises customers can count on, from your own history.",
        epilog="Example: expectset demo",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    demo = commands.add_parser(
        "demo",
        help="show the library at work on the bundled sample data",
        description="Show the library at work on the bundled sample data.",
        epilog="Example: expectset demo --now 2026-11-23T10:00+07:00",
    )
    demo.add_argument(
        "--now",
        metavar="TIME",
        help="pretend it is this moment (ISO 8601; without an offset it is WIB)",
    )
    demo.set_defaults(handler=_demo)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    stream = out if out is not None else sys.stdout
    handler: Handler = args.handler
    try:
        return handler(args, stream)
    except ExpectsetError as exc:
        print(f"expectset {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        print(f"expectset {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
