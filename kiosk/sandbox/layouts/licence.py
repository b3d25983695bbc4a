"""The business licence (营业执照): 正本 on A3 landscape, 副本 on A4 portrait.

Licence stock comes with a printed ornamental border, so all content keeps inside a blank
margin (40 mm on A3, 25 mm on A4). Coordinates are in mm from the sheet's top-left corner.
"""
from __future__ import annotations

import datetime as dt

from fpdf.drawing_primitives import Transform

from drivers.sim.people import Company, resident
from kiosk.sandbox.layouts.sheet import CHAR, GREY, INK, SERIF, SERIF_BOLD, Sheet, chinese_date

A3_BORDER = 40.0
A4_BORDER = 25.0
GSXT_NOTE = ("国家企业信用信息公示系统网址：http://www.gsxt.gov.cn",
             "市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送公示年度报告。")
QR_NOTE = "扫描二维码登录“国家企业信用信息公示系统”了解更多登记、备案、许可、监管信息。"

# The registration authority from the division code in characters 3–8 of the credit code.
_AUTHORITIES = {
    "350100": "福州市市场监督管理局", "350102": "福州市鼓楼区市场监督管理局",
    "350103": "福州市台江区市场监督管理局", "350104": "福州市仓山区市场监督管理局",
    "350111": "福州市晋安区市场监督管理局", "350121": "闽侯县市场监督管理局",
}


def authority(company: Company) -> str:
    return _AUTHORITIES.get(company.credit_code[2:8], "福州市市场监督管理局")


def _fields(company: Company) -> dict[str, str]:
    person = resident(company.legal_representative)
    return {
        "名　　称": company.name, "类　　型": company.kind,
        "法定代表人": person.name if person else company.legal_representative,
        "注册资本": company.capital, "成立日期": chinese_date(company.established),
        "营业期限": f"{chinese_date(company.established)}至长期",
        "住　　所": company.address, "经营范围": company.scope,
    }


def render(company: Company, *, verify_url: str, issued: dt.date,
           offset_mm: tuple[float, float]) -> bytes:
    pdf = Sheet(orientation="landscape", paper="A3", title=f"营业执照 {company.name}",
                author=authority(company), created=issued)
    pdf.set_auto_page_break(False)
    pdf.add_page(orientation="landscape", format="A3")
    with pdf.transform(Transform.translation(*offset_mm)):
        _original(pdf, company, verify_url, issued)
    pdf.add_page(orientation="portrait", format="A4")
    with pdf.transform(Transform.translation(*offset_mm)):
        _duplicate(pdf, company, verify_url, issued)
    return bytes(pdf.output())


def _field(pdf: Sheet, x: float, y: float, label: str, value: str, label_w: float,
           value_w: float, size: float) -> float:
    """Label and (wrapping) value at (x, y); returns the y below the value."""
    line = size * 0.5
    pdf.set_font(SERIF_BOLD, size=size)
    pdf.set_xy(x, y)
    pdf.cell(label_w, line, label)
    pdf.set_font(SERIF, size=size)
    pdf.set_xy(x + label_w, y)
    pdf.multi_cell(value_w, line, pdf.cjk_wrap(value, value_w), new_x="LEFT", new_y="NEXT",
                   wrapmode=CHAR)
    return pdf.get_y() + size * 0.32


def _title(pdf: Sheet, y: float, size: float, sub: str, sub_size: float) -> None:
    pdf.set_font(SERIF_BOLD, size=size)
    pdf.set_char_spacing(size * 0.45)
    pdf.set_xy(0, y)
    pdf.cell(pdf.w, size * 0.42, "营业执照", align="C")
    pdf.set_char_spacing(sub_size * 0.5)
    pdf.set_font(SERIF, size=sub_size)
    pdf.set_xy(0, y + size * 0.42 + 2)
    pdf.cell(pdf.w, sub_size * 0.45, sub, align="C")
    pdf.set_char_spacing(0)


def _code(pdf: Sheet, x: float, y: float, code: str, size: float) -> None:
    pdf.set_font(SERIF_BOLD, size=size * 0.8)
    pdf.set_xy(x, y)
    pdf.cell(80, size * 0.45, "统一社会信用代码")
    pdf.set_font(SERIF_BOLD, size=size)
    pdf.set_xy(x, y + size * 0.5)
    pdf.cell(80, size * 0.5, code)


def _qr(pdf: Sheet, x: float, y: float, size: float, url: str, note_w: float,
        note_pt: float) -> None:
    pdf.qr(x, y, size, url)
    pdf.set_font(SERIF, size=note_pt)
    pdf.set_text_color(*GREY)
    pdf.set_xy(x + size / 2 - note_w / 2, y + size + 1.5)
    pdf.multi_cell(note_w, note_pt * 0.45, pdf.cjk_wrap(QR_NOTE, note_w), align="C", wrapmode=CHAR)
    pdf.set_text_color(*INK)


def _registration(pdf: Sheet, x: float, y: float, company: Company, issued: dt.date,
                  size: float, seal_r: float) -> None:
    pdf.set_font(SERIF_BOLD, size=size)
    pdf.set_xy(x, y)
    pdf.cell(30, size * 0.5, "登记机关")
    pdf.set_font(SERIF, size=size)
    pdf.set_xy(x + 30, y)
    pdf.cell(80, size * 0.5, authority(company))
    pdf.set_xy(x + 30, y + size * 0.75)
    pdf.cell(80, size * 0.5, chinese_date(issued))
    pdf.seal(x + 30 + seal_r * 1.6, y + size * 0.2, seal_r, authority(company),
             purpose="", caption="电子印章")


def _gsxt(pdf: Sheet, y: float, size: float) -> None:
    pdf.set_font(SERIF, size=size)
    pdf.set_text_color(*GREY)
    for i, line in enumerate(GSXT_NOTE):
        pdf.set_xy(0, y + i * size * 0.5)
        pdf.cell(pdf.w, size * 0.45, line, align="C")
    pdf.set_text_color(*INK)


def _original(pdf: Sheet, company: Company, url: str, issued: dt.date) -> None:
    """正本, A3 landscape (420 × 297): two columns of fields under the title."""
    b = A3_BORDER
    _title(pdf, b + 14, 58, "（正　本）", 15)
    _code(pdf, b + 18, b + 36, company.credit_code, 17)
    _qr(pdf, pdf.w - b - 20 - 36, b + 6, 36, url, 66, 8)
    f = _fields(company)
    left = ("名　　称", "类　　型", "法定代表人", "经营范围")
    right = ("注册资本", "成立日期", "营业期限", "住　　所")
    y = b + 70
    for key in left:
        y = _field(pdf, b + 18, y, key, f[key], 34, 122, 15)
    y = b + 70
    for key in right:
        y = _field(pdf, 222, y, key, f[key], 34, 118, 15)
    _registration(pdf, 262, pdf.h - b - 42, company, issued, 15, 22)
    _gsxt(pdf, pdf.h - b - 10, 10)


def _duplicate(pdf: Sheet, company: Company, url: str, issued: dt.date) -> None:
    """副本, A4 portrait (210 × 297): one column of fields."""
    b = A4_BORDER
    _title(pdf, b + 14, 34, "（副　本）", 12)
    pdf.set_font(SERIF, size=10)
    pdf.set_xy(b + 6, b + 34)
    pdf.cell(60, 5, "副本编号：1-1")
    _code(pdf, b + 6, b + 44, company.credit_code, 12.5)
    _qr(pdf, pdf.w - b - 12 - 26, b + 30, 26, url, 46, 6.5)
    f = _fields(company)
    y = b + 80
    for key in ("名　　称", "类　　型", "法定代表人", "注册资本", "成立日期", "营业期限",
                "住　　所", "经营范围"):
        y = _field(pdf, b + 8, y, key, f[key], 27, pdf.w - 2 * b - 8 - 27 - 6, 11)
    _registration(pdf, 92, pdf.h - b - 48, company, issued, 11, 16)
    _gsxt(pdf, pdf.h - b - 10, 7.5)
