"""The business licence: 正本 on A3 landscape, 副本 on A4 portrait, content off the border."""
import pypdfium2 as pdfium
import pytest

from drivers.sim import people
from kiosk.sandbox import documents

A3_LANDSCAPE_PT = (1190.55, 841.89)
A4_PORTRAIT_PT = (595.28, 841.89)
MM = 72 / 25.4


@pytest.mark.parametrize("key", [c.key for c in people.COMPANIES])
def test_licence_pages_sizes_and_text(licence_pdfs, key):
    company = people.company(key)
    doc = pdfium.PdfDocument(licence_pdfs[key])
    assert len(doc) == 2
    assert doc[0].get_size() == pytest.approx(A3_LANDSCAPE_PT, abs=0.5)
    assert doc[1].get_size() == pytest.approx(A4_PORTRAIT_PT, abs=0.5)
    rep = people.resident(company.legal_representative)
    for page, label in zip(doc, ("正", "副"), strict=False):
        text = page.get_textpage().get_text_range()
        assert company.credit_code in text
        assert company.name in text
        assert rep.name in text
        assert "统一社会信用代码" in text
        assert label in text
    doc.close()


@pytest.mark.parametrize("page_no, border_mm", [(0, 40), (1, 25)])
def test_licence_leaves_the_preprinted_border_blank(licence_pdfs, page_no, border_mm):
    """No text object and no image lies in the border band of the licence stock (the SAMPLE
    watermark aside, which is drawn with transparency across the whole sheet)."""
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(licence_pdfs["mindu"])
    page = doc[page_no]
    w, h = page.get_size()
    b = border_mm * MM
    textpage = page.get_textpage()
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if ch in "样例 SAMPLE":
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if right - left == 0:
            continue
        assert left >= b - 1 and right <= w - b + 1 and bottom >= b - 1 and top <= h - b + 1, ch
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        assert left >= b and right <= w - b and bottom >= b and top <= h - b
    doc.close()


def test_calibration_offset_moves_the_content():
    company = people.company("rongcheng")
    plain = documents.render_licence(company, verify_code="V")
    shifted = documents.render_licence(company, verify_code="V", offset_mm=(3.0, -2.0))

    def qr_box(pdf):
        import pypdfium2.raw as raw

        page = pdfium.PdfDocument(pdf)[1]
        return next(iter(page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]))).get_bounds()

    a, b = qr_box(plain), qr_box(shifted)
    assert b[0] - a[0] == pytest.approx(3.0 * MM, abs=0.05)
    assert b[1] - a[1] == pytest.approx(2.0 * MM, abs=0.05)   # PDF y grows upwards
