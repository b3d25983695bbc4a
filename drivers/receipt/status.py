"""DLE EOT real-time status: request bytes and the decoding of the printer's one-byte answers.

Each answer byte has fixed bits (bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0); a byte without
them is not a status answer (a late or unsolicited byte) and decodes as ``None``, i.e. unknown.
Bit meanings follow the Epson ESC/POS reference, shared by the Chinese 80 mm printers:

- n=1 printer:       bit 3 offline
- n=2 offline cause: bit 2 cover open, bit 3 feeding by button, bit 5 stopped at paper end,
                     bit 6 error
- n=3 error cause:   bit 3 auto-cutter error, bit 5 unrecoverable, bit 6 auto-recoverable
- n=4 paper sensor:  bits 2-3 near-end (paper low), bits 5-6 paper end (out)
"""
from __future__ import annotations

from drivers.base import Paper

DLE, EOT = 0x10, 0x04
PRINTER, OFFLINE_CAUSE, ERROR_CAUSE, PAPER_SENSOR = 1, 2, 3, 4

_FIXED_MASK, _FIXED_VALUE = 0x93, 0x12


def request(n: int) -> bytes:
    """The DLE EOT n request (n = 1..4)."""
    if n not in (PRINTER, OFFLINE_CAUSE, ERROR_CAUSE, PAPER_SENSOR):
        raise ValueError(f"DLE EOT n must be 1-4, not {n}")
    return bytes((DLE, EOT, n))


def is_status_byte(b: int) -> bool:
    return (b & _FIXED_MASK) == _FIXED_VALUE


def _byte(answer: bytes | None) -> int | None:
    """The last byte of an answer if it is a status byte (earlier bytes are stale)."""
    if not answer:
        return None
    b = answer[-1]
    return b if is_status_byte(b) else None


def decode_paper(answer: bytes | None) -> Paper:
    """DLE EOT 4 answer → paper ok / low / out, or unknown when there is no valid answer."""
    b = _byte(answer)
    if b is None:
        return Paper.UNKNOWN
    if b & 0x60:
        return Paper.OUT
    if b & 0x0C:
        return Paper.LOW
    return Paper.OK


def decode_printer(answer: bytes | None) -> bool | None:
    """DLE EOT 1 answer → True when the printer says it is offline, None when unknown."""
    b = _byte(answer)
    return None if b is None else bool(b & 0x08)


def decode_offline_cause(answer: bytes | None) -> dict[str, bool] | None:
    """DLE EOT 2 answer → {"cover_open", "feed_button", "paper_end_stop", "error"}."""
    b = _byte(answer)
    if b is None:
        return None
    return {"cover_open": bool(b & 0x04), "feed_button": bool(b & 0x08),
            "paper_end_stop": bool(b & 0x20), "error": bool(b & 0x40)}


def decode_error_cause(answer: bytes | None) -> dict[str, bool] | None:
    """DLE EOT 3 answer → {"cutter_error", "unrecoverable", "auto_recoverable"}."""
    b = _byte(answer)
    if b is None:
        return None
    return {"cutter_error": bool(b & 0x08), "unrecoverable": bool(b & 0x20),
            "auto_recoverable": bool(b & 0x40)}


def encode(n: int, *, paper: Paper = Paper.OK, offline: bool = False, cover_open: bool = False,
           error: bool = False, cutter_error: bool = False) -> bytes:
    """The answer a printer in this state gives to DLE EOT n (used by the simulator and tests)."""
    b = _FIXED_VALUE
    if n == PRINTER:
        b |= 0x08 if offline else 0
    elif n == OFFLINE_CAUSE:
        b |= (0x04 if cover_open else 0) | (0x20 if paper == Paper.OUT else 0) | (0x40 if error else 0)
    elif n == ERROR_CAUSE:
        b |= 0x08 if cutter_error else 0
    elif n == PAPER_SENSOR:
        if paper in (Paper.LOW, Paper.OUT):
            b |= 0x0C
        if paper == Paper.OUT:
            b |= 0x60
    else:
        raise ValueError(f"DLE EOT n must be 1-4, not {n}")
    return bytes((b,))
