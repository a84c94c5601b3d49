"""The ``expectset`` command.

``expectset demo`` shows the library at work on the bundled sample data;
``expectset quote`` computes a lane's window and the promise for an order from a
history file, and ``expectset backtest`` replays one to judge a policy (both in
:mod:`expectset._cli_history`); ``expectset render`` writes one customer message from
a JSON context or an example, ``expectset ooo`` an out-of-office notice, and
``expectset lint`` checks your own templates against the wording rules. User mistakes
(bad dates, unknown kinds or locales, missing files, bad JSON) end with one clear line
on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from .errors import ExpectsetError, InvalidContextError

if TYPE_CHECKING:
    from .messages._base import MessageContext
    from .promises import CallbackPromise, DeliveryPromise
    from .rendering import Message

__all__ = ["main"]

Handler = Callable[[argparse.Namespace, TextIO], int]


def _parse_moment(text: str) -> dt.datetime:
    from ._timeutil import parse_datetime

    return parse_datetime(text, field="--now", tz="Asia/Jakarta")


def _short_day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _long_day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _moment(t: dt.datetime) -> str:
    """``Mon 7 Dec 2026 14:45``: the day without zero padding, as everywhere else."""
    return f"{_short_day(t)} {t:%Y %H:%M}"


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
        f"An order placed {_moment(now.astimezone(courier.zone))} {wib}, "
        f"{handling} day handling, cut-off 14:00:\n\n"
    )
    out.write(f"{'lane':<11}  {'window':<10}  {'rests on':<27}  arrives\n")
    fell_back = None
    closed: dict[dt.date, Closure] = {}
    promises = {}
    for lane, window in history.windows(policy).items():
        promise = promises[lane] = promise_delivery(now, window, handling=handling, cutoff="14:00")
        name = f"{lane[0]} {lane[1]}→{lane[2]}"
        span = f"{window.lower:g}–{window.upper:g} days"
        if window.lower == window.upper:
            span = f"{window.upper:g} days"
        basis = f"{window.samples:,} on {lane_label(window.lane)}"
        if window.fell_back:
            fell_back = fell_back or window
            basis += f" ({window.requested_samples:g} own)"
        arrives = _date_range(promise.earliest, promise.latest)
        out.write(f"{name:<11}  {span:<10}  {basis:<27}  {arrives}\n")
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
        from ._cli_history import _ordinal

        out.write(
            f"\n{lane_label(fell_back.requested_lane)} has {fell_back.requested_samples:g} "
            f"shipments, fewer than the {policy.needed_samples} the policy needs,\n"
            f"so it uses {lane_label(fell_back.lane)}"
            + (
                f", widened to the {_ordinal(policy.on_time)} of its own.\n"
                if fell_back.widened_for is not None
                else ".\n"
            )
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
        f"promised by {_moment(callback.by)} {desk.zone_abbreviation()} "
        f"(exact bound {callback.bound:%H:%M}, rounded up).\n"
    )
    lebaran = dt.date(2026, 3, 17)
    no_leave = courier.replace(workdays="Mon-Fri", cuti_bersama=False)
    mon_fri = courier.replace(workdays="Mon-Fri")
    out.write("\nOne business day after Tuesday 17 March 2026 (Lebaran week):\n")
    out.write(f"  with cuti bersama:    {_long_day(mon_fri.add_business_days(lebaran, 1))}\n")
    out.write(f"  without cuti bersama: {_long_day(no_leave.add_business_days(lebaran, 1))}\n")
    lebaran_names: list[str] = []
    for closure in mon_fri.closures_between(lebaran, dt.date(2026, 3, 25)):
        if closure.name("id") not in lebaran_names:
            lebaran_names.append(closure.name("id"))
    out.write(f"  closed in between: {', '.join(lebaran_names)}\n")
    _demo_messages(out, now, promises[_DEMO_LANE], callback)
    return 0


#: The lane whose promise the demo writes to a customer (its busiest).
_DEMO_LANE = ("REG", "JKT", "SBY")
_WIDTH = 78


def _demo_messages(
    out: TextIO, now: dt.datetime, promise: DeliveryPromise, callback: CallbackPromise
) -> None:
    """Write one message of each headline kind from the demo's promises: id, then en."""
    out.write(
        "\nMessages from these promises, in Indonesian, then English\n"
        + "=" * 57
        + f"\n(wrapped to {_WIDTH} columns for this terminal; the messages themselves are not)\n"
    )
    for title, message in _headline_messages(now, promise, callback):
        out.write(f"\n[{message.locale}] {title}\n{'-' * _WIDTH}\n")
        text = f"{message.subject}\n\n{message.text}" if message.subject else message.text
        out.write(_wrap(text))


def _headline_messages(
    now: dt.datetime, promise: DeliveryPromise, callback: CallbackPromise
) -> list[tuple[str, Message]]:
    """Render one message of each headline kind from the demo's promises: id, then en.

    The headline kinds are the ones whose substance the demo computes: the delivery
    estimate (a lane's promise), the callback promise (the support window), the delay
    notice (the same parcel held up and re-promised with its lane's window) and the
    out-of-office status line (a return day from the desk's calendar). The other kinds
    say what the business itself decides (rules, reasons, steps);
    ``expectset render KIND --example`` shows them.
    """
    from .messages.common import Brand, Compensation, Contact, Recipient
    from .outofoffice import OutOfOffice
    from .promises import promise_delivery
    from .rendering import render

    brand = Brand("Toko Sari")
    contact = Contact(whatsapp="0812-3456-7890", email="halo@tokosari.id")
    sari = Recipient("Sari Rahayu", title="Ibu")
    cal = promise.calendar
    local = now.astimezone(cal.zone)
    order_id = f"INV/{local:%Y/%m}/0042"
    # Held at a transit hub on the first day it could have arrived, the parcel is
    # promised again from that day with its lane's own window, and never inside the
    # old one: the notice goes out that morning, the next update before it may arrive.
    held = dt.datetime.combine(promise.earliest, dt.time(9), tzinfo=cal.zone)
    again = promise_delivery(held, promise.window, handling=0)
    new_first = max(again.earliest, cal.add_business_days(promise.latest, 1))
    new_last = max(again.latest, new_first)
    next_update = min(cal.add_business_days(promise.earliest, 1), new_first)
    desk = callback.calendar
    today = now.astimezone(desk.zone).date()
    absence = OutOfOffice(
        name="Rina",
        first_day=today,
        last_day=today + dt.timedelta(days=4),
        calendar=desk,
        urgent_contact=Contact("Budi", phone="0812-3456-7890"),
        brand=brand,
    )
    lane = f"{_DEMO_LANE[0]} {_DEMO_LANE[1]}→{_DEMO_LANE[2]}"
    jobs: list[tuple[str, str, dict[str, Any]]] = [
        (
            "delivery_estimate",
            f"the {lane} promise above, order {order_id}",
            {
                "recipient": sari,
                "promise": promise,
                "order_id": order_id,
                "contact": contact,
                "brand": brand,
            },
        ),
        (
            "callback_promise",
            "the WhatsApp promise above",
            {
                "recipient": Recipient("Andi Wijaya", title="Bapak"),
                "promise": callback,
                "via": "whatsapp",
                "case_id": f"CS-{local:%Y}-0113",
                "reach_at": "0813-2468-1357",
                "urgent": contact,
                "brand": brand,
            },
        ),
        (
            "delay_notice",
            f"held at a hub on {_short_day(promise.earliest)}, promised again from there",
            {
                "recipient": sari,
                "order_id": order_id,
                "cause": "transit_hub",
                "now": held,
                "calendar": cal,
                "old_estimate": (promise.earliest, promise.latest),
                "new_estimate": (new_first, new_last),
                "next_update": next_update,
                "actions": (
                    {
                        "id": "Kami sudah meminta pihak kurir untuk memprioritaskan paket ini.",
                        "en": "We have asked the courier to give this parcel priority.",
                    },
                ),
                "compensation": Compensation(
                    "shipping_refund", 18000, by=cal.add_business_days(promise.earliest, 3)
                ),
                "contact": contact,
                "brand": brand,
            },
        ),
    ]
    messages: list[tuple[str, Message]] = []
    for locale in ("id", "en"):
        for kind, source, fields in jobs:
            fields.setdefault("now", now)
            messages.append((f"{kind}: {source}", render(kind, locale=locale, **fields)))
        messages.append(
            (
                "out_of_office status: Rina away for five days from today",
                absence.render(locale=locale, channel="status", now=now),
            )
        )
    return messages


def _wrap(text: str) -> str:
    """Wrap long lines for the terminal only: paragraphs and list items keep their shape."""
    import textwrap

    lines = []
    for line in text.splitlines():
        if len(line) <= _WIDTH:
            lines.append(line)
            continue
        indent = "  " if line.startswith("- ") else ""
        lines.extend(
            textwrap.wrap(
                line,
                _WIDTH,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines) + "\n"


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
    parser = _Parser(
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
    from ._cli_history import add_history_commands

    add_history_commands(commands)
    _add_message_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    stream = out if out is not None else sys.stdout
    handler: Handler = args.handler
    try:
        return handler(args, stream)
    except (ExpectsetError, _UsageError) as exc:
        print(f"expectset {args.command}: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        print(f"expectset {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C during a long backtest: no traceback
        return 130
    except BrokenPipeError:
        # The reader went away (`expectset render --list | head -1`): stop quietly, and
        # point stdout at /dev/null so that flushing it at exit cannot fail again.
        if out is not None:
            raise
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # as if killed by SIGPIPE, like other command-line tools


# ------------------------------------------------------------ errors and parsing
class _UsageError(Exception):
    """A mistake in how a command was called (reported in one line, exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse, with usage mistakes reported in one line instead of the whole usage."""

    def error(self, message: str) -> NoReturn:
        """Print one line naming the mistake and where help is, then exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, InvalidContextError) and exc.problems:
        head = str(exc).splitlines()[0]
        return f"{head} {'; '.join(exc.problems)}"
    return " ".join(line.strip() for line in str(exc).splitlines() if line.strip())


def _date_arg(text: str) -> dt.date:
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)")


def _closure(text: str) -> tuple[dt.date, dt.date] | tuple[dt.date, dt.date, str]:
    """Read ``FIRST[:LAST][=NAME]``: one closed day or a range, with an optional name."""
    days, sep, name = text.partition("=")
    first_text, _, last_text = days.partition(":")
    try:
        first = _date_arg(first_text.strip())
        last = _date_arg(last_text.strip()) if last_text else first
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a closure; write DATE, FIRST:LAST or FIRST:LAST=NAME "
            "(dates as YYYY-MM-DD)"
        ) from None
    if last < first:
        raise argparse.ArgumentTypeError(f"{text!r} ends before it starts")
    if sep and not name.strip():
        raise argparse.ArgumentTypeError(f"{text!r} has an empty name after '='")
    return (first, last, name.strip()) if sep else (first, last)


def _positive_int(text: str) -> int:
    if text.isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")


def _now(text: str | None, option: str, zone: Any, default: dt.datetime | None) -> dt.datetime:
    """Parse ``--now`` (naive text is in ``zone``); without it, ``default`` or the clock."""
    from ._timeutil import parse_datetime

    if text is not None:
        return parse_datetime(text, field=option, tz=zone)
    return default if default is not None else dt.datetime.now(zone)


# ----------------------------------------------------------------------- output
_FORMATS = ("text", "html", "eml", "json", "context")


def _emit(message: Message, args: argparse.Namespace, out: TextIO) -> None:
    """Write ``message`` in ``--format`` (``eml`` needs ``--from`` and ``--to``)."""
    import json

    email_options = [
        name
        for name, value in (
            ("--from", args.sender),
            ("--to", args.to),
            ("--reply-to", args.reply_to),
            ("--date", args.date),
            ("--message-id-domain", args.message_id_domain),
        )
        if value
    ]
    if args.format != "eml" and email_options:
        raise _UsageError(f"{', '.join(email_options)} only apply to --format eml")
    if args.format == "text":
        out.write(f"{message.subject}\n\n{message.text}" if message.subject else message.text)
    elif args.format == "json":
        out.write(json.dumps(message.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "html":
        if not message.html:
            raise _UsageError(f"a {message.channel} message has no HTML; use --format text")
        out.write(message.html)
    else:
        out.write(_eml(message, args))


def _eml(message: Message, args: argparse.Namespace) -> str:
    from ._timeutil import parse_datetime

    if not args.sender or not args.to:
        raise _UsageError("--format eml needs --from ADDRESS and --to ADDRESS")
    if message.channel != "email":
        raise _UsageError(f"a {message.channel} message cannot be an email; use --channel email")
    date = None
    if args.date is not None:
        date = (
            dt.datetime.now(dt.timezone.utc)
            if args.date == "now"
            else parse_datetime(args.date, field="--date")
        )
    try:
        mail = message.to_email(
            sender=args.sender,
            to=args.to,
            reply_to=args.reply_to,
            date=date,
            message_id_domain=args.message_id_domain,
        )
        return mail.as_string()
    except ValueError as exc:  # e.g. a line break inside an address
        raise _UsageError(f"cannot write the email: {exc}") from None


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=_FORMATS,
        default="text",
        help="text (default: subject, blank line, plain text), html, eml (an RFC 5322 "
        "email, needs --from and --to), json (every part) or context (the context as "
        "JSON, the form --context reads; nothing is rendered)",
    )
    email = parser.add_argument_group("email (--format eml)")
    email.add_argument("--from", dest="sender", metavar="ADDRESS", help="the From address")
    email.add_argument(
        "--to", action="append", metavar="ADDRESS", help="a To address (repeat for more)"
    )
    email.add_argument("--reply-to", metavar="ADDRESS", help="a Reply-To address")
    email.add_argument(
        "--date",
        metavar="TIME",
        help="set the Date header: 'now' or ISO 8601 with an offset (default: none; "
        "the sending server adds one)",
    )
    email.add_argument(
        "--message-id-domain",
        metavar="DOMAIN",
        help="add a fresh Message-ID at DOMAIN (default: none; the sending server adds one)",
    )


# ----------------------------------------------------------------------- render
def _read_json(path: str, stdin: TextIO | None = None) -> Any:
    import json

    try:
        if path == "-":
            text = (stdin or sys.stdin).read()
        else:
            text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise _UsageError(f"{path}: is a folder, not a JSON file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _UsageError(f"{path}: cannot read it: {exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _UsageError(f"{path}: not valid JSON: {exc}") from None


def _with_register(context: MessageContext, register: str | None) -> MessageContext:
    import dataclasses

    if register is None:
        return context
    if any(field.name == "register" for field in dataclasses.fields(context)):
        return dataclasses.replace(context, register=register)  # type: ignore[call-arg]
    recipient = getattr(context, "recipient", None)
    changed = dataclasses.replace(recipient, register=register)  # type: ignore[type-var]
    return dataclasses.replace(context, recipient=changed)  # type: ignore[call-arg]


def _write_context(context: MessageContext, args: argparse.Namespace, out: TextIO) -> int:
    import json

    from .contextjson import context_to_json

    if args.sender or args.to or args.reply_to or args.date or args.message_id_domain:
        raise _UsageError("the email options only apply to --format eml")
    out.write(json.dumps(context_to_json(context), ensure_ascii=False, indent=2) + "\n")
    return 0


def _list_kinds(out: TextIO) -> int:
    from .contextjson import context_class
    from .messages import MESSAGE_KINDS

    for kind in MESSAGE_KINDS:
        summary = (context_class(kind).__doc__ or "").strip().splitlines()[0].replace("``", "")
        out.write(f"{kind:<20}{summary}\n")
    return 0


def _render(args: argparse.Namespace, out: TextIO) -> int:
    from .contextjson import context_class, context_from_json
    from .examples import example_context
    from .formatting import resolve_locale
    from .rendering import Renderer, default_renderer

    if args.list:
        if args.kind or args.context or args.example:
            raise _UsageError("--list takes no KIND, --context or --example")
        return _list_kinds(out)
    if args.kind is None:
        raise _UsageError("give a message KIND ('expectset render --list' shows them)")
    if (args.context is None) == (not args.example):
        raise _UsageError("give either --context FILE.json or --example")
    cls = context_class(args.kind)
    resolve_locale(args.locale)
    if args.example:
        context = cls(**example_context(args.kind))
    else:
        data = _read_json(args.context)
        try:
            context = context_from_json(args.kind, data)
        except InvalidContextError as exc:
            raise _UsageError(f"{args.context}: {_one_line(exc)}") from None
    context = _with_register(context, args.register)
    if args.format == "context":
        return _write_context(context, args, out)
    now = None
    if args.now is not None:
        now = _now(args.now, "--now", context.calendar_of().zone, None)
    renderer = (
        Renderer(args.templates, locale_dirs=args.locale_dir or ())
        if args.templates or args.locale_dir
        else default_renderer()
    )
    message = renderer.render(
        context, locale=args.locale, channel=args.channel, now=now, preview=args.preview
    )
    _emit(message, args, out)
    return 0


# -------------------------------------------------------------------------- ooo
def _ooo(args: argparse.Namespace, out: TextIO) -> int:
    from .calendar import BusinessCalendar
    from .messages.common import Brand, Contact
    from .outofoffice import OutOfOffice

    if not (args.urgent_email or args.urgent_phone or args.urgent_whatsapp):
        raise _UsageError(
            f"give --urgent-email, --urgent-phone or --urgent-whatsapp for {args.urgent_name}"
        )
    if args.channel == "voicemail" and not (args.urgent_phone or args.urgent_whatsapp):
        raise _UsageError("--channel voicemail needs --urgent-phone or --urgent-whatsapp")
    country = None if args.calendar_country.lower() == "none" else args.calendar_country
    calendar = BusinessCalendar(
        timezone=args.timezone,
        workdays=args.workdays,
        country=country,
        cuti_bersama=not args.no_cuti_bersama,
        closures=args.closure or (),
    )
    contact = Contact(
        args.urgent_name,
        email=args.urgent_email,
        phone=args.urgent_phone,
        whatsapp=args.urgent_whatsapp,
    )
    notice = OutOfOffice(
        name=args.name,
        first_day=args.first_day,
        last_day=args.last_day,
        calendar=calendar,
        urgent_contact=contact,
        reply_within_days=args.reply_within_days,
        brand=Brand(args.brand) if args.brand else None,
        register=args.register,
    )
    if args.format == "context":
        return _write_context(notice, args, out)
    now = _now(args.now, "--now", calendar.zone, None)
    message = notice.render(locale=args.locale, channel=args.channel, now=now, preview=args.preview)
    _emit(message, args, out)
    return 0


# ------------------------------------------------------------------------- lint
_PART_TEMPLATES = {
    "subject": "subject.txt",
    "preheader": "preheader.txt",
    "html": "html.html",
    "html-source": "html.html",
}


def _template_of(folder: Path, kind: str, channel: str, where: str) -> str:
    """Name the template a finding comes from: the user's file, else ours."""
    part = where.split(":", 1)[0]
    name = _PART_TEMPLATES.get(part, "text.txt" if channel == "email" else f"{channel}.txt")
    mine = folder / kind / name
    return str(mine) if mine.is_file() else f"expectset/{kind}/{name}"


def _lint(args: argparse.Namespace, out: TextIO) -> int:
    from .examples import example_context
    from .formatting import resolve_locale
    from .linting import lint
    from .messages import KINDS, MESSAGE_KINDS
    from .rendering import Renderer

    folder = Path(args.template_dir)
    if not folder.is_dir():
        raise _UsageError(f"{args.template_dir}: not a folder of templates")
    for kind in args.kind or ():
        if kind not in MESSAGE_KINDS:
            raise _UsageError(f"unknown message kind {kind!r}; known: {', '.join(MESSAGE_KINDS)}")
    kinds = args.kind or [k for k in MESSAGE_KINDS if (folder / k).is_dir()] or MESSAGE_KINDS
    locales = args.locale or ["id", "en"]
    for locale in locales:
        resolve_locale(locale)
    renderer = Renderer([folder], locale_dirs=args.locale_dir or ())
    messages = flagged = findings = 0
    for kind in kinds:
        fields = example_context(kind)
        for locale in locales:
            for channel in KINDS[kind].channels:
                message = renderer.render(kind, locale=locale, channel=channel, **fields)
                messages += 1
                found = lint(message)
                flagged += bool(found)
                findings += len(found)
                for finding in found:
                    source = _template_of(folder, kind, channel, finding.where)
                    out.write(
                        f"{source}:{locale}:{finding.rule}: {finding.code}: "
                        f"{finding.excerpt!r} at {finding.where}: {finding.explanation}\n"
                    )
    checked = f"{messages} message{'s' if messages != 1 else ''}"
    if findings:
        out.write(f"{findings} finding{'s' if findings != 1 else ''} in {flagged} of {checked}\n")
        return 1
    out.write(f"{checked} checked ({', '.join(kinds)} in {', '.join(locales)}): no findings\n")
    return 0


# ---------------------------------------------------------------- the commands
_RENDER_EXAMPLES = """\
Examples:
  expectset render --list
  expectset render delivery_estimate --example --locale en
  expectset render delivery_estimate --example --format context > order.json
  expectset render delivery_estimate --context order.json --format html > order.html
  expectset render follow_up --example --format eml --from halo@tokosari.id --to sari@example.id
  expectset render out_of_office --example --channel status --register friendly

--format context prints a context as JSON, the form --context reads; docs/cli.md
describes it for every kind.
"""

_OOO_EXAMPLES = """\
Example:
  expectset ooo --name Rina --first-day 2026-03-16 --last-day 2026-03-20 \\
      --urgent-name Budi --urgent-email budi@tokosari.id --locale id --channel status \\
      --now 2026-03-16T09:00+07:00

Without --now the notice is for the current time; a notice whose last day has passed
is refused (exit status 2), never sent.
"""

_LINT_EXAMPLES = """\
Example:
  expectset lint my_templates/ --locale id --locale en

Findings print as TEMPLATE:LOCALE:RULE: CODE: 'EXCERPT' at PART:LINE:COLUMN: WHY.
Exit status: 0 no findings, 1 findings, 2 a usage or rendering error.
"""


def _add_message_commands(commands: Any) -> None:
    """Add the render, ooo and lint commands (kept apart from demo)."""
    from .outofoffice import STATUS_LIMIT

    raw = argparse.RawDescriptionHelpFormatter
    render = commands.add_parser(
        "render",
        help="write one customer message from a JSON context or an example",
        description="Write one customer message of KIND from a JSON context file\n"
        "(--context) or the bundled example (--example).",
        epilog=_RENDER_EXAMPLES,
        formatter_class=raw,
    )
    render.add_argument("kind", nargs="?", metavar="KIND", help="the message kind")
    render.add_argument("--list", action="store_true", help="list the message kinds")
    source = render.add_mutually_exclusive_group()
    source.add_argument(
        "--context", metavar="FILE.json", help="the context as JSON ('-' reads standard input)"
    )
    source.add_argument("--example", action="store_true", help="use the example context")
    render.add_argument("--locale", default="id", help="id (default), id_ID, en, en_GB, en_US")
    render.add_argument(
        "--register",
        choices=("formal", "friendly"),
        help="Indonesian register (default: the recipient's; friendly uses Kak and kamu)",
    )
    render.add_argument(
        "--channel",
        choices=("email", "status", "voicemail"),
        default="email",
        help=f"out_of_office only: email (default), status (one line of at most "
        f"{STATUS_LIMIT} characters) or voicemail",
    )
    render.add_argument(
        "--now",
        metavar="TIME",
        help="the moment the message is sent, ISO 8601: its dates are checked against it "
        "(default: the context's own 'now', else the current time; with --example the "
        "example's own moment)",
    )
    render.add_argument(
        "--preview",
        action="store_true",
        help="a preview, not a message to send: an out-of-office notice may be seen before "
        "its first day",
    )
    render.add_argument(
        "--templates",
        action="append",
        metavar="DIR",
        help="your template folder, searched before ours (repeatable)",
    )
    render.add_argument(
        "--locale-dir",
        action="append",
        metavar="DIR",
        help="your catalogs (DIR/id/LC_MESSAGES/expectset.po), merged over ours",
    )
    _add_output_options(render)
    render.set_defaults(handler=_render)

    ooo = commands.add_parser(
        "ooo",
        help="write an out-of-office notice for email, chat status or voicemail",
        description="Write an out-of-office notice: the days away, the return day, when\n"
        "to expect a reply and who to contact meanwhile.",
        epilog=_OOO_EXAMPLES,
        formatter_class=raw,
    )
    ooo.add_argument("--name", required=True, help="who is away")
    ooo.add_argument(
        "--first-day", type=_date_arg, required=True, metavar="DATE", help="first day away"
    )
    ooo.add_argument(
        "--last-day", type=_date_arg, required=True, metavar="DATE", help="last day away"
    )
    calendar = ooo.add_argument_group("calendar (for the return day and the reply date)")
    calendar.add_argument(
        "--calendar-country",
        default="ID",
        metavar="CODE",
        help="public holidays of this country (default ID, with cuti bersama; 'none' for none)",
    )
    calendar.add_argument(
        "--no-cuti-bersama", action="store_true", help="do not close on cuti bersama"
    )
    calendar.add_argument("--workdays", default="Mon-Fri", help="work days (default Mon-Fri)")
    calendar.add_argument(
        "--timezone", default="Asia/Jakarta", help="IANA time zone (default Asia/Jakarta)"
    )
    calendar.add_argument(
        "--closure",
        type=_closure,
        action="append",
        metavar="FIRST[:LAST][=NAME]",
        help="an extra closed day or range, optionally named (repeatable)",
    )
    ooo.add_argument(
        "--reply-within-days",
        type=_positive_int,
        default=2,
        metavar="N",
        help="reply within N business days after the return day (default 2)",
    )
    urgent = ooo.add_argument_group("urgent contact (a name and at least one way to reach them)")
    urgent.add_argument("--urgent-name", required=True, metavar="NAME")
    urgent.add_argument("--urgent-email", metavar="ADDRESS")
    urgent.add_argument("--urgent-phone", metavar="NUMBER")
    urgent.add_argument("--urgent-whatsapp", metavar="NUMBER")
    ooo.add_argument("--brand", metavar="NAME", help="the business, named in a voicemail")
    ooo.add_argument(
        "--register", choices=("formal", "friendly"), default="formal", help="Indonesian register"
    )
    ooo.add_argument("--locale", default="id", help="id (default), id_ID, en, en_GB, en_US")
    ooo.add_argument(
        "--channel",
        choices=("email", "status", "voicemail"),
        default="email",
        help="email (default), status or voicemail (needs --urgent-phone or --urgent-whatsapp)",
    )
    ooo.add_argument(
        "--now",
        metavar="TIME",
        help="the moment the notice is for, ISO 8601; without an offset it is in --timezone "
        "(default: the current time)",
    )
    ooo.add_argument(
        "--preview",
        action="store_true",
        help="a preview, not a notice to send: show it before its first day",
    )
    _add_output_options(ooo)
    ooo.set_defaults(handler=_ooo)

    lint = commands.add_parser(
        "lint",
        help="check your templates against the wording rules",
        description="Render every kind that TEMPLATE_DIR overrides (every kind if it\n"
        "overrides none) with its example context, in a sandbox with our templates as\n"
        "the fallback, and check each message against the wording rules (WORDING.md).",
        epilog=_LINT_EXAMPLES,
        formatter_class=raw,
    )
    lint.add_argument("template_dir", metavar="TEMPLATE_DIR", help="your template folder")
    lint.add_argument(
        "--locale",
        action="append",
        help="a locale to check (repeatable; default: id and en)",
    )
    lint.add_argument(
        "--kind", action="append", metavar="KIND", help="check only this kind (repeatable)"
    )
    lint.add_argument(
        "--locale-dir",
        action="append",
        metavar="DIR",
        help="your catalogs (DIR/id/LC_MESSAGES/expectset.po), merged over ours",
    )
    lint.set_defaults(handler=_lint)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
