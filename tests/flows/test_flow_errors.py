"""Every error a person meets, with its own words and a way forward (issue 5 §5)."""
from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def _buttons(screen) -> dict[str, QPushButton]:
    return {b.text(): b for b in screen.findChildren(QPushButton) if b.isVisible()}


def _to_identify(t, service="social_insurance_payment"):
    t.wait_ready()
    t.choose(service)


def test_card_removed_too_early_then_unreadable_then_read(terminal):
    t = terminal
    _to_identify(t)
    identify = t.screen("identify")
    t.rig.card.set_mode("remove_mid_read", 1)
    t.rig.card.place("zhang")
    t.qtbot.waitUntil(lambda: t.session.visit.card_error == "removed_early", timeout=20000)
    assert t.state == "identify" and identify.problem.isVisible() and "拿开得太早" in identify.problem.text()
    t.rig.card.set_mode("bad_checksum", 3)
    t.rig.card.place("zhang")
    t.qtbot.waitUntil(lambda: t.session.visit.card_error == "unreadable", timeout=20000)
    assert "未能读取证件" in identify.problem.text()
    t.rig.card.set_mode("normal")
    _lift(t)
    t.rig.card.place("zhang")
    t.wait_state("consent")


def _lift(t):
    """Take the card off the reader until the driver has seen it gone."""
    t.rig.card.remove()
    t.qtbot.waitUntil(lambda: t.kiosk.devices.status("id_card").detail.get("media") == "absent", timeout=20000)


def test_expired_and_unknown_codes(terminal):
    t = terminal
    _to_identify(t, "medical_insurance")
    t.rig.scanner.send("hello, not an identity code")
    t.qtbot.waitUntil(lambda: t.session.visit.card_error == "unknown_code", timeout=20000)
    assert "无法识别这个二维码" in t.screen("identify").problem.text()
    t.rig.scanner.send("efz://id?token=EFZ-EXPIRED")
    t.wait_state("error")
    assert t.screen("error").title.text() == "二维码已过期"
    t.click(_buttons(t.screen("error"))["重新扫码"])
    t.wait_state("identify")
    assert not t.screen("identify").problem.isVisible()
    t.rig.scanner.send("efz://id?token=EFZ-DEMO-CHEN")
    t.wait_state("consent")


def test_an_expired_id_card_is_refused_at_the_reader(terminal):
    t = terminal
    _to_identify(t, "housing_fund_deposit")
    t.rig.card.place("stranger")  # valid until 2025-06-01
    t.qtbot.waitUntil(lambda: t.session.visit.card_error == "expired_card", timeout=20000)
    assert "已过有效期" in t.screen("identify").problem.text()


def test_identity_rejected_by_the_platform(terminal):
    t = terminal
    _to_identify(t, "housing_fund_deposit")
    t.rig.scanner.send("efz://id?token=EFZ-DEMO-STRANGER")  # a resident the platform does not know
    t.wait_state("error")
    error = t.screen("error")
    assert error.title.text() == "身份核验未通过" and "人工窗口" in error.message.text()
    assert t.session.visit.identity is None
    t.click(_buttons(error)["结束办理"])
    t.wait_state("rating")


def test_platform_unreachable_offers_the_pickup_path(terminal):
    t = terminal
    _to_identify(t)
    t.rig.sandbox.network_down()
    t.rig.scanner.send("efz://id?token=EFZ-DEMO-ZHANG")
    t.wait_state("offline_offer", timeout=60000)
    offer = t.screen("offline_offer")
    assert "取件码" in offer.accept.text()
    t.click(offer.decline)
    t.wait_state("home")


def test_a_document_failing_its_checksum_is_not_printed(terminal):
    t = terminal
    _to_identify(t, "real_estate_registration")
    t.rig.sandbox.faults.set(wrong_sha=True)
    t.rig.card.place("zhang")
    t.wait_state("consent")
    t.click(t.screen("consent").agree)
    t.wait_state("error")
    assert t.screen("error").title.text() == "证明没有完整收到"
    assert t.rig.printed_pdfs() == []
    t.click(_buttons(t.screen("error"))["结束办理"])
    t.wait_state("rating")


def test_a_service_is_disabled_with_the_reason_when_its_printer_is_down(terminal):
    t = terminal
    t.wait_ready()
    home = t.screen("home")
    t.rig.set_paper("document", "out")
    t.qtbot.waitUntil(lambda: not home.tiles["pickup"].isEnabled(), timeout=10000)
    assert "暂停服务" in home.tiles["pickup"].text()
    # Categories stay open for their services that need no printer; they say printing is paused.
    for category in ("social_insurance", "medical", "housing_fund", "real_estate"):
        assert home.tiles[category].isEnabled() and "部分暂停" in home.tiles[category].text()
    assert home.tiles["licence"].isEnabled() and "部分暂停" not in home.tiles["licence"].text()
    assert home.notice.isVisible() and "打印机缺纸" in home.notice.text()
    assert "打印机缺纸" in t.window.header.devices.text()
    t.click(home.tiles["social_insurance"])
    paused = home.tiles["social_insurance_payment"]
    assert not paused.isEnabled() and "打印机缺纸" in paused.note_label.text()
    assert home.tiles["social_insurance_transfer"].isEnabled()  # a guide service needs no printer
    t.click(home.back_btn)
    t.rig.set_paper("document", "ok")
    t.qtbot.waitUntil(lambda: home.tiles["pickup"].isEnabled(), timeout=10000)
    assert "部分暂停" not in home.tiles["social_insurance"].text()
    assert not home.notice.isVisible()


def test_a_scanned_pickup_code_on_the_licence_keypad_is_explained(terminal):
    from kiosk.codes import new_pickup_code

    t = terminal
    t.wait_ready()
    t.click(t.screen("home").tiles["licence"])
    t.wait_state("licence_code")
    t.rig.scanner.send(f"efz://pickup?code={new_pickup_code()}")
    pad = t.screen("licence_code")
    t.qtbot.waitUntil(lambda: pad.problem.isVisible(), timeout=20000)
    assert "核准通知书" in pad.problem.text()
