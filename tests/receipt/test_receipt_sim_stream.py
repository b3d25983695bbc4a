"""The simulator's ESC/POS interpreter: split input, status answers, garbage, rendering."""
from escpos.printer import Dummy
from hypothesis import given, settings, strategies as st
from PIL import Image

from drivers.receipt import layout
from drivers.sim.escpos_render import PAPER_DOTS, render
from drivers.sim.escpos_stream import ImageBlock, Interpreter, QrBlock, TextLine


def interpreter(answer=b"\x12"):
    pages = []
    return Interpreter(lambda n: answer, pages.append), pages


def receipt_bytes(sample) -> bytes:
    dummy = Dummy()
    layout.render(dummy, sample)
    return dummy.output


def test_one_receipt_one_page(sample):
    it, pages = interpreter()
    assert it.feed(receipt_bytes(sample)) == b""
    assert len(pages) == 1
    page = pages[0]
    assert page.lines[0] == sample.title
    name_line = next(line for line in page.lines if line.startswith("姓名："))
    assert name_line.endswith("张**")
    assert page.qr_codes == [sample.qr]
    assert bytes(page.raw) == receipt_bytes(sample)
    title = next(b for b in page.blocks if isinstance(b, TextLine))
    assert (title.align, title.runs[0].bold, title.runs[0].height) == ("center", True, 2)
    qr = next(b for b in page.blocks if isinstance(b, QrBlock))
    assert (qr.module, qr.align) == (layout.QR_MODULE_DOTS, "center")


def test_byte_by_byte_gives_the_same_page(sample):
    whole, pages_whole = interpreter()
    whole.feed(receipt_bytes(sample))
    split, pages_split = interpreter()
    for b in receipt_bytes(sample):
        split.feed(bytes([b]))
    assert [p.lines for p in pages_split] == [p.lines for p in pages_whole]
    assert [p.qr_codes for p in pages_split] == [p.qr_codes for p in pages_whole]


def test_status_requests_are_answered_and_kept_out_of_the_page():
    asked = []
    pages = []
    it = Interpreter(lambda n: asked.append(n) or bytes([0x12 | n]), pages.append)
    out = it.feed(b"\x1c&\xb2\xe2\x10\x04\x04\xca\xd4\n\x10\x04\x01\x1dV\x00")
    assert asked == [4, 1] and out == bytes([0x16, 0x13])
    assert pages[0].lines == ["测试"]
    assert b"\x10\x04" not in pages[0].raw


def test_silent_printer_sends_nothing():
    it, _ = interpreter(answer=None)
    assert it.feed(b"\x10\x04\x04") == b""


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_garbage_never_crashes(data):
    it, pages = interpreter()
    it.feed(data)
    it.feed(b"\x1b@\x1dV\x00")                 # and the printer still cuts afterwards
    for page in pages:
        render(page)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200), st.integers(min_value=1, max_value=7))
def test_chunking_does_not_change_the_text(data, chunk):
    whole, pages_a = interpreter()
    whole.feed(data + b"\n\x1dV\x00")
    pieces, pages_b = interpreter()
    stream = data + b"\n\x1dV\x00"
    for i in range(0, len(stream), chunk):
        pieces.feed(stream[i:i + chunk])
    assert [p.lines for p in pages_b] == [p.lines for p in pages_a]


def test_raster_image_from_python_escpos():
    dummy = Dummy()
    dummy.image(Image.new("1", (64, 16), 0))       # all black
    dummy.cut()
    it, pages = interpreter()
    it.feed(dummy.output)
    image = next(b for b in pages[0].blocks if isinstance(b, ImageBlock)).image
    assert image.size == (64, 16) and image.getextrema() == (0, 0)


def test_rendering_is_576_dots_wide_and_inked(sample):
    it, pages = interpreter()
    it.feed(receipt_bytes(sample))
    image = render(pages[0])
    assert image.width == PAPER_DOTS and image.height > 400
    dark = sum(image.point(lambda v: 255 if v < 128 else 0).convert("L").histogram()[255:])
    assert dark > 5000
