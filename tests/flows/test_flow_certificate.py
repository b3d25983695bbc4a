"""The walking skeleton: a resident prints 社会保险缴费证明 end to end, by clicks."""
from __future__ import annotations

GS_V = b"\x1dV"


def test_a_resident_prints_a_social_insurance_certificate(terminal):
    """Given a simulated terminal, when a resident taps through the visit with an ID card,
    then the PDF reaches the printer, the receipt is printed in GB18030 with a cut, and the
    platform receives job.printed and evaluation.submitted once each."""
    t = terminal
    t.wait_ready()
    t.choose("social_insurance_payment")
    t.rig.card.place("zhang")
    t.wait_state("consent")
    assert "社会保险缴费证明" in t.screen("consent").why.text()
    t.click(t.screen("consent").agree)
    t.wait_state("preview")
    preview = t.screen("preview")
    assert preview.page.pixmap() is not None and not preview.page.pixmap().isNull()
    t.click(preview.plus)
    assert t.session.visit.copies == 2
    t.click(preview.print_btn)
    t.wait_state("receipt")
    t.qtbot.waitUntil(lambda: t.session.visit.receipt_ok is not None, timeout=20000)
    assert t.session.visit.receipt_ok is True

    pdfs = t.rig.printed_pdfs()
    assert len(pdfs) == 1
    assert pdfs[0].read_bytes().startswith(b"%PDF")
    receipts = t.rig.receipt.receipts
    assert len(receipts) == 1
    raw = receipts[0].raw
    assert "社会保险缴费证明".encode("gb18030") in raw
    assert GS_V in raw[-16:]
    assert "35010219850312123X" not in receipts[0].text  # masked on paper too
    t.rig.card.remove()

    t.click(t.screen("receipt").next)
    t.wait_state("rating")
    t.click(t.screen("rating").level_buttons["very_satisfied"])
    t.click(t.screen("rating").submit)
    t.wait_state("done")
    t.click(t.screen("done").finish)
    t.wait_state("home")

    t.qtbot.waitUntil(lambda: len(t.events("job.printed")) == 1 and len(t.events("evaluation.submitted")) == 1,
                      timeout=30000)
    printed = t.events("job.printed")[0]
    rating = t.events("evaluation.submitted")[0]
    assert rating["data"]["level"] == "very_satisfied"
    assert rating["job_id"] == printed["job_id"]
    job = t.kiosk.store.find_job(platform_job_id=printed["job_id"])
    t.qtbot.waitUntil(lambda: t.kiosk.store.get_job(job.id).state.value == "reported", timeout=20000)
    assert t.session.visit.identity is None
    assert t.window.height() <= 1080, "a screen grew past the panel"


def test_after_a_visit_no_widget_holds_the_residents_name_or_id(terminal):
    from PySide6.QtWidgets import QLabel, QPushButton

    t = terminal
    t.wait_ready()
    t.choose("social_insurance_payment")
    t.rig.card.place("zhang")
    t.wait_state("consent")
    t.click(t.screen("consent").agree)
    t.wait_state("preview")
    t.session.dispatch("home")
    t.wait_state("home")
    texts = [w.text() for w in t.window.findChildren(QLabel) + t.window.findChildren(QPushButton)]
    assert not any("张伟明" in s or "35010219850312123X" in s for s in texts)
    assert len(t.kiosk.previews) == 0
