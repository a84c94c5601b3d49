"""Message kinds: one module per kind, each with its typed context and its checks.

Every kind's context is a frozen dataclass; building it checks every field and
reports every problem at once (:class:`~expectset.errors.InvalidContextError`).
:data:`KINDS` is the one registry of kinds: the renderer, the command line, the
previews and the JSON contexts read it and know no kind by name. Each context class
declares what it needs (``channels``, ``email_headers``, its checks against the
moment of sending).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ._base import Channel, DateSpan, LocalText, MessageContext
from .callback_promise import CallbackChannel, CallbackPromiseContext
from .common import (
    Brand,
    Compensation,
    CompensationKind,
    Contact,
    Recipient,
    ReferenceType,
    Register,
    Title,
)
from .delay_notice import DELAY_CAUSES, LONG_DELAY, DelayCause, DelayNoticeContext
from .delivery_estimate import DELAY_FACTORS, DelayFactor, DeliveryEstimateContext
from .exception_decline import Alternative, ExceptionDeclineContext
from .follow_up import FollowUpContext
from .out_of_office import OutOfOffice
from .policy_explanation import PolicyExplanationContext
from .service_recovery import ServiceRecoveryContext
from .timeline import Step, TimelineContext

__all__ = [
    "DELAY_CAUSES",
    "DELAY_FACTORS",
    "KINDS",
    "LONG_DELAY",
    "MESSAGE_KINDS",
    "Alternative",
    "Brand",
    "CallbackChannel",
    "CallbackPromiseContext",
    "Channel",
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
    "OutOfOffice",
    "PolicyExplanationContext",
    "Recipient",
    "ReferenceType",
    "Register",
    "ServiceRecoveryContext",
    "Step",
    "TimelineContext",
    "Title",
]

#: Every message kind by name, in the order of DESIGN.md's table: the one registry.
KINDS: Mapping[str, type[MessageContext]] = MappingProxyType(
    {
        cls.kind: cls
        for cls in (
            DeliveryEstimateContext,
            CallbackPromiseContext,
            PolicyExplanationContext,
            ExceptionDeclineContext,
            TimelineContext,
            DelayNoticeContext,
            ServiceRecoveryContext,
            FollowUpContext,
            OutOfOffice,
        )
    }
)
#: The names of every message kind, in the order of :data:`KINDS`.
MESSAGE_KINDS: tuple[str, ...] = tuple(KINDS)
