"""The sync worker: a daemon thread between the durable store and the platform (DESIGN.md §4).

Each cycle: find out whether the platform is reachable (real traffic within the last interval,
else ``GET /health``),
deliver the outbox in order in batches (an event leaves the outbox only after the platform
answered with it as accepted or duplicate), turn queued jobs into ready ones, prefetch licence
jobs, refresh the catalogue and pull remote config. The GUI never waits on it: it observes
:attr:`SyncWorker.state` through ``on_change`` (called on the worker thread).
"""
from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass, replace
from typing import Callable

from kiosk import print_jobs
from kiosk.sync_jobs import JobsSyncMixin
from kiosk.platform_client import BadAnswer, PlatformClient, PlatformError, Rejected, Unreachable
from offline_cache import IllegalTransition, JobState, StoreError

log = logging.getLogger(__name__)

#: HTTP statuses saying "this event is malformed" (as opposed to "you may not" or "not now")
MALFORMED_STATUSES = (400, 422)


@dataclass(frozen=True)
class SyncState:
    online: bool | None = None      # None: not known yet
    last_ok_at: float | None = None  # time.time() of the last answer from the platform
    outbox_depth: int = 0
    last_error: str | None = None


@dataclass(frozen=True)
class DrainReport:
    delivered: int      # events acknowledged by the platform (accepted + duplicates)
    retries: int        # failed deliveries and client-level retries
    seconds: float
    remaining: int      # events still in the outbox
    drained: bool


def _throwaway_digest() -> Callable[[str], str]:
    import secrets

    from kiosk.local_key import LocalKey

    return LocalKey(secrets.token_bytes(32)).id_digest_of_sha256


class SyncWorker(JobsSyncMixin):
    def __init__(self, store, client: PlatformClient, *, interval_s: float = 5.0, batch_size: int = 100,
                 on_change: Callable[[SyncState], None] | None = None,
                 apply_config: Callable[[dict], str | None] | None = None, config_pull_s: float = 300.0,
                 catalogue_s: float = 300.0, prefetch_s: float = 60.0, max_backoff_s: float = 60.0,
                 on_ack: Callable[[list[str]], None] | None = None, rng: random.Random | None = None,
                 unseal: Callable[[str], dict] | None = None,
                 id_digest: Callable[[str], str] | None = None, on_catalogue: Callable[[], None] | None = None):
        self.store = store
        self.client = client
        self.interval_s = interval_s
        self.batch_size = max(1, min(100, batch_size))
        self.on_change = on_change
        self.apply_config = apply_config
        self.config_pull_s = config_pull_s
        self.catalogue_s = catalogue_s
        self.prefetch_s = prefetch_s
        self.max_backoff_s = max_backoff_s
        self.on_ack = on_ack
        self.unseal = unseal  # opens data["identity_sealed"] of a job queued before verification
        #: keys the platform's SHA-256 of an ID number (LocalKey.id_digest_of_sha256)
        self.id_digest = id_digest or _throwaway_digest()
        self.on_catalogue = on_catalogue  # called (on this thread) after a new catalogue was saved
        if client.on_traffic is None:  # every exchange, the GUI's included, says whether we are online
            client.on_traffic = self._on_traffic
        self._rng = rng or random.Random()
        self._state = SyncState()
        self._state_lock = threading.Lock()
        self._cycle_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._failures = 0            # consecutive failed cycles, for the backoff
        self._retry_after: float | None = None
        self._due: dict[str, float] = {}
        self._parked_assigned: set[str] = set()  # assigned job ids refused for a bad field (logged once)
        self._last_traffic = float("-inf")  # time.monotonic() of the last exchange of any kind
        self.delivered = 0
        self.failed_deliveries = 0

    # ------------------------------------------------------------------ public
    @property
    def state(self) -> SyncState:
        with self._state_lock:
            return self._state

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def kick(self) -> None:
        """Run a cycle now (e.g. after a job was queued or printed), including the periodic pulls."""
        self._due.clear()
        self._wake.set()

    def run_until_drained(self, timeout_s: float, *, outbox_only: bool = False) -> DrainReport:
        """Run cycles on the calling thread until the outbox is empty or ``timeout_s`` passes."""
        started = time.monotonic()
        deadline = started + timeout_s
        delivered0, failed0, retries0 = self.delivered, self.failed_deliveries, self.client.retries
        while True:
            ok = self.run_cycle(outbox_only=outbox_only)
            depth = self.store.outbox_depth()
            left = deadline - time.monotonic()
            if depth == 0 or left <= 0:
                break
            self._stop.wait(min(left, 0.05 if ok else self._next_delay()))
            if self._stop.is_set():
                break
        return DrainReport(delivered=self.delivered - delivered0,
                           retries=(self.failed_deliveries - failed0) + (self.client.retries - retries0),
                           seconds=time.monotonic() - started, remaining=depth, drained=depth == 0)

    # ------------------------------------------------------------------ the loop
    def _run(self) -> None:
        while not self._stop.is_set():
            ok = self.run_cycle()
            delay = self.interval_s if ok else self._next_delay()
            self._wake.wait(delay)
            self._wake.clear()

    # not tenacity: this paces a long-lived worker's cycles (interruptible, capped offline), not one call's retries
    def _next_delay(self) -> float:
        """Full-jitter exponential backoff after failed cycles, never below Retry-After."""
        ceiling = min(self.max_backoff_s, self.interval_s * (2 ** max(0, self._failures - 1)))
        if self.state.online is False:
            # Offline, the next cycle is one unsigned GET /health: probing each interval lets the
            # header see the platform's return within two intervals, at an idle terminal's load.
            ceiling = min(ceiling, self.interval_s)
        delay = self._rng.uniform(min(0.2, ceiling), ceiling)
        if self._retry_after is not None:
            delay = max(delay, self._retry_after)
        return delay

    def run_cycle(self, *, outbox_only: bool = False) -> bool:
        """One pass; True when everything it tried succeeded. Never raises."""
        with self._cycle_lock:
            self._retry_after = None
            if not outbox_only:
                print_jobs.purge_expired(self.store)  # every cycle, online or not: expired never prints
            try:
                if not self._reachable():
                    raise Unreachable("platform not reachable (health check failed)")
                self._drain()
                problems = []
                if not outbox_only:
                    # Each step on its own: one that fails (a bad job, a broken answer) is logged
                    # and retried next cycle without holding back the steps after it.
                    problems += self._step("queued jobs", self._queued_jobs)
                    if self._is_due("prefetch", self.prefetch_s):
                        problems += self._step("licence prefetch", self._prefetch_licences)
                    if self._is_due("catalogue", self.catalogue_s):
                        problems += self._step("catalogue", self._refresh_catalogue)
                    if self._is_due("config", self.config_pull_s):
                        problems += self._step("remote config", self._pull_config)
                    self._drain()  # what this cycle added (job.requested, config_changed) goes out now
                if problems:
                    raise PlatformError("; ".join(problems)[:300])
            except Unreachable as e:
                self._failures += 1
                self._retry_after = e.retry_after
                self._update(online=False, last_error=str(e))
                return False
            except (PlatformError, StoreError) as e:
                self._failures += 1
                self._update(last_error=f"{type(e).__name__}: {e}")
                return False
            except Exception as e:  # never let the worker die; the next cycle tries again
                log.exception("sync cycle failed")
                self._failures += 1
                self._update(last_error=f"{type(e).__name__}: {e}")
                return False
            self._failures = 0
            self._update(last_error=None)
            return True

    def _step(self, name: str, fn) -> list[str]:
        """Run one step of a cycle; Unreachable ends the cycle, any other failure is reported."""
        try:
            fn()
        except Unreachable:
            raise
        except (PlatformError, StoreError) as e:
            log.warning("sync: %s failed: %s", name, e)
            return [f"{name}: {type(e).__name__}: {e}"]
        except Exception as e:
            log.exception("sync: %s failed", name)
            return [f"{name}: {type(e).__name__}: {e}"]
        return []

    def _is_due(self, name: str, period: float) -> bool:
        now = time.monotonic()
        if now < self._due.get(name, 0.0):
            return False
        self._due[name] = now + period
        return True

    def _reachable(self) -> bool:
        # An idle terminal (nothing to send, no visit) would otherwise never notice an outage:
        # with no other exchange for an interval, GET /health asks.
        if self.state.online and time.monotonic() - self._last_traffic < self.interval_s * 0.9:
            return True
        was_online = self.state.online
        if self.client.health():
            self._ok()
            if not was_online:
                self._due.clear()  # back online: pull everything now
            return True
        return False

    def _on_traffic(self, reachable: bool) -> None:
        self._last_traffic = time.monotonic()
        if reachable != self.state.online:
            if reachable:
                self._ok()
            else:
                self._update(online=False, last_error="platform unreachable")
                self.kick()  # start probing /health now, to notice the return quickly

    def _ok(self) -> None:
        self._update(online=True, last_ok_at=time.time())

    def _update(self, **changes) -> None:
        try:
            changes.setdefault("outbox_depth", self.store.outbox_depth())
        except StoreError:
            pass
        with self._state_lock:
            new = replace(self._state, **changes)
            changed = new != replace(self._state, last_ok_at=new.last_ok_at)
            self._state = new
        if changed and self.on_change is not None and not self._stop.is_set():
            try:
                self.on_change(new)
            except Exception:
                log.exception("on_change callback failed")

    # ------------------------------------------------------------------ outbox
    def _drain(self) -> None:
        while not self._stop.is_set():
            batch = self.store.pending_events(limit=self.batch_size)
            if not batch:
                return
            ids = [e.event_id for e in batch]
            try:
                accepted, duplicates = self.client.post_events([e.to_wire() for e in batch])
            except Rejected as e:
                self.failed_deliveries += 1
                self.store.record_attempt(ids, str(e)[:200])
                if e.status not in MALFORMED_STATUSES:
                    raise  # e.g. 401/403: the terminal itself is refused, every event waits
                accepted, duplicates = self._isolate(batch)
            except PlatformError as e:
                self.failed_deliveries += 1
                self.store.record_attempt(ids, str(e)[:200])
                raise
            self._ok()
            acked = set(accepted) | set(duplicates)
            self.store.ack_events(acked)
            self.delivered += len(acked)
            if self.on_ack is not None:
                self.on_ack(list(acked))
            for event in batch:
                if event.event_id in acked and event.type == "job.printed":
                    self._reported(event)
            self._update()
            if len(acked) < len(ids):
                # The platform skipped some: leave them for the next cycle, in order.
                raise BadAnswer(f"events: {len(ids) - len(acked)} of {len(ids)} not acknowledged")

    def _isolate(self, batch) -> tuple[list[str], list[str]]:
        """The platform refused a batch as malformed: send its events one by one, and park the
        ones it refuses on their own, so one bad event cannot hold back the others."""
        accepted: list[str] = []
        duplicates: list[str] = []
        for event in batch:
            try:
                a, d = self.client.post_events([event.to_wire()])
            except Rejected as e:
                if e.status not in MALFORMED_STATUSES:
                    raise
                log.error("event %s (%s) refused by the platform (%s): parked", event.event_id, event.type, e.code)
                self.store.park_events([event.event_id], f"{e.status} {e.code}: {e}"[:300])
                continue
            accepted += a
            duplicates += d
        return accepted, duplicates

    def _reported(self, event) -> None:
        """The platform knows the job was printed: printed → reported, document purged."""
        local_id = (event.data or {}).get("local_id")
        job = self.store.get_job(local_id) if local_id else None
        if job is None and event.job_id:
            job = self.store.find_job(platform_job_id=event.job_id) or self.store.get_job(event.job_id)
        if job is None:
            return
        try:
            self.store.transition(job.id, JobState.REPORTED, event_type=None)
        except IllegalTransition:
            log.debug("job %s is %s; not marked reported", job.id, job.state)
        self.store.purge_document(job.id)

    # ------------------------------------------------------------------ catalogue and config
    def _refresh_catalogue(self) -> None:
        """A new valid catalogue replaces the cached one; a broken or invalid answer keeps the
        last good one, is logged once (not at every pull) and stays in the store's meta
        ``catalogue.problem`` for ``kiosk.diag status`` until a good answer clears it."""
        cached = self.store.catalogue()
        try:
            body, etag = self.client.catalogue(cached[1] if cached else None)
        except BadAnswer as e:
            self._ok()  # it answered: the platform is reachable, its catalogue is not usable
            reason = str(e)[:500]
            if self.store.get_meta("catalogue.problem") != reason:
                log.error("catalogue refused, keeping the last good one: %s", reason)
                self.store.set_meta("catalogue.problem", reason)
            return
        self._ok()
        if body is not None:
            self.store.save_catalogue(body, etag)
            if self.on_catalogue is not None:
                try:
                    self.on_catalogue()
                except Exception:
                    log.exception("on_catalogue callback failed")
        if self.store.get_meta("catalogue.problem"):
            log.info("catalogue %s accepted", etag)
            self.store.set_meta("catalogue.problem", "")

    def _pull_config(self) -> None:
        if self.apply_config is None:
            return  # a process that cannot apply config (the CLI) must not consume a new version
        known = self.store.get_meta("config_etag")
        body, etag = self.client.terminal_config(known)
        self._ok()
        if body is None:
            return
        if not body and known is None:
            if etag:  # no overrides ever: nothing to apply or report
                self.store.set_meta("config_etag", etag)
            return
        outcomes = None
        try:
            result = self.apply_config(body)
            # RemoteConfig.apply reports each key's outcome; a plain callable returns a reason
            reason, outcomes = (result["reason"], result["outcomes"]) if isinstance(result, dict) else (result, None)
        except Exception as e:
            reason = f"apply failed: {type(e).__name__}"
        data = {"applied": reason is None, "reason": reason, "etag": etag, "keys": sorted(body)}
        if outcomes is not None:
            data["outcomes"] = outcomes  # additive: {key: {"outcome": applied|restart|refused, "reason"?}}
        self.store.add_event("terminal.config_changed", data)
        # Remember the version either way: a refused config is reported once, not every pull.
        if etag:
            self.store.set_meta("config_etag", etag)
        if reason is None:
            log.info("remote config %s applied", etag)
        else:
            log.warning("remote config %s refused: %s", etag, reason)
