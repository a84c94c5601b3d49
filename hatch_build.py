"""Build hook: compile the committed gettext catalogs (.po) into .mo files for the wheel.

The repository commits only ``.po`` files (reviewable text); the wheel carries the
compiled ``.mo`` next to them so that installed code never parses a catalog at run time.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogsHook(BuildHookInterface):  # type: ignore[type-arg,unused-ignore]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        out = Path(tempfile.mkdtemp(prefix="expectset-mo-"))
        for po_path in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
            relative = po_path.relative_to(root / "locales").with_suffix(".mo")
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with po_path.open("rb") as source:
                catalog = read_po(source, locale=po_path.parts[-3])
            with target.open("wb") as sink:
                write_mo(sink, catalog, use_fuzzy=False)
            build_data["force_include"][str(target)] = f"expectset/locales/{relative.as_posix()}"
