"""A4 certificate layouts: one body per service, shared heading, person block and closing."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from fpdf.fonts import FontFace as Style

from drivers.sim.people import Resident
from kiosk.sandbox import records
from kiosk.sandbox.layouts.sheet import (
    CHAR, FILL, GREY, INK, SERIF, SERIF_BOLD, Sheet, chinese_date, chinese_month)

FOOTER = ("本证明可通过扫描二维码核验　　沙箱测试数据，不具法律效力（SAMPLE）",)
MARGIN = 20.0
CONTENT_W = 210.0 - 2 * MARGIN
CLOSING_H = 47.0     # height of the 特此证明 block down to the bottom of the seal
CLOSING_LIMIT = 20.0  # the seal may reach this close to the sheet's foot (above the footer)


@dataclass(frozen=True)
class Spec:
    title: str
    subtitle: str
    issuer: str
    prefix: str      # of the certificate number


SPECS: dict[str, Spec] = {
    "social_insurance_payment": Spec("社会保险缴费证明", "（个人参保缴费明细）",
                                     "福州市社会劳动保险中心", "SB"),
    "medical_insurance": Spec("医保参保证明", "（职工基本医疗保险）", "福州市医疗保障基金中心", "YB"),
    "housing_fund_deposit": Spec("公积金缴存证明", "（个人住房公积金缴存情况）",
                                 "福州住房公积金中心", "GJJ"),
    "no_housing": Spec("无房证明", "（福州市个人住房情况查询结果）",
                       "福州市不动产登记和交易中心", "WF"),
    "real_estate_registration": Spec("不动产登记证明", "（不动产登记信息查询结果）",
                                     "福州市不动产登记和交易中心", "BDC"),
}


def render(service_id: str, resident: Resident, *, verify_code: str, issued: dt.date,
           verify_url: str) -> bytes:
    spec = SPECS[service_id]
    record = records.record_for(service_id, resident, issued)
    pdf = Sheet(title=spec.title, author=spec.issuer, created=issued, footer_lines=FOOTER,
                page_numbers=True)
    pdf.set_margins(MARGIN, 16, MARGIN)
    pdf.set_auto_page_break(True, margin=26)
    pdf.add_page()
    _heading(pdf, spec, verify_code, verify_url, issued)
    _BODIES[service_id](pdf, resident, record, issued)
    _closing(pdf, spec, issued)
    return bytes(pdf.output())


def certificate_number(spec: Spec, verify_code: str, issued: dt.date) -> str:
    tail = int(hashlib.sha256(verify_code.encode()).hexdigest()[:10], 16) % 10**6
    return f"{spec.prefix}{issued:%Y%m%d}{tail:06d}"


def _heading(pdf: Sheet, spec: Spec, verify_code: str, url: str, issued: dt.date) -> None:
    qr = 26.0
    qx, qy = pdf.w - MARGIN - qr, 13.0
    pdf.qr(qx, qy, qr, url)
    pdf.set_font(SERIF, size=7.5)
    pdf.set_text_color(*GREY)
    pdf.set_xy(qx - 6, qy + qr + 0.8)
    pdf.cell(qr + 12, 3.4, "扫码核验真伪", align="C")
    pdf.set_text_color(*INK)
    pdf.set_font(SERIF, size=9)
    pdf.set_xy(MARGIN, 15)
    pdf.cell(100, 5, f"证明编号：{certificate_number(spec, verify_code, issued)}",
             new_x="LMARGIN", new_y="NEXT")
    pdf.cell(100, 5, f"核 验 码：{verify_code}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(38)
    pdf.set_font(SERIF_BOLD, size=22)
    pdf.set_char_spacing(3)
    pdf.cell(0, 11, spec.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_char_spacing(0)
    pdf.set_font(SERIF, size=11)
    pdf.cell(0, 7, spec.subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _section(pdf: Sheet, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(SERIF_BOLD, size=11.5)
    pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _paragraph(pdf: Sheet, text: str, size: float = 11.5) -> None:
    pdf.set_font(SERIF, size=size)
    text = pdf.cjk_wrap("　　" + text, pdf.epw)
    pdf.multi_cell(0, size * 0.62, text, new_x="LMARGIN", new_y="NEXT", wrapmode=CHAR)
    pdf.ln(2)


def _notes(pdf: Sheet, notes: list[str]) -> None:
    pdf.ln(2)
    pdf.set_font(SERIF, size=9)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 5, "说明：", new_x="LMARGIN", new_y="NEXT")
    for i, note in enumerate(notes, 1):
        pdf.multi_cell(0, 4.6, pdf.cjk_wrap(f"{i}. {note}", pdf.epw), new_x="LMARGIN",
                       new_y="NEXT", wrapmode=CHAR)
    pdf.set_text_color(*INK)


def _person(resident: Resident) -> list:
    sex = {"1": "男", "2": "女"}.get(resident.sex, "")
    return [("姓　　名", resident.name), ("公民身份号码", resident.id_number),
            ("性　　别", sex), ("出生日期", chinese_date(resident.birth_date))]


def _closing(pdf: Sheet, spec: Spec, issued: dt.date) -> None:
    if pdf.get_y() + CLOSING_H > pdf.h - CLOSING_LIMIT:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(SERIF, size=12)
    pdf.cell(0, 8, "　　特此证明。", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font(SERIF, size=12)
    top = pdf.get_y()
    pdf.set_x(pdf.w - MARGIN - 75)
    pdf.cell(70, 8, spec.issuer, align="C", new_x="LEFT", new_y="NEXT")
    pdf.cell(70, 8, f"出具日期：{chinese_date(issued)}", align="C")
    pdf.seal(pdf.w - MARGIN - 40, top + 8, 20, spec.issuer)


def _money(x: Decimal) -> str:
    return f"{x:,.2f}"


# --- service bodies -----------------------------------------------------------------------

def _social(pdf: Sheet, r: Resident, rec: records.SocialInsuranceRecord, issued: dt.date) -> None:
    pdf.kv_table(_person(r) + [("参保单位", rec.employer, True),
                               ("参保状态", rec.status), ("首次参保", chinese_month(rec.insured_since)),
                               ("参保险种", "养老、医疗、失业"), ("累计缴费", f"{rec.paid_months} 个月")])
    first, last = rec.months[0].month, rec.months[-1].month
    _section(pdf, f"缴费明细（{chinese_month(first)} 至 {chinese_month(last)}，单位：元）")
    head = Style(family=SERIF_BOLD, fill_color=FILL, size_pt=9.5)
    pdf.set_font(SERIF, size=9.5)
    with pdf.table(width=CONTENT_W, col_widths=(24, 22, 20, 20, 20, 20, 17, 17), line_height=5.2,
                   num_heading_rows=2, headings_style=head, text_align="CENTER",
                   padding=(0.6, 1), wrapmode=CHAR) as table:
        row = table.row()
        row.cell("缴费年月", rowspan=2)
        row.cell("缴费基数", rowspan=2)
        row.cell("养老保险", colspan=2)
        row.cell("医疗保险", colspan=2)
        row.cell("失业保险", colspan=2)
        row = table.row()
        for _ in range(3):
            row.cell("单位")
            row.cell("个人")
        for m in rec.months:
            row = table.row()
            row.cell(f"{m.month:%Y-%m}")
            row.cell(_money(m.base))
            for part in (m.pension, m.medical, m.unemployment):
                row.cell(_money(part[0]))
                row.cell(_money(part[1]))
        row = table.row()
        row.cell("合计", style=Style(family=SERIF_BOLD))
        row.cell("")
        for name in ("pension", "medical", "unemployment"):
            for side in (0, 1):
                row.cell(_money(sum((getattr(m, name)[side] for m in rec.months), Decimal(0))))
    _notes(pdf, ["以上缴费记录均为已实缴记录，缴费基数及金额以社会保险信息系统记载为准。",
                 f"本明细共 {len(rec.months)} 个月，单位与个人缴费合计 {_money(rec.total)} 元。"])


def _medical(pdf: Sheet, r: Resident, rec: records.MedicalInsuranceRecord, issued: dt.date) -> None:
    _paragraph(pdf, f"兹证明{r.name}（公民身份号码：{r.id_number}）自{chinese_month(rec.since)}起"
                    f"参加福州市{rec.insurance_type}，截至{chinese_date(issued)}，参保状态为"
                    f"“{rec.status}”，累计缴费 {rec.paid_months} 个月。")
    pdf.kv_table(_person(r) + [
        ("险种类型", rec.insurance_type), ("参保状态", rec.status),
        ("参保日期", chinese_date(rec.since)), ("参 保 地", rec.place),
        ("参保单位", rec.employer, True), ("医保编号", rec.medical_number),
        ("累计缴费", f"{rec.paid_months} 个月")])
    _notes(pdf, ["本证明仅证明参保人截至出具日期的参保状态，不作为待遇享受的依据。",
                 "参保状态如有变动，以医疗保障信息平台最新记录为准。"])


def _fund(pdf: Sheet, r: Resident, rec: records.HousingFundRecord, issued: dt.date) -> None:
    _paragraph(pdf, f"兹证明{r.name}（公民身份号码：{r.id_number}）在我中心开立个人住房公积金账户，"
                    f"由{rec.employer}为其缴存住房公积金，账户状态为“{rec.status}”。具体情况如下：")
    pdf.kv_table(_person(r) + [
        ("个人账号", rec.account_no), ("账户状态", rec.status),
        ("缴存单位", rec.employer, True), ("单位账号", rec.employer_account),
        ("开户日期", chinese_date(rec.opened)), ("缴存基数", f"{_money(rec.base)} 元"),
        ("缴存比例", f"单位 {rec.rate:.0%}　个人 {rec.rate:.0%}"),
        ("月缴存额", f"{_money(rec.monthly_deposit)} 元"), ("缴 至 年 月", chinese_month(rec.paid_until)),
        ("账户余额", f"{_money(rec.balance)} 元（截至{chinese_date(issued)}）", True)])
    _notes(pdf, ["月缴存额为单位缴存额与个人缴存额之和。",
                 "本证明用于办理住房贷款、租房提取等业务时证明缴存情况，自出具之日起30日内有效。"])


def _no_housing(pdf: Sheet, r: Resident, rec: records.RealEstateRecord, issued: dt.date) -> None:
    scope = "福州市行政区域（含各区、福清市及各县）"
    if rec.properties:
        result = (f"经查询，截至{chinese_date(issued)}，申请人{r.name}（公民身份号码：{r.id_number}）"
                  f"在{scope}内有已登记的住房 {len(rec.properties)} 处，不符合无房情况。")
    else:
        result = (f"经查询福州市不动产登记信息系统，截至{chinese_date(issued)}，未发现申请人{r.name}"
                  f"（公民身份号码：{r.id_number}）在{scope}内有已登记的住房。")
    pdf.kv_table(_person(r) + [("查询范围", scope, True),
                               ("查询结果", "有登记住房" if rec.properties else "无登记住房"),
                               ("查询日期", chinese_date(issued))])
    pdf.ln(4)
    _paragraph(pdf, result)
    _notes(pdf, ["本证明仅反映出具时不动产登记信息系统中已登记的住房情况，不含尚未办理登记的房产。",
                 "本证明自出具之日起30日内有效。"])


def _estate(pdf: Sheet, r: Resident, rec: records.RealEstateRecord, issued: dt.date) -> None:
    pdf.kv_table(_person(r))
    if not rec.properties:
        pdf.ln(4)
        _paragraph(pdf, f"经查询，截至{chinese_date(issued)}，未查询到{r.name}名下在福州市的不动产登记记录。")
    for i, p in enumerate(rec.properties, 1):
        _section(pdf, f"不动产（{i}）")
        pdf.kv_table([("权 利 人", r.name), ("共有情况", p.ownership),
                      ("不动产权证书号", p.certificate_no, True),
                      ("不动产单元号", p.unit_no, True), ("坐　　落", p.address, True),
                      ("权利类型", "国有建设用地使用权/房屋所有权", True),
                      ("权利性质", p.nature), ("用　　途", p.use),
                      ("建筑面积", f"{p.area_m2:.2f} 平方米"), ("登记日期", chinese_date(p.registered)),
                      ("权利限制", p.encumbrance, True)])
    _notes(pdf, ["本证明依据不动产登记簿记载的信息出具，登记簿记载与本证明不一致的，以登记簿为准。",
                 "本证明自出具之日起30日内有效。"])


_BODIES = {
    "social_insurance_payment": _social,
    "medical_insurance": _medical,
    "housing_fund_deposit": _fund,
    "no_housing": _no_housing,
    "real_estate_registration": _estate,
}
