"""The cached-document half of the Store: put, get and purge encrypted documents.

Documents are kept only while a job may still print them: a job that reaches ``reported`` or
``expired`` loses its document at once, and :meth:`purge_expired` (call it at start and now and
then) expires waiting jobs past their ``expires_at`` and removes every file no job needs —
including one left behind by a crash between a state change and its file removal.
"""
from __future__ import annotations

from datetime import datetime

from offline_cache.documents import DocumentFiles, sha256_hex
from offline_cache.errors import DocumentCorrupt, DocumentMissing, JobNotFound, StoreError
from offline_cache.jobs import DOCUMENT_FREE_STATES, JobState, to_iso, utc_now

_EXPIRABLE = (JobState.READY, JobState.QUEUED, JobState.FAILED)


class DocumentsMixin:
    """Mixed into Store; uses its _lock, _write, get_job, update_job, _files, max_cache_bytes."""

    def _doc_files(self) -> DocumentFiles:
        if self._files is None:
            raise StoreError("the store was opened without the document key; documents are not available")
        return self._files

    def put_document(self, job_id: str, content: bytes, sha256: str, expires_at: datetime | None) -> None:
        """Verify, encrypt and cache a job's document (see module docs of documents.py).

        Raises DocumentCorrupt if ``sha256`` is not the content's or not the job's, CacheFull if it
        cannot fit after purging expired documents, StoreUnavailable if the disk is full.
        """
        files = self._doc_files()
        sha256 = sha256.lower()
        with self._lock:
            job = self.get_job(job_id)
            if job is None:
                raise JobNotFound(f"no job {job_id}")
            if job.state in DOCUMENT_FREE_STATES:
                raise StoreError(f"job {job_id} is {job.state}; its document is not kept")
            if job.sha256 and job.sha256.lower() != sha256:
                raise DocumentCorrupt(f"job {job_id}: document refused, SHA-256 {sha256} is not the job's {job.sha256}")
            if sha256_hex(content) != sha256:
                raise DocumentCorrupt(f"job {job_id}: document refused, its SHA-256 is not the expected {sha256}")
            current = files.path(job_id).stat().st_size if files.exists(job_id) else 0
            needed = files.stored_size(len(content)) - current
            if files.total_bytes() + needed > self.max_cache_bytes:
                self.purge_expired()
                files.ensure_room(needed, self.max_cache_bytes)
            if job.sha256 != sha256 or job.expires_at != expires_at:
                self.update_job(job_id, sha256=sha256, expires_at=expires_at or job.expires_at)
            files.write(job_id, content, sha256)

    def get_document(self, job_id: str) -> bytes:
        files = self._doc_files()
        with self._lock:
            job = self.get_job(job_id)
            if job is None:
                raise DocumentMissing(f"no job {job_id}, so no document")
            return files.read(job_id, job.sha256)

    @property
    def has_document_key(self) -> bool:
        """False when the store was opened without the document key (no document access)."""
        return self._files is not None

    def has_document(self, job_id: str) -> bool:
        return self._files is not None and self._files.exists(job_id)

    def purge_document(self, job_id: str) -> bool:
        if self._files is None:
            return False
        with self._lock:
            return self._files.remove(job_id)

    def purge_expired(self, now: datetime | None = None) -> int:
        """Expire waiting jobs past their expires_at, then remove every document no job needs.

        Returns the number of documents removed.
        """
        now_iso = to_iso(now or utc_now())
        with self._write() as c:
            marks = ",".join("?" * len(_EXPIRABLE))
            c.execute(f"UPDATE jobs SET state = ?, updated_at = ? WHERE state IN ({marks}) "
                      "AND expires_at IS NOT NULL AND expires_at < ?",
                      [JobState.EXPIRED.value, to_iso(utc_now()), *[s.value for s in _EXPIRABLE], now_iso])
        return self._sweep_documents(now_iso)

    def _sweep_documents(self, now_iso: str | None = None) -> int:
        if self._files is None:
            return 0
        removed = 0
        with self._lock:
            for job_id in self._files.job_ids():
                job = self.get_job(job_id)
                stale = (job is None or job.state in DOCUMENT_FREE_STATES
                         or (now_iso and job.expires_at is not None and to_iso(job.expires_at) < now_iso))
                if stale and self._files.remove(job_id):
                    removed += 1
        return removed

    def cache_bytes(self) -> int:
        return self._files.total_bytes() if self._files is not None else 0
