"""The package surface: exports, lazy imports, version and the exception hierarchy."""

from __future__ import annotations

import importlib
import pickle
import subprocess
import sys

import pytest

import expectset
from expectset import errors


def test_all_is_sorted_and_every_name_resolves() -> None:
    """__all__ is sorted, and every name in it is importable from the package."""
    assert expectset.__all__ == sorted(expectset.__all__)
    for name in expectset.__all__:
        assert getattr(expectset, name) is not None
    assert set(expectset._EXPORTS) | {"__version__"} == set(expectset.__all__)


def test_exported_names_are_not_shadowed_by_their_modules() -> None:
    """Each exported name is its object even after every module is imported (no name clash)."""
    for name, module_name in expectset._EXPORTS.items():
        module = importlib.import_module(f"expectset.{module_name}")
        assert getattr(expectset, name) is getattr(module, name), name


def test_unknown_attribute_is_an_attribute_error() -> None:
    """A misspelt name fails like any module attribute."""
    with pytest.raises(AttributeError, match="Calender"):
        _ = expectset.BusinessCalender


def test_version_comes_from_the_installed_metadata() -> None:
    """__version__ is the installed distribution's version."""
    from importlib.metadata import version

    assert expectset.__version__ == version("expectset")


def test_import_is_cheap() -> None:
    """Importing expectset loads neither holiday data nor the template engine."""
    code = (
        "import sys, expectset; "
        "print(','.join(m for m in ('holidays', 'jinja2', 'babel', 'dateutil') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    assert result.stdout.strip() == ""


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.InvalidCalendarError, ValueError),
        (errors.NaiveDatetimeError, ValueError),
        (errors.InvalidHistoryError, ValueError),
        (errors.InsufficientHistoryError, ValueError),
        (errors.InvalidPolicyError, ValueError),
        (errors.UnsupportedLocaleError, LookupError),
        (errors.InvalidContextError, ValueError),
        (errors.StaleNoticeError, ValueError),
        (errors.RenderError, errors.ExpectsetError),
    ],
)
def test_errors_subclass_the_matching_builtin(cls: type[Exception], builtin: type) -> None:
    """Each error is an ExpectsetError and the built-in a caller would catch."""
    assert issubclass(cls, errors.ExpectsetError)
    assert issubclass(cls, builtin)


def test_errors_keep_field_and_value_through_pickle() -> None:
    """Errors crossing a process boundary keep their field, value and problems."""
    error = errors.InvalidCalendarError("bad", field="workdays", value="Funday")
    clone = pickle.loads(pickle.dumps(error))
    assert (type(clone), str(clone), clone.field, clone.value) == (
        errors.InvalidCalendarError,
        "bad",
        "workdays",
        "Funday",
    )
    context = errors.InvalidContextError("2 problems", problems=("a", "b"))
    assert pickle.loads(pickle.dumps(context)).problems == ("a", "b")
