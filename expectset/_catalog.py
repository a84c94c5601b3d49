"""Extract the translatable strings of Jinja templates, the way the catalogs are built.

Used by ``scripts/update_catalogs.py`` (to refresh ``locales/``) and by the catalog
test (to check ``locales/`` against the templates). Users with their own template
folders can call :func:`extract_messages` on them to start their own catalog.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = ["EXTRACT_OPTIONS", "extract_messages"]

#: Options for ``jinja2.ext.babel_extract``: the same settings the renderer uses.
EXTRACT_OPTIONS: dict[str, str] = {
    "trimmed": "true",
    "newstyle_gettext": "true",
    "trim_blocks": "true",
    "lstrip_blocks": "true",
    "silent": "false",
}

_KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}


def extract_messages(template_dirs: Sequence[str | Path], *, domain: str = "expectset") -> Catalog:
    """Return a catalog (a ``.pot`` in memory) of every string marked in the templates.

    Every ``*.txt`` and ``*.html`` under each folder is read with Jinja's Babel
    extractor, trimmed and with newstyle gettext, as the renderer sees them.
    """
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    method_map = [("**.txt", "jinja2.ext:babel_extract"), ("**.html", "jinja2.ext:babel_extract")]
    options_map = {"**.txt": EXTRACT_OPTIONS, "**.html": EXTRACT_OPTIONS}
    catalog = Catalog(domain=domain, project="expectset", fuzzy=False)
    for folder in template_dirs:
        root = Path(folder)
        for filename, lineno, message, comments, context in extract_from_dir(
            str(root),
            method_map,
            options_map,
            keywords=_KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        ):
            catalog.add(
                message,
                None,
                [(Path(filename).as_posix(), lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog
