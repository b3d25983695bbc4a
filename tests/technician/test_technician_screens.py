"""Every technician page, driven by clicks on a simulated terminal."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

SHOTS = os.environ.get("TECHNICIAN_SHOTS")  # a folder: save a PNG of each page there


def shot(t, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        t.mode.overlay.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_devices_page_runs_each_self_test(terminal):
    """Given the devices page, when each self-test is run, then the receipt and the test page
    come out, a scanned code and a read card are reported (the card masked)."""
    t = terminal
    t.enter()
    page = t.mode.overlay.console.pages["devices"]
    assert set(page.cards) == set(t.kiosk.devices.names())
    t.qtbot.waitUntil(lambda: page.cards["receipt"].state.text() == "正常", timeout=20000)
    shot(t, "pin_then_devices")

    receipts = len(t.rig.receipt.receipts)
    t.click(page.cards["receipt"].test)
    t.qtbot.waitUntil(lambda: len(t.rig.receipt.receipts) == receipts + 1, timeout=20000)
    t.qtbot.waitUntil(lambda: "凭条已打印" in page.cards["receipt"].result.text(), timeout=10000)

    t.qtbot.waitUntil(lambda: page.cards["document"].test.isEnabled(), timeout=10000)
    t.click(page.cards["document"].test)
    t.qtbot.waitUntil(lambda: "已打印" in page.cards["document"].result.text(), timeout=20000)
    assert t.rig.printed_pdfs()

    card = page.cards["id_card"]
    t.click(card.test)
    t.rig.card.place("zhang")
    t.qtbot.waitUntil(lambda: "读卡成功" in card.result.text(), timeout=20000)
    assert "张**" in card.result.text() and "3501**********123X" in card.result.text()
    assert "张伟明" not in card.result.text()
    t.rig.card.remove()

    scanner = page.cards["qr_serial"]
    t.click(scanner.test)
    t.rig.scanner.send("HELLO-SELFTEST")
    t.qtbot.waitUntil(lambda: "HELLO-SELFTEST" in scanner.result.text(), timeout=20000)
    page.refresh()
    assert "扫码 1" in scanner.detail.text()
    assert "读卡 1" in card.detail.text()
    shot(t, "devices")
    assert {a["what"] for a in t.audit("selftest.")} >= {"selftest.receipt", "selftest.document",
                                                         "selftest.id_card", "selftest.qr_serial"}


def test_queue_page_resolves_a_job_that_needs_verification(terminal):
    t = terminal
    store = t.kiosk.store
    job = store.create_job(service_id="social_insurance_payment", platform_job_id="J-TECH-1")
    store.transition(job.id, "ready")
    store.transition(job.id, "printing")
    store.transition(job.id, "needs_verification", error_code="interrupted_while_printing")
    t.enter()
    page = t.page("queue")
    t.qtbot.waitUntil(lambda: job.id in page.verify_rows, timeout=10000)
    assert page.count_labels["needs_verification"].text() == "1"
    shot(t, "queue")
    printed, not_printed = page.verify_rows[job.id].buttons
    t.click(not_printed)
    t.qtbot.waitUntil(lambda: store.get_job(job.id).state.value == "failed", timeout=10000)
    t.qtbot.waitUntil(lambda: job.id not in page.verify_rows, timeout=10000)
    assert any(a["what"] == "job.resolve" and a["new"]["printed"] is False for a in t.audit("job."))
    t.click(page.purge_btn)
    t.qtbot.waitUntil(lambda: "过期文档" in page.message.text(), timeout=10000)
    t.click(page.sync_btn)
    t.qtbot.waitUntil(lambda: any(e["type"] == "job.failed" for e in t.rig.sandbox.events), timeout=30000)
    t.qtbot.waitUntil(lambda: "上次成功同步" in page.sync_info.text() and "从未" not in page.sync_info.text(),
                      timeout=10000)


def test_network_page_tests_the_platform_and_enrols_a_secret_once(terminal):
    from kiosk.technician import make_enrolment_code

    t = terminal
    t.enter()
    page = t.page("network")
    t.click(page.test_btn)
    t.qtbot.waitUntil(lambda: hasattr(page, "last_results"), timeout=20000)
    assert all(ok for _, ok, _ in page.last_results), page.results.text()
    secret_file = t.kiosk.cfg.terminal.secret_file
    secret = bytes.fromhex(secret_file.read_text().strip())
    code = make_enrolment_code(secret)

    page.code.setText("EFZ1-XXXX-YYYY")
    t.click(page.enrol_btn)
    t.qtbot.waitUntil(lambda: "登记失败" in page.enrol_result.text(), timeout=10000)

    page.code.setText(code)
    t.click(page.enrol_btn)
    assert page.code.text() == ""  # never shown again
    t.qtbot.waitUntil(lambda: "密钥已写入" in page.enrol_result.text(), timeout=10000)
    assert oct(secret_file.stat().st_mode & 0o777) == "0o600"
    assert code not in page.enrol_result.text()
    shot(t, "network")
    t.rig.scanner.send(code)  # the same code scanned again: refused
    t.qtbot.waitUntil(lambda: "already been used" in page.enrol_result.text(), timeout=20000)


def test_system_page_restart_needs_a_second_tap(terminal):
    t = terminal
    codes = []
    t.enter()
    t.mode.quit = codes.append
    page = t.page("system")
    shot(t, "system")
    t.click(page.restart_btn)
    assert codes == [] and "确认" in page.restart_btn.text()
    t.click(page.restart_btn)
    t.qtbot.waitUntil(lambda: codes == [0], timeout=10000)  # once the restart is audited
    assert not t.mode.active
    t.enter()
    page = t.page("system")
    t.click(page.exit_btn)
    t.click(page.exit_btn)
    t.qtbot.waitUntil(lambda: codes == [0, 64], timeout=10000)


@pytest.mark.parametrize("key", ["calibration", "config", "export"])
def test_every_other_page_shows(terminal, key):
    t = terminal
    t.enter()
    page = t.page(key)
    assert page.isVisible()
    shot(t, key)


def test_pin_pad_shows(terminal):
    t = terminal
    t.tap_corner()
    pad = t.mode.overlay.pinpad
    t.click(pad.keys["1"])
    assert pad.dots.text() == "●"
    shot(t, "pinpad")
    t.click(pad.cancel)
    assert not t.mode.active
