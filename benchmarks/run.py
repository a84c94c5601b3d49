"""Run every benchmark, print a table, and write benchmarks/results.json.

    python benchmarks/run.py            # full sizes, more rounds
    python benchmarks/run.py --quick    # under a minute on a 2-core machine
    python benchmarks/run.py --smoke    # tiny sizes, one round: does everything run?
    python benchmarks/run.py --only import_time   # updates that entry of results.json

Each benchmark times expectset and the best baseline a user could write instead,
alternately in this one process run, and reports ratio = expectset / baseline against
its target (lower is better). Data is generated deterministically by the benchmarks.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import BENCHMARKS, Comparison, Settings  # noqa: E402

MODULES = ["bench_ingest", "bench_quote", "bench_render", "bench_import"]


def _table(results: list[Comparison]) -> str:
    rows = [("benchmark", "expectset", "baseline", "ratio", "target", "")]
    for r in results:
        fmt = (lambda v: f"{v:,.1f} MB") if r.unit == "MB" else _seconds
        rows.append(
            (
                r.name,
                fmt(r.expectset_s),
                fmt(r.baseline_s),
                f"{r.ratio:.2f}",
                f"<= {r.target:g}",
                "ok" if r.met else "MISSED",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.2f} ms"
    return f"{value * 1e6:.1f} µs"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; return 1 if any target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller rounds, under a minute")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes and one round, to test the benchmarks"
    )
    parser.add_argument("--only", action="append", help="run only this benchmark (repeatable)")
    parser.add_argument("--output", help="results file (default: benchmarks/results.json)")
    args = parser.parse_args(argv)
    for module in MODULES:
        importlib.import_module(module)
    names = args.only or list(BENCHMARKS)
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    if args.smoke:
        settings = Settings(quick=True, rounds=1, smoke=True)
    else:
        settings = Settings(quick=args.quick, rounds=5 if args.quick else 9)
    results: list[Comparison] = []
    started = time.perf_counter()
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        results.append(BENCHMARKS[name](settings))
    elapsed = time.perf_counter() - started
    print(_table(results))
    print(
        f"\n{len(results)} benchmarks in {elapsed:.1f} s on {platform.machine()}, "
        f"Python {platform.python_version()}"
        + (" (--smoke)" if args.smoke else " (--quick)" if args.quick else "")
    )
    for r in results:
        for note in r.notes:
            print(f"  {r.name}: {note}")
    default = HERE / "results.json"
    if args.smoke:  # a smoke run's timings mean nothing: keep them out of results.json
        default = Path(tempfile.gettempdir()) / "expectset-bench-smoke.json"
    output = Path(args.output or default)
    written = [r.as_dict() for r in results]
    if args.only and output.exists():  # a partial run updates its entries, keeps the rest
        fresh = {entry["name"]: entry for entry in written}
        kept = json.loads(output.read_text(encoding="utf-8"))
        written = [fresh.pop(entry["name"], entry) for entry in kept] + list(fresh.values())
    output.write_text(json.dumps(written, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
