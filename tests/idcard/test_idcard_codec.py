"""GA 467 frames: the examples of DESIGN.md §3.1 byte for byte, and a parser that survives anything."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.idcard import ga467_codec as codec
from drivers.idcard.ga467_fields import CardDataError, parse_text
from drivers.sim.ga467_sim import card_data
from drivers.sim.people import resident

FIND = bytes.fromhex("AA AA AA 96 69 00 03 20 01 22")
FOUND = bytes.fromhex("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97")
NO_CARD = bytes.fromhex("AA AA AA 96 69 00 04 00 00 80 84")
READ_OK = codec.response(0x90, card_data(resident("zhang")))


def frames_of(items):
    return [i for i in items if isinstance(i, codec.Frame)]


def test_find_card_command_is_byte_exact():
    assert codec.command(codec.FIND_CARD) == FIND


def test_reader_examples_are_byte_exact():
    assert codec.response(0x9F, bytes(4)) == FOUND
    assert codec.response(0x80) == NO_CARD


def test_parser_reads_the_examples_back():
    items = codec.FrameParser().feed(FIND + FOUND + NO_CARD)
    assert [f.body for f in frames_of(items)] == [b"\x20\x01", bytes.fromhex("00009F00000000"), b"\x00\x00\x80"]
    r = codec.Response.from_frame(frames_of(items)[1])
    assert (r.sw1, r.sw2, r.sw3, r.data) == (0, 0, 0x9F, bytes(4))


def test_checksum_is_xor_of_len_and_body():
    assert codec.checksum(bytes.fromhex("0003 2001")) == 0x22
    assert codec.command(codec.READ_TEXT_PHOTO)[-1] == 0x00 ^ 0x03 ^ 0x30 ^ 0x01


def test_garbage_before_the_preamble_is_skipped_and_reported():
    items = codec.FrameParser().feed(b"\x00\xAA\x13noise\xAA\xAA" + NO_CARD)
    assert frames_of(items) == [codec.Frame(b"\x00\x00\x80")]
    assert sum(i.skipped for i in items if isinstance(i, codec.FrameProblem)) == 10


def test_frame_split_anywhere_is_reassembled():
    for cut in range(1, len(READ_OK)):
        p = codec.FrameParser()
        assert frames_of(p.feed(READ_OK[:cut])) == []
        assert frames_of(p.feed(READ_OK[cut:])) == [codec.Frame(READ_OK[7:-1])]


def test_byte_by_byte_feed_yields_one_frame():
    p = codec.FrameParser()
    got = []
    for b in READ_OK:
        got += frames_of(p.feed(bytes([b])))
    assert len(got) == 1 and p.pending == 0


def test_bad_checksum_is_rejected_and_the_next_frame_still_parses():
    bad = bytearray(FOUND)
    bad[-1] ^= 1
    items = codec.FrameParser().feed(bytes(bad) + NO_CARD)
    assert [i.kind for i in items if isinstance(i, codec.FrameProblem)][0] == "bad_checksum"
    assert frames_of(items) == [codec.Frame(b"\x00\x00\x80")]


def test_absurd_length_is_rejected_without_waiting_for_it():
    huge = codec.PREAMBLE + b"\xFF\xFF" + b"\x00" * 10
    p = codec.FrameParser()
    items = p.feed(huge)
    assert "bad_length" in [i.kind for i in items if isinstance(i, codec.FrameProblem)]
    assert p.pending < len(codec.PREAMBLE)
    assert frames_of(p.feed(NO_CARD)) == [codec.Frame(b"\x00\x00\x80")]


def test_too_short_length_is_rejected():
    items = codec.FrameParser().feed(codec.PREAMBLE + b"\x00\x01\x01" + FIND)
    assert "bad_length" in [i.kind for i in items if isinstance(i, codec.FrameProblem)]
    assert frames_of(items) == [codec.Frame(b"\x20\x01")]


def test_split_read_data_checks_its_lengths():
    text, photo = codec.split_read_data(card_data(resident("lin")))
    assert (len(text), len(photo)) == (256, 1024)
    try:
        codec.split_read_data(b"\x01\x00\x04\x00" + bytes(10))
    except codec.ProtocolError:
        pass
    else:
        raise AssertionError("short read data accepted")


def _card_from_stream(data: bytes, chunk: int):
    """Everything the driver would do with a byte stream: frames → read answers → cards."""
    p = codec.FrameParser()
    cards = []
    for i in range(0, len(data), chunk):
        for frame in frames_of(p.feed(data[i:i + chunk])):
            assert len(frame.body) <= codec.MAX_LEN
            try:
                r = codec.Response.from_frame(frame)
                if r.sw3 == 0x90:
                    cards.append(parse_text(*codec.split_read_data(r.data)))
            except (codec.ProtocolError, CardDataError):
                pass
    assert p.pending <= codec.HEADER_LEN + codec.MAX_LEN
    return cards


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=4000), st.integers(1, 64))
def test_random_bytes_never_crash_and_never_yield_a_card(data, chunk):
    assert _card_from_stream(data, chunk) == []


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.integers(0, len(READ_OK) - 1), st.integers(1, 512))
def test_truncated_read_answer_never_yields_a_card(noise, cut, chunk):
    assert _card_from_stream(noise + READ_OK[:cut], chunk) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(codec.MAX_LEN + 1, 0xFFFF), st.binary(max_size=2000))
def test_oversized_frames_never_yield_a_frame(length, body):
    data = codec.PREAMBLE + length.to_bytes(2, "big") + body
    p = codec.FrameParser()
    items = p.feed(data)
    assert all(len(f.body) <= codec.MAX_LEN for f in frames_of(items))
    assert _card_from_stream(data, 7) == []


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.binary(max_size=200), st.integers(1, 300))
def test_a_whole_frame_between_noise_is_found(before, after, chunk):
    p = codec.FrameParser()
    got = []
    stream = before + READ_OK + after
    for i in range(0, len(stream), chunk):
        got += frames_of(p.feed(stream[i:i + chunk]))
    # noise can only add frames in front if it forms a checked frame itself; ours is among them
    assert codec.Frame(READ_OK[7:-1]) in got
