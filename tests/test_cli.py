"""The command line: the demo, help and one-line errors."""

from __future__ import annotations

import io
import re

import pytest

from expectset.cli import main

_NOW = "2026-11-23T10:00+07:00"


def _demo(now: str = _NOW) -> str:
    """Run ``expectset demo --now NOW`` in process; return what it printed."""
    out = io.StringIO()
    assert main(["demo", "--now", now], out=out) == 0
    return out.getvalue()


def test_demo_shows_the_lebaran_example() -> None:
    """The demo explains the Lebaran 2026 business day with and without cuti bersama."""
    text = _demo()
    assert "with cuti bersama:    Wednesday 25 March 2026" in text
    assert "without cuti bersama: Wednesday 18 March 2026" in text
    assert "cuti bersama Idulfitri" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_demo_promises_every_sample_lane() -> None:
    """The demo shows each lane's window, what it rests on and its dates, plus a callback."""
    lines = _demo().splitlines()
    assert "Rejected 6 of 3,000 rows; 2,994 used." in lines
    rows = [line for line in lines if re.match(r"[A-Z]{3} JKT→", line)]
    assert len(rows) == 15
    assert "EXP JKT→SBY  2–3 days    283 on EXP/JKT/SBY           Thu 26 – Fri 27 Nov" in rows
    assert any(r.startswith("ECO JKT→DJJ") and "on ECO/JKT (44 own)" in r for r in rows)
    assert "ECO/JKT/DJJ has 44 shipments, fewer than the 45 the policy needs," in lines
    assert "so it uses ECO/JKT, widened to the 95th percentile of its own." in lines
    assert "promised by Mon 23 Nov 2026 16:45 WIB (exact bound 16:35, rounded up)." in lines


def test_demo_explains_holidays_inside_windows() -> None:
    """Orders before Christmas list the closed days inside their windows, named."""
    text = _demo("2026-12-18T16:00")
    assert "closed: 24–25 Dec" in text
    assert "  Thu 24 Dec  cuti bersama Natal (collective leave for Christmas)" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_demo_names_lebaran_closures_once() -> None:
    """Ordered just before Lebaran 2026, the windows name Nyepi and Idulfitri, once each."""
    text = _demo("2026-03-16T15:00")
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


def _headlines(text: str) -> list[tuple[str, str]]:
    return re.findall(r"^\[(id|en)\] (\w+)", text, re.M)


def test_demo_writes_the_headline_messages_in_indonesian_then_english() -> None:
    """Four headline kinds, all Indonesian first, then all English, each under a rule."""
    text = _demo()
    kinds = ["delivery_estimate", "callback_promise", "delay_notice", "out_of_office"]
    assert _headlines(text) == [("id", k) for k in kinds] + [("en", k) for k in kinds]
    assert text.count("\n" + "-" * 78 + "\n") == 8
    assert max(len(line) for line in text.splitlines()) <= 80


def _sections(text: str) -> dict[tuple[str, str], str]:
    """The demo's messages by (locale, kind), each unwrapped onto one line."""
    parts = re.split(r"^\[(id|en)\] (\w+).*\n-{78}\n", text, flags=re.M)[1:]
    return {
        (parts[i], parts[i + 1]): " ".join(parts[i + 2].split()) for i in range(0, len(parts), 3)
    }


def test_demo_messages_say_what_the_demo_computed() -> None:
    """The messages carry the table's REG JKT→SBY dates, the callback and a later estimate."""
    text = _demo()
    row = next(line for line in text.splitlines() if line.startswith("REG JKT→SBY"))
    assert row.endswith("Fri 27 – Mon 30 Nov")
    assert "promised by Mon 23 Nov 2026 16:45 WIB" in text
    sections = _sections(text)
    for locale in ("id", "en"):
        assert "INV/2026/11/0042" in sections[locale, "delivery_estimate"]
        assert "27–30 November 2026" in sections[locale, "delivery_estimate"]
    # The old estimate, in parentheses after the apology.
    assert (
        "belum dapat tiba sesuai estimasi awal (27–30 November 2026)."
        in sections["id", "delay_notice"]
    )
    assert (
        "will arrive later than we first estimated (27–30 November 2026)."
        in sections["en", "delay_notice"]
    )
    assert "Senin, 23 November 2026, pukul 16.45 WIB" in sections["id", "callback_promise"]
    assert "by 16:45 WIB on Monday, 23 November 2026" in sections["en", "callback_promise"]
    assert "1–3 Desember 2026" in sections["id", "delay_notice"]  # promised again
    assert "1–3 December 2026" in sections["en", "delay_notice"]
    assert "Rp18.000" in sections["id", "delay_notice"]
    assert "23–27 November 2026" in sections["en", "out_of_office"]
    assert "Back Saturday, 28 November" in sections["en", "out_of_office"]  # desk works Sat


def test_demo_messages_follow_the_wording_rules() -> None:
    """Every message the demo shows passes lint, before wrapping for the terminal."""
    import datetime as dt

    import expectset as es
    from expectset.cli import _headline_messages
    from expectset.samples import courier_calendar, support_calendar

    now = dt.datetime(2026, 12, 18, 16, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    policy = es.PromisePolicy(on_time=0.95, confidence=0.90, lower_quantile=0.75)
    window = es.sample_history().window(("REG", "JKT", "SBY"), policy)
    promise = es.promise_delivery(now, window, calendar=courier_calendar(), handling=1)
    replies = es.sample_support_history().window(("whatsapp", "orders"), policy)
    callback = es.promise_callback(now, replies, calendar=support_calendar())
    messages = _headline_messages(now, promise, callback)
    assert len(messages) == 8
    for title, message in messages:
        assert es.lint(message) == [], title
    estimate = messages[0][1]
    assert estimate.kind == "delivery_estimate"
    assert "Natal" in estimate.text  # Christmas falls inside this window, and is named
    delay = messages[2][1]
    assert "belum dapat tiba sesuai estimasi awal (26–29 Desember 2026)." in delay.text


@pytest.mark.parametrize(
    "text",
    [
        "Halo,\n\nSatu dua tiga empat lima enam tujuh delapan sembilan sepuluh " * 4,
        "- " + "item yang sangat panjang sekali " * 6 + "\n- pendek\n\nSalam,\nTim",
        "https://example.id/" + "x" * 90 + "\n",
    ],
)
def test_wrapping_for_the_terminal_keeps_words_and_paragraphs(text: str) -> None:
    """Wrapping changes only where lines break: same words, same blank lines, list indents."""
    from expectset.cli import _wrap

    wrapped = _wrap(text)
    assert wrapped.split() == text.split()
    assert wrapped.count("\n\n") == text.strip("\n").count("\n\n")
    for line in wrapped.splitlines():
        assert len(line) <= 78 or " " not in line.strip()
    if text.startswith("- "):
        assert wrapped.splitlines()[1].startswith("  ")


def test_the_demo_is_quick() -> None:
    """The installed demo, with its imports, finishes well under two seconds."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    script = Path(sys.executable).with_name("expectset")
    started = time.perf_counter()
    done = subprocess.run(
        [str(script), "demo", "--now", _NOW], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert elapsed < 2.0, f"expectset demo took {elapsed:.2f} s"


def test_demo_writes_days_without_zero_padding() -> None:
    """Days below 10 are written as '6 Dec', as in every other line and message."""
    text = _demo("2026-12-06T06:10+07:00")
    assert "An order placed Sun 6 Dec 2026 06:10 WIB, 1 day handling" in text
    assert "promised by Mon 7 Dec 2026 14:45 WIB" in text
    assert not re.search(r"\b0[1-9] (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", text)
