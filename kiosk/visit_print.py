"""The visit controller's printing: a certificate on the document printer, a business licence
(正本 A3 and 副本 A4, two printer jobs) on the licence printer, settled by the rules of
kiosk/print_jobs.py.

The printer runs on its device thread; the outcome is judged on the controller's pool once the
device answers (no pool thread waits on a printer, so a hung printer cannot starve the visit).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from drivers.base import DeviceError
from kiosk import print_jobs as jobs

log = logging.getLogger(__name__)


@dataclass
class Part:
    """One printer job of a visit's print: what to print and how it ended."""

    kind: str                 # document | originals | duplicates
    copies: int
    media: str = "A4"
    page_ranges: str | None = None
    outcome: object = None    # drivers.classes.PrintOutcome
    error: Exception | None = None
    job_ref: str = ""         # the printer's job, once it accepted one

    @property
    def printed(self) -> bool:
        return self.outcome is not None and self.outcome.printed

    @property
    def reason(self) -> str:
        if self.error is not None:
            return getattr(self.error, "code", "") or type(self.error).__name__
        return (self.outcome.reason or self.outcome.state or "unknown") if self.outcome is not None else "unknown"


def run_parts(dev, store, job_id: str, pdf: bytes, title: str, parts: list[Part], progress,
              uncancelled=lambda ref: None) -> list[Part]:
    """On the device thread: print ``parts`` in order, stopping at the first that did not print.

    Every printer job accepted is noted on the job at once (the rules need to know bytes left);
    every one not confirmed printed is cancelled (best effort, logged); one that cannot be
    cancelled now is handed to ``uncancelled`` (kiosk/cancels.py keeps trying).
    """
    for part in parts:
        if part is not parts[0] and _settled(store, job_id):
            break  # the visit's deadline passed meanwhile: nothing more goes to the printer

        def on_progress(state, info=None, part=part):
            ref = str((info or {}).get("job_ref") or "")
            if ref and not part.job_ref:
                part.job_ref = ref
                _note(store, job_id, ref)
                if _settled(store, job_id):  # accepted after the resident was told: cancel it now
                    uncancelled(ref)
            progress(state, info)

        try:
            part.outcome = dev.print_pdf(pdf, title=f"{title}-{part.media}" if part.kind != "document" else title,
                                         copies=part.copies, media=part.media, page_ranges=part.page_ranges,
                                         on_progress=on_progress)
        except Exception as e:  # noqa: BLE001 - every failure is judged by the rules, not lost
            part.error = e
            part.job_ref = part.job_ref or str(getattr(e, "job_ref", "") or "")
        if part.outcome is not None and part.outcome.job_ref and not part.job_ref:
            part.job_ref = str(part.outcome.job_ref)
            _note(store, job_id, part.job_ref)
        if not part.printed:
            if part.job_ref:
                _note(store, job_id, part.job_ref)
                if not jobs.cancel_printer_job(dev, part.job_ref, job_id) and hasattr(dev, "cancel_job"):
                    uncancelled(part.job_ref)
            break
    return parts


def _settled(store, job_id: str) -> bool:
    """True once the job is no longer printing (settled by the deadline while this ran)."""
    try:
        job = store.get_job(job_id)
    except Exception:
        return False
    return job is not None and job.state != jobs.JobState.PRINTING


def _note(store, job_id: str, ref: str) -> None:
    try:
        jobs.note_printer_job(store, job_id, ref)
    except Exception:
        log.exception("job %s: printer job %s could not be noted", job_id, ref)


class PrintMixin:
    """Mixed into VisitController (store, devices, _pool, _answer, _generation, previews)."""

    def _print(self, gen, job_id: str, device: str, title: str, parts: list[Part], judge) -> None:
        from offline_cache.errors import DocumentCorrupt, DocumentMissing

        job = self.store.get_job(job_id)
        why = jobs.printable(job)
        if why == "expired":
            jobs.expire_if_due(self.store, job)
            self._answer(gen, "print_failed", reason="expired")
            return
        if why is not None:
            log.error("job %s is %s; not printed", job_id, job.state if job else "gone")
            self._answer(gen, "print_failed", reason="internal")
            return
        try:
            pdf = self.store.get_document(job_id)  # SHA-256 checked again right before printing
        except (DocumentCorrupt, DocumentMissing) as e:
            self.store.transition(job_id, "failed", error_code="checksum", event_data={"reason": str(e)[:200]})
            self._answer(gen, "print_failed", reason="checksum")
            return
        data = {**job.data}
        if parts[0].kind != "document":
            data.update(printed_originals=sum(p.copies for p in parts if p.kind == "originals"),
                        printed_duplicates=sum(p.copies for p in parts if p.kind == "duplicates"))
        jobs.start_printing(self.store, job_id, copies=job.copies if parts[0].kind != "document" else parts[0].copies,
                            data=data)

        def progress(state, info=None):
            self._answer(gen, "print_progress", state=state)

        def uncancelled(ref):
            self.cancels.add(device, ref, job_id)

        fut = self.devices.call(device, lambda dev: run_parts(dev, self.store, job_id, pdf, title, parts, progress,
                                                              uncancelled))

        def judged(f):
            try:
                ran = f.result()
            except Exception as e:  # the device thread itself failed (not connected, gone)
                parts[0].error = e
                ran = parts
            self._pool.submit(self._judge_safely, gen, job_id, ran, judge)

        fut.add_done_callback(judged)

    def _judge_safely(self, gen, job_id, parts, judge) -> None:
        try:
            judge(gen, job_id, parts)
        except Exception as e:
            log.exception("print outcome of job %s could not be settled", job_id)
            jobs.settle_unknown(self.store, job_id, f"{type(e).__name__}: {e}")
            self._answer(gen, "print_failed", reason="print_unconfirmed")

    # -- certificates ------------------------------------------------------------------------
    def _do_print_document(self, gen, job_id, copies, service_id, identity=None):
        """``identity`` (the card read in this visit, carried by the effect) lets a certificate that
        never reached the printer be kept for its owner."""
        owner = self.id_digest(identity.id_number) if identity is not None else None
        job = self.store.get_job(job_id)
        title = f"{service_id}-{(job.platform_job_id if job else None) or job_id}"
        self._print(gen, job_id, "document", title, [Part("document", copies)],
                    lambda g, j, parts: self._judge_document(g, j, parts[0], owner))

    def _judge_document(self, gen, job_id, part: Part, owner: str | None) -> None:
        from kiosk.codes import new_pickup_code

        if part.printed:
            jobs.mark_printed(self.store, job_id, pages=part.outcome.pages, printer_job=part.job_ref)
            self._answer(gen, "printed")
            return
        reason = part.reason
        if part.job_ref or (part.error is not None and not isinstance(part.error, DeviceError)):
            # Bytes reached the printer, or nobody knows: a person checks, never a reprint.
            jobs.mark_unconfirmed(self.store, job_id, reason)
            self._answer(gen, "print_failed", reason="print_unconfirmed", detail=reason)
            return
        jobs.mark_not_printed(self.store, job_id, reason)
        live = gen == self._generation  # a visit that ended is told nothing, and keeps nothing
        code = jobs.keep_for_pickup(self.store, job_id, owner, new_pickup_code) if live else None
        key = "printer_unavailable" if part.error is not None else jobs.print_error_key(reason)
        self._answer(gen, "print_failed", reason=key, detail=reason, pickup_code=code)

    # -- business licences -------------------------------------------------------------------
    def _do_print_licence(self, gen, job_id, originals, duplicates):
        """正本 (page 1, A3) and 副本 (page 2, A4) on the licence printer, as two printer jobs."""
        job = self.store.get_job(job_id)
        parts = [p for p in (Part("originals", originals, "A3", "1"), Part("duplicates", duplicates, "A4", "2"))
                 if p.copies > 0]
        title = f"licence-{(job.platform_job_id if job else None) or job_id}"
        self._print(gen, job_id, "licence", title, parts, self._judge_licence)

    def _judge_licence(self, gen, job_id, parts: list[Part]) -> None:
        out = {p.kind: p.copies for p in parts if p.printed}
        missing = {p.kind: p.copies for p in parts if not p.printed}
        unconfirmed = [p.kind for p in parts if not p.printed and (p.job_ref or p.error is not None)]
        if out:
            # Sheets came out: the job stays printing until their serials are recorded.
            job = self.store.get_job(job_id)
            self.store.update_job(job_id, data={**job.data, "print_outcome": {
                "pages": sum(p.outcome.pages for p in parts if p.printed),
                "printer_job": ",".join(p.job_ref for p in parts if p.job_ref)}})
            if missing:
                missing = {**missing, "unconfirmed": unconfirmed}
            self._answer(gen, "licence_printed", originals=out.get("originals", 0),
                         duplicates=out.get("duplicates", 0), missing=missing)
            return
        failed = next(p for p in parts if not p.printed)
        reason = failed.reason
        if failed.job_ref or (failed.error is not None and not isinstance(failed.error, DeviceError)):
            jobs.mark_unconfirmed(self.store, job_id, reason)
            self._answer(gen, "print_failed", reason="licence_unconfirmed", detail=reason)
            return
        jobs.mark_not_printed(self.store, job_id, reason)
        key = "printer_error" if failed.error is not None else jobs.print_error_key(reason)
        self._answer(gen, "print_failed", reason="licence_" + key, detail=reason)

