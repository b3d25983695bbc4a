"""The sync worker's work on jobs (kiosk/sync.py): requests kept for a pickup code completed
once the platform answers, and licence jobs assigned to this terminal prefetched. Job changes and
document fetching go through kiosk/print_jobs.py. Runs on the sync worker's thread.
"""
from __future__ import annotations

import logging

from kiosk import print_jobs
from kiosk.platform_client import ChecksumMismatch, PlatformError, Rejected, Unreachable
from offline_cache import IllegalTransition, JobState, StoreError
from offline_cache.jobs import from_iso

log = logging.getLogger(__name__)


class JobsSyncMixin:
    """Mixed into SyncWorker (store, client, unseal, id_digest, _stop, _ok, _parked_assigned)."""

    # ------------------------------------------------------------------ queued jobs
    def _queued_jobs(self) -> None:
        """Complete the requests kept for a pickup code. A queued job without a pickup code is an
        offer the resident has not accepted yet: it is left alone (accepting reuses it)."""
        for job in self.store.jobs(state=JobState.QUEUED):
            if self._stop.is_set():
                return
            if not job.pickup_code:
                continue
            try:
                subject = job.subject or self._subject_from(job)
                ticket = self.client.create_document(job.service_id, subject, job.copies, job.idempotency_key)
                self._ok()
                data = {k: v for k, v in job.data.items() if k not in ("identity", "identity_sealed")}
                self.store.update_job(job.id, platform_job_id=ticket.job_id, sha256=ticket.sha256,
                                      pages=ticket.pages, verify_code=ticket.verify_code,
                                      expires_at=from_iso(ticket.expires_at), subject=subject, data=data)
                print_jobs.fetch_document(self.store, self.client, job.id, ticket.job_id, ticket.sha256,
                                          ticket.expires_at)
            except Unreachable:
                raise
            except Rejected as e:
                log.warning("queued job %s refused by the platform: %s", job.id, e.code)
                self._fail(job.id, e.code)
            except ChecksumMismatch:
                log.warning("queued job %s: document failed its SHA-256 check; will retry", job.id)
                self.store.update_job(job.id, error_code="checksum_mismatch")
            except (PlatformError, StoreError) as e:  # this job only; the others go on
                log.warning("queued job %s not completed (%s: %s); will retry", job.id, type(e).__name__, e)

    def _subject_from(self, job) -> str:
        """A job queued before the identity could be verified carries what is needed to verify it."""
        identity = job.data.get("identity")
        sealed = job.data.get("identity_sealed")
        if sealed and self.unseal is not None:
            try:
                identity = self.unseal(sealed)
            except Exception:
                raise Rejected(400, "identity_unreadable", "the sealed identity cannot be opened") from None
        if not isinstance(identity, dict) or "method" not in identity:
            raise Rejected(400, "no_subject", "queued job has neither a subject nor an identity to verify")
        fields = {k: v for k, v in identity.items() if k != "method"}
        return self.client.verify_identity(identity["method"], **fields).subject

    def _fetch(self, job_id: str, platform_job_id: str, sha256: str, expires_at: str | None) -> None:
        print_jobs.fetch_document(self.store, self.client, job_id, platform_job_id, sha256, expires_at)

    def _fail(self, job_id: str, code: str) -> None:
        try:
            self.store.transition(job_id, JobState.FAILED, error_code=code[:80])
        except IllegalTransition:
            self.store.update_job(job_id, error_code=code[:80])

    # ------------------------------------------------------------------ licence jobs
    def _prefetch_licences(self) -> None:
        """Licence jobs assigned to this terminal, fetched so they print offline. A job with a bad
        field is parked (logged once, with why) and the others are fetched all the same."""
        valid, refused = self.client.assigned_jobs_checked()
        self._ok()
        for ref, why in refused:
            if ref not in self._parked_assigned:
                self._parked_assigned.add(ref)
                log.error("assigned licence job %s refused, parked until the platform corrects it: %s", ref, why)
        for assigned in valid:
            self._parked_assigned.discard(assigned.job_id)
            try:
                self._prefetch_one(assigned)
            except Unreachable:
                raise
            except (PlatformError, StoreError, ValueError) as e:
                log.warning("licence job %s not prefetched (%s: %s); will retry", assigned.job_id,
                            type(e).__name__, e)

    def _prefetch_one(self, assigned) -> None:
        if print_jobs.parse_time(assigned.expires_at) <= print_jobs.utc_now():
            return  # already past its expiry: never fetched, never printed
        job = self.store.find_job(platform_job_id=assigned.job_id)
        if job is None:
            job = self.store.create_job(
                service_id="business_licence", kind="licence", subject=assigned.credit_code,
                copies=max(1, assigned.originals + assigned.duplicates), state=JobState.REQUESTED,
                idempotency_key=f"licence:{assigned.job_id}", platform_job_id=assigned.job_id,
                sha256=assigned.sha256, expires_at=from_iso(assigned.expires_at),
                data={"company": assigned.company, "credit_code": assigned.credit_code,
                      "originals": assigned.originals, "duplicates": assigned.duplicates,
                      # keyed with the local key: the store never holds a plain hash of an ID
                      "authorised_id_hmac": [self.id_digest(h) for h in assigned.authorised_id_sha256]},
                event_data={"kind": "licence", "prefetch": True})
        if job.state is JobState.REQUESTED:
            try:
                self._fetch(job.id, assigned.job_id, assigned.sha256, assigned.expires_at)
            except ChecksumMismatch:
                log.warning("licence job %s: document failed its SHA-256 check; will retry", job.id)
                self.store.update_job(job.id, error_code="checksum_mismatch")
