"""GB18030 and UTF-8 Chinese, with and without ECI, through every backend (issue 15).

The frames are drawn by segno in byte mode from the payload's own bytes, under the camera set's
distortions; the rule is the one of drivers.qr.payload: ECI obeyed, else UTF-8, else GB18030.
"""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from hypothesis import given, strategies as st

from drivers.qr.decoders import make_decoder
from drivers.qr.payload import auto_text, segments, text_from_stream
from drivers.sim import camera_sim
from tests.qr_camera.conftest import read_gray
from tests.qr_camera.test_qr_camera_diag import _lines, run_diag
from tests.qr_camera.test_qr_camera_scanner import Events, _scanner, wait_for

NOTICE = "营业执照领取|91350102MA8UQ4LL1F|福州市仓山区建新镇金山大道618号"
BACKENDS = ("auto", "zxing", "zbar")


def _on_white(text: str, charset: str, module_px: int = 4) -> np.ndarray:
    code = camera_sim.qr_image(text, module_px, charset)
    frame = np.full((480, 640), 200, np.uint8)
    frame[30:30 + code.shape[0], 40:40 + code.shape[1]] = code
    return frame


# -- the rule ------------------------------------------------------------------------------------

def test_rule_utf8_then_gb18030_then_nothing():
    assert auto_text(NOTICE.encode("utf-8")) == NOTICE
    assert auto_text(NOTICE.encode("gb18030")) == NOTICE
    assert auto_text("efz://pickup?code=1".encode()) == "efz://pickup?code=1"
    assert auto_text("café".encode("utf-8")) == "café"
    assert auto_text(b"\xff\xfe\x00\x81") is None          # neither: dropped, never garbled


def test_short_gb18030_that_is_valid_utf8_reads_as_utf8_unless_an_eci_says_otherwise():
    """The rule is literal: 营业 in GB18030 is valid UTF-8 (Cyrillic); its ECI form is exact."""
    raw = "营业".encode("gb18030")
    assert auto_text(raw) == raw.decode("utf-8")
    assert text_from_stream(b"]Q2\\000029" + raw) == "营业"


def test_eci_protocol_stream_is_obeyed():
    gb = "福州".encode("gb18030")
    assert text_from_stream(b"]Q2\\000029" + gb) == "福州"
    assert text_from_stream(b"]Q2\\000032" + gb) == "福州"
    assert text_from_stream(b"]Q2\\000026" + "福州".encode()) == "福州"
    assert text_from_stream(b"]Q2\\000003caf\xe9") == "café"           # Latin-1 by ECI
    assert text_from_stream(b"]Q2\\000026a\\\\b") == "a\\b"             # doubled backslash
    assert segments(b"]Q2AB\\000029" + gb) == [(None, b"AB"), (29, gb)]
    assert text_from_stream(b"]Q2\\000026\xd3\xaa\xff") is None         # ECI says UTF-8: it is not


_han = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=6, max_size=40)


@given(han=_han, eci=st.sampled_from([26, 29, 32]))
def test_any_chinese_text_with_an_eci_comes_back(han, eci):
    codec = "utf-8" if eci == 26 else "gb18030"
    assert text_from_stream(b"]Q2\\%06d" % eci + han.encode(codec)) == han


# -- every backend on clean codes ---------------------------------------------------------------

@pytest.mark.parametrize("charset", camera_sim.CHARSETS)
@pytest.mark.parametrize("name", BACKENDS)
def test_each_backend_reads_each_encoding(name, charset):
    """Given the licence notice in one encoding, when decoded by a backend, the text is exact."""
    assert make_decoder(name).decode(_on_white(NOTICE, charset)) == [NOTICE]


def test_the_libraries_alone_make_mojibake_of_gb18030():
    """Why the rule exists: zxing-cpp's and zbar's own texts of a GB18030 code without ECI."""
    import zxingcpp
    from pyzbar import pyzbar

    frame = _on_white(NOTICE, "gb18030")
    assert zxingcpp.read_barcodes(frame)[0].text != NOTICE
    assert pyzbar.decode(frame)[0].data.decode("utf-8", errors="replace") != NOTICE


# -- the degraded frame set ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def charset_results(charset_set):
    folder, samples = charset_set
    decoders = {name: make_decoder(name) for name in BACKENDS}
    return samples, {(s.file, name): d.decode(read_gray(folder / s.file))
                     for s in samples for name, d in decoders.items()}


@pytest.mark.parametrize("name", BACKENDS)
def test_no_backend_ever_reports_a_wrong_text_or_a_code_on_a_blank(name, charset_results):
    samples, results = charset_results
    assert sum(s.text is None for s in samples) >= 4
    for s in samples:
        assert results[(s.file, name)] in ([], [s.text] if s.text else []), (s.file, results[(s.file, name)])


def test_pipeline_reads_the_degraded_set_in_every_encoding(charset_results):
    """Every clean-geometry frame exact; of all, >= 85 % per encoding and >= either library."""
    samples, results = charset_results
    codes = [s for s in samples if s.text]
    for s in codes:
        if s.variant in ("plain", "rot15", "rot90"):
            assert results[(s.file, "auto")] == [s.text], s.file
    for charset in camera_sim.CHARSETS:
        group = [s for s in codes if s.charset == charset]
        right = sum(results[(s.file, "auto")] == [s.text] for s in group)
        assert right >= 0.85 * len(group), (charset, right, len(group))
    right = {n: sum(results[(s.file, n)] == [s.text] for s in codes) for n in BACKENDS}
    assert right["auto"] >= right["zxing"] and right["auto"] >= right["zbar"], right


# -- the camera scanner and kiosk.diag decode --------------------------------------------------

def _clean_frames(charset_set):
    folder, samples = charset_set
    return folder, [s for s in samples if s.variant == "plain" and s.kind == "notice"]


def test_camera_scanner_emits_the_chinese_text_of_each_encoding(charset_set, tmp_path):
    folder, chosen = _clean_frames(charset_set)
    assert {s.charset for s in chosen} == set(camera_sim.CHARSETS)
    for s in chosen:
        shutil.copy(folder / s.file, tmp_path / s.file)
    events = Events()
    scanner = _scanner(events, source=str(tmp_path), decoder="auto", fps=100, dedupe_s=3600)
    scanner.open()
    try:
        assert wait_for(lambda: set(events.codes()) == {s.text for s in chosen})
    finally:
        scanner.close()


@pytest.mark.parametrize("decoder", BACKENDS)
def test_diag_decode_prints_the_chinese_text_of_each_encoding(charset_set, decoder):
    folder, chosen = _clean_frames(charset_set)
    result = run_diag(*(str(folder / s.file) for s in chosen), "--decoder", decoder, "--json")
    assert result.returncode == 0, result.stderr
    lines = _lines(result.stdout)
    assert [line["text"] for line in lines[:-1]] == [s.text for s in chosen]
    assert json.dumps(lines[-1]) and lines[-1]["decoded"] == len(chosen)
