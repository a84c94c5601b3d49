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


def test_demo_promises_every_sample_lane() -> None:
    """The demo shows each lane's window, what it rests on and its dates, plus a callback."""
    out = io.StringIO()
    assert main(["demo", "--now", "2026-11-23T10:00+07:00"], out=out) == 0
    lines = out.getvalue().splitlines()
    assert "Rejected 6 of 3,000 rows; 2,994 used." in lines
    rows = [line for line in lines if "JKT→" in line]
    assert len(rows) == 15
    assert "EXP JKT→SBY  2–3 days   283 on EXP/JKT/SBY            Thu 26 – Fri 27 Nov" in rows
    assert any(r.startswith("ECO JKT→DJJ") and "on ECO/JKT (44 own)" in r for r in rows)
    assert "ECO/JKT/DJJ has 44 shipments, fewer than the 45 the policy needs," in lines
    assert "promised by Mon 23 Nov 2026 16:45 WIB (exact bound 16:35, rounded up)." in lines


def test_demo_explains_holidays_inside_windows() -> None:
    """Orders before Christmas list the closed days inside their windows, named."""
    out = io.StringIO()
    assert main(["demo", "--now", "2026-12-18T16:00"], out=out) == 0
    text = out.getvalue()
    assert "closed: 24–25 Dec" in text
    assert "  Thu 24 Dec  cuti bersama Natal (collective leave for Christmas Day)" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_demo_names_lebaran_closures_once() -> None:
    """Ordered just before Lebaran 2026, the windows name Nyepi and Idulfitri, once each."""
    out = io.StringIO()
    assert main(["demo", "--now", "2026-03-16T15:00"], out=out) == 0
    text = out.getvalue()
    assert "  Thu 19 Mar  Nyepi (Day of Silence)\n" in text
    assert text.count("Fri 20 Mar  cuti bersama Idulfitri (collective leave for Eid al-Fitr)") == 1
    assert max(len(line) for line in text.splitlines()) <= 80


def test_bad_time_is_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    """A user mistake ends in one clear line on stderr and exit status 2."""
    assert main(["demo", "--now", "next tuesday"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "next tuesday" in err
    assert "--now" in err
    assert "Traceback" not in err


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    """--help on a command shows an example."""
    with pytest.raises(SystemExit) as info:
        main(["demo", "--help"])
    assert info.value.code == 0
    assert "Example: expectset demo" in capsys.readouterr().out
