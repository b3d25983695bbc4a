"""Render a printed :class:`~drivers.sim.escpos_stream.PrintedReceipt` as an 80 mm receipt image.

576 dots wide (72 mm printable at 203 dpi); Font A cells of 12 × 24 dots, Chinese characters
24 × 24, drawn with Noto Sans Mono CJK SC, whose half-width and full-width glyphs have exactly
those proportions. QR codes are drawn with the qrcode package from the stored data.
"""
from __future__ import annotations

import functools
import logging

import qrcode
from PIL import Image, ImageDraw, ImageFont

from drivers.fonts import FontMissing, cjk_face
from drivers.sim.escpos_receipt import Feed, ImageBlock, PrintedReceipt, QrBlock, Run, TextLine

log = logging.getLogger(__name__)

PAPER_DOTS = 576
CELL = 24                  # dots of one text line (Font A height, Chinese character size)
LINE_GAP = 4               # with the 30-dot glyph box: ~1/6 inch a line, the default spacing
TOP_MARGIN = 24
_QR_EC = {"L": qrcode.constants.ERROR_CORRECT_L, "M": qrcode.constants.ERROR_CORRECT_M,
          "Q": qrcode.constants.ERROR_CORRECT_Q, "H": qrcode.constants.ERROR_CORRECT_H}


@functools.cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The receipt font at ``size`` pixels (the Mono CJK SC face, drivers/fonts.py)."""
    try:
        face = cjk_face("mono_bold" if bold else "mono")
    except FontMissing:
        log.warning("no CJK font found (install fonts-noto-cjk): Chinese renders as boxes")
        return ImageFont.load_default(size)
    return ImageFont.truetype(face.path, size, index=face.index)


def _run_image(run: Run) -> Image.Image:
    """One run of text as a black-on-white strip, scaled by the run's width/height factors."""
    size = CELL * run.height
    f = font(size, run.bold)
    width = max(1, int(f.getlength(run.text)))
    strip = Image.new("L", (width, size * 5 // 4), 255)
    draw = ImageDraw.Draw(strip)
    draw.text((0, -size // 5), run.text, font=f, fill=0)
    if run.underline:
        y = strip.height - 2
        draw.line((0, y, width, y), fill=0, width=max(1, run.height))
    if run.width != run.height:
        strip = strip.resize((max(1, width * run.width // run.height), strip.height))
    return strip


def _wrap(strips: list[Image.Image]) -> list[list[Image.Image]]:
    """Split the line's strips into rows no wider than the paper (by pixel columns)."""
    rows, row, used = [], [], 0
    for strip in strips:
        while used + strip.width > PAPER_DOTS:
            room = PAPER_DOTS - used
            if room > 0:
                row.append(strip.crop((0, 0, room, strip.height)))
                strip = strip.crop((room, 0, strip.width, strip.height))
            rows.append(row)
            row, used = [], 0
        row.append(strip)
        used += strip.width
    rows.append(row)
    return rows


def _x(align: str, width: int) -> int:
    if align == "center":
        return max(0, (PAPER_DOTS - width) // 2)
    if align == "right":
        return max(0, PAPER_DOTS - width)
    return 0


def _qr_image(block: QrBlock) -> Image.Image:
    code = qrcode.QRCode(box_size=block.module, border=2, error_correction=_QR_EC.get(block.ec))
    code.add_data(block.data.encode("utf-8"))
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    if image.width > PAPER_DOTS:
        image = image.resize((PAPER_DOTS, PAPER_DOTS * image.height // image.width))
    return image


def render(page: PrintedReceipt) -> Image.Image:
    """The page as a grayscale image 576 dots wide, as long as the printed content."""
    pieces: list[tuple[int, Image.Image | None]] = []     # (x, image) or (height, None) for a gap
    for block in page.blocks:
        if isinstance(block, TextLine):
            strips = [_run_image(r) for r in block.runs if r.text]
            if not strips:
                pieces.append((max((r.height for r in block.runs), default=1) * CELL + LINE_GAP, None))
                continue
            for row in filter(None, _wrap(strips)):
                height = max(s.height for s in row) + LINE_GAP
                line = Image.new("L", (sum(s.width for s in row) or 1, height), 255)
                x = 0
                for s in row:
                    line.paste(s, (x, height - LINE_GAP - s.height))
                    x += s.width
                pieces.append((_x(block.align, line.width), line))
        elif isinstance(block, QrBlock):
            try:
                image = _qr_image(block)
            except Exception as e:            # data too long for a QR code: print nothing, as printers do
                log.warning("QR code not rendered: %s", e)
                continue
            pieces.append((_x(block.align, image.width), image))
        elif isinstance(block, ImageBlock):
            image = block.image.crop((0, 0, min(PAPER_DOTS, block.image.width), block.image.height))
            pieces.append((_x(block.align, image.width), image))
        elif isinstance(block, Feed):
            pieces.append((block.dots, None))
    total = TOP_MARGIN + sum(img.height if img is not None else x for x, img in pieces)
    paper = Image.new("L", (PAPER_DOTS, max(total, TOP_MARGIN + CELL)), 255)
    y = TOP_MARGIN
    for x, img in pieces:
        if img is None:
            y += x
            continue
        paper.paste(img, (x, y))
        y += img.height
    return paper
