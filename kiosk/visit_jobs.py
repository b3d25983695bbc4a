"""The visit controller's work on jobs already on the terminal: licence jobs (prefetched) and
pickup jobs (queued while offline, or kept after a printer failed), found by a code typed or
scanned, checked against the person's ID card, and the licence sheets' serials recorded. Job
changes go through kiosk/print_jobs.py. Runs on the controller's pool, never on the GUI thread.
"""
from __future__ import annotations

import logging

from kiosk import print_jobs
from kiosk.local_key import id_sha256  # noqa: F401  (kept importable for older callers)
from kiosk.print_jobs import print_error_key  # noqa: F401  (kept importable from here)

log = logging.getLogger(__name__)

#: a licence job in one of these states was (or may have been) printed already
_DONE = ("printed", "reported", "printing", "needs_verification")


class StoredJobsMixin:
    """Licence and pickup jobs already on the terminal (off the GUI thread): found by a code typed
    or scanned, their kept document prepared, checked against the person's card, and a licence's
    sheet serials recorded. Printing is PrintMixin's (kiosk/visit_print.py)."""

    def _do_lookup_licence(self, gen, credit_code):
        found = [j for j in self.store.jobs(kind="licence") if j.data.get("credit_code") == credit_code]
        for candidate in found:
            print_jobs.expire_if_due(self.store, candidate)  # an expired licence is never printed
        job = None
        for candidate in found:
            if candidate.state.value in ("ready", "failed") and not print_jobs.is_expired(candidate):
                job = print_jobs.reopen(self.store, candidate)  # only if no sheet of it was ever sent
                if job is not None:
                    break
        if job is None:
            done = any(j.state.value in _DONE or print_jobs.reached_printer(j) for j in found)
            self._answer(gen, "licence_not_found", reason="licence_printed" if done else "licence_not_found")
            return
        self._answer(gen, "licence_found", job_id=job.id, licence=dict(job.data))

    def _do_lookup_pickup(self, gen, code):
        job = self.store.find_job(pickup_code=code)
        if job is not None and print_jobs.expire_if_due(self.store, job):
            job = None
        if job is None or print_jobs.printable(job) is not None:
            reason = "pickup_not_ready" if job is not None and job.state == "queued" else "pickup_not_found"
            self._answer(gen, "pickup_not_found", reason=reason)
            return
        self._answer(gen, "pickup_found", job_id=job.id, service_id=job.service_id, pickup_code=code)

    def _do_prepare_pickup(self, gen, job_id):
        self._prepare_cached(gen, job_id, "document_ready")

    def _do_prepare_licence(self, gen, job_id):
        self._prepare_cached(gen, job_id, "licence_ready")

    def _prepare_cached(self, gen, job_id, intent):
        from offline_cache.errors import DocumentCorrupt, DocumentMissing

        job = self.store.get_job(job_id)
        if print_jobs.printable(job) is not None:  # expired (or settled) since it was found
            print_jobs.expire_if_due(self.store, job)
            self._answer(gen, "document_failed", reason="expired")
            return
        try:
            content = self.store.get_document(job_id)
        except (DocumentCorrupt, DocumentMissing) as e:
            self._answer(gen, "document_failed", reason="checksum", detail=str(e))
            return
        if self.previews is not None:
            self.previews.render(job_id, content)
        if intent == "document_ready":
            self._answer(gen, intent, job_id=job_id, pages=job.pages or 1)
        else:
            self._answer(gen, intent, job_id=job_id)

    def _verify_locally(self, gen, flow, job_id, card, method):
        """Licence and pickup jobs carry the hashes of who may collect them."""
        from kiosk.privacy import mask_name

        job = self.store.get_job(job_id) if job_id else None
        if job is None or card is None:
            self._answer(gen, "verify_failed", reason="identity_rejected", detail="no_card")
            return
        # Keyed digests (kiosk.local_key): the store holds no ID number and no plain hash of one.
        allowed = job.data.get("authorised_id_hmac") or [job.data.get("id_hmac")]
        if self.id_digest(card.id_number) not in allowed:
            # Reported so the platform can follow up; no name or ID number leaves the terminal.
            self.store.add_event("job.identity_refused", {"flow": flow, "method": method},
                                 job_id=job.platform_job_id or job.id)
            self._answer(gen, "verify_failed", reason="not_authorised" if flow == "licence" else "not_owner")
            return
        self._answer(gen, "verified", subject=job.subject or "", display_name=mask_name(card.name))

    def _do_record_serials(self, gen, job_id, serials, complete, originals, duplicates, missing=None):
        """The sheets are out: printed with the serials of its stock (job.printed data), or flagged
        for verification when some sheets did not come out."""
        print_jobs.record_serials(self.store, job_id, serials, complete, originals, duplicates, missing)
