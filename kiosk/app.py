"""Builds the running kiosk from its config: store, platform, sync, devices, session, window."""
from __future__ import annotations

import datetime as dt
import logging
import threading

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from drivers.base import DeviceEvent, EventKind
from drivers.manager import DeviceManager
from kiosk import availability, inputs
from kiosk.config import KioskConfig
from kiosk.preview import PreviewCache
from kiosk.qt_bridge import QtBridge
from kiosk.exit_codes import EXIT_START_AFRESH
from kiosk.schedule import Schedule
from kiosk.session import BusyDeadlines, IdleClock, S, Session
from kiosk.visit import VisitController

log = logging.getLogger(__name__)


class Kiosk(QObject):
    """Owns every part of the running terminal. Construct on the GUI thread."""

    def __init__(self, cfg: KioskConfig, *, clock=None, voice_sink=None):
        """``clock`` (seconds, monotonic) drives the session's idle time; the scenario runner
        passes one it can move on, so idle timeouts come due without real waiting.
        ``voice_sink`` replaces the audio output of voice guidance (kiosk.voice.audio)."""
        super().__init__()
        from kiosk.platform_client import PlatformClient
        from kiosk.data_at_rest import open_store
        from kiosk.sync import SyncWorker
        from screens.i18n import I18n
        from screens.shell import ShellWindow
        from screens.theme import Theme

        self.cfg = cfg
        secret = cfg.secret()
        # Data at rest is keyed with the terminal's own local key, never with the platform secret
        # (the secret is passed only to move a store written by an older version).
        self.store, self.local_key = open_store(cfg, secret=secret)
        for job in self.store.recover_interrupted():
            log.warning("job %s was printing when the kiosk stopped: marked for verification", job.id)
        from kiosk import print_jobs

        print_jobs.purge_expired(self.store)   # expired documents never outlive a restart
        print_jobs.sweep_orphans(self.store)   # nor do certificates of a visit that died with the process
        self.client = PlatformClient(cfg.platform.base_url, cfg.terminal.id, cfg.secret,
                                     timeout=(cfg.platform.connect_timeout_s, cfg.platform.timeout_s),
                                     ca_bundle=cfg.platform.ca_bundle or None)
        self.bridge = QtBridge(self)
        self._catalogue_etag: str | None = "-"
        self._catalogue_lock = threading.Lock()
        from kiosk.sealed import unseal

        seal_key = self.local_key.sealing
        from kiosk.remote_config import RemoteConfig

        self.remote_config = RemoteConfig(self, self.bridge.post)
        self.sync = SyncWorker(self.store, self.client, interval_s=cfg.sync.interval_s,
                               batch_size=cfg.sync.batch_size, config_pull_s=cfg.sync.config_pull_s,
                               on_change=self._on_sync_change, unseal=lambda blob: unseal(seal_key, blob),
                               apply_config=self.remote_config.apply, id_digest=self.local_key.id_digest_of_sha256,
                               on_catalogue=self._load_catalogue)
        self.devices = DeviceManager.from_config(cfg)
        self.devices.subscribe(_remember_identity)  # first: before anything else can log the card
        self.devices.subscribe(self.bridge.on_device_event)
        self.session = Session(idle=IdleClock(cfg.session.idle_timeout_s, cfg.session.countdown_s,
                                              cfg.session.extend_s), clock=clock,
                               take_card_timeout_s=cfg.session.take_card_timeout_s,
                               deadlines=BusyDeadlines(cfg.session.verify_deadline_s, cfg.session.prepare_deadline_s,
                                                       cfg.session.print_deadline_margin_s,
                                                       cfg.session.print_deadline_per_page_s))
        self.previews = PreviewCache()
        self.controller = VisitController(self.session, store=self.store, client=self.client,
                                          devices=self.devices, terminal_name=cfg.terminal.name,
                                          post=self.bridge.post, previews=self.previews,
                                          sealing_key=seal_key, id_digest=self.local_key.id_digest)
        self.session.on_change(self._after_change)
        from kiosk.monitoring import TerminalMonitoring

        self.monitoring = TerminalMonitoring(cfg, self.store, self.devices, lambda: self.sync.state)
        self.session.on_change(self.monitoring.visits.observe)
        self.i18n = I18n(QApplication.instance())
        theme = Theme(elder=cfg.ui.elder_mode, portrait=cfg.ui.orientation == "portrait")
        from kiosk import voice
        from kiosk.reach import Panel

        self.voice = voice.from_config(cfg, sink=voice_sink)
        self.window = ShellWindow(self.session, terminal_name=cfg.terminal.name, theme=theme,
                                  terminal_name_en=cfg.terminal.name_en,
                                  previews=self.previews, i18n=self.i18n, voice=self.voice,
                                  panel=Panel.from_config(cfg), low_reach=cfg.ui.low_reach)
        self.window.kiosk = self
        self.window.set_language(cfg.ui.language)
        self.bridge.device_event.connect(self._on_device_event)
        self.bridge.sync_state.connect(self._on_sync_state)
        self.bridge.config_changed.connect(self.window.apply_config)
        from kiosk.usage import UsageCounts

        self.usage = UsageCounts(self.store)
        self.usage.load()
        self._pending_catalogue = None  # a new catalogue waiting for the resident in front to finish
        self._catalogue_full = None     # the catalogue shown, before services.disabled is applied
        # Set once the home screen has been painted (at once when start() does not show the window):
        # work no first screen waits for (the search index, /metrics) waits for it, so that it does
        # not compete with building and painting that screen for the interpreter.
        self.first_paint = threading.Event()
        # Building the search index takes a few hundred ms: never on the GUI thread.
        threading.Thread(target=self._load_catalogue, name="catalogue-load", daemon=True).start()
        self.remote_config.restore()
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self._publish_status)
        self._started_at = dt.datetime.now()
        self.schedule = Schedule.from_config(cfg)
        self._closed = None
        self._schedule_timer = QTimer(self)
        self._last_retention: dt.datetime | None = None
        self._schedule_timer.timeout.connect(self._check_schedule)

    # -- lifecycle ----------------------------------------------------------------------
    def start(self, *, show: bool = True) -> None:
        self.devices.start()
        self.controller.cancels.restore()  # printer jobs a previous run could not cancel
        self.sync.start()
        self.monitoring.start(serve_after=self.first_paint)
        self.voice.start()
        self._status_timer.start(5000)
        self._schedule_timer.start(30_000)
        self._check_schedule()
        if show:
            self.show_window()
            self._paint_watch = _FirstPaint(self.window, self.first_paint)
        else:
            self.first_paint.set()

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
        self._status_timer.stop()
        self._schedule_timer.stop()
        self.window.timer.stop()
        self.sync.stop()
        self.monitoring.stop()
        self.voice.stop()
        self.devices.stop()
        self.controller.shutdown()
        self.usage.close()
        self.client.close()
        self.store.close()

    def _check_schedule(self, now: dt.datetime | None = None) -> None:
        """Blank the screen outside opening hours; restart at the quiet hour while nobody is served."""
        now = now or dt.datetime.now()
        if self._last_retention is None or now - self._last_retention > dt.timedelta(hours=6):
            self._last_retention = now
            threading.Thread(target=self._purge_retention, name="retention", daemon=True).start()
        idle = self.session.state in (S.HOME, S.ATTRACT)
        if idle and self.schedule.restart_due(self._started_at, now):
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

    def _purge_retention(self) -> None:
        """Ended jobs' rows are deleted after storage.retention_days (a worker thread)."""
        try:
            self.store.purge_expired()
            self.store.purge_retention(self.cfg.storage.retention_days)
        except Exception as e:
            log.warning("retention purge failed: %s", e)

    def _publish_status(self) -> None:
        self._apply_pending_catalogue()
        """Write what the kiosk sees to status.json for ``kiosk.diag status`` (off the GUI thread)."""
        from kiosk.diag.status import STATUS_FILE, status_dict

        view = {"terminal": self.cfg.terminal.id, "state": self.session.state.value,
                "devices": {n: status_dict(self.devices, n) for n in self.devices.names()},
                "network": {"online": self.sync.state.online, "last_ok_at": self.sync.state.last_ok_at,
                            "base_url": self.cfg.platform.base_url},
                "voice": self.voice.status(),
                "monitoring": self.monitoring.status()}
        threading.Thread(target=_write_atomic, args=(self.cfg.storage.dir / STATUS_FILE, view),
                         name="status-writer", daemon=True).start()

    # -- from the core (worker threads) ---------------------------------------------------
    def _on_sync_change(self, state) -> None:
        self.bridge.on_sync_state(state)
        self._load_catalogue()

    def _load_catalogue(self) -> None:
        """Read the cached catalogue (on a worker thread), group it and index it for search
        there, and hand the result to the GUI thread."""
        from kiosk.catalogue import CatalogueError, build
        from kiosk.catalogue_search import SearchIndex

        with self._catalogue_lock:
            cached = self.store.catalogue()
            etag = cached[1] if cached else None
            if cached is None or etag == self._catalogue_etag:
                return
            self._catalogue_etag = etag
            try:
                catalogue = build(cached[0])
            except (CatalogueError, Exception) as e:  # a cache from an older version: keep what is shown
                log.error("cached catalogue %s not usable: %s", etag, e)
                return
            # The catalogue is shown at once; its search index (pypinyin: half a second of CPU)
            # follows once the first screen has been painted.
            self.bridge.post(lambda: self._set_catalogue(catalogue, None))
            self.first_paint.wait()
            try:
                index = SearchIndex(catalogue.services)
            except Exception as e:
                log.error("search index of catalogue %s not built: %s", etag, e)
                return
        self.bridge.post(lambda: self._set_search_index(catalogue, index))

    # -- on the GUI thread ----------------------------------------------------------------
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

    def _apply_pending_catalogue(self) -> None:
        if self._pending_catalogue is None:
            return
        if self.session.state not in (S.HOME, S.ATTRACT) or not self.window.screens["home"].at_top():
            return
        catalogue, index = self._pending_catalogue
        self._pending_catalogue = None
        self._catalogue_full = catalogue
        self.session.search_index = index
        log.info("catalogue %s shown (%d services)", catalogue.version, len(catalogue.services))
        self._show_catalogue()

    def _show_catalogue(self) -> None:
        from kiosk.catalogue import without

        off = set(self.cfg.services.disabled)  # service switches (remote config may set them)
        shown = without(self._catalogue_full, off)
        self.session.catalogue, self.session.services = shown, shown.services
        self._update_popular()
        self._refresh_availability()
        if self.session.state == S.HOME:
            self.window.show_state(S.HOME)

    def refresh_services(self) -> None:
        """Apply ``services.disabled`` to the catalogue already shown (GUI thread)."""
        if getattr(self, "_catalogue_full", None) is not None:
            self._show_catalogue()

    def _update_popular(self) -> None:
        self.window.screens["home"].set_popular(self.usage.top(4, among=self.session.services))

    def _on_sync_state(self, state) -> None:
        self.window.set_online(state.online)
        self._publish_status()  # kiosk.diag status follows the platform as promptly as the header

    def _on_device_event(self, event: DeviceEvent) -> None:
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
            self.usage.record(session.visit.service_id)
            self._update_popular()
        if new in (S.HOME, S.ATTRACT) and self._pending_catalogue is not None:
            self.bridge.post(self._apply_pending_catalogue)  # after the shell has wiped the screens
        if intent in ("printed", "queued", "rate", "skip", "print_failed"):
            self.sync.kick()


class _FirstPaint(QObject):
    """Sets ``done`` in the event loop's turn after ``window`` (or a widget in it) is first painted."""

    def __init__(self, window, done: threading.Event):
        super().__init__(window)
        self._window, self._done = window, done
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Paint and not self._done.is_set() and obj.isWidgetType() \
                and obj.window() is self._window:
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self._done.set)
        return False


def _remember_identity(event: DeviceEvent) -> None:
    """On the reader's thread: a card's name and address are masked in every log line from now."""
    if event.kind == EventKind.CARD_READ and event.data.get("card") is not None:
        from kiosk.logs import remember_identity

        remember_identity(event.data["card"])


def _write_atomic(path, view: dict) -> None:
    import json

    from offline_cache.atomic import write_atomic

    try:
        write_atomic(path, json.dumps(view, ensure_ascii=False))
    except OSError as e:
        log.warning("could not write %s: %s", path.name, e)
