"""Personal data at rest in the Store: file modes, the retention purge, identities dropped on
failure, and moving cached documents to another key.

- The store directory is 0700 and kiosk.db, its WAL and shared-memory files are 0600. The
  database file is created 0600 before SQLite opens it (SQLite gives its -wal/-shm files the
  mode of the database), and the modes are set again at each open in case an older version or
  an operator's copy left them wider.
- ``PRAGMA secure_delete = ON``: a deleted row is overwritten with zeros, not left in a free page.
- :meth:`purge_retention` deletes the rows of jobs that ended (reported, expired) more than the
  retention period ago, then truncates the WAL so their old pages do not linger there either.
- A job that fails, expires or is printed loses its sealed identity in the same transaction.
"""
from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta
from pathlib import Path

from offline_cache.documents import DocumentFiles
from offline_cache.errors import DocumentCorrupt, DocumentMissing
from offline_cache.jobs import JobState, dumps, to_iso, utc_now

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
#: job data keys that identify a person, dropped once the job can no longer need them
IDENTITY_KEYS = ("identity", "identity_sealed")
#: states in which a job no longer needs the identity sealed for a later verification
IDENTITY_FREE_STATES = frozenset({JobState.FAILED, JobState.EXPIRED, JobState.PRINTED, JobState.REPORTED,
                                  JobState.NEEDS_VERIFICATION})
#: ended jobs whose rows the retention purge deletes
RETAINED_STATES = (JobState.REPORTED, JobState.EXPIRED)


def secure_directory(directory: Path) -> None:
    """Create ``directory`` 0700 (or narrow it to 0700)."""
    directory.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if directory.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(directory, DIR_MODE)


def precreate_private(path: Path) -> None:
    """Make sure ``path`` exists with mode 0600 before another library opens it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def narrow_files(db_path: Path) -> None:
    """kiosk.db, kiosk.db-wal and kiosk.db-shm to 0600 (those that exist)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = db_path.with_name(db_path.name + suffix)
        try:
            if p.stat().st_mode & 0o777 != FILE_MODE:
                os.chmod(p, FILE_MODE)
        except FileNotFoundError:
            pass


class PrivacyMixin:
    """Mixed into Store; uses its _write, _read, _lock, _files, dir."""

    def purge_retention(self, days: float, now: datetime | None = None) -> int:
        """Delete the rows of reported and expired jobs last changed more than ``days`` ago.

        Returns how many rows were deleted. The WAL is checkpointed and truncated afterwards,
        so the deleted rows survive neither in the database file nor in the log.
        """
        cutoff = to_iso((now or utc_now()) - timedelta(days=days))
        marks = ",".join("?" * len(RETAINED_STATES))
        with self._write() as c:
            cur = c.execute(f"DELETE FROM jobs WHERE state IN ({marks}) AND updated_at < ?",
                            [*(s.value for s in RETAINED_STATES), cutoff])
            deleted = cur.rowcount
        if deleted:
            self.checkpoint()
            log.info("retention: %d ended job(s) older than %s days deleted", deleted, days)
        return deleted

    def checkpoint(self) -> None:
        """Copy the WAL into the database file and truncate it to zero bytes."""
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    @staticmethod
    def _drop_identity(c, job_id: str, to_state: JobState) -> None:
        """Inside a transition's transaction: a job that cannot be verified later any more
        keeps no sealed identity (a queued request that failed must not hold one forever)."""
        if to_state not in IDENTITY_FREE_STATES:
            return
        row = c.execute("SELECT data FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            return
        import json

        data = json.loads(row["data"] or "{}")
        if any(k in data for k in IDENTITY_KEYS):
            kept = {k: v for k, v in data.items() if k not in IDENTITY_KEYS}
            c.execute("UPDATE jobs SET data = ? WHERE id = ?", (dumps(kept), job_id))

    def rekey_documents(self, old_doc_key: bytes) -> int:
        """Re-encrypt every cached document written under ``old_doc_key`` with the store's key.

        A document already readable with the store's key is left alone, so a run interrupted
        half-way is simply run again. Returns how many documents were moved to the new key.
        """
        files = self._doc_files()
        old = DocumentFiles(files.dir, old_doc_key)
        moved = 0
        with self._lock:
            for job_id in files.job_ids():
                job = self.get_job(job_id)
                if job is None or not job.sha256:
                    continue
                try:
                    files.read(job_id, job.sha256)
                    continue  # already under the new key
                except (DocumentCorrupt, DocumentMissing):
                    pass
                try:
                    content = old.read(job_id, job.sha256)
                except (DocumentCorrupt, DocumentMissing) as e:
                    log.warning("document of job %s cannot be moved to the local key: %s", job_id, e)
                    continue
                files.write(job_id, content, job.sha256)
                moved += 1
        return moved

    def rewrite_job_data(self, rewrite) -> int:
        """Apply ``rewrite(data) -> data | None`` to every job's data in one transaction (None:
        unchanged); for one-off migrations of what jobs keep. Returns the rows changed."""
        import json

        changed = 0
        with self._write() as c:
            for row in c.execute("SELECT id, data FROM jobs").fetchall():
                new = rewrite(json.loads(row["data"] or "{}"))
                if new is not None:
                    c.execute("UPDATE jobs SET data = ? WHERE id = ?", (dumps(new), row["id"]))
                    changed += 1
        return changed
