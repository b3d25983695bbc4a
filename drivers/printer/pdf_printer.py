"""What the ``cups`` and ``file`` document printers share: the calibration options, the
licence role, and the paper events as the paper state changes."""
from __future__ import annotations

from drivers.classes import DocumentPrinter, PrintOutcome, ProgressCallback
from drivers.options import PdfPrinterOptions  # noqa: F401 - imported from here by callers
from drivers.printer.reasons import paper_event


class PdfPrinter(DocumentPrinter):
    """A document printer whose device class is ``licence`` when it prints licences (named so,
    or ``calibration_page = true``), and which emits PAPER_LOW/PAPER_OUT on a change of paper."""

    def __init__(self, name, options, emit):
        super().__init__(name, options, emit)
        licence = options.calibration_page if options.calibration_page is not None else name == "licence"
        if licence:
            self.device_class = "licence"
        self.poll_interval_s = options.poll_interval_s
        self._paper = "ok"

    def print_calibration_page(self, on_progress: ProgressCallback | None = None) -> PrintOutcome:
        """The calibration page on ``calibration_media``, shifted by the offset in force (which
        it states)."""
        from drivers.printer.test_page import calibration_page_pdf

        o = self.options
        pdf = calibration_page_pdf(o.offset_x_dmm, o.offset_y_dmm, media=o.calibration_media)
        return self.print_pdf(pdf, title="calibration page", media=o.calibration_media, on_progress=on_progress)

    def _note_paper(self, paper: str) -> None:
        """Record the paper state now, emitting the event of a change (ok → low → out...)."""
        event = paper_event(self._paper, paper)
        if event is not None:
            self.emit(event, paper=paper)
        self._paper = paper
