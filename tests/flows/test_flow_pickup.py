"""Pickup codes: a request made while the platform is down, collected later with the same ID card;
and a certificate kept for pickup when the printer runs out of paper or jams mid-job."""
from __future__ import annotations

import pytest


def _collect(t, code: str, *, wrong_card: str | None = None) -> None:
    home = t.screen("home")
    # after a restart or a refill the printer's state arrives a moment later: wait for the tile
    t.qtbot.waitUntil(lambda: "pickup" in home.tiles and home.tiles["pickup"].isEnabled(), timeout=15000)
    t.click(home.tiles["pickup"])
    t.wait_state("pickup_code")
    pad = t.screen("pickup_code")
    t.type_keys(pad, code)
    t.click(pad.confirm)
    t.wait_state("identify")
    assert not t.screen("identify").qr_frame.isVisible()
    if wrong_card:
        t.rig.card.place(wrong_card)
        t.wait_state("error")
        assert t.screen("error").title.text() == "身份不符"
        refused = t.wait_event("job.identity_refused")[0]
        assert refused["data"]["flow"] == "pickup"
        t.click(_button(t.screen("error"), "重新放置身份证"))
        t.wait_state("identify")
    t.rig.card.place("zhang")
    t.wait_state("consent")
    t.click(t.screen("consent").agree)
    t.wait_state("preview")
    assert not t.screen("preview").page.pixmap().isNull()
    t.click(t.screen("preview").print_btn)
    t.wait_state("receipt")


def _button(screen, text):
    from PySide6.QtWidgets import QPushButton

    found = [b for b in screen.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    assert found, f"no button {text!r}"
    return found[0]


def test_offline_request_gives_a_pickup_code_collected_later_with_the_same_card(terminal):
    t = terminal
    t.wait_ready()
    t.rig.sandbox.network_down()
    t.choose("no_housing")
    t.rig.card.place("zhang")
    t.wait_state("offline_offer", timeout=60000)
    t.click(t.screen("offline_offer").accept)
    t.wait_state("queued")
    code = t.session.visit.pickup_code
    assert code and t.screen("queued").code.text().replace(" ", "") == code
    t.qtbot.waitUntil(lambda: t.session.visit.receipt_ok is not None, timeout=20000)
    assert code.encode() in t.rig.receipt.receipts[-1].raw
    assert f"{code[:4]} {code[4:]}" in t.rig.receipt.receipts[-1].text  # grouped as on screen
    t.click(t.screen("queued").next)
    t.wait_state("rating")
    t.click(t.screen("rating").skip)
    t.wait_state("done")
    t.click(t.screen("done").finish)
    t.wait_state("home")
    t.rig.card.remove()

    job = t.kiosk.store.find_job(pickup_code=code)
    assert job.state.value == "queued"
    t.rig.sandbox.network_up()
    t.kiosk.sync.kick()
    t.qtbot.waitUntil(lambda: t.kiosk.store.get_job(job.id).state.value == "ready", timeout=40000)

    _collect(t, code, wrong_card="lin")
    pdfs = t.rig.printed_pdfs()
    assert len(pdfs) == 1 and "no_housing" in pdfs[0].name
    t.click(t.screen("receipt").next)
    t.rate("satisfied")
    assert t.wait_event("job.printed")[0]["data"]["service_id"] == "no_housing"


def test_an_unknown_pickup_code_says_so_and_can_be_typed_again(terminal):
    from kiosk.codes import new_pickup_code

    t = terminal
    t.wait_ready()
    home = t.screen("home")
    # after a restart or a refill the printer's state arrives a moment later: wait for the tile
    t.qtbot.waitUntil(lambda: "pickup" in home.tiles and home.tiles["pickup"].isEnabled(), timeout=15000)
    t.click(home.tiles["pickup"])
    t.wait_state("pickup_code")
    pad = t.screen("pickup_code")
    t.type_keys(pad, "12345678" if not _valid("12345678") else "12345679")
    assert "取件码有误" in pad.problem.text() and not pad.confirm.isEnabled()
    for _ in range(8):
        t.click(pad.delete)
    typed = new_pickup_code()
    t.type_keys(pad, typed)
    t.click(pad.confirm)
    t.wait_state("error")
    assert t.screen("error").title.text() == "取件码无效"
    t.click(_button(t.screen("error"), "重新输入取件码"))
    t.wait_state("pickup_code")
    assert pad.text == typed  # kept, to correct a digit or two
    assert pad.display.text().replace(" ", "") == typed


def _valid(code):
    from kiosk.codes import pickup_code_valid

    return pickup_code_valid(code)


@pytest.mark.parametrize("paper,title", [("out", "打印机缺纸"), ("jammed", "打印机卡纸")])
def test_the_printer_stops_mid_job_the_certificate_is_kept_for_pickup(terminal, paper, title):
    t = terminal
    t.wait_ready()
    t.choose("social_insurance_payment")
    t.rig.card.place("zhang")
    t.wait_state("consent")
    t.click(t.screen("consent").agree)
    t.wait_state("preview")
    t.rig.set_paper("document", paper)
    t.click(t.screen("preview").print_btn)
    t.wait_state("error")
    error = t.screen("error")
    assert error.title.text() == title and "取件" in error.message.text()
    code = t.session.visit.pickup_code
    assert code and error.code.text().replace(" ", "").endswith(code)
    t.qtbot.waitUntil(lambda: t.session.visit.receipt_ok is not None, timeout=20000)
    assert code.encode() in t.rig.receipt.receipts[-1].raw
    job = t.kiosk.store.find_job(pickup_code=code)
    assert job.state.value == "ready" and t.rig.printed_pdfs() == []
    t.click(_button(error, "结束办理"))
    t.rate("dissatisfied", ("print_failed",))
    assert t.wait_event("job.failed")[0]["data"]["reason"] in ("media-empty", "media-jam")
    rating = t.wait_event("evaluation.submitted")[0]
    assert rating["data"]["outcome"] == "failed" and rating["data"]["reasons"] == ["print_failed"]

    t.rig.card.remove()
    t.rig.set_paper("document", "ok")  # the staff loaded paper / cleared the jam
    t.qtbot.waitUntil(lambda: t.screen("home").tiles["pickup"].isEnabled(), timeout=10000)
    _collect(t, code)
    assert len(t.rig.printed_pdfs()) == 1
