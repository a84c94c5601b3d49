"""The built wheel works on its own, with the source tree out of reach."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_wheel_carries_templates_locales_and_types(built_wheel: Path) -> None:
    """templates/ and locales/ from the top of the repository are inside the package."""
    names = zipfile.ZipFile(built_wheel).namelist()
    assert "expectset/py.typed" in names
    assert any(n.startswith("expectset/templates/") for n in names)
    assert any(n.startswith("expectset/locales/") for n in names)
    assert "expectset/data/shipments.csv" in names
    assert "expectset/data/support.csv" in names
    assert not any(n.startswith(("tests/", "templates/", "locales/")) for n in names)


def test_installed_wheel_imports_and_computes(wheel_python: Path, tmp_path: Path) -> None:
    """In a fresh environment the wheel imports from site-packages and does real work."""
    code = """
import datetime as dt, pathlib, expectset as es
from expectset._resources import resource_dir
assert "site-packages" in es.__file__, es.__file__
assert resource_dir("templates").parent == pathlib.Path(es.__file__).parent
cal = es.BusinessCalendar(workdays="Mon-Fri", country="ID")
print(es.__version__, cal.add_business_days(dt.date(2026, 3, 17), 1))
"""
    result = subprocess.run(
        [str(wheel_python), "-I", "-c", code],
        cwd=tmp_path,  # not the repository: nothing can be imported from the source tree
        check=True,
        capture_output=True,
        text=True,
    )
    assert result.stdout.split()[1] == "2026-03-25"


def test_installed_command_line_runs(wheel_python: Path, tmp_path: Path) -> None:
    """The installed `expectset demo` command runs from anywhere."""
    script = wheel_python.parent / "expectset"
    result = subprocess.run(
        [str(script), "demo", "--now", "2026-11-23T10:00+07:00"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "Wednesday 25 March 2026" in result.stdout
    assert "Rejected 6 of 3,000 rows; 2,994 used." in result.stdout


def test_installed_wheel_renders_every_kind_in_both_languages(
    wheel_python: Path, tmp_path: Path
) -> None:
    """The wheel renders all nine kinds in id and en from its compiled .mo catalogs."""
    code = """
import pathlib, expectset as es
from expectset.examples import EXAMPLE_NOW
from expectset.rendering import default_renderer
root = pathlib.Path(es.__file__).parent
for folder in ("id", "id@friendly"):
    assert (root / "locales" / folder / "LC_MESSAGES" / "expectset.mo").is_file(), folder
sources = default_renderer().translations("id").sources
assert [p.suffix for p in sources] == [".mo"], sources
for kind in es.MESSAGE_KINDS:
    extra = {}
    for locale in ("id", "en"):
        message = es.render(kind, locale=locale, **extra, **es.example_context(kind))
        assert message.text and message.html and not es.lint(message), (kind, locale)
        print(kind, locale, message.subject)
"""
    result = subprocess.run(
        [str(wheel_python), "-I", "-c", code],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 18
    assert "delivery_estimate id Pesanan INV/2026/03/0042: estimasi tiba 27–31 Maret 2026" in lines


def test_sdist_holds_what_the_tests_and_docs_need(built_sdist: Path) -> None:
    """The source distribution can run its own tests: every folder they read is in it."""
    import tarfile

    root = Path(__file__).resolve().parent.parent
    with tarfile.open(built_sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    tracked = subprocess.run(
        ["git", "ls-files", "expectset", "templates", "locales", "tests", "docs", "benchmarks"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    needed = {"pyproject.toml", "README.md", "hatch_build.py", *tracked}
    if not tracked:  # not a git checkout (an unpacked sdist): the folders at least
        needed |= {"benchmarks/run.py", "tests/conftest.py", "docs/build.py"}
    assert sorted(needed - names) == []
