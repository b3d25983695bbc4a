"""Serial scanner lines → scanned codes (DESIGN.md §3.2).

A scanner sends each code as one line ending in CR, LF or CRLF. :class:`LineFramer` takes the
raw bytes as they arrive and returns the codes to report: decoded (``auto``: the rule of
:mod:`drivers.qr.payload` — an ECI sent in AIM ``]Q2`` form obeyed, else UTF-8 when valid,
else GB18030; or a fixed ``utf-8`` / ``gb18030``), with an
AIM identifier such as ``]Q1`` stripped when asked, and the same code seen again within
``dedupe_s`` reported once. Lines longer than ``max_line`` bytes and lines that hold binary
noise (control characters, bytes that do not decode) are dropped with a logged warning.
"""
from __future__ import annotations

import logging
import re
import time
from typing import Callable, Literal

from drivers.qr.payload import auto_text, text_from_stream
from drivers.qr.repeats import Deduper

log = logging.getLogger(__name__)

Terminator = Literal["auto", "cr", "lf", "crlf"]
Encoding = Literal["auto", "utf-8", "gb18030"]

#: ``]`` + symbology letter + modifier character (ISO/IEC 15424), e.g. ]Q1 for QR Code
_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
#: C0/C1 controls except TAB, DEL, and U+FFFD: a line holding any of these is noise
_NOISE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ufffd]")
_SEPARATORS = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n"}


class LineFramer:
    def __init__(self, *, terminator: Terminator = "auto", encoding: Encoding = "auto",
                 max_line: int = 4096, strip_aim: bool = True, dedupe_s: float = 2.0,
                 clock: Callable[[], float] = time.monotonic):
        if terminator not in ("auto", *_SEPARATORS):
            raise ValueError(f"terminator must be auto, cr, lf or crlf, not {terminator!r}")
        self.terminator = terminator
        self.encoding = encoding
        self.max_line = max_line
        self.strip_aim = strip_aim
        self.dedupe_s = dedupe_s
        self._clock = clock
        self._buf = bytearray()
        self._overflow = False  # dropping the rest of a line that passed max_line
        self._repeats = Deduper(dedupe_s, max_codes=64)
        #: lines dropped so far, by reason (too_long, noise)
        self.dropped = {"too_long": 0, "noise": 0}

    def feed(self, data: bytes) -> list[str]:
        """The codes completed by ``data``, in order, each once within the dedupe window."""
        self._buf += data
        codes = []
        for raw in self._lines():
            code = self._decode(raw)
            if code is not None and self._fresh(code):
                codes.append(code)
        if len(self._buf) > self.max_line:
            if not self._overflow:
                log.warning("scanner line passed %d bytes without a terminator; dropped", self.max_line)
                self.dropped["too_long"] += 1
            self._buf.clear()
            self._overflow = True
        return codes

    def _lines(self) -> list[bytes]:
        out = []
        while True:
            if self.terminator == "auto":
                cut = min((i for i in (self._buf.find(b"\r"), self._buf.find(b"\n")) if i >= 0), default=-1)
                if cut < 0:
                    return out
                end = cut + 1
                # CRLF ends one line; an LF arriving later than its CR makes an empty line,
                # and empty lines are ignored
                if self._buf[cut:cut + 1] == b"\r" and self._buf[end:end + 1] == b"\n":
                    end += 1
            else:
                sep = _SEPARATORS[self.terminator]
                cut = self._buf.find(sep)
                if cut < 0:
                    return out
                end = cut + len(sep)
            line = bytes(self._buf[:cut])
            del self._buf[:end]
            if self._overflow:  # the tail of an over-long line
                self._overflow = False
                continue
            if len(line) > self.max_line:
                log.warning("scanner line of %d bytes is over the %d-byte bound; dropped", len(line), self.max_line)
                self.dropped["too_long"] += 1
                continue
            out.append(line)

    def _decode(self, raw: bytes) -> str | None:
        if self.encoding == "auto":
            # an AIM ECI-protocol line (]Q2 + \\NNNNNN designators) is parsed only when AIM
            # identifiers are stripped anyway; kept identifiers mean the line is passed as sent
            text = text_from_stream(raw) if self.strip_aim else auto_text(raw)
            if text is None:
                return self._noise(raw, "decodes neither as UTF-8 nor as GB18030")
        else:
            try:
                text = raw.decode(self.encoding)
            except UnicodeDecodeError:
                return self._noise(raw, "does not decode as " + self.encoding)
        if self.terminator != "auto":
            text = text.strip("\r\n")  # a stray half of CRLF in cr/lf mode
        if _NOISE.search(text):
            return self._noise(raw, "holds control characters")
        text = text.strip()
        if self.strip_aim:
            text = _AIM.sub("", text, count=1).strip()
        return text or None

    def _noise(self, raw: bytes, why: str) -> None:
        log.warning("scanner sent %d bytes of noise (%s); dropped", len(raw), why)
        self.dropped["noise"] += 1
        return None

    def _fresh(self, code: str) -> bool:
        if self._repeats.fresh(code, self._clock()):
            return True
        log.debug("same code again within %.1f s; reported once", self.dedupe_s)
        return False
