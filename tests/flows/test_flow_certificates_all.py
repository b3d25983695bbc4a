"""Every certificate of the catalogue prints, by ID card or by the e福州 identity code."""
from __future__ import annotations

import pytest

SERVICES = ["social_insurance_payment", "medical_insurance", "housing_fund_deposit", "no_housing",
            "real_estate_registration"]
NAMES = {"social_insurance_payment": "社会保险缴费证明", "medical_insurance": "医保参保证明",
         "housing_fund_deposit": "公积金缴存证明", "no_housing": "无房证明",
         "real_estate_registration": "不动产登记证明"}


def _visit_to_preview(t, service_id: str, *, by_qr: bool) -> None:
    t.choose(service_id)
    if by_qr:
        assert t.screen("identify").qr_frame.isVisible()
        t.rig.scanner.send("efz://id?token=EFZ-DEMO-ZHANG")
    else:
        t.rig.card.place("lin")
    t.wait_state("consent")
    consent = t.screen("consent")
    assert NAMES[service_id] in consent.why.text()
    assert "身份证号码" in consent.reads.text() and not consent.reads.text().startswith("本服务将使用：读取")
    assert consent.holder.text().startswith("已读取：") and "*" in consent.holder.text()  # whose card: 林**
    t.click(consent.agree)
    t.wait_state("preview")


@pytest.mark.parametrize("service_id", SERVICES)
def test_each_certificate_prints(terminal, service_id):
    """Given a ready terminal, when a resident identifies, agrees, chooses copies and prints,
    then the real PDF reaches the document printer with those copies and a receipt follows."""
    t = terminal
    t.wait_ready()
    by_qr = service_id in ("medical_insurance", "no_housing")
    _visit_to_preview(t, service_id, by_qr=by_qr)
    preview = t.screen("preview")
    assert preview.page.pixmap() is not None and not preview.page.pixmap().isNull()
    assert len(t.kiosk.previews) >= 1
    assert f"共 {t.session.visit.pages} 页" in preview.info.text()
    copies = 1 + SERVICES.index(service_id) % 3
    for _ in range(copies - 1):
        t.click(preview.plus)
    assert t.session.visit.copies == copies and preview.copies.text() == str(copies)

    states: list[str] = []
    t.session.on_change(lambda s, old, new, intent: states.append(s.visit.print_state)
                        if intent == "print_progress" else None)
    t.click(preview.print_btn)
    t.wait_state("receipt")
    assert states[:1] == ["pending"] and "completed" in states  # live from the printer's job state
    t.qtbot.waitUntil(lambda: t.session.visit.receipt_ok is not None, timeout=20000)
    assert t.session.visit.receipt_ok is True
    pdfs = t.rig.printed_pdfs()
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
    import json

    assert json.loads(pdfs[0].with_suffix(".json").read_text(encoding="utf-8"))["copies"] == copies
    assert NAMES[service_id].encode("gb18030") in t.rig.receipt.receipts[-1].raw
    t.click(t.screen("receipt").next)
    t.rate("satisfied")
    printed = t.wait_event("job.printed")[0]
    assert printed["data"]["service_id"] == service_id
    rating = t.wait_event("evaluation.submitted")[0]
    assert rating["job_id"] == printed["job_id"] and rating["data"]["outcome"] == "printed"


def test_the_second_copy_limit_and_the_page_count(terminal):
    t = terminal
    t.wait_ready()
    _visit_to_preview(t, "social_insurance_payment", by_qr=False)
    preview = t.screen("preview")
    assert not preview.minus.isEnabled()
    t.click(preview.plus)
    t.click(preview.plus)
    assert t.session.visit.copies == 3 and not preview.plus.isEnabled()
    t.click(preview.minus)
    assert t.session.visit.copies == 2
    t.rig.card.remove()


def test_a_bad_rating_with_reasons_reaches_the_platform(terminal):
    t = terminal
    t.wait_ready()
    _visit_to_preview(t, "housing_fund_deposit", by_qr=True)
    t.click(t.screen("preview").print_btn)
    t.wait_state("receipt")
    t.click(t.screen("receipt").next)
    t.wait_state("rating")
    rating = t.screen("rating")
    assert not rating.reason_buttons["long_wait"].isVisible()  # reasons only for a bad rating
    t.click(rating.level_buttons["very_dissatisfied"])
    assert rating.reason_title.isVisible()
    t.click(rating.reason_buttons["long_wait"])
    t.click(rating.reason_buttons["complicated"])
    t.click(rating.reason_buttons["complicated"])  # changed their mind
    t.click(rating.reason_buttons["other"])
    t.click(rating.submit)
    t.wait_state("done")
    assert t.screen("done").title.text() == "感谢您的评价"
    t.click(t.screen("done").finish)
    t.wait_state("home")
    event = t.wait_event("evaluation.submitted")[0]
    assert event["data"]["level"] == "very_dissatisfied"
    assert sorted(event["data"]["reasons"]) == ["long_wait", "other"]
    assert event["data"]["service_id"] == "housing_fund_deposit"
    assert event["job_id"] == t.wait_event("job.printed")[0]["job_id"]


def test_skipping_the_rating_sends_no_evaluation(terminal):
    t = terminal
    t.wait_ready()
    _visit_to_preview(t, "medical_insurance", by_qr=False)
    t.click(t.screen("preview").print_btn)
    t.wait_state("receipt")
    t.click(t.screen("receipt").next)
    t.wait_state("rating")
    assert not t.screen("rating").submit.isEnabled()
    t.click(t.screen("rating").skip)
    t.wait_state("done")
    assert t.screen("done").title.text() == "感谢您的使用"
    t.click(t.screen("done").finish)
    t.wait_state("home")
    t.wait_event("job.printed")
    t.kiosk.sync.kick()
    t.qtbot.waitUntil(lambda: t.kiosk.store.outbox_depth() == 0, timeout=20000)
    assert t.events("evaluation.submitted") == []
