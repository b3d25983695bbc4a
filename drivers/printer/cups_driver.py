"""Document and licence printers behind a CUPS queue (driver ``cups``), spoken to over IPP.

CUPS calls a job "completed" once the data has left for the printer, not when paper came out,
and a printer that stops on an error can leave a job "processing". So :meth:`print_pdf`
reports ``printed=True`` only when the job completed AND the printer then shows no reason that
stops paper (media-empty, media-jam, door-open ...). The driver returns such a stuck job
without cancelling it; the kiosk then cancels it (kiosk/visit_jobs.print_or_cancel), so that no
sheet comes out later, unattended. :meth:`cancel_job` and :meth:`active_jobs` serve that.
"""
from __future__ import annotations

import logging
import time

from drivers.base import DeviceUnavailable, EventKind
from drivers.classes import PrintOutcome, ProgressCallback
from drivers.printer import ipp
from drivers.printer.ipp_client import IppClient, IppStatusError, IppUnreachable
from drivers.printer.offset import apply_offset
from drivers.options import CupsOptions
from drivers.printer.pdf_printer import PdfPrinter
from drivers.printer.reasons import blocking_reason, normalize, status_of

log = logging.getLogger(__name__)

#: our media names → PWG self-describing names (others pass through unchanged)
PWG_MEDIA = {"A4": "iso_a4_210x297mm", "A3": "iso_a3_297x420mm", "A5": "iso_a5_148x210mm"}


class CupsPrinter(PdfPrinter):
    Options = CupsOptions
    options: CupsOptions

    def __init__(self, name, options, emit):
        super().__init__(name, options, emit)
        self._client = IppClient(options.server, user=options.user, timeout=options.request_timeout_s)

    # ------------------------------------------------------------------ health

    def _printer_attrs(self) -> ipp.Group:
        try:
            return self._client.get_printer_attributes(self.options.printer)
        except IppUnreachable as e:
            raise DeviceUnavailable(str(e)) from None
        except IppStatusError as e:
            if e.status == ipp.STATUS_NOT_FOUND:
                raise DeviceUnavailable(f"CUPS queue {self.options.printer!r} does not exist") from None
            raise DeviceUnavailable(f"CUPS queue {self.options.printer!r}: {e}") from None

    def _update_status(self, attrs: ipp.Group) -> tuple[str, list[str]]:
        """Map the printer attributes to our status (emitting paper events); returns state, reasons."""
        state = ipp.PRINTER_STATES.get(attrs.get("printer-state", 3), "idle")
        reasons = [r for r in attrs.getall("printer-state-reasons") if isinstance(r, str)]
        accepting = attrs.get("printer-is-accepting-jobs", True) is not False
        status = status_of(state, reasons, accepting=accepting)
        self._note_paper(status.detail["paper"])
        self.set_status(status)
        return state, reasons

    def open(self) -> None:
        attrs = self._printer_attrs()
        if attrs.get("printer-is-accepting-jobs") is False:
            raise DeviceUnavailable(f"CUPS queue {self.options.printer!r} is not accepting jobs", code="rejecting")
        self._update_status(attrs)
        log.info("%s: CUPS queue %s on %s, %s", self.name, self.options.printer, self.options.server,
                 self._status.state.value)

    def poll(self) -> None:
        self._update_status(self._printer_attrs())

    def close(self) -> None:
        pass

    # ------------------------------------------------------------------ printing

    def _job_attrs(self, copies: int, media: str, page_ranges: str | None) -> ipp.Group:
        job = ipp.Group(ipp.JOB)
        job.add("copies", ipp.INTEGER, copies)
        job.add("media", ipp.KEYWORD, PWG_MEDIA.get(media.upper(), media))
        job.add("sides", ipp.KEYWORD, self.options.sides)
        if page_ranges:
            job.add("page-ranges", ipp.RANGE, *ipp.parse_page_ranges(page_ranges))
        source = self.options.media_sources.get(media) or self.options.media_sources.get(media.upper())
        if source:
            job.add("InputSlot", ipp.KEYWORD, source)  # CUPS hands job attributes to the PPD filter
        return job

    def print_pdf(self, pdf: bytes, *, title: str, copies: int = 1, media: str = "A4",
                  page_ranges: str | None = None,
                  on_progress: ProgressCallback | None = None) -> PrintOutcome:
        if copies < 1:
            raise ValueError("copies must be at least 1")
        job_attrs = self._job_attrs(copies, media, page_ranges)  # ValueError on bad page ranges
        state, reasons = self._update_status(self._printer_attrs())
        problem = blocking_reason(reasons, state)
        if problem:
            log.warning("%s: not submitting a job, printer reports %s", self.name, problem)
            return PrintOutcome(printed=False, state="not-submitted", reason=problem)
        document = apply_offset(pdf, self.options.offset_x_dmm, self.options.offset_y_dmm)
        try:
            job_id = self._client.print_job(self.options.printer, document, title=title, job_attrs=job_attrs)
        except IppUnreachable as e:
            raise DeviceUnavailable(str(e)) from None
        except IppStatusError as e:
            log.warning("%s: CUPS refused the job: %s", self.name, e)
            return PrintOutcome(printed=False, state="refused", reason=f"ipp-status-0x{e.status:04x}")
        log.info("%s: submitted job %d (%d copies, %s)", self.name, job_id, copies, media)
        try:
            return self.follow_job(str(job_id), on_progress=on_progress)
        except Exception as e:
            # The job reached CUPS: whoever catches this must settle (and cancel) it, never retry it.
            e.job_ref = str(job_id)
            raise

    def follow_job(self, job_ref: str, *, on_progress: ProgressCallback | None = None,
                   timeout_s: float | None = None) -> PrintOutcome:
        """Follow job ``job_ref`` until it ends, stops behind a printer error, or the timeout."""
        job_id = int(job_ref)
        deadline = time.monotonic() + (self.options.job_timeout_s if timeout_s is None else timeout_s)
        last: tuple | None = None
        job_state, pages = "pending", 0
        while True:
            try:
                job = self._client.get_job_attributes(self.options.printer, job_id)
            except IppUnreachable as e:
                raise DeviceUnavailable(str(e)) from None
            except IppStatusError as e:
                return PrintOutcome(False, job_ref, "unknown", f"ipp-status-0x{e.status:04x}")
            printer_state, printer_reasons = self._update_status(self._printer_attrs())
            job_state = ipp.JOB_STATES.get(job.get("job-state", 3), "pending")
            pages = int(job.get("job-impressions-completed", 0) or 0)
            job_reasons = normalize([r for r in job.getall("job-state-reasons") if isinstance(r, str)])
            problem = blocking_reason(printer_reasons, printer_state)
            info = {"job_ref": job_ref, "pages": pages, "job_reasons": job_reasons,
                    "printer_reasons": normalize(printer_reasons)}
            if on_progress is not None and (job_state, problem, pages) != last:
                on_progress(job_state, info)
            last = (job_state, problem, pages)
            outcome = self._judge(job_ref, job_state, job_reasons, problem, pages)
            if outcome is not None:
                log.log(logging.INFO if outcome.printed else logging.WARNING, "%s: job %s ended %s %s",
                        self.name, job_ref, outcome.state, outcome.reason)
                if outcome.printed:
                    self.emit(EventKind.JOB_COMPLETED, job_ref=job_ref, pages=pages)
                return outcome
            if time.monotonic() >= deadline:
                log.warning("%s: job %s still %s after the timeout", self.name, job_ref, job_state)
                return outcome or PrintOutcome(False, job_ref, job_state, "timeout", pages)
            time.sleep(self.options.job_poll_s)

    @staticmethod
    def _judge(job_ref: str, job_state: str, job_reasons: list[str], problem: str, pages: int) -> PrintOutcome | None:
        """The outcome if the job is over (or stuck behind a printer error), else None."""
        if job_state == "completed":
            if problem:
                return PrintOutcome(False, job_ref, job_state, problem, pages)
            return PrintOutcome(True, job_ref, job_state, "", pages)
        if job_state in ("canceled", "aborted"):
            reason = next((r for r in job_reasons if r not in ("processing-to-stop-point",)), job_state)
            return PrintOutcome(False, job_ref, job_state, problem or reason, pages)
        if problem:  # pending/processing/stopped behind a printer error: keep the job, say why
            return PrintOutcome(False, job_ref, job_state, problem, pages)
        if job_state == "stopped":
            return PrintOutcome(False, job_ref, job_state, job_reasons[0] if job_reasons else "stopped", pages)
        if job_state == "held":
            return PrintOutcome(False, job_ref, job_state, job_reasons[0] if job_reasons else "job-held", pages)
        return None

    def active_jobs(self) -> list[dict]:
        """Jobs not yet ended in this queue (e.g. kept behind paper-out): job_ref, state, name."""
        try:
            jobs = self._client.get_jobs(self.options.printer)
        except IppUnreachable as e:
            raise DeviceUnavailable(str(e)) from None
        return [{"job_ref": str(j.get("job-id")), "state": ipp.JOB_STATES.get(j.get("job-state", 3), "pending"),
                 "name": str(j.get("job-name", ""))} for j in jobs]

    def cancel_job(self, job_ref: str) -> None:
        try:
            self._client.cancel_job(self.options.printer, int(job_ref))
        except IppUnreachable as e:
            raise DeviceUnavailable(str(e)) from None
