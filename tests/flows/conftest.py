"""A kiosk on a simulated terminal, driven by qtbot: real drivers, real sandbox, real SQLite."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class Terminal:
    def __init__(self, qtbot, rig, kiosk):
        self.qtbot, self.rig, self.kiosk = qtbot, rig, kiosk
        self.session = kiosk.session
        self.window = kiosk.window

    @property
    def state(self) -> str:
        return self.session.state.value

    def screen(self, name: str):
        return self.window.screens[name]

    def wait_state(self, name: str, timeout: int = 20000) -> None:
        self.qtbot.waitUntil(lambda: self.state == name, timeout=timeout)

    def click(self, widget) -> None:
        from PySide6.QtCore import Qt

        assert widget.isEnabled(), f"{widget.text()!r} is disabled"
        self.qtbot.mouseClick(widget, Qt.LeftButton)

    def wait_ready(self) -> None:
        """The catalogue has arrived and the printers and the card reader are online."""
        home = self.screen("home")
        self.qtbot.waitUntil(lambda: "social_insurance_payment" in self.session.services
                             and home.tiles.get("social_insurance") is not None
                             and home.tiles["social_insurance"].isEnabled(), timeout=30000)

    def events(self, type_: str) -> list[dict]:
        return [e for e in self.rig.sandbox.events if e["type"] == type_]


@pytest.fixture
def terminal(qtbot, tmp_path):
    from kiosk.app import Kiosk
    from kiosk.simrig import SimulatedTerminal

    rig = SimulatedTerminal(tmp_path / "terminal", platform_port=0, receipt_port=0).start()
    kiosk = Kiosk(rig.config)
    qtbot.addWidget(kiosk.window)
    kiosk.start(show=False)
    kiosk.window.resize(1920, 1080)
    with qtbot.waitExposed(kiosk.window):
        kiosk.window.show()
    t = Terminal(qtbot, rig, kiosk)
    try:
        yield t
    finally:
        kiosk.stop()
        rig.stop()
