"""Receipt printer addresses: ``tcp://host[:port]``, ``serial:///dev/ttyS0?baud=19200``,
``usb://VID:PID`` (hex).

:func:`parse` checks the text and returns a :class:`PrinterUri`; :func:`make_printer` builds
the python-escpos printer object for it without connecting (python-escpos is imported only
there, and pyusb only for ``usb://``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

DEFAULT_TCP_PORT = 9100
DEFAULT_BAUD = 19200
_BAUDS = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)


class PrinterUriError(ValueError):
    """The address is not one of the accepted forms; the message says what was expected."""


@dataclass(frozen=True)
class PrinterUri:
    scheme: str              # "tcp", "serial" or "usb"
    host: str = ""
    port: int = 0            # TCP port
    device: str = ""         # serial device path
    baud: int = DEFAULT_BAUD
    vendor_id: int = 0
    product_id: int = 0

    def __str__(self) -> str:
        if self.scheme == "tcp":
            host = f"[{self.host}]" if ":" in self.host else self.host
            return f"tcp://{host}:{self.port}"
        if self.scheme == "serial":
            return f"serial://{self.device}?baud={self.baud}"
        return f"usb://{self.vendor_id:04x}:{self.product_id:04x}"


_FORMS = "tcp://host[:port], serial:///dev/ttyS0?baud=19200 or usb://VID:PID (hex)"


def parse(text: str) -> PrinterUri:
    """Parse a printer address; raise :class:`PrinterUriError` naming the expected forms."""
    text = (text or "").strip()
    if "://" not in text:
        raise PrinterUriError(f"printer address {text!r} has no scheme; expected {_FORMS}")
    scheme = text.split("://", 1)[0].lower()
    if scheme == "tcp":
        return _parse_tcp(text)
    if scheme == "serial":
        return _parse_serial(text)
    if scheme == "usb":
        return _parse_usb(text)
    raise PrinterUriError(f"printer address {text!r}: unknown scheme {scheme!r}; expected {_FORMS}")


def _parse_tcp(text: str) -> PrinterUri:
    parts = urlsplit(text)
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise PrinterUriError(f"printer address {text!r}: the port must be a number 1-65535") from None
    if not host:
        raise PrinterUriError(f"printer address {text!r}: no host; expected tcp://host[:port]")
    if parts.path not in ("", "/") or parts.query or parts.username:
        raise PrinterUriError(f"printer address {text!r}: expected tcp://host[:port] and nothing more")
    if port == 0:
        raise PrinterUriError(f"printer address {text!r}: the port must be a number 1-65535")
    return PrinterUri("tcp", host=host, port=port or DEFAULT_TCP_PORT)


def _parse_serial(text: str) -> PrinterUri:
    parts = urlsplit(text)
    if parts.netloc or not parts.path.startswith("/") or parts.path == "/":
        raise PrinterUriError(f"printer address {text!r}: expected serial:///dev/NAME[?baud=N] (three slashes)")
    query = parse_qs(parts.query, keep_blank_values=True)
    unknown = set(query) - {"baud"}
    if unknown:
        raise PrinterUriError(f"printer address {text!r}: unknown option(s) {', '.join(sorted(unknown))}; only baud")
    baud = DEFAULT_BAUD
    if "baud" in query:
        value = query["baud"][-1]
        if not value.isdigit() or int(value) not in _BAUDS:
            raise PrinterUriError(f"printer address {text!r}: baud {value!r}; expected one of {', '.join(map(str, _BAUDS))}")
        baud = int(value)
    return PrinterUri("serial", device=parts.path, baud=baud)


def _parse_usb(text: str) -> PrinterUri:
    body = text.split("://", 1)[1].strip("/")
    vid, sep, pid = body.partition(":")
    try:
        if not sep or not vid or not pid or len(vid) > 4 or len(pid) > 4:
            raise ValueError
        vendor, product = int(vid, 16), int(pid, 16)
    except ValueError:
        raise PrinterUriError(f"printer address {text!r}: expected usb://VID:PID with 4-digit hex ids, e.g. usb://0416:5011") from None
    return PrinterUri("usb", vendor_id=vendor, product_id=product)


def escpos_cache() -> None:
    """Give python-escpos a lasting cache of its printer capabilities, before it is imported.

    Without ESCPOS_CAPABILITIES_PICKLE_DIR it caches in a new temporary folder each process, so
    every start parses its 1 MB capabilities.json with pure-Python YAML (about a second of CPU
    while the home screen is being built) and leaves the folder behind. The cache goes under
    the user's own ~/.cache (0700); where that cannot be made, python-escpos keeps its default.
    """
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" in os.environ:
        return
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "efz-kiosk" / "escpos"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = folder.stat()
    except (OSError, RuntimeError):   # RuntimeError: no home directory
        return
    if info.st_uid == os.getuid() and not info.st_mode & 0o022:   # a pickle only from our own folder
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)


def make_printer(uri: PrinterUri, *, timeout_s: float = 5.0, profile: str = ""):
    """A python-escpos printer for ``uri``, not yet connected (call its ``open()``).

    Raises ImportError with a readable message when the transport's library is missing.
    """
    escpos_cache()
    kwargs = {"profile": profile} if profile else {}
    if uri.scheme == "tcp":
        from escpos.printer import Network

        return Network(host=uri.host, port=uri.port, timeout=timeout_s, **kwargs)
    if uri.scheme == "serial":
        from escpos.printer import Serial
        from escpos.printer.serial import is_usable

        if not is_usable():
            raise ImportError("serial receipt printers need pyserial (pip install pyserial)")
        return Serial(devfile=uri.device, baudrate=uri.baud, timeout=timeout_s, **kwargs)
    if uri.scheme == "usb":
        from escpos.printer import Usb
        from escpos.printer.usb import is_usable

        if not is_usable():
            raise ImportError("USB receipt printers need pyusb and libusb (pip install pyusb)")
        return Usb(uri.vendor_id, uri.product_id, timeout=int(timeout_s * 1000), **kwargs)
    raise PrinterUriError(f"unknown scheme {uri.scheme!r}")
