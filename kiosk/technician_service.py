"""What the technician screens may ask of the running terminal, and the rules they follow.

Qt-free. The screens reach the terminal only through a :class:`TechnicianService` (handed to them
by screens.technician.TechnicianMode): nothing of the kiosk itself. Two kinds of method:

- reads of what is already in memory (the config in force, device statuses, the sync state),
  cheap and safe on the GUI thread;
- actions, which may block (store writes with an fsync, the platform, a printer, the disk): each
  runs on a worker of this module and returns a ``concurrent.futures.Future``; the screens hand
  it to screens.technician.common.from_future and render the answer on the GUI thread.

Each action is audited here, in the worker that does it, so a screen never writes the store.
Audit events of actions that do nothing else (entering the mode, leaving it) go through one
writer thread, in the order they were asked for.
"""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

from kiosk.technician import PinGuard, audit, enrol
from kiosk.technician_rules import (clamp_offset, connectivity, offset_bounds, queue_snapshot,  # noqa: F401 - the
                                    receipt_sample, step_offset, with_options)  # screens see only this module

log = logging.getLogger(__name__)

#: the actions (network, printers, the disk): a slow one does not hold up the others
_work = ThreadPoolExecutor(max_workers=3, thread_name_prefix="technician")
#: audit events and PIN checks, one at a time and in order
_writes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="technician-audit")


def drain(timeout: float = 10.0) -> None:
    """Wait until the audit events asked for so far are written (tests; the kiosk's shutdown)."""
    _writes.submit(lambda: None).result(timeout)


def _then(future: Future, fn: Callable[[Any, BaseException | None], Any], pool=None) -> Future:
    """A Future of ``fn(result, error)`` run on ``pool`` (the writer) once ``future`` ends."""
    out: Future = Future()

    def finished(fut: Future) -> None:
        error = fut.exception()
        result = None if error is not None else fut.result()

        def run():
            try:
                out.set_result(fn(result, error))
            except BaseException as e:  # noqa: BLE001 - the caller renders it
                out.set_exception(e)

        (pool or _writes).submit(run)

    future.add_done_callback(finished)
    return out


class _NoSync:
    def kick(self) -> None:
        pass

    state = None


class TechnicianService:
    """A narrow view of the terminal for the technician screens.

    ``store`` and ``sync`` are required; the other parts are optional (a test gives what it
    exercises): ``config()`` returns the KioskConfig in force (it changes when a technician saves),
    ``devices`` the DeviceManager, ``client`` the PlatformClient, ``monitoring`` the
    TerminalMonitoring, ``export(dest) -> Path`` writes the diagnostics archive, ``remembered()``
    the platform's remembered config keys, ``apply(cfg, diffs) -> restart keys`` applies a saved
    config to the running terminal (GUI thread), ``visit_state()`` the session's state name,
    ``pepper`` the local key's PIN pepper.
    """

    def __init__(self, store, sync=None, export=None, *, config: Callable[[], Any] | None = None, devices=None,
                 client=None, monitoring=None, remembered: Callable[[], dict] | None = None,
                 apply: Callable[[Any, dict], list] | None = None, visit_state: Callable[[], str] | None = None,
                 pepper: bytes | None = None, clock: Callable[[], float] = time.time):
        self.store = store
        self.sync = sync if sync is not None else _NoSync()
        self._export = export
        self._config = config or (lambda: None)
        self.devices = devices
        self.client = client
        self.monitoring = monitoring
        self._remembered = remembered or (lambda: {})
        self._apply = apply
        self._visit_state = visit_state or (lambda: "home")
        self._pepper = pepper
        self.clock = clock  # the lockout's wall clock; tests replace it
        self._guard: PinGuard | None = None
        self._guard_lock = threading.Lock()

    # -- reads (memory only: safe on the GUI thread) ------------------------------------------
    @property
    def config(self):
        """The KioskConfig in force (read-only: changes go through :meth:`save_config`)."""
        return self._config()

    @property
    def sync_state(self):
        return self.sync.state

    def visit_state(self) -> str:
        return self._visit_state()

    def device_names(self) -> list[str]:
        return self.devices.names() if self.devices is not None else []

    def has_device(self, name: str) -> bool:
        return self.devices is not None and self.devices.has(name)

    def device_class(self, name: str) -> str:
        return self.devices.device_class(name) if self.has_device(name) else ""

    def device_status(self, name: str):
        return self.devices.status(name)

    def last_error(self, name: str):
        return self.devices.last_error(name)

    def subscribe(self, listener) -> None:
        """``listener(event)`` on the device threads for every device event."""
        if self.devices is not None:
            self.devices.subscribe(listener)

    def paper(self, name: str):
        """This printer's paper report from the monitor's latest snapshot (None: not a printer)."""
        snapshot = self.monitoring.monitor.snapshot if self.monitoring is not None else None
        return snapshot.paper.get(name) if snapshot is not None else None

    def saved_offsets(self, device: str = "licence") -> tuple[int, int]:
        """The calibration offsets (0.1 mm) the config holds for ``device``; (0, 0) without one."""
        dev = self.config.devices.get(device)
        if dev is None:
            return 0, 0
        opts = dev.options()
        return getattr(opts, "offset_x_dmm", 0), getattr(opts, "offset_y_dmm", 0)

    def exports_dir(self) -> Path:
        """The terminal's own folder for diagnostics archives."""
        return Path(self.config.storage.dir) / "exports"

    # -- the PIN ------------------------------------------------------------------------------
    def guard(self) -> PinGuard:
        """The PIN guard for the technician settings in force (built again when they change)."""
        settings = self.config.technician
        with self._guard_lock:
            if self._guard is None or self._guard.settings is not settings:
                self._guard = PinGuard(settings, store=self.store, clock=lambda: self.clock(), pepper=self._pepper)
            return self._guard

    def locked_for(self) -> float:
        """Seconds the entry stays locked (0: not locked)."""
        return self.guard().locked_for()

    def check_pin(self, pin: str) -> Future:
        """Future of (verdict, attempts left): 'ok', 'wrong', 'locked' or 'no_pin'. The check
        (scrypt) and the attempt count (store writes) run on the writer; entry and lockout are
        audited there."""
        guard = self.guard()

        def run():
            verdict = guard.check(pin)
            if verdict == "ok":
                audit(self.store, "mode.enter")
            elif verdict == "locked":
                audit(self.store, "mode.locked_out")
            return verdict, guard.settings.max_attempts - guard.failures

        return _writes.submit(run)

    # -- actions (each returns a Future) --------------------------------------------------------
    def audit(self, what: str, old=None, new=None) -> Future:
        """A ``technician.audit`` event written on the writer thread; Future of its data."""
        return _writes.submit(audit, self.store, what, old, new)

    def resolve_job(self, job_id: str, printed: bool) -> Future:
        """A job in ``needs_verification`` resolved by what the technician saw at the printer
        (kiosk.print_jobs owns the transition); the Future raises what the store raises."""
        def run():
            from kiosk import print_jobs

            print_jobs.resolve(self.store, job_id, printed)
            audit(self.store, "job.resolve", old="needs_verification", new={"job": job_id, "printed": printed})
            self.sync.kick()  # the platform hears of the outcome now, not at the next interval

        return _work.submit(run)

    def purge_expired(self) -> Future:
        """Documents past their retention removed now; Future of how many."""
        def run():
            from kiosk import print_jobs

            n = print_jobs.purge_expired(self.store, quiet=False)
            audit(self.store, "documents.purge_expired", new=n)
            return n

        return _work.submit(run)

    def force_sync(self) -> Future:
        """Wake the sync worker at once."""
        def run():
            self.sync.kick()
            audit(self.store, "sync.force")

        return _work.submit(run)

    def queue_snapshot(self) -> Future:
        """Future of :func:`queue_snapshot` of the store."""
        return _work.submit(queue_snapshot, self.store)

    def export_destinations(self) -> Future:
        """Future of the places a diagnostics archive may go: mounted USB volumes, then
        :meth:`exports_dir`, as (path, is it a USB volume)."""
        def run():
            from kiosk.technician_export import usb_destinations

            return [(p, True) for p in usb_destinations()] + [(self.exports_dir(), False)]

        return _work.submit(run)

    def export_diagnostics(self, dest) -> Future:
        """Future of the diagnostics archive written under ``dest``: (its path, its size in KB, at least 1)."""
        def run():
            path = self._export(dest)
            audit(self.store, "diagnostics.export", new=str(path))
            return path, max(1, path.stat().st_size // 1024)

        return _work.submit(run)

    def network_test(self) -> Future:
        """Future of :func:`connectivity` (name, ok, text) rows; the outcome is audited."""
        def run():
            results = connectivity(self.client)
            audit(self.store, "network.test", new={n: ok for n, ok, _ in results})
            return results

        return _work.submit(run)

    def enrol(self, code: str) -> Future:
        """Future of the secret file written from enrolment ``code`` (kiosk.technician.enrol:
        it raises EnrolmentError for a bad or used code)."""
        secret_file = self.config.terminal.secret_file
        return _work.submit(lambda: enrol(secret_file, code, store=self.store))

    def remote_provenance(self) -> Future:
        """Future of kiosk.remote_config.provenance: each remotely settable key's value and source."""
        cfg, remembered = self.config, self._remembered()

        def run():
            from kiosk.remote_config import provenance

            return provenance(cfg, remembered)

        return _work.submit(run)

    def config_offers(self) -> Future:
        """Future of what the config editor offers: serial ports present ("port") and the CUPS
        queues per printer (``devices.<name>.printer``)."""
        cfg = self.config

        def run():
            from kiosk.technician_config import cups_queues, serial_ports

            offers = {"port": serial_ports()}
            for dev_name, dev in cfg.devices.items():
                opts = dev.options()
                if hasattr(opts, "printer") and hasattr(opts, "server"):
                    try:
                        offers[f"devices.{dev_name}.printer"] = cups_queues(opts.server)
                    except (ConnectionError, OSError) as e:
                        log.info("cannot list the CUPS queues on %s: %s", opts.server, e)
            return offers

        return _work.submit(run)

    def save_config(self, changes: dict) -> Future:
        """Validate ``changes`` and write them to the config file (kiosk.technician_config);
        Future of (new config, diffs). Each changed key is audited (the PIN hash hidden) and a
        ``terminal.config_changed`` event queued. Apply the answer with :meth:`apply_config`."""
        from kiosk.technician_config import ConfigEditor

        old = self.config
        editor = ConfigEditor(old.source)

        def run():
            cfg, diffs = editor.save(old, changes)
            for key, (before, after) in diffs.items():
                hidden = key == "technician.pin_hash"
                audit(self.store, "config." + key, old="(hidden)" if hidden else before,
                      new="(hidden)" if hidden else after)
            if diffs:
                try:
                    self.store.add_event("terminal.config_changed", {"keys": sorted(diffs), "by": "technician"})
                except Exception:
                    log.exception("could not record the config change")
            return cfg, diffs

        return _work.submit(run)

    def apply_config(self, cfg, diffs: dict) -> list[str]:
        """A saved config put in force (call on the GUI thread: it tells the shell); returns the
        keys that need a restart."""
        return self._apply(cfg, diffs) if self._apply is not None else sorted(diffs)

    def refill(self, printer: str) -> Future:
        """A paper refill of ``printer`` recorded (restarts its sheets-left estimate) and audited;
        Future of the refill record."""
        def run():
            record = self.monitoring.monitor.refill(printer)
            audit(self.store, f"paper.refill.{printer}",
                  new={"sheets": record.get("sheets"), "printed_since_previous": record.get("printed_since_previous")})
            return record

        return _work.submit(run)

    def self_test(self, device: str) -> Future:
        """Print the self-test of a printer ``device`` (receipt, test page, calibration page) on
        its thread; Future of what the driver answered (a PrintOutcome or a text)."""
        cls = self.device_class(device)
        if cls == "receipt":
            sample = receipt_sample(self.config.terminal.id)
            fn = lambda dev: dev.print_receipt(sample) or "凭条已打印"  # noqa: E731
        elif cls == "licence":
            fn = lambda dev: dev.print_calibration_page()  # noqa: E731
        else:
            fn = lambda dev: dev.print_test_page()  # noqa: E731
        return self.devices.call(device, fn)

    def record_self_test(self, device: str, result: str) -> Future:
        """The self-test's outcome as shown to the technician, audited."""
        return self.audit(f"selftest.{device}", new=result)

    def set_offsets(self, x: int, y: int, device: str = "licence") -> Future:
        """Trial calibration offsets (0.1 mm) put in force on ``device`` (held in bounds,
        validated as the config is); not saved."""
        update = {"offset_x_dmm": clamp_offset(x), "offset_y_dmm": clamp_offset(y)}
        return self.devices.call(device, lambda dev: with_options(dev, update))

    def print_calibration(self, x: int, y: int, device: str = "licence") -> Future:
        """The calibration page printed at offsets (x, y) and audited; Future of the PrintOutcome."""
        update = {"offset_x_dmm": clamp_offset(x), "offset_y_dmm": clamp_offset(y)}

        def run(dev):
            with_options(dev, update)
            return dev.print_calibration_page()

        def audited(outcome, error):
            audit(self.store, "calibration.print",
                  new=update | {"printed": bool(error is None and outcome and outcome.printed)})
            if error is not None:
                raise error
            return outcome

        return _then(self.devices.call(device, run), audited)


def for_kiosk(kiosk) -> TechnicianService:
    """The service for the running ``kiosk`` (kiosk.app.Kiosk)."""
    from kiosk import technician_export
    from kiosk.technician_config import apply_live

    key = getattr(kiosk, "local_key", None)
    return TechnicianService(
        kiosk.store, kiosk.sync, export=lambda dest: technician_export.export(kiosk, dest),
        config=lambda: kiosk.cfg, devices=kiosk.devices, client=getattr(kiosk, "client", None),
        monitoring=getattr(kiosk, "monitoring", None),
        remembered=lambda: getattr(getattr(kiosk, "remote_config", None), "remembered", {}),
        apply=lambda cfg, diffs: apply_live(kiosk, cfg, diffs),
        visit_state=lambda: kiosk.session.state.value,
        pepper=key.pin_pepper if key is not None else None)
