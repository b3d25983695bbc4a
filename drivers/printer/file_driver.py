"""A document/licence printer that writes each job as a PDF file (driver ``file``), for the
demo and the simulator.

Each job becomes ``<dir>/<timestamp>-<title-slug>.pdf`` holding the pages printed (page ranges
applied, calibration offset applied), with a sidecar ``.json`` recording copies, media, page
ranges and page count. ``<dir>/paper-state`` holding ``ok``, ``low``, ``out`` or ``jammed``
(absent: ok) plays the paper sensor, so a simulator control can make the printer run out.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import re
from pathlib import Path

from drivers.base import DeviceState, DeviceStatus, DeviceUnavailable, EventKind
from drivers.classes import PrintOutcome, ProgressCallback
from drivers.printer.offset import apply_offset
from drivers.options import FileOptions
from drivers.printer.pdf_printer import PdfPrinter

log = logging.getLogger(__name__)

PAPER_STATES = ("ok", "low", "out", "jammed")
#: paper state → the IPP reason a real printer would give for not printing
BLOCKING_PAPER = {"out": "media-empty", "jammed": "media-jam"}


def slug(title: str) -> str:
    """A file-name-safe form of ``title`` (CJK letters kept), at most 60 characters."""
    text = re.sub(r"[^\w.-]+", "-", title, flags=re.UNICODE).strip("-.")
    return text[:60] or "job"


def select_pages(pdf: bytes, page_ranges: str | None) -> tuple[bytes, int]:
    """The pages of ``pdf`` named by ``page_ranges`` ("1", "2-3", "1,3") and their count."""
    from pypdf import PdfReader, PdfWriter

    from drivers.printer.ipp import parse_page_ranges

    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    if not page_ranges:
        return pdf, total
    wanted = [p for r in parse_page_ranges(page_ranges) for p in range(r.lower, min(r.upper, total) + 1)]
    if not wanted:
        raise ValueError(f"page range {page_ranges!r} selects no page of a {total}-page document")
    writer = PdfWriter()
    for number in wanted:
        writer.add_page(reader.pages[number - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(wanted)


class FilePrinter(PdfPrinter):
    Options = FileOptions
    options: FileOptions

    def __init__(self, name, options, emit):
        super().__init__(name, options, emit)
        self.dir = Path(options.dir)

    # ------------------------------------------------------------------ health

    def paper_state(self) -> str:
        """What the paper-state file says (ok when absent; unknown for anything else)."""
        try:
            text = (self.dir / "paper-state").read_text(encoding="utf-8").strip().lower()
        except FileNotFoundError:
            return "ok"
        except OSError:
            return "unknown"
        return text if text in PAPER_STATES else "unknown"

    def _refresh(self) -> str:
        if not self.dir.is_dir():
            raise DeviceUnavailable(f"output directory {self.dir} is gone")
        paper = self.paper_state()
        self._note_paper(paper)
        if paper == "jammed":
            status = DeviceStatus(DeviceState.HARDWARE_ERROR, {"paper": paper}, "media-jam")
        else:
            status = DeviceStatus(DeviceState.ONLINE, {"paper": paper},
                                  BLOCKING_PAPER.get(paper, "media-low" if paper == "low" else ""))
        self.set_status(status)
        return paper

    def open(self) -> None:
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise DeviceUnavailable(f"cannot create {self.dir}: {e.strerror}") from None
        if not os.access(self.dir, os.W_OK):
            raise DeviceUnavailable(f"{self.dir} is not writable")
        self._refresh()

    def poll(self) -> None:
        self._refresh()

    # ------------------------------------------------------------------ printing

    def _target(self, title: str) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        base = f"{stamp}-{slug(title)}"
        path, n = self.dir / f"{base}.pdf", 1
        while path.exists():
            n += 1
            path = self.dir / f"{base}-{n}.pdf"
        return path

    def print_pdf(self, pdf: bytes, *, title: str, copies: int = 1, media: str = "A4",
                  page_ranges: str | None = None,
                  on_progress: ProgressCallback | None = None) -> PrintOutcome:
        if copies < 1:
            raise ValueError("copies must be at least 1")
        progress = on_progress or (lambda state, info: None)
        paper = self._refresh()
        if paper in BLOCKING_PAPER:
            log.warning("%s: not printing: paper %s", self.name, paper)
            return PrintOutcome(printed=False, state="not-submitted", reason=BLOCKING_PAPER[paper])
        path = self._target(title)
        job_ref = path.stem
        progress("pending", {"job_ref": job_ref, "pages": 0})
        selected, pages = select_pages(pdf, page_ranges)
        document = apply_offset(selected, self.options.offset_x_dmm, self.options.offset_y_dmm)
        progress("processing", {"job_ref": job_ref, "pages": 0})
        tmp = path.with_suffix(".part")
        tmp.write_bytes(document)
        os.replace(tmp, path)
        sidecar = {"title": title, "copies": copies, "media": media, "page_ranges": page_ranges,
                   "pages": pages, "sheets": pages * copies, "device": self.name,
                   "offset_dmm": [self.options.offset_x_dmm, self.options.offset_y_dmm]}
        path.with_suffix(".json").write_text(json.dumps(sidecar, ensure_ascii=False, indent=1), encoding="utf-8")
        progress("completed", {"job_ref": job_ref, "pages": pages * copies, "file": str(path)})
        log.info("%s: job %s written (%d pages x %d)", self.name, path.name[:22], pages, copies)
        self.emit(EventKind.JOB_COMPLETED, job_ref=job_ref, pages=pages * copies)
        return PrintOutcome(printed=True, job_ref=job_ref, state="completed", pages=pages * copies)
