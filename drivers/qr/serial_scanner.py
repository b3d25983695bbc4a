"""Serial (USB-CDC or RS-232) QR / barcode scanner: the ``serial-line`` driver.

``poll`` takes whatever bytes have arrived (without waiting for more), frames them into codes
with :class:`~drivers.qr.line_framer.LineFramer` and emits CODE_SCANNED (``text``) for each.
A port that went away makes ``poll`` raise, so the manager reconnects.
"""
from __future__ import annotations

import logging
import os
from typing import Literal

from pydantic import Field

from drivers.base import DeviceState, DeviceStatus, DeviceUnavailable, DriverOptions, EventKind
from drivers.serial_import import pyserial
from drivers.classes import CodeScanner
from drivers.qr.line_framer import LineFramer

log = logging.getLogger(__name__)

#: most bytes taken in one poll, so a babbling port cannot hold the worker thread
_MAX_POLL_BYTES = 64 * 1024


def _pyserial():
    return pyserial("serial-line")


class SerialLineScanner(CodeScanner):
    device_class = "qr"

    class Options(DriverOptions):
        port: str = Field(description="serial port of the scanner, e.g. /dev/ttyACM0")
        baud: int = Field(9600, gt=0, description="line speed (8N1); USB-CDC scanners ignore it")
        terminator: Literal["auto", "cr", "lf", "crlf"] = Field("auto", description="what ends a code")
        encoding: Literal["auto", "utf-8", "gb18030"] = Field(
            "auto", description="text encoding of the codes: auto = ECI if sent, else UTF-8 when valid, else GB18030")
        strip_aim: bool = Field(True, description="remove an AIM identifier prefix such as ]Q1")
        dedupe_s: float = Field(2.0, ge=0, description="the same code within this many seconds is reported once")
        max_line: int = Field(4096, ge=16, le=1 << 20, description="longest line accepted, in bytes")
        poll_interval_s: float = Field(0.05, gt=0, le=5, description="seconds between reads of the port")

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
