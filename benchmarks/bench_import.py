"""import_time: `python -c "import expectset"` against `import jinja2, babel.dates`."""

from __future__ import annotations

import subprocess
import sys

from harness import Comparison, Settings, benchmark, time_alternately


def _run(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True)


@benchmark("import_time")
def import_time(settings: Settings) -> Comparison:
    """Wall time of a fresh interpreter importing the package vs its template stack."""
    rounds = settings.size(full=31, quick=11, smoke=3)
    ours, base = time_alternately(
        lambda: _run("import expectset"),
        lambda: _run("import jinja2, babel.dates"),
        rounds=rounds,
    )
    return Comparison(
        "import_time",
        ours,
        base,
        target=1.3,
        notes=[f"median of {rounds} fresh interpreters each, run alternately"],
    )
