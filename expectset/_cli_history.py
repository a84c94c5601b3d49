"""The ``quote`` and ``backtest`` commands: promises and replays from a history file.

Both read a CSV history (or, without ``--history``, the bundled sample) with the same
column, policy and calendar options; ``quote`` computes one lane's window and lays it
onto real dates for an order (or a callback deadline for a request), ``backtest``
replays the whole history to show how a policy would have done. Part of
:mod:`expectset.cli`, which reports every mistake here in one line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .cli import _closure, _now, _UsageError

if TYPE_CHECKING:
    from .backtesting import BacktestReport
    from .calendar import BusinessCalendar, Closure
    from .history import RejectReport, TransitHistory
    from .promises import CallbackPromise, DeliveryPromise
    from .rendering import Message
    from .windows import PromisePolicy, Window

__all__ = ["PROGRESS_ROWS", "add_history_commands"]

#: Above this many rows ``expectset backtest`` draws a progress bar (on a terminal).
PROGRESS_ROWS = 20_000

_DEFAULT_START = "shipped_at"
_DEFAULT_END = "delivered_at"
_DEFAULT_LANE = ("service", "origin", "destination")


# ------------------------------------------------------------------ option types
def _keys(text: str) -> tuple[str, ...]:
    """Read ``A,B,C`` as a lane (or lane fields); the empty text is no keys at all."""
    if not text.strip():
        return ()
    keys = tuple(key.strip() for key in text.split(","))
    if not all(keys):
        raise argparse.ArgumentTypeError(f"{text!r} has an empty key; write keys like A,B,C")
    return keys


def _fraction(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number such as 0.95") from None


def _whole(text: str) -> int:
    if text.strip().isdigit():
        return int(text)
    raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (0 or more)")


def _hours_span(text: str) -> tuple[str, str]:
    first, sep, last = text.partition("-")
    if not sep or not first.strip() or not last.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not a span of hours like 08:00-17:00")
    return first.strip(), last.strip()


# ---------------------------------------------------------------------- the history
@dataclass(frozen=True, slots=True)
class _Source:
    """Where the rows come from and how to read them (after defaults are applied)."""

    path: Path
    sample: str | None  # "shipments" or "support" for the bundled files
    start: str
    end: str
    lane_fields: tuple[str, ...]
    max_value: float | None
    calendar: BusinessCalendar

    @property
    def label(self) -> str:
        return f"the bundled {self.sample} sample" if self.sample else self.path.name


def _source(args: argparse.Namespace) -> _Source:
    """Apply the defaults: the bundled sample reads with its own columns and calendar."""
    from .calendar import BusinessCalendar
    from .samples import (
        SHIPMENT_LANE,
        SHIPMENT_MAX_DAYS,
        SUPPORT_LANE,
        SUPPORT_MAX_HOURS,
        courier_calendar,
        sample_path,
        support_calendar,
    )

    sample: str | None = None
    lane: tuple[str, ...]
    if args.history is None:
        if args.unit == "business_hours":
            sample, path = "support", sample_path("support")
            start, end, lane = "requested_at", "responded_at", SUPPORT_LANE
            ceiling: float | None = float(SUPPORT_MAX_HOURS)
            base = support_calendar()
        else:
            sample, path = "shipments", sample_path("shipments")
            start, end, lane = _DEFAULT_START, _DEFAULT_END, SHIPMENT_LANE
            ceiling = float(SHIPMENT_MAX_DAYS)
            base = courier_calendar()
    else:
        path = Path(args.history)
        if not path.exists():
            raise _UsageError(f"{args.history}: no such file")
        if path.is_dir():
            raise _UsageError(f"{args.history}: is a folder, not a CSV file")
        start, end, lane, ceiling = _DEFAULT_START, _DEFAULT_END, _DEFAULT_LANE, None
        base = BusinessCalendar(
            timezone="Asia/Jakarta", workdays="Mon-Fri", hours=("08:00", "17:00"), country="ID"
        )
    changes: dict[str, Any] = {}
    if args.calendar is not None:
        changes["country"] = None if args.calendar.lower() == "none" else args.calendar
    if args.no_cuti_bersama:
        changes["cuti_bersama"] = False
    for name in ("workdays", "hours", "timezone", "cutoff"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    if args.closure:
        changes["closures"] = tuple(args.closure)  # added to the calendar's own
    return _Source(
        path=path,
        sample=sample,
        start=args.start or start,
        end=args.end or end,
        lane_fields=lane if args.lane_fields is None else args.lane_fields,
        max_value=ceiling if args.max_value is None else args.max_value,
        calendar=base.replace(**changes) if changes else base,
    )


def _policy(args: argparse.Namespace) -> PromisePolicy:
    from .windows import PromisePolicy

    return PromisePolicy(
        on_time=args.on_time,
        confidence=args.confidence,
        lower_quantile=args.lower_quantile,
        min_samples=args.min_samples,
        halflife_days=args.halflife_days,
        pad=args.pad,
    )


def _read(source: _Source, args: argparse.Namespace) -> TransitHistory:
    import csv

    from .errors import InvalidHistoryError
    from .history import TransitHistory

    try:
        return TransitHistory.from_csv(
            source.path,
            start=source.start,
            end=source.end,
            lane=source.lane_fields,
            unit=args.unit,
            calendar=source.calendar,
            tz=args.tz,
            dayfirst=args.dayfirst,
            max_value=source.max_value,
            strict=args.strict,
        )
    except UnicodeDecodeError:
        raise _UsageError(f"{source.path.name}: not a UTF-8 text file") from None
    except csv.Error as exc:
        raise _UsageError(f"{source.path.name}: not a readable CSV file: {exc}") from None
    except InvalidHistoryError as exc:  # name the file, unless the message does
        raise _in_file(exc, source) from None


def _in_file(exc: Exception, source: _Source) -> Exception:
    """Put the file's name in front of an error about it, unless the error names it."""
    from .cli import _one_line

    text = _one_line(exc)
    return _UsageError(text if source.path.name in text else f"{source.path.name}: {text}")


def _report_rejects(report: RejectReport, command: str, args: argparse.Namespace) -> None:
    """Say on stderr that rows were left out: one line, or the whole report with --rejects.

    Written after the result, so that on a terminal it is the last thing on the screen.
    """
    if not report.total:
        return
    if args.rejects:
        print(f"expectset {command}: {report}", file=sys.stderr)
        return
    from .history import _REASON_LABELS

    reasons = ", ".join(
        f"{_REASON_LABELS[reason]} {number:,}" for reason, number in report.counts.items()
    )
    print(
        f"expectset {command}: rejected {report.total:,} of {report.rows_read:,} rows "
        f"({reasons}); --rejects shows which and why",
        file=sys.stderr,
    )


# ------------------------------------------------------------------- words and dates
def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _span(first: dt.date, last: dt.date) -> str:
    """``Thu 26 – Mon 30 Mar 2026``; months and years only where they change."""
    if first == last:
        return _day(first)
    if first.year != last.year:
        return f"{_day(first)} – {_day(last)}"
    if first.month != last.month:
        return f"{first:%a} {first.day} {first:%b} – {_day(last)}"
    return f"{first:%a} {first.day} – {_day(last)}"


def _moment(moment: dt.datetime, cal: BusinessCalendar) -> str:
    local = moment.astimezone(cal.zone)
    return f"{_day(local.date())} {local:%H:%M} {cal.zone_abbreviation(local)}"


def _clock(value: dt.time) -> str:
    return "24:00" if value == dt.time.max else f"{value:%H:%M}"


def _describe_calendar(cal: BusinessCalendar, *, hours: bool) -> list[str]:
    """Two short lines: the working week and zone, then what closes the calendar."""
    from .calendar import describe_days

    if hours and cal.has_hours:
        spans: dict[tuple[dt.time, dt.time], list[int]] = {}
        for weekday in sorted(cal.workdays):
            span = cal.hours_on(weekday)
            if span is not None:
                spans.setdefault(span, []).append(weekday)
        days = ", ".join(
            f"{describe_days(weekdays)} {_clock(o)}-{_clock(c)}"
            for (o, c), weekdays in spans.items()
        )
    else:
        days = describe_days(cal.workdays)
    week = f"{days} in {cal.timezone} ({cal.zone_abbreviation()})"
    if cal.cutoff is not None:
        week += f", cut-off {_clock(cal.cutoff)}"
    if cal.country is None:
        closed = "no public holidays"
    elif cal.country == "ID":
        closed = f"Indonesian holidays {'with' if cal.cuti_bersama else 'without'} cuti bersama"
    else:
        closed = f"public holidays of {cal.country}"
    if cal.closures:
        count = len(cal.closures)
        closed += f", {count} own closure{'s' if count != 1 else ''}"
    return [week, closed]


def _closure_line(closure: Closure) -> str:
    """``Wed 18 Mar 2026  Nyepi (Day of Silence)``: the English name only if it fits."""
    name_id, name_en = closure.name("id"), closure.name("en")
    note = " (date estimated)" if closure.estimated else ""
    label = name_en if name_en.startswith(name_id) else f"{name_id} ({name_en})"
    day = f"{_day(closure.date):<15}"
    line = f"{day}  {label}{note}"
    return line if len(line) <= 69 else f"{day}  {name_id}{note}"


def _rests_on(window: Window) -> list[str]:
    """Say what the window rests on, and why it fell back if it did."""
    from .windows import lane_label

    samples = f"{window.samples:,} samples"
    if window.policy.halflife_days is not None:
        samples += f" (effective {window.effective_samples:,.1f})"
    lines = [f"{samples} on {lane_label(window.lane)}"]
    if window.on_time_in_history is not None:
        lines.append(
            f"{window.on_time_in_history:.1%} of them took at most "
            f"{_number(window.upper)} {_unit_words(window)}"
        )
    if window.fell_back:
        have = window.requested_samples or 0
        lines.append(
            f"{lane_label(window.requested_lane)} has {have:,.{0 if have == int(have) else 1}f}, "
            f"fewer than the {window.policy.needed_samples} the policy needs"
        )
    if window.widened_for is not None:
        lines[-1] += ";"
        lines.append(
            f"widened to the {_ordinal(window.policy.on_time)} of "
            f"{lane_label(window.widened_for)}'s own rows"
        )
    return lines


def _ordinal(share: float) -> str:
    """``0.75`` -> ``75th percentile``, ``0.5`` -> ``median``, ``0`` -> ``shortest``."""
    if share == 0:
        return "shortest duration"
    if share == 0.5:
        return "median"
    if share == 1:
        return "longest duration"
    number = round(share * 100, 4)
    whole = int(number)
    suffix = "th"
    if whole == number and whole % 100 not in (11, 12, 13):
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(whole % 10, "th")
    return f"{number:g}{suffix} percentile"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _unit_words(window: Window) -> str:
    words = window.unit.replace("_", " ")
    return words[:-1] if window.upper == 1 else words


def _block(rows: Sequence[tuple[str, str | list[str]]]) -> str:
    """Label and value, values lined up in the eleventh column."""
    out = []
    for label, value in rows:
        values = [value] if isinstance(value, str) else value
        for number, text in enumerate(values):
            out.append(f"{label if number == 0 else '':<10} {text}".rstrip())
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------ quote
@dataclass(frozen=True, slots=True)
class _Quote:
    source: _Source
    history: TransitHistory
    window: Window
    promise: DeliveryPromise | None
    callback: CallbackPromise | None
    message: Message | None


def _quote(args: argparse.Namespace, out: TextIO) -> int:
    from .errors import ExpectsetError
    from .promises import promise_callback, promise_delivery

    if args.unit == "business_hours" and args.handling is not None:
        raise _UsageError("--handling is for deliveries; a callback counts business hours")
    _check_message_options(args)
    source = _source(args)
    policy = _policy(args)
    cal = source.calendar
    at = _now(args.at, "--at", cal.zone, None)
    history = _read(source, args)
    try:
        window = history.window(args.lane, policy)
        promise = callback = None
        if args.unit == "business_hours":
            callback = promise_callback(at, window, calendar=cal)
        else:
            promise = promise_delivery(at, window, calendar=cal, handling=args.handling or 0)
        message = _message(args, promise, callback)
    except ExpectsetError as exc:
        raise _with_rejects(exc, history.rejected, "quote", args) from None
    quote = _Quote(
        source=source,
        history=history,
        window=window,
        promise=promise,
        callback=callback,
        message=message,
    )
    if args.format == "json":
        out.write(json.dumps(_quote_json(quote), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(_quote_text(quote))
    out.flush()
    _report_rejects(history.rejected, "quote", args)  # last, where it is seen
    return 0


def _check_message_options(args: argparse.Namespace) -> None:
    """Refuse message options without --locale, or a callback's option on a delivery."""
    from .formatting import resolve_locale

    if args.locale is None:
        for option in ("name", "title", "reference", "via", "brand"):
            if getattr(args, option) is not None:
                raise _UsageError(f"--{option} is for the message: give --locale as well")
        return
    resolve_locale(args.locale)
    if args.via is not None and args.unit != "business_hours":
        raise _UsageError("--via is for a callback (--unit business_hours)")


def _message(
    args: argparse.Namespace, promise: DeliveryPromise | None, callback: CallbackPromise | None
) -> Message | None:
    """Render the customer message for the promise, when --locale asks for it."""
    from .messages.common import Brand, Recipient
    from .rendering import render

    if args.locale is None:
        return None
    recipient = Recipient(args.name, title=args.title)
    brand = Brand(args.brand) if args.brand else None
    if promise is not None:
        return render(
            "delivery_estimate",
            locale=args.locale,
            recipient=recipient,
            promise=promise,
            order_id=args.reference or "ORDER-ID",
            brand=brand,
            now=promise.ordered_at,  # the estimate goes out when the order is placed
        )
    assert callback is not None
    via = args.via
    if via is None:  # the sample's lanes start with the channel the request came in on
        first = callback.window.requested_lane[:1]
        via = first[0] if first and first[0] in ("phone", "email", "whatsapp") else "email"
    return render(
        "callback_promise",
        locale=args.locale,
        recipient=recipient,
        promise=callback,
        via=via,
        case_id=args.reference or "CASE-ID",
        brand=brand,
        now=callback.requested_at,  # the promise answers the request
    )


def _with_rejects(
    exc: Exception, report: RejectReport, command: str, args: argparse.Namespace
) -> Exception:
    """Make an error after reading one line; if the history was too short, say what was rejected."""
    from .cli import _one_line
    from .errors import InsufficientHistoryError

    text = _one_line(exc)
    if report.total:
        if args.rejects:
            _report_rejects(report, command, args)
        elif isinstance(exc, InsufficientHistoryError):
            text += (
                f" ({report.total:,} of {report.rows_read:,} rows were rejected; "
                "--rejects shows why)"
            )
    return _UsageError(text)


def _quote_text(quote: _Quote) -> str:
    from .windows import lane_label

    window, cal = quote.window, quote.source.calendar
    policy = window.policy
    rows: list[tuple[str, str | list[str]]] = [
        ("Window", f"{lane_label(window.requested_lane)}: {window.range_text()}"),
        ("Rests on", _rests_on(window)),
        (
            "Policy",
            [policy.describe(), f"the window starts at the {_ordinal(policy.lower_quantile)}"],
        ),
        ("Calendar", _describe_calendar(cal, hours=quote.callback is not None)),
    ]
    closures: list[Closure]
    if quote.promise is not None:
        promise = quote.promise
        ordered = _moment(promise.ordered_at, cal)
        if promise.handling_starts != promise.ordered_at:
            ordered += f"; handled from {_moment(promise.handling_starts, cal)}"
        rows.append(("Ordered", ordered))
        if promise.handling and promise.ships_on is not None:
            days = "day" if promise.handling == 1 else "days"
            rows.append(
                (
                    "Handling",
                    f"{promise.handling} business {days}; handed over {_day(promise.ships_on)}",
                )
            )
        rows.append(("Arrives", _span(promise.earliest, promise.latest)))
        closures = list(promise.closures)
    else:
        callback = quote.callback
        assert callback is not None
        rows.append(("Requested", _moment(callback.requested_at, cal)))
        by = f"by {_moment(callback.by, cal)}"
        if callback.bound is not None and callback.bound != callback.by:
            by += f" (the window ends {callback.bound.astimezone(cal.zone):%H:%M}; rounded up)"
        rows.append(("Callback", by))
        first = callback.requested_at.astimezone(cal.zone).date()
        closures = cal.closures_between(first, callback.by.date(), include_non_workdays=True)
    if closures:
        rows.append(
            ("Closed", [_closure_line(c) for c in closures]),
        )
    text = _block(rows)
    if quote.message is not None:
        message = quote.message
        text += f"\n--- {message.kind} ({message.locale}) ---\n"
        text += f"{message.subject}\n\n{message.text}"
    return text


def _quote_json(quote: _Quote) -> dict[str, Any]:
    from .contextjson import _write_calendar

    window, cal = quote.window, quote.source.calendar
    policy = window.policy
    result: dict[str, Any] = {
        "history": {
            "source": quote.source.label,
            "unit": quote.history.unit,
            "start": quote.source.start,
            "end": quote.source.end,
            "lane_fields": list(quote.source.lane_fields),
            "max_value": quote.source.max_value,
        },
        "lane": list(window.requested_lane),
        "window": {
            "lower": window.lower,
            "upper": window.upper,
            "unit": window.unit,
            "text": window.range_text(),
            "lane": list(window.lane),
            "samples": window.samples,
            "effective_samples": window.effective_samples,
            "on_time_in_history": window.on_time_in_history,
            "basis": window.basis(),
        },
        "fallback": None,
        "policy": {
            "on_time": policy.on_time,
            "confidence": policy.confidence,
            "lower_quantile": policy.lower_quantile,
            "min_samples": policy.min_samples,
            "halflife_days": policy.halflife_days,
            "pad": policy.pad,
            "needed_samples": policy.needed_samples,
        },
        "calendar": _write_calendar(cal, "calendar"),
    }
    if window.fell_back:
        result["fallback"] = {
            "requested_lane": list(window.requested_lane),
            "requested_samples": window.requested_samples,
            "needed_samples": policy.needed_samples,
            "used_lane": list(window.lane),
            "widened_for": None if window.widened_for is None else list(window.widened_for),
        }
    closures: Sequence[Closure]
    if quote.promise is not None:
        promise = quote.promise
        result["promise"] = {
            "ordered_at": promise.ordered_at.isoformat(),
            "handling_starts": promise.handling_starts.isoformat(),
            "handling": promise.handling,
            "ships_on": None if promise.ships_on is None else promise.ships_on.isoformat(),
            "earliest": promise.earliest.isoformat(),
            "latest": promise.latest.isoformat(),
        }
        closures = promise.closures
    else:
        callback = quote.callback
        assert callback is not None
        result["callback"] = {
            "requested_at": callback.requested_at.isoformat(),
            "by": callback.by.isoformat(),
            "bound": None if callback.bound is None else callback.bound.isoformat(),
        }
        first = callback.requested_at.astimezone(cal.zone).date()
        closures = cal.closures_between(first, callback.by.date(), include_non_workdays=True)
    result["closures"] = [
        {
            "date": c.date.isoformat(),
            "kind": c.kind,
            "name_id": c.name_id,
            "name_en": c.name_en,
            "estimated": c.estimated,
        }
        for c in closures
    ]
    result["rejects"] = quote.history.rejected.as_dict()
    result["message"] = None if quote.message is None else quote.message.to_dict()
    return result


# --------------------------------------------------------------------- backtest
class _ProgressBar:
    """A progress bar on stderr, drawn only on a terminal, and by default only when large.

    ``wanted`` is ``--progress`` (``True``), ``--no-progress`` (``False``) or neither
    (``None``: draw when there are more than :data:`PROGRESS_ROWS` rows).
    """

    WIDTH = 30

    def __init__(self, wanted: bool | None, stream: TextIO) -> None:
        self.wanted = wanted
        self.stream = stream
        self.active: bool | None = None
        self.drawn = False

    def _decide(self, total: int) -> bool:
        wanted = self.wanted if self.wanted is not None else total > PROGRESS_ROWS
        try:
            return bool(wanted and self.stream.isatty())
        except (AttributeError, ValueError):  # no isatty, or a closed stream
            return False

    def __call__(self, done: int, total: int) -> None:
        if self.active is None:
            self.active = self._decide(total)
        if not self.active:
            return
        filled = self.WIDTH * done // total if total else self.WIDTH
        percent = 100 * done // total if total else 100
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\rreplaying [{bar}] {percent:3d}%  {done:,} of {total:,} rows")
        self.drawn = True
        if done >= total:
            self.clear()
        else:
            self.stream.flush()

    def clear(self) -> None:
        """Wipe the bar off its line, so that nothing of it stays on the screen."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


def _backtest(args: argparse.Namespace, out: TextIO) -> int:
    import csv

    from .backtesting import backtest
    from .errors import InvalidHistoryError
    from .windows import lane_label

    source = _source(args)
    policy = _policy(args)
    bar = _ProgressBar(args.progress, sys.stderr)
    try:
        report = backtest(
            source.path,
            start=source.start,
            end=source.end,
            lane=source.lane_fields,
            unit=args.unit,
            calendar=source.calendar,
            policy=policy,
            tz=args.tz,
            dayfirst=args.dayfirst,
            max_value=source.max_value,
            strict=args.strict,
            progress=bar,
        )
    except UnicodeDecodeError:
        raise _UsageError(f"{source.path.name}: not a UTF-8 text file") from None
    except csv.Error as exc:
        raise _UsageError(f"{source.path.name}: not a readable CSV file: {exc}") from None
    except InvalidHistoryError as exc:
        raise _in_file(exc, source) from None
    finally:
        bar.clear()
    if args.lane is not None:
        chosen = report.select(args.lane)
        if not chosen.lanes:
            known = ", ".join(lane_label(k) for k in sorted(report.lanes)[:8])
            more = ", ..." if len(report.lanes) > 8 else ""
            missing = _UsageError(
                f"no lane in the history is {lane_label(args.lane)} or under it; "
                f"lanes: {known or 'none'}{more}"
            )
            raise _with_rejects(missing, report.rejected, "backtest", args)
        report = chosen
    if args.format == "json":
        out.write(json.dumps(_backtest_json(report, source), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(f"{report}\n")
    out.flush()
    _report_rejects(report.rejected, "backtest", args)  # last, where it is seen
    return 0


def _backtest_json(report: BacktestReport, source: _Source) -> dict[str, Any]:
    data = report.as_dict()
    data["history"] = {
        "source": source.label,
        "start": source.start,
        "end": source.end,
        "lane_fields": list(source.lane_fields),
        "max_value": source.max_value,
    }
    return data


# ------------------------------------------------------------------ the parsers
_SAMPLE_NOTE = """\
Without --history the bundled sample is read: 3,000 shipments from Jakarta, or
with --unit business_hours 1,500 support requests, each with its own columns,
ceiling (--max-value 30 days, 80 hours) and calendar (the courier's Mon-Sat with
its Lebaran pause and a 14:00 cut-off; the support desk's Mon-Fri 08-17 and Sat
08-12); calendar options given still apply on top. The sample has 6 bad rows on
purpose: rejected rows are reported in one line on stderr (--rejects for which).
"""

_QUOTE_EXAMPLES = f"""\
Examples:
  expectset quote --lane REG,JKT,SBY --at 2026-11-23T10:00
  expectset quote --lane ECO,JKT,DJJ --at 2026-03-16T10:00 --handling 1 --json
  expectset quote --lane REG,JKT,SBY --at 2026-11-23T10:00 --locale en \\
      --name "Sari Rahayu" --title Ibu
  expectset quote --unit business_hours --lane whatsapp,orders --at 2026-11-20T16:00
  expectset quote --history shipments.csv --lane REG,JKT --on-time 0.9 --workdays Mon-Sat

--at is the moment the order is placed (the request made), ISO 8601, in --timezone
without an offset; without --at it is now. The window uses the whole history.

{_SAMPLE_NOTE}"""

_BACKTEST_EXAMPLES = f"""\
Examples:
  expectset backtest
  expectset backtest --lane REG --on-time 0.9 --confidence 0.5
  expectset backtest --unit business_hours --json
  expectset backtest --history shipments.csv --workdays Mon-Sat --max-value 30

Every row is promised from the rows that had ended before the day it started, and
the promise is compared with what happened (see docs/backtest.md). --lane shows one
lane, or the lanes under a parent, of the same replay. A progress bar is drawn on
stderr while the rows are replayed when stderr is a terminal and there are more than
{PROGRESS_ROWS:,} rows (--progress: whatever the size; --no-progress: never).

{_SAMPLE_NOTE}"""


def _add_history_options(parser: argparse.ArgumentParser) -> None:
    from .windows import UNITS

    history = parser.add_argument_group("history (a CSV file with a header row)")
    history.add_argument(
        "--history", metavar="FILE", help="the CSV file (default: the bundled sample, see below)"
    )
    history.add_argument(
        "--start", metavar="COLUMN", help=f"column of the start moment (default {_DEFAULT_START})"
    )
    history.add_argument(
        "--end", metavar="COLUMN", help=f"column of the end moment (default {_DEFAULT_END})"
    )
    history.add_argument(
        "--lane-fields",
        type=_keys,
        metavar="A,B,C",
        help=f"lane columns, general to specific (default {','.join(_DEFAULT_LANE)})",
    )
    history.add_argument(
        "--unit",
        choices=UNITS,
        default="business_days",
        help="business_days (default), calendar_days, or business_hours (for callbacks)",
    )
    history.add_argument(
        "--dayfirst", action="store_true", help="read dates like 17/03/2026 14:05 (day first)"
    )
    history.add_argument(
        "--tz", metavar="ZONE", help="the zone of times written without an offset (else rejected)"
    )
    history.add_argument(
        "--max-value",
        type=_fraction,
        metavar="N",
        help="reject durations longer than N units as outliers (default: none)",
    )
    history.add_argument(
        "--strict", action="store_true", help="stop at the first bad row instead of counting it"
    )
    history.add_argument(
        "--rejects", action="store_true", help="list the rejected rows by reason, on stderr"
    )
    policy = parser.add_argument_group("policy")
    policy.add_argument(
        "--on-time", type=_fraction, default=0.95, metavar="P", help="on-time rate (default 0.95)"
    )
    policy.add_argument(
        "--confidence",
        type=_fraction,
        default=0.90,
        metavar="P",
        help="confidence in that rate, given the samples (default 0.90; 0: plain quantile)",
    )
    policy.add_argument(
        "--lower-quantile",
        type=_fraction,
        default=0.75,
        metavar="P",
        help="the quantile that starts the window (default 0.75)",
    )
    policy.add_argument(
        "--min-samples",
        type=_whole,
        default=30,
        metavar="N",
        help="fewer and a lane falls back to its parent (default 30)",
    )
    policy.add_argument(
        "--halflife-days",
        type=_fraction,
        metavar="DAYS",
        help="weigh recent rows more, halving every DAYS (default: all alike)",
    )
    policy.add_argument(
        "--pad", type=_whole, default=0, metavar="N", help="units added to the window (default 0)"
    )
    calendar = parser.add_argument_group(
        "calendar (default: Indonesian, Mon-Fri 08:00-17:00, Asia/Jakarta; without\n"
        "--history the sample's own, changed by any of these given)"
    )
    calendar.add_argument(
        "--calendar",
        "--calendar-country",
        dest="calendar",
        metavar="CODE",
        help="public holidays of this country (default ID, with cuti bersama; 'none')",
    )
    calendar.add_argument(
        "--no-cuti-bersama", action="store_true", help="do not close on cuti bersama"
    )
    calendar.add_argument("--workdays", help="work days (default Mon-Fri)")
    calendar.add_argument(
        "--hours",
        type=_hours_span,
        metavar="HH:MM-HH:MM",
        help="working hours on every work day (default 08:00-17:00)",
    )
    calendar.add_argument("--timezone", help="IANA time zone (default Asia/Jakarta)")
    calendar.add_argument(
        "--closure",
        type=_closure,
        action="append",
        metavar="FIRST[:LAST][=NAME]",
        help="an extra closed day or range, optionally named (repeatable)",
    )
    calendar.add_argument(
        "--cutoff", metavar="HH:MM", help="orders after this are handled the next business day"
    )


def _add_format_options(parser: argparse.ArgumentParser) -> None:
    output = parser.add_mutually_exclusive_group()
    output.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default) or json (machine-readable)",
    )
    output.add_argument(
        "--json", dest="format", action="store_const", const="json", help="same as --format json"
    )


def add_history_commands(commands: Any) -> None:
    """Add the quote and backtest commands."""
    raw = argparse.RawDescriptionHelpFormatter
    quote = commands.add_parser(
        "quote",
        help="the window for one lane and the promise for an order",
        description="Compute the window for --lane from a history, lay it onto the calendar\n"
        "for an order placed --at a moment, and say what it rests on (the samples, the\n"
        "fallback to a parent lane) and which holidays fall inside. With --unit\n"
        "business_hours the promise is a callback deadline instead of delivery dates.\n"
        "With --locale, also the customer message for it.",
        epilog=_QUOTE_EXAMPLES,
        formatter_class=raw,
    )
    quote.add_argument(
        "--lane",
        type=_keys,
        required=True,
        metavar="A,B,C",
        help="the lane's keys, general to specific (REG,JKT,SBY)",
    )
    quote.add_argument(
        "--at", metavar="TIME", help="when the order is placed, ISO 8601 (default: now)"
    )
    quote.add_argument(
        "--handling",
        type=_whole,
        metavar="N",
        help="business days of packing before the parcel leaves (default 0)",
    )
    _add_history_options(quote)
    message = quote.add_argument_group("the customer message")
    message.add_argument(
        "--locale",
        help="render the delivery estimate (or callback promise): id, id_ID, en, en_GB, en_US",
    )
    message.add_argument("--name", help="the recipient's name (default: none, 'Bapak/Ibu')")
    message.add_argument("--title", choices=("Ibu", "Bapak"), help="the recipient's title")
    message.add_argument(
        "--reference", metavar="ID", help="the order (or case) number (default ORDER-ID, CASE-ID)"
    )
    message.add_argument(
        "--via",
        choices=("phone", "email", "whatsapp"),
        help="how a callback is made (default: the lane's first key if it is one, else email)",
    )
    message.add_argument("--brand", metavar="NAME", help="the business that signs the message")
    _add_format_options(quote)
    quote.set_defaults(handler=_quote)

    backtest = commands.add_parser(
        "backtest",
        help="replay a history to see how a policy would have done",
        description="Replay a history in time order, promising every row from what was\n"
        "known when it started, and report per lane how many promises were kept.",
        epilog=_BACKTEST_EXAMPLES,
        formatter_class=raw,
    )
    backtest.add_argument(
        "--lane",
        type=_keys,
        metavar="A,B,C",
        help="show only this lane, or the lanes under this parent (REG or REG,JKT)",
    )
    backtest.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        help=f"draw a progress bar on a terminal (default: above {PROGRESS_ROWS:,} rows)",
    )
    _add_history_options(backtest)
    _add_format_options(backtest)
    backtest.set_defaults(handler=_backtest)
