"""Serial scanner lines → codes: terminators, encodings, the bound, noise, AIM, dedupe."""
from __future__ import annotations

import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.qr.line_framer import LineFramer

CREDIT = "91350100MA2Y8K3L2H"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def framer(**kw) -> LineFramer:
    kw.setdefault("dedupe_s", 0)
    return LineFramer(**kw)


@pytest.mark.parametrize("term", [b"\r", b"\n", b"\r\n"])
def test_auto_accepts_every_terminator(term):
    f = framer()
    assert f.feed(b"A1" + term + b"B2" + term) == ["A1", "B2"]


def test_crlf_split_across_reads_is_one_terminator():
    f = framer()
    assert f.feed(b"A1\r") == ["A1"]
    assert f.feed(b"\nB2\r") == ["B2"]
    assert f.feed(b"\n") == []


@pytest.mark.parametrize("mode,data,codes", [
    ("cr", b"A1\rB2\r", ["A1", "B2"]),
    ("cr", b"A1\nB2\r", []),             # LF inside a CR-terminated line is noise
    ("lf", b"A1\nB2\r\n", ["A1", "B2"]),  # a stray CR before LF is tolerated
    ("crlf", b"A1\r\nB2\r\n", ["A1", "B2"]),
    ("crlf", b"A1\rB2\r\n", []),
])
def test_fixed_terminators(mode, data, codes):
    assert framer(terminator=mode).feed(data) == codes


def test_line_waits_for_its_terminator():
    f = framer()
    assert f.feed(CREDIT[:5].encode()) == []
    assert f.feed(CREDIT[5:].encode()) == []
    assert f.feed(b"\r\n") == [CREDIT]


def test_utf8_chinese():
    text = "https://efz.example/id?c=营业执照&name=张伟明"
    assert framer().feed(text.encode("utf-8") + b"\r\n") == [text]


def test_gb18030_chinese():
    text = "福州闽都智造科技有限公司|" + CREDIT
    assert framer(encoding="gb18030").feed(text.encode("gb18030") + b"\r") == [text]


def test_gb18030_bytes_under_utf8_are_dropped(caplog):
    with caplog.at_level(logging.WARNING):
        assert framer(encoding="utf-8").feed("营业执照".encode("gb18030") + b"\r\n") == []
    assert "noise" in caplog.text


NOTICE = "营业执照领取|91350102MA8UQ4LL1F|福州市仓山区"


def test_auto_is_the_default_and_reads_utf8_and_gb18030():
    """Given the default framer, UTF-8 and GB18030 lines both come out as the Chinese text."""
    f = framer()
    assert f.encoding == "auto"
    assert f.feed(NOTICE.encode("utf-8") + b"\r" + NOTICE.encode("gb18030") + b"\r") == [NOTICE, NOTICE]


def test_auto_obeys_an_aim_eci_line():
    """Given a scanner in AIM mode sending ]Q2 with an ECI designator, the ECI decides."""
    f = framer()
    assert f.feed(b"]Q2\\000029" + NOTICE.encode("gb18030") + b"\r") == [NOTICE]
    assert f.feed(b"]Q2\\000026" + NOTICE.encode("utf-8") + b"\r") == [NOTICE]
    assert f.feed(b"]Q2\\000003caf\xe9\r") == ["café"]
    assert f.feed(b"]Q1" + NOTICE.encode("gb18030") + b"\r") == [NOTICE]


def test_auto_drops_bytes_that_are_neither(caplog):
    with caplog.at_level(logging.WARNING):
        assert framer().feed(b"\xff\xfe\x81\r") == []
    assert "neither as UTF-8 nor as GB18030" in caplog.text


def test_fixed_encodings_stay_fixed():
    assert framer(encoding="gb18030").feed(NOTICE.encode("gb18030") + b"\r") == [NOTICE]
    assert framer(encoding="utf-8").feed(NOTICE.encode("utf-8") + b"\r") == [NOTICE]


def test_line_at_the_bound_passes_and_over_it_is_dropped(caplog):
    f = framer(max_line=4096)
    assert f.feed(b"A" * 4096 + b"\n") == ["A" * 4096]
    with caplog.at_level(logging.WARNING):
        assert f.feed(b"B" * 4097 + b"\n" + b"OK\n") == ["OK"]
    assert "4096" in caplog.text and f.dropped["too_long"] == 1


def test_endless_line_is_dropped_without_growing():
    f = framer(max_line=4096)
    for _ in range(100):
        assert f.feed(b"x" * 1000) == []
        assert len(f._buf) <= 4096
    assert f.dropped["too_long"] == 1
    assert f.feed(b"tail\r\nNEXT\r\n") == ["NEXT"]  # the tail of the long line goes too


@pytest.mark.parametrize("noise", [b"\x00\x01\x02", b"AB\x1bCD", b"\xff\xfe\xfd", b"\x7fDEL", "a\u0085b".encode()])
def test_binary_noise_is_dropped_with_a_warning(noise, caplog):
    f = framer()
    with caplog.at_level(logging.WARNING, logger="drivers.qr.line_framer"):
        assert f.feed(noise + b"\r\n" + b"GOOD\r\n") == ["GOOD"]
    assert "noise" in caplog.text and f.dropped["noise"] == 1


def test_aim_prefix_is_stripped_when_configured():
    assert framer().feed(b"]Q1" + CREDIT.encode() + b"\r\n") == [CREDIT]
    assert framer().feed(b"]C0ABC\r\n]d2XYZ\r\n") == ["ABC", "XYZ"]
    assert framer(strip_aim=False).feed(b"]Q1ABC\r\n") == ["]Q1ABC"]
    assert framer().feed(b"A]Q1\r\n") == ["A]Q1"]  # only a prefix is an AIM identifier


def test_blank_lines_and_spaces():
    assert framer().feed(b"\r\n\r\n  ABC  \r\n\n") == ["ABC"]


def test_same_code_within_the_window_is_reported_once():
    clock = Clock()
    f = LineFramer(dedupe_s=2.0, clock=clock)
    assert f.feed(b"ABC\r\nABC\r\n") == ["ABC"]
    clock.now += 1.0
    assert f.feed(b"ABC\r\nDEF\r\n") == ["DEF"]
    clock.now += 2.5
    assert f.feed(b"ABC\r\n") == ["ABC"]


def test_held_code_stays_quiet_while_it_keeps_coming():
    """A phone held in front of a scanner in continuous mode: one report."""
    clock = Clock()
    f = LineFramer(dedupe_s=2.0, clock=clock)
    got = []
    for _ in range(10):
        got += f.feed(b"]Q1HELD\r\n")
        clock.now += 1.5
    assert got == ["HELD"]


def test_bad_terminator_option():
    with pytest.raises(ValueError):
        LineFramer(terminator="tab")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=6000), st.integers(1, 700), st.sampled_from(["auto", "cr", "lf", "crlf"]),
       st.sampled_from(["utf-8", "gb18030"]))
def test_any_bytes_give_only_clean_bounded_text(data, chunk, term, enc):
    f = LineFramer(terminator=term, encoding=enc, max_line=512, dedupe_s=0)
    for i in range(0, len(data), chunk):
        for code in f.feed(data[i:i + chunk]):
            assert code and len(code.encode(enc)) <= 512
            assert not any(ord(c) < 0x20 and c != "\t" for c in code)
        assert len(f._buf) <= 512


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), max_codepoint=0x2FFFF),
                        min_size=1, max_size=60).map(str.strip).filter(lambda s: s and not s.startswith("]")),
                min_size=1, max_size=8),
       st.integers(1, 50))
def test_codes_come_back_whatever_the_read_sizes(codes, chunk):
    f = LineFramer(dedupe_s=0)
    stream = b"".join(c.encode() + b"\r\n" for c in codes)
    got = []
    for i in range(0, len(stream), chunk):
        got += f.feed(stream[i:i + chunk])
    assert got == codes
