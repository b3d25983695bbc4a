"""The IPP codec: known bytes, round trips of generated messages, malformed input."""
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.printer import ipp

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=20)
int32 = st.integers(-(2 ** 31), 2 ** 31 - 1)

SIMPLE = {
    ipp.INTEGER: int32,
    ipp.ENUM: int32,
    ipp.BOOLEAN: st.booleans(),
    ipp.OCTET_STRING: st.binary(max_size=40),
    ipp.DATE_TIME: st.binary(min_size=11, max_size=11),
    ipp.RANGE: st.builds(ipp.Range, int32, int32),
    ipp.RESOLUTION: st.builds(ipp.Resolution, int32, int32, st.integers(-128, 127)),
    ipp.TEXT_LANG: st.builds(ipp.LangStr, text, text),
    ipp.NAME_LANG: st.builds(ipp.LangStr, text, text),
    ipp.TEXT: text, ipp.NAME: text, ipp.KEYWORD: text, ipp.URI: text, ipp.CHARSET: text,
    ipp.LANGUAGE: text, ipp.MIME_TYPE: text,
}


def simple_attr():
    oob = st.sampled_from([ipp.UNSUPPORTED, ipp.UNKNOWN, ipp.NO_VALUE]).map(lambda t: ipp.Attribute(t, [None]))
    typed = st.sampled_from(sorted(SIMPLE)).flatmap(
        lambda tag: st.lists(SIMPLE[tag], min_size=1, max_size=3).map(lambda vs: ipp.Attribute(tag, vs)))
    return st.one_of(typed, oob)


attributes = st.recursive(
    simple_attr(),
    lambda inner: st.lists(st.dictionaries(names, inner, max_size=3), min_size=1, max_size=2).map(
        lambda cols: ipp.Attribute(ipp.BEG_COLLECTION, cols)),
    max_leaves=6,
)

messages = st.builds(
    ipp.Message,
    code=st.integers(0, 0xFFFF),
    request_id=st.integers(1, 2 ** 31 - 1),
    groups=st.lists(st.builds(ipp.Group, st.sampled_from([ipp.OPERATION, ipp.JOB, ipp.PRINTER, ipp.UNSUPPORTED_GROUP]),
                              st.dictionaries(names, attributes, max_size=4)), max_size=4),
    data=st.binary(max_size=64),
)


@given(messages)
@settings(max_examples=300, deadline=None)
def test_round_trip(msg):
    """Given any message, when encoded and decoded, then it is the same message."""
    assert ipp.decode(ipp.encode(msg)) == msg


@given(messages, st.data())
@settings(max_examples=200, deadline=None)
def test_truncated_messages_fail_cleanly(msg, data):
    """Given a message cut short anywhere in its attributes, decoding raises IppError only."""
    raw = ipp.encode(msg)
    cut = data.draw(st.integers(0, len(raw) - len(msg.data) - 1))
    with pytest.raises(ipp.IppError):
        ipp.decode(raw[:cut])


@given(st.binary(max_size=200))
@settings(max_examples=300, deadline=None)
def test_garbage_never_raises_anything_else(raw):
    try:
        ipp.decode(raw)
    except ipp.IppError:
        pass


def test_known_request_bytes():
    """Given a Get-Printer-Attributes request, the bytes are exactly RFC 8010's layout."""
    msg = ipp.request(ipp.GET_PRINTER_ATTRIBUTES, 7, printer_uri="ipp://h/printers/q", user="u")
    raw = ipp.encode(msg)
    assert raw[:8] == bytes([1, 1, 0, 0x0B, 0, 0, 0, 7])
    assert raw[8] == ipp.OPERATION
    first = bytes([ipp.CHARSET]) + struct.pack(">H", 18) + b"attributes-charset" + struct.pack(">H", 5) + b"utf-8"
    assert raw[9:9 + len(first)] == first
    assert raw.endswith(bytes([ipp.END]))
    assert b"\x45\x00\x0bprinter-uri\x00\x12ipp://h/printers/q" in raw


def test_decode_multi_valued_and_collection():
    """Given a hand-made response with additional values and a media-col, decode reads both."""
    def attr(tag, name, value: bytes):
        return bytes([tag]) + struct.pack(">H", len(name)) + name + struct.pack(">H", len(value)) + value
    body = (bytes([1, 1, 0, 0, 0, 0, 0, 1, ipp.PRINTER])
            + attr(ipp.KEYWORD, b"printer-state-reasons", b"media-empty-error")
            + attr(ipp.KEYWORD, b"", b"toner-low-report")
            + attr(ipp.BEG_COLLECTION, b"media-col-default", b"")
            + attr(ipp.MEMBER_NAME, b"", b"media-size")
            + attr(ipp.BEG_COLLECTION, b"", b"")
            + attr(ipp.MEMBER_NAME, b"", b"x-dimension") + attr(ipp.INTEGER, b"", struct.pack(">i", 21000))
            + attr(ipp.END_COLLECTION, b"", b"")
            + attr(ipp.END_COLLECTION, b"", b"")
            + attr(ipp.ENUM, b"printer-state", struct.pack(">i", 5))
            + bytes([ipp.END]) + b"%PDF")
    msg = ipp.decode(body)
    printer = msg.group(ipp.PRINTER)
    assert msg.ok and msg.data == b"%PDF"
    assert printer.getall("printer-state-reasons") == ["media-empty-error", "toner-low-report"]
    size = printer.get("media-col-default")["media-size"].value
    assert size["x-dimension"].value == 21000
    assert printer.get("printer-state") == 5


@pytest.mark.parametrize("text, expected", [
    ("1", [(1, 1)]), ("2-3", [(2, 3)]), ("1,3-4", [(1, 1), (3, 4)]), (" 2 - 5 ", [(2, 5)]),
])
def test_page_ranges(text, expected):
    assert ipp.parse_page_ranges(text) == [ipp.Range(*r) for r in expected]


@pytest.mark.parametrize("text", ["", "0", "3-2", "a", "1-", "-2", "1,,2"])
def test_bad_page_ranges(text):
    with pytest.raises(ValueError):
        ipp.parse_page_ranges(text)
