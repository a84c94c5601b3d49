"""The message commands of the command line: render, ooo and lint, their help and errors.

(``demo`` is tested in test_cli.py.) Commands run in-process through ``main(argv, out)``;
the installed script is run once, in a subprocess, as a user would.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import json
import re
import shlex
import shutil
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

import expectset as es
from expectset.cli import main
from expectset.examples import EXAMPLE_NOW
from expectset.messages import MESSAGE_KINDS
from expectset.samples import sample_path

_BAD_TEMPLATE = """\
{% trans %}Hello,{% endtrans %}

Silahkan balas email ini sebelum jam 17:00.
"""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line; return the exit status, standard output and standard error."""
    out = io.StringIO()
    try:
        status = main(argv, out=out)
    except SystemExit as exc:  # argparse: --help, usage mistakes
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    return status, out.getvalue() + captured.out, captured.err


def _parse_eml(text: str) -> EmailMessage:
    message = email.message_from_bytes(text.encode("ascii"), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the files the documented examples use."""
    monkeypatch.chdir(tmp_path)
    order = es.context_to_json("delivery_estimate", **es.example_context("delivery_estimate"))
    (tmp_path / "order.json").write_text(json.dumps(order, ensure_ascii=False), "utf-8")
    (tmp_path / "my_templates" / "follow_up").mkdir(parents=True)
    (tmp_path / "my_templates" / "follow_up" / "text.txt").write_text(_BAD_TEMPLATE, "utf-8")
    shutil.copyfile(sample_path("shipments"), tmp_path / "shipments.csv")
    return tmp_path


# -------------------------------------------------------------------------- help
def _epilog_commands(command: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    status, text, _ = run([command, "--help"], capsys)
    assert status == 0
    joined = text.replace("\\\n", " ")
    return [m.group(1) for m in re.finditer(r"^\s+(expectset [^\n]+)$", joined, re.M)]


#: What quote and backtest print on stderr for the bundled sample's deliberately bad rows.
_SAMPLE_REJECTS = re.compile(
    r"expectset (quote|backtest): rejected [56] of 3,000 rows \(missing field 2, [^)]*\); "
    r"--rejects shows which and why\n"
)


@pytest.mark.parametrize("command", ["demo", "quote", "backtest", "render", "ooo", "lint"])
def test_help_shows_examples_that_run(
    command: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command's --help has an Example section, and every example in it works."""
    status, text, _ = run([command, "--help"], capsys)
    assert status == 0
    assert re.search(r"^Examples?:", text, re.M)
    examples = _epilog_commands(command, capsys)
    if command == "demo":  # one example, on the Example: line itself
        examples = re.findall(r"^Example: (expectset .+)$", text, re.M)
    assert examples
    for line in examples:
        words = shlex.split(line)
        target = None
        if ">" in words:
            words, target = words[: words.index(">")], words[words.index(">") + 1]
        status, out, err = run(words[1:], capsys)
        assert status in ((0, 1) if command == "lint" else (0,)), (line, err)
        assert err == "" or (command in ("quote", "backtest") and _SAMPLE_REJECTS.fullmatch(err))
        assert out
        if target is not None:
            (workdir / target).write_text(out, "utf-8")
    if command == "render":
        assert (workdir / "order.html").read_text("utf-8").startswith("<!DOCTYPE html>")


def test_top_level_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    """The top-level --help names every command."""
    status, text, _ = run(["--help"], capsys)
    assert status == 0
    for command in ("demo", "quote", "backtest", "render", "ooo", "lint"):
        assert re.search(rf"^\s+{command}\s", text, re.M)


# ------------------------------------------------------------------------ render
def test_render_list_names_every_kind(capsys: pytest.CaptureFixture[str]) -> None:
    """The render --list option prints the nine kinds, each with a one-line description."""
    status, text, _ = run(["render", "--list"], capsys)
    assert status == 0
    lines = text.splitlines()
    assert [line.split()[0] for line in lines] == list(MESSAGE_KINDS)
    assert lines[0] == "delivery_estimate   A delivery estimate for one order."
    assert "``" not in text


@pytest.mark.parametrize("kind", MESSAGE_KINDS)
def test_render_example_in_every_format(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--example gives the library's message as text, HTML and JSON."""
    extra: dict[str, Any] = {}
    message = es.render(kind, locale="en", **extra, **es.example_context(kind))
    base = ["render", kind, "--example", "--locale", "en"]
    assert run(base, capsys) == (0, f"{message.subject}\n\n{message.text}", "")
    assert run([*base, "--format", "html"], capsys) == (0, message.html, "")
    status, text, _ = run([*base, "--format", "json"], capsys)
    assert status == 0
    assert json.loads(text) == message.to_dict()


def test_render_from_a_json_file_or_standard_input(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A context file (or '-' for standard input) renders like the example it came from."""
    expected = run(["render", "delivery_estimate", "--example"], capsys)
    assert run(["render", "delivery_estimate", "--context", "order.json"], capsys) == expected
    monkeypatch.setattr(sys, "stdin", io.StringIO((workdir / "order.json").read_text("utf-8")))
    assert run(["render", "delivery_estimate", "--context", "-"], capsys) == expected
    assert expected[1].startswith("Pesanan INV/2026/03/0042: estimasi tiba 27–31 Maret 2026\n\n")


def test_render_eml_is_a_complete_ascii_email(capsys: pytest.CaptureFixture[str]) -> None:
    """--format eml prints an RFC 5322 message: encoded subject, both parts, the language."""
    argv = [
        "render",
        "delivery_estimate",
        "--example",
        "--format",
        "eml",
        "--from",
        "Toko Sari <halo@tokosari.id>",
        "--to",
        "sari@example.id",
        "--to",
        "Ibu Sari <sari@kantor.example.id>",
        "--reply-to",
        "cs@tokosari.id",
        "--date",
        "2026-03-17T10:30:00+07:00",
    ]
    status, text, err = run(argv, capsys)
    assert (status, err) == (0, "")
    assert text.isascii()
    assert "=?utf-8?" in text  # the en dash in the subject is an encoded word
    mail = _parse_eml(text)
    message = es.render("delivery_estimate", **es.example_context("delivery_estimate"))
    assert mail["Subject"] == message.subject
    assert mail["From"] == "Toko Sari <halo@tokosari.id>"
    assert [a.addr_spec for a in mail["To"].addresses] == [
        "sari@example.id",
        "sari@kantor.example.id",
    ]
    assert mail["Reply-To"] == "cs@tokosari.id"
    assert mail["Date"] == "Tue, 17 Mar 2026 10:30:00 +0700"
    assert mail["Content-Language"] == "id"
    assert "Message-ID" not in mail
    assert "Auto-Submitted" not in mail
    plain, html = mail.get_body(("plain",)), mail.get_body(("html",))
    assert plain is not None
    assert html is not None
    assert (plain.get_content(), html.get_content()) == (message.text, message.html)


def test_render_eml_message_id_and_auto_submitted(capsys: pytest.CaptureFixture[str]) -> None:
    """--message-id-domain adds a fresh id; an out-of-office email is marked auto-replied."""
    argv = ["render", "out_of_office", "--example", "--format", "eml"]
    argv += ["--from", "rina@tokosari.id", "--to", "sari@example.id"]
    status, first, _ = run([*argv, "--message-id-domain", "tokosari.id", "--date", "now"], capsys)
    assert status == 0
    mail = _parse_eml(first)
    assert mail["Auto-Submitted"] == "auto-replied"
    assert re.fullmatch(r"<[^@<>]+@tokosari\.id>", mail["Message-ID"])
    assert mail["Date"].datetime.tzinfo is not None
    second = _parse_eml(run([*argv, "--message-id-domain", "tokosari.id"], capsys)[1])
    assert second["Message-ID"] != mail["Message-ID"]


def test_render_register_and_out_of_office_options(capsys: pytest.CaptureFixture[str]) -> None:
    """--register friendly switches the catalog; out_of_office takes --channel and --now."""
    _, friendly, _ = run(["render", "delay_notice", "--example", "--register", "friendly"], capsys)
    assert "Terima kasih atas kesabaranmu." in friendly
    assert "Anda" not in friendly
    argv = ["render", "out_of_office", "--example", "--channel", "status"]
    assert run(argv, capsys) == (
        0,
        "Kembali Rabu, 25 Maret 2026; balasan paling lambat Jumat, 27 Maret. "
        "Mendesak: Budi, 0812-3456-7890\n",
        "",
    )
    _, friendly_email, _ = run(
        ["render", "out_of_office", "--example", "--register", "friendly"], capsys
    )
    assert "\nHalo, Kak,\n\nTerima kasih atas emailmu.\n" in friendly_email
    status, _, err = run([*argv, "--now", "2026-03-21T09:00:00+07:00"], capsys)
    assert status == 2
    assert "ended on 2026-03-20" in err


def test_render_with_your_own_templates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--templates renders with a user folder first, ours as the fallback."""
    (tmp_path / "follow_up").mkdir()
    (tmp_path / "follow_up" / "subject.txt").write_text(
        '[Toko Sari] {% include "expectset/follow_up/subject.txt" %}', "utf-8"
    )
    argv = ["render", "follow_up", "--example", "--locale", "en", "--templates", str(tmp_path)]
    status, text, _ = run(argv, capsys)
    assert status == 0
    assert text.startswith("[Toko Sari] Has the problem in case CS-2026-1187 been resolved?\n\n")


# --------------------------------------------------------------------------- ooo
_OOO = [
    "ooo",
    "--name",
    "Rina",
    "--first-day",
    "2026-03-16",
    "--last-day",
    "2026-03-20",
    "--urgent-name",
    "Budi",
    "--urgent-email",
    "budi@tokosari.id",
]


def test_ooo_matches_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    """The command renders what OutOfOffice.render gives, on every channel."""
    notice = es.OutOfOffice(
        name="Rina",
        first_day=dt.date(2026, 3, 16),
        last_day=dt.date(2026, 3, 20),
        calendar=es.BusinessCalendar(timezone="Asia/Jakarta", workdays="Mon-Fri", country="ID"),
        urgent_contact=es.Contact(
            "Budi", email="budi@tokosari.id", phone="0812-3456-7890", whatsapp=None
        ),
        brand=es.Brand("Toko Sari"),
    )
    argv = [*_OOO, "--urgent-phone", "0812-3456-7890", "--brand", "Toko Sari"]
    argv += ["--now", "2026-03-16T09:00:00+07:00"]
    for channel in ("email", "status", "voicemail"):
        for locale in ("id", "en"):
            message = notice.render(locale=locale, channel=channel, now=EXAMPLE_NOW)
            status, text, err = run([*argv, "--channel", channel, "--locale", locale], capsys)
            assert (status, err) == (0, "")
            expected = f"{message.subject}\n\n{message.text}" if message.subject else message.text
            assert text == expected
    assert "Wednesday, 25 March 2026" in text


def test_ooo_calendar_options_change_the_return_day(capsys: pytest.CaptureFixture[str]) -> None:
    """Without Indonesian holidays Rina is back on Monday; a closure pushes it a day."""
    argv = [*_OOO, "--now", "2026-03-16T09:00+07:00", "--channel", "status", "--locale", "en"]
    assert "Back Wednesday, 25 March" in run(argv, capsys)[1]
    plain = [*argv, "--calendar-country", "none"]
    assert "Back Monday, 23 March" in run(plain, capsys)[1]
    assert "Back Tuesday, 24 March" in run([*plain, "--closure", "2026-03-23"], capsys)[1]
    six_days = [*plain, "--workdays", "Mon-Sat"]
    assert "Back Saturday, 21 March" in run(six_days, capsys)[1]


def test_ooo_now_is_read_in_the_calendar_zone(capsys: pytest.CaptureFixture[str]) -> None:
    """--now without an offset is in --timezone; 23.30 UTC is already the next day in WIT."""
    argv = [*_OOO, "--timezone", "Asia/Jayapura", "--channel", "status"]
    assert run([*argv, "--now", "2026-03-20T23:30"], capsys)[0] == 0
    status, _, err = run([*argv, "--now", "2026-03-20T23:30+00:00"], capsys)
    assert status == 2
    assert "it is now 2026-03-21" in err


def test_ooo_without_now_uses_the_current_time(capsys: pytest.CaptureFixture[str]) -> None:
    """The default moment is the clock: a notice around today renders, an old one refuses."""
    today = dt.datetime.now(es.BusinessCalendar().zone).date()
    argv = [*_OOO[:3], "--urgent-name", "Budi", "--urgent-email", "b@tokosari.id"]
    around = [
        *argv,
        "--first-day",
        (today - dt.timedelta(days=1)).isoformat(),
        "--last-day",
        (today + dt.timedelta(days=1)).isoformat(),
    ]
    assert run(around, capsys)[0] == 0
    past = [*argv, "--first-day", "2026-01-05", "--last-day", "2026-01-09"]
    status, _, err = run(past, capsys)
    assert status == 2
    assert f"it is now {today.isoformat()}" in err


# -------------------------------------------------------------------------- lint
def test_lint_reports_each_finding_with_template_locale_and_rule(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad template gives one line per finding and exit status 1."""
    status, text, err = run(["lint", "my_templates", "--locale", "id", "--locale", "en"], capsys)
    assert (status, err) == (1, "")
    source = str(Path("my_templates") / "follow_up" / "text.txt")
    assert text.splitlines() == [
        f"{source}:id:9: spelling: 'Silahkan' at text:2:1: write 'silakan', 'terima kasih'",
        f"{source}:id:3: jam-clock: 'jam 17:00' at text:2:34: write 'pukul 09.00 WIB'",
        f"{source}:id:3: colon-clock: '17:00' at text:2:38: "
        "Indonesian clock times use a period: 17.00",
        f"{source}:id:4: clock-without-zone: '17:00' at text:2:38: "
        "every clock time carries its zone (WIB, WITA, WIT)",
        f"{source}:en:4: clock-without-zone: '17:00' at text:2:38: "
        "every clock time carries its zone (WIB, WITA, WIT)",
        f"{source}:en:language: indonesian-word: 'balas email ini sebelum' at text:2:10: "
        "Indonesian words in an English message "
        "(a term glossed in parentheses or in italics is fine)",
        "6 findings in 2 of 2 messages",
    ]


def test_lint_passes_a_good_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A template that only adds a prefix is clean: exit status 0 and a summary."""
    (tmp_path / "follow_up").mkdir()
    (tmp_path / "follow_up" / "subject.txt").write_text(
        '[Toko Sari] {% include "expectset/follow_up/subject.txt" %}', "utf-8"
    )
    assert run(["lint", str(tmp_path)], capsys) == (
        0,
        "2 messages checked (follow_up in id, en): no findings\n",
        "",
    )


def test_lint_checks_every_kind_when_no_kind_is_overridden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder that overrides only the shared layout gets every kind and channel checked."""
    layout = Path(es.__file__).resolve().parent.parent / "templates" / "_layout.html"
    (tmp_path / "_layout.html").write_text(
        layout.read_text("utf-8").replace("<body", "<!-- Toko Sari -->\n<body", 1), "utf-8"
    )
    status, text, _ = run(["lint", str(tmp_path), "--locale", "id"], capsys)
    assert status == 0
    assert text.startswith(f"11 messages checked ({', '.join(MESSAGE_KINDS)} in id)")
    assert (
        "<!-- Toko Sari -->"
        in es.Renderer([tmp_path])
        .render("follow_up", locale="id", **es.example_context("follow_up"))
        .html
    )


def test_lint_needs_translations_for_your_strings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new string without an Indonesian translation is an error; a catalog fixes it."""
    (tmp_path / "templates" / "follow_up").mkdir(parents=True)
    (tmp_path / "templates" / "follow_up" / "preheader.txt").write_text(
        "{% trans %}One question about your case.{% endtrans %}", "utf-8"
    )
    status, _, err = run(["lint", str(tmp_path / "templates")], capsys)
    assert status == 2
    assert "no id translation for 'One question about your case.'" in err
    catalog = tmp_path / "locales" / "id" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    (catalog / "expectset.po").write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "One question about your case."\nmsgstr "Satu pertanyaan tentang kasus Anda."\n',
        "utf-8",
    )
    argv = ["lint", str(tmp_path / "templates"), "--locale-dir", str(tmp_path / "locales")]
    assert run(argv, capsys)[0] == 0


# ------------------------------------------------------------------------ errors
def _syntax_error_folder(tmp_path: Path) -> str:
    (tmp_path / "timeline").mkdir()
    (tmp_path / "timeline" / "subject.txt").write_text(
        "Case {{ reference }}\n{% if reference %}\n", "utf-8"
    )
    return str(tmp_path)


def _sandbox_folder(tmp_path: Path) -> str:
    (tmp_path / "follow_up").mkdir()
    (tmp_path / "follow_up" / "subject.txt").write_text(
        "{{ reference.__class__.__mro__ }}", "utf-8"
    )
    return str(tmp_path)


_ERRORS: list[tuple[Any, str]] = [
    (["render", "follow_up", "--context", "missing.json"], "missing.json: no such file"),
    (["render", "follow_up", "--context", "."], ".: is a folder, not a JSON file"),
    (["render", "follow_up", "--context", "bad.json"], "bad.json: not valid JSON: Expecting"),
    (
        ["render", "delivery_estimate", "--context", "wrong.json"],
        "wrong.json: delivery_estimate JSON: 2 problems: promise.earliest: '2026-13-01' is "
        "not a date (YYYY-MM-DD); promise.calendar: timezone='Asia/Bandung' is not a known",
    ),
    (["render", "invoice", "--example"], "unknown message kind 'invoice'; known: delivery_"),
    (["render", "follow_up", "--example", "--locale", "fr"], "locale='fr' is not supported"),
    (["render"], "give a message KIND ('expectset render --list' shows them)"),
    (["render", "follow_up"], "give either --context FILE.json or --example"),
    (
        ["render", "follow_up", "--example", "--context", "order.json"],
        "argument --context: not allowed with argument --example",
    ),
    (["render", "--list", "follow_up"], "--list takes no KIND, --context or --example"),
    (["render", "follow_up", "--example", "--format", "eml"], "--format eml needs --from"),
    (["render", "follow_up", "--example", "--to", "a@b.id"], "--to only apply to --format eml"),
    (["render", "follow_up", "--example", "--format", "pdf"], "argument --format: invalid"),
    (
        ["render", "follow_up", "--example", "--channel", "status"],
        "channel: follow_up is rendered only 'email', got 'status'",
    ),
    (
        ["render", "out_of_office", "--example", "--channel", "status", "--format", "html"],
        "a status message has no HTML; use --format text",
    ),
    (
        ["render", "delay_notice", "--example", "--now", "2026-12-01T09:00+07:00"],
        "next_update: 2026-11-26 is before the moment of sending (2026-12-01)",
    ),
    (
        ["render", "out_of_office", "--example", "--now", "2026-03-13T09:00+07:00"],
        "now: 2026-03-13 is before first_day 2026-03-16",
    ),
    (
        ["render", "out_of_office", "--example", "--now", "next tuesday"],
        "--now='next tuesday' is not ISO 8601 text",
    ),
    (
        [*_OOO, "--now", "2026-03-23T09:00+07:00"],
        "this out-of-office notice ended on 2026-03-20 and it is now 2026-03-23",
    ),
    (
        [*_OOO[:4], "2026-02-30", *_OOO[5:]],
        "argument --first-day: '2026-02-30' is not a date (YYYY-MM-DD)",
    ),
    ([*_OOO[:4], "16/03/2026", *_OOO[5:]], "'16/03/2026' is not a date (YYYY-MM-DD)"),
    ([*_OOO[:6], "2026-03-13", *_OOO[7:]], "last_day: 2026-03-13 is before first_day"),
    (_OOO[:9], "give --urgent-email, --urgent-phone or --urgent-whatsapp for Budi"),
    ([*_OOO, "--channel", "voicemail"], "--channel voicemail needs --urgent-phone or"),
    ([*_OOO, "--timezone", "Asia/Bandung"], "timezone='Asia/Bandung' is not a known IANA"),
    ([*_OOO, "--workdays", "Funday"], "workdays='Funday': 'Funday' is not a day of the week"),
    ([*_OOO, "--reply-within-days", "0"], "'0' is not a whole number of at least 1"),
    (_OOO[:7], "the following arguments are required: --urgent-name"),
    (["lint", "no_such_folder"], "no_such_folder: not a folder of templates"),
    (["lint", "my_templates", "--kind", "invoice"], "unknown message kind 'invoice'"),
    (["lint", "my_templates", "--locale", "fr"], "locale='fr' is not supported"),
    (
        ["lint", _syntax_error_folder],
        "timeline: template syntax error in {tmp}/timeline/subject.txt, line 2: Unexpected "
        "end of template",
    ),
    (["lint", _sandbox_folder], "follow_up: template error: access to attribute '__class__'"),
    (["frobnicate"], "argument COMMAND: invalid choice: 'frobnicate'"),
]


@pytest.mark.parametrize(("argv", "message"), _ERRORS, ids=[m[:40] for _, m in _ERRORS])
def test_user_mistakes_are_one_line_on_stderr(
    argv: list[Any],
    message: str,
    workdir: Path,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A mistake ends in exit status 2 and one line naming it, never a traceback."""
    (workdir / "bad.json").write_text('{"recipient": ', "utf-8")
    wrong = json.loads((workdir / "order.json").read_text("utf-8"))
    wrong["promise"]["earliest"] = "2026-13-01"
    wrong["promise"]["calendar"]["timezone"] = "Asia/Bandung"
    (workdir / "wrong.json").write_text(json.dumps(wrong), "utf-8")
    folder = tmp_path_factory.mktemp("templates")
    argv = [arg(folder) if callable(arg) else arg for arg in argv]
    status, out, err = run(argv, capsys)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("expectset")
    assert ": error: " in err
    assert message.format(tmp=folder) in err
    assert "Traceback" not in err


def test_installed_command_renders_and_fails_cleanly(tmp_path: Path) -> None:
    """The real `expectset` script renders an example and refuses a bad kind in one line."""
    script = Path(sys.executable).with_name("expectset")
    done = subprocess.run(
        [str(script), "render", "follow_up", "--example", "--locale", "en"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Has the problem in case CS-2026-1187 been resolved?\n\n")
    failed = subprocess.run(
        [str(script), "render", "invoice", "--example"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert failed.returncode == 2
    assert failed.stderr.count("\n") == 1
    assert "Traceback" not in failed.stderr


# ------------------------------------------------------------ documented examples
ROOT = Path(__file__).resolve().parent.parent
_CONSOLE_PAGES = [
    page
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    if "```console\n" in page.read_text("utf-8")
]


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.S | re.M)


def _sessions(block: str) -> list[tuple[str, str]]:
    """Split a console block into (command, output shown) pairs."""
    sessions: list[tuple[str, str]] = []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ "):
            sessions.append((line[2:].strip(), ""))
        else:
            command, shown = sessions[-1]
            sessions[-1] = (command, shown + line)
    return sessions


def _prepare(page_text: str, folder: Path) -> None:
    """Create the files a page describes rather than makes with a command."""
    if "--history shipments.csv" in page_text:  # "a copy of the bundled sample"
        shutil.copyfile(sample_path("shipments"), folder / "shipments.csv")
    templates = _blocks(page_text, "jinja")
    if templates:
        (folder / "my_templates" / "follow_up").mkdir(parents=True)
        (folder / "my_templates" / "follow_up" / "text.txt").write_text(templates[0], "utf-8")


def _make_broken(folder: Path) -> None:
    data = json.loads((folder / "order.json").read_text("utf-8"))
    data["recipient"]["title"] = "Dr"
    data["promise"]["earliest"] = "2026-13-01"
    (folder / "broken.json").write_text(json.dumps(data), "utf-8")


@pytest.mark.parametrize("page", _CONSOLE_PAGES, ids=[p.name for p in _CONSOLE_PAGES])
def test_documented_commands_print_what_the_page_shows(
    page: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each `$ expectset ...` in the docs runs, in order, and prints the output shown."""
    import doctest

    text = page.read_text("utf-8")
    monkeypatch.chdir(tmp_path)
    _prepare(text, tmp_path)
    checker = doctest.OutputChecker()
    ran = 0
    for block in _blocks(text, "console"):
        for command, shown in _sessions(block):
            words = shlex.split(command)
            assert words[0] == "expectset", command
            target = source = None
            if ">" in words:
                target = words[words.index(">") + 1]
                del words[words.index(">") : words.index(">") + 2]
            if "<" in words:
                source = words[words.index("<") + 1]
                del words[words.index("<") : words.index("<") + 2]
                monkeypatch.setattr(sys, "stdin", io.StringIO(Path(source).read_text("utf-8")))
            if "broken.json" in words:
                _make_broken(tmp_path)
            status, out, err = run(words[1:], capsys)
            if target is not None:
                assert err == ""
                Path(target).write_text(out, "utf-8")
                out = ""
            expected = (
                2
                if ": error: " in shown
                else 1
                if re.search(r"^\d+ findings? in ", shown, re.M)
                else 0
            )
            assert status == expected, (command, err)
            assert checker.check_output(shown, out + err, doctest.ELLIPSIS), (
                f"{command}\n--- shown ---\n{shown}--- printed ---\n{out + err}"
            )
            ran += 1
    assert ran >= 1
    if page.name == "cli.md":
        (shown_json,) = _blocks(text, "json")
        assert (tmp_path / "order.json").read_text("utf-8") == shown_json
        assert (tmp_path / "order.html").read_text("utf-8").startswith("<!DOCTYPE html>")


def test_the_cli_page_lists_every_field_of_every_kind() -> None:
    """The table of fields in docs/cli.md matches the context classes, optional ones starred."""
    import dataclasses

    from expectset.contextjson import context_class

    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| (`.*`\\?\*?) \|$", text, re.M))
    assert list(rows) == list(MESSAGE_KINDS)
    for kind, cell in rows.items():
        documented = [name.strip().replace("\\*", "*").strip("`") for name in cell.split(",")]
        fields = dataclasses.fields(context_class(kind))
        actual = [
            f.name
            + (
                "*"
                if f.default is not dataclasses.MISSING
                or f.default_factory is not dataclasses.MISSING
                else ""
            )
            for f in fields
        ]
        assert [d.replace("`", "") for d in documented] == actual, kind


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`expectset render --list | head -1`: no traceback when the reader has gone."""
    import os

    script = Path(sys.executable).with_name("expectset")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    try:
        done = subprocess.run(
            [str(script), "render", "--list"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            check=False,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert done.stderr == b""
    assert done.returncode == 141


def test_format_context_prints_the_json_form(capsys: pytest.CaptureFixture[str]) -> None:
    """--format context prints what context_to_json gives, for render and for ooo."""
    status, text, _ = run(["render", "timeline", "--example", "--format", "context"], capsys)
    assert status == 0
    assert json.loads(text) == es.context_to_json("timeline", **es.example_context("timeline"))
    status, text, _ = run([*_OOO, "--format", "context", "--calendar-country", "none"], capsys)
    assert status == 0
    data = json.loads(text)
    assert data["first_day"] == "2026-03-16"
    assert data["calendar"]["country"] is None
    assert data["urgent_contact"] == {"name": "Budi", "email": "budi@tokosari.id"}
    argv = ["render", "timeline", "--example", "--format", "context", "--to", "a@b.id"]
    status, _, err = run(argv, capsys)
    assert status == 2
    assert "the email options only apply to --format eml" in err


@pytest.mark.parametrize("kind", MESSAGE_KINDS)
def test_context_written_by_the_command_renders_like_the_example(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format context, read back with --context, gives the example's message in every format."""
    status, written, _ = run(["render", kind, "--example", "--format", "context"], capsys)
    assert status == 0
    path = tmp_path / f"{kind}.json"
    path.write_text(written, "utf-8")
    now = ["--now", EXAMPLE_NOW.isoformat()] if kind == "out_of_office" else []
    for fmt in ("text", "html", "json"):
        for locale in ("id", "en_US"):
            common = ["--format", fmt, "--locale", locale, *now]
            example = run(["render", kind, "--example", *common], capsys)
            assert run(["render", kind, "--context", str(path), *common], capsys) == example
            assert example[0] == 0


def test_ooo_closure_takes_a_named_range_like_quote(capsys: pytest.CaptureFixture[str]) -> None:
    """--closure FIRST:LAST=NAME works for ooo as for quote; the notice names the gap."""
    argv = [*_OOO, "--now", "2026-03-16T09:00+07:00", "--calendar-country", "none"]
    status, text, _ = run([*argv, "--closure", "2026-03-23:2026-03-24=libur kantor"], capsys)
    assert status == 0
    assert (
        "Kantor kami tutup dari Senin, 23 Maret 2026 sampai Selasa, 24 Maret 2026 karena "
        "libur kantor." in text
    )
    assert "kembali bekerja pada Rabu, 25 Maret 2026" in text
    status, _, err = run([*argv, "--closure", "2026-03-24:2026-03-23"], capsys)
    assert status == 2
    assert "'2026-03-24:2026-03-23' ends before it starts" in err
