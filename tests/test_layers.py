"""Imports flow one way (DESIGN.md): leaves, calendar, history, promises, messages, rendering, cli.

Module-level imports may only reach the same layer or a lower one, so that no layer
needs one above it to be imported first. Imports inside functions (``OutOfOffice.render``
reaching the renderer, ``Message._repr_html_`` the previews) and ``TYPE_CHECKING``
imports are allowed upward: they run after everything is loaded.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "expectset"

#: Each module's layer, lowest first; a package's modules take the package's layer.
LAYERS: dict[str, int] = {
    "expectset.errors": 0,
    "expectset._timeutil": 0,
    "expectset._resources": 0,
    "expectset._language": 0,
    "expectset._catalog": 0,
    "expectset._holidays": 0,
    "expectset.charts": 0,
    "expectset.calendar": 1,
    "expectset.windows": 1,
    "expectset.formatting": 1,
    "expectset._reading": 1,
    "expectset.history": 2,
    "expectset._csvscan": 2,
    "expectset.samples": 2,
    "expectset.promises": 3,
    "expectset.backtesting": 3,
    "expectset.spark": 3,
    "expectset.messages": 4,
    "expectset.contextjson": 5,
    "expectset.rendering": 5,
    "expectset.outofoffice": 5,
    "expectset.examples": 6,
    "expectset.previewing": 6,
    "expectset.linting": 6,
    "expectset.checking": 6,
    "expectset.cli": 7,
    "expectset._cli_history": 7,
    "expectset": 8,
}

#: Private names imported from public modules before the layout of DESIGN.md is reached
#: (the cli/ and history/ packages will give them private homes); nothing may be added.
KNOWN_PRIVATE_IMPORTS = {
    ("expectset._cli_history", "expectset.cli"),
    ("expectset._cli_history", "expectset.history"),
    ("expectset._cli_history", "expectset.contextjson"),
    ("expectset._csvscan", "expectset.history"),
    ("expectset.spark", "expectset.history"),
}


def _module_name(path: Path) -> str:
    parts = list(path.with_suffix("").relative_to(PACKAGE.parent).parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> int:
    name = module
    while name not in LAYERS:
        if "." not in name:
            raise KeyError(f"{module} has no layer in tests/test_layers.py: give it one")
        name = name.rsplit(".", 1)[0]
    return LAYERS[name]


def _imports(path: Path) -> list[tuple[str, list[str], bool]]:
    """(target module, names, at module level) for every ``from expectset... import``."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[tuple[str, list[str], bool]] = []

    def walk(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                walk(child, False)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.split(".")[0] == "expectset":
                    found.append((target, [alias.name for alias in child.names], top))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == "expectset":
                        found.append((alias.name, [], top))
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                walk(child, False)
            else:
                walk(child, top)

    walk(ast.parse(path.read_text("utf-8")), True)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_module_level_imports_go_down_the_layers(path: Path) -> None:
    """A module imports, at module level, only modules of its own layer or lower ones."""
    module = _module_name(path)
    mine = _layer(module)
    upward = [
        target
        for target, _, top in _imports(path)
        if top and _layer(target) > mine and not target.startswith(module + ".")
    ]
    assert not upward, f"{module} (layer {mine}) imports {upward} from above"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_no_private_name_from_a_public_module(path: Path) -> None:
    """Shared internals live in private modules; a public module's _names stay its own."""
    module = _module_name(path)
    offending = sorted(
        {
            target
            for target, names, _ in _imports(path)
            if not target.rsplit(".", 1)[-1].startswith("_")
            and any(n.startswith("_") and not n.startswith("__") for n in names)
            and (module, target) not in KNOWN_PRIVATE_IMPORTS
        }
    )
    assert not offending, f"{module} imports private names from {offending}"


def test_known_exceptions_still_exist() -> None:
    """Every allowed private import is still made: a fixed one leaves the list."""
    made = set()
    for path in MODULES:
        module = _module_name(path)
        for target, names, _ in _imports(path):
            if any(n.startswith("_") and not n.startswith("__") for n in names):
                made.add((module, target))
    assert made >= KNOWN_PRIVATE_IMPORTS, KNOWN_PRIVATE_IMPORTS - made
