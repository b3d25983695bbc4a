"""ESC/POS receipt printer over TCP, serial or USB, through python-escpos.

``poll`` reads the paper sensor with DLE EOT 4 (and the printer status with DLE EOT 1, plus
the offline cause when it is offline) where the printer answers. A printer that does not
answer within a short wait reports paper "unknown"; after a few silent polls the driver stops
asking until the next ``open``. A TCP connection the printer closed makes ``poll`` raise so
the device manager reconnects.
"""
from __future__ import annotations

import logging

from drivers.base import DeviceError, DeviceState, DeviceStatus, DeviceUnavailable, EventKind, Paper
from drivers.classes import Receipt, ReceiptPrinter
from drivers.options import EscposOptions
from drivers.receipt import layout, link, status
from drivers.receipt import uri as printer_uri

log = logging.getLogger(__name__)

#: Consecutive unanswered queries after which the printer is taken not to support DLE EOT.
SILENT_POLLS_BEFORE_GIVING_UP = 3
#: A printer taken as silent is asked again every this many polls (it may have been busy).
SILENT_RETRY_EVERY = 30


class EscposReceiptPrinter(ReceiptPrinter):
    Options = EscposOptions

    def __init__(self, name, options, emit):
        super().__init__(name, options, emit)
        self.options: EscposOptions = options
        self.poll_interval_s = options.poll_interval_s
        self._uri = printer_uri.parse(options.uri)
        self._printer = None
        self._paper = Paper.UNKNOWN
        self._flags: dict[str, str] = {}
        self._last_known_paper = Paper.UNKNOWN      # for PAPER_LOW / PAPER_OUT once per change
        self._silent_polls = 0

    # -- connection -------------------------------------------------------------------------

    def open(self) -> None:
        self.close()
        try:
            printer = printer_uri.make_printer(self._uri, timeout_s=self.options.timeout_s,
                                               profile=self.options.profile)
        except ImportError as e:
            raise DeviceError(f"{self._uri}: {e}", code="library_missing") from None
        except Exception as e:           # unknown profile name and the like
            raise DeviceError(f"{self._uri}: cannot set up the printer: {e}", code="bad_config") from None
        try:
            link.open_printer(printer)
        except Exception as e:           # DeviceNotFoundError, OSError, RuntimeError (no pyusb)
            raise DeviceUnavailable(f"receipt printer {self._uri} unreachable: {_first_line(e)}") from None
        self._printer = printer
        self._silent_polls = 0
        self._paper = Paper.UNKNOWN
        log.info("receipt printer %s connected at %s", self.name, self._uri)
        self._refresh_status()

    def close(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            try:
                printer.close()
            except Exception:
                log.debug("closing %s failed", self._uri, exc_info=True)

    def poll(self) -> None:
        if self._printer is None:
            raise DeviceUnavailable(f"receipt printer {self._uri} is not connected")
        self._refresh_status()

    # -- status -----------------------------------------------------------------------------

    @property
    def _asks_status(self) -> bool:
        if not self.options.status_query:
            return False
        silent = self._silent_polls - SILENT_POLLS_BEFORE_GIVING_UP
        return silent < 0 or silent % SILENT_RETRY_EVERY == SILENT_RETRY_EVERY - 1

    def _ask(self, n: int) -> bytes | None:
        return link.query(self._printer, status.request(n), self.options.status_timeout_s)

    def _refresh_status(self) -> None:
        """Read paper and printer status; raise DeviceUnavailable when the link is gone."""
        try:
            link.drain(self._printer)
            if not self._asks_status:
                if self.options.status_query:
                    self._silent_polls += 1
                self._publish(Paper.UNKNOWN, {})
                return
            paper = status.decode_paper(self._ask(status.PAPER_SENSOR))
            if paper == Paper.UNKNOWN:
                self._silent_polls += 1
                if self._silent_polls == SILENT_POLLS_BEFORE_GIVING_UP:
                    log.info("receipt printer %s does not answer DLE EOT; paper status unknown", self.name)
                self._publish(Paper.UNKNOWN, {})
                return
            self._silent_polls = 0
            self._publish(paper, self._printer_flags(paper))
        except link.ConnectionLost as e:
            self.close()
            raise DeviceUnavailable(f"receipt printer {self._uri}: {e}", code="connection_lost") from None

    def _printer_flags(self, paper: Paper) -> dict[str, str]:
        offline = status.decode_printer(self._ask(status.PRINTER))
        if not offline:
            return {}
        flags = {"offline": "yes"}
        cause = status.decode_offline_cause(self._ask(status.OFFLINE_CAUSE))
        if cause:
            flags["cover"] = "open" if cause["cover_open"] else "closed"
            if cause["error"]:
                errors = status.decode_error_cause(self._ask(status.ERROR_CAUSE)) or {}
                flags["error"] = ",".join(k for k, v in errors.items() if v) or "unknown"
        return flags

    def _publish(self, paper: Paper, flags: dict[str, str]) -> None:
        if flags.get("error"):
            state, message = DeviceState.HARDWARE_ERROR, f"printer error: {flags['error']}"
        elif flags.get("cover") == "open":
            state, message = DeviceState.OFFLINE, "cover open"
        elif flags.get("offline") and paper != Paper.OUT:
            state, message = DeviceState.OFFLINE, "printer offline"
        else:
            state, message = DeviceState.ONLINE, "paper out" if paper == Paper.OUT else ""
        detail = {"paper": paper.value}
        if "cover" in flags:
            detail["cover"] = flags["cover"]
        self._flags = flags
        self._paper = paper
        self.set_status(DeviceStatus(state, detail, message))
        if paper != Paper.UNKNOWN and paper != self._last_known_paper:
            self._last_known_paper = paper
            if paper == Paper.LOW:
                self.emit(EventKind.PAPER_LOW, paper=paper.value)
            elif paper == Paper.OUT:
                self.emit(EventKind.PAPER_OUT, paper=paper.value)

    # -- printing ---------------------------------------------------------------------------

    def print_receipt(self, receipt: Receipt) -> None:
        if self._printer is None:
            raise DeviceUnavailable(f"receipt printer {self._uri} is not connected")
        self._refresh_status()
        if self._paper == Paper.OUT:
            raise DeviceError("the receipt printer is out of paper", state=DeviceState.OFFLINE, code="paper_out")
        if self._flags.get("cover") == "open":
            raise DeviceError("the receipt printer's cover is open", state=DeviceState.OFFLINE, code="cover_open")
        if self._flags.get("error"):
            raise DeviceError(f"the receipt printer reports an error: {self._flags['error']}", code="printer_error")
        try:
            layout.render(self._printer, receipt)
        except OSError as e:
            self.close()
            raise DeviceUnavailable(f"receipt printer {self._uri}: connection lost while printing: {e}",
                                    code="connection_lost") from None
        # A TCP peer that has gone away can swallow a whole receipt without an error:
        # a status round trip afterwards proves the bytes reached a live printer.
        self._refresh_status()
        self.emit(EventKind.JOB_COMPLETED, job="receipt", paper=self._paper.value)


def _first_line(e: Exception) -> str:
    lines = str(getattr(e, "msg", "") or e).strip().splitlines()
    return lines[-1].strip() if lines else type(e).__name__
