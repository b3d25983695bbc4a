"""The session state machine without Qt: every transition, the idle timeout, the wipe."""
import pytest

from drivers.identity import IdentityCard
from kiosk.session import (BUSY_STATES, GLOBAL_HOME_INTENTS, RATING_LEVELS, TRANSITIONS, IdleClock, S,
                           Session)

CARD = IdentityCard(name="张伟明", id_number="35010219850312123X")

# A payload that each intent accepts.
PAYLOADS = {
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
}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def session_in(state: S, clock=None) -> tuple[Session, list]:
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


@pytest.mark.parametrize("state", list(S))
def test_intents_not_in_the_table_change_nothing(state):
    s, effects = session_in(state)
    assert s.dispatch("no_such_intent") is False
    assert s.state == state and effects == []


def test_the_certificate_path_asks_for_the_right_work():
    s, effects = session_in(S.HOME)
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
    assert s.state == S.DONE


def test_reasons_only_follow_a_bad_rating():
    s, effects = session_in(S.RATING)
    s.dispatch("rate", level="very_satisfied", reasons=("long_wait",))
    assert effects[-1].args["reasons"] == []


def test_an_unknown_rating_level_is_refused():
    s, _ = session_in(S.RATING)
    with pytest.raises(ValueError):
        s.dispatch("rate", level="meh")
    assert s.state == S.RATING
    assert len(RATING_LEVELS) == 5


def test_licence_counts_stay_within_what_was_approved():
    s, _ = session_in(S.LICENCE_CODE)
    s.visit.flow = "licence"
    s.dispatch("licence_found", job_id="J1", licence={"originals": 1, "duplicates": 2})
    s.state = S.LICENCE_OPTIONS
    s.dispatch("set_counts", originals=5, duplicates=-1)
    assert (s.visit.originals, s.visit.duplicates) == (1, 0)


@pytest.mark.parametrize("state", [st for st in S if st not in (S.PRINTING,)])
@pytest.mark.parametrize("intent", ["home"])
def test_home_wipes_the_visit_from_every_state_but_printing(state, intent):
    s, _ = session_in(state)
    s.visit.identity = CARD
    s.visit.display_name = "张*明"
    s.visit.subject = "S1"
    s.dispatch(intent)
    assert s.state == S.HOME
    assert s.visit.identity is None and s.visit.subject is None and s.visit.display_name == ""


def test_printing_cannot_be_left():
    s, _ = session_in(S.PRINTING)
    for intent in GLOBAL_HOME_INTENTS:
        assert s.dispatch(intent) is False
    assert s.state == S.PRINTING


def test_leaving_with_an_unprinted_job_asks_to_abandon_it():
    s, effects = session_in(S.PREVIEW)
    s.visit.job_id = "J1"
    s.dispatch("home")
    assert [e.name for e in effects] == ["abandon"]


def test_idle_countdown_then_wipe():
    clock = Clock()
    s, _ = session_in(S.CONSENT, clock)
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
    assert s.state == S.HOME and s.visit.identity is None
    assert changes[-1] == "idle_timeout"


def test_a_touch_during_the_countdown_extends_it():
    clock = Clock()
    s, _ = session_in(S.PREVIEW, clock)
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
    clock.now += 10_000
    assert s.tick() == "active"
    assert s.state == state


def test_home_goes_to_the_attract_screen_after_idle():
    clock = Clock()
    s, _ = session_in(S.HOME, clock)
    s.idle.touch(clock.now)
    clock.now += 61
    s.tick()
    assert s.state == S.ATTRACT
    s.dispatch("wake")
    assert s.state == S.HOME
