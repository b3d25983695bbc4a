"""The resident's visit as a state machine, in plain Python (no Qt, no I/O).

Screens send intents (``dispatch("agree")``); device events and results of background work
are intents too (``card_read``, ``document_ready`` ...). A transition may ask for work to be
done — an :class:`Effect` — which the controller (kiosk/visit.py) runs off the GUI thread and
answers with another intent. Idle time is an input (:meth:`Session.tick`), not a widget timer.
"""
from __future__ import annotations

import enum
import logging
from typing import Any, Callable

from kiosk.session_model import (BAD_LEVELS, BAD_REASONS, RATING_LEVELS, Effect, IdleClock, Visit,  # noqa: F401
                                 normalise_serial, serial_problem)

log = logging.getLogger(__name__)


class S(str, enum.Enum):
    """Session states; each names one screen."""

    HOME = "home"
    ATTRACT = "attract"
    LICENCE_CODE = "licence_code"      # scan the approval notice or type the credit code
    PICKUP_CODE = "pickup_code"        # type the pickup code
    IDENTIFY = "identify"              # tap the ID card / scan the e福州 code
    VERIFYING = "verifying"
    CONSENT = "consent"
    PREPARING = "preparing"            # document requested and fetched
    PREVIEW = "preview"
    LICENCE_OPTIONS = "licence_options"
    PRINTING = "printing"
    LICENCE_SERIALS = "licence_serials"  # record the serials of the licence sheets just printed
    RECEIPT = "receipt"                # take your document; receipt printing
    OFFLINE_OFFER = "offline_offer"    # platform unreachable: offer a pickup code
    QUEUED = "queued"                  # pickup code issued
    RATING = "rating"
    DONE = "done"
    ERROR = "error"
    TAKE_CARD = "take_card"            # the visit is over and its card still lies on the reader


#: States in which a resident's identity or document may be on screen.
PERSONAL_STATES = frozenset(set(S) - {S.HOME, S.ATTRACT, S.TAKE_CARD})
#: States the idle timeout must not interrupt (a job is running on a device).
BUSY_STATES = frozenset({S.PRINTING, S.VERIFYING, S.PREPARING})

# (state, intent) → next state. Intents not listed for a state are ignored (and logged).
TRANSITIONS: dict[S, dict[str, S]] = {
    S.HOME: {"choose_service": S.IDENTIFY, "choose_licence": S.LICENCE_CODE,
             "choose_pickup": S.PICKUP_CODE, "attract": S.ATTRACT},
    S.ATTRACT: {"wake": S.HOME},
    S.LICENCE_CODE: {"lookup": S.LICENCE_CODE, "code_problem": S.LICENCE_CODE, "licence_found": S.IDENTIFY,
                     "licence_not_found": S.ERROR, "back": S.HOME},
    S.PICKUP_CODE: {"lookup": S.PICKUP_CODE, "code_problem": S.PICKUP_CODE, "pickup_found": S.IDENTIFY,
                    "pickup_not_found": S.ERROR, "back": S.HOME},
    S.IDENTIFY: {"card_read": S.VERIFYING, "identity_code": S.VERIFYING,
                 "card_error": S.IDENTIFY, "back": S.HOME},
    S.VERIFYING: {"verified": S.CONSENT, "verify_failed": S.ERROR, "unreachable": S.OFFLINE_OFFER},
    S.CONSENT: {"agree": S.PREPARING, "decline": S.HOME},
    S.PREPARING: {"document_ready": S.PREVIEW, "licence_ready": S.LICENCE_OPTIONS,
                  "document_failed": S.ERROR, "unreachable": S.OFFLINE_OFFER},
    S.PREVIEW: {"set_copies": S.PREVIEW, "print": S.PRINTING, "back": S.HOME},
    S.LICENCE_OPTIONS: {"set_counts": S.LICENCE_OPTIONS, "print": S.PRINTING, "back": S.HOME},
    S.PRINTING: {"print_progress": S.PRINTING, "printed": S.RECEIPT, "licence_printed": S.LICENCE_SERIALS,
                 "print_failed": S.ERROR},
    S.LICENCE_SERIALS: {"add_serial": S.LICENCE_SERIALS, "remove_serial": S.LICENCE_SERIALS,
                        "record_serials": S.RECEIPT},
    S.RECEIPT: {"receipt_printed": S.RECEIPT, "next": S.RATING},
    S.OFFLINE_OFFER: {"queue_job": S.OFFLINE_OFFER, "queued": S.QUEUED, "queue_failed": S.ERROR,
                      "decline": S.HOME},
    S.QUEUED: {"receipt_printed": S.QUEUED, "next": S.RATING},
    S.RATING: {"rate": S.DONE, "skip": S.DONE},
    S.DONE: {"finish": S.HOME},
    S.TAKE_CARD: {},  # left by lifting the card (card_presence), the timeout (tick) or "home"
    S.ERROR: {"next": S.RATING, "retry": S.IDENTIFY, "retry_code": S.LICENCE_CODE,
              "retry_pickup": S.PICKUP_CODE, "offer_pickup": S.OFFLINE_OFFER, "receipt_printed": S.ERROR},
}

#: Intents accepted in every state except BUSY ones: leave and forget everything.
GLOBAL_HOME_INTENTS = ("home", "idle_timeout")
#: Seconds the take-your-card screen waits for the card to be lifted before going home anyway.
TAKE_CARD_TIMEOUT_S = 30.0



Listener = Callable[["Session", S, S, str], None]


def _what_came_out(visit: Visit) -> str:
    """What else the resident should pick up from the terminal: ``document`` (a certificate or
    licence and its receipt), ``receipt`` (a pickup-code receipt) or ``""``."""
    if visit.outcome == "printed":
        return "document"
    if visit.pickup_code and visit.receipt_ok:
        return "receipt"
    return ""


class Session:
    """The state machine. Not thread-safe: call it from one thread (the GUI thread)."""

    def __init__(self, *, idle: IdleClock | None = None, clock: Callable[[], float] | None = None,
                 services: dict[str, dict] | None = None, take_card_timeout_s: float = TAKE_CARD_TIMEOUT_S):
        import time

        self._clock = clock or time.monotonic
        self.idle = idle or IdleClock()
        self.idle.touch(self._clock())
        self.state = S.HOME
        self.visit = Visit()
        self.services = services or {}
        self.countdown = False
        #: card readers (device class: id_card, ssse) with a card lying on them now; from the drivers
        self.cards_present: set[str] = set()
        #: what the take-your-card screen reminds of: {"card": "id_card"|"ssse", "took": "document"|...}
        self.take_card: dict[str, str] = {}
        self.take_card_timeout_s = take_card_timeout_s
        self._take_card_since = 0.0
        self._listeners: list[Listener] = []
        self._effects: list[Callable[[Effect], None]] = []

    # -- wiring ---------------------------------------------------------------------------
    def on_change(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def on_effect(self, runner: Callable[[Effect], None]) -> None:
        self._effects.append(runner)

    # -- inputs ---------------------------------------------------------------------------
    def touch(self) -> None:
        """Any touch on the screen: the person is still there."""
        was = self.countdown
        now = self._clock()
        if self.countdown and self.state in PERSONAL_STATES:
            self.idle.extend(now)
        else:
            self.idle.touch(max(now, self.idle.last_touch))  # never shortens an extension
        self.countdown = False
        if was:
            self._notify(self.state, self.state, "still_here")

    def card_presence(self, reader: str, present: bool) -> None:
        """A card reader (``id_card``, ``ssse``) says a card lies on it now, or has been lifted.

        Lifting the card on the take-your-card screen ends it: the session goes home."""
        if present:
            self.cards_present.add(reader)
            return
        self.cards_present.discard(reader)
        if self.state == S.TAKE_CARD and not self.cards_present:
            log.info("card taken back after the visit")
            self._go_home("card_lifted")

    def tick(self) -> str:
        """Advance idle time; returns 'active', 'countdown' or 'expired' (then wiped)."""
        now = self._clock()
        if self.state == S.TAKE_CARD:
            if now - self._take_card_since >= self.take_card_timeout_s:
                log.warning("a card was left on the reader (%s) after the visit; not taken within %.0f s, "
                            "going home", ",".join(sorted(self.cards_present)), self.take_card_timeout_s)
                self._go_home("take_card_timeout")
            return "active"
        if self.state in BUSY_STATES:
            self.idle.touch(now)
            return "active"
        if self.state in (S.HOME, S.ATTRACT):
            if self.state == S.HOME and now - self.idle.last_touch >= self.idle.idle_timeout_s:
                self.dispatch("attract")
            return "active"
        verdict = self.idle.check(now)
        if verdict == "countdown" and not self.countdown:
            self.countdown = True
            self._notify(self.state, self.state, "countdown")
        elif verdict == "expired":
            self.dispatch("idle_timeout")
        return verdict

    def dispatch(self, intent: str, **payload: Any) -> bool:
        """Apply an intent; returns False (and changes nothing) if it is not valid now."""
        old = self.state
        if intent in GLOBAL_HOME_INTENTS:
            if old in BUSY_STATES and intent == "idle_timeout":
                return False
            if old == S.PRINTING:
                return False  # never walk away from a sheet being printed
            self._go_home(intent)
            return True
        target = TRANSITIONS.get(old, {}).get(intent)
        if target is None:
            log.info("ignored intent %s in state %s", intent, old.value)
            return False
        handler = getattr(self, f"_on_{intent}", None)
        effects = handler(**payload) if handler else None
        if target == S.HOME:
            self._go_home(intent)
            return True
        self.state = target
        if intent not in ("print_progress",):
            self.idle.touch(self._clock())
            self.countdown = False
        self._notify(old, target, intent)
        for effect in effects or ():
            self._run(effect)
        return True

    # -- helpers --------------------------------------------------------------------------
    def _go_home(self, reason: str) -> None:
        old = self.state
        if old == S.LICENCE_SERIALS:  # the sheets are out: record what was entered, flag the rest
            self._run(self._record_effect(complete=False))
        elif old in PERSONAL_STATES and self.visit.job_id and self.visit.outcome is None:
            self._run(Effect("abandon", {"job_id": self.visit.job_id, "reason": reason}))
        ended = self.visit
        self.visit = Visit()  # the wipe: nothing of the person survives
        self.countdown = False
        self.idle.touch(self._clock())
        if old in PERSONAL_STATES and self.cards_present:  # the visit is over but its card is not taken
            self.take_card = {"card": "ssse" if self.cards_present == {"ssse"} else "id_card",
                              "took": _what_came_out(ended)}
            self._take_card_since = self._clock()
            self.state = S.TAKE_CARD
            self._notify(old, S.TAKE_CARD, reason)
            return
        self.take_card = {}
        self.state = S.HOME
        self._notify(old, S.HOME, reason)

    def _notify(self, old: S, new: S, intent: str) -> None:
        for listener in list(self._listeners):
            listener(self, old, new, intent)

    def _run(self, effect: Effect) -> None:
        for runner in self._effects:
            runner(effect)

    def idle_remaining(self) -> float:
        """Seconds left in the "are you still there?" countdown."""
        return self.idle.remaining(self._clock())

    def licence_sheets(self) -> int:
        """Sheets the licence printer put out in this visit (one serial each)."""
        return self.visit.originals + self.visit.duplicates

    def service(self) -> dict:
        return self.services.get(self.visit.service_id or "", {})

    # -- transition handlers: update the visit, return effects ----------------------------
    def _on_choose_service(self, service_id: str):
        self.visit.service_id = service_id
        self.visit.flow = "certificate"

    def _on_choose_licence(self, service_id: str = "business_licence"):
        self.visit.service_id = service_id
        self.visit.flow = "licence"

    def _on_choose_pickup(self):
        self.visit.flow = "pickup"

    def _on_code_problem(self, code: str):
        self.visit.card_error = code

    def _on_lookup(self, code: str):
        self.visit.card_error = None
        code = code.strip().upper()
        if self.visit.flow == "licence":
            return [Effect("lookup_licence", {"credit_code": code})]
        return [Effect("lookup_pickup", {"code": code})]

    def _on_licence_found(self, job_id: str, licence: dict):
        self.visit.job_id = job_id
        self.visit.licence = dict(licence)
        self.visit.originals = int(licence.get("originals", 0))
        self.visit.duplicates = int(licence.get("duplicates", 0))

    def _on_licence_not_found(self, reason: str = "licence_not_found"):
        self.visit.error = reason

    def _on_pickup_found(self, job_id: str, service_id: str, pickup_code: str):
        self.visit.job_id = job_id
        self.visit.service_id = service_id
        self.visit.pickup_code = pickup_code

    def _on_pickup_not_found(self, reason: str = "pickup_not_found"):
        self.visit.error = reason

    def _on_card_read(self, card, method: str = "id_card"):
        self.visit.identity = card
        self.visit.identity_method = method
        self.visit.card_error = None
        return [Effect("verify_identity", {"method": method, "card": card, "flow": self.visit.flow,
                                           "job_id": self.visit.job_id})]

    def _on_identity_code(self, token: str):
        self.visit.identity_method = "efz_qr"
        self.visit.card_error = None
        return [Effect("verify_identity", {"method": "efz_qr", "token": token, "flow": self.visit.flow,
                                           "job_id": self.visit.job_id})]

    def _on_card_error(self, code: str):
        self.visit.card_error = code

    def _on_verified(self, subject: str, display_name: str = ""):
        self.visit.subject = subject
        self.visit.display_name = display_name

    def _on_verify_failed(self, reason: str, detail: str = ""):
        self.visit.error, self.visit.error_detail = reason, detail
        self.visit.identity = None

    def _on_unreachable(self, job_id: str | None = None):
        self.visit.error = "platform_unreachable"
        if job_id:
            self.visit.job_id = job_id

    def _on_agree(self):
        v = self.visit
        if v.flow == "licence":
            return [Effect("prepare_licence", {"job_id": v.job_id})]
        if v.flow == "pickup":
            return [Effect("prepare_pickup", {"job_id": v.job_id})]
        return [Effect("prepare_document", {"service_id": v.service_id, "subject": v.subject,
                                            "copies": v.copies, "visit_id": v.visit_id})]

    def _on_document_ready(self, job_id: str, pages: int):
        self.visit.job_id, self.visit.pages = job_id, pages

    def _on_licence_ready(self, job_id: str):
        self.visit.job_id = job_id

    def _on_document_failed(self, reason: str, detail: str = ""):
        self.visit.error, self.visit.error_detail = reason, detail

    def _on_set_copies(self, copies: int):
        self.visit.copies = max(1, min(3, int(copies)))

    def _on_set_counts(self, originals: int, duplicates: int):
        lic = self.visit.licence
        self.visit.originals = max(0, min(int(lic.get("originals", 0)), int(originals)))
        self.visit.duplicates = max(0, min(int(lic.get("duplicates", 0)), int(duplicates)))

    def _on_print(self):
        v = self.visit
        if v.flow == "licence":
            return [Effect("print_licence", {"job_id": v.job_id, "originals": v.originals,
                                             "duplicates": v.duplicates})]
        return [Effect("print_document", {"job_id": v.job_id, "copies": v.copies,
                                          "service_id": v.service_id})]

    def _on_print_progress(self, state: str):
        self.visit.print_state = state

    def _on_printed(self):
        self.visit.outcome = "printed"
        self.visit.receipt_kind = "printed"
        return [Effect("print_receipt", {"job_id": self.visit.job_id, "kind": "printed"})]

    def _on_print_failed(self, reason: str, detail: str = "", pickup_code: str | None = None):
        v = self.visit
        v.outcome = "failed"
        v.error, v.error_detail = reason, detail
        if pickup_code:  # the document stays on the terminal, to be collected with this code
            v.pickup_code, v.receipt_kind, v.receipt_ok = pickup_code, "kept", None
            return [Effect("print_receipt", {"job_id": v.job_id, "kind": "kept"})]
        return None

    def _on_licence_printed(self):
        self.visit.outcome = "printed"
        self.visit.serials = []

    def _on_add_serial(self, serial: str):
        serial = normalise_serial(serial)
        v = self.visit
        v.serial_problem = serial_problem(serial, v.serials)
        if v.serial_problem is None and len(v.serials) < self.licence_sheets():
            v.serials.append(serial)
        elif v.serial_problem is None:
            v.serial_problem = "too_many_serials"

    def _on_remove_serial(self, index: int = -1):
        if self.visit.serials:
            self.visit.serials.pop(index)
        self.visit.serial_problem = None

    def _on_record_serials(self):
        complete = len(self.visit.serials) == self.licence_sheets()
        return [self._record_effect(complete=complete),
                Effect("print_receipt", {"job_id": self.visit.job_id, "kind": "printed"})]

    def _record_effect(self, *, complete: bool) -> Effect:
        v = self.visit
        return Effect("record_serials", {"job_id": v.job_id, "serials": list(v.serials), "complete": complete,
                                         "originals": v.originals, "duplicates": v.duplicates})

    def _on_retry(self):
        self.visit.error, self.visit.card_error, self.visit.identity = None, None, None

    def _on_retry_code(self):
        v = self.visit
        v.error, v.job_id, v.licence = None, None, {}

    def _on_retry_pickup(self):
        v = self.visit
        v.error, v.job_id, v.pickup_code = None, None, None

    def _on_receipt_printed(self, ok: bool):
        self.visit.receipt_ok = ok

    def _on_queue_job(self):
        v = self.visit
        return [Effect("queue_job", {"job_id": v.job_id, "service_id": v.service_id, "subject": v.subject,
                                     "copies": v.copies, "visit_id": v.visit_id,
                                     "identity": v.identity})]

    def _on_queued(self, job_id: str, pickup_code: str):
        v = self.visit
        v.job_id, v.pickup_code, v.outcome = job_id, pickup_code, "queued"
        return [Effect("print_receipt", {"job_id": job_id, "kind": "queued"})]

    def _on_queue_failed(self, reason: str = "queue_failed", detail: str = ""):
        self.visit.error, self.visit.error_detail = reason, detail

    def _on_rate(self, level: str, reasons: tuple[str, ...] = ()):
        if level not in RATING_LEVELS:
            raise ValueError(f"unknown rating level {level!r}")
        reasons = tuple(r for r in reasons if r in BAD_REASONS) if level in BAD_LEVELS else ()
        self.visit.rating = level
        return [Effect("submit_rating", {"job_id": self.visit.job_id, "service_id": self.visit.service_id,
                                         "level": level, "reasons": list(reasons),
                                         "outcome": self.visit.outcome or "unknown"})]
