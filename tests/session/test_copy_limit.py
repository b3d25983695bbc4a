"""The copy limit has one home, kiosk.session_model.MAX_COPIES: the session holds to it and the
document screen's words name it."""
from __future__ import annotations

from pathlib import Path

from kiosk.session_model import MAX_COPIES, VisitRecord


def test_set_copies_holds_to_the_limit():
    from kiosk.session_handlers import set_copies

    class S:
        visit = VisitRecord()

    s = S()
    for asked, kept in ((0, 1), (2, 2), (MAX_COPIES, MAX_COPIES), (MAX_COPIES + 5, MAX_COPIES), (-3, 1)):
        set_copies(s, asked)
        assert s.visit.copies == kept


def test_the_document_screen_names_the_same_limit():
    source = (Path(__file__).resolve().parents[2] / "screens" / "document.py").read_text(encoding="utf-8")
    assert f"最多 {MAX_COPIES} 份" in source  # the + button itself follows MAX_COPIES
    assert "< MAX_COPIES" in source
