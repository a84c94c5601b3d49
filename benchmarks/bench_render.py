"""render_batch: delivery estimates for a batch of orders, in Indonesian and English.

The baseline is what rendering costs in Jinja alone: a plain ``jinja2.Environment`` on
the same template files and settings, the same gettext catalogs as plain dictionary
lookups, filters that return formatted strings remembered from a warm-up pass, and each
message's template values built before timing. It must produce the very same messages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from data import bench_calendar, shipments_csv
from harness import Comparison, Settings, benchmark, time_alternately

import expectset as es
from expectset import rendering
from expectset._resources import resource_dir
from expectset.formatting import resolve_locale
from expectset.samples import SHIPMENT_LANE

KIND = "delivery_estimate"
PARTS = ("subject.txt", "preheader.txt", "text.txt", "html.html")
RECIPIENTS = [
    es.Recipient("Sari Rahayu", title="Ibu"),
    es.Recipient("Budi Santoso"),
    es.Recipient("Dewi Lestari", first_name="Dewi", first_name_ok=True),
    es.Recipient(None),
]


def _orders(n: int, history_rows: int) -> list[dict[str, Any]]:
    """``n`` orders over two months on several lanes, each with its promise and locale."""
    calendar = bench_calendar()
    hist = es.TransitHistory.from_csv(
        shipments_csv(history_rows),
        start="shipped_at",
        end="delivered_at",
        lane=SHIPMENT_LANE,
        calendar=calendar,
    )
    lanes = hist.lanes[::17]
    windows = [hist.window(lane) for lane in lanes]
    first = dt.datetime(2026, 2, 16, 8, 5, tzinfo=calendar.zone)
    contact = es.Contact("Rina", whatsapp="0812-3456-7890", email="cs@toko.id")
    orders = []
    for i in range(n):
        ordered = first + dt.timedelta(minutes=37 * i % (60 * 24 * 60))
        promise = es.promise_delivery(
            ordered, windows[i % len(windows)], calendar=calendar, handling=1, cutoff="14:00"
        )
        orders.append(
            {
                "locale": "id" if i % 2 == 0 else "en",
                "now": ordered + dt.timedelta(minutes=5),
                "recipient": RECIPIENTS[i % len(RECIPIENTS)],
                "promise": promise,
                "order_id": f"INV/2026/{i:06d}",
                "contact": contact if i % 3 else None,
            }
        )
    return orders


def ours(order: dict[str, Any]) -> tuple[str, str, str, str]:
    """Run the library: render() with the order's fields, checked and formatted."""
    fields = dict(order)
    message = es.render(KIND, **fields)
    return message.subject, message.preheader, message.text, message.html


# ------------------------------------------------------------------ the baseline
_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


class PlainJinja:
    """Plain Jinja for one locale: dict gettext, remembered formatting, nothing else."""

    def __init__(self, locale: str) -> None:
        from babel.messages.pofile import read_po
        from jinja2 import (
            Environment,
            FileSystemLoader,
            StrictUndefined,
            pass_eval_context,
            select_autoescape,
        )
        from markupsafe import Markup, escape

        self.info = resolve_locale(locale)
        catalog: dict[tuple[str | None, str], Any] = {}
        folder = resource_dir("locales") / self.info.language / "LC_MESSAGES"
        if self.info.language != "en":
            with (folder / "expectset.po").open("rb") as handle:
                for message in read_po(handle, locale=self.info.language):
                    if message.id and message.string:
                        key_id = message.id if isinstance(message.id, str) else message.id[0]
                        catalog[(message.context, key_id)] = message.string

        def translated(context: str | None, text: str) -> str:
            found = catalog.get((context, text), text)
            return found if isinstance(found, str) else found[0]

        def plural(context: str | None, singular: str, plural: str, n: int) -> str:
            found = catalog.get((context, singular))
            if found is None:
                return singular if n == 1 else plural
            return found if isinstance(found, str) else found[0]  # Indonesian: one form

        self.env = Environment(
            loader=FileSystemLoader(str(resource_dir("templates"))),
            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n"],
        )
        self.env.policies["ext.i18n.trimmed"] = True
        self.env.install_gettext_callables(  # type: ignore[attr-defined]
            lambda text: translated(None, text),
            lambda s, p, n: plural(None, s, p, n),
            newstyle=True,
            pgettext=translated,
            npgettext=plural,
        )
        self.memo: dict[tuple[Any, ...], Any] = {}
        state = rendering._State(
            rendering.load_translations(self.info.language),
            es.formatter(self.info.tag, "Asia/Jakarta"),
            self.info,
        )
        self.state = state
        for name, function in rendering._FILTERS.items():
            if name not in ("join_list", "text"):
                self.env.filters[name] = self._remembered(name, function)
        self.env.filters["text"] = str.__str__

        def join_list(eval_ctx: Any, items: Any, style: Any = "and") -> Any:
            values = [str(i) for i in items]  # once: `items` may be a generator (map)
            key = ("join_list", eval_ctx.autoescape, tuple(values), style)
            found = self.memo.get(key)
            if found is None:
                fmt = es.formatter(self.info.tag, "Asia/Jakarta")
                if eval_ctx.autoescape:
                    found = Markup(fmt.join_list([escape(v) for v in values], style))
                else:
                    found = fmt.join_list(values, style)
                self.memo[key] = found
            return found

        self.env.filters["join_list"] = pass_eval_context(join_list)
        self.templates = [self.env.get_template(f"{KIND}/{part}") for part in PARTS]
        # The shared macros and the kind's sentences, which the templates use as m and p.
        self.macros = {
            "m": self.env.get_template("_macros.txt").module,
            "p": self.env.get_template(f"{KIND}/_parts.txt").module,
        }

    def _remembered(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        memo = self.memo

        def remembered(*args: Any) -> Any:
            key = (name, *(_frozen(a) for a in args))
            try:
                return memo[key]
            except KeyError:  # only in the warm-up pass: format it once, as ours does
                token = rendering._STATE.set(self.state)
                try:
                    found = memo[key] = function(*args)
                finally:
                    rendering._STATE.reset(token)
                return found

        return remembered

    def render(self, values: dict[str, Any]) -> tuple[str, str, str, str]:
        """Render the four parts of the message from prepared values."""
        subject_t, preheader_t, text_t, html_t = self.templates
        values = {**values, **self.macros}
        subject = _one_line(subject_t.render(values))
        preheader = _one_line(preheader_t.render(values))
        text = _tidy(text_t.render(values))
        html = _tidy(html_t.render(values, subject=subject, preheader=preheader))
        return subject, preheader, text, html


def template_values(order: dict[str, Any]) -> dict[str, Any]:
    """Build the values the templates read, exactly as render() does (not timed)."""
    info = resolve_locale(order["locale"])
    fields = {k: v for k, v in order.items() if k != "locale"}
    return rendering.template_values(es.DeliveryEstimateContext(**fields), info, "email")


@benchmark("render_batch")
def render_batch(settings: Settings) -> Comparison:
    """render() of delivery estimates (subject, preheader, text, HTML) against plain Jinja."""
    n = settings.size(full=10_000, quick=1_000, smoke=20)
    orders = _orders(n, settings.size(full=100_000, quick=100_000, smoke=3_000))
    plain = {locale: PlainJinja(locale) for locale in ("id", "en")}
    prepared = [(plain[o["locale"]], template_values(o)) for o in orders]
    for order, (env, values) in zip(orders, prepared, strict=True):  # warm-up, and a check
        if env.render(values) != ours(order):
            raise AssertionError(f"plain Jinja renders {order['order_id']} differently")
    rounds = settings.size(full=5, quick=3, smoke=1)
    mine, theirs = time_alternately(
        lambda: [ours(order) for order in orders],
        lambda: [env.render(values) for env, values in prepared],
        rounds=rounds,
        warmup=False,
    )
    return Comparison(
        "render_batch",
        mine / n,
        theirs / n,
        target=2.0,
        notes=[
            f"{n:,} orders, half in Indonesian and half in English; seconds per message "
            "(subject, preheader, plain text and HTML); median of "
            f"{rounds} alternating rounds" + ("" if n == 10_000 else " (10,000 in a full run)"),
            "expectset: render('delivery_estimate', locale=..., recipient=..., promise=..., "
            "order_id=..., contact=...): context checks, formatting, strict catalogs",
            "baseline: a plain jinja2.Environment on the same template files and settings, "
            "gettext callables that are plain dict lookups in the same catalogs, filters "
            "that return strings remembered from a warm-up pass, template values built "
            "before timing; its messages were checked identical to expectset's",
        ],
    )


#: The templates and catalogs as they were before issue 9 (sentences computed once per
#: message, the shared ones once per batch): frozen here as the speed baseline.
BEFORE = Path(__file__).resolve().parent / "baseline"


def before_renderer() -> es.Renderer:
    """Return a renderer on the frozen templates and catalogs of the previous release."""
    return es.Renderer([BEFORE / "templates"], locale_dirs=[BEFORE / "locales"], sandboxed=False)


@benchmark("render_vs_before")
def render_vs_before(settings: Settings) -> Comparison:
    """render() of delivery estimates now against the templates of the previous release."""
    n = settings.size(full=10_000, quick=1_000, smoke=20)
    orders = _orders(n, settings.size(full=100_000, quick=100_000, smoke=3_000))
    before = before_renderer()

    def old(order: dict[str, Any]) -> tuple[str, str]:
        fields = dict(order)
        message = before.render(KIND, **fields)
        return message.subject, message.text

    for order in orders[:50]:  # both render the same order, each in its own wording
        if old(order)[0].split(":")[0] != ours(order)[0].split(":")[0]:
            raise AssertionError(f"the baseline renders {order['order_id']} for another order")
    rounds = settings.size(full=5, quick=3, smoke=1)
    mine, theirs = time_alternately(
        lambda: [ours(order) for order in orders],
        lambda: [old(order) for order in orders],
        rounds=rounds,
    )
    return Comparison(
        "render_vs_before",
        mine / n,
        theirs / n,
        target=0.5,
        notes=[
            f"{n:,} orders as in render_batch; seconds per message (all four parts); "
            f"median of {rounds} alternating rounds",
            "expectset: the templates of this release, each sentence written once per "
            "message (the HTML reuses the text's) and the sentences of plain values (the "
            "closing, how to reach us, an update day) once per batch",
            "baseline: the templates and catalogs of the previous release, frozen in "
            "benchmarks/baseline/, through the same Renderer (so with this release's "
            "context checks: they cost about 2% of a message); target: half the time",
        ],
    )
