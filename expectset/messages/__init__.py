"""Message kinds: one module per kind, each with its typed context and its checks.

Every kind's context is a frozen dataclass; building it checks every field and
reports every problem at once (:class:`~expectset.errors.InvalidContextError`).
The out-of-office notice lives in :mod:`expectset.outofoffice`.
"""

from __future__ import annotations

from ._base import DateSpan, LocalText, MessageContext
from .callback_promise import CallbackChannel, CallbackPromiseContext
from .common import Brand, Compensation, CompensationKind, Contact, Recipient, Register, Title
from .delay_notice import DELAY_CAUSES, DelayCause, DelayNoticeContext
from .delivery_estimate import DELAY_FACTORS, DelayFactor, DeliveryEstimateContext
from .exception_decline import ExceptionDeclineContext
from .follow_up import FollowUpContext
from .policy_explanation import PolicyExplanationContext
from .service_recovery import ServiceRecoveryContext
from .timeline import Step, TimelineContext

__all__ = [
    "DELAY_CAUSES",
    "DELAY_FACTORS",
    "MESSAGE_KINDS",
    "Brand",
    "CallbackChannel",
    "CallbackPromiseContext",
    "Compensation",
    "CompensationKind",
    "Contact",
    "DateSpan",
    "DelayCause",
    "DelayFactor",
    "DelayNoticeContext",
    "DeliveryEstimateContext",
    "ExceptionDeclineContext",
    "FollowUpContext",
    "LocalText",
    "MessageContext",
    "PolicyExplanationContext",
    "Recipient",
    "Register",
    "ServiceRecoveryContext",
    "Step",
    "TimelineContext",
    "Title",
]

#: Every message kind, in the order of DESIGN.md's table.
MESSAGE_KINDS: tuple[str, ...] = (
    "delivery_estimate",
    "callback_promise",
    "policy_explanation",
    "exception_decline",
    "timeline",
    "delay_notice",
    "service_recovery",
    "follow_up",
    "out_of_office",
)
