"""The durable store of the kiosk: jobs, the outbox of events, the catalogue, cached documents.

One SQLite file, ``<dir>/kiosk.db`` (WAL, synchronous=FULL), and ``<dir>/documents/``. Every
state change is one short write transaction that also appends the event the change causes, so
the two are committed together or not at all. The Store may be shared by threads: it holds one
connection behind a re-entrant lock.

Failures of the storage itself (a corrupt file, a lock held by another process, a full disk)
raise :class:`StoreUnavailable` with a plain message; a corrupt file is never moved, truncated or
rebuilt — a technician decides, because it may still hold jobs a resident has paid a trip for.
"""
from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import threading
import uuid
from pathlib import Path
from typing import Iterable

from offline_cache import outbox, schema
from offline_cache.documents import DocumentFiles
from offline_cache.errors import (DuplicateJob, IllegalTransition, JobNotFound, StoreUnavailable, translate_sqlite)
from offline_cache.jobs import (DEFAULT_EVENTS, DOCUMENT_FREE_STATES, MUTABLE_FIELDS, Job, JobState,
                                OutboxEvent, dumps, is_legal, to_iso, utc_now)
from offline_cache.store_documents import DocumentsMixin
from offline_cache.store_privacy import PrivacyMixin, narrow_files, precreate_private, secure_directory
from offline_cache.transactions import TransactionsMixin

log = logging.getLogger(__name__)

DB_NAME = "kiosk.db"
KINDS = ("certificate", "licence")
INITIAL_STATES = (JobState.REQUESTED, JobState.QUEUED, JobState.READY)

__all__ = ["Store", "Job", "JobState", "OutboxEvent", "IllegalTransition"]


def _encode_field(name: str, value):
    if name == "expires_at":
        return to_iso(value)
    if name == "data":
        return dumps(value or {})
    if name == "pages" and value is not None:
        return int(value)
    return value


class Store(TransactionsMixin, DocumentsMixin, PrivacyMixin):
    """Open with :meth:`Store.open`; every method may raise StoreUnavailable."""

    def __init__(self, directory: Path, conn: sqlite3.Connection, files: DocumentFiles | None,
                 max_cache_bytes: int):
        self.dir = directory
        self.db_path = directory / DB_NAME
        self.max_cache_bytes = max_cache_bytes
        self._conn = conn
        self._files = files
        self._lock = threading.RLock()
        self._closed = False
        self._depth = 0  # transaction nesting (batch + savepoints), under _lock
        self._after: list = []  # actions to run after the outermost commit

    # ----- opening and closing -------------------------------------------------------------
    @classmethod
    def open(cls, directory: Path, *, doc_key: bytes | None, max_cache_bytes: int = 200 * 2**20,
             busy_timeout_s: float = 5.0) -> "Store":
        """Open (creating or upgrading) the store in ``directory``.

        ``doc_key`` None opens without document access (for diagnostics without the secret).
        """
        directory = Path(directory)
        db_path = directory / DB_NAME
        try:
            secure_directory(directory)
            precreate_private(db_path)
        except OSError as e:
            raise StoreUnavailable(f"cannot create the store directory {directory}: {e.strerror}", "io") from e
        conn = None
        try:
            conn = sqlite3.connect(db_path, timeout=busy_timeout_s, isolation_level=None,
                                   check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                log.warning("store %s: journal mode is %s, not WAL", db_path, mode)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA secure_delete = ON")  # deleted personal data is zeroed on disk
            narrow_files(db_path)
            conn.execute("PRAGMA foreign_keys = ON")
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise StoreUnavailable(
                    f"the store {db_path} is corrupt ({check}); it was left in place untouched — "
                    "move it aside or restore it, then restart", "corrupt")
            conn.execute("BEGIN IMMEDIATE")
            try:
                ran = schema.migrate(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            if ran:
                log.info("store %s: schema migrated to version %s", db_path, ran[-1])
        except schema.SchemaTooNew as e:
            conn.close()
            raise StoreUnavailable(f"the store {db_path}: {e}; install the newer software", "too_new") from None
        except sqlite3.Error as e:
            if conn is not None:
                conn.close()
            raise translate_sqlite(e, db_path) from e
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        try:
            files = DocumentFiles(directory / "documents", doc_key) if doc_key else None
            if files is not None:
                secure_directory(files.dir)
        except OSError as e:
            conn.close()
            raise StoreUnavailable(f"cannot use the document cache under {directory}: {e.strerror}", "io") from e
        store = cls(directory, conn, files, max_cache_bytes)
        try:
            store._sweep_documents()  # files a crash left behind (no job, or a final state)
        except BaseException:
            store.close()
            raise
        return store

    # ----- jobs ------------------------------------------------------------------------------
    def create_job(self, *, service_id: str, kind: str = "certificate", subject: str | None = None,
                   copies: int = 1, state: JobState = JobState.REQUESTED,
                   idempotency_key: str | None = None, pickup_code: str | None = None,
                   platform_job_id: str | None = None, data: dict | None = None,
                   event_data: dict | None = None, event_type: str | None = "job.requested",
                   **fields) -> Job:
        """Insert a job and append its ``job.requested`` event in one transaction.

        Extra ``fields`` (sha256, pages, verify_code, expires_at, error_code) are stored too.
        """
        state = JobState(state)
        if state not in INITIAL_STATES:
            raise ValueError(f"a job cannot start in state {state}")
        if kind not in KINDS:
            raise ValueError(f"job kind must be one of {KINDS}, not {kind!r}")
        if not isinstance(copies, int) or copies < 1:
            raise ValueError(f"copies must be a positive integer, not {copies!r}")
        extra = self._check_fields(fields)
        job_id = "J" + secrets.token_hex(8)
        now = to_iso(utc_now())
        values = {
            "id": job_id, "platform_job_id": platform_job_id, "service_id": service_id, "kind": kind,
            "subject": subject, "copies": copies, "state": state.value,
            "idempotency_key": idempotency_key or uuid.uuid4().hex, "pickup_code": pickup_code,
            "data": dumps(data or {}), "created_at": now, "updated_at": now,
            **{k: _encode_field(k, v) for k, v in extra.items()},
        }
        cols = ", ".join(values)
        with self._write() as c:
            try:
                c.execute(f"INSERT INTO jobs ({cols}) VALUES ({', '.join('?' * len(values))})",
                          list(values.values()))
            except sqlite3.IntegrityError as e:
                raise DuplicateJob(f"a job with the same idempotency key or platform job id exists ({e})") from None
            if event_type:
                body = {"service_id": service_id, "copies": copies, "local_id": job_id}
                if pickup_code:
                    body["pickup_code"] = pickup_code
                outbox.insert(c, event_type, {**body, **(event_data or {})}, platform_job_id or job_id)
            return self._get(c, job_id)

    def update_job(self, job_id: str, **fields) -> Job:
        """Set non-state fields; no event."""
        fields = self._check_fields(fields)
        with self._write() as c:
            self._require(c, job_id)
            self._set(c, job_id, fields)
            return self._get(c, job_id)

    def transition(self, job_id: str, to_state: JobState, *, event_type: str | None = "default",
                   event_data: dict | None = None, **fields) -> Job:
        """Move a job to ``to_state`` (+ set ``fields``) and append the event it causes, atomically.

        ``event_type`` "default" uses DEFAULT_EVENTS, None appends no event, a string overrides.
        Raises IllegalTransition for a move DESIGN.md §4 does not allow, JobNotFound for no job.
        """
        to_state = JobState(to_state)
        fields = self._check_fields(fields)
        with self._write() as c:
            current = self._require(c, job_id).state
            if not is_legal(current, to_state):
                raise IllegalTransition(job_id, current.value, to_state.value)
            self._set(c, job_id, {**fields, "state": to_state.value})
            self._drop_identity(c, job_id, to_state)
            job = self._get(c, job_id)
            kind = DEFAULT_EVENTS.get(to_state) if event_type == "default" else event_type
            if kind:
                outbox.insert(c, kind, self._event_body(job, event_data), job.event_job_id)
        if to_state in DOCUMENT_FREE_STATES:
            self._on_commit(lambda: self.purge_document(job_id))
        return job

    def get_job(self, job_id: str) -> Job | None:
        with self._read() as c:
            return self._get(c, job_id)

    def find_job(self, *, platform_job_id: str | None = None, pickup_code: str | None = None,
                 idempotency_key: str | None = None) -> Job | None:
        """The job matching every given key (the newest one if a pickup code was reused)."""
        where = {k: v for k, v in (("platform_job_id", platform_job_id), ("pickup_code", pickup_code),
                                   ("idempotency_key", idempotency_key)) if v is not None}
        if not where:
            raise ValueError("find_job needs platform_job_id, pickup_code or idempotency_key")
        sql = " AND ".join(f"{k} = ?" for k in where)
        with self._read() as c:
            row = c.execute(f"SELECT * FROM jobs WHERE {sql} ORDER BY created_at DESC, rowid DESC LIMIT 1",
                            list(where.values())).fetchone()
            return Job.from_row(row) if row else None

    def jobs(self, state: JobState | None = None, kind: str | None = None) -> list[Job]:
        """Jobs, oldest first, optionally of one state and/or kind."""
        where, args = [], []
        if state is not None:
            where.append("state = ?")
            args.append(JobState(state).value)
        if kind is not None:
            where.append("kind = ?")
            args.append(kind)
        sql = "SELECT * FROM jobs" + (" WHERE " + " AND ".join(where) if where else "")
        with self._read() as c:
            return [Job.from_row(r) for r in c.execute(sql + " ORDER BY created_at, rowid", args)]

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in JobState}
        with self._read() as c:
            for state, n in c.execute("SELECT state, count(*) FROM jobs GROUP BY state"):
                out[state] = n
        return out

    def recover_interrupted(self) -> list[Job]:
        """At start: every job left in ``printing`` → needs_verification, with its event.

        Such a job may or may not be on paper; it is never printed again automatically.
        """
        recovered = []
        with self._write() as c:
            for row in c.execute("SELECT id FROM jobs WHERE state = ?", (JobState.PRINTING.value,)).fetchall():
                self._set(c, row["id"], {"state": JobState.NEEDS_VERIFICATION.value,
                                         "error_code": "interrupted_while_printing"})
                job = self._get(c, row["id"])
                outbox.insert(c, DEFAULT_EVENTS[JobState.NEEDS_VERIFICATION],
                              self._event_body(job, {"reason": "interrupted while printing"}), job.event_job_id)
                recovered.append(job)
        if recovered:
            log.warning("%d job(s) were interrupted while printing; marked for verification", len(recovered))
        return recovered

    @staticmethod
    def _event_body(job: Job, extra: dict | None) -> dict:
        body = {"local_id": job.id, "service_id": job.service_id, "state": job.state.value}
        if job.error_code and job.state in (JobState.FAILED, JobState.NEEDS_VERIFICATION):
            body["error_code"] = job.error_code
        return {**body, **(extra or {})}

    @staticmethod
    def _check_fields(fields: dict) -> dict:
        unknown = set(fields) - MUTABLE_FIELDS
        if unknown:
            raise TypeError(f"not a settable job field: {', '.join(sorted(unknown))}")
        if "copies" in fields and (not isinstance(fields["copies"], int) or fields["copies"] < 1):
            raise ValueError(f"copies must be a positive integer, not {fields['copies']!r}")
        return fields

    @staticmethod
    def _get(c, job_id: str) -> Job | None:
        row = c.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return Job.from_row(row) if row else None

    def _require(self, c, job_id: str) -> Job:
        job = self._get(c, job_id)
        if job is None:
            raise JobNotFound(f"no job {job_id}")
        return job

    @staticmethod
    def _set(c, job_id: str, fields: dict) -> None:
        values = {k: _encode_field(k, v) for k, v in fields.items()}
        values["updated_at"] = to_iso(utc_now())
        sets = ", ".join(f"{k} = ?" for k in values)
        try:
            c.execute(f"UPDATE jobs SET {sets} WHERE id = ?", [*values.values(), job_id])
        except sqlite3.IntegrityError as e:
            raise DuplicateJob(f"job {job_id}: {e}") from None

    # ----- outbox ----------------------------------------------------------------------------
    def add_event(self, type: str, data: dict, job_id: str | None = None) -> str:
        with self._write() as c:
            return outbox.insert(c, type, data, job_id)

    def add_events(self, events: Iterable[tuple]) -> list[str]:
        """Append several events, ``(type, data)`` or ``(type, data, job_id)``, in one transaction."""
        with self._write() as c:
            return [outbox.insert(c, e[0], e[1], e[2] if len(e) > 2 else None) for e in events]

    def replace_event(self, type: str, data: dict) -> str:
        """Append an event that supersedes every undelivered one of its type (heartbeats): a long
        outage leaves one row, the newest. An event already sent and awaiting its answer may
        still be acknowledged; the platform then simply has both."""
        with self._write() as c:
            return outbox.replace(c, type, data)[0]

    def pending_events(self, limit: int = 100) -> list[OutboxEvent]:
        """Undelivered events, oldest first."""
        with self._read() as c:
            return outbox.pending(c, limit)

    def ack_events(self, event_ids: Iterable[str]) -> int:
        """Remove the events the platform acknowledged (accepted or duplicate); returns how many."""
        with self._write() as c:
            return outbox.delete(c, event_ids)

    def record_attempt(self, event_ids: Iterable[str], error: str) -> None:
        with self._write() as c:
            outbox.note_attempt(c, event_ids, error)

    def park_events(self, event_ids: Iterable[str], reason: str) -> int:
        """Set aside events the platform refused as malformed: kept, but no longer sent."""
        with self._write() as c:
            return outbox.park(c, event_ids, reason)

    def unpark_events(self) -> int:
        """Put parked events back in the queue (after the platform has been fixed)."""
        with self._write() as c:
            return outbox.unpark(c)

    def outbox_depth(self) -> int:
        """Events waiting to be delivered (parked ones not counted: see outbox_stats)."""
        with self._read() as c:
            return outbox.depth(c)

    def outbox_stats(self) -> dict:
        """depth, oldest_event_at, head_attempts, last_error, last_attempt_at (for diagnostics)."""
        with self._read() as c:
            return outbox.stats(c)

    # ----- catalogue and meta ----------------------------------------------------------------
    def save_catalogue(self, body: dict, etag: str | None) -> None:
        with self._write() as c:
            c.execute("INSERT OR REPLACE INTO catalogue (id, body, etag, saved_at) VALUES (1, ?, ?, ?)",
                      (dumps(body), etag, to_iso(utc_now())))

    def catalogue(self) -> tuple[dict, str | None] | None:
        with self._read() as c:
            row = c.execute("SELECT body, etag FROM catalogue WHERE id = 1").fetchone()
        return (json.loads(row["body"]), row["etag"]) if row else None

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self._read() as c:
            row = c.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as c:
            c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(value)))
