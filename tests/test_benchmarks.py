"""The benchmark runner works end to end (timings are never asserted here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"name", "expectset_s", "baseline_s", "ratio", "target"}


def _run(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[dict]]:  # type: ignore[type-arg]
    output = tmp_path / "results.json"
    env = {**os.environ, "EXPECTSET_BENCH_CACHE": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), *args, "--output", str(output)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode in (0, 1), result.stderr
    return result, json.loads(output.read_text())


def test_runner_writes_the_results_schema(tmp_path: Path) -> None:
    """run.py prints a table and writes rows with name, times, ratio and target."""
    result, rows = _run(tmp_path, "--quick", "--only", "import_time")
    assert "import_time" in result.stdout
    (row,) = rows
    assert row.keys() >= KEYS
    assert row["ratio"] == round(row["expectset_s"] / row["baseline_s"], 4)


def test_every_benchmark_runs_in_smoke_mode(tmp_path: Path) -> None:
    """--smoke runs every benchmark on tiny data (its own baselines' checks included)."""
    result, rows = _run(tmp_path, "--smoke")
    names = [row["name"] for row in rows]
    assert names == [
        "ingest_window_1m",
        "ingest_memory",
        "quote_latency",
        "render_batch",
        "render_vs_before",
        "import_time",
    ]
    for row in rows:
        assert row.keys() >= KEYS
        assert row["expectset_s"] > 0
        assert row["baseline_s"] > 0
        assert row["name"] in result.stdout
    assert any(row["unit"] == "MB" for row in rows)


def test_a_partial_run_updates_only_its_entries(tmp_path: Path) -> None:
    """--only replaces its own entries in an existing results file and keeps the others."""
    output = tmp_path / "results.json"
    earlier = [
        {"name": "ingest_window_1m", "expectset_s": 1.0, "baseline_s": 2.0, "ratio": 0.5},
        {"name": "import_time", "expectset_s": 9.0, "baseline_s": 1.0, "ratio": 9.0},
    ]
    output.write_text(json.dumps(earlier), encoding="utf-8")
    _, rows = _run(tmp_path, "--quick", "--only", "import_time")
    assert [row["name"] for row in rows] == ["ingest_window_1m", "import_time"]
    assert rows[0] == earlier[0]
    assert rows[1]["expectset_s"] != 9.0
    assert rows[1].keys() >= KEYS
