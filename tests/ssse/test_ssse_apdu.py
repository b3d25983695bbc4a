"""The APDU codec: commands, status words, TLV records, BCD dates, text fields."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.ssse import apdu as A


def test_commands_are_those_of_the_card_specification():
    """Given the SSSE card layout, when building its commands, then the bytes are exact."""
    assert A.select_by_name() == bytes.fromhex("00A404000F7378312E73682EC9E7BBE1B1A3D5CF")
    assert A.SSSE_AID[7:].decode("gbk") == "社会保障"
    assert A.read_card_number() == bytes.fromhex("00B2072C0B")
    assert A.read_spec_version() == bytes.fromhex("00B2032C06")
    assert A.select_ef() == bytes.fromhex("00A4020002EF06")
    assert A.read_record_current(0x08) == bytes.fromhex("00B2080400")
    assert A.read_record_current(0x0D, 6) == bytes.fromhex("00B20D0406")
    assert A.get_response(0x13) == bytes.fromhex("00C0000013")
    assert A.with_le(bytes.fromhex("00B2090400"), 0x20) == bytes.fromhex("00B2090420")


def test_status_words_split_and_described():
    resp = A.split_response(bytes.fromhex("01029000"))
    assert (resp.data, resp.sw, resp.ok) == (b"\x01\x02", 0x9000, True)
    assert str(A.split_response(bytes.fromhex("6A82"))) == "6A82 file or application not found"
    assert A.sw_text(0x6114) == "6114 20 bytes available"
    assert A.sw_text(0x6C20) == "6C20 wrong Le, exact length 32"
    assert A.sw_text(0x6F42).startswith("6F42 unknown")
    with pytest.raises(ValueError):
        A.split_response(b"\x90")


def test_tlv_forms():
    assert A.parse_tlv(bytes.fromhex("0803313233")) == [(0x08, b"123")]
    assert A.parse_tlv(bytes.fromhex("0701AA") + b"\x00" * 4) == [(0x07, b"\xaa")]
    assert A.parse_tlv(bytes.fromhex("0701AA") + b"\xff" * 3) == [(0x07, b"\xaa")]
    long_value = bytes(range(200))
    assert A.parse_tlv(A.encode_tlv(0x09, long_value)) == [(0x09, long_value)]
    assert A.parse_tlv(A.encode_tlv(0x09, b"x" * 300)) == [(0x09, b"x" * 300)]
    assert A.record_value(A.encode_tlv(0x0A, b"1") + A.encode_tlv(0x0B, b"\x01"), 0x0B) == b"\x01"


@pytest.mark.parametrize("raw", ["08", "0805313233", "0883000001", "0881", "09820001"])
def test_malformed_tlv_is_a_record_error(raw):
    with pytest.raises(A.RecordError):
        A.parse_tlv(bytes.fromhex(raw))


def test_missing_tag_is_a_record_error():
    with pytest.raises(A.RecordError, match="no tag 09"):
        A.record_value(A.encode_tlv(0x08, b"1"), 0x09)


@given(st.binary(max_size=300))
def test_random_bytes_never_crash_the_tlv_parser(data):
    """Given any bytes, the parser returns TLVs or raises RecordError, nothing else."""
    try:
        items = A.parse_tlv(data)
    except A.RecordError:
        return
    assert sum(len(v) for _, v in items) <= len(data)


@given(st.lists(st.tuples(st.integers(1, 0xFE), st.binary(max_size=400)), max_size=6))
def test_tlv_round_trip(items):
    raw = b"".join(A.encode_tlv(t, v) for t, v in items)
    assert A.parse_tlv(raw) == items


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_bcd_date_round_trip(day):
    assert A.decode_bcd_date(A.encode_bcd_date(day)) == day


def test_bcd_dates():
    assert A.decode_bcd_date(bytes.fromhex("19850312")) == dt.date(1985, 3, 12)
    assert A.encode_bcd_date(dt.date(2001, 11, 5)) == bytes.fromhex("20011105")
    for bad in ("19851332", "1985031A", "198503"):
        with pytest.raises(A.RecordError):
            A.decode_bcd_date(bytes.fromhex(bad))


@given(st.binary(max_size=8))
def test_random_bytes_never_crash_the_field_decoders(data):
    for decode in (A.decode_bcd_date, A.decode_text, A.decode_ascii, A.decode_nation, A.decode_sex):
        try:
            decode(data)
        except A.RecordError:
            pass


def test_text_fields():
    assert A.decode_text(A.encode_text("张伟明", 30)) == "张伟明"
    assert A.decode_text("林秀英".encode("gbk") + b"  ") == "林秀英"
    assert A.decode_text("𠀀".encode("gb18030")) == "𠀀"      # a GB 18030-only character
    with pytest.raises(A.RecordError):
        A.decode_text(b"\x81")
    assert A.decode_ascii(b"D35010012\x00") == "D35010012"


def test_nation_and_sex_codes():
    assert A.decode_nation(b"\x01") == "01"
    assert A.decode_nation(b"\x56") == "56"
    assert A.decode_nation(b"01") == "01"
    assert A.decode_nation(b"\x32") == "32"      # one byte is BCD, even when it looks like "2"
    assert A.decode_sex(b"1") == "1"
    assert A.decode_sex(b"\x02") == "2"
    with pytest.raises(A.RecordError):
        A.decode_nation(b"\x1a")
    with pytest.raises(A.RecordError):
        A.decode_sex(b"M")
