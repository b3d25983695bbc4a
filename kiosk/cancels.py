"""Printer jobs that must be cancelled but could not be yet (the printer or CUPS unreachable).

A printer job not confirmed printed must never come out later, unattended, for the next person
to take. When its cancel fails, the job's ``data["cancel_pending"]`` keeps the printer job and a
daemon thread retries — quickly at first (a queue that comes back starts printing at once), then
every second — straight through the driver, not behind the device's thread (which may be stuck in
the very job). Pending cancels survive a restart (:meth:`PendingCancels.restore`). Every attempt's
outcome is logged. No Qt; never reads the session.
"""
from __future__ import annotations

import logging
import threading
import time

from drivers.base import DeviceUnavailable

log = logging.getLogger(__name__)


class PendingCancels:
    def __init__(self, store, devices, *, fast_s: float = 0.01, fast_for_s: float = 120.0,
                 slow_s: float = 1.0, give_up_s: float = 24 * 3600.0, clock=time.monotonic):
        self.store = store
        self.devices = devices
        self.fast_s, self.fast_for_s, self.slow_s, self.give_up_s = fast_s, fast_for_s, slow_s, give_up_s
        self._clock = clock
        self._lock = threading.Lock()
        self._pending: dict[tuple[str, str], tuple[str, float]] = {}  # (device, ref) → (job id, since)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, device: str, job_ref: str, job_id: str) -> None:
        """Keep cancelling ``job_ref`` on ``device`` until it is cancelled or has ended."""
        self._persist(job_id, device, job_ref, keep=True)
        with self._lock:
            self._pending[(device, job_ref)] = (job_id, self._clock())
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="printer-cancels", daemon=True)
                self._thread.start()
        self._wake.set()
        log.warning("job %s: cancelling printer job %s on %s (retried until the printer answers)", job_id,
                    job_ref, device)

    def restore(self) -> int:
        """At start: the cancels a previous run could not finish."""
        n = 0
        try:
            for job in self.store.jobs():
                for item in (job.data or {}).get("cancel_pending") or []:
                    self.add(item["device"], item["ref"], job.id)
                    n += 1
        except Exception:
            log.exception("pending printer cancels could not be restored")
        return n

    def pending(self) -> list[tuple[str, str]]:
        with self._lock:
            return list(self._pending)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    # -- the retry thread ---------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                items = list(self._pending.items())
                if not items:
                    self._thread = None  # under the lock: add() starts a new thread after this
                    return
            now = self._clock()
            for (device, ref), (job_id, since) in items:
                if self._attempt(device, ref, job_id, now - since):
                    with self._lock:
                        self._pending.pop((device, ref), None)
                    self._persist(job_id, device, ref, keep=False)
            young = any(now - since < self.fast_for_s for _, (_, since) in items)
            self._wake.wait(self.fast_s if young else self.slow_s)
            self._wake.clear()

    def _attempt(self, device: str, ref: str, job_id: str, age: float) -> bool:
        """True when nothing more is to be done for this printer job."""
        dev = self.devices.device(device) if self.devices is not None else None
        if dev is None or not hasattr(dev, "cancel_job"):
            log.error("job %s: printer job %s cannot be cancelled (no device %s)", job_id, ref, device)
            return True
        try:
            dev.cancel_job(ref)
        except DeviceUnavailable:
            if age > self.give_up_s:
                log.error("job %s: printer job %s on %s still not cancelled after %.0f s; given up — a "
                          "technician must check the printer's queue", job_id, ref, device, age)
                return True
            return False
        except Exception as e:  # the printer answered: the job ended already, or is unknown to it
            log.warning("job %s: printer job %s on %s not cancelled (%s); it has ended", job_id, ref, device, e)
            return True
        log.warning("job %s: printer job %s on %s cancelled", job_id, ref, device)
        return True

    def _persist(self, job_id: str, device: str, ref: str, *, keep: bool) -> None:
        try:
            job = self.store.get_job(job_id)
            if job is None:
                return
            items = [i for i in (job.data or {}).get("cancel_pending") or [] if (i["device"], i["ref"]) != (device, ref)]
            if keep:
                items.append({"device": device, "ref": ref})
            self.store.update_job(job_id, data={**job.data, "cancel_pending": items})
        except Exception:
            log.exception("job %s: pending cancel of %s could not be recorded", job_id, ref)
