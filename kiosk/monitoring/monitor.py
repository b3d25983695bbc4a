"""The monitor: one daemon thread that turns what the terminal knows into a snapshot, the
``device.status`` events and the coalesced ``terminal.heartbeat`` (issue 18).

Inputs arrive from other threads and are only recorded there: device events (device threads),
visit transitions (the GUI thread, through :class:`VisitTally`), the sync state (a thread-safe
property). Everything that reads the store or writes the outbox runs in :meth:`tick`, on the
monitor's thread, or on the caller's in tests, which pass their own clock.
"""
from __future__ import annotations

import logging
import queue
import shutil
import threading
import time
from importlib import metadata
from pathlib import Path
from typing import Callable

from drivers.base import DeviceEvent, EventKind
from kiosk.monitoring.device_states import Debouncer, classify
from kiosk.monitoring.paper import PaperCounters
from kiosk.monitoring.snapshot import SnapshotBoard, TerminalSnapshot, iso
from kiosk.monitoring.visits import VisitTally
from offline_cache import JobState, StoreError

log = logging.getLogger(__name__)

PRINTER_CLASSES = ("document", "licence")
REFRESH_S = 2.0          # snapshot period when nothing happens (a scrape sees at most this age)
CATALOGUE_EVERY_S = 30.0  # the cached catalogue is parsed for its version this often


def software_version() -> str:
    try:
        return metadata.version("efz-kiosk")
    except metadata.PackageNotFoundError:  # the PyInstaller bundle carries no package metadata
        from kiosk import __version__

        return __version__


class Monitor:
    def __init__(self, store, devices, *, sync_state: Callable[[], object], storage_dir: Path,
                 heartbeat_s: float = 60.0, debounce_s: float = 2.0, paper_capacity: dict | None = None,
                 visits: VisitTally | None = None, clock: Callable[[], float] = time.time,
                 refresh_s: float = REFRESH_S, version: str | None = None):
        self.store = store
        self.devices = devices
        self.sync_state = sync_state
        self.storage_dir = Path(storage_dir)
        self.heartbeat_s = heartbeat_s
        self.refresh_s = refresh_s
        self.clock = clock
        self.version = version or software_version()
        self.visits = visits or VisitTally(clock)
        self.board = SnapshotBoard()
        self.debouncer = Debouncer(debounce_s)
        self.watched = [n for n in devices.names() if devices.has(n)]
        printers = [n for n in self.watched if devices.device_class(n) in PRINTER_CLASSES]
        self.paper = PaperCounters(store, printers, paper_capacity or {})
        self.started_at = clock()
        self._next_heartbeat = self.started_at + min(5.0, heartbeat_s)  # "I am up", then the period
        self._catalogue: tuple[float, str | None] = (float("-inf"), None)
        self._sheets: queue.SimpleQueue = queue.SimpleQueue()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.heartbeats = 0
        devices.subscribe(self.on_device_event)

    # ------------------------------------------------------------------ inputs (any thread)
    def on_device_event(self, event: DeviceEvent) -> None:
        """Device listener: record, wake the monitor; no I/O on the device's thread."""
        if event.kind == EventKind.STATUS_CHANGED and event.device in self.watched:
            self._observe(event.device, self.clock())
            self._wake.set()
        elif event.kind == EventKind.JOB_COMPLETED and event.device in self.paper.printers:
            sheets = event.data.get("sheets", event.data.get("pages"))
            if isinstance(sheets, int) and sheets > 0:
                self._sheets.put((event.device, sheets))
                self._wake.set()

    def _observe(self, device: str, now: float) -> None:
        verdict = classify(self.devices.status(device))
        if verdict is not None:
            self.debouncer.observe(device, *verdict, now)

    def refill(self, printer: str, sheets: int | None = None) -> dict:
        """A technician refilled ``printer`` (store write: call off the GUI thread)."""
        record = self.paper.refill(printer, sheets)
        self._wake.set()
        return record

    @property
    def snapshot(self) -> TerminalSnapshot | None:
        return self.board.latest()

    # ------------------------------------------------------------------ the thread
    def start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="monitor", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:  # the monitor must outlive any one failure (a full disk, a bug)
                log.exception("monitor tick failed")
            now = self.clock()
            wake_at = [now + self.refresh_s, self._next_heartbeat]
            due = self.debouncer.next_due()
            if due is not None:
                wake_at.append(due)
            self._wake.wait(max(0.05, min(wake_at) - now))
            self._wake.clear()

    def tick(self, now: float | None = None) -> TerminalSnapshot:
        """One pass: count sheets, report settled device changes, publish a snapshot, send the
        heartbeat when due. Returns the snapshot it published."""
        now = self.clock() if now is None else now
        self._count_sheets()
        for device in self.watched:  # also catches a state set before we subscribed
            self._observe(device, now)
        for device, report, old in self.debouncer.due(now):
            self._record_status(device, report, old)
        snapshot = self._take(now)
        self.board.publish(snapshot)
        if now >= self._next_heartbeat:
            self._next_heartbeat = now + self.heartbeat_s
            try:
                self.store.replace_event("terminal.heartbeat", snapshot.heartbeat_data())
                self.heartbeats += 1
            except StoreError as e:
                log.warning("heartbeat not queued: %s", e)
        return snapshot

    def _count_sheets(self) -> None:
        while True:
            try:
                printer, sheets = self._sheets.get_nowait()
            except queue.Empty:
                return
            try:
                self.paper.add(printer, sheets)
            except StoreError as e:
                log.warning("sheets of %s not counted: %s", printer, e)

    def _record_status(self, device: str, report, old) -> None:
        log.info("device %s: %s (%s)", device, report.state, report.code)
        try:
            self.store.add_event("device.status", {"device": device, "state": report.state, "code": report.code,
                                                   "since": iso(report.since),
                                                   "previous": old.state if old is not None else None})
        except StoreError as e:
            log.warning("device.status of %s not queued: %s", device, e)

    # ------------------------------------------------------------------ the snapshot
    def _take(self, now: float) -> TerminalSnapshot:
        sync = self.sync_state()
        jobs = dict.fromkeys((s.value for s in JobState), 0)
        depth = 0
        try:
            jobs.update(self.store.counts())
            depth = self.store.outbox_depth()
        except StoreError as e:
            log.debug("snapshot without store figures: %s", e)
        try:
            free = shutil.disk_usage(self.storage_dir).free
        except OSError:
            free = None
        try:
            paper = self.paper.reports()
        except StoreError:
            paper = {}
        return TerminalSnapshot(
            version=self.version, started_at=self.started_at, taken_at=now,
            online=getattr(sync, "online", None), last_ok_at=getattr(sync, "last_ok_at", None),
            outbox_depth=depth, jobs=jobs, catalogue_version=self._catalogue_version(now),
            config_version=self._meta("config_etag"), disk_free_bytes=free,
            devices=self.debouncer.reported(), paper=paper, visits=self.visits.counts())

    def _meta(self, key: str) -> str | None:
        try:
            value = self.store.get_meta(key)
        except StoreError:
            return None
        return value[:128] if value else None

    def _catalogue_version(self, now: float) -> str | None:
        checked, version = self._catalogue
        if now - checked >= CATALOGUE_EVERY_S:
            try:
                cached = self.store.catalogue()
                raw = cached[0].get("version") if cached and isinstance(cached[0], dict) else None
                version = str(raw)[:128] if raw is not None else None
            except (StoreError, ValueError):
                pass
            self._catalogue = (now, version)
        return version
