"""A kiosk on a simulated terminal with a technician PIN, driven by qtbot (after tests/flows)."""
from __future__ import annotations

import os

import pytest

from kiosk.technician import hash_pin

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PIN = "246810"
PIN_HASH = hash_pin(PIN)  # unkeyed (older form), for tests that need a hash without a terminal


class Terminal:
    def __init__(self, qtbot, rig, kiosk):
        self.qtbot, self.rig, self.kiosk = qtbot, rig, kiosk
        self.session = kiosk.session
        self.window = kiosk.window

    @property
    def mode(self):
        return self.window._technician

    def click(self, widget) -> None:
        from PySide6.QtCore import Qt

        assert widget.isEnabled(), f"{widget.text()!r} is disabled"
        self.qtbot.mouseClick(widget, Qt.LeftButton)

    def tap_corner(self, times: int = 5) -> None:
        from PySide6.QtCore import QPoint, Qt

        for _ in range(times):
            self.qtbot.mouseClick(self.mode.corner, Qt.LeftButton, pos=QPoint(20, 20))

    def type_pin(self, pin: str) -> str:
        pad = self.mode.overlay.pinpad
        for ch in pin:
            self.click(pad.keys[ch])
        self.click(pad.ok)
        self.qtbot.waitUntil(lambda: not pad.checking, timeout=10000)  # checked off the GUI thread
        return pad.message.text()

    def enter(self) -> None:
        self.tap_corner()
        assert self.mode.active
        self.type_pin(PIN)
        assert self.mode.session is not None

    def page(self, key: str):
        console = self.mode.overlay.console
        self.click(console.nav_buttons[key])
        return console.pages[key]

    def audit(self, what_prefix: str = "") -> list[dict]:
        from kiosk import technician_service

        technician_service.drain()  # the audit events asked for so far, written by the service's writer
        # Read the outbox first, then the platform: an event the sync delivers in between is in
        # both lists, so each is counted once by its id (read the other way round, it would be
        # in neither).
        seen: set[str] = set()
        out = []
        for e in self.kiosk.store.pending_events(limit=100) + list(self.rig.sandbox.events):
            event_id = e.event_id if hasattr(e, "event_id") else e.get("event_id")
            data = e.data if hasattr(e, "data") else e.get("data", {})
            kind = e.type if hasattr(e, "type") else e.get("type")
            if event_id in seen:
                continue
            seen.add(event_id)
            if kind == "technician.audit" and data.get("what", "").startswith(what_prefix):
                out.append(data)
        return out


def start_terminal(qtbot, root, extra=None):
    from kiosk.app import Kiosk
    from kiosk.config import deep_merge
    from kiosk.simrig import SimulatedTerminal

    from kiosk import local_key

    # The PIN hash is keyed with the terminal's local data key, as set-pin writes it.
    key, _ = local_key.load_or_create(root / "store")
    pin_hash = hash_pin(PIN, pepper=key.pin_pepper)
    rig = SimulatedTerminal(root, platform_port=0, receipt_port=0,
                            extra=deep_merge({"technician": {"pin_hash": pin_hash}}, extra or {})).start()
    kiosk = Kiosk(rig.config)
    qtbot.addWidget(kiosk.window)
    kiosk.start(show=False)
    kiosk.window.resize(1920, 1080)
    with qtbot.waitExposed(kiosk.window):
        kiosk.window.show()
    qtbot.waitUntil(lambda: getattr(kiosk.window, "_technician", None) is not None
                    and kiosk.window._technician._subscribed, timeout=10000)
    return Terminal(qtbot, rig, kiosk)


@pytest.fixture
def terminal(qtbot, tmp_path):
    t = start_terminal(qtbot, tmp_path / "terminal")
    try:
        yield t
    finally:
        t.kiosk.stop()
        t.rig.stop()
