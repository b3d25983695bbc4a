"""Turns device events into session intents, according to what the session is waiting for.

Pure Python: the shell hands every device event here on the GUI thread.
"""
from __future__ import annotations

import logging

from drivers.base import DeviceEvent, EventKind
from kiosk.session import Session, SessionState

log = logging.getLogger(__name__)

CARD_DEVICE_CLASSES = ("id_card", "ssse")


def route(session: Session, event: DeviceEvent, *, device_class: str) -> str | None:
    """Dispatch the intent that ``event`` means now; returns the intent name or None."""
    state = session.state
    if state == SessionState.ATTRACT and event.kind in (EventKind.CARD_PRESENT, EventKind.CODE_SCANNED):
        session.dispatch("wake")
        state = session.state
    if device_class in CARD_DEVICE_CLASSES:
        _presence(session, event, device_class)
        return _card(session, event, device_class)
    if event.kind == EventKind.CODE_SCANNED:
        return _code(session, str(event.data.get("text", "")))
    return None


def _presence(session: Session, event: DeviceEvent, device_class: str) -> None:
    """Whether a card lies on the reader, for the take-your-card reminder. A reader that lost its
    connection cannot tell: it counts as empty, so nobody waits on the reminder for a card
    that may be gone."""
    if event.kind in (EventKind.CARD_PRESENT, EventKind.CARD_READ):
        session.card_presence(device_class, True)
    elif event.kind == EventKind.CARD_ERROR:
        session.card_presence(device_class, event.data.get("code") != "removed_early")
    elif event.kind in (EventKind.CARD_REMOVED, EventKind.CONNECTION_LOST):
        session.card_presence(device_class, False)


def _card(session: Session, event: DeviceEvent, device_class: str) -> str | None:
    if session.state != SessionState.IDENTIFY:
        return None
    if event.kind == EventKind.CARD_READ:
        card = event.data.get("card")
        if card is None:
            session.dispatch("card_error", code="unreadable")
            return "card_error"
        if not card.id_valid:
            session.dispatch("card_error", code="invalid_id")
            return "card_error"
        if card.expired():
            session.dispatch("card_error", code="expired_card")
            return "card_error"
        session.dispatch("card_read", card=card, method="ssse" if device_class == "ssse" else "id_card")
        return "card_read"
    if event.kind == EventKind.CARD_ERROR:
        code = str(event.data.get("code", "unreadable"))
        code = {"id_invalid": "invalid_id"}.get(code, code)
        known = {"removed_early", "unknown_card", "unsupported_card", "invalid_id"}
        session.dispatch("card_error", code=code if code in known else "unreadable")
        return "card_error"
    return None


def _code(session: Session, text: str) -> str | None:
    from kiosk.codes import UnknownCode, parse_code

    if session.state == SessionState.LICENCE_SERIALS:  # the serial printed on a licence sheet, scanned
        session.dispatch("add_serial", serial=text)
        return "add_serial"
    try:
        code = parse_code(text)
    except UnknownCode as e:
        log.info("unrecognised code scanned (%s)", e)
        if session.state == SessionState.IDENTIFY:
            session.dispatch("card_error", code="unknown_code")
            return "card_error"
        if session.state in (SessionState.LICENCE_CODE, SessionState.PICKUP_CODE):
            session.dispatch("code_problem", code="unknown_code")
            return "code_problem"
        return "unknown_code"
    if (session.state == SessionState.IDENTIFY and code.kind == "efz_identity"
            and session.visit.flow == "certificate"):
        session.dispatch("identity_code", token=code.value)
        return "identity_code"
    if session.state == SessionState.IDENTIFY:
        session.dispatch("card_error", code="card_only" if code.kind == "efz_identity" else "unknown_code")
        return "card_error"
    wanted = {SessionState.LICENCE_CODE: "licence_notice", SessionState.PICKUP_CODE: "pickup"}.get(session.state)
    if wanted == code.kind:
        session.dispatch("lookup", code=code.value)
        return "lookup"
    if wanted is not None:
        session.dispatch("code_problem", code="wrong_code_" + wanted)
        return "code_problem"
    return None

