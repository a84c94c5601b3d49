"""The benchmark runner works end to end (timings are never asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_runner_writes_the_results_schema(tmp_path: Path) -> None:
    """run.py prints a table and writes rows with name, times, ratio and target."""
    output = tmp_path / "results.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--only",
            "import_time",
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "import_time" in result.stdout
    (row,) = json.loads(output.read_text())
    assert {"name", "expectset_s", "baseline_s", "ratio", "target"} <= set(row)
    assert row["ratio"] == round(row["expectset_s"] / row["baseline_s"], 4)
