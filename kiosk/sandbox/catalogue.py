"""The sandbox platform's service catalogue: the body of GET /catalogue (DESIGN §5).

Beyond the contract's fields each service carries ``description`` and ``reads`` ({"zh","en"}):
what personal data the service reads and why, shown on the PIPL consent screen. The top-level
``categories`` lists the home screen's categories in order. ``version`` is derived from the
content, so it changes exactly when the catalogue does (use it as the ETag).
"""
from __future__ import annotations

import copy
import hashlib
import json

_CERT_IDENTITY = ["id_card", "efz_qr"]

_CATEGORIES = [
    {"id": "social_insurance", "name": {"zh": "社保", "en": "Social insurance"}},
    {"id": "medical", "name": {"zh": "医保", "en": "Medical insurance"}},
    {"id": "housing_fund", "name": {"zh": "公积金", "en": "Housing fund"}},
    {"id": "real_estate", "name": {"zh": "不动产", "en": "Real estate"}},
    {"id": "licence", "name": {"zh": "营业执照", "en": "Business licence"}},
]

_SERVICES = [
    {
        "id": "social_insurance_payment",
        "name": {"zh": "社会保险缴费证明", "en": "Social insurance payment certificate"},
        "category": "social_insurance",
        "identity": _CERT_IDENTITY, "printer": "document", "paper": "A4",
        "description": {
            "zh": "打印近12个月养老、医疗、失业保险的缴费明细，可用于购房、落户、入学等。",
            "en": "Prints your pension, medical and unemployment insurance contributions of the "
                  "last 12 months, as needed for buying a home, residence registration or school "
                  "enrolment.",
        },
        "reads": {
            "zh": "读取您的姓名和身份证号码，仅用于在社会保险信息系统中查询您本人的参保缴费记录"
                  "并出具证明；不读取、不保存其他信息。",
            "en": "Reads your name and ID number, only to look up your own contribution record in "
                  "the social insurance system and issue the certificate. Nothing else is read "
                  "or kept.",
        },
    },
    {
        "id": "medical_insurance",
        "name": {"zh": "医保参保证明", "en": "Medical insurance certificate"},
        "category": "medical",
        "identity": _CERT_IDENTITY, "printer": "document", "paper": "A4",
        "description": {
            "zh": "证明您当前的医保参保状态、险种和参保时间。",
            "en": "Certifies your current medical insurance status, scheme and start date.",
        },
        "reads": {
            "zh": "读取您的姓名和身份证号码，仅用于在医疗保障信息平台查询您本人的参保状态。",
            "en": "Reads your name and ID number, only to look up your own insurance status in "
                  "the medical security platform.",
        },
    },
    {
        "id": "housing_fund_deposit",
        "name": {"zh": "公积金缴存证明", "en": "Housing provident fund deposit certificate"},
        "category": "housing_fund",
        "identity": _CERT_IDENTITY, "printer": "document", "paper": "A4",
        "description": {
            "zh": "打印住房公积金账户的缴存单位、月缴存额和余额，可用于办理住房贷款。",
            "en": "Prints your housing fund account's employer, monthly deposit and balance, as "
                  "needed for a home loan.",
        },
        "reads": {
            "zh": "读取您的姓名和身份证号码，仅用于查询您本人的住房公积金账户；"
                  "证明上会印有账户余额，请妥善保管。",
            "en": "Reads your name and ID number, only to look up your own housing fund account. "
                  "The certificate shows your balance: keep it safe.",
        },
    },
    {
        "id": "no_housing",
        "name": {"zh": "无房证明", "en": "No-housing certificate"},
        "category": "real_estate",
        "identity": _CERT_IDENTITY, "printer": "document", "paper": "A4",
        "description": {
            "zh": "查询您在福州市是否有已登记的住房，并出具查询结果证明。",
            "en": "Checks whether any housing is registered in your name in Fuzhou and "
                  "certifies the result.",
        },
        "reads": {
            "zh": "读取您的姓名和身份证号码，仅用于在不动产登记信息系统中查询您本人名下的住房。",
            "en": "Reads your name and ID number, only to search the real estate register for "
                  "housing in your own name.",
        },
    },
    {
        "id": "real_estate_registration",
        "name": {"zh": "不动产登记证明", "en": "Real estate registration certificate"},
        "category": "real_estate",
        "identity": _CERT_IDENTITY, "printer": "document", "paper": "A4",
        "description": {
            "zh": "打印您名下不动产的权证号、坐落、面积、用途及权利限制情况。",
            "en": "Prints the certificate number, address, area, use and any encumbrance of "
                  "the property registered in your name.",
        },
        "reads": {
            "zh": "读取您的姓名和身份证号码，仅用于查询您本人名下的不动产登记信息。",
            "en": "Reads your name and ID number, only to look up the property registered in "
                  "your own name.",
        },
    },
    {
        "id": "business_licence",
        "name": {"zh": "营业执照", "en": "Business licence"},
        "category": "licence",
        "identity": ["id_card"], "printer": "licence", "paper": "A3",
        "papers": {"original": "A3", "duplicate": "A4"},
        "description": {
            "zh": "企业设立或变更获准后，在此打印营业执照正本（A3）和副本（A4）。",
            "en": "Once a company's registration is approved, print its business licence here: "
                  "original (A3) and duplicates (A4).",
        },
        "reads": {
            "zh": "读取企业的统一社会信用代码，以及法定代表人或经办人身份证上的姓名和身份证号码，"
                  "仅用于核对您是否有权领取该执照；核对结果会记录在办件中。",
            "en": "Reads the company's unified social credit code and the name and ID number on "
                  "the ID card of the legal representative or authorised person, only to check "
                  "that you may collect this licence; the check is recorded with the job.",
        },
    },
]


def _version(categories: list, services: list) -> str:
    blob = json.dumps([categories, services], ensure_ascii=False, sort_keys=True).encode()
    return "sandbox-" + hashlib.sha256(blob).hexdigest()[:12]


CATALOGUE: dict = {
    "version": _version(_CATEGORIES, _SERVICES),
    "categories": _CATEGORIES,
    "services": _SERVICES,
}


def catalogue() -> dict:
    """A deep copy of CATALOGUE, safe for a caller to change (e.g. to disable a service)."""
    return copy.deepcopy(CATALOGUE)


def service(service_id: str) -> dict | None:
    """The catalogue entry of ``service_id``, or None."""
    return next((s for s in CATALOGUE["services"] if s["id"] == service_id), None)
