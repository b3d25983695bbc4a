"""Decoder backends on generated frames: right texts (Chinese too), nothing on negatives."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, strategies as st

from drivers.qr.decoders import NAMES, make_decoder, repair_zbar_text
from drivers.sim import camera_sim
from tests.qr_camera.conftest import read_gray

CHINESE = ["efz://id?token=K7PQ2M9XWR4T&name=张三", "营业执照 91350100MA2Y8K3L2H",
           "福州闽都智造科技有限公司 统一社会信用代码:91350100MA2Y8K3L2H"]


def _on_white(text: str, module_px: int = 5) -> np.ndarray:
    code = camera_sim.qr_image(text, module_px)
    frame = np.full((480, 640), 200, np.uint8)
    frame[40:40 + code.shape[0], 60:60 + code.shape[1]] = code
    return frame


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("text", CHINESE)
def test_chinese_utf8_payload_comes_out_right(name, text):
    """Given a QR code holding UTF-8 Chinese (no ECI), when decoded, then the text is exact."""
    assert make_decoder(name).decode(_on_white(text)) == [text]


def test_zbar_alone_would_garble_the_licence_text():
    """Given the licence payload, zbar's own text is mojibake, which the repair undoes."""
    from pyzbar import pyzbar

    text = "营业执照 91350100MA2Y8K3L2H"
    raw = pyzbar.decode(_on_white(text), symbols=[pyzbar.ZBarSymbol.QRCODE])[0].data
    assert raw.decode("utf-8") != text
    assert repair_zbar_text(raw) == text


@pytest.mark.parametrize("name", NAMES)
def test_each_backend_decodes_the_easy_variants(name, frame_set):
    folder, samples = frame_set
    decoder = make_decoder(name)
    easy = [s for s in samples if s.variant in ("plain", "chinese", "rot15", "rot90")]
    assert easy
    for sample in easy:
        assert decoder.decode(read_gray(folder / sample.file)) == [sample.text], sample.file


@pytest.mark.parametrize("name", NAMES)
def test_negatives_yield_nothing(name, frame_set):
    folder, samples = frame_set
    decoder = make_decoder(name)
    negatives = [s for s in samples if s.text is None]
    assert len(negatives) >= 4
    for sample in negatives:
        assert decoder.decode(read_gray(folder / sample.file)) == [], sample.file
    assert decoder.decode(np.zeros((480, 640), np.uint8)) == []
    assert decoder.decode(np.full((720, 1280), 255, np.uint8)) == []


def test_pipeline_decodes_at_least_as_much_of_the_hard_set_as_either_library(hard_set):
    """Given the hard variants, the auto pipeline gets >= each library, and never a wrong text."""
    folder, samples = hard_set
    decoders = {name: make_decoder(name) for name in NAMES}
    right = dict.fromkeys(NAMES, 0)
    for sample in samples:
        frame = read_gray(folder / sample.file)
        for name, decoder in decoders.items():
            texts = decoder.decode(frame)
            assert texts in ([], [sample.text]), (name, sample.file, texts)
            right[name] += texts == [sample.text]
    assert right["auto"] >= right["zxing"]
    assert right["auto"] >= right["zbar"]
    assert right["auto"] >= len(samples) * 0.8, right


def test_unknown_decoder_is_refused():
    with pytest.raises(ValueError, match="unknown decoder"):
        make_decoder("tesseract")


def test_repair_keeps_ascii_and_text_zbar_got_right():
    assert repair_zbar_text(b"efz://pickup?code=12345678") == "efz://pickup?code=12345678"
    assert repair_zbar_text("日本語テキスト".encode()) == "日本語テキスト"
    assert repair_zbar_text("café über".encode()) == "café über"
    assert repair_zbar_text("张三".encode()) == "张三"


_cjk = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=12)


@given(prefix=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=10), han=_cjk)
def test_repair_undoes_a_shift_jis_misreading(prefix, han):
    """Given UTF-8 bytes that zbar read as Shift-JIS, the repair gives back the original text."""
    text = prefix + han
    try:
        misread = text.encode("utf-8").decode("shift_jis")
    except UnicodeDecodeError:
        return  # zbar would not have picked Shift-JIS for these bytes
    assert repair_zbar_text(misread.encode("utf-8")) == text
