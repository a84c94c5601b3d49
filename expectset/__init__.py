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
    from .checking import check_message
    from .contextjson import context_from_json, context_to_json
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
    from .examples import example_context
    from .formatting import Formatter, formatter
    from .history import RejectedRow, RejectReport, TransitHistory
    from .linting import Finding, lint
    from .messages import MESSAGE_KINDS
    from .messages.callback_promise import CallbackPromiseContext
    from .messages.common import Brand, Compensation, Contact, Recipient
    from .messages.delay_notice import DelayNoticeContext
    from .messages.delivery_estimate import DeliveryEstimateContext
    from .messages.exception_decline import Alternative, ExceptionDeclineContext
    from .messages.follow_up import FollowUpContext
    from .messages.policy_explanation import PolicyExplanationContext
    from .messages.service_recovery import ServiceRecoveryContext
    from .messages.timeline import Step, TimelineContext
    from .outofoffice import OutOfOffice, should_auto_reply
    from .previewing import Preview, preview
    from .promises import CallbackPromise, DeliveryPromise, promise_callback, promise_delivery
    from .rendering import Message, Renderer, render
    from .samples import sample_history, sample_support_history
    from .windows import PromisePolicy, Window

__all__ = [  # noqa: RUF022 - plain sorted(), as tests/test_package.py checks
    "Alternative",
    "BacktestReport",
    "Brand",
    "BusinessCalendar",
    "CallbackPromise",
    "CallbackPromiseContext",
    "Closure",
    "Compensation",
    "Contact",
    "DelayNoticeContext",
    "DeliveryEstimateContext",
    "DeliveryPromise",
    "ExceptionDeclineContext",
    "ExpectsetError",
    "Finding",
    "FollowUpContext",
    "Formatter",
    "InsufficientHistoryError",
    "InvalidCalendarError",
    "InvalidContextError",
    "InvalidHistoryError",
    "InvalidPolicyError",
    "LaneResult",
    "MESSAGE_KINDS",
    "Message",
    "NaiveDatetimeError",
    "OutOfOffice",
    "PolicyExplanationContext",
    "Preview",
    "PromisePolicy",
    "Recipient",
    "RecurringClosure",
    "RejectReport",
    "RejectedRow",
    "RenderError",
    "Renderer",
    "ServiceRecoveryContext",
    "StaleNoticeError",
    "Step",
    "TimelineContext",
    "TransitHistory",
    "UnsupportedLocaleError",
    "Window",
    "__version__",
    "backtest",
    "check_message",
    "context_from_json",
    "context_to_json",
    "example_context",
    "formatter",
    "lint",
    "preview",
    "promise_callback",
    "promise_delivery",
    "render",
    "sample_history",
    "sample_support_history",
    "should_auto_reply",
]

# Public name -> module that defines it. Kept in step with __all__ by a test.
_EXPORTS: dict[str, str] = {
    "BacktestReport": "backtesting",
    "LaneResult": "backtesting",
    "backtest": "backtesting",
    "BusinessCalendar": "calendar",
    "Closure": "calendar",
    "RecurringClosure": "calendar",
    "check_message": "checking",
    "context_from_json": "contextjson",
    "context_to_json": "contextjson",
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
    "example_context": "examples",
    "Formatter": "formatting",
    "formatter": "formatting",
    "RejectReport": "history",
    "RejectedRow": "history",
    "TransitHistory": "history",
    "Finding": "linting",
    "lint": "linting",
    "MESSAGE_KINDS": "messages",
    "CallbackPromiseContext": "messages.callback_promise",
    "Brand": "messages.common",
    "Compensation": "messages.common",
    "Contact": "messages.common",
    "Recipient": "messages.common",
    "DelayNoticeContext": "messages.delay_notice",
    "DeliveryEstimateContext": "messages.delivery_estimate",
    "Alternative": "messages.exception_decline",
    "ExceptionDeclineContext": "messages.exception_decline",
    "FollowUpContext": "messages.follow_up",
    "PolicyExplanationContext": "messages.policy_explanation",
    "ServiceRecoveryContext": "messages.service_recovery",
    "Step": "messages.timeline",
    "TimelineContext": "messages.timeline",
    "OutOfOffice": "outofoffice",
    "should_auto_reply": "outofoffice",
    "Preview": "previewing",
    "preview": "previewing",
    "CallbackPromise": "promises",
    "DeliveryPromise": "promises",
    "promise_callback": "promises",
    "promise_delivery": "promises",
    "Message": "rendering",
    "Renderer": "rendering",
    "render": "rendering",
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
