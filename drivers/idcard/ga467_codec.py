"""GA 467 frames: ``AA AA AA 96 69 | LEN (2, BE) | body | CHK`` (DESIGN.md §3.1).

LEN counts body + CHK; CHK is the XOR of the two LEN bytes and the body. This module only turns
intents into bytes and bytes into frames; it knows nothing of serial ports.
:class:`FrameParser` is incremental: feed it whatever arrived and it returns the whole frames
found so far plus :class:`FrameProblem` notes for the bytes it had to throw away. It never
raises on any input and never holds more than one frame's worth of bytes.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

PREAMBLE = b"\xAA\xAA\xAA\x96\x69"
HEADER_LEN = len(PREAMBLE) + 2
#: smallest LEN: a host body is CMD PARA (2 bytes) + CHK
MIN_LEN = 3
#: largest LEN accepted: a text+photo+fingerprint read is ~2.3 KiB; anything bigger is noise
MAX_LEN = 4096

# Host → reader commands (CMD, PARA).
FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_TEXT_PHOTO = (0x30, 0x01)
READ_SAM_ID = (0x12, 0xFF)
RESET_SAM = (0x10, 0xFF)


class ProtocolError(Exception):
    """A frame arrived whole but does not say what the protocol allows."""


def checksum(len_and_body: bytes) -> int:
    return reduce(lambda a, b: a ^ b, len_and_body, 0)


def build_frame(body: bytes) -> bytes:
    """The whole frame carrying ``body`` (host command or reader response)."""
    length = len(body) + 1
    if not 2 <= len(body) < MAX_LEN:
        raise ValueError(f"body of {len(body)} bytes cannot be framed")
    head = length.to_bytes(2, "big")
    return PREAMBLE + head + body + bytes([checksum(head + body)])


def command(cmd: tuple[int, int], data: bytes = b"") -> bytes:
    """A host command frame, e.g. ``command(FIND_CARD)`` → ``AA AA AA 96 69 00 03 20 01 22``."""
    return build_frame(bytes(cmd) + data)


def response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A reader response frame (used by the simulator and tests)."""
    return build_frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True)
class Frame:
    """One frame whose checksum matched."""

    body: bytes


@dataclass(frozen=True)
class FrameProblem:
    """Bytes the parser dropped: ``kind`` is garbage, bad_length or bad_checksum."""

    kind: str
    skipped: int
    detail: str = ""


@dataclass(frozen=True)
class Response:
    """A reader → host body: ``SW1 SW2 SW3 [data]``."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @classmethod
    def from_frame(cls, frame: Frame) -> "Response":
        if len(frame.body) < 3:
            raise ProtocolError(f"response body of {len(frame.body)} bytes has no status word")
        b = frame.body
        return cls(b[0], b[1], b[2], bytes(b[3:]))


def split_read_data(data: bytes) -> tuple[bytes, bytes]:
    """``text_len (2 BE) | photo_len (2 BE) | text | photo`` → (text, photo)."""
    if len(data) < 4:
        raise ProtocolError("read response shorter than its length header")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if 4 + text_len + photo_len > len(data):
        raise ProtocolError(f"read response announces {text_len}+{photo_len} bytes but carries {len(data) - 4}")
    text = data[4:4 + text_len]
    photo = data[4 + text_len:4 + text_len + photo_len]
    return bytes(text), bytes(photo)


class FrameParser:
    """Incremental frame finder over a byte stream."""

    def __init__(self, max_len: int = MAX_LEN):
        self._buf = bytearray()
        self._max_len = max_len

    def reset(self) -> None:
        self._buf.clear()

    @property
    def pending(self) -> int:
        """Bytes held while waiting for the rest of a frame."""
        return len(self._buf)

    def feed(self, data: bytes) -> list[Frame | FrameProblem]:
        self._buf += data
        out: list[Frame | FrameProblem] = []
        while True:
            item = self._next()
            if item is None:
                return out
            out.append(item)

    def _next(self) -> Frame | FrameProblem | None:
        buf = self._buf
        start = buf.find(PREAMBLE)
        if start < 0:
            # keep a tail that may be the beginning of a preamble split across reads
            keep = _preamble_prefix_len(buf)
            drop = len(buf) - keep
            if drop:
                del buf[:drop]
                return FrameProblem("garbage", drop, "no preamble")
            return None
        if start:
            del buf[:start]
            return FrameProblem("garbage", start, "bytes before the preamble")
        if len(buf) < HEADER_LEN:
            return None
        length = int.from_bytes(buf[5:7], "big")
        if not MIN_LEN <= length <= self._max_len:
            del buf[:1]  # resynchronise on the next preamble
            return FrameProblem("bad_length", 1, f"LEN {length}")
        end = HEADER_LEN + length
        if len(buf) < end:
            return None
        len_and_body = bytes(buf[5:end - 1])
        if checksum(len_and_body) != buf[end - 1]:
            # drop only the first byte: a real frame may start inside what we took for this one
            del buf[:1]
            return FrameProblem("bad_checksum", 1, f"frame of LEN {length}")
        body = len_and_body[2:]
        del buf[:end]
        return Frame(body)


def _preamble_prefix_len(buf: bytearray) -> int:
    """Length of the longest suffix of ``buf`` that is a proper prefix of the preamble."""
    for n in range(min(len(PREAMBLE) - 1, len(buf)), 0, -1):
        if buf[-n:] == PREAMBLE[:n]:
            return n
    return 0
