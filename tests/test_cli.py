"""The command line: the demo, help and one-line errors."""

from __future__ import annotations

import io

import pytest

from expectset.cli import main


def test_demo_shows_the_lebaran_example() -> None:
    """The demo explains the Lebaran 2026 business day with and without cuti bersama."""
    out = io.StringIO()
    assert main(["demo", "--now", "2026-11-23T10:00+07:00"], out=out) == 0
    text = out.getvalue()
    assert "with cuti bersama:    Wednesday 25 March 2026" in text
    assert "without cuti bersama: Wednesday 18 March 2026" in text
    assert "cuti bersama Idulfitri" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_bad_time_is_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    """A user mistake ends in one clear line on stderr and exit status 2."""
    assert main(["demo", "--now", "next tuesday"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "next tuesday" in err
    assert "Traceback" not in err


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    """--help on a command shows an example."""
    with pytest.raises(SystemExit) as info:
        main(["demo", "--help"])
    assert info.value.code == 0
    assert "Example: expectset demo" in capsys.readouterr().out
