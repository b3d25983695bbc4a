"""Printer-state reasons → status, the calibration offset, the test and calibration pages."""
import io

import pytest

from drivers.base import DeviceState, EventKind
from drivers.printer import offset, reasons
from drivers.printer import test_page as pages
from tests.printer.pdfs import make_pdf, page_texts, text_origin

MM = 72 / 25.4


@pytest.mark.parametrize("state, given, expected_state, detail", [
    ("idle", ["none"], DeviceState.ONLINE, {"paper": "ok", "toner": "ok", "door": "closed"}),
    ("processing", ["none"], DeviceState.BUSY, {"paper": "ok"}),
    ("idle", ["media-empty-error"], DeviceState.ONLINE, {"paper": "out"}),
    ("idle", ["media-needed"], DeviceState.ONLINE, {"paper": "out"}),
    ("idle", ["media-low-report"], DeviceState.ONLINE, {"paper": "low"}),
    ("idle", ["media-jam-error", "media-empty"], DeviceState.HARDWARE_ERROR, {"paper": "jammed"}),
    ("idle", ["door-open-error"], DeviceState.HARDWARE_ERROR, {"door": "open"}),
    ("idle", ["cover-open"], DeviceState.HARDWARE_ERROR, {"door": "open"}),
    ("idle", ["toner-low-warning"], DeviceState.ONLINE, {"toner": "low"}),
    ("idle", ["toner-empty-error"], DeviceState.HARDWARE_ERROR, {"toner": "empty"}),
    ("idle", ["offline-report"], DeviceState.OFFLINE, {}),
    ("processing", ["connecting-to-device"], DeviceState.OFFLINE, {}),
    ("stopped", ["paused"], DeviceState.HARDWARE_ERROR, {}),
    ("stopped", ["none"], DeviceState.HARDWARE_ERROR, {}),
])
def test_reasons_map_to_status(state, given, expected_state, detail):
    status = reasons.status_of(state, given)
    assert status.state == expected_state
    assert {k: status.detail[k] for k in detail} == detail


def test_paper_out_is_not_usable_and_toner_low_is():
    assert not reasons.status_of("idle", ["media-empty-error"]).usable
    assert reasons.status_of("idle", ["toner-low-report"]).usable
    assert reasons.status_of("idle", ["none"], accepting=False).state == DeviceState.OFFLINE


def test_blocking_reason():
    assert reasons.blocking_reason(["toner-low-report", "media-empty-error"]) == "media-empty"
    assert reasons.blocking_reason(["media-low-report", "toner-low"]) == ""
    assert reasons.blocking_reason(["connecting-to-device"], "processing") == ""
    assert reasons.blocking_reason(["none"], "stopped") == "stopped"


def test_paper_events_only_on_change():
    assert reasons.paper_event("ok", "low") == EventKind.PAPER_LOW
    assert reasons.paper_event("low", "out") == EventKind.PAPER_OUT
    assert reasons.paper_event("out", "out") is None
    assert reasons.paper_event("out", "ok") is None


# ---------------------------------------------------------------------- offset

def test_zero_offset_keeps_the_bytes():
    pdf = make_pdf("A")
    assert offset.apply_offset(pdf, 0, 0) is pdf


@pytest.mark.parametrize("dx, dy", [(15, 0), (0, 20), (-30, 45), (100, -100)])
def test_offset_moves_every_page(dx, dy):
    """Given a 2-page PDF, when shifted by (dx, dy) in 0.1 mm, the text moves right by dx and
    down by dy on both pages (PDF y grows upwards)."""
    pdf = make_pdf("Left", "Right")
    moved = offset.apply_offset(pdf, dx, dy)
    for page in (0, 1):
        x0, y0 = text_origin(pdf, page)
        x1, y1 = text_origin(moved, page)
        assert x1 - x0 == pytest.approx(dx / 10 * MM, abs=0.05)
        assert y1 - y0 == pytest.approx(-dy / 10 * MM, abs=0.05)
    assert page_texts(moved) == ["Left", "Right"]


def test_offset_follows_page_rotation():
    """Given a page shown rotated 90°, a shift right on the sheet is a shift up in user space."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("R"))))
    writer.pages[0].rotate(90)
    buf = io.BytesIO()
    writer.write(buf)
    pdf = buf.getvalue()
    moved = offset.apply_offset(pdf, 50, 0)
    (x0, y0), (x1, y1) = text_origin(pdf), text_origin(moved)
    assert x1 == pytest.approx(x0, abs=0.05)
    assert y1 - y0 == pytest.approx(5 * MM, abs=0.05)


def test_offset_of_a_broken_pdf_is_a_clear_error():
    with pytest.raises(offset.OffsetError):
        offset.apply_offset(b"%PDF-1.4 not really", 10, 10)


# ---------------------------------------------------------------------- pages

def render_png(pdf: bytes, path, scale: float = 1.0):
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        image = doc[0].render(scale=scale).to_pil()
    finally:
        doc.close()
    image.save(path)
    return image


def test_cjk_font_is_found():
    path, index = pages.cjk_font()
    assert path.endswith((".ttc", ".otf", ".ttf")) and index >= 0


def test_test_page_is_a4_with_chinese_text(tmp_path):
    pdf = pages.test_page_pdf("document")
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        w, h = doc[0].get_size()
    finally:
        doc.close()
    assert (w / MM, h / MM) == pytest.approx((210, 297), abs=0.5)
    text = page_texts(pdf)[0]
    assert "打印测试页" in text and "document" in text
    image = render_png(pdf, tmp_path / "test-page.png").convert("L")
    assert image.getextrema() == (0, 255)  # something black was drawn on white


@pytest.mark.parametrize("media, size", [("A3", (297, 420)), ("A4", (210, 297))])
def test_calibration_page(tmp_path, media, size):
    """The calibration page has the offset printed on it, Chinese labels, rulers, and the
    crosshair centres dark at their nominal positions."""
    pdf = pages.calibration_page_pdf(15, -3, media=media)
    text = page_texts(pdf)[0]
    assert "X = +1.5 mm" in text and "Y = -0.3 mm" in text
    assert "offset_x_dmm = 15" in text and "校准页" in text
    scale = 300 / 72  # 300 dpi
    image = render_png(pdf, tmp_path / f"calibration-{media}.png", scale=scale).convert("L")
    px_per_mm = scale * MM
    assert image.size[0] == pytest.approx(size[0] * px_per_mm, abs=1)
    assert image.size[1] == pytest.approx(size[1] * px_per_mm, abs=1)
    for x_mm, y_mm in pages.crosshairs_mm(media):
        cx, cy = round(x_mm * px_per_mm), round(y_mm * px_per_mm)
        assert min(image.getpixel((cx + dx, cy + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)) < 128
        # 5 mm off the crosshair along the diagonal: paper (grid lines are every 10 mm)
        assert image.getpixel((cx + round(5.5 * px_per_mm), cy - round(5.5 * px_per_mm))) > 200
