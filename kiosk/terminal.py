"""The terminal without its screen: one object that builds and owns the core parts. No Qt.

:class:`Terminal` is built once from a :class:`kiosk.config.KioskConfig` and is what the kiosk
(``kiosk.app.Kiosk`` adds the GUI on top), the technician CLI (``kiosk.diag``), the demo, the
simulated rig and the scenario runner all use, instead of each wiring the store, the platform
client and the devices its own way. Its parts:

========================  ======================================================================
``local_key``, ``store``  the terminal's local data key and its SQLite store (created at first use)
``client``                the signed platform client (the secret is read per attempt)
``devices``               the device manager (a thread per device, once started)
``cancels``               printer jobs still to cancel (``kiosk.cancels``)
``sync``                  the sync worker: outbox, job completion, catalogue, remote config
``session``               the session state machine, with its ``controller`` (the visit's effects)
``monitoring``            heartbeats, ``device.status`` events and ``/metrics``
``voice``, ``previews``,  voice guidance, page images of the document being previewed, the
``usage``, ``schedule``   home screen's use counts, opening hours and the daily restart
``remote_config``         what the platform sets centrally (``kiosk.remote_config``)
``catalogue_feed``        the cached catalogue, then its search index, for the screens
========================  ======================================================================

Each part is built on first use, so ``kiosk.diag status`` opens the devices without a store and
``kiosk.diag sync`` opens the store and the client without a device. :meth:`build` builds what
a serving terminal needs, in order, and recovers what the last run left behind; :meth:`start`
starts its threads; :meth:`stop` stops and closes whatever was built (also on leaving a
``with Terminal(cfg) as t:`` block), and may be called more than once.

Listeners: :meth:`on_sync_state` (the sync worker's thread), :meth:`on_catalogue` (through
``post``), :meth:`on_config_changed` (the caller's thread: the GUI thread in the kiosk). Results
reach the thread that owns the session only through ``post``: the kiosk passes its Qt bridge's;
without one they run at once on the worker that produced them.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from functools import cached_property
from pathlib import Path
from typing import Callable

from drivers.base import DeviceEvent, EventKind
from kiosk import memory
from kiosk.catalogue_feed import CatalogueFeed
from kiosk.live_config import apply_to_parts

log = logging.getLogger(__name__)

#: session states (their values) in which no visit is under way: reaching one wipes the visit
VISIT_OVER = frozenset({"home", "attract", "take_card"})

# The devices and sync start once the first screen is painted, or after this long without it.
FIRST_PAINT_WAIT_S = 10.0

#: ``storage.dir/status.json``: what the running terminal sees, for ``kiosk.diag status``
STATUS_FILE = "status.json"
#: ended jobs' rows and expired documents are purged at most this often
RETENTION_EVERY = dt.timedelta(hours=6)


def _call_now(fn: Callable[[], None]) -> None:
    fn()


class Terminal:
    """The core parts of one terminal, built from ``cfg`` on first use (see the module's doc)."""

    def __init__(self, cfg, *, clock: Callable[[], float] | None = None,
                 post: Callable[[Callable[[], None]], None] | None = None, voice_sink=None):
        """``clock`` (seconds, monotonic) drives the session's idle time (the scenario runner
        moves it on); ``post`` runs a callable on the thread that owns the session (default: at
        once); ``voice_sink`` replaces the audio output of voice guidance (kiosk.voice.audio)."""
        self.cfg = cfg
        self.clock = clock
        self.post = post or _call_now
        self.voice_sink = voice_sink
        self.started_at = dt.datetime.now()
        #: set once the first screen has been painted (by the kiosk; at start() without a screen):
        #: work no first screen waits for (the search index, /metrics) waits for it, so that it
        #: does not compete with building and painting that screen for the interpreter
        self.first_paint = threading.Event()
        self._sync_listeners: list[Callable] = []
        self._config_listeners: list[Callable] = []
        # built here, not on first use: the sync worker and the GUI may both reach it first
        self.catalogue_feed = CatalogueFeed(lambda: self.store, self.post, self.first_paint,
                                            default=(self.show_catalogue, self._give_search_index))
        self._last_retention: dt.datetime | None = None
        self._built = self._started = self._stopped = False
        self._start_lock = threading.Lock()
        memory.limit_arenas()  # before any worker thread allocates

    # -- the parts, each built on first use ---------------------------------------------
    @cached_property
    def _opened(self):
        from kiosk.data_at_rest import open_store

        # Data at rest is keyed with the terminal's own local key, never with the platform secret
        # (the secret is passed only to move a store written by an older version).
        return open_store(self.cfg, secret=self.cfg.secret())

    @property
    def store(self):
        """The store, opened with the local data key (both created at first start). Raises
        ConfigError (no secret), StoreError or LocalKeyError."""
        return self._opened[0]

    @property
    def local_key(self):
        return self._opened[1]

    @cached_property
    def client(self):
        from kiosk.platform_client import client_from_config

        return client_from_config(self.cfg)

    @cached_property
    def devices(self):
        from drivers.manager import DeviceManager

        devices = DeviceManager.from_config(self.cfg)
        devices.subscribe(_remember_identity)  # first: before anything else can log the card
        return devices

    @cached_property
    def cancels(self):
        from kiosk.cancels import PendingCancels

        return PendingCancels(self.store, self.devices)

    def make_sync_worker(self, **kw):
        """A sync worker on this terminal's store and client, with its keys and ``[sync]``
        settings; ``kw`` overrides (``kiosk.diag sync`` runs a quicker one of its own)."""
        from kiosk.sealed import unseal
        from kiosk.sync import SyncWorker

        key, sync = self.local_key, self.cfg.sync
        kw.setdefault("interval_s", sync.interval_s)
        kw.setdefault("batch_size", sync.batch_size)
        kw.setdefault("unseal", lambda blob: unseal(key.sealing, blob))
        kw.setdefault("id_digest", key.id_digest_of_sha256)
        return SyncWorker(self.store, self.client, **kw)

    @cached_property
    def sync(self):
        """The terminal's own sync worker (remote config, catalogue, state to the listeners)."""
        return self.make_sync_worker(config_pull_s=self.cfg.sync.config_pull_s, on_change=self._sync_changed,
                                     apply_config=self.remote_config.apply, on_catalogue=self.load_catalogue)

    @cached_property
    def remote_config(self):
        from kiosk.remote_config import RemoteConfig

        return RemoteConfig(self, self.post)

    @cached_property
    def previews(self):
        from kiosk.preview import PreviewCache

        return PreviewCache()

    @cached_property
    def session(self):
        """The session, with its controller (which runs the effects) subscribed."""
        from kiosk.session import BusyDeadlines, IdleClock, Session

        s = self.cfg.session
        session = Session(idle=IdleClock(s.idle_timeout_s, s.countdown_s, s.extend_s), clock=self.clock,
                          take_card_timeout_s=s.take_card_timeout_s,
                          deadlines=BusyDeadlines(s.verify_deadline_s, s.prepare_deadline_s,
                                                  s.print_deadline_margin_s, s.print_deadline_per_page_s))
        self.__dict__["session"] = session  # the controller below reads it
        _ = self.controller
        session.on_change(self._after_change)
        return session

    @cached_property
    def controller(self):
        from kiosk.visit import VisitController

        return VisitController(self.session, store=self.store, client=self.client, devices=self.devices,
                               terminal_name=self.cfg.terminal.name, post=self.post, previews=self.previews,
                               sealing_key=self.local_key.sealing, id_digest=self.local_key.id_digest,
                               cancels=self.cancels)

    @cached_property
    def monitoring(self):
        from kiosk.monitoring import TerminalMonitoring

        return TerminalMonitoring(self.cfg, self.store, self.devices, lambda: self.sync.state)

    @cached_property
    def usage(self):
        from kiosk.usage import UsageCounts

        usage = UsageCounts(self.store)
        usage.load()
        return usage

    @cached_property
    def voice(self):
        from kiosk import voice

        return voice.from_config(self.cfg, sink=self.voice_sink)

    @cached_property
    def schedule(self):
        from kiosk.schedule import Schedule

        return Schedule.from_config(self.cfg)

    def tool_store(self, *, documents: bool = True, create: bool = False, busy_timeout_s: float | None = None):
        """The store for a tool beside the running kiosk, or None when there is none yet
        (:func:`kiosk.data_at_rest.open_tool_store`). The caller closes it."""
        from kiosk.data_at_rest import open_tool_store

        return open_tool_store(self.cfg, documents=documents, create=create, busy_timeout_s=busy_timeout_s)

    # -- life cycle -----------------------------------------------------------------------
    def build(self) -> "Terminal":
        """Every part a serving terminal needs, in order (call on the thread that will own the
        session). What the last run left is settled first: a job that was printing is marked
        for verification, expired documents and a dead visit's certificates are removed."""
        if self._built:
            return self
        from kiosk import print_jobs

        store = self.store
        for job in store.recover_interrupted():
            log.warning("job %s was printing when the kiosk stopped: marked for verification", job.id)
        print_jobs.purge_expired(store)   # expired documents never outlive a restart
        print_jobs.sweep_orphans(store)   # nor do certificates of a visit that died with the process
        _ = self.client, self.sync, self.devices
        self.session.on_change(self.monitoring.visits.observe)
        _ = self.usage, self.voice
        self._built = True
        return self

    def start(self, *, screen: bool = False) -> "Terminal":
        """Build if need be, then start the devices, the pending cancels, sync, monitoring, voice.
        ``screen``: the caller sets :attr:`first_paint` when its first screen is painted (else
        it is set now)."""
        self.build()
        if not screen:
            self.first_paint.set()
        if not self._started:
            self._started = True
            self.monitoring.start(serve_after=self.first_paint)
            if self.first_paint.is_set():
                self._start_workers()
            else:  # their imports (python-escpos, requests…) would hold the GIL while the screen is built
                threading.Thread(target=self._start_workers, args=(FIRST_PAINT_WAIT_S,),
                                 name="start-after-paint", daemon=True).start()
        return self

    def _start_workers(self, wait_s: float | None = None) -> None:
        """The devices, the pending cancels, sync and voice: at once, or (``wait_s``) once the
        first screen is painted, or after ``wait_s`` seconds whatever happened to the paint."""
        if wait_s is not None:
            self.first_paint.wait(wait_s)
        with self._start_lock:
            if self._stopped:
                return
            # Each on its own: on the start thread an exception would end the thread unseen, and
            # a part that cannot start must not keep the others (sync, the card reader) from it.
            for name, start in (("devices", lambda: self.devices.start()),
                                ("pending cancels", lambda: self.cancels.restore()),  # a previous run's
                                ("sync", lambda: self.sync.start()), ("voice", lambda: self.voice.start())):
                try:
                    start()
                except Exception:
                    log.exception("%s did not start; the terminal runs without it", name)

    def stop(self) -> None:
        """Stop the threads and close what was built (only that; a second call does nothing)."""
        with self._start_lock:  # a start still waiting for the first paint will not happen now
            if self._stopped:
                return
            self._stopped = True
        built = self.__dict__
        if "sync" in built:
            self.sync.stop()
        if "monitoring" in built:
            self.monitoring.stop()
        if "voice" in built:
            self.voice.stop()
        if "devices" in built:
            self.devices.stop()
        if "controller" in built:
            self.controller.shutdown()  # stops the pending cancels too
        elif "cancels" in built:
            self.cancels.stop()
        if "usage" in built:
            self.usage.close()
        if "client" in built:
            self.client.close()
        if "_opened" in built:
            self.store.close()

    def __enter__(self) -> "Terminal":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- listeners ------------------------------------------------------------------------
    def on_sync_state(self, listener: Callable[[object], None]) -> None:
        """``listener(kiosk.sync.SyncState)`` after each sync cycle that changed it (sync thread)."""
        self._sync_listeners.append(listener)

    def on_catalogue(self, listener: Callable[[object, None], None],
                     search_index: Callable[[object, object], None] | None = None) -> None:
        """``listener(catalogue, None)`` for each new cached catalogue, then, once
        :attr:`first_paint` is set, ``search_index(catalogue, index)`` with its search index;
        both through ``post``. Without a listener the session gets both (:meth:`show_catalogue`)."""
        self.catalogue_feed.listen(listener, search_index)

    def on_config_changed(self, listener: Callable[[object, list[str]], None]) -> None:
        """``listener(cfg, keys)`` once the core has applied a config change (:meth:`apply_config`);
        the shell subscribes here and shows what it shows (name, theme, language) itself."""
        self._config_listeners.append(listener)

    def _sync_changed(self, state) -> None:
        if self._stopped:  # a cycle that outlived stop(): its store is closed, its listeners gone
            return
        for listener in list(self._sync_listeners):
            listener(state)
        self.load_catalogue()

    def _after_change(self, session, old, new, intent) -> None:
        if new in VISIT_OVER and old not in VISIT_OVER:  # the visit was wiped: its memory goes back
            self.post(memory.release)  # after every listener (the screens drop their previews first)
        if intent in ("choose_service", "choose_licence", "choose_guide") and session.visit.service_id:
            self.usage.record(session.visit.service_id)
        if intent in ("printed", "queued", "rate", "skip", "print_failed"):
            self.sync.kick()

    # -- the catalogue --------------------------------------------------------------------
    def load_catalogue(self) -> None:
        """Hand a new cached catalogue, then its search index, to the listeners
        (:meth:`kiosk.catalogue_feed.CatalogueFeed.load`; on the calling worker thread)."""
        self.catalogue_feed.load()

    def load_catalogue_soon(self) -> None:
        """:meth:`load_catalogue` on a thread of its own (never on the GUI thread)."""
        self.catalogue_feed.load_soon()

    def show_catalogue(self, catalogue, index) -> None:
        """Give the session ``catalogue`` (less ``services.disabled``) and its search index."""
        self._catalogue_shown = catalogue
        self.session.search_index = index
        give_catalogue(self.session, self.cfg, catalogue)

    def _give_search_index(self, catalogue, index) -> None:
        if getattr(self, "_catalogue_shown", None) is catalogue:
            self.session.search_index = index

    # -- config changes at run time -------------------------------------------------------
    def apply_config(self, cfg, keys) -> None:
        """``cfg`` becomes the running config; the core parts that ``keys`` (dotted config keys)
        touch follow it now: the idle clock, platform timeouts, the visit's terminal name,
        printer offsets, the schedule. Then the :meth:`on_config_changed` listeners are told.
        Call on the thread that owns the session (the GUI thread in the kiosk)."""
        keys = sorted(set(keys))
        self.cfg = cfg
        apply_to_parts(self, cfg, keys)
        if keys:
            for listener in list(self._config_listeners):
                listener(cfg, keys)

    # -- the schedule and upkeep ----------------------------------------------------------
    def restart_due(self, now: dt.datetime) -> bool:
        """The daily restart is due (the caller checks that nobody is being served)."""
        return self.schedule.restart_due(self.started_at, now)

    def purge_when_due(self, now: dt.datetime) -> None:
        """Every RETENTION_EVERY: ended jobs' rows older than storage.retention_days and expired
        documents deleted, on a thread of its own."""
        if self._last_retention is None or now - self._last_retention > RETENTION_EVERY:
            self._last_retention = now
            threading.Thread(target=self._purge_retention, name="retention", daemon=True).start()

    def _purge_retention(self) -> None:
        try:
            self.store.purge_expired()
            self.store.purge_retention(self.cfg.storage.retention_days)
        except Exception as e:
            log.warning("retention purge failed: %s", e)

    # -- what the terminal sees -----------------------------------------------------------
    def status_view(self) -> dict:
        """What ``kiosk.diag status`` reports of the running terminal (on the session's thread)."""
        state = self.sync.state
        return {"terminal": self.cfg.terminal.id, "state": self.session.state.value,
                "devices": {n: device_status(self.devices, n) for n in self.devices.names()},
                "network": {"online": state.online, "last_ok_at": state.last_ok_at,
                            "base_url": self.cfg.platform.base_url},
                "voice": self.voice.status(),
                "monitoring": self.monitoring.status()}

    def publish_status(self) -> None:
        """Write :meth:`status_view` to ``storage.dir/status.json``, on a thread of its own."""
        threading.Thread(target=_write_json, args=(Path(self.cfg.storage.dir) / STATUS_FILE, self.status_view()),
                         name="status-writer", daemon=True).start()


def give_catalogue(session, cfg, catalogue) -> None:
    """``session``'s catalogue and services: ``catalogue`` less the services ``cfg`` switches off
    (``services.disabled``, which the remote config may set)."""
    from kiosk.catalogue import without

    shown = without(catalogue, set(cfg.services.disabled))
    session.catalogue, session.services = shown, shown.services


def device_status(devices, name: str) -> dict:
    """One device's status as ``kiosk.diag status`` reports it."""
    status = devices.status(name)
    return {"driver": devices.driver_name(name), "state": status.state.value,
            "detail": dict(status.detail), "message": status.message}


def _remember_identity(event: DeviceEvent) -> None:
    """On the reader's thread: a card's name and address are masked in every log line from now."""
    if event.kind == EventKind.CARD_READ and event.data.get("card") is not None:
        from kiosk.logs import remember_identity

        remember_identity(event.data["card"])


def _write_json(path: Path, view: dict) -> None:
    from offline_cache.atomic import write_atomic

    try:
        write_atomic(path, json.dumps(view, ensure_ascii=False))
    except OSError as e:
        log.warning("could not write %s: %s", path.name, e)
