"""Keypad and keyboard navigation (EZ Access style), for every screen, in one place.

Up/left and down/right/tab move through the items of the screen in reading order, then the
footer's; the focused item is framed by a focus ring and spoken; Enter activates it; Back goes
back (or removes the last typed character); repeat says the screen again; a digit types on a
keypad screen, elsewhere it moves to the item of that number. Every key counts as a touch.

The key names are those of the scenario step ``key NAME``: up, down, left, right, tab, enter,
back, repeat, 0–9 (a USB keyboard's letters type on the credit-code keypad too).
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QLineEdit,
                               QPlainTextEdit, QTextEdit, QWidget)

log = logging.getLogger(__name__)

from kiosk.keynames import KEY_NAMES
QT_KEYS = {
    Qt.Key_Up: "up", Qt.Key_Down: "down", Qt.Key_Left: "left", Qt.Key_Right: "right",
    Qt.Key_Tab: "tab", Qt.Key_Backtab: "backtab",
    Qt.Key_Return: "enter", Qt.Key_Enter: "enter", Qt.Key_NumberSign: "enter", Qt.Key_Select: "enter",
    Qt.Key_Escape: "back", Qt.Key_Back: "back", Qt.Key_Backspace: "back", Qt.Key_Asterisk: "back",
    Qt.Key_F1: "repeat", Qt.Key_Help: "repeat", Qt.Key_Period: "repeat",
}


COVERS = frozenset({"zoom"})
TEXT_INPUTS = (QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit)
#: the key each name is sent as (scenario steps, tests)
NAME_KEYS = {"up": Qt.Key_Up, "down": Qt.Key_Down, "left": Qt.Key_Left, "right": Qt.Key_Right, "tab": Qt.Key_Tab,
             "enter": Qt.Key_Return, "back": Qt.Key_Escape, "repeat": Qt.Key_F1,
             **{str(d): getattr(Qt, f"Key_{d}") for d in range(10)}}


def qt_key(name: str):
    """The Qt key sent for key ``name``; ValueError for a name not in KEY_NAMES."""
    if name not in NAME_KEYS:
        raise ValueError(f"unknown key {name!r}; expected one of: {', '.join(KEY_NAMES)}")
    return NAME_KEYS[name]


class FocusRing(QWidget):
    """A thick two-tone frame (yellow outside, black inside): visible on white and on blue."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("focus_ring")
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WA_NoSystemBackground)
        self.hide()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        r = self.rect().adjusted(5, 5, -5, -5)
        p.setPen(QPen(QColor("#ffbf00"), 10))
        p.drawRoundedRect(r, 22, 22)
        p.setPen(QPen(QColor("#000000"), 4))
        p.drawRoundedRect(r.adjusted(7, 7, -7, -7), 16, 16)
        p.end()


class KeyNavigator(QObject):
    """Turns key presses in the shell window into focus moves and intents."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.ring: FocusRing | None = None
        self.focused: QAbstractButton | None = None
        QApplication.instance().installEventFilter(self)

    def attach(self, root: QWidget) -> None:
        """A (re)built window: the ring lives over its central widget."""
        self.ring = FocusRing(root)
        self.focused = None

    # -- events --------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.KeyPress or not isinstance(obj, QWidget):
            return False
        if obj is not self.window and not self.window.isAncestorOf(obj):
            return False
        if isinstance(QApplication.focusWidget(), TEXT_INPUTS):
            return False  # typing into a field (technician mode): the keys are the field's
        name = QT_KEYS.get(event.key())
        text = event.text().upper()
        if name is None and len(text) == 1 and text.isalnum():
            name = text if not text.isdigit() else text
        if name is None:
            return True  # no other key does anything (nothing leaves the app from the keyboard)
        self.press(name)
        return True

    def screen_shown(self, screen) -> None:
        self.focused = None
        if self.ring is not None:
            self.ring.hide()

    # -- actions -------------------------------------------------------------------------
    def press(self, name: str) -> None:
        """One key by its name (see KEY_NAMES); unknown names are refused with ValueError."""
        from kiosk.session import SessionState

        w = self.window
        session = w.session
        if name not in KEY_NAMES and name != "backtab" and not (len(name) == 1 and name.isalnum()):
            raise ValueError(f"unknown key {name!r}; expected one of: {', '.join(KEY_NAMES)}")
        if session.state == SessionState.ATTRACT:
            session.dispatch("wake")
            return
        countdown = w.overlay.isVisible()
        session.touch()  # a key is a touch: the person is still there
        if countdown:
            w.overlay.hide()
        if name in ("down", "right", "tab"):
            self.move(1)
        elif name in ("up", "left", "backtab"):
            self.move(-1)
        elif name == "enter":
            self.activate()
        elif name == "back":
            self.back()
        elif name == "repeat":
            w.speak_screen()
        else:
            self.type_char(name)

    def items(self) -> list[QAbstractButton]:
        """The focusable items now: the screen's buttons in reading order, then the footer's."""
        w = self.window
        if w.overlay.isVisible():
            return [b for b in w.overlay.findChildren(QAbstractButton) if b.isVisibleTo(w.overlay)]
        screen = w.current_screen()
        # A layer that covers the screen (the enlarged page) is all that can be reached on it.
        covers = [c for c in screen.findChildren(QWidget) if c.objectName() in COVERS and c.isVisibleTo(screen)]
        if covers:
            screen = covers[-1]
        out = []
        for host in (screen, w.footer if w.footer.isVisible() else None):
            if host is None:
                continue
            # Like Qt's own focus chain, a disabled button is skipped (its screen says why).
            buttons = [b for b in host.findChildren(QAbstractButton) if b.isVisibleTo(host) and b.isEnabled()]
            out += sorted(buttons, key=lambda b: _reading_key(b, host))
        return out

    def move(self, step: int) -> None:
        items = self.items()
        if not items:
            return
        if self.focused in items:
            i = (items.index(self.focused) + step) % len(items)
        else:
            i = 0 if step > 0 else len(items) - 1
        self.focus(items[i])

    def focus(self, item: QAbstractButton) -> None:
        from screens.speech import widget_parts

        self.focused = item
        self.show_ring()
        self.window.speak(widget_parts(item))

    def show_ring(self) -> None:
        item, ring = self.focused, self.ring
        if ring is None or item is None or not item.isVisible():
            if ring is not None:
                ring.hide()
            return
        top_left = item.mapTo(ring.parentWidget(), item.rect().topLeft())
        ring.setGeometry(QRect(top_left, item.size()).adjusted(-12, -12, 12, 12))
        ring.show()
        ring.raise_()

    def activate(self) -> None:
        item = self.focused
        if item is None or item not in self.items():
            self.move(1)
            return
        if not item.isEnabled():
            from screens.speech import widget_parts

            self.window.speak(widget_parts(item))
            return
        item.click()
        if self.focused is item and item.isVisible():
            # The same screen, refreshed: the ring follows the item, which says its new state.
            from screens.speech import widget_parts

            self.show_ring()
            self.window.speak(widget_parts(item))

    def back(self) -> None:
        from kiosk.session import BUSY_STATES, SessionState, TRANSITIONS

        w = self.window
        state = w.session.state
        if w.current_screen().key_back():
            return
        for intent in ("back", "decline"):
            if intent in TRANSITIONS.get(state, {}):
                w.session.dispatch(intent)
                return
        if state not in BUSY_STATES and state not in (SessionState.HOME,):
            w.session.dispatch("home")

    def type_char(self, ch: str) -> None:
        screen = self.window.current_screen()
        keys = getattr(screen, "key_buttons", None) or {}
        btn = keys.get(ch)
        if btn is not None and btn.isVisible():
            if btn.isEnabled():
                btn.click()
                from kiosk.voice import Part

                self.window.speak([Part(ch, code=True)])
            return
        if ch.isdigit() and ch != "0":
            items = self.items()
            n = int(ch)
            if n <= len(items):
                self.focus(items[n - 1])


def _reading_key(button: QWidget, host: QWidget) -> tuple[int, int]:
    pos = button.mapTo(host, button.rect().topLeft())
    return (pos.y() // 40, pos.x())
