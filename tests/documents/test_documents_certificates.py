"""Certificates are real A4 PDFs with the resident's data as embedded Chinese text."""
import pypdfium2 as pdfium
import pytest

from drivers.sim import people
from kiosk.sandbox import documents, records
from tests.documents.documents_values import ISSUED, VERIFY_CODE

A4_PT = (595.28, 841.89)
SERVICES = documents.CERTIFICATE_SERVICES


def _text(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def test_every_catalogue_certificate_has_a_layout():
    """Today's five certificates have hand-made layouts; every other printable service of the
    sandbox catalogue has a record template (kiosk/sandbox/layouts/templates.json)."""
    from kiosk.sandbox.catalogue import CATALOGUE
    from kiosk.sandbox.layouts.generic import TEMPLATES

    certificate_ids = {s["id"] for s in CATALOGUE["services"] if s.get("printer") == "document"}
    assert set(SERVICES) <= certificate_ids
    assert certificate_ids - set(SERVICES) == set(TEMPLATES)


@pytest.mark.parametrize("key", ["zhang", "lin", "chen"])
@pytest.mark.parametrize("service_id", SERVICES)
def test_certificate_is_a4_with_name_title_and_verify_code(certificate_pdfs, key, service_id):
    """Given a known resident, when a certificate renders, then it is a one-page A4 PDF whose
    extracted text holds the title, the name and ID number unmasked, and the verify code."""
    pdf = certificate_pdfs[(key, service_id)]
    assert pdf.startswith(b"%PDF-")
    doc = pdfium.PdfDocument(pdf)
    assert len(doc) == 1
    w, h = doc[0].get_size()
    assert (w, h) == pytest.approx(A4_PT, abs=0.5)
    doc.close()
    text = "".join(_text(pdf))
    resident = people.resident(key)
    assert documents.certificate_title(service_id) in text
    assert resident.name in text
    assert resident.id_number in text
    assert VERIFY_CODE in text
    assert "本证明可通过扫描二维码核验" in text
    assert "SAMPLE" in text


def test_same_input_gives_the_same_bytes(certificate_pdfs):
    """A job's SHA-256 must not change between two renders of the same document."""
    zhang = people.resident("zhang")
    again = documents.render_certificate("medical_insurance", zhang, verify_code=VERIFY_CODE,
                                         issued=ISSUED)
    assert again == certificate_pdfs[("zhang", "medical_insurance")]


def test_social_insurance_lists_each_month_and_totals(certificate_pdfs):
    zhang = people.resident("zhang")
    rec = records.social_insurance(zhang, ISSUED)
    assert len(rec.months) == 12
    assert rec.months[-1].month.isoformat() == "2025-05-01"
    text = _text(certificate_pdfs[("zhang", "social_insurance_payment")])[0]
    for m in rec.months:
        assert f"{m.month:%Y-%m}" in text
    assert f"{rec.total:,.2f}" in text


def test_retired_resident_pays_no_more_contributions():
    lin = people.resident("lin")
    rec = records.social_insurance(lin, ISSUED)
    assert rec.months[-1].month.isoformat() == "2017-08-01"
    assert "退休" in rec.status


def test_no_housing_depends_on_what_is_registered(certificate_pdfs):
    chen_text = _text(certificate_pdfs[("chen", "no_housing")])[0]
    zhang_text = _text(certificate_pdfs[("zhang", "no_housing")])[0]
    assert not records.has_housing(people.resident("chen"))
    assert "无登记住房" in chen_text
    assert records.has_housing(people.resident("zhang"))
    assert "有登记住房" in zhang_text


def test_real_estate_shows_the_property(certificate_pdfs):
    prop = records.real_estate(people.resident("zhang")).properties[0]
    text = _text(certificate_pdfs[("zhang", "real_estate_registration")])[0]
    assert prop.certificate_no in text
    assert prop.address in text
    assert len(prop.unit_no) == 28


def test_records_are_deterministic_and_differ_between_residents():
    zhang, chen = people.resident("zhang"), people.resident("chen")
    assert records.housing_fund(zhang, ISSUED) == records.housing_fund(zhang, ISSUED)
    assert records.housing_fund(zhang, ISSUED).account_no != records.housing_fund(chen, ISSUED).account_no


def test_unknown_resident_gets_a_derived_story():
    stranger = people.resident("stranger")
    pdf = documents.render_certificate("housing_fund_deposit", stranger, verify_code="X1",
                                       issued=ISSUED)
    assert stranger.name in "".join(_text(pdf))


def test_unknown_service_is_refused():
    with pytest.raises(KeyError):
        documents.render_certificate("business_licence", people.resident("zhang"),
                                     verify_code="X", issued=ISSUED)


def test_qr_carries_the_verification_url():
    """The QR decodes (zxing-cpp) to the URL with the verify code."""
    zxingcpp = pytest.importorskip("zxingcpp")
    pdf = documents.render_certificate("no_housing", people.resident("chen"),
                                       verify_code=VERIFY_CODE, issued=ISSUED)
    image = pdfium.PdfDocument(pdf)[0].render(scale=3).to_pil()
    found = [r.text for r in zxingcpp.read_barcodes(image)]
    assert documents.verify_url(VERIFY_CODE) in found
