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

    return parse_datetime(text, field="--at", tz="Asia/Jakarta")


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from .calendar import BusinessCalendar

    now = _parse_moment(args.now) if args.now else dt.datetime.now(dt.timezone.utc)
    cal = BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID")
    no_leave = cal.replace(cuti_bersama=False)
    lebaran = dt.date(2026, 3, 17)
    out.write("expectset demo: business calendars for Indonesia\n")
    out.write("=" * 50 + "\n\n")
    out.write(f"Calendar: {cal!r}\n\n".replace("(", "(\n    ", 1))
    out.write("One business day after Tuesday 17 March 2026 (Lebaran week):\n")
    out.write(f"  with cuti bersama:    {cal.add_business_days(lebaran, 1):%A %d %B %Y}\n")
    out.write(f"  without cuti bersama: {no_leave.add_business_days(lebaran, 1):%A %d %B %Y}\n")
    out.write("  closed in between:\n")
    for closure in cal.closures_between(lebaran, dt.date(2026, 3, 25)):
        estimate = " (estimated date)" if closure.estimated else ""
        out.write(
            f"    {closure.date:%a %d %b}  {closure.name('id')}\n"
            f"                {closure.name('en')}{estimate}\n"
        )
    start = cal.handling_start(now, cutoff="14:00")
    out.write(
        f"\nAn order placed now ({now.astimezone(cal.zone):%a %d %b %Y %H:%M} "
        f"{cal.zone_abbreviation()})\nis handled from "
        f"{start:%a %d %b %Y %H:%M} {cal.zone_abbreviation()} (cut-off 14:00).\n"
    )
    third = cal.add_business_days(start, 3)
    out.write(f"Three business days after that: {third:%A %d %B %Y}.\n")
    support = BusinessCalendar(
        timezone="Asia/Makassar",
        hours={"Mon-Fri": ("08:00", "17:00"), "Sat": ("08:00", "12:00")},
    )
    reply_by = support.add_business_hours(now, 8)
    out.write(
        f"A support desk in Makassar (Mon-Fri 08-17, Sat 08-12) answering\n"
        f"within 8 working hours replies by {reply_by:%a %d %b %Y %H:%M} "
        f"{support.zone_abbreviation()}.\n"
    )
    return 0


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
