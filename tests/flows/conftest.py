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
        def reached() -> bool:
            if name == "home" and self.state == "take_card" and self.rig.card.card_present:
                self.rig.card.remove()  # asked for the card back, the resident takes it
            return self.state == name

        self.qtbot.waitUntil(reached, timeout=timeout)

    def click(self, widget) -> None:
        from PySide6.QtCore import Qt

        assert widget.isEnabled(), f"{widget.text()!r} is disabled"
        if not widget.isVisible():  # a widget just added to a shown layout appears on the next turn
            self.qtbot.waitUntil(widget.isVisible, timeout=5000)
        self.qtbot.mouseClick(widget, Qt.LeftButton)

    def wait_ready(self) -> None:
        """The catalogue has arrived and the printers and the card reader are online."""
        home = self.screen("home")
        self.qtbot.waitUntil(lambda: "social_insurance_payment" in self.session.services
                             and home.tiles.get("social_insurance") is not None
                             and home.tiles["social_insurance"].isEnabled(), timeout=30000)

    def wait_licence_jobs(self, n: int = 2) -> None:
        """The sync worker has prefetched the licence jobs assigned to this terminal."""
        self.qtbot.waitUntil(lambda: len([j for j in self.kiosk.store.jobs(kind="licence")
                                          if j.state.value == "ready"]) >= n, timeout=30000)

    def choose(self, service_id: str, *, by_search: bool = False, state: str = "identify") -> None:
        """Reach the service from home as a resident does: its category, the category's pages,
        the service (or the search with its pinyin initials), and wait for ``state``."""
        from screens import catalogue_nav

        reach = catalogue_nav.by_search if by_search else catalogue_nav.by_category
        if by_search:  # the index is built just after the first paint, off the GUI thread
            self.qtbot.waitUntil(lambda: self.session.search_index is not None, timeout=30000)
        reach(self.screen("home"), service_id, self.click)
        self.wait_state(state)
        assert self.session.visit.service_id == service_id

    def type_keys(self, screen, text: str) -> None:
        for ch in text:
            self.click(screen.key_buttons[ch])

    def events(self, type_: str) -> list[dict]:
        return [e for e in self.rig.sandbox.events if e["type"] == type_]

    def wait_event(self, type_: str, n: int = 1, timeout: int = 30000) -> list[dict]:
        self.kiosk.sync.kick()
        self.qtbot.waitUntil(lambda: len(self.events(type_)) >= n, timeout=timeout)
        return self.events(type_)

    def texts(self) -> list[str]:
        from PySide6.QtWidgets import QAbstractButton, QLabel

        return [w.text() for w in self.window.findChildren(QLabel) + self.window.findChildren(QAbstractButton)]

    def rate(self, level: str = "satisfied", reasons: tuple[str, ...] = ()) -> None:
        self.wait_state("rating")
        rating = self.screen("rating")
        self.click(rating.level_buttons[level])
        for r in reasons:
            self.click(rating.reason_buttons[r])
        self.click(rating.submit)
        self.wait_state("done")
        self.click(self.screen("done").finish)
        self.wait_state("home")


def _start(qtbot, root, **kw):
    from kiosk.app import Kiosk
    from kiosk.simrig import SimulatedTerminal

    show = kw.pop("show", True)
    rig = SimulatedTerminal(root, platform_port=0, receipt_port=0, **kw).start()
    kiosk = Kiosk(rig.config)
    qtbot.addWidget(kiosk.window)
    kiosk.start(show=False)
    portrait = rig.config.ui.orientation == "portrait"
    kiosk.window.resize(*((1080, 1920) if portrait else (1920, 1080)))
    if show:
        with qtbot.waitExposed(kiosk.window):
            kiosk.window.show()
    return rig, kiosk


def _receipts_keep_words(rig) -> None:
    """Every receipt the flow printed (certificate, licence, pickup, paper-out) fits the paper
    and splits no word across lines."""
    from tests.receipt.wording import split_words

    bad = [f"receipt {r.number}: {problem}" for r in rig.receipt.receipts for problem in split_words(r.raw)]
    assert bad == [], "\n".join(bad)


@pytest.fixture
def terminal(qtbot, tmp_path):
    rig, kiosk = _start(qtbot, tmp_path / "terminal")
    t = Terminal(qtbot, rig, kiosk)
    try:
        yield t
        _receipts_keep_words(rig)
    finally:
        kiosk.stop()
        rig.stop()


@pytest.fixture
def make_terminal(qtbot, tmp_path):
    """``make_terminal(orientation="portrait", extra={...})`` for a terminal configured otherwise."""
    started = []

    def make(**kw):
        rig, kiosk = _start(qtbot, tmp_path / f"terminal{len(started)}", **kw)
        started.append((rig, kiosk))
        return Terminal(qtbot, rig, kiosk)

    try:
        yield make
        for rig, _kiosk in started:
            _receipts_keep_words(rig)
    finally:
        for rig, kiosk in started:
            kiosk.stop()
            rig.stop()
