"""The running kiosk: the Qt-free core (kiosk.terminal.Terminal) and the GUI on top of it."""
from __future__ import annotations

import datetime as dt
import logging
import threading

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication

from drivers.base import DeviceEvent, EventKind
from kiosk import availability, inputs, memory
from kiosk.config import KioskConfig
from kiosk.exit_codes import EXIT_START_AFRESH
from kiosk.qt_bridge import QtBridge
from kiosk.session import SessionState
from kiosk.live_config import SCHEDULE_KEYS
from kiosk.terminal import Terminal, give_catalogue

log = logging.getLogger(__name__)


def _core(name: str) -> property:
    """A part of the core (``kiosk.terminal.Terminal``), read and set through the kiosk."""
    return property(lambda self: getattr(self.terminal, name),
                    lambda self, value: setattr(self.terminal, name, value),
                    doc=f"``self.terminal.{name}``")


class Kiosk(QObject):
    """The terminal's core and its window. Construct on the GUI thread.

    Everything that is not the GUI (store, platform client, sync, devices, session, controller,
    monitoring, voice, schedule) is :attr:`terminal`'s, reachable here under the same names. This
    class adds the shell window, the Qt bridge that brings the core's results onto the GUI
    thread, the timers, and what is shown when (a new catalogue, the closed screen)."""

    cfg = _core("cfg")
    store = _core("store")
    local_key = _core("local_key")
    client = _core("client")
    sync = _core("sync")
    devices = _core("devices")
    session = _core("session")
    controller = _core("controller")
    previews = _core("previews")
    monitoring = _core("monitoring")
    usage = _core("usage")
    voice = _core("voice")
    remote_config = _core("remote_config")
    schedule = _core("schedule")
    first_paint = _core("first_paint")

    def __init__(self, cfg: KioskConfig, *, clock=None, voice_sink=None):
        """``clock`` (seconds, monotonic) drives the session's idle time; the scenario runner
        passes one it can move on, so idle timeouts come due without real waiting.
        ``voice_sink`` replaces the audio output of voice guidance (kiosk.voice.audio)."""
        super().__init__()
        from kiosk.reach import Panel
        from screens.i18n import I18n
        from screens.shell import ShellWindow
        from screens.theme import Theme

        QPixmapCache.setCacheLimit(memory.PIXMAP_CACHE_KB)
        self.bridge = QtBridge(self)
        core = self.terminal = Terminal(cfg, clock=clock, post=self.bridge.post, voice_sink=voice_sink).build()
        core.devices.subscribe(self.bridge.on_device_event)
        core.on_sync_state(self.bridge.on_sync_state)
        core.on_catalogue(self._set_catalogue, self._set_search_index)
        self.session.on_change(self._after_change)
        self.i18n = I18n(QApplication.instance())
        theme = Theme(elder=cfg.ui.elder_mode, portrait=cfg.ui.orientation == "portrait")
        self.window = ShellWindow(self.session, terminal_name=cfg.terminal.name, theme=theme,
                                  terminal_name_en=cfg.terminal.name_en,
                                  previews=self.previews, i18n=self.i18n, voice=self.voice,
                                  panel=Panel.from_config(cfg), low_reach=cfg.ui.low_reach)
        self.window.kiosk = self
        self.window.set_language(cfg.ui.language)
        self.bridge.device_event.connect(self._on_device_event)
        self.bridge.sync_state.connect(self._on_sync_state)
        core.on_config_changed(self._on_config_changed)  # the shell shows what the core applied
        self._pending_catalogue = None  # a new catalogue waiting for the resident in front to finish
        self._catalogue_full = None     # the catalogue shown, before services.disabled is applied
        core.load_catalogue_soon()      # building the search index takes a few hundred ms: not here
        self.remote_config.restore()
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self._publish_status)
        self._closed = None
        self._schedule_timer = QTimer(self)
        self._schedule_timer.timeout.connect(self._check_schedule)

    # -- lifecycle ----------------------------------------------------------------------
    def start(self, *, show: bool = True) -> None:
        self.terminal.start(screen=show)  # with a window, first_paint waits for its first paint
        self._status_timer.start(5000)
        self._schedule_timer.start(30_000)
        self._check_schedule()
        if show:
            self.show_window()
            self._paint_watch = _FirstPaint(self.window, self.first_paint)

    def show_window(self) -> None:
        """Full-screen and frameless when configured (kiosk lockdown), else a panel-sized window."""
        if self.cfg.ui.fullscreen:
            self.window.setWindowFlags(self.window.windowFlags() | Qt.FramelessWindowHint)
            self.window.showFullScreen()
        else:
            w, h = (1080, 1920) if self.cfg.ui.orientation == "portrait" else (1920, 1080)
            self.window.resize(w, h)
            self.window.show()

    def stop(self) -> None:
        self.bridge.close()  # what the workers still send is for a window about to go
        self._status_timer.stop()
        self._schedule_timer.stop()
        self.window.timer.stop()
        self.terminal.stop()

    def _check_schedule(self, now: dt.datetime | None = None) -> None:
        """Blank the screen outside opening hours; restart at the quiet hour while nobody is served."""
        now = now or dt.datetime.now()
        self.terminal.purge_when_due(now)
        idle = self.session.state in (SessionState.HOME, SessionState.ATTRACT)
        if idle and self.terminal.restart_due(now):
            log.info("daily restart")
            QApplication.instance().exit(EXIT_START_AFRESH)
            return
        closed = not self.schedule.is_open(now)
        if closed and idle:
            if self._closed is None:
                from screens.closed import ClosedOverlay

                self._closed = ClosedOverlay(self.window.centralWidget())
            hours = self.cfg.schedule.opening_hours.replace("-", "–")
            self._closed.show_closed(hours)
        elif self._closed is not None and not closed:
            self._closed.hide()

    def _publish_status(self) -> None:
        """Write what the kiosk sees to status.json for ``kiosk.diag status`` (off the GUI thread);
        a catalogue that waited for an idle home screen is shown first."""
        self._apply_pending_catalogue()
        self.terminal.publish_status()

    # -- on the GUI thread ----------------------------------------------------------------
    def _on_config_changed(self, cfg, keys) -> None:
        """The core applied a config change (technician screen, remote config): show it."""
        self.window.apply_config(cfg, keys)
        if SCHEDULE_KEYS & set(keys):
            self._check_schedule()
        if "services.disabled" in keys:
            self.refresh_services()

    def _set_catalogue(self, catalogue, index) -> None:
        """A new catalogue shows at once on an idle home screen; under a resident (in a visit,
        or browsing a category or the search) it waits until they are done."""
        self._pending_catalogue = (catalogue, index)
        self._apply_pending_catalogue()

    def _set_search_index(self, catalogue, index) -> None:
        """The search index of ``catalogue``, for the search once that catalogue is shown."""
        if self._pending_catalogue is not None and self._pending_catalogue[0] is catalogue:
            self._pending_catalogue = (catalogue, index)
        elif self._catalogue_full is catalogue:
            self.session.search_index = index
            home = self.window.screens["home"]
            if home.browse.view == "search" and home.browse.query:
                home.refresh()  # a resident who typed before the index was built sees its results

    def _apply_pending_catalogue(self) -> None:
        if self._pending_catalogue is None:
            return
        at_home = self.session.state in (SessionState.HOME, SessionState.ATTRACT)
        if not at_home or not self.window.screens["home"].at_top():
            return
        catalogue, index = self._pending_catalogue
        self._pending_catalogue = None
        self._catalogue_full = catalogue
        self.session.search_index = index
        log.info("catalogue %s shown (%d services)", catalogue.version, len(catalogue.services))
        self._show_catalogue()

    def _show_catalogue(self) -> None:
        give_catalogue(self.session, self.cfg, self._catalogue_full)  # less the switched-off services
        self._update_popular()
        self._refresh_availability()
        if self.session.state == SessionState.HOME:
            self.window.show_state(SessionState.HOME)

    def refresh_services(self) -> None:
        """Apply ``services.disabled`` to the catalogue already shown (GUI thread)."""
        if getattr(self, "_catalogue_full", None) is not None:
            self._show_catalogue()

    def _update_popular(self) -> None:
        self.window.screens["home"].set_popular(self.usage.top(4, among=self.session.services))

    def _on_sync_state(self, state) -> None:
        if self.bridge.closed:  # queued before the stop: the window is going
            return
        self.window.set_online(state.online)
        self._publish_status()  # kiosk.diag status follows the platform as promptly as the header

    def _on_device_event(self, event: DeviceEvent) -> None:
        if self.bridge.closed:  # queued before the stop: the window is going
            return
        if event.kind == EventKind.STATUS_CHANGED:
            self._refresh_availability()
            return
        device_class = self.devices.device_class(event.device) if event.device in self.devices.names() else ""
        inputs.route(self.session, event, device_class=device_class)
        self.window.on_device_event(event)

    def _refresh_availability(self) -> None:
        statuses = {n: self.devices.status(n) for n in self.devices.names() if self.devices.has(n)}
        self.window.set_availability(availability.service_problems(self.session.services, statuses))
        self.window.set_device_problem(availability.device_summary(statuses))
        self.window.set_licence_stock(availability.licence_stock(statuses))

    def _after_change(self, session, old, new, intent) -> None:
        if intent in ("choose_service", "choose_licence", "choose_guide") and session.visit.service_id:
            self._update_popular()  # the core counted the use first
        if new in (SessionState.HOME, SessionState.ATTRACT) and self._pending_catalogue is not None:
            self.bridge.post(self._apply_pending_catalogue)  # after the shell has wiped the screens


class _FirstPaint(QObject):
    """Sets ``done`` in the event loop's turn after ``window`` (or its central widget) is first
    painted. It watches those two widgets only: a filter on the whole application would see
    every event of the start (thousands, each a call into Python) to find one."""

    def __init__(self, window, done: threading.Event):
        super().__init__(window)
        self._done = done
        self._watched = [w for w in (window, window.centralWidget()) if w is not None]
        for w in self._watched:
            w.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Paint and not self._done.is_set():
            for w in self._watched:
                w.removeEventFilter(self)
            QTimer.singleShot(0, self._done.set)
        return False
