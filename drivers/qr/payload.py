"""The text of a code from its raw bytes: one rule for every QR backend and the serial scanner.

The rule (issue 15): an ECI designator in the code says the charset, and is obeyed. Without
one, the bytes are UTF-8 when they are valid UTF-8, else GB18030 (a superset of GBK and GB2312,
which many Chinese systems still write without an ECI). Bytes that are neither give ``None``:
the caller drops the code with a warning rather than show mojibake.

ECI-carrying streams come in the AIM "ECI protocol" form (ISO/IEC 15424): a ``]Q2`` (or
``]Q4``/``]Q6``) identifier, each designator written as a backslash and six digits, a literal
backslash doubled. zxing-cpp gives that form (``TextMode.HexECI``); scanners in AIM mode send it.
Kanji-mode segments (Shift-JIS) are not told apart from byte segments by the libraries; codes
at a Chinese kiosk do not use that mode, so they would follow the no-ECI rule.
"""
from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

#: ECI assignment number → Python codec (AIM ECI specification; GB2312/GBK read as GB18030,
#: their superset, so a code with a character outside the older sets still decodes)
ECI_CODECS: dict[int, str] = {
    0: "cp437", 1: "latin-1", 2: "cp437", 3: "latin-1",
    **{n: f"iso8859-{n - 2}" for n in range(4, 14)},   # 4..13 → ISO-8859-2..11
    15: "iso8859-13", 16: "iso8859-14", 17: "iso8859-15", 18: "iso8859-16",
    20: "shift_jis", 21: "cp1250", 22: "cp1251", 23: "cp1252", 24: "cp1256",
    25: "utf-16-be", 26: "utf-8", 27: "ascii", 28: "big5", 29: "gb18030", 30: "euc_kr",
    31: "gb18030", 32: "gb18030", 33: "utf-16-le", 34: "utf-32-be", 35: "utf-32-le",
    170: "ascii",
}

#: AIM identifiers of a QR stream that follows the ECI protocol (modifiers 2, 4, 6)
_ECI_AIM = re.compile(rb"^\]Q[246]")
_ECI_ESCAPE = re.compile(rb"\\(\\|\d{6})")


def auto_text(raw: bytes) -> str | None:
    """``raw`` as UTF-8 when valid, else as GB18030; None when it is neither.

    The rule is literal. Its one blind spot is inherent to bytes without an ECI: a very short
    GB18030 text can also be valid UTF-8 (营业 is D3 AA D2 B5, which UTF-8 reads as Cyrillic
    "Ӫҵ"); a sentence of Chinese practically never is, and an ECI removes the doubt.
    """
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def _decode_segment(raw: bytes, eci: int | None) -> str | None:
    codec = ECI_CODECS.get(eci) if eci is not None else None
    if codec is None:   # no ECI, or one naming no charset (binary 899, unknown): the rule
        return auto_text(raw)
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def segments(stream: bytes) -> list[tuple[int | None, bytes]]:
    """The (ECI or None, raw bytes) runs of an AIM ECI-protocol stream, identifier removed.

    A stream without an ECI-protocol identifier is one run without ECI.
    """
    if not _ECI_AIM.match(stream):
        return [(None, stream)]
    runs: list[tuple[int | None, bytes]] = []
    eci: int | None = None
    chunk = bytearray()
    pos = 3
    for m in _ECI_ESCAPE.finditer(stream, pos):
        chunk += stream[pos:m.start()]
        if m.group(1) == b"\\":
            chunk += b"\\"
        else:
            if chunk:
                runs.append((eci, bytes(chunk)))
                chunk = bytearray()
            eci = int(m.group(1))
        pos = m.end()
    chunk += stream[pos:]
    if chunk or not runs:
        runs.append((eci, bytes(chunk)))
    return runs


def text_from_stream(stream: bytes) -> str | None:
    """The text of a code's byte stream (plain bytes, or AIM ECI protocol); None if undecodable."""
    parts = []
    for eci, raw in segments(stream):
        part = _decode_segment(raw, eci)
        if part is None:
            log.debug("a run of %d bytes does not decode (ECI %s)", len(raw), eci)
            return None
        parts.append(part)
    return "".join(parts)


def text_from_hex_eci(hex_text: str) -> str | None:
    """The text of zxing-cpp's ``TextMode.HexECI`` output (hex pairs of the ECI-protocol stream)."""
    try:
        stream = bytes.fromhex(hex_text)
    except ValueError:
        return None
    if not _ECI_AIM.match(stream) and stream[:1] == b"]":
        stream = stream[3:]   # the symbology identifier (]Q1, ]Q3...) of a stream without ECI
    return text_from_stream(stream)
