"""The session state machine without Qt: every transition, the idle timeout, the wipe."""
import pytest

from drivers.identity import IdentityCard
from kiosk.intents import EFFECT_FAILURES, EffectKind, Intent, UnknownIntent
from kiosk.session import (BACKGROUND_FAILURES, BUSY_STATES, GLOBAL_HOME_INTENTS, RATING_LEVELS, TRANSITIONS,
                           BusyDeadlines, IdleClock, Session, SessionState, accepts)
from kiosk.session_handlers import HANDLERS

CARD = IdentityCard(name="张伟明", id_number="35010219850312123X")

# A payload that each intent accepts.
PAYLOADS = {
    "choose_guide": {"service_id": "passport_apply"},
    "choose_service": {"service_id": "social_insurance_payment"},
    "choose_licence": {"service_id": "business_licence"},
    "lookup": {"code": "91350100MA2Y8K3L2H"},
    "licence_found": {"job_id": "J1", "licence": {"originals": 1, "duplicates": 2, "credit_code": "X"}},
    "licence_not_found": {},
    "pickup_found": {"job_id": "J1", "service_id": "no_housing", "pickup_code": "12345678"},
    "pickup_not_found": {},
    "card_read": {"card": CARD},
    "identity_code": {"token": "EFZ-DEMO-ZHANG"},
    "card_error": {"code": "removed_early"},
    "verified": {"subject": "S1", "display_name": "张*明"},
    "verify_failed": {"reason": "identity_rejected"},
    "document_ready": {"job_id": "J1", "pages": 1},
    "licence_ready": {"job_id": "J1"},
    "document_failed": {"reason": "checksum"},
    "set_copies": {"copies": 2},
    "set_counts": {"originals": 1, "duplicates": 1},
    "print_progress": {"state": "processing"},
    "print_failed": {"reason": "paper_out"},
    "receipt_printed": {"ok": True},
    "queued": {"job_id": "J1", "pickup_code": "12345678"},
    "queue_failed": {},
    "rate": {"level": "satisfied"},
    "code_problem": {"code": "unknown_code"},
    "add_serial": {"serial": "3501000123"},
    "licence_printed": {},
    "lookup_failed": {"reason": "internal"},
}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def session_in(state: SessionState, clock=None) -> tuple[Session, list]:
    s = Session(clock=clock or Clock())
    effects = []
    s.on_effect(effects.append)
    s.state = state
    return s, effects


@pytest.mark.parametrize("state,intent,target", [
    (state, intent, target) for state, table in TRANSITIONS.items() for intent, target in table.items()
])
def test_every_transition(state, intent, target):
    """Given a session in STATE, when INTENT arrives, then it moves to TARGET."""
    s, _ = session_in(state)
    assert s.dispatch(intent, **PAYLOADS.get(intent, {})) is True
    assert s.state == target


@pytest.mark.parametrize("state", list(SessionState))
def test_an_unknown_intent_is_a_programming_error(state):
    """Given any state, when a name that is no Intent is dispatched, then it raises (a bug)."""
    s, effects = session_in(state)
    with pytest.raises(UnknownIntent):
        s.dispatch("no_such_intent")
    assert s.state == state and effects == []


@pytest.mark.parametrize("state,intent", [(st, i) for st in SessionState for i in Intent])
def test_every_state_intent_pair_is_handled_or_refused(state, intent):
    """Every (state, intent) pair is either in the table (handled) or refused: nothing changes."""
    s, effects = session_in(state)
    s.visit.job_id = None
    handled = s.dispatch(intent, **PAYLOADS.get(intent.value, {}))
    assert handled == accepts(state, intent)
    if not handled:
        assert s.state == state and effects == []


def test_every_accepted_intent_has_a_handler():
    accepted = {i for table in TRANSITIONS.values() for i in table} - {Intent.DEADLINE_PASSED}
    assert accepted <= set(HANDLERS)
    assert set(HANDLERS) <= accepted  # no handler for an intent no state accepts


def _raised_effects():
    """(state the effect was raised in, effect) for every transition of the table."""
    seen = []
    for state, table in TRANSITIONS.items():
        for intent in table:
            for flow in ("certificate", "licence", "pickup"):
                s, effects = session_in(state)
                s.visit.flow, s.visit.job_id, s.visit.identity = flow, "J1", CARD
                s.visit.licence = {"originals": 1, "duplicates": 1}
                s.dispatch(intent, **PAYLOADS.get(intent.value, {}))
                seen += [(s.state, e) for e in effects]
    for state in SessionState:  # leaving: the wipe may abandon a job or record the serials entered so far
        s, effects = session_in(state)
        s.visit.job_id = "J1"
        if s.dispatch("home"):
            seen += [(SessionState.HOME, e) for e in effects]
    return seen


def test_every_effect_has_a_failure_intent_accepted_where_it_was_raised():
    """Given every effect the table can raise, its failure intent is accepted by the state it
    was raised in, so an exception in the work can never leave the screen frozen."""
    raised = _raised_effects()
    assert {e.name for _, e in raised} | {EffectKind.SETTLE_OVERDUE} == set(EffectKind)
    assert set(EFFECT_FAILURES) == set(EffectKind)
    for state, effect in raised:
        intent, payload = effect.name.failure
        assert accepts(state, intent), (state, effect.name)
        s, _ = session_in(state)
        if intent in BACKGROUND_FAILURES:
            payload["job_id"] = "J1"
        assert s.dispatch(intent, **payload)
        assert s.state not in BUSY_STATES


def test_effects_are_typed():
    s, effects = session_in(SessionState.CONSENT)
    s.dispatch(Intent.AGREE)
    assert effects[-1].name is EffectKind.PREPARE_DOCUMENT and effects[-1].name == "prepare_document"
    with pytest.raises(ValueError):
        type(effects[-1])("no_such_effect")


def test_the_certificate_path_asks_for_the_right_work():
    s, effects = session_in(SessionState.HOME)
    s.dispatch("choose_service", service_id="social_insurance_payment")
    s.dispatch("card_read", card=CARD)
    assert effects[-1].name == "verify_identity" and effects[-1].args["card"] is CARD
    s.dispatch("verified", subject="S1")
    s.dispatch("agree")
    assert effects[-1].name == "prepare_document"
    assert effects[-1].args["subject"] == "S1"
    s.dispatch("document_ready", job_id="J1", pages=2)
    s.dispatch("set_copies", copies=9)
    assert s.visit.copies == 3  # bounded 1–3
    s.dispatch("print")
    assert effects[-1].name == "print_document" and effects[-1].args["copies"] == 3
    s.dispatch("printed")
    assert effects[-1].name == "print_receipt"
    s.dispatch("next")
    s.dispatch("rate", level="dissatisfied", reasons=("long_wait", "bogus"))
    assert effects[-1].name == "submit_rating"
    assert effects[-1].args["reasons"] == ["long_wait"] and effects[-1].args["outcome"] == "printed"
    assert s.state == SessionState.DONE


def test_reasons_only_follow_a_bad_rating():
    s, effects = session_in(SessionState.RATING)
    s.dispatch("rate", level="very_satisfied", reasons=("long_wait",))
    assert effects[-1].args["reasons"] == []


def test_an_unknown_rating_level_is_refused():
    s, _ = session_in(SessionState.RATING)
    with pytest.raises(ValueError):
        s.dispatch("rate", level="meh")
    assert s.state == SessionState.RATING
    assert len(RATING_LEVELS) == 5


def test_licence_counts_stay_within_what_was_approved():
    s, _ = session_in(SessionState.LICENCE_CODE)
    s.visit.flow = "licence"
    s.dispatch("licence_found", job_id="J1", licence={"originals": 1, "duplicates": 2})
    s.state = SessionState.LICENCE_OPTIONS
    s.dispatch("set_counts", originals=5, duplicates=-1)
    assert (s.visit.originals, s.visit.duplicates) == (1, 0)


@pytest.mark.parametrize("state", [st for st in SessionState if st not in (SessionState.PRINTING,)])
@pytest.mark.parametrize("intent", ["home"])
def test_home_wipes_the_visit_from_every_state_but_printing(state, intent):
    s, _ = session_in(state)
    s.visit.identity = CARD
    s.visit.display_name = "张*明"
    s.visit.subject = "S1"
    s.dispatch(intent)
    assert s.state == SessionState.HOME
    assert s.visit.identity is None and s.visit.subject is None and s.visit.display_name == ""


def test_printing_cannot_be_left():
    s, _ = session_in(SessionState.PRINTING)
    for intent in GLOBAL_HOME_INTENTS:
        assert s.dispatch(intent) is False
    assert s.state == SessionState.PRINTING


def test_leaving_with_an_unprinted_job_asks_to_abandon_it():
    s, effects = session_in(SessionState.PREVIEW)
    s.visit.job_id = "J1"
    s.dispatch("home")
    assert [e.name for e in effects] == ["abandon"]


def test_idle_countdown_then_wipe():
    clock = Clock()
    s, _ = session_in(SessionState.CONSENT, clock)
    s.idle = IdleClock(idle_timeout_s=60, countdown_s=10, extend_s=60)
    s.idle.touch(clock.now)
    s.visit.identity = CARD
    changes = []
    s.on_change(lambda *a: changes.append(a[3]))
    clock.now += 59
    assert s.tick() == "active"
    clock.now += 1
    assert s.tick() == "countdown" and s.countdown
    assert changes == ["countdown"]
    clock.now += 9.9
    assert s.tick() == "countdown"
    clock.now += 0.1
    assert s.tick() == "expired"
    assert s.state == SessionState.HOME and s.visit.identity is None
    assert changes[-1] == "idle_timeout"


def test_a_touch_during_the_countdown_extends_it():
    clock = Clock()
    s, _ = session_in(SessionState.PREVIEW, clock)
    s.idle = IdleClock(idle_timeout_s=60, countdown_s=10, extend_s=120)
    s.idle.touch(clock.now)
    clock.now += 65
    assert s.tick() == "countdown"
    s.touch()
    assert not s.countdown
    clock.now += 100  # extended by 120 s, not just reset to 60 s
    assert s.tick() == "active"
    clock.now += 20
    assert s.tick() == "countdown"


@pytest.mark.parametrize("state", sorted(BUSY_STATES))
def test_idle_never_interrupts_work_in_progress(state):
    clock = Clock()
    s, _ = session_in(state, clock)
    s.busy_until = clock.now + 1000
    clock.now += 999
    assert s.tick() == "active"
    assert s.state == state


@pytest.mark.parametrize("state,before,key", [
    (SessionState.IDENTIFY, SessionState.VERIFYING, "verify_timeout"),
    (SessionState.CONSENT, SessionState.PREPARING, "prepare_timeout"),
    (SessionState.PREVIEW, SessionState.PRINTING, "print_timeout")])
def test_a_busy_state_past_its_deadline_ends_the_visit_safely(state, before, key):
    """Given a busy state entered from STATE, when its deadline passes, then the error screen says
    why, the person is wiped and the job is handed over to be settled by the rules."""
    clock = Clock()
    s, effects = session_in(state, clock)
    s.deadlines = BusyDeadlines(verify_s=30, prepare_s=60, print_margin_s=100, print_per_page_s=10)
    s.visit.identity, s.visit.subject, s.visit.job_id, s.visit.pages = CARD, "S1", "J1", 2
    intent = {SessionState.IDENTIFY: "card_read", SessionState.CONSENT: "agree",
              SessionState.PREVIEW: "print"}[state]
    s.dispatch(intent, **PAYLOADS.get(intent, {}))
    assert s.state == before
    limit = {SessionState.VERIFYING: 30, SessionState.PREPARING: 60, SessionState.PRINTING: 100 + 10 * 2}[before]
    clock.now += limit - 0.5
    assert s.tick() == "active" and s.state == before
    clock.now += 0.5
    assert s.tick() == "deadline"
    assert s.state == SessionState.ERROR and s.visit.error == key
    assert s.visit.identity is None and s.visit.subject is None and s.visit.job_id is None
    settle = effects[-1]
    assert settle.name is EffectKind.SETTLE_OVERDUE and settle.args["stage"] == before.value
    assert settle.args["job_id"] == ("J1" if before != SessionState.VERIFYING else "J1")
    assert s.dispatch("home") and s.state == SessionState.HOME  # the error screen can be left


def test_home_goes_to_the_attract_screen_after_idle():
    clock = Clock()
    s, _ = session_in(SessionState.HOME, clock)
    s.idle.touch(clock.now)
    clock.now += 61
    s.tick()
    assert s.state == SessionState.ATTRACT
    s.dispatch("wake")
    assert s.state == SessionState.HOME
