"""Test page (A4) and licence calibration page (A3 or A4), drawn with fpdf2.

The calibration page has mm rulers on the top and left edges, a 10 mm grid and crosshairs at
known positions measured from the top-left corner of the sheet; the technician measures where
they land on paper and corrects the printer's offset (0.1 mm). Chinese labels use Noto Sans
CJK SC (Debian package fonts-noto-cjk).
"""
from __future__ import annotations

import datetime as dt
import logging

from drivers.fonts import FontMissing, cjk_face  # noqa: F401 - FontMissing: callers catch it from here

log = logging.getLogger(__name__)

MEDIA_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0), "A5": (148.0, 210.0)}
#: crosshair positions, mm from the left and top edges of the sheet, per media
CROSSHAIR_MARGIN_MM = 20.0

def cjk_font() -> tuple[str, int]:
    """(font file, collection index) of a Simplified Chinese font; FontMissing names the package."""
    face = cjk_face("sans")
    return face.path, face.index


def media_size_mm(media: str) -> tuple[float, float]:
    try:
        return MEDIA_MM[media.upper()]
    except KeyError:
        raise ValueError(f"unknown media {media!r}; expected one of {', '.join(MEDIA_MM)}") from None


def crosshairs_mm(media: str = "A3") -> list[tuple[float, float]]:
    """Nominal crosshair centres (x from the left edge, y from the top edge), in mm."""
    w, h = media_size_mm(media)
    m = CROSSHAIR_MARGIN_MM
    return [(m, m), (w - m, m), (w / 2, h / 2), (m, h - m), (w - m, h - m)]


def _new_pdf(media: str):
    from fpdf import FPDF

    w, h = media_size_mm(media)
    pdf = FPDF(orientation="P", unit="mm", format=(w, h))
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    path, index = cjk_font()
    pdf.add_font("cjk", fname=path, collection_font_number=index)
    pdf.set_creator("efz-kiosk")
    pdf.add_page()
    return pdf


def _now() -> str:
    return dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %z")


def test_page_pdf(name: str, media: str = "A4") -> bytes:
    """An A4 test page: frame, device name and time, grey steps, line widths, sample text."""
    pdf = _new_pdf(media)
    w, h = media_size_mm(media)
    pdf.set_title(f"test page {name}")
    pdf.set_draw_color(0)
    pdf.set_line_width(0.5)
    pdf.rect(10, 10, w - 20, h - 20)
    pdf.set_font("cjk", size=26)
    pdf.set_xy(20, 22)
    pdf.cell(w - 40, 12, "打印测试页  Printer test page", align="C")
    pdf.set_font("cjk", size=12)
    for i, line in enumerate([f"设备 Device: {name}", f"时间 Time: {_now()}",
                              "若本页清晰完整、无缺纸或卡纸提示，打印机工作正常。",
                              "If this page is clean and complete, the printer works."]):
        pdf.set_xy(20, 45 + i * 8)
        pdf.cell(w - 40, 7, line)
    # grey steps 0..100 %
    y = 90
    pdf.set_font("cjk", size=9)
    for i in range(11):
        pdf.set_fill_color(int(255 * i / 10))
        pdf.rect(20 + i * 15, y, 15, 15, style="DF")
        pdf.set_xy(20 + i * 15, y + 16)
        pdf.cell(15, 5, f"{100 - i * 10}%", align="C")
    # line widths
    for i, lw in enumerate((0.1, 0.2, 0.35, 0.5, 1.0)):
        pdf.set_line_width(lw)
        pdf.line(20, 125 + i * 7, w - 60, 125 + i * 7)
        pdf.set_xy(w - 55, 122 + i * 7)
        pdf.cell(30, 6, f"{lw} mm")
    pdf.set_line_width(0.5)
    pdf.set_font("cjk", size=11)
    pdf.set_xy(20, 170)
    pdf.multi_cell(w - 40, 7, "福州市政务服务 自助终端 — 营业执照、证明材料打印。\n"
                   "0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz", align="L")
    return bytes(pdf.output())


def _rulers(pdf, w: float, h: float) -> None:
    pdf.set_draw_color(0)
    pdf.set_font("cjk", size=6)
    for x in range(0, int(w) + 1):
        length = 6 if x % 10 == 0 else 4 if x % 5 == 0 else 2
        pdf.set_line_width(0.15)
        pdf.line(x, 0, x, length)
        if x % 10 == 0 and 0 < x < w:
            pdf.set_xy(x - 5, length)
            pdf.cell(10, 3, str(x), align="C")
    for y in range(0, int(h) + 1):
        length = 6 if y % 10 == 0 else 4 if y % 5 == 0 else 2
        pdf.line(0, y, length, y)
        if y % 10 == 0 and 0 < y < h:
            pdf.set_xy(length + 0.5, y - 1.5)
            pdf.cell(8, 3, str(y))


def _crosshair(pdf, x: float, y: float) -> None:
    pdf.set_line_width(0.2)
    pdf.line(x - 8, y, x + 8, y)
    pdf.line(x, y - 8, x, y + 8)
    pdf.circle(x=x, y=y, radius=3)
    pdf.set_font("cjk", size=7)
    pdf.set_xy(x + 1.5, y + 1)
    pdf.cell(30, 3, f"({x:g}, {y:g}) mm")


def calibration_page_pdf(offset_x_dmm: int, offset_y_dmm: int, media: str = "A3") -> bytes:
    """The licence calibration page for ``media``, stating the offset now in force.

    The page is drawn at nominal positions; the driver shifts it by the offset when printing.
    """
    pdf = _new_pdf(media)
    w, h = media_size_mm(media)
    pdf.set_title("calibration page")
    # 10 mm grid, light grey
    pdf.set_draw_color(200)
    pdf.set_line_width(0.1)
    for x in range(10, int(w), 10):
        pdf.line(x, 10, x, h)
    for y in range(10, int(h), 10):
        pdf.line(10, y, w, y)
    _rulers(pdf, w, h)
    for x, y in crosshairs_mm(media):
        _crosshair(pdf, x, y)
    cy = h / 2
    pdf.set_font("cjk", size=16)
    pdf.set_xy(0, cy - 60)
    pdf.cell(w, 10, f"执照打印机校准页 Calibration page ({media.upper()})", align="C")
    pdf.set_font("cjk", size=12)
    lines = [
        f"当前偏移 Offset now: X = {offset_x_dmm / 10:+.1f} mm, Y = {offset_y_dmm / 10:+.1f} mm",
        f"(offset_x_dmm = {offset_x_dmm}, offset_y_dmm = {offset_y_dmm})",
        "量出十字中心到纸张左边缘、上边缘的实际距离（毫米），与标称值比较：",
        "X 实际比标称大 d 毫米 → offset_x_dmm 减去 d×10；小则加上。",
        "Y 实际比标称大 d 毫米 → offset_y_dmm 减去 d×10；小则加上。",
        f"打印时间 Printed: {_now()}",
    ]
    for i, line in enumerate(lines):
        pdf.set_xy(20, cy + 15 + i * 7)
        pdf.cell(w - 40, 6, line, align="C")
    return bytes(pdf.output())
