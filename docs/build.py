"""Build the documentation with MkDocs, strictly, from the settings in pyproject.toml.

The project keeps all tool configuration in ``pyproject.toml``; MkDocs only reads a
YAML file, so this script writes its ``[tool.mkdocs]`` table to a temporary config
(JSON is valid YAML) with absolute paths and runs ``mkdocs build --strict``.

    python docs/build.py                  # -> site/
    python docs/build.py --site-dir /tmp/site
    python docs/build.py --serve          # live preview on http://127.0.0.1:8000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_config() -> dict[str, Any]:
    """Return the MkDocs configuration from pyproject.toml with absolute paths."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        config: dict[str, Any] = dict(tomllib.load(handle)["tool"]["mkdocs"])
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "mkdocstrings" in plugin:
            python = plugin["mkdocstrings"].setdefault("handlers", {}).setdefault("python", {})
            python["paths"] = [str(ROOT / p) for p in python.get("paths", ["."])]
    return config


def main(argv: list[str] | None = None) -> int:
    """Build (or serve) the documentation; return MkDocs' exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default=str(ROOT / "site"))
    parser.add_argument("--serve", action="store_true", help="serve with live reload")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="expectset-docs-") as tmp:
        config_path = Path(tmp) / "mkdocs.yml"
        config_path.write_text(json.dumps(mkdocs_config(), indent=2), encoding="utf-8")
        command = [sys.executable, "-m", "mkdocs"]
        if args.serve:
            command += ["serve", "--strict", "-f", str(config_path)]
        else:
            command += ["build", "--strict", "-f", str(config_path), "-d", args.site_dir]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
