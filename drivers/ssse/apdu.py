"""APDUs, status words and record formats of the second-generation social security card.

Pure codec: bytes in, values out, no I/O. The reading sequence lives in
:mod:`drivers.ssse.card_session`, the PC/SC transport in :mod:`drivers.ssse.pcsc_driver`.

The card (人社部《社会保障卡规范》, second generation) holds the SSSE application, selected by
its name ``sx1.sh.社会保障`` (GBK). Inside it:

* EF05 (card data), read by short file identifier: ``READ RECORD`` with P2 = ``(5 << 3) | 4``
  = ``2C``. Record 03 is the specification version (``"2.00"``, ``"3.00"`` ...), record 07 the
  card number (9 characters).
* EF06 (holder data), selected by file id ``EF06`` and then read as the *current file*:
  ``READ RECORD`` with P2 = ``04`` (P1 = record number, no SFI). Records 08 social security
  number (= ID number, 18 characters), 09 name (GBK, 30 bytes padded), 0A sex (one ASCII
  digit, GB/T 2261.1: "1" male, "2" female), 0B nation (one BCD byte, GB 3304: ``01`` = 汉),
  0D birth date (four BCD bytes, YYYYMMDD).

We send every READ RECORD with Le = ``00`` ("as much as there is"). A T=1 card answers with
the record; a T=0 card may answer ``6C xx`` (wrong length, resend with Le = xx) or ``61 xx``
(xx bytes waiting, fetch with GET RESPONSE). Both are handled by the session.

Every record is tag-length-value with a one-byte tag equal to the record number and a
one-byte length (lengths ``81 xx`` are accepted too).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: Application name of the SSSE application: "sx1.sh." + "社会保障" in GBK.
SSSE_AID = bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF")
EF06_FID = bytes.fromhex("EF06")
EF05_SFI = 0x05

REC_SPEC_VERSION = 0x03   # EF05
REC_CARD_NUMBER = 0x07    # EF05
REC_SSN = 0x08            # EF06: social security number (the ID number)
REC_NAME = 0x09
REC_SEX = 0x0A
REC_NATION = 0x0B
REC_BIRTH_DATE = 0x0D

#: Records of EF06 the kiosk reads, in order.
EF06_RECORDS = (REC_SSN, REC_NAME, REC_SEX, REC_NATION, REC_BIRTH_DATE)

# Status words the session looks at.
SW_OK = 0x9000
SW_SECURITY_NOT_SATISFIED = 0x6982
SW_CONDITIONS_NOT_SATISFIED = 0x6985
SW_FILE_NOT_FOUND = 0x6A82
SW_RECORD_NOT_FOUND = 0x6A83
SW_FUNCTION_NOT_SUPPORTED = 0x6A81
SW_INS_NOT_SUPPORTED = 0x6D00
SW_CLA_NOT_SUPPORTED = 0x6E00

#: Status words that mean "this data needs the bureau's PSAM" (third-generation cards).
PROTECTED_SWS = frozenset({SW_SECURITY_NOT_SATISFIED, SW_CONDITIONS_NOT_SATISFIED})

_SW_TEXT = {
    0x9000: "success",
    0x6281: "returned data may be corrupted",
    0x6700: "wrong length",
    0x6982: "security status not satisfied",
    0x6985: "conditions of use not satisfied",
    0x6A81: "function not supported",
    0x6A82: "file or application not found",
    0x6A83: "record not found",
    0x6A86: "incorrect P1 P2",
    0x6B00: "wrong parameters P1 P2",
    0x6D00: "instruction not supported",
    0x6E00: "class not supported",
    0x6F00: "no precise diagnosis",
}


# -- commands ------------------------------------------------------------------------------

def select_by_name(aid: bytes = SSSE_AID) -> bytes:
    """SELECT by DF name: ``00 A4 04 00 Lc aid``."""
    return bytes([0x00, 0xA4, 0x04, 0x00, len(aid)]) + aid


def select_ef(fid: bytes = EF06_FID) -> bytes:
    """SELECT an elementary file by its id under the current DF: ``00 A4 02 00 02 fid``."""
    return bytes([0x00, 0xA4, 0x02, 0x00, len(fid)]) + fid


def read_record_sfi(record: int, sfi: int, le: int) -> bytes:
    """READ RECORD of a file named by its short id: ``00 B2 rec (sfi<<3|4) Le``."""
    return bytes([0x00, 0xB2, record, (sfi << 3) | 0x04, le & 0xFF])


def read_record_current(record: int, le: int = 0) -> bytes:
    """READ RECORD ``record`` of the currently selected EF: ``00 B2 rec 04 Le``."""
    return bytes([0x00, 0xB2, record, 0x04, le & 0xFF])


def read_card_number() -> bytes:
    """The fixed command of DESIGN §3.1b: ``00 B2 07 2C 0B`` (tag, length, 9 characters)."""
    return read_record_sfi(REC_CARD_NUMBER, EF05_SFI, 0x0B)


def read_spec_version() -> bytes:
    """EF05 record 03 (tag, length, "2.00"): ``00 B2 03 2C 06``."""
    return read_record_sfi(REC_SPEC_VERSION, EF05_SFI, 0x06)


def get_response(le: int) -> bytes:
    """GET RESPONSE after ``61 xx``: ``00 C0 00 00 xx``."""
    return bytes([0x00, 0xC0, 0x00, 0x00, le & 0xFF])


def with_le(apdu: bytes, le: int) -> bytes:
    """The same case-2 command with another Le (after ``6C xx``)."""
    return apdu[:4] + bytes([le & 0xFF])


# -- responses -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Response:
    data: bytes
    sw1: int
    sw2: int

    @property
    def sw(self) -> int:
        return (self.sw1 << 8) | self.sw2

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    def __str__(self) -> str:
        return sw_text(self.sw)


def split_response(raw: bytes) -> Response:
    """Split a response APDU into data and SW1 SW2; ValueError if shorter than two bytes."""
    if len(raw) < 2:
        raise ValueError(f"response of {len(raw)} bytes has no status word")
    return Response(bytes(raw[:-2]), raw[-2], raw[-1])


def sw_text(sw: int) -> str:
    """``"6A82 file or application not found"``; unknown words keep their hex."""
    if (sw >> 8) == 0x61:
        return f"{sw:04X} {sw & 0xFF} bytes available"
    if (sw >> 8) == 0x6C:
        return f"{sw:04X} wrong Le, exact length {sw & 0xFF}"
    return f"{sw:04X} {_SW_TEXT.get(sw, 'unknown status')}"


# -- record contents -----------------------------------------------------------------------

class RecordError(ValueError):
    """A record did not have the expected tag-length-value form or content. The message
    names tags, offsets and lengths only, never field values (they are personal data)."""


def parse_tlv(data: bytes) -> list[tuple[int, bytes]]:
    """Parse a run of one-byte-tag TLVs. Trailing ``00``/``FF`` padding is ignored.

    Lengths: one byte below ``80``, or ``81 xx`` / ``82 xx xx``. Raises RecordError (never
    anything else) when the bytes do not form TLVs.
    """
    out: list[tuple[int, bytes]] = []
    i, n = 0, len(data)
    while i < n:
        tag = data[i]
        if tag in (0x00, 0xFF) and all(b == tag for b in data[i:]):
            break
        if i + 1 >= n:
            raise RecordError(f"tag {tag:02X} at offset {i} has no length")
        length = data[i + 1]
        i += 2
        if length & 0x80:
            count = length & 0x7F
            if count not in (1, 2) or i + count > n:
                raise RecordError(f"bad length form {length:02X} for tag {tag:02X}")
            length = int.from_bytes(data[i:i + count], "big")
            i += count
        if i + length > n:
            raise RecordError(f"tag {tag:02X} wants {length} bytes, {n - i} left")
        out.append((tag, bytes(data[i:i + length])))
        i += length
    return out


def record_value(data: bytes, tag: int) -> bytes:
    """The value of ``tag`` in a record's TLVs; RecordError if it is missing."""
    for t, value in parse_tlv(data):
        if t == tag:
            return value
    raise RecordError(f"record has no tag {tag:02X}")


def encode_tlv(tag: int, value: bytes) -> bytes:
    """One TLV (the card simulator uses this)."""
    n = len(value)
    if n < 0x80:
        return bytes([tag, n]) + value
    if n <= 0xFF:
        return bytes([tag, 0x81, n]) + value
    return bytes([tag, 0x82]) + n.to_bytes(2, "big") + value


def _strip_padding(value: bytes) -> bytes:
    return value.rstrip(b"\x00\xff ").lstrip(b" ")


def decode_text(value: bytes) -> str:
    """GBK/GB 18030 text padded with NUL, FF or spaces; RecordError if it is not GB 18030."""
    try:
        return _strip_padding(value).decode("gb18030").strip()
    except UnicodeDecodeError as exc:
        raise RecordError(f"text is not GB 18030: {exc.reason}") from None


def encode_text(text: str, size: int = 0) -> bytes:
    """GB 18030 bytes, NUL-padded to ``size`` (the card simulator uses this)."""
    raw = text.encode("gb18030")
    return raw.ljust(size, b"\x00") if size else raw


def decode_ascii(value: bytes) -> str:
    try:
        return _strip_padding(value).decode("ascii").strip()
    except UnicodeDecodeError:
        raise RecordError("field is not ASCII") from None


def bcd_digits(value: bytes) -> str:
    """``b"\\x19\\x85"`` → ``"1985"``; RecordError on a nibble above 9."""
    digits = value.hex()
    if not digits.isdigit():
        raise RecordError(f"not BCD ({len(value)} bytes)")   # no digits: they may be a birth date
    return digits


def encode_bcd(digits: str) -> bytes:
    if len(digits) % 2 or not digits.isdigit():
        raise ValueError(f"need an even number of digits, got {digits!r}")
    return bytes.fromhex(digits)


def decode_bcd_date(value: bytes) -> dt.date:
    """Four BCD bytes YYYYMMDD → date; RecordError when not a real date."""
    digits = bcd_digits(value)
    if len(digits) != 8:
        raise RecordError(f"a BCD date has 4 bytes, got {len(value)}")
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise RecordError("BCD date is not a real day") from None


def encode_bcd_date(day: dt.date) -> bytes:
    return encode_bcd(f"{day.year:04d}{day.month:02d}{day.day:02d}")


def decode_nation(value: bytes) -> str:
    """Nation as a two-digit GB 3304 code: one BCD byte (``01``) or ASCII digits (``"01"``)."""
    stripped = value.rstrip(b"\x00\xff ")
    if len(stripped) == 1 and stripped != b"\x00":
        return bcd_digits(stripped)
    text = decode_ascii(value)
    if not text.isdigit():
        raise RecordError("nation code is not digits")
    return text.zfill(2)


def decode_sex(value: bytes) -> str:
    """Sex as "1"/"2" (GB/T 2261.1); "0"/"9" (unknown/unstated) pass through."""
    stripped = value.rstrip(b"\x00\xff ")
    if len(stripped) == 1 and stripped[0] < 0x10:   # stored as a binary/BCD digit
        return str(stripped[0])
    text = decode_ascii(value)
    if text not in ("0", "1", "2", "9"):
        raise RecordError("unknown sex code")
    return text
