"""Find the bundled templates, catalogs and sample data, installed or in a checkout.

In a wheel, ``templates/`` and ``locales/`` are inside the package; in an editable
checkout they sit beside it at the top of the repository, where the customer wants them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["resource_dir"]

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """Return the folder ``name`` (``templates``, ``locales`` or ``data``).

    Examples
    --------
    >>> resource_dir("templates").name
    'templates'
    """
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"expectset's {name!r} folder is missing (looked in {_PACKAGE_DIR} and its parent); "
        "reinstall the package"
    )
