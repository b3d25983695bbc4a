"""Serial (USB-CDC or RS-232) QR / barcode scanner: the ``serial-line`` driver.

``poll`` takes whatever bytes have arrived (without waiting for more), frames them into codes
with :class:`~drivers.qr.line_framer.LineFramer` and emits CODE_SCANNED (``text``) for each.
A port that went away makes ``poll`` raise, so the manager reconnects.
"""
from __future__ import annotations

import logging
import os

from drivers.base import DeviceState, DeviceStatus, DeviceUnavailable, EventKind
from drivers.serial_import import pyserial
from drivers.options import SerialLineOptions
from drivers.classes import CodeScanner
from drivers.qr.line_framer import LineFramer

log = logging.getLogger(__name__)

#: most bytes taken in one poll, so a babbling port cannot hold the worker thread
_MAX_POLL_BYTES = 64 * 1024


def _pyserial():
    return pyserial("serial-line")


class SerialLineScanner(CodeScanner):
    device_class = "qr"

    Options = SerialLineOptions

    def __init__(self, name, options, emit):
        super().__init__(name, options, emit)
        self.poll_interval_s = options.poll_interval_s
        self._serial = None
        self._framer = self._new_framer()

    def _new_framer(self) -> LineFramer:
        o = self.options
        return LineFramer(terminator=o.terminator, encoding=o.encoding, max_line=o.max_line,
                          strip_aim=o.strip_aim, dedupe_s=o.dedupe_s)

    def open(self) -> None:
        self.close()
        serial = _pyserial()
        port = self.options.port
        if not os.path.exists(port):
            raise DeviceUnavailable(f"serial port {port} does not exist")
        try:
            # timeout 0: reads return at once with what is there
            self._serial = serial.Serial(port, self.options.baud, timeout=0)
        except (serial.SerialException, OSError) as e:
            raise DeviceUnavailable(f"cannot open {port}: {e}") from None
        self._framer = self._new_framer()
        log.info("%s: scanner on %s", self.name, port)
        self.set_status(DeviceStatus(DeviceState.ONLINE))

    def close(self) -> None:
        ser, self._serial = self._serial, None
        if ser is not None:
            try:
                ser.close()
            except Exception:  # the port may already be gone
                log.debug("closing %s failed", self.options.port, exc_info=True)

    def poll(self) -> None:
        ser = self._serial
        if ser is None:
            raise DeviceUnavailable("scanner is not open")
        taken = 0
        while taken < _MAX_POLL_BYTES:
            # with timeout 0 pyserial raises SerialException when the port has gone away
            chunk = ser.read(4096)
            if not chunk:
                break
            taken += len(chunk)
            for code in self._framer.feed(chunk):
                log.info("%s: code scanned (%d characters)", self.name, len(code))
                self.emit(EventKind.CODE_SCANNED, text=code)
