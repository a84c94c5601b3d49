"""Exceptions raised by expectset.

Every error derives from :class:`ExpectsetError` and from the built-in exception a
caller would naturally catch (``ValueError`` for bad values, ``LookupError`` for
unknown names), and carries the offending ``field`` and ``value`` as attributes so
that a pipeline can log them without parsing the message.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ExpectsetError",
    "InsufficientHistoryError",
    "InvalidCalendarError",
    "InvalidContextError",
    "InvalidHistoryError",
    "InvalidPolicyError",
    "NaiveDatetimeError",
    "RenderError",
    "StaleNoticeError",
    "UnsupportedLocaleError",
]


class ExpectsetError(Exception):
    """Base class of every error raised by expectset.

    ``field`` names the argument, column or context key at fault and ``value`` holds
    what was given (``None`` when the problem is a missing value).
    """

    def __init__(self, message: str, *, field: str | None = None, value: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.value = value

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Keep keyword-only attributes across pickling (multiprocessing, Spark).
        return (_rebuild, (type(self), self.message, self.field, self.value))


def _rebuild(
    cls: type[ExpectsetError], message: str, field: str | None, value: Any
) -> ExpectsetError:
    return cls(message, field=field, value=value)


class InvalidCalendarError(ExpectsetError, ValueError):
    """A business calendar was given an unusable setting (work days, hours, zone, country)."""


class NaiveDatetimeError(ExpectsetError, ValueError):
    """A datetime without a time zone was given where no time zone was named."""


class InvalidHistoryError(ExpectsetError, ValueError):
    """History rows or their field names cannot be used (raised in strict mode or for setup)."""


class InsufficientHistoryError(ExpectsetError, ValueError):
    """Not enough history, even after lane fallback, to compute a window."""


class InvalidPolicyError(ExpectsetError, ValueError):
    """A promise policy setting is out of range."""


class UnsupportedLocaleError(ExpectsetError, LookupError):
    """A locale is not one that expectset has templates and translations for."""


class RenderError(ExpectsetError):
    """A message could not be rendered: missing template, context value or translation."""


class InvalidContextError(RenderError, ValueError):
    """A message context failed validation; ``problems`` lists every problem found."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: Any = None,
        problems: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message, field=field, value=value)
        self.problems = problems

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_context, (self.message, self.field, self.value, self.problems))


def _rebuild_context(
    message: str, field: str | None, value: Any, problems: tuple[str, ...]
) -> InvalidContextError:
    return InvalidContextError(message, field=field, value=value, problems=problems)


class StaleNoticeError(ExpectsetError, ValueError):
    """An out-of-office notice was asked for after its last day: it must not be sent."""
