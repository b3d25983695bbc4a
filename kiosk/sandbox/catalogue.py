"""The sandbox platform's service catalogue (the body of GET /catalogue, DESIGN.md §5).

Beyond the contract's fields each service carries ``description`` and ``reads`` (what personal
data it uses and why), shown on the PIPL consent screen; extra fields are allowed.
"""
from __future__ import annotations

_CERT = {"identity": ["id_card", "efz_qr"], "printer": "document", "paper": "A4"}

CATALOGUE: dict = {
    "version": "2026.11-sandbox",
    "services": [
        {"id": "social_insurance_payment", "name": {"zh": "社会保险缴费证明", "en": "Social insurance payment certificate"},
         "category": "social_insurance", **_CERT,
         "description": {"zh": "个人社会保险参保缴费情况（养老、医疗、失业）", "en": "Your pension, medical and unemployment insurance contributions"},
         "reads": {"zh": "姓名、公民身份号码（用于查询您的参保缴费记录）", "en": "your name and citizen ID number (to look up your contribution records)"}},
        {"id": "medical_insurance", "name": {"zh": "医保参保证明", "en": "Medical insurance certificate"},
         "category": "medical", **_CERT,
         "description": {"zh": "基本医疗保险参保状态", "en": "Your basic medical insurance status"},
         "reads": {"zh": "姓名、公民身份号码（用于查询您的医保参保状态）", "en": "your name and citizen ID number (to look up your medical insurance status)"}},
        {"id": "housing_fund_deposit", "name": {"zh": "公积金缴存证明", "en": "Housing provident fund deposit certificate"},
         "category": "housing_fund", **_CERT,
         "description": {"zh": "住房公积金账户缴存情况", "en": "Deposits to your housing provident fund account"},
         "reads": {"zh": "姓名、公民身份号码（用于查询您的公积金账户）", "en": "your name and citizen ID number (to look up your fund account)"}},
        {"id": "no_housing", "name": {"zh": "无房证明", "en": "No-housing certificate"},
         "category": "real_estate", **_CERT,
         "description": {"zh": "在福州市无登记房产的证明", "en": "That no property is registered to you in Fuzhou"},
         "reads": {"zh": "姓名、公民身份号码（用于查询不动产登记信息）", "en": "your name and citizen ID number (to search the property register)"}},
        {"id": "real_estate_registration", "name": {"zh": "不动产登记证明", "en": "Real estate registration certificate"},
         "category": "real_estate", **_CERT,
         "description": {"zh": "您名下不动产的登记信息", "en": "The registered property in your name"},
         "reads": {"zh": "姓名、公民身份号码（用于查询您名下的不动产登记）", "en": "your name and citizen ID number (to search the property register)"}},
        {"id": "business_licence", "name": {"zh": "营业执照", "en": "Business licence"},
         "category": "licence", "identity": ["id_card"], "printer": "licence", "paper": "A3",
         "description": {"zh": "已核准的营业执照正本（A3）和副本（A4）", "en": "Approved business licence: original (A3) and duplicate (A4)"},
         "reads": {"zh": "身份证号码（用于核对您是否为法定代表人或授权人员）", "en": "your ID number (to check you are the legal representative or authorised)"}},
    ],
}
