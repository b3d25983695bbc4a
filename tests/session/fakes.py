"""Fakes for unit tests of the visit controller: an in-memory store that keeps the job rules of
offline_cache (legal transitions, events, documents), printers and a receipt printer whose
behaviour a test scripts, a pool and a GUI-thread queue that the test pumps by hand."""
from __future__ import annotations

import hashlib
import secrets
from concurrent.futures import Future
from dataclasses import replace
from datetime import datetime, timezone

from drivers.base import DeviceUnavailable
from drivers.classes import PrintOutcome
from offline_cache import IllegalTransition, Job, JobState
from offline_cache.errors import DocumentMissing, StoreError
from offline_cache.jobs import DEFAULT_EVENTS, is_legal, utc_now


class FakeStore:
    """The part of offline_cache.Store the controller uses, in memory. ``fail_on`` names methods
    that raise StoreError (a full disk, say)."""

    def __init__(self):
        self.job_rows: dict[str, Job] = {}
        self.documents: dict[str, bytes] = {}
        self.events: list[tuple[str, dict, str | None]] = []
        self.fail_on: set[str] = set()

    def _check(self, what: str) -> None:
        if what in self.fail_on:
            raise StoreError(f"{what}: database or disk is full")

    def create_job(self, *, service_id, kind="certificate", subject=None, copies=1, state=JobState.REQUESTED,
                   idempotency_key=None, pickup_code=None, platform_job_id=None, data=None, event_data=None,
                   event_type="job.requested", **fields) -> Job:
        self._check("create_job")
        now = utc_now()
        job = Job(id="J" + secrets.token_hex(4), platform_job_id=platform_job_id, service_id=service_id, kind=kind,
                  subject=subject, copies=copies, state=JobState(state), idempotency_key=idempotency_key or "k",
                  pickup_code=pickup_code, sha256=fields.get("sha256"), pages=fields.get("pages"),
                  verify_code=fields.get("verify_code"), expires_at=fields.get("expires_at"), created_at=now,
                  updated_at=now, error_code=None, data=dict(data or {}))
        self.job_rows[job.id] = job
        if event_type:
            self.events.append((event_type, dict(event_data or {}), job.id))
        return job

    def get_job(self, job_id):
        return self.job_rows.get(job_id)

    def find_job(self, *, platform_job_id=None, pickup_code=None, idempotency_key=None):
        for job in reversed(list(self.job_rows.values())):
            if (pickup_code is None or job.pickup_code == pickup_code) and \
               (platform_job_id is None or job.platform_job_id == platform_job_id):
                return job
        return None

    def jobs(self, state=None, kind=None):
        return [j for j in self.job_rows.values() if (state is None or j.state == state)
                and (kind is None or j.kind == kind)]

    def update_job(self, job_id, **fields) -> Job:
        self._check("update_job")
        job = replace(self.job_rows[job_id], **fields)
        self.job_rows[job_id] = job
        return job

    def transition(self, job_id, to_state, *, event_type="default", event_data=None, **fields) -> Job:
        self._check("transition")
        job = self.job_rows[job_id]
        to_state = JobState(to_state)
        if not is_legal(job.state, to_state):
            raise IllegalTransition(job_id, job.state.value, to_state.value)
        job = replace(job, state=to_state, **fields)
        self.job_rows[job_id] = job
        kind = DEFAULT_EVENTS.get(to_state) if event_type == "default" else event_type
        if kind:
            self.events.append((kind, {"state": to_state.value, **(event_data or {})}, job_id))
        if to_state in (JobState.EXPIRED, JobState.REPORTED):
            self.documents.pop(job_id, None)
        return job

    def put_document(self, job_id, content, sha256, expires_at):
        self._check("put_document")
        self.documents[job_id] = content

    def get_document(self, job_id) -> bytes:
        self._check("get_document")
        if job_id not in self.documents:
            raise DocumentMissing(f"no document for {job_id}")
        return self.documents[job_id]

    def purge_document(self, job_id):
        return self.documents.pop(job_id, None) is not None

    def purge_expired(self, now=None):
        now = now or utc_now()
        for job in list(self.job_rows.values()):
            if job.state in (JobState.READY, JobState.QUEUED, JobState.FAILED) and job.expires_at \
                    and job.expires_at < now:
                self.job_rows[job.id] = replace(job, state=JobState.EXPIRED)
                self.documents.pop(job.id, None)
        return 0

    def add_event(self, type, data, job_id=None):
        self.events.append((type, dict(data), job_id))
        return "E" + secrets.token_hex(4)

    def event_types(self) -> list[str]:
        return [e[0] for e in self.events]

    # -- set-up helpers ---------------------------------------------------------------------
    def ready_job(self, *, kind="certificate", data=None, pickup_code=None, expires_at=None, pages=1) -> Job:
        content = b"%PDF-1.4 fake"
        job = self.create_job(service_id="business_licence" if kind == "licence" else "no_housing", kind=kind,
                              state=JobState.READY, pickup_code=pickup_code, data=data, event_type=None,
                              sha256=hashlib.sha256(content).hexdigest(), pages=pages,
                              expires_at=expires_at or datetime(2999, 1, 1, tzinfo=timezone.utc))
        self.documents[job.id] = content
        return job


class FakePrinter:
    """A CUPS-like printer. ``script`` holds one behaviour per print_pdf call:
    ``"printed"``, ``("not_submitted", reason)``, ``("stopped", reason)`` (accepted, then stopped
    behind ``reason``), ``("lost", exc)`` (accepted, then ``exc`` raised while following)."""

    def __init__(self, *script):
        self.script = list(script)
        self.submitted: list[dict] = []
        self.cancelled: list[str] = []
        self.cancel_error: Exception | None = None
        self._n = 0

    def print_pdf(self, pdf, *, title, copies=1, media="A4", page_ranges=None, on_progress=None):
        step = self.script.pop(0) if self.script else "printed"
        if isinstance(step, tuple) and step[0] == "not_submitted":
            return PrintOutcome(False, "", "not-submitted", step[1])
        self._n += 1
        ref = str(self._n)
        self.submitted.append({"ref": ref, "copies": copies, "media": media, "pages": page_ranges})
        if on_progress:
            on_progress("pending", {"job_ref": ref})
        if step == "printed":
            return PrintOutcome(True, ref, "completed", "", copies)
        if step[0] == "stopped":
            return PrintOutcome(False, ref, "processing", step[1], 0)
        if step[0] == "lost":
            raise step[1]
        raise AssertionError(step)

    def cancel_job(self, ref):
        if self.cancel_error is not None:
            raise self.cancel_error
        self.cancelled.append(ref)


class FakeReceipt:
    def __init__(self):
        self.receipts = []

    def print_receipt(self, receipt):
        self.receipts.append(receipt)


class FakeDevices:
    """devices.call runs at once on the calling thread (the test is the device thread)."""

    def __init__(self, **devices):
        self.by_name = devices

    def call(self, name, fn) -> Future:
        fut: Future = Future()
        dev = self.by_name.get(name)
        if dev is None:
            fut.set_exception(DeviceUnavailable(f"{name} is not connected"))
            return fut
        try:
            fut.set_result(fn(dev))
        except BaseException as e:  # noqa: BLE001
            fut.set_exception(e)
        return fut

    def device(self, name):
        return self.by_name.get(name)


class ManualPool:
    """Work submitted to the controller's pool waits until the test pumps it."""

    def __init__(self, queue):
        self.queue = queue

    def submit(self, fn, *args):
        self.queue.append(lambda: fn(*args))

    def shutdown(self, **kw):
        pass
