"""Technician mode on the touchscreen (DESIGN.md §1, issue 6).

The shell calls :func:`install` each time it builds its widgets. A transparent hot corner over
the top-left of the header counts taps; five within 3 s at home (or on the attract screen)
open the PIN pad; a right PIN opens the technician console over the whole window. The rules
(PIN hash, lockout, idle end, audit, config writing) live in kiosk/technician*.py.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import Counter

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.technician import (EXIT_RESTART, EXIT_TO_DESKTOP, PinGuard, TapGesture, TechnicianSession,
                              audit)

log = logging.getLogger(__name__)

CORNER_PX = 140
ENTRY_STATES = ("home", "attract")


class HotCorner(QWidget):
    """An invisible square in the top-left corner; every press is a tap of the gesture."""

    def __init__(self, mode: "TechnicianMode", parent: QWidget):
        super().__init__(parent)
        self.mode = mode
        self.setObjectName("technician_corner")
        self.setAttribute(Qt.WA_NoSystemBackground)
        self.setGeometry(0, 0, CORNER_PX, CORNER_PX)
        self.raise_()
        self.show()

    def mousePressEvent(self, event) -> None:
        self.mode.tap()
        event.ignore()  # the press still counts as a touch for the rest of the shell


class TechnicianMode(QObject):
    """One per shell window; survives the shell's rebuilds (elder mode, orientation)."""

    def __init__(self, shell):
        super().__init__(shell)
        self.shell = shell
        self.clock = time.monotonic          # tests may replace it (idle end)
        self.wall_clock = time.time          # lockout (persisted across restarts)
        self.quit = lambda code: QApplication.instance().exit(code)
        self.gesture = TapGesture(5, 3.0, clock=lambda: self.clock())
        self.session: TechnicianSession | None = None
        self.overlay = None
        self.corner: HotCorner | None = None
        self._guard: PinGuard | None = None
        self._subscribed = False
        self._lock = threading.Lock()
        self.counters: dict[str, Counter] = {}
        self.event_waiters: list = []

    # -- wiring ---------------------------------------------------------------------------
    @property
    def kiosk(self):
        return getattr(self.shell, "kiosk", None)

    def attach(self, root: QWidget) -> None:
        self.corner = HotCorner(self, root)
        if self.overlay is not None and self.overlay.isVisible():
            self.overlay.raise_()
        QTimer.singleShot(0, self._late_init)

    def _late_init(self) -> None:
        """After the Kiosk has finished building (the shell is built inside its constructor)."""
        kiosk = self.kiosk
        if kiosk is None or self._subscribed:
            return
        self._subscribed = True
        kiosk.devices.subscribe(self._count)
        kiosk.bridge.device_event.connect(self._on_device_event)

    def post(self, fn) -> None:
        if self.kiosk is not None:
            self.kiosk.bridge.post(fn)
        else:
            QTimer.singleShot(0, fn)

    @property
    def guard(self) -> PinGuard:
        kiosk = self.kiosk
        if self._guard is None or self._guard.settings is not kiosk.cfg.technician:
            key = getattr(kiosk, "local_key", None)
            self._guard = PinGuard(kiosk.cfg.technician, store=kiosk.store, clock=lambda: self.wall_clock(),
                                   pepper=key.pin_pepper if key is not None else None)
        return self._guard

    # -- counters (device threads) and events (GUI thread) ---------------------------------
    def _count(self, event) -> None:
        from drivers.base import EventKind

        key = {EventKind.CARD_READ: "cards_read", EventKind.CODE_SCANNED: "codes_scanned"}.get(event.kind)
        amount = 1
        if event.kind == EventKind.JOB_COMPLETED:
            if event.data.get("job") == "receipt":
                key = "receipts"
            else:
                key, amount = "pages_printed", int(event.data.get("pages") or 0)
        if key:
            with self._lock:
                self.counters.setdefault(event.device, Counter())[key] += amount

    def counts(self, device: str) -> dict:
        with self._lock:
            return dict(self.counters.get(device, {}))

    def _on_device_event(self, event) -> None:
        """Hand device events to the self-tests waiting for one; a waiter returns True when done."""
        for waiter in list(self.event_waiters):
            try:
                done = waiter(event)
            except RuntimeError:  # its widget has gone
                done = True
            if done and waiter in self.event_waiters:
                self.event_waiters.remove(waiter)

    # -- entry ----------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.overlay is not None and self.overlay.isVisible()

    def tap(self) -> None:
        if self.gesture.tap():
            self.request_entry()

    def request_entry(self) -> bool:
        kiosk = self.kiosk
        if kiosk is None or self.active:
            return False
        if kiosk.session.state.value not in ENTRY_STATES:
            log.info("technician gesture ignored: a resident's visit is under way")
            return False
        self._show_overlay()
        self.overlay.show_pin()
        return True

    def _show_overlay(self) -> None:
        if self.overlay is None:
            from screens.technician.console import TechnicianOverlay

            self.overlay = TechnicianOverlay(self)
        self.overlay.cover()

    def submit_pin(self, pin: str) -> str:
        """'ok' opens the console; else 'wrong', 'locked' or 'no_pin' for the PIN pad to show."""
        verdict = self.guard.check(pin)
        if verdict == "ok":
            self.session = TechnicianSession(self.kiosk.cfg.technician.idle_s, clock=lambda: self.clock())
            audit(self.kiosk.store, "mode.enter")
            self.overlay.show_console()
        elif verdict == "locked":
            audit(self.kiosk.store, "mode.locked_out")
        return verdict

    def touch(self) -> None:
        if self.session is not None:
            self.session.touch()

    def leave(self, reason: str = "leave") -> None:
        if self.overlay is None:
            return
        was_in = self.session is not None
        self.overlay.close_console()
        self.overlay.hide()
        self.session = None
        if was_in and self.kiosk is not None:
            audit(self.kiosk.store, "mode." + reason)

    def save_config(self, changes: dict, done) -> None:
        """Validate and write ``changes`` off the GUI thread, then apply them live and audit them;
        ``done(message, ok)`` runs on the GUI thread."""
        from kiosk.technician_config import ConfigEditor, apply_live
        from screens.technician.common import run_async
        from screens.widgets import tr

        kiosk = self.kiosk
        old = kiosk.cfg
        editor = ConfigEditor(old.source)

        def finished(result, error) -> None:
            if error is not None:
                done(tr("未保存") + ": " + str(error), False)
                return
            cfg, diffs = result
            if not diffs:
                done(tr("没有改动"), True)
                return
            for key, (before, after) in diffs.items():
                hidden = key == "technician.pin_hash"
                audit(kiosk.store, "config." + key, old="(hidden)" if hidden else before,
                      new="(hidden)" if hidden else after)
            restart = apply_live(kiosk, cfg, diffs)
            self._guard = None
            try:
                kiosk.store.add_event("terminal.config_changed", {"keys": sorted(diffs), "by": "technician"})
            except Exception:
                log.exception("could not record the config change")
            if self.overlay is not None and self.overlay.isVisible():
                self.overlay.raise_()
            if restart:
                done(tr("已保存。以下设置需要重启后生效：") + ", ".join(restart), True)
            else:
                done(tr("已保存，并已立即生效。"), True)

        run_async(self.post, lambda: editor.save(old, changes), finished)

    def restart(self) -> None:
        audit(self.kiosk.store, "kiosk.restart")
        self.leave("leave")
        self.quit(EXIT_RESTART)

    def exit_to_desktop(self) -> None:
        audit(self.kiosk.store, "kiosk.exit_to_desktop")
        self.leave("leave")
        self.quit(EXIT_TO_DESKTOP)


def install(shell, root: QWidget) -> None:
    """Called by ShellWindow each time it builds its widgets."""
    mode = getattr(shell, "_technician", None)
    if mode is None:
        mode = TechnicianMode(shell)
        shell._technician = mode
    mode.attach(root)
