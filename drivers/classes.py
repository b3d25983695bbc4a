"""The interfaces of each device class, on top of :class:`drivers.base.Device`.

Card readers and scanners work by events from ``poll``/their reader thread; printers are
called by the manager on the device's worker thread and block until the job has ended.
"""
from __future__ import annotations

from abc import abstractmethod
from dataclasses import dataclass, field
from typing import Callable

from drivers.base import Device
from drivers.identity import IdentityCard


class CardReader(Device):
    """ID card (``id_card``) or social security card (``ssse``) reader.

    ``poll`` looks for a card and emits CARD_PRESENT, then CARD_READ with ``card=IdentityCard``
    or CARD_ERROR with ``code`` and ``message``; CARD_REMOVED when the card has gone.
    """

    @abstractmethod
    def read_once(self) -> IdentityCard:
        """Find, select and read the card on the reader now (for diagnostics and self-tests)."""


class CodeScanner(Device):
    """QR / barcode scanner (``qr``): emits CODE_SCANNED with ``text`` once per code."""


@dataclass(frozen=True)
class Receipt:
    """What goes on a receipt. ``lines`` are (label, value) pairs already masked."""

    title: str
    lines: list[tuple[str, str]] = field(default_factory=list)
    qr: str | None = None
    footer: str = ""


class ReceiptPrinter(Device):
    device_class = "receipt"

    @abstractmethod
    def print_receipt(self, receipt: Receipt) -> None:
        """Print and cut; raise DeviceError (paper out, offline ...) if it could not."""


@dataclass(frozen=True)
class PrintOutcome:
    """How a document job ended. ``printed`` is True only when the job completed and the
    printer showed no error reason at the end; ``reason`` is a printer-state reason otherwise."""

    printed: bool
    job_ref: str = ""
    state: str = ""
    reason: str = ""
    pages: int = 0


ProgressCallback = Callable[[str, dict], None]


class DocumentPrinter(Device):
    """A4 document printer (``document``) or licence printer (``licence``)."""

    device_class = "document"

    @abstractmethod
    def print_pdf(self, pdf: bytes, *, title: str, copies: int = 1, media: str = "A4",
                  page_ranges: str | None = None,
                  on_progress: ProgressCallback | None = None) -> PrintOutcome:
        """Submit ``pdf`` and block until the job has ended (or the driver's timeout).

        ``page_ranges`` ("1", "2-3") prints part of the document (a licence PDF holds the
        正本 on page 1 and the 副本 on page 2). ``on_progress(state, info)`` is called from the
        device's worker thread as the job moves (e.g. "pending", "processing", "completed").
        """

    def print_test_page(self, on_progress: ProgressCallback | None = None) -> PrintOutcome:
        """Print the driver's test page (the calibration page on a licence printer)."""
        if self.device_class == "licence":
            return self.print_calibration_page(on_progress)
        from drivers.printer.test_page import test_page_pdf

        return self.print_pdf(test_page_pdf(self.name), title="test page", on_progress=on_progress)

    def print_calibration_page(self, on_progress: ProgressCallback | None = None) -> PrintOutcome:
        """The calibration page, shifted by the offset in force (which it states); drivers with
        calibration options implement it (drivers/printer/pdf_printer.py)."""
        raise NotImplementedError(f"{type(self).__name__} has no calibration page")
