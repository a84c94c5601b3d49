"""Golden messages: every kind, locale and channel renders exactly as reviewed."""

from __future__ import annotations

import pytest
from golden_cases import GOLDEN, Case, cases, serialise

from expectset import lint

CASES = list(cases())


def test_every_kind_locale_and_channel_has_a_golden_file() -> None:
    """The golden set covers all nine kinds in id, en and en_US, and nothing else."""
    expected = {case.path for case in CASES}
    assert set(GOLDEN.rglob("*.txt")) == expected
    assert len({case.kind for case in CASES}) == 9


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rendered_message_matches_its_golden_file(case: Case) -> None:
    """Rendering the example gives the reviewed bytes (regenerate: tests/regen_golden.py)."""
    assert serialise(case.render()) == case.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_golden_message_passes_every_wording_check(case: Case) -> None:
    """No golden message breaks a WORDING.md rule that lint checks."""
    assert [str(finding) for finding in lint(case.render())] == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rendering_twice_gives_identical_bytes(case: Case) -> None:
    """The same input always gives the same message, email bytes included."""
    first, second = case.render(), case.render()
    assert first == second
    if first.channel == "email":
        mails = [
            m.to_email(
                sender="Toko Sari <halo@tokosari.id>",
                to="sari@example.id",
                message_id="<golden@tokosari.id>",
            ).as_bytes()
            for m in (first, second)
        ]
        assert mails[0] == mails[1]
