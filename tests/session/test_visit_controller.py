"""The visit controller with a fake store and fake devices: every effect has its worker."""
from kiosk.intents import EffectKind
from kiosk.session import Session
from kiosk.visit import VisitController


def test_every_effect_has_a_handler():
    controller = VisitController(Session(), store=None, client=None, devices=None, terminal_name="T",
                                 post=lambda fn: fn())
    try:
        assert set(controller.handlers) == set(EffectKind)
    finally:
        controller.shutdown()
