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

from kiosk.exit_codes import EXIT_TECHNICIAN_RESTART, EXIT_TO_DESKTOP
from kiosk.technician import PinGuard, TapGesture, TechnicianSession

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
    """One per shell window; survives the shell's rebuilds (elder mode, orientation).

    It hands the pages :attr:`service` (kiosk.technician_service), their only way to the
    terminal; the Qt bridge (``post``) brings the service's answers back to the GUI thread.
    """

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
        self._service = None
        self._subscribed = False
        self._lock = threading.Lock()
        self.counters: dict[str, Counter] = {}
        self.event_waiters: list = []

    # -- wiring: the one place that sees the kiosk ------------------------------------------
    @property
    def service(self):
        """The technician service of the running kiosk (None before the kiosk has set itself on
        the shell)."""
        kiosk = getattr(self.shell, "kiosk", None)
        if kiosk is None:
            return None
        if self._service is None:
            from kiosk import technician_service

            self._service = technician_service.for_kiosk(kiosk)
            self._service.clock = lambda: self.wall_clock()
        return self._service

    def _bridge(self):
        kiosk = getattr(self.shell, "kiosk", None)
        return getattr(kiosk, "bridge", None)

    def attach(self, root: QWidget) -> None:
        self.corner = HotCorner(self, root)
        if self.overlay is not None and self.overlay.isVisible():
            self.overlay.raise_()
        QTimer.singleShot(0, self._late_init)

    def _late_init(self) -> None:
        """After the Kiosk has finished building (the shell is built inside its constructor)."""
        service, bridge = self.service, self._bridge()
        if service is None or self._subscribed:
            return
        self._subscribed = True
        service.subscribe(self._count)
        if bridge is not None:
            bridge.device_event.connect(self._on_device_event)

    def post(self, fn) -> None:
        bridge = self._bridge()
        if bridge is not None:
            bridge.post(fn)
        else:
            QTimer.singleShot(0, fn)

    def answer(self, future, done, owner=None) -> None:
        """``done(result, error)`` on the GUI thread when the service's ``future`` ends."""
        from screens.technician.common import from_future

        from_future(self.post, future, done, owner=owner)

    @property
    def guard(self) -> PinGuard:
        return self.service.guard()

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
        service = self.service
        if service is None or self.active:
            return False
        if service.visit_state() not in ENTRY_STATES:
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

    def submit_pin(self, pin: str, done) -> None:
        """Check ``pin`` off the GUI thread (scrypt, the attempt count in the store); then, on the
        GUI thread, 'ok' opens the console and ``done(verdict, attempts_left)`` runs, the verdict
        'ok', 'wrong', 'locked' or 'no_pin' for the PIN pad to show."""
        def checked(answer, error) -> None:
            if error is not None:
                log.error("the PIN check failed: %s", error)
                answer = ("wrong", 0)
            verdict, left = answer
            if verdict == "ok" and self.overlay is not None and self.overlay.isVisible():
                self.session = TechnicianSession(self.service.config.technician.idle_s, clock=lambda: self.clock())
                self.overlay.show_console()
            done(verdict, left)

        self.answer(self.service.check_pin(pin), checked)

    def touch(self) -> None:
        if self.session is not None:
            self.session.touch()

    def leave(self, reason: str = "leave"):
        """Close the console; the end of a session is audited (returns that write's Future, or None)."""
        if self.overlay is None:
            return None
        was_in = self.session is not None
        self.overlay.close_console()
        self.overlay.hide()
        self.session = None
        if was_in and self.service is not None:
            return self.service.audit("mode." + reason)
        return None

    def save_config(self, changes: dict, done) -> None:
        """Validate, write and audit ``changes`` off the GUI thread, then apply them live;
        ``done(message, ok)`` runs on the GUI thread."""
        from screens.widgets import tr

        service = self.service

        def finished(result, error) -> None:
            if error is not None:
                done(tr("未保存") + ": " + str(error), False)
                return
            cfg, diffs = result
            if not diffs:
                done(tr("没有改动"), True)
                return
            restart = service.apply_config(cfg, diffs)
            if self.overlay is not None and self.overlay.isVisible():
                self.overlay.raise_()
            if restart:
                done(tr("已保存。以下设置需要重启后生效：") + ", ".join(restart), True)
            else:
                done(tr("已保存，并已立即生效。"), True)

        self.answer(service.save_config(changes), finished)

    def _quit_after(self, what: str, code: int) -> None:
        """Audit ``what``, close the console, and quit with ``code`` once both are written (the
        store closes when the application ends). The writer keeps their order: the last done
        means both are."""
        written = self.service.audit(what)
        ended = self.leave("leave")
        self.answer(ended or written, lambda *_: self.quit(code))

    def restart(self) -> None:
        self._quit_after("kiosk.restart", EXIT_TECHNICIAN_RESTART)

    def exit_to_desktop(self) -> None:
        self._quit_after("kiosk.exit_to_desktop", EXIT_TO_DESKTOP)


def install(shell, root: QWidget) -> None:
    """Called by ShellWindow each time it builds its widgets."""
    mode = getattr(shell, "_technician", None)
    if mode is None:
        mode = TechnicianMode(shell)
        shell._technician = mode
    mode.attach(root)
