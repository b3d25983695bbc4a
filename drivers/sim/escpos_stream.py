"""An ESC/POS byte-stream interpreter for the receipt printer simulator.

:class:`Interpreter` takes bytes as they arrive (commands may be split across reads), keeps
the print modes, collects what would be printed into a :class:`PrintedReceipt` of blocks, hands each
page over at a cut, and answers real-time status requests (DLE EOT n). Commands it does not
know are skipped by their usual length; bytes that make no sense are dropped, never raised.
"""
from __future__ import annotations

import logging
from typing import Callable

from PIL import Image

from drivers.sim.escpos_receipt import Feed, ImageBlock, PrintedReceipt, QrBlock, Run, TextLine

log = logging.getLogger(__name__)

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10
LF, CR, HT, FF = 0x0A, 0x0D, 0x09, 0x0C
#: Declared lengths above this are taken as garbage rather than waited for.
MAX_COMMAND_BYTES = 4 * 1024 * 1024

# Parameter bytes after "ESC x" / "GS x" / "FS x" for fixed-length commands.
_ESC_PARAMS = {ord(c): n for c, n in {
    "@": 0, "a": 1, "E": 1, "!": 1, "d": 1, "J": 1, "t": 1, "-": 1, "M": 1, "G": 1, "V": 1,
    "{": 1, "2": 0, "3": 1, "R": 1, "=": 1, " ": 1, "%": 1, "U": 1, "<": 0, "p": 3, "$": 2,
    "\\": 2, "c": 2, "i": 0, "m": 0, "r": 1, "T": 1, "L": 0, "S": 0, "e": 1, "K": 1,
}.items()}
_GS_PARAMS = {ord(c): n for c, n in {
    "!": 1, "B": 1, "H": 1, "h": 1, "w": 1, "f": 1, "a": 1, "r": 1, "I": 1, "L": 2, "W": 2,
    "P": 2, "$": 2, "\\": 2, "b": 1, "T": 1, ":": 0, "^": 3, "/": 1, "C": 0,
}.items()}
_FS_PARAMS = {ord(c): n for c, n in {
    "&": 0, ".": 0, "!": 1, "-": 1, "W": 1, "S": 2, "C": 1, "p": 2, "?": 2, "2": 74,
}.items()}
_CODEPAGES = {0: "cp437", 2: "cp850", 3: "cp860", 4: "cp863", 5: "cp865", 16: "cp1252",
              17: "cp866", 18: "cp852", 19: "cp858"}
_QR_EC = {48: "L", 49: "M", 50: "Q", 51: "H"}


class Interpreter:
    """Feed bytes in with :meth:`feed`; it returns what the printer answers.

    ``status(n)`` gives the DLE EOT n answer (None: the printer stays silent); ``on_cut(page)``
    receives each finished page.
    """

    def __init__(self, status: Callable[[int], bytes | None], on_cut: Callable[[PrintedReceipt], None],
                 chinese_default: bool = False):
        self._status = status
        self._on_cut = on_cut
        self._chinese_default = chinese_default
        self._buf = bytearray()
        self.page = PrintedReceipt()
        self._line = TextLine()
        self._cut_pending = False
        self._reset_modes()

    def _reset_modes(self) -> None:
        self.align = "left"
        self.bold = False
        self.underline = False
        self.width = self.height = 1
        self.chinese = self._chinese_default
        self.codepage = "cp437"
        self.qr_module, self.qr_ec, self.qr_data = 3, "L", b""

    # -- input ------------------------------------------------------------------------------

    def feed(self, data: bytes) -> bytes:
        self._buf += data
        answers = bytearray()
        i = 0
        while i < len(self._buf):
            try:
                step = self._step(i, answers)
            except Exception:                      # a bug here must not take the printer down
                log.exception("ESC/POS interpreter: skipping byte 0x%02x", self._buf[i])
                step = i + 1
            if step is None:                       # incomplete command: wait for more bytes
                break
            if self._buf[i] != DLE:                # real-time requests are not page content
                self.page.raw += self._buf[i:step]
            i = step
            if self._cut_pending:
                self._cut_pending = False
                page, self.page = self.page, PrintedReceipt()
                try:
                    self._on_cut(page)
                except Exception:
                    log.exception("ESC/POS interpreter: the cut handler failed")
        del self._buf[:i]
        return bytes(answers)

    def _step(self, i: int, answers: bytearray) -> int | None:
        buf = self._buf
        b = buf[i]
        if b == ESC:
            return self._esc(i)
        if b == GS:
            return self._gs(i)
        if b == FS:
            return self._fs(i)
        if b == DLE:
            return self._dle(i, answers)
        if b == LF:
            self._end_line()
            return i + 1
        if b == HT:
            self._text(" " * (8 - len(self._line.text) % 8))
            return i + 1
        if b == FF:
            self._end_line()
            return i + 1
        if b < 0x20 or b == 0x7F:
            return i + 1
        return self._printable(i)

    def _printable(self, i: int) -> int | None:
        buf = self._buf
        if buf[i] < 0x80:
            end = i
            while end < len(buf) and 0x20 <= buf[end] < 0x7F:
                end += 1
            self._text(buf[i:end].decode("ascii"))
            return end
        if not self.chinese:
            self._text(bytes(buf[i:i + 1]).decode(self.codepage, errors="replace"))
            return i + 1
        # GB18030: lead 81-FE, then a trail 40-FE (two bytes) or 30-39 (four bytes).
        if buf[i] == 0x80 or buf[i] == 0xFF:
            self._text("\ufffd")
            return i + 1
        if i + 1 >= len(buf):
            return None
        size = 4 if 0x30 <= buf[i + 1] <= 0x39 else 2
        if i + size > len(buf):
            return None
        chunk = bytes(buf[i:i + size])
        try:
            self._text(chunk.decode("gb18030"))
            return i + size
        except UnicodeDecodeError:
            self._text("\ufffd")
            return i + 1

    # -- commands ---------------------------------------------------------------------------

    def _esc(self, i: int) -> int | None:  # noqa: C901 - one branch per ESC command, as the manual lists them
        buf = self._buf
        if i + 1 >= len(buf):
            return None
        cmd = buf[i + 1]
        if cmd == ord("*"):                        # ESC * m nL nH data: column bit image
            if i + 5 > len(buf):
                return None
            n = buf[i + 3] + 256 * buf[i + 4]
            return self._skip(i, 5 + n * (3 if buf[i + 2] in (32, 33) else 1))
        if cmd == ord("D"):                        # ESC D n1 ... NUL: tab stops
            end = buf.find(b"\x00", i + 2, i + 2 + 33)
            if end < 0:
                return None if len(buf) - i < 35 else i + 2
            return end + 1
        n = _ESC_PARAMS.get(cmd, 0)
        if i + 2 + n > len(buf):
            return None
        p = buf[i + 2] if n else 0
        if cmd == ord("@"):
            self._end_line(only_if_content=True)
            self._reset_modes()
        elif cmd == ord("a"):
            self.align = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}.get(p, "left")
        elif cmd == ord("E") or cmd == ord("G"):
            self.bold = bool(p & 1)
        elif cmd == ord("-"):
            self.underline = bool(p & 3)
        elif cmd == ord("!"):
            self.bold = bool(p & 0x08)
            self.height = 2 if p & 0x10 else 1
            self.width = 2 if p & 0x20 else 1
            self.underline = bool(p & 0x80)
        elif cmd == ord("d"):
            self._end_line(only_if_content=True)
            self.page.blocks.append(Feed(p * 30))
        elif cmd == ord("J"):
            self._end_line(only_if_content=True)
            self.page.blocks.append(Feed(p))
        elif cmd == ord("t"):
            self.codepage = _CODEPAGES.get(p, "cp437")
        elif cmd in (ord("i"), ord("m")):
            self._cut()
        return i + 2 + n

    def _gs(self, i: int) -> int | None:  # noqa: C901 - one branch per GS command, as the manual lists them
        buf = self._buf
        if i + 1 >= len(buf):
            return None
        cmd = buf[i + 1]
        if cmd == ord("V"):                        # GS V m [n]: cut
            if i + 3 > len(buf):
                return None
            size = 4 if buf[i + 2] in (65, 66, 97, 98, 103, 104) else 3
            if i + size > len(buf):
                return None
            self._cut()
            return i + size
        if cmd == ord("("):                        # GS ( X pL pH data
            if i + 5 > len(buf):
                return None
            size = 5 + buf[i + 3] + 256 * buf[i + 4]
            if i + size > len(buf):
                return None
            if buf[i + 2] == ord("k"):
                self._two_d_code(bytes(buf[i + 5:i + size]))
            return i + size
        if cmd == ord("v"):                        # GS v 0 m xL xH yL yH data: raster image
            if i + 8 > len(buf):
                return None
            xb = buf[i + 4] + 256 * buf[i + 5]
            yd = buf[i + 6] + 256 * buf[i + 7]
            size = 8 + xb * yd
            if size > MAX_COMMAND_BYTES:
                return i + 2
            if i + size > len(buf):
                return None
            if xb and yd:
                image = Image.frombytes("1", (xb * 8, yd), bytes(buf[i + 8:i + size]))
                self._end_line(only_if_content=True)
                self.page.blocks.append(ImageBlock(image.convert("L").point(lambda v: 255 - v), self.align))
            return i + size
        if cmd == ord("k"):                        # GS k m ...: barcode
            if i + 3 > len(buf):
                return None
            m = buf[i + 2]
            if m <= 6:
                end = buf.find(b"\x00", i + 3)
                if end < 0:
                    return None if len(buf) - i < 260 else i + 3
                return end + 1
            if i + 4 > len(buf):
                return None
            size = 4 + buf[i + 3]
            return None if i + size > len(buf) else i + size
        if cmd == ord("8") and len(buf) - i >= 3 and buf[i + 2] == ord("L"):   # GS 8 L p1-p4
            if i + 7 > len(buf):
                return None
            size = 7 + int.from_bytes(buf[i + 3:i + 7], "little")
            if size > MAX_COMMAND_BYTES:
                return i + 3
            return None if i + size > len(buf) else i + size
        if cmd == ord("*"):                        # GS * x y data: downloaded bit image
            if i + 4 > len(buf):
                return None
            return self._skip(i, 4 + buf[i + 2] * buf[i + 3] * 8)
        n = _GS_PARAMS.get(cmd, 0)
        if i + 2 + n > len(buf):
            return None
        if cmd == ord("!"):
            p = buf[i + 2]
            self.width = min(8, (p >> 4) + 1)
            self.height = min(8, (p & 0x0F) + 1)
        elif cmd == ord("B"):
            pass                                   # reverse print: not rendered
        return i + 2 + n

    def _fs(self, i: int) -> int | None:
        buf = self._buf
        if i + 1 >= len(buf):
            return None
        cmd = buf[i + 1]
        n = _FS_PARAMS.get(cmd, 0)
        if i + 2 + n > len(buf):
            return None
        if cmd == ord("&"):
            self.chinese = True
        elif cmd == ord("."):
            self.chinese = False
        elif cmd == ord("!"):
            p = buf[i + 2]
            self.width = 2 if p & 0x04 else 1
            self.height = 2 if p & 0x08 else 1
        elif cmd == ord("W"):
            self.width = self.height = 2 if buf[i + 2] & 1 else 1
        return i + 2 + n

    def _dle(self, i: int, answers: bytearray) -> int | None:
        buf = self._buf
        if i + 1 >= len(buf):
            return None
        cmd = buf[i + 1]
        if cmd == 0x04:                            # DLE EOT n: real-time status
            if i + 3 > len(buf):
                return None
            answer = self._status(buf[i + 2])
            if answer:
                answers += answer
            return i + 3
        if cmd == 0x05:                            # DLE ENQ n
            return None if i + 3 > len(buf) else i + 3
        if cmd == 0x14:                            # DLE DC4 fn ...
            if i + 3 > len(buf):
                return None
            size = 10 if buf[i + 2] == 8 else 5
            return None if i + size > len(buf) else i + size
        return i + 1                               # a lone DLE: drop it

    # -- helpers ----------------------------------------------------------------------------

    def _skip(self, i: int, size: int) -> int | None:
        if size > MAX_COMMAND_BYTES:
            return i + 2
        return None if i + size > len(self._buf) else i + size

    def _two_d_code(self, body: bytes) -> None:
        if len(body) < 2 or body[0] != 49:         # cn 49: QR code
            return
        fn, rest = body[1], body[2:]
        if fn == 67 and rest:
            self.qr_module = max(1, min(16, rest[0]))
        elif fn == 69 and rest:
            self.qr_ec = _QR_EC.get(rest[0], "L")
        elif fn == 80 and rest:
            self.qr_data = rest[1:]
        elif fn == 81:
            self._end_line(only_if_content=True)
            if self.qr_data:
                data = self.qr_data.decode("utf-8", errors="replace")
                self.page.blocks.append(QrBlock(data, self.qr_module, self.qr_ec, self.align))

    def _text(self, text: str) -> None:
        runs = self._line.runs
        if not runs:
            self._line.align = self.align
        style = (self.bold, self.width, self.height, self.underline)
        if runs and (runs[-1].bold, runs[-1].width, runs[-1].height, runs[-1].underline) == style:
            runs[-1].text += text
        else:
            runs.append(Run(text, *style))

    def _end_line(self, only_if_content: bool = False) -> None:
        if only_if_content and not self._line.runs:
            return
        if not self._line.runs:
            self._line.align = self.align
            self._line.runs.append(Run("", height=self.height))
        self.page.blocks.append(self._line)
        self._line = TextLine()

    def _cut(self) -> None:
        self._end_line(only_if_content=True)
        self._cut_pending = True               # handed over once the cut's bytes are recorded
