"""The IPP/1.1 binary message format (RFC 8010), encode and decode; no transport here.

A message is a version, an operation id (request) or status code (response), a request id,
attribute groups and optional document data. Attribute values are Python values chosen by
the value tag: int (integer, enum), bool, str (text, name, keyword, uri, charset ...),
bytes (octetString, dateTime, unknown tags), :class:`Range`, :class:`Resolution`,
:class:`LangStr` (text/name with language), dict (collection: member name → Attribute) and
None (out-of-band values: unsupported, unknown, no-value).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class IppError(ValueError):
    """A message could not be decoded (truncated or malformed)."""


# Delimiter (group) tags
OPERATION = 0x01
JOB = 0x02
END = 0x03
PRINTER = 0x04
UNSUPPORTED_GROUP = 0x05

# Value tags
UNSUPPORTED = 0x10
UNKNOWN = 0x12
NO_VALUE = 0x13
INTEGER = 0x21
BOOLEAN = 0x22
ENUM = 0x23
OCTET_STRING = 0x30
DATE_TIME = 0x31
RESOLUTION = 0x32
RANGE = 0x33
BEG_COLLECTION = 0x34
TEXT_LANG = 0x35
NAME_LANG = 0x36
END_COLLECTION = 0x37
TEXT = 0x41
NAME = 0x42
KEYWORD = 0x44
URI = 0x45
URI_SCHEME = 0x46
CHARSET = 0x47
LANGUAGE = 0x48
MIME_TYPE = 0x49
MEMBER_NAME = 0x4A

OUT_OF_BAND = frozenset({UNSUPPORTED, 0x11, UNKNOWN, NO_VALUE, 0x15, 0x16, 0x17})
STRING_TAGS = frozenset({TEXT, NAME, 0x43, KEYWORD, URI, URI_SCHEME, CHARSET, LANGUAGE, MIME_TYPE, MEMBER_NAME})

# Operations
PRINT_JOB = 0x0002
CANCEL_JOB = 0x0008
GET_JOB_ATTRIBUTES = 0x0009
GET_JOBS = 0x000A
GET_PRINTER_ATTRIBUTES = 0x000B

# Job states (RFC 8011 5.3.7)
JOB_STATES = {3: "pending", 4: "held", 5: "processing", 6: "stopped", 7: "canceled", 8: "aborted", 9: "completed"}
TERMINAL_JOB_STATES = frozenset({"canceled", "aborted", "completed"})
# Printer states (RFC 8011 5.4.11)
PRINTER_STATES = {3: "idle", 4: "processing", 5: "stopped"}

STATUS_OK_MAX = 0x00FF
STATUS_NOT_FOUND = 0x0406
STATUS_NOT_POSSIBLE = 0x0404


class Range(NamedTuple):
    lower: int
    upper: int


class Resolution(NamedTuple):
    x: int
    y: int
    units: int  # 3: dots per inch, 4: dots per cm


class LangStr(NamedTuple):
    language: str
    text: str


@dataclass
class Attribute:
    tag: int
    values: list[Any]

    @property
    def value(self) -> Any:
        """The first value (None for an empty attribute)."""
        return self.values[0] if self.values else None


@dataclass
class Group:
    tag: int
    attrs: dict[str, Attribute] = field(default_factory=dict)

    def add(self, name: str, tag: int, *values: Any) -> "Group":
        self.attrs[name] = Attribute(tag, list(values))
        return self

    def get(self, name: str, default: Any = None) -> Any:
        attr = self.attrs.get(name)
        return default if attr is None else attr.value

    def getall(self, name: str) -> list[Any]:
        attr = self.attrs.get(name)
        return [] if attr is None else list(attr.values)


@dataclass
class Message:
    code: int
    request_id: int = 1
    groups: list[Group] = field(default_factory=list)
    data: bytes = b""
    version: tuple[int, int] = (1, 1)

    def group(self, tag: int) -> Group | None:
        """The first group with ``tag``."""
        return next((g for g in self.groups if g.tag == tag), None)

    def groups_of(self, tag: int) -> list[Group]:
        return [g for g in self.groups if g.tag == tag]

    @property
    def ok(self) -> bool:
        return self.code <= STATUS_OK_MAX


# --------------------------------------------------------------------------- encode

def _pack_value(tag: int, value: Any) -> bytes:
    if tag in OUT_OF_BAND:
        return b""
    if tag in (INTEGER, ENUM):
        return struct.pack(">i", value)
    if tag == BOOLEAN:
        return b"\x01" if value else b"\x00"
    if tag == RANGE:
        return struct.pack(">ii", value[0], value[1])
    if tag == RESOLUTION:
        return struct.pack(">iib", value[0], value[1], value[2])
    if tag in (TEXT_LANG, NAME_LANG):
        lang, text = (value.language, value.text) if isinstance(value, LangStr) else ("", value)
        lb, tb = lang.encode("utf-8"), text.encode("utf-8")
        return struct.pack(">H", len(lb)) + lb + struct.pack(">H", len(tb)) + tb
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise TypeError(f"cannot encode {value!r} with value tag 0x{tag:02x}")


def _short(tag: int, name: str, raw: bytes) -> bytes:
    nb = name.encode("utf-8")
    if len(nb) > 0xFFFF or len(raw) > 0xFFFF:
        raise ValueError(f"attribute {name!r} is too long for IPP")
    return bytes([tag]) + struct.pack(">H", len(nb)) + nb + struct.pack(">H", len(raw)) + raw


def _encode_attr(name: str, attr: Attribute, out: list[bytes]) -> None:
    values = attr.values or [None]
    for i, value in enumerate(values):
        shown = name if i == 0 else ""
        if attr.tag == BEG_COLLECTION:
            out.append(_short(BEG_COLLECTION, shown, b""))
            for member, member_attr in (value or {}).items():
                out.append(_short(MEMBER_NAME, "", member.encode("utf-8")))
                _encode_attr("", member_attr, out)
            out.append(_short(END_COLLECTION, "", b""))
        else:
            out.append(_short(attr.tag, shown, b"" if value is None else _pack_value(attr.tag, value)))


def encode(msg: Message) -> bytes:
    out = [struct.pack(">BBHi", msg.version[0], msg.version[1], msg.code, msg.request_id)]
    for group in msg.groups:
        out.append(bytes([group.tag]))
        for name, attr in group.attrs.items():
            _encode_attr(name, attr, out)
    out.append(bytes([END]))
    out.append(msg.data)
    return b"".join(out)


# --------------------------------------------------------------------------- decode

class _Reader:
    def __init__(self, buf: bytes):
        self.buf = buf
        self.pos = 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.buf):
            raise IppError(f"message truncated at byte {self.pos} (wanted {n} more)")
        chunk = self.buf[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def u8(self) -> int:
        return self.take(1)[0]

    def u16(self) -> int:
        return struct.unpack(">H", self.take(2))[0]

    def peek(self) -> int:
        if self.pos >= len(self.buf):
            raise IppError("message ends before end-of-attributes")
        return self.buf[self.pos]


def _unpack_value(tag: int, raw: bytes) -> Any:
    try:
        if tag in OUT_OF_BAND:
            return None
        if tag in (INTEGER, ENUM):
            return struct.unpack(">i", raw)[0]
        if tag == BOOLEAN:
            if len(raw) != 1:
                raise IppError("boolean value must be one byte")
            return raw != b"\x00"
        if tag == RANGE:
            return Range(*struct.unpack(">ii", raw))
        if tag == RESOLUTION:
            return Resolution(*struct.unpack(">iib", raw))
        if tag in (TEXT_LANG, NAME_LANG):
            r = _Reader(raw)
            lang = r.take(r.u16()).decode("utf-8")
            text = r.take(r.u16()).decode("utf-8")
            return LangStr(lang, text)
        if tag in STRING_TAGS:
            return raw.decode("utf-8")
    except struct.error:
        raise IppError(f"bad length {len(raw)} for value tag 0x{tag:02x}") from None
    except UnicodeDecodeError:
        raise IppError(f"value with tag 0x{tag:02x} is not UTF-8") from None
    return raw


def _read_header(r: _Reader) -> tuple[int, str, bytes]:
    tag = r.u8()
    if tag == 0x7F:  # extended tag: four more bytes
        tag = struct.unpack(">i", r.take(4))[0]
    name = r.take(r.u16()).decode("utf-8", "replace")
    raw = r.take(r.u16())
    return tag, name, raw


def _read_collection(r: _Reader) -> dict[str, Attribute]:
    members: dict[str, Attribute] = {}
    current: Attribute | None = None
    while True:
        tag, _, raw = _read_header(r)
        if tag == END_COLLECTION:
            return members
        if tag == MEMBER_NAME:
            current = Attribute(0, [])
            members[raw.decode("utf-8", "replace")] = current
            continue
        if current is None:
            raise IppError("collection value without a member name")
        current.tag = tag
        current.values.append(_read_collection(r) if tag == BEG_COLLECTION else _unpack_value(tag, raw))


def decode(buf: bytes) -> Message:
    """Decode one IPP message; raise IppError if it is malformed."""
    r = _Reader(buf)
    major, minor = r.u8(), r.u8()
    code = r.u16()
    request_id = struct.unpack(">i", r.take(4))[0]
    msg = Message(code=code, request_id=request_id, version=(major, minor))
    group: Group | None = None
    last: Attribute | None = None
    while True:
        tag = r.peek()
        if tag < 0x10:  # a delimiter
            r.pos += 1
            if tag == END:
                break
            group = Group(tag)
            msg.groups.append(group)
            last = None
            continue
        if group is None:
            raise IppError("attribute before any group")
        tag, name, raw = _read_header(r)
        value = _read_collection(r) if tag == BEG_COLLECTION else _unpack_value(tag, raw)
        if name:
            last = Attribute(tag, [value])
            group.attrs[name] = last
        elif last is None:
            raise IppError("additional value without an attribute")
        else:
            last.values.append(value)
    msg.data = buf[r.pos:]
    return msg


def request(code: int, request_id: int = 1, *, printer_uri: str, user: str = "kiosk",
            charset: str = "utf-8", language: str = "en") -> Message:
    """A request with the operation attributes every IPP request starts with."""
    op = Group(OPERATION)
    op.add("attributes-charset", CHARSET, charset)
    op.add("attributes-natural-language", LANGUAGE, language)
    op.add("printer-uri", URI, printer_uri)
    op.add("requesting-user-name", NAME, user)
    return Message(code=code, request_id=request_id, groups=[op])


def parse_page_ranges(text: str) -> list[Range]:
    """"1", "2-3", "1,3-4" → ranges; ValueError on anything else (pages count from 1)."""
    ranges = []
    for part in text.replace(" ", "").split(","):
        lo, sep, hi = part.partition("-")
        if not lo.isdigit() or (sep and not hi.isdigit()):
            raise ValueError(f"bad page range {text!r}: expected e.g. '1' or '2-3'")
        lower, upper = int(lo), int(hi) if sep else int(lo)
        if lower < 1 or upper < lower:
            raise ValueError(f"bad page range {text!r}")
        ranges.append(Range(lower, upper))
    return ranges
