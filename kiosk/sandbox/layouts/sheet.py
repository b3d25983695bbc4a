"""The drawing kit shared by every sandbox document: CJK fonts, QR, seal, SAMPLE watermark."""
from __future__ import annotations

import datetime as dt
import math

import qrcode
from fpdf import FPDF
from fpdf.enums import WrapMode
from fpdf.fonts import FontFace as Style
from qrcode.constants import ERROR_CORRECT_M

from drivers.fonts import cjk_face

SEAL_RED = (200, 22, 29)
INK = (20, 20, 20)
GREY = (110, 110, 110)
FILL = (238, 238, 238)

SERIF, SERIF_BOLD = "serif", "serif_bold"
CHAR = WrapMode.CHAR   # Chinese has no spaces to break lines at
# Punctuation that must not begin a line (the previous character moves down with it).
NO_LINE_START = set("，。、；：？！）》」』】〕”’,.;:?!)%")


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_month(month: dt.date) -> str:
    return f"{month.year}年{month.month:02d}月"


class Sheet(FPDF):
    """An FPDF document with the CJK faces registered under the names SERIF and SERIF_BOLD.

    (Each embedded face costs about 0.6 s of parsing and subsetting per document, so two.)

    ``footer_lines`` are printed at the foot of every page (empty: nothing, for licence stock);
    ``page_numbers`` adds 第 x 页 共 y 页. The SAMPLE watermark goes over every page.
    ``created`` fixes the creation date so the same input gives the same bytes.
    """

    def __init__(self, *, orientation: str = "portrait", paper: str = "A4", title: str,
                 author: str, created: dt.date, footer_lines: tuple[str, ...] = (),
                 page_numbers: bool = False, watermark: str = "样例 SAMPLE"):
        super().__init__(orientation=orientation, unit="mm", format=paper)
        for name in (SERIF, SERIF_BOLD):
            face = cjk_face(name)
            self.add_font(name, "", face.path, collection_font_number=face.index)
        self.footer_lines = footer_lines
        self.page_numbers = page_numbers
        self.watermark = watermark
        self.set_title(title)
        self.set_author(author)
        self.set_subject(f"{title}（沙箱样例 / sandbox sample）")
        self.set_creator("efz-kiosk sandbox platform")
        self.set_producer("efz-kiosk")
        self.set_lang("zh-CN")
        self.set_creation_date(dt.datetime(created.year, created.month, created.day,
                                           tzinfo=dt.timezone.utc))
        self.set_text_color(*INK)
        self.set_draw_color(*INK)

    # --- page furniture ---------------------------------------------------------------
    def footer(self) -> None:
        if self.footer_lines or self.page_numbers:
            self.set_font(SERIF, size=8.5)
            self.set_text_color(*GREY)
            lines = list(self.footer_lines)
            if self.page_numbers:
                lines.append(f"第 {self.page_no()} 页　共 {{nb}} 页")
            self.set_y(-8 - 4.2 * len(lines))
            self.set_draw_color(*GREY)
            self.line(self.l_margin, self.get_y() - 1.5, self.w - self.r_margin, self.get_y() - 1.5)
            for line in lines:
                self.cell(0, 4.2, line, align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(*INK)
            self.set_draw_color(*INK)
        self._draw_watermark()

    def _draw_watermark(self) -> None:
        """Diagonal translucent text over the page: this is sandbox data, not a real document."""
        if not self.watermark:
            return
        size = min(self.w, self.h) / 210 * 64
        self.set_font(SERIF_BOLD, size=size)
        width = self.get_string_width(self.watermark)
        angle = math.degrees(math.atan2(self.h, self.w))
        with self.local_context(fill_opacity=0.09, text_color=SEAL_RED):
            for frac in (0.3, 0.72):
                cx, cy = self.w * frac, self.h * frac
                with self.rotation(angle, cx, cy):
                    self.text(cx - width / 2, cy + size * 0.35 / 2.83, self.watermark)

    def kv_table(self, rows: list[tuple[str, str] | tuple[str, str, bool]],
                 widths: tuple[float, float] = (30.0, 55.0), line_height: float = 6.8) -> None:
        """Label/value pairs, two pairs to a line; a third element True gives a whole line."""
        label_style = Style(family=SERIF_BOLD, fill_color=FILL)
        lw, vw = widths
        self.set_font(SERIF, size=10.5)
        with self.table(width=2 * (lw + vw), col_widths=(lw, vw, lw, vw), line_height=line_height,
                        first_row_as_headings=False, text_align=("CENTER", "LEFT", "CENTER", "LEFT"),
                        padding=(1, 2), v_align="MIDDLE", wrapmode=CHAR) as table:
            pending: list[tuple[str, str]] = []
            for entry in rows + [("", "", True)]:     # sentinel flushes the last half line
                label, value, *whole = entry
                if whole and whole[0]:
                    if pending:
                        row = table.row()
                        row.cell(pending[0][0], style=label_style)
                        row.cell(pending[0][1], colspan=3)
                        pending = []
                    if label:
                        row = table.row()
                        row.cell(label, style=label_style)
                        row.cell(value, colspan=3)
                    continue
                pending.append((label, value))
                if len(pending) == 2:
                    row = table.row()
                    for lab, val in pending:
                        row.cell(lab, style=label_style)
                        row.cell(val)
                    pending = []

    def cjk_wrap(self, text: str, width: float) -> str:
        """``text`` with newlines where it must wrap to fit ``width`` mm in the current font,
        never starting a line with closing punctuation. Feed the result to multi_cell."""
        usable = width - 2 * self.c_margin - 0.05
        lines: list[str] = []
        line = ""
        for ch in text:
            if ch == "\n" or (line and self.get_string_width(line + ch) > usable):
                if ch in NO_LINE_START and len(line) > 1:
                    lines.append(line[:-1])
                    line = line[-1]
                else:
                    lines.append(line)
                    line = ""
                if ch == "\n":
                    continue
            line += ch
        lines.append(line)
        return "\n".join(lines)

    # --- drawing helpers --------------------------------------------------------------
    def qr(self, x: float, y: float, size: float, data: str) -> None:
        """A QR code of ``data`` (error correction M) as a ``size`` mm square at (x, y)."""
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=8, border=0)
        code.add_data(data)
        code.make(fit=True)
        image = code.make_image(fill_color="black", back_color="white").get_image()
        self.image(image, x=x, y=y, w=size, h=size)

    def seal(self, cx: float, cy: float, r: float, org: str, purpose: str = "证明专用章",
             caption: str = "电子印章") -> None:
        """A round red official seal: ``org`` along the upper arc, a star, ``purpose`` below."""
        with self.local_context(draw_color=SEAL_RED, fill_color=SEAL_RED, text_color=SEAL_RED,
                                fill_opacity=0.88, stroke_opacity=0.88, line_width=r * 0.055):
            self.circle(cx, cy, r, style="D")
            self.set_line_width(r * 0.012)
            self.circle(cx, cy, r * 0.9, style="D")
            self.star(cx, cy, r * 0.12, r * 0.3, corners=5, rotate_degrees=-90, style="F")
            # Characters around the upper arc: draw each at 12 o'clock, rotated into place.
            size_mm = r * (0.25 if len(org) <= 12 else 0.2)
            self.set_font(SERIF_BOLD, size=size_mm * 2.835)
            step = min(27.0, 250.0 / max(len(org) - 1, 1))
            span = step * (len(org) - 1)
            ring = r * 0.8
            for i, ch in enumerate(org):
                theta = -span / 2 + (span * i / (len(org) - 1) if len(org) > 1 else 0.0)
                with self.rotation(-theta, cx, cy):
                    w = self.get_string_width(ch)
                    self.text(cx - w / 2, cy - ring + size_mm * 0.95, ch)
            self.set_font(SERIF_BOLD, size=r * 0.2 * 2.835)
            w = self.get_string_width(purpose)
            self.text(cx - w / 2, cy + r * 0.62, purpose)
            if caption:
                self.set_font(SERIF, size=r * 0.13 * 2.835)
                w = self.get_string_width(caption)
                self.text(cx - w / 2, cy + r * 0.4, caption)
