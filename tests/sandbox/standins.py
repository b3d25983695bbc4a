"""Small stand-ins for the sandbox's document renderer and catalogue, for tests that do not
exercise those modules. They produce valid-looking, deterministic-size PDFs quickly."""
from __future__ import annotations

import secrets
import types


def _pdf(title: str, pages: int) -> bytes:
    objs = "".join(f"{i + 3} 0 obj << /Type /Page /Parent 2 0 R >> endobj\n" for i in range(pages))
    nonce = secrets.token_hex(8)
    return (f"%PDF-1.4\n% {title} {nonce}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            f"2 0 obj << /Type /Pages /Count {pages} >> endobj\n{objs}%%EOF\n").encode()


def render_certificate(service_id, resident, *, verify_code, issued, service=None):
    return _pdf(f"certificate {service_id} {verify_code} {issued}", 1)


def render_licence(company, *, verify_code):
    return _pdf(f"licence {company.key} {verify_code}", 2)


DOCUMENTS = types.SimpleNamespace(render_certificate=render_certificate, render_licence=render_licence)


def _service(sid, zh, en, printer="document", paper="A4"):
    return {"id": sid, "name": {"zh": zh, "en": en}, "category": "certificate",
            "identity": ["id_card", "efz_qr"], "printer": printer, "paper": paper}


CATALOGUE = {
    "version": "test-1",
    "services": [
        _service("social_insurance_payment", "社会保险缴费证明", "Social insurance payment certificate"),
        _service("medical_insurance", "医保参保证明", "Medical insurance certificate"),
        _service("housing_fund_deposit", "公积金缴存证明", "Housing fund deposit certificate"),
        _service("no_housing", "无房证明", "No-housing certificate"),
        _service("real_estate_registration", "不动产登记证明", "Real estate registration certificate"),
        _service("business_licence", "营业执照打印", "Business licence", printer="licence", paper="A3"),
    ],
}
