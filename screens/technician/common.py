"""Shared parts of the technician screens: the page base, background work, an on-screen keyboard."""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QHBoxLayout, QLineEdit, QScrollArea,
                               QVBoxLayout, QWidget)

from screens.widgets import button, label, tr

log = logging.getLogger(__name__)

#: what a device's config name means, for the technician
DEVICE_NAMES = {
    "id_card": "身份证阅读器", "ssse": "社保卡读卡器", "qr_serial": "扫码器", "camera": "摄像头扫码",
    "receipt": "凭条打印机", "document": "A4 文档打印机", "licence": "执照打印机",
}
STATE_TEXT = {
    "starting": "正在启动", "online": "正常", "offline": "离线", "busy": "忙碌", "no_device": "未连接",
    "hardware_error": "硬件故障", "user_error": "操作错误",
}


def device_title(name: str) -> str:
    return tr(DEVICE_NAMES[name]) if name in DEVICE_NAMES else name


def state_text(state: str) -> str:
    return tr(STATE_TEXT[state]) if state in STATE_TEXT else state


def from_future(post, future, done, owner=None) -> None:
    """``done(result, error)`` on the GUI thread when a concurrent Future (e.g. devices.call) ends."""
    from shiboken6 import isValid

    def finished(fut):
        error = fut.exception()
        result = None if error else fut.result()
        post(lambda: (owner is None or isValid(owner)) and done(result, error))

    future.add_done_callback(finished)


class TechnicianPage(QWidget):
    """One technician screen. ``mode`` is the TechnicianMode; ``shown()`` runs each time it appears."""

    title = ""

    def __init__(self, mode):
        super().__init__()
        self.mode = mode
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        # a page wider than the room left by the navigation (portrait: 740 px) scrolls sideways
        # rather than cutting its right-hand controls off
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        inner = QWidget()
        inner.setObjectName("screen")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(36, 24, 36, 24)
        self.body.setSpacing(20)
        scroll.setWidget(inner)
        outer.addWidget(scroll)

    @property
    def service(self):
        """kiosk.technician_service.TechnicianService: all a page may read of the terminal or ask
        of it. Its actions return Futures: hand them to :meth:`answer`."""
        return self.mode.service

    def shown(self) -> None:
        """Refresh from the kiosk (override)."""

    def left(self) -> None:
        """The page is being left (override)."""

    def post(self, fn) -> None:
        self.mode.post(fn)

    def answer(self, future, done) -> None:
        """``done(result, error)`` on the GUI thread when the service's ``future`` ends (not
        after this page has gone)."""
        from_future(self.mode.post, future, done, owner=self)

    def section(self, text: str):
        lab = label(text, "subtitle", align=Qt.AlignLeft | Qt.AlignVCenter)
        self.body.addWidget(lab)
        return lab


def card_frame() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(28, 20, 28, 20)
    lay.setSpacing(12)
    return frame, lay


class Keyboard(QWidget):
    """Latin letters, digits and URL punctuation; types into the focused QLineEdit.

    Chinese text (a terminal's name) needs the system's input method or a USB keyboard.
    """

    ROWS = ("1234567890", "qwertyuiop", "asdfghjkl:", "zxcvbnm./-", "_@?=&#")

    def __init__(self, target: QLineEdit | None = None):
        super().__init__()
        self.target = target
        self.upper = False
        grid = QGridLayout(self)
        grid.setSpacing(8)
        grid.setContentsMargins(0, 0, 0, 0)
        self.keys = []
        for r, row in enumerate(self.ROWS):
            for c, ch in enumerate(row):
                btn = button(ch, "key")
                btn.clicked.connect(lambda _=False, b=btn: self._type(b.text()))
                grid.addWidget(btn, r, c)
                self.keys.append(btn)
        self.shift = button("⇧", "key")
        self.shift.clicked.connect(self._toggle)
        self.space = button(tr("空格"), "key")
        self.space.clicked.connect(lambda: self._type(" "))
        self.back = button("⌫", "key")
        self.back.clicked.connect(self._backspace)
        last = len(self.ROWS) - 1
        grid.addWidget(self.shift, last, 6)
        grid.addWidget(self.space, last, 7)
        grid.addWidget(self.back, last, 8, 1, 2)

    def _edit(self) -> QLineEdit | None:
        focused = QApplication.focusWidget()
        return focused if isinstance(focused, QLineEdit) else self.target

    def _type(self, text: str) -> None:
        edit = self._edit()
        if edit is not None:
            edit.insert(text)

    def _backspace(self) -> None:
        edit = self._edit()
        if edit is not None:
            edit.backspace()

    def _toggle(self) -> None:
        self.upper = not self.upper
        for btn in self.keys:
            btn.setText(btn.text().upper() if self.upper else btn.text().lower())


def row(*widgets, stretch_last: bool = False) -> QHBoxLayout:
    lay = QHBoxLayout()
    lay.setSpacing(16)
    for i, w in enumerate(widgets):
        lay.addWidget(w, 1 if (stretch_last and i == len(widgets) - 1) else 0)
    return lay
