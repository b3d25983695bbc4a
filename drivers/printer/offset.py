"""Shift every page of a PDF by a calibration offset given in 0.1 mm.

Positive x moves the content right, positive y moves it down the sheet (both as a person
holding the printed sheet sees it, whatever the page's /Rotate). The page boxes stay as they
are: only what is drawn moves. Uses pypdf, which wraps each page's content in a ``cm``.
"""
from __future__ import annotations

import io

POINTS_PER_DMM = 72 / 254  # 1 inch = 25.4 mm = 254 dmm = 72 pt


class OffsetError(ValueError):
    """The PDF could not be read or rewritten."""


def _user_space_shift(dx: float, dy_up: float, rotate: int) -> tuple[float, float]:
    """A shift seen on the displayed page (x right, y up) → the page's user space."""
    rotate %= 360
    if rotate == 90:
        return -dy_up, dx
    if rotate == 180:
        return -dx, -dy_up
    if rotate == 270:
        return dy_up, -dx
    return dx, dy_up


def apply_offset(pdf: bytes, offset_x_dmm: int, offset_y_dmm: int) -> bytes:
    """``pdf`` with every page's content moved by the offset; unchanged bytes when both are 0."""
    if not offset_x_dmm and not offset_y_dmm:
        return pdf
    try:
        from pypdf import PdfReader, PdfWriter, Transformation
        from pypdf.errors import PyPdfError
    except ImportError:  # pragma: no cover - pypdf is a declared dependency
        raise OffsetError("the calibration offset needs the pypdf package (pip install pypdf)") from None
    dx = offset_x_dmm * POINTS_PER_DMM
    dy_up = -offset_y_dmm * POINTS_PER_DMM
    try:
        reader = PdfReader(io.BytesIO(pdf))
        writer = PdfWriter(clone_from=reader)
        for page in writer.pages:
            tx, ty = _user_space_shift(dx, dy_up, int(page.get("/Rotate", 0) or 0))
            page.add_transformation(Transformation().translate(tx=tx, ty=ty))
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, ValueError, KeyError, TypeError) as e:
        raise OffsetError(f"cannot apply the offset to this PDF: {e}") from None
    return out.getvalue()
