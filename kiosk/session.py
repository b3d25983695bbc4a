"""The resident's visit as a state machine, in plain Python (no Qt, no I/O).

Screens send intents (``dispatch("agree")`` or ``dispatch(Intent.AGREE)``); device events and
results of background work are intents too (``card_read``, ``document_ready`` ...). The table
:data:`TRANSITIONS` says which intents each state accepts and where they lead; every other
(state, intent) pair is refused (False, nothing changes); a name that is no :class:`Intent` raises
:class:`UnknownIntent`. What an intent does to the visit is in kiosk/session_handlers.py. A
transition may ask for work — an :class:`Effect` — which the controller (kiosk/visit.py) runs off
the GUI thread and answers with another intent. Idle time and the busy states' deadlines are
inputs (:meth:`Session.tick`), not widget timers.
"""
from __future__ import annotations

import enum
import logging
from typing import Any, Callable

from kiosk import session_handlers
from kiosk.intents import Effect, EffectKind, Intent, UnknownIntent  # noqa: F401
from kiosk.session_model import (BAD_LEVELS, BAD_REASONS, RATING_LEVELS, BusyDeadlines, IdleClock,  # noqa: F401
                                 VisitRecord, normalise_serial, serial_problem)
from kiosk.session_model import Visit  # noqa: F401  (the old name, still importable from here)

log = logging.getLogger(__name__)


class SessionState(str, enum.Enum):
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
    GUIDE = "guide"                    # a service this terminal cannot complete: how to continue


#: Backward-compatible alias of :class:`SessionState` for code outside the project that imports
#: ``kiosk.session.S``; the project itself writes ``SessionState``.
S = SessionState

#: States in which a resident's identity or document may be on screen.
PERSONAL_STATES = frozenset(set(SessionState) - {SessionState.HOME, SessionState.ATTRACT, SessionState.TAKE_CARD,
                                                 SessionState.GUIDE})
#: States the idle timeout must not interrupt (a job is running on a device).
BUSY_STATES = frozenset({SessionState.PRINTING, SessionState.VERIFYING, SessionState.PREPARING})

# (state, intent) → next state. Every pair not listed is refused (dispatch returns False).
I, St = Intent, SessionState  # short names for the table only
TRANSITIONS: dict[SessionState, dict[Intent, SessionState]] = {
    St.HOME: {I.CHOOSE_SERVICE: St.IDENTIFY, I.CHOOSE_LICENCE: St.LICENCE_CODE,
              I.CHOOSE_PICKUP: St.PICKUP_CODE, I.CHOOSE_GUIDE: St.GUIDE, I.ATTRACT: St.ATTRACT},
    St.GUIDE: {I.BACK: St.HOME},
    St.ATTRACT: {I.WAKE: St.HOME},
    St.LICENCE_CODE: {I.LOOKUP: St.LICENCE_CODE, I.CODE_PROBLEM: St.LICENCE_CODE, I.LICENCE_FOUND: St.IDENTIFY,
                      I.LICENCE_NOT_FOUND: St.ERROR, I.LOOKUP_FAILED: St.ERROR, I.BACK: St.HOME},
    St.PICKUP_CODE: {I.LOOKUP: St.PICKUP_CODE, I.CODE_PROBLEM: St.PICKUP_CODE, I.PICKUP_FOUND: St.IDENTIFY,
                     I.PICKUP_NOT_FOUND: St.ERROR, I.LOOKUP_FAILED: St.ERROR, I.BACK: St.HOME},
    St.IDENTIFY: {I.CARD_READ: St.VERIFYING, I.IDENTITY_CODE: St.VERIFYING,
                  I.CARD_ERROR: St.IDENTIFY, I.BACK: St.HOME},
    St.VERIFYING: {I.VERIFIED: St.CONSENT, I.VERIFY_FAILED: St.ERROR, I.UNREACHABLE: St.OFFLINE_OFFER,
                   I.DEADLINE_PASSED: St.ERROR},
    St.CONSENT: {I.AGREE: St.PREPARING, I.DECLINE: St.HOME},
    St.PREPARING: {I.DOCUMENT_READY: St.PREVIEW, I.LICENCE_READY: St.LICENCE_OPTIONS,
                   I.DOCUMENT_FAILED: St.ERROR, I.UNREACHABLE: St.OFFLINE_OFFER, I.DEADLINE_PASSED: St.ERROR},
    St.PREVIEW: {I.SET_COPIES: St.PREVIEW, I.PRINT: St.PRINTING, I.BACK: St.HOME},
    St.LICENCE_OPTIONS: {I.SET_COUNTS: St.LICENCE_OPTIONS, I.PRINT: St.PRINTING, I.BACK: St.HOME},
    St.PRINTING: {I.PRINT_PROGRESS: St.PRINTING, I.PRINTED: St.RECEIPT, I.LICENCE_PRINTED: St.LICENCE_SERIALS,
                  I.PRINT_FAILED: St.ERROR, I.DEADLINE_PASSED: St.ERROR},
    St.LICENCE_SERIALS: {I.ADD_SERIAL: St.LICENCE_SERIALS, I.REMOVE_SERIAL: St.LICENCE_SERIALS,
                         I.RECORD_SERIALS: St.RECEIPT},
    St.RECEIPT: {I.RECEIPT_PRINTED: St.RECEIPT, I.NEXT: St.RATING},
    St.OFFLINE_OFFER: {I.QUEUE_JOB: St.OFFLINE_OFFER, I.QUEUED: St.QUEUED, I.QUEUE_FAILED: St.ERROR,
                       I.DECLINE: St.HOME},
    St.QUEUED: {I.RECEIPT_PRINTED: St.QUEUED, I.NEXT: St.RATING},
    St.RATING: {I.RATE: St.DONE, I.SKIP: St.DONE},
    St.DONE: {I.FINISH: St.HOME},
    St.TAKE_CARD: {},  # left by lifting the card (card_presence), the timeout (tick) or "home"
    St.ERROR: {I.NEXT: St.RATING, I.RETRY: St.IDENTIFY, I.RETRY_CODE: St.LICENCE_CODE,
               I.RETRY_PICKUP: St.PICKUP_CODE, I.OFFER_PICKUP: St.OFFLINE_OFFER, I.RECEIPT_PRINTED: St.ERROR},
}
del I, St

#: Intents accepted in every state except BUSY ones: leave and forget everything.
GLOBAL_HOME_INTENTS = (Intent.HOME, Intent.IDLE_TIMEOUT)
#: Seconds the thank-you screen stays before going home by itself (the next person may be waiting).
DONE_TIMEOUT_S = 8.0
#: Seconds the take-your-card screen waits for the card to be lifted before going home anyway.
TAKE_CARD_TIMEOUT_S = 30.0

#: Failures of work nobody waits for (the rating, abandoning or settling a job, recording
#: serials): accepted in every state, logged, and the screen does not change.
BACKGROUND_FAILURES = frozenset({Intent.RATING_FAILED, Intent.ABANDON_FAILED, Intent.SERIALS_FAILED,
                                 Intent.SETTLE_FAILED})

#: Intents that do not count as the person's activity (the idle clock keeps running).
_NOT_ACTIVITY = frozenset({Intent.PRINT_PROGRESS})

#: The error key a busy state's deadline leaves on the error screen.
DEADLINE_ERRORS = {SessionState.VERIFYING: "verify_timeout", SessionState.PREPARING: "prepare_timeout",
                   SessionState.PRINTING: "print_timeout"}


def accepts(state: SessionState, intent: Intent | str) -> bool:
    """Whether ``intent`` is handled in ``state`` (the rest is refused)."""
    intent = Intent.of(intent)
    if intent in GLOBAL_HOME_INTENTS:
        return state != SessionState.PRINTING and not (state in BUSY_STATES and intent == Intent.IDLE_TIMEOUT)
    return intent in BACKGROUND_FAILURES or intent in TRANSITIONS.get(state, {})


Listener = Callable[["Session", SessionState, SessionState, str], None]


def _what_came_out(visit: VisitRecord) -> str:
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
                 services: dict[str, dict] | None = None, take_card_timeout_s: float = TAKE_CARD_TIMEOUT_S,
                 deadlines: BusyDeadlines | None = None):
        import time

        self._clock = clock or time.monotonic
        self.idle = idle or IdleClock()
        self.idle.touch(self._clock())
        self.deadlines = deadlines or BusyDeadlines()
        self.busy_until: float | None = None  # when the current busy state's deadline passes
        self.state = SessionState.HOME
        self.visit = VisitRecord()
        self.services = services or {}
        self.catalogue = None     # kiosk.catalogue.Catalogue of ``services`` (set with them by the kiosk)
        self.search_index = None  # kiosk.catalogue_search.SearchIndex of ``services``
        self.countdown = False
        #: card readers (device class: id_card, ssse) with a card lying on them now; from the drivers
        self.cards_present: set[str] = set()
        #: what the take-your-card screen reminds of: {"card": "id_card"|"ssse", "took": "document"|...}
        self.take_card: dict[str, str] = {}
        self.take_card_timeout_s = take_card_timeout_s
        self._take_card_since = 0.0
        self._done_since = 0.0
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
        if self.state == SessionState.TAKE_CARD and not self.cards_present:
            log.info("card taken back after the visit")
            self._go_home("card_lifted")

    def tick(self) -> str:
        """Advance time; returns 'active', 'countdown', 'expired' (then wiped) or 'deadline' (a
        busy state ran past its deadline: the visit ended on the error screen)."""
        now = self._clock()
        if self.state == SessionState.DONE:
            if self.done_remaining() <= 0:
                self.dispatch("finish")
            return "active"
        if self.state == SessionState.TAKE_CARD:
            if now - self._take_card_since >= self.take_card_timeout_s:
                log.warning("a card was left on the reader (%s) after the visit; not taken within %.0f s, "
                            "going home", ",".join(sorted(self.cards_present)), self.take_card_timeout_s)
                self._go_home("take_card_timeout")
            return "active"
        if self.state in BUSY_STATES:
            self.idle.touch(now)
            if self.busy_until is not None and now >= self.busy_until:
                self.dispatch(Intent.DEADLINE_PASSED)
                return "deadline"
            return "active"
        if self.state in (SessionState.HOME, SessionState.ATTRACT):
            if self.state == SessionState.HOME and now - self.idle.last_touch >= self.idle.idle_timeout_s:
                self.dispatch(Intent.ATTRACT)
            return "active"
        verdict = self.idle.check(now)
        if verdict == "countdown" and not self.countdown:
            self.countdown = True
            self._notify(self.state, self.state, "countdown")
        elif verdict == "expired":
            self.dispatch(Intent.IDLE_TIMEOUT)
        return verdict

    def dispatch(self, intent: Intent | str, **payload: Any) -> bool:
        """Apply an intent; returns False (and changes nothing) if this state refuses it.

        Raises UnknownIntent for a name that is not an :class:`Intent` (a programming error).
        """
        intent = Intent.of(intent)
        old = self.state
        if intent in GLOBAL_HOME_INTENTS:
            if not accepts(old, intent):
                return False  # never walk away from a sheet being printed
            self._go_home(intent.value)
            return True
        if intent in BACKGROUND_FAILURES:
            log.error("background work failed (%s) for job %s", intent.value, payload.get("job_id"))
            return True
        target = TRANSITIONS.get(old, {}).get(intent)
        if target is None:
            log.debug("refused intent %s in state %s", intent.value, old.value)
            return False
        if intent == Intent.DEADLINE_PASSED:
            effects = self._deadline_passed(old)
        else:
            effects = session_handlers.HANDLERS[intent](self, **payload)
        if target == SessionState.HOME:
            self._go_home(intent.value)
            return True
        if target == SessionState.DONE and old != SessionState.DONE:
            self._done_since = self._clock()
        self.state = target
        if target in BUSY_STATES and target != old:
            self.busy_until = self._clock() + self.deadlines.seconds(target.value, self._sheets())
        elif target not in BUSY_STATES:
            self.busy_until = None
        if intent not in _NOT_ACTIVITY:
            self.idle.touch(self._clock())
            self.countdown = False
        self._notify(old, target, intent.value)
        for effect in effects or ():
            self._run(effect)
        return True

    # -- helpers --------------------------------------------------------------------------
    def _sheets(self) -> int:
        v = self.visit
        if v.flow == "licence":
            return max(1, v.originals + v.duplicates)
        return max(1, (v.pages or 1) * v.copies)

    def _deadline_passed(self, state: SessionState) -> list[Effect]:
        """Past a busy state's deadline: settle the job by the rules, wipe the person, say why."""
        v = self.visit
        log.warning("%s ran past its deadline; the visit ends", state.value)
        effects = [Effect(EffectKind.SETTLE_OVERDUE, {"job_id": v.job_id, "stage": state.value, "flow": v.flow})]
        self.visit = VisitRecord(service_id=v.service_id, flow=v.flow, error=DEADLINE_ERRORS[state],
                           outcome="failed" if state == SessionState.PRINTING else None)
        return effects

    def _go_home(self, reason: str) -> None:
        old = self.state
        if old == SessionState.LICENCE_SERIALS:  # the sheets are out: record what was entered, flag the rest
            self._run(session_handlers.record_effect(self, complete=False))
        elif old in PERSONAL_STATES and self.visit.job_id and self.visit.outcome is None:
            self._run(Effect(EffectKind.ABANDON, {"job_id": self.visit.job_id, "reason": reason}))
        ended = self.visit
        self.visit = VisitRecord()  # the wipe: nothing of the person survives
        self.busy_until = None
        self.countdown = False
        self.idle.touch(self._clock())
        if old in PERSONAL_STATES and self.cards_present:  # the visit is over but its card is not taken
            self.take_card = {"card": "ssse" if self.cards_present == {"ssse"} else "id_card",
                              "took": _what_came_out(ended)}
            self._take_card_since = self._clock()
            self.state = SessionState.TAKE_CARD
            self._notify(old, SessionState.TAKE_CARD, reason)
            return
        self.take_card = {}
        self.state = SessionState.HOME
        self._notify(old, SessionState.HOME, reason)

    def _notify(self, old: SessionState, new: SessionState, intent: str) -> None:
        for listener in list(self._listeners):
            listener(self, old, new, intent)

    def _run(self, effect: Effect) -> None:
        for runner in self._effects:
            runner(effect)

    def done_remaining(self) -> float:
        """Seconds before the thank-you screen goes home by itself."""
        return max(0.0, DONE_TIMEOUT_S - (self._clock() - self._done_since))

    def idle_remaining(self) -> float:
        """Seconds left in the "are you still there?" countdown."""
        return self.idle.remaining(self._clock())

    def licence_sheets(self) -> int:
        """Sheets the licence printer put out in this visit (one serial each)."""
        return self.visit.originals + self.visit.duplicates

    def service(self) -> dict:
        return self.services.get(self.visit.service_id or "", {})
