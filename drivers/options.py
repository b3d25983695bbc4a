"""The options of every driver: the keys of a ``[devices.NAME]`` table besides ``driver``.

They live here, apart from the drivers, so the config can be validated (kiosk.config builds a
union of these keyed on ``driver``) without importing a driver and what it needs (OpenCV and
numpy for the camera, pyscard, python-escpos). Each model forbids keys it does not know, and
each driver class names its model as ``Options`` (drivers/registry.py pairs them).
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from drivers.base import DriverOptions
from drivers.receipt import uri as printer_uri


class AbsentOptions(DriverOptions):
    """``none``: a device slot the terminal does not have; no keys."""


class Ga467Options(DriverOptions):
    """``ga467-serial``: the GA 467 ID card reader on a serial line."""

    port: str = Field(description="serial port of the reader, e.g. /dev/ttyUSB0")
    baud: int = Field(115200, gt=0, description="line speed (8N1)")
    poll_interval_s: float = Field(0.3, gt=0, le=10, description="seconds between looks for a card")
    timeout_s: float = Field(1.0, gt=0, le=30, description="silence after which the reader counts as gone")
    keep_photo: bool = Field(False, description="keep the encrypted photo blob (only if a service needs it)")
    presence_probe: bool = Field(True, description="after a read, reset the field each poll to tell whether "
                                 "the card still lies on the reader (the take-your-card reminder)")


class SerialLineOptions(DriverOptions):
    """``serial-line``: a QR / barcode scanner sending one code a line."""

    port: str = Field(description="serial port of the scanner, e.g. /dev/ttyACM0")
    baud: int = Field(9600, gt=0, description="line speed (8N1); USB-CDC scanners ignore it")
    terminator: Literal["auto", "cr", "lf", "crlf"] = Field("auto", description="what ends a code")
    encoding: Literal["auto", "utf-8", "gb18030"] = Field(
        "auto", description="text encoding of the codes: auto = ECI if sent, else UTF-8 when valid, else GB18030")
    strip_aim: bool = Field(True, description="remove an AIM identifier prefix such as ]Q1")
    dedupe_s: float = Field(2.0, ge=0, description="the same code within this many seconds is reported once")
    max_line: int = Field(4096, ge=16, le=1 << 20, description="longest line accepted, in bytes")
    poll_interval_s: float = Field(0.05, gt=0, le=5, description="seconds between reads of the port")


class CameraOptions(DriverOptions):
    """``opencv``: a camera (or a video file, a folder of images) read for QR codes."""

    index: int | None = 0
    """OpenCV camera index (``/dev/videoN``); ignored when ``source`` is set."""
    source: str = ""
    """A video file or a folder of images to read instead of a camera (tests, demos)."""
    decoder: Literal["zxing", "zbar", "auto"] = "zxing"
    """Decoder backend: zxing-cpp, zbar (pyzbar), or the pipeline that tries both."""
    fps: float = Field(15.0, gt=0, le=120)
    """Frames read and decoded per second, at most."""
    dedupe_s: float = Field(2.0, ge=0)
    """A code seen again less than this many seconds after its last sighting is not reported
    again (drivers/qr/repeats.py; 0 reports every sighting)."""
    poll_interval_s: float = Field(0.1, gt=0)
    """How often the manager checks the reader thread."""


class EscposOptions(DriverOptions):
    """``escpos``: an ESC/POS receipt printer on TCP, a serial line or USB."""

    uri: str = Field(description="tcp://host[:port], serial:///dev/ttyS0?baud=19200 or usb://VID:PID")
    timeout_s: float = Field(5, gt=0, le=120, description="Connect and write timeout")
    status_query: bool = Field(True, description="Ask the printer for paper status with DLE EOT")
    poll_interval_s: float = Field(2.0, gt=0, le=3600, description="Seconds between health checks")
    status_timeout_s: float = Field(0.3, gt=0, le=10,
                                    description="How long to wait for a DLE EOT answer (printers answer in ms)")
    profile: str = Field("", description="python-escpos printer profile name; empty for the default")

    @field_validator("uri")
    @classmethod
    def _valid_uri(cls, v: str) -> str:
        printer_uri.parse(v)          # PrinterUriError is a ValueError: pydantic names the key
        return v


class PdfPrinterOptions(DriverOptions):
    """What the ``cups`` and ``file`` document printers share: the licence calibration."""

    offset_x_dmm: int = Field(0, ge=-500, le=500, description="Calibration: move content right (0.1 mm)")
    offset_y_dmm: int = Field(0, ge=-500, le=500, description="Calibration: move content down (0.1 mm)")
    calibration_media: str = Field("A3", description="Media of the calibration page (licence printers)")
    calibration_page: bool | None = Field(None, description="test page is the calibration page "
                                          "(default: when the device is named 'licence')")


class CupsOptions(PdfPrinterOptions):
    """``cups``: a CUPS queue, spoken to over IPP."""

    printer: str = Field(min_length=1, pattern=r"^[^\s/#]+$", description="CUPS queue name")
    server: str = Field("localhost:631", min_length=1,
                        description="CUPS server as host:port, or the path of its unix socket")
    poll_interval_s: float = Field(2.0, gt=0, le=3600, description="Health check period")
    job_poll_s: float = Field(0.5, gt=0, le=60, description="How often a running job is checked")
    job_timeout_s: float = Field(120, gt=0, le=3600, description="Give up following a job after this")
    request_timeout_s: float = Field(10, gt=0, le=120, description="Timeout of one IPP request")
    sides: str = Field("one-sided", pattern=r"^(one-sided|two-sided-long-edge|two-sided-short-edge)$")
    media_sources: dict[str, str] = Field(default_factory=dict,
                                          description="media → tray (PPD InputSlot), e.g. {A3 = 'Tray1'}")
    user: str = Field("kiosk", min_length=1, description="requesting-user-name of our jobs")


class FileOptions(PdfPrinterOptions):
    """``file``: a printer that writes each job's PDF into a folder (demo, tests)."""

    dir: Path = Field(description="Where the job PDFs are written (created if missing)")
    poll_interval_s: float = Field(1.0, gt=0, le=3600)


class SsseOptions(DriverOptions):
    """``pcsc-ssse``: a social security card reader over PC/SC."""

    reader: str = ""
    """Part of the PC/SC reader name, e.g. "Virtual PCD 00 00"; empty: the first reader."""
    poll_interval_s: float = Field(0.5, gt=0, le=10)
    """How often the reader is asked whether a card came or went."""
