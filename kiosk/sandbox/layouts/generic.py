"""Certificates of services with no hand-written layout: from a record template, or generic.

A record template (``templates.json`` beside this module, keyed by service id) names the
issuer and the rows of the record; each row's value comes from the fake resident (``name``,
``id_masked``, ``sex``, ``birth``, ``address``, ``employer``) or is drawn deterministically from
the resident and the service (``number:N`` digits, ``date`` in the past, ``choice:a|b|c``,
``money:LO-HI`` yuan). A printable service without a template (an operator's new service) gets
the generic certificate: its name, the resident's masked identity, sample fields and the
verification QR. Both are marked SAMPLE like every sandbox document.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from drivers.sim.people import Resident
from kiosk.privacy import mask_id, mask_name
from kiosk.sandbox import records
from kiosk.sandbox.layouts import certificates
from kiosk.sandbox.layouts.certificates import MARGIN, Spec
from kiosk.sandbox.layouts.sheet import Sheet, chinese_date

TEMPLATES: dict[str, dict] = json.loads(Path(__file__).with_name("templates.json").read_text(encoding="utf-8"))

GENERIC_ROWS = [["记录编号", "number:12"], ["记录状态", "choice:正常|有效"], ["查询日期", "today"],
                ["数据来源", "source"]]


def _value(source: str, resident: Resident, draw: records._Draw, issued: dt.date, issuer: str) -> str:
    kind, _, arg = source.partition(":")
    profile = records.profile(resident)
    if kind == "name":
        return resident.name
    if kind == "name_masked":
        return mask_name(resident.name)
    if kind == "id_masked":
        return mask_id(resident.id_number)
    if kind == "sex":
        return {"1": "男", "2": "女"}.get(resident.sex, "")
    if kind == "birth":
        return chinese_date(resident.birth_date)
    if kind == "address":
        return resident.address
    if kind == "employer":
        return profile.employer
    if kind == "today":
        return chinese_date(issued)
    if kind == "source":
        return f"{issuer}信息系统（沙箱）"
    if kind == "number":
        return draw.digits(int(arg or 10))
    if kind == "date":
        year = draw.between(max(resident.birth_date.year + 18, issued.year - 15), issued.year - 1)
        return chinese_date(dt.date(year, draw.between(1, 12), draw.between(1, 28)))
    if kind == "choice":
        return draw.choice(arg.split("|"))
    if kind == "money":
        lo, _, hi = arg.partition("-")
        return f"{draw.between(int(lo) * 100, int(hi) * 100) / 100:,.2f} 元"
    return arg or source


def render(service: dict, resident: Resident, *, verify_code: str, issued: dt.date, verify_url: str) -> bytes:
    """A4 certificate PDF of ``service`` (a catalogue entry) for ``resident``."""
    template = TEMPLATES.get(service["id"])
    title = (service.get("name") or {}).get("zh") or service["id"]
    issuer = (template or {}).get("issuer") or service.get("issuer") or "福州市行政服务中心"
    spec = Spec(title, (template or {}).get("subtitle") or "（查询结果）", issuer,
                (template or {}).get("prefix") or "EFZ")
    rows = (template or {}).get("rows") or GENERIC_ROWS
    draw = records._Draw(f"{resident.key}/{service['id']}")
    pdf = Sheet(title=title, author=issuer, created=issued, footer_lines=certificates.FOOTER, page_numbers=True)
    pdf.set_margins(MARGIN, 16, MARGIN)
    pdf.set_auto_page_break(True, margin=26)
    pdf.add_page()
    certificates._heading(pdf, spec, verify_code, verify_url, issued)
    person = [("姓　　名", mask_name(resident.name) if template is None else resident.name),
              ("公民身份号码", mask_id(resident.id_number) if template is None else resident.id_number)]
    pdf.kv_table(person + [(label, _value(src, resident, draw, issued, issuer)) for label, src in rows])
    pdf.ln(4)
    if template is None:
        certificates._paragraph(pdf, f"经查询，申请人{mask_name(resident.name)}的《{title}》相关记录如上。"
                                     "本证明为通用样式，所列字段为沙箱样例数据。")
    else:
        certificates._paragraph(pdf, template.get("statement", f"经查询，以上为申请人{resident.name}的相关记录。")
                                .format(name=resident.name, title=title))
    certificates._notes(pdf, (template or {}).get("notes") or ["本证明信息以出具机关信息系统记载为准。",
                                                               "本证明自出具之日起30日内有效。"])
    certificates._closing(pdf, spec, issued)
    return bytes(pdf.output())
