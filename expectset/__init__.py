"""expectset: promises customers can count on, written politely in Indonesian and English.

Delivery windows and callback deadlines computed from a business's own history, exact
business-day and business-hour arithmetic for Indonesia (public holidays and cuti
bersama), and clear customer messages.

Importing ``expectset`` is cheap: each public name is loaded from its module the first
time it is used, so a checkout service that only needs a calendar never pays for the
template engine, and nothing loads holiday data until a calendar needs a year.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .backtesting import BacktestReport, LaneResult, backtest
    from .calendar import BusinessCalendar, Closure, RecurringClosure
    from .errors import (
        ExpectsetError,
        InsufficientHistoryError,
        InvalidCalendarError,
        InvalidContextError,
        InvalidHistoryError,
        InvalidPolicyError,
        NaiveDatetimeError,
        RenderError,
        StaleNoticeError,
        UnsupportedLocaleError,
    )
    from .history import RejectedRow, RejectReport, TransitHistory
    from .promises import CallbackPromise, DeliveryPromise, promise_callback, promise_delivery
    from .samples import sample_history, sample_support_history
    from .windows import PromisePolicy, Window

__all__ = [
    "BacktestReport",
    "BusinessCalendar",
    "CallbackPromise",
    "Closure",
    "DeliveryPromise",
    "ExpectsetError",
    "InsufficientHistoryError",
    "InvalidCalendarError",
    "InvalidContextError",
    "InvalidHistoryError",
    "InvalidPolicyError",
    "LaneResult",
    "NaiveDatetimeError",
    "PromisePolicy",
    "RecurringClosure",
    "RejectReport",
    "RejectedRow",
    "RenderError",
    "StaleNoticeError",
    "TransitHistory",
    "UnsupportedLocaleError",
    "Window",
    "__version__",
    "backtest",
    "promise_callback",
    "promise_delivery",
    "sample_history",
    "sample_support_history",
]

# Public name -> module that defines it. Kept in step with __all__ by a test.
_EXPORTS: dict[str, str] = {
    "BacktestReport": "backtesting",
    "LaneResult": "backtesting",
    "backtest": "backtesting",
    "BusinessCalendar": "calendar",
    "Closure": "calendar",
    "RecurringClosure": "calendar",
    "ExpectsetError": "errors",
    "InsufficientHistoryError": "errors",
    "InvalidCalendarError": "errors",
    "InvalidContextError": "errors",
    "InvalidHistoryError": "errors",
    "InvalidPolicyError": "errors",
    "NaiveDatetimeError": "errors",
    "RenderError": "errors",
    "StaleNoticeError": "errors",
    "UnsupportedLocaleError": "errors",
    "RejectReport": "history",
    "RejectedRow": "history",
    "TransitHistory": "history",
    "CallbackPromise": "promises",
    "DeliveryPromise": "promises",
    "promise_callback": "promises",
    "promise_delivery": "promises",
    "sample_history": "samples",
    "sample_support_history": "samples",
    "PromisePolicy": "windows",
    "Window": "windows",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("expectset")
        except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
            value = "0+unknown"
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    else:
        raise AttributeError(f"module 'expectset' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
