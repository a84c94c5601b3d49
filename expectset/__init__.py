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
    from .calendar import BusinessCalendar, Closure, RecurringClosure
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
    from .linting import Finding, lint
    from .messages import MESSAGE_KINDS
    from .messages.callback_promise import CallbackPromiseContext
    from .messages.common import Brand, Compensation, Contact, Recipient
    from .messages.delay_notice import DelayNoticeContext
    from .messages.delivery_estimate import DeliveryEstimateContext
    from .messages.exception_decline import ExceptionDeclineContext
    from .messages.follow_up import FollowUpContext
    from .messages.policy_explanation import PolicyExplanationContext
    from .messages.service_recovery import ServiceRecoveryContext
    from .messages.timeline import Step, TimelineContext
    from .outofoffice import OutOfOffice, should_auto_reply
    from .previewing import Preview, preview
    from .rendering import Message, Renderer, render

__all__ = [  # noqa: RUF022 - plain sorted(), as tests/test_package.py checks
    "Brand",
    "BusinessCalendar",
    "CallbackPromiseContext",
    "Closure",
    "Compensation",
    "Contact",
    "DelayNoticeContext",
    "DeliveryEstimateContext",
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
    "MESSAGE_KINDS",
    "Message",
    "NaiveDatetimeError",
    "OutOfOffice",
    "PolicyExplanationContext",
    "Preview",
    "Recipient",
    "RecurringClosure",
    "RenderError",
    "Renderer",
    "ServiceRecoveryContext",
    "StaleNoticeError",
    "Step",
    "TimelineContext",
    "UnsupportedLocaleError",
    "__version__",
    "context_from_json",
    "context_to_json",
    "example_context",
    "formatter",
    "lint",
    "preview",
    "render",
    "should_auto_reply",
]

# Public name -> module that defines it. Kept in step with __all__ by a test.
_EXPORTS: dict[str, str] = {
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
    "Brand": "messages.common",
    "CallbackPromiseContext": "messages.callback_promise",
    "Compensation": "messages.common",
    "Contact": "messages.common",
    "DelayNoticeContext": "messages.delay_notice",
    "DeliveryEstimateContext": "messages.delivery_estimate",
    "ExceptionDeclineContext": "messages.exception_decline",
    "Finding": "linting",
    "FollowUpContext": "messages.follow_up",
    "Formatter": "formatting",
    "MESSAGE_KINDS": "messages",
    "Message": "rendering",
    "OutOfOffice": "outofoffice",
    "PolicyExplanationContext": "messages.policy_explanation",
    "Preview": "previewing",
    "Recipient": "messages.common",
    "Renderer": "rendering",
    "ServiceRecoveryContext": "messages.service_recovery",
    "Step": "messages.timeline",
    "TimelineContext": "messages.timeline",
    "context_from_json": "contextjson",
    "context_to_json": "contextjson",
    "example_context": "examples",
    "formatter": "formatting",
    "lint": "linting",
    "preview": "previewing",
    "render": "rendering",
    "should_auto_reply": "outofoffice",
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
