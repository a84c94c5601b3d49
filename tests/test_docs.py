"""Every example in the README and in docs/ runs and prints what it says."""

from __future__ import annotations

import ast
import doctest
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_examples_in_page_run(page: Path) -> None:
    """The page's examples give the output the page shows."""
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
        report=True,
    )
    assert result.failed == 0, f"{result.failed} example(s) failed in {page.name}"


def test_docs_build_strictly(tmp_path: Path) -> None:
    """MkDocs builds the docs in strict mode: no broken link, page or reference."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "build.py"), "--site-dir", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "reference" / "index.html").is_file()


def _docstrings() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "expectset").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)):
                doc = ast.get_docstring(node)
                if doc and ">>>" in doc:
                    name = getattr(node, "name", "<module>")
                    found.append((f"{path.relative_to(ROOT)}:{name}", doc))
    return found


@pytest.mark.parametrize(("where", "doc"), _docstrings(), ids=[w for w, _ in _docstrings()])
def test_docstring_examples_sit_in_an_examples_section(where: str, doc: str) -> None:
    """Doctest examples are under an 'Examples' heading, so the API reference shows code."""
    head = doc.split(">>>", 1)[0]
    assert "Examples\n--------" in head, f"{where}: put the >>> lines under 'Examples\\n--------'"


def test_getting_started_shows_the_readme_commands() -> None:
    """Getting started installs with exactly the README's two commands, the ones CI runs."""
    import re

    def shell_blocks(path: Path) -> list[str]:
        return re.findall(r"^```sh\n(.*?)^```$", path.read_text("utf-8"), re.S | re.M)

    readme = shell_blocks(ROOT / "README.md")
    assert readme == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/expectset demo\n",
        '.venv/bin/pip install -e ".[test]" && .venv/bin/pytest\n',
    ]
    assert shell_blocks(ROOT / "docs" / "getting-started.md") == readme
