"""The gettext catalogs against the templates, in the manner of the holidays project.

Every template string is translated in both Indonesian registers, placeholders match,
nothing obsolete lingers, and the plural header is Indonesian's single form. A missing
catalog fails these tests; it never skips them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from expectset._catalog import extract_messages

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ["id", "id@friendly"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _po(locale: str) -> Catalog:
    path = ROOT / "locales" / locale / "LC_MESSAGES" / "expectset.po"
    assert path.is_file(), f"missing catalog {path}"
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


@pytest.fixture(scope="module")
def template_ids() -> dict[tuple[str | None, str], str]:
    """Every msgid marked in templates/, by (context, msgid)."""
    extracted = extract_messages([ROOT / "templates"])
    ids = {(m.context, str(m.id)): str(m.id) for m in extracted if m.id}
    assert len(ids) > 100
    return ids


@pytest.mark.parametrize("locale", CATALOGS)
def test_every_template_string_is_translated(
    locale: str, template_ids: dict[tuple[str | None, str], str]
) -> None:
    """100% of the template strings have a non-empty, non-fuzzy translation."""
    catalog = _po(locale)
    translated = {(m.context, str(m.id)) for m in catalog if m.id and m.string and not m.fuzzy}
    missing = sorted(msgid for key, msgid in template_ids.items() if key not in translated)
    assert missing == []


@pytest.mark.parametrize("locale", CATALOGS)
def test_no_obsolete_entries(locale: str, template_ids: dict[tuple[str | None, str], str]) -> None:
    """The catalog has no string that no template uses any more."""
    catalog = _po(locale)
    present = {(m.context, str(m.id)) for m in catalog if m.id}
    assert sorted(str(k[1]) for k in present - set(template_ids)) == []
    assert not catalog.obsolete


@pytest.mark.parametrize("locale", CATALOGS)
def test_placeholders_match(locale: str) -> None:
    """Each translation uses exactly the placeholders of its source string."""
    wrong = []
    for message in _po(locale):
        if not message.id:
            continue
        source = set(PLACEHOLDER.findall(str(message.id)))
        target = set(PLACEHOLDER.findall(str(message.string)))
        if source != target:
            wrong.append((message.id, sorted(source), sorted(target)))
    assert wrong == []


@pytest.mark.parametrize("locale", CATALOGS)
def test_plural_header_is_indonesian(locale: str) -> None:
    """Indonesian has one plural form: nplurals=1; plural=0 (pybabel init says 2)."""
    text = (ROOT / "locales" / locale / "LC_MESSAGES" / "expectset.po").read_text("utf-8")
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in text
    assert _po(locale).num_plurals == 1


def test_each_register_keeps_to_its_own_forms_of_address() -> None:
    """Formal strings never say kamu/-mu/Kak; friendly strings never say Anda or Bapak/Ibu."""
    friendly_forms = re.compile(r"\bkamu\b|\bKak\b|\w+mu\b")
    formal_forms = re.compile(r"\bAnda\b|Bapak/Ibu")
    formal = [m.string for m in _po("id") if m.id and friendly_forms.search(str(m.string))]
    friendly = [m.string for m in _po("id@friendly") if m.id and formal_forms.search(str(m.string))]
    assert (formal, friendly) == ([], [])
    addressed = [m for m in _po("id") if m.id and formal_forms.search(str(m.string))]
    changed = {str(m.id): str(m.string) for m in _po("id@friendly") if m.id}
    assert addressed, "the formal catalog addresses the reader somewhere"
    assert all(changed[str(m.id)] != m.string for m in addressed)


def test_the_pot_template_is_up_to_date() -> None:
    """locales/expectset.pot lists exactly the template strings (scripts/update_catalogs.py)."""
    with (ROOT / "locales" / "expectset.pot").open("rb") as handle:
        pot = read_po(handle)
    extracted = extract_messages([ROOT / "templates"])
    assert sorted(str(m.id) for m in pot if m.id) == sorted(str(m.id) for m in extracted if m.id)
