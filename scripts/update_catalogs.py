"""Refresh the gettext catalogs from the templates.

    python scripts/update_catalogs.py

Extracts every marked string from ``templates/`` into ``locales/expectset.pot``, then
updates each ``locales/<locale>/LC_MESSAGES/expectset.po``: new strings are added
untranslated (the catalog test then fails until someone translates them), strings no
template uses any more are dropped, and the Indonesian header keeps
``nplurals=1; plural=0;``. Review the diff, translate, commit.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel.messages.pofile import read_po, write_po  # noqa: E402

from expectset._catalog import extract_messages  # noqa: E402

# Fixed dates keep the headers stable, so the diff shows only real changes.
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
PLURAL_FORMS = {"id": "nplurals=1; plural=0;"}


def main() -> int:
    """Write the .pot and update every .po; return the exit status."""
    template = extract_messages([ROOT / "templates"])
    template.creation_date = STAMP
    template.revision_date = STAMP
    template.msgid_bugs_address = "https://github.com/expectset/expectset/issues"
    with (ROOT / "locales" / "expectset.pot").open("wb") as sink:
        write_po(sink, template, width=100, sort_by_file=True)
    for po_path in sorted((ROOT / "locales").glob("*/LC_MESSAGES/expectset.po")):
        locale = po_path.parts[-3]
        with po_path.open("rb") as source:
            catalog = read_po(source, locale=locale)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.obsolete.clear()
        catalog.revision_date = STAMP
        catalog.creation_date = STAMP
        with po_path.open("wb") as sink:
            write_po(sink, catalog, width=100, sort_by_file=True, ignore_obsolete=True)
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{po_path.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} untranslated")
        for msgid in missing:
            print(f"  untranslated: {msgid!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
