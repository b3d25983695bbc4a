"""The visit controller's work on jobs already on the terminal: licence jobs (prefetched) and
pickup jobs (queued while offline, or kept after a printer failed), found by a code typed or
scanned, checked against the person's ID card, printed, and the licence sheets' serials
recorded. Runs on the controller's pool, never on the GUI thread.
"""
from __future__ import annotations

import logging

from kiosk.local_key import id_sha256  # noqa: F401  (kept importable for older callers)

log = logging.getLogger(__name__)


def print_or_cancel(dev, submit):
    """Submit, and cancel a job that did not print: a sheet must never come out later, unattended,
    for the next person to take. The resident's job stays in the store to be printed again."""
    outcome = submit()
    if not outcome.printed and outcome.job_ref and hasattr(dev, "cancel_job"):
        try:
            dev.cancel_job(outcome.job_ref)
        except Exception:
            log.warning("could not cancel printer job %s", outcome.job_ref, exc_info=True)
    return outcome


def print_error_key(reason: str) -> str:
    if reason in ("media-empty", "media-needed", "paper_out"):
        return "paper_out"
    if reason in ("media-jam", "jammed", "paper_jam"):
        return "paper_jam"
    return "printer_error"


class LookupMixin:
    """Finding licence and pickup jobs typed or scanned at the terminal (off the GUI thread)."""

    def _do_lookup_licence(self, gen, credit_code):
        from offline_cache.jobs import JobState

        found = [j for j in self.store.jobs(kind="licence") if j.data.get("credit_code") == credit_code]
        job = next((j for j in found if j.state in (JobState.READY, JobState.FAILED)), None)
        if job is None:
            printed = any(j.state in (JobState.PRINTED, JobState.REPORTED, JobState.PRINTING,
                                      JobState.NEEDS_VERIFICATION) for j in found)
            self._answer(gen, "licence_not_found", reason="licence_printed" if printed else "licence_not_found")
            return
        if job.state == JobState.FAILED:  # e.g. the stock ran out last time: the sheet was never printed
            job = self.store.transition(job.id, JobState.READY, event_type=None)
        self._answer(gen, "licence_found", job_id=job.id, licence=dict(job.data))

    def _do_lookup_pickup(self, gen, code):
        job = self.store.find_job(pickup_code=code)
        if job is None or job.state != "ready":
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

    def _do_print_licence(self, gen, job_id, originals, duplicates):
        """正本 (page 1, A3) and 副本 (page 2, A4) on the licence printer, as one printing job."""
        from offline_cache.errors import DocumentCorrupt, DocumentMissing

        try:
            pdf = self.store.get_document(job_id)
        except (DocumentCorrupt, DocumentMissing):
            self.store.transition(job_id, "failed", error_code="checksum", event_data={"reason": "checksum"})
            self._answer(gen, "print_failed", reason="checksum")
            return
        job = self.store.transition(job_id, "printing", data={**self.store.get_job(job_id).data,
                                                               "printed_originals": originals,
                                                               "printed_duplicates": duplicates})

        def progress(state, info=None):
            self._answer(gen, "print_progress", state=state)

        def print_both(dev):
            from drivers.classes import PrintOutcome

            outcome = PrintOutcome(printed=True)
            for copies, pages, media in ((originals, "1", "A3"), (duplicates, "2", "A4")):
                if copies <= 0:
                    continue
                outcome = dev.print_pdf(pdf, title=f"licence-{job.platform_job_id or job_id}-{media}",
                                        copies=copies, media=media, page_ranges=pages, on_progress=progress)
                if not outcome.printed:
                    return outcome
            return outcome

        fut = self.devices.call("licence", lambda dev: print_or_cancel(dev, lambda: print_both(dev)))
        self._finish_print(gen, job_id, fut, licence=True)

    def _do_record_serials(self, gen, job_id, serials, complete, originals, duplicates, missing=None):
        """The sheets are out: the job is printed, with the serials of its stock (job.printed data)."""
        job = self.store.get_job(job_id)
        if job is None or job.state != "printing":
            log.warning("licence job %s is not printing; serials not recorded", job_id)
            return
        data = {**job.data, "serials": list(serials), "serials_complete": complete}
        self.store.transition(job_id, "printed", data=data, event_data={
            "kind": "licence", "originals": originals, "duplicates": duplicates,
            "serials": list(serials), "serials_complete": complete, **(job.data.get("print_outcome") or {})})

    def _keep_for_pickup(self, job_id, identity) -> str | None:
        """A certificate the printer could not print stays here for its owner (ID card + code).

        ``identity`` (the owner's card) comes with the print effect, never from the session."""
        from kiosk.codes import new_pickup_code

        job = self.store.get_job(job_id)
        if job is None or job.kind != "certificate" or identity is None:
            return None
        try:
            self.store.transition(job_id, "ready", event_type=None)
            code = job.pickup_code or new_pickup_code()
            self.store.update_job(job_id, pickup_code=code,
                                  data={**job.data, "id_hmac": self.id_digest(identity.id_number)})
        except Exception:
            log.exception("job %s could not be kept for a pickup", job_id)
            return None
        return code
