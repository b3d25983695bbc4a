"""The take-your-card reminder: a visit that ends with its card on the reader goes to take_card."""
import logging

import pytest

from drivers.base import DeviceEvent, EventKind
from drivers.identity import IdentityCard
from kiosk import inputs
from kiosk.session import Session, SessionState

CARD = IdentityCard(name="张伟明", id_number="35010219850312123X", valid_until=None)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def card_event(kind: EventKind, **data) -> DeviceEvent:
    return DeviceEvent("id_card", kind, data)


def read_visit(clock=None) -> Session:
    """A certificate visit whose ID card was read and is still on the reader, at the rating."""
    s = Session(clock=clock or Clock(), take_card_timeout_s=30)
    s.dispatch("choose_service", service_id="social_insurance_payment")
    inputs.route(s, card_event(EventKind.CARD_PRESENT), device_class="id_card")
    inputs.route(s, card_event(EventKind.CARD_READ, card=CARD), device_class="id_card")
    assert s.state == SessionState.VERIFYING and s.cards_present == {"id_card"}
    s.state = SessionState.RATING
    s.visit.outcome = "printed"
    return s


def test_a_card_left_on_the_reader_turns_the_end_of_the_visit_into_take_card():
    """Given a visit whose card still lies on the reader, when it ends, then the session wipes
    the visit and shows take_card with what else to pick up; lifting the card goes home."""
    s = read_visit()
    s.dispatch("skip")
    s.dispatch("finish")
    assert s.state == SessionState.TAKE_CARD
    assert s.visit.identity is None and s.visit.service_id is None  # wiped all the same
    assert s.take_card == {"card": "id_card", "took": "document"}
    inputs.route(s, card_event(EventKind.CARD_REMOVED), device_class="id_card")
    assert s.state == SessionState.HOME and s.take_card == {}


def test_a_visit_whose_card_was_lifted_goes_home_as_before():
    s = read_visit()
    inputs.route(s, card_event(EventKind.CARD_REMOVED), device_class="id_card")
    s.dispatch("skip")
    s.dispatch("finish")
    assert s.state == SessionState.HOME


@pytest.mark.parametrize("leave", ["home", "idle_timeout", "decline"])
def test_every_way_out_of_a_visit_reminds_of_the_card(leave):
    s = read_visit()
    s.state, s.visit.outcome = SessionState.CONSENT, None
    s.dispatch(leave)
    assert s.state == SessionState.TAKE_CARD
    assert s.take_card["took"] == ""  # nothing was printed


def test_the_reminder_gives_up_after_its_timeout_and_says_so_in_the_log(caplog):
    """Given take_card, when the card is not lifted within the timeout, then home, with a warning."""
    clock = Clock()
    s = read_visit(clock)
    s.dispatch("skip")
    s.dispatch("finish")
    clock.now += 29
    assert s.tick() == "active" and s.state == SessionState.TAKE_CARD
    clock.now += 2
    with caplog.at_level(logging.WARNING, logger="kiosk.session"):
        s.tick()
    assert s.state == SessionState.HOME
    assert any("left on the reader" in r.getMessage() for r in caplog.records)


def test_no_idle_question_on_the_reminder_and_home_leaves_it():
    clock = Clock()
    s = read_visit(clock)
    s.dispatch("home")
    assert s.state == SessionState.TAKE_CARD
    clock.now += 20
    s.tick()
    assert not s.countdown
    s.dispatch("home")
    assert s.state == SessionState.HOME


def test_a_social_security_card_is_named_as_such():
    s = Session(clock=Clock())
    s.dispatch("choose_service", service_id="medical_insurance")
    ev = DeviceEvent("ssse", EventKind.CARD_READ, {"card": CARD})
    inputs.route(s, ev, device_class="ssse")
    s.dispatch("home")
    assert s.state == SessionState.TAKE_CARD and s.take_card["card"] == "ssse"


def test_a_card_that_left_early_or_a_lost_reader_does_not_hold_the_resident():
    s = Session(clock=Clock())
    s.dispatch("choose_service", service_id="medical_insurance")
    inputs.route(s, card_event(EventKind.CARD_PRESENT), device_class="id_card")
    inputs.route(s, card_event(EventKind.CARD_ERROR, code="removed_early"), device_class="id_card")
    assert s.cards_present == set()
    inputs.route(s, card_event(EventKind.CARD_PRESENT), device_class="id_card")
    inputs.route(s, card_event(EventKind.CONNECTION_LOST), device_class="id_card")
    s.dispatch("home")
    assert s.state == SessionState.HOME


def test_a_card_placed_at_home_without_a_visit_changes_nothing():
    s = Session(clock=Clock())
    inputs.route(s, card_event(EventKind.CARD_PRESENT), device_class="id_card")
    s.dispatch("home")
    assert s.state == SessionState.HOME


def test_the_thank_you_screen_goes_home_by_itself():
    """Given the done screen, when 8 s pass untouched, then home (no "are you still there?")."""
    clock = Clock()
    s = Session(clock=clock)
    s.dispatch("choose_service", service_id="social_insurance_payment")
    s.state = SessionState.RATING
    s.dispatch("skip")
    assert s.state == SessionState.DONE and s.done_remaining() == 8
    clock.now += 5
    s.tick()
    assert s.state == SessionState.DONE and s.done_remaining() == 3 and not s.countdown
    clock.now += 3
    s.tick()
    assert s.state == SessionState.HOME
