"""Small PDFs for the printer tests, and a way to read them back."""
from __future__ import annotations

import io


def make_pdf(*texts: str, size_mm: tuple[float, float] = (210, 297)) -> bytes:
    """One page per text, the text drawn at 50 mm from the left and 60 mm from the top."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format=size_mm)
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", size=20)
    for text in texts:
        pdf.add_page()
        pdf.set_xy(50, 60)
        pdf.cell(text=text)
    return bytes(pdf.output())


def page_texts(pdf: bytes) -> list[str]:
    import pypdfium2

    doc = pypdfium2.PdfDocument(io.BytesIO(pdf))
    try:
        return [doc[i].get_textpage().get_text_range().strip() for i in range(len(doc))]
    finally:
        doc.close()


def text_origin(pdf: bytes, page: int = 0) -> tuple[float, float]:
    """Left and bottom (PDF points, from the page's bottom-left) of the first character."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(io.BytesIO(pdf))
    try:
        tp = doc[page].get_textpage()
        left, bottom, _right, _top = tp.get_charbox(0)
        return left, bottom
    finally:
        doc.close()
