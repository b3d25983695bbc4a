"""The messages of the visit, as types: what may happen (:class:`Intent`) and what work a
transition asks for (:class:`EffectKind`, :class:`Effect`). Plain Python, no I/O.

Intents are ``str`` enum members, so ``Intent.HOME == "home"`` and screens may keep sending
the plain names; a name that is not an Intent is a programming error (:class:`UnknownIntent`).
Every effect names the intent that answers its failure, accepted by the state that raised it
(docs/print-path.md).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping


class UnknownIntent(ValueError):
    """An intent name no table knows: a bug in the caller, never a resident's doing."""


class Intent(str, enum.Enum):
    # from home and the code keypads
    CHOOSE_SERVICE = "choose_service"
    CHOOSE_LICENCE = "choose_licence"
    CHOOSE_PICKUP = "choose_pickup"
    CHOOSE_GUIDE = "choose_guide"      # a service the terminal cannot complete: its guide screen
    ATTRACT = "attract"
    WAKE = "wake"
    LOOKUP = "lookup"
    CODE_PROBLEM = "code_problem"
    LICENCE_FOUND = "licence_found"
    LICENCE_NOT_FOUND = "licence_not_found"
    PICKUP_FOUND = "pickup_found"
    PICKUP_NOT_FOUND = "pickup_not_found"
    LOOKUP_FAILED = "lookup_failed"
    # identity
    CARD_READ = "card_read"
    IDENTITY_CODE = "identity_code"
    CARD_ERROR = "card_error"
    VERIFIED = "verified"
    VERIFY_FAILED = "verify_failed"
    UNREACHABLE = "unreachable"
    # consent, document, preview
    AGREE = "agree"
    DECLINE = "decline"
    DOCUMENT_READY = "document_ready"
    LICENCE_READY = "licence_ready"
    DOCUMENT_FAILED = "document_failed"
    SET_COPIES = "set_copies"
    SET_COUNTS = "set_counts"
    # printing
    PRINT = "print"
    PRINT_PROGRESS = "print_progress"
    PRINTED = "printed"
    LICENCE_PRINTED = "licence_printed"
    PRINT_FAILED = "print_failed"
    ADD_SERIAL = "add_serial"
    REMOVE_SERIAL = "remove_serial"
    RECORD_SERIALS = "record_serials"
    RECEIPT_PRINTED = "receipt_printed"
    # offline
    OFFER_PICKUP = "offer_pickup"
    QUEUE_JOB = "queue_job"
    QUEUED = "queued"
    QUEUE_FAILED = "queue_failed"
    # rating and the end
    NEXT = "next"
    RATE = "rate"
    SKIP = "skip"
    FINISH = "finish"
    BACK = "back"
    RETRY = "retry"
    RETRY_CODE = "retry_code"
    RETRY_PICKUP = "retry_pickup"
    # a busy state ran past its deadline (Session.tick)
    DEADLINE_PASSED = "deadline_passed"
    # failures of background work nobody waits for (logged; the screen does not change)
    RATING_FAILED = "rating_failed"
    ABANDON_FAILED = "abandon_failed"
    SERIALS_FAILED = "serials_failed"
    SETTLE_FAILED = "settle_failed"
    # leave and forget everything (every state but the busy ones)
    HOME = "home"
    IDLE_TIMEOUT = "idle_timeout"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def of(cls, name: "Intent | str") -> "Intent":
        """The Intent called ``name``; UnknownIntent if there is none."""
        try:
            return cls(name)
        except ValueError:
            raise UnknownIntent(f"unknown intent {name!r}") from None


class EffectKind(str, enum.Enum):
    VERIFY_IDENTITY = "verify_identity"
    LOOKUP_LICENCE = "lookup_licence"
    LOOKUP_PICKUP = "lookup_pickup"
    PREPARE_DOCUMENT = "prepare_document"
    PREPARE_LICENCE = "prepare_licence"
    PREPARE_PICKUP = "prepare_pickup"
    PRINT_DOCUMENT = "print_document"
    PRINT_LICENCE = "print_licence"
    RECORD_SERIALS = "record_serials"
    PRINT_RECEIPT = "print_receipt"
    QUEUE_JOB = "queue_job"
    SUBMIT_RATING = "submit_rating"
    ABANDON = "abandon"
    SETTLE_OVERDUE = "settle_overdue"   # a busy state's deadline passed: settle its job by the rules

    def __str__(self) -> str:
        return self.value

    @property
    def failure(self) -> tuple[Intent, dict]:
        """The intent (and its payload) that answers an unexpected exception of this effect."""
        intent, payload = EFFECT_FAILURES[self]
        return intent, dict(payload)


_INTERNAL = {"reason": "internal"}

#: effect → the intent that answers its failure; accepted by the state that raised the effect
EFFECT_FAILURES: Mapping[EffectKind, tuple[Intent, Mapping[str, Any]]] = MappingProxyType({
    EffectKind.VERIFY_IDENTITY: (Intent.VERIFY_FAILED, _INTERNAL),
    EffectKind.LOOKUP_LICENCE: (Intent.LOOKUP_FAILED, _INTERNAL),
    EffectKind.LOOKUP_PICKUP: (Intent.LOOKUP_FAILED, _INTERNAL),
    EffectKind.PREPARE_DOCUMENT: (Intent.DOCUMENT_FAILED, _INTERNAL),
    EffectKind.PREPARE_LICENCE: (Intent.DOCUMENT_FAILED, _INTERNAL),
    EffectKind.PREPARE_PICKUP: (Intent.DOCUMENT_FAILED, _INTERNAL),
    EffectKind.PRINT_DOCUMENT: (Intent.PRINT_FAILED, {"reason": "print_unconfirmed"}),
    EffectKind.PRINT_LICENCE: (Intent.PRINT_FAILED, {"reason": "print_unconfirmed"}),
    EffectKind.RECORD_SERIALS: (Intent.SERIALS_FAILED, {}),
    EffectKind.PRINT_RECEIPT: (Intent.RECEIPT_PRINTED, {"ok": False}),
    EffectKind.QUEUE_JOB: (Intent.QUEUE_FAILED, {"reason": "queue_failed"}),
    EffectKind.SUBMIT_RATING: (Intent.RATING_FAILED, {}),
    EffectKind.ABANDON: (Intent.ABANDON_FAILED, {}),
    EffectKind.SETTLE_OVERDUE: (Intent.SETTLE_FAILED, {}),
})


@dataclass(frozen=True)
class Effect:
    """Work the controller must do off the GUI thread, then answer with an intent.

    ``args`` holds everything the work needs, built on the GUI thread when the effect is raised:
    a worker never reads the session. ``name`` is coerced to an :class:`EffectKind`.
    """

    name: EffectKind
    args: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "name", EffectKind(self.name))
        except ValueError:
            raise ValueError(f"unknown effect {self.name!r}") from None
        object.__setattr__(self, "args", MappingProxyType(dict(self.args)))

    @property
    def kind(self) -> EffectKind:
        return self.name
