"""Business licence: notice QR or typed credit code, the authorised person's ID card, 正本/副本
counts, licence stock, printing on the licence printer, sheet serials, receipt, rating; offline."""
from __future__ import annotations

import json

MINDU = "91350100MA2Y8K3L2H"      # authorised: zhang, chen; approved 1 正本 + 2 副本
RONGCHENG = "91350102MA32QW7E0K"  # authorised: lin; 1 + 1


def _start_licence(t):
    t.wait_ready()
    t.wait_licence_jobs()
    t.click(t.screen("home").tiles["licence"])
    t.wait_state("licence_code")


def _licence_pdfs(t):
    return sorted(t.rig.licence_dir.glob("*.pdf")) if t.rig.licence_dir.exists() else []


def test_scan_the_notice_print_with_serials(terminal):
    t = terminal
    _start_licence(t)
    t.rig.scanner.send(f"efz://licence?code={MINDU}")
    t.wait_state("identify")
    assert not t.screen("identify").qr_frame.isVisible()  # the ID card only, for a licence
    t.rig.card.place("chen")  # an authorised person, not the legal representative
    t.wait_state("consent")
    t.click(t.screen("consent").agree)
    t.wait_state("licence_options")
    options = t.screen("licence_options")
    assert "福州闽都智造科技有限公司" in options.company.text()
    name, minus, count, plus = options.rows["duplicates"]
    assert count.text() == "2" and not plus.isEnabled()  # not more than approved
    t.click(minus)
    assert t.session.visit.duplicates == 1
    t.click(t.screen("licence_options").print_btn)
    t.wait_state("licence_serials")

    serials = t.screen("licence_serials")
    assert not serials.confirm.isEnabled()
    t.type_keys(serials, "123")
    t.click(serials.add)
    assert t.session.visit.serial_problem == "bad_serial" and serials.problem.isVisible()
    t.type_keys(serials, "3501000101")
    t.click(serials.add)
    t.rig.scanner.send("No.3501000102")  # the second sheet's serial, scanned
    t.qtbot.waitUntil(lambda: len(t.session.visit.serials) == 2, timeout=10000)
    t.click(serials.confirm)
    t.wait_state("receipt")
    assert "营业执照" in t.screen("receipt").title.text()
    t.qtbot.waitUntil(lambda: t.session.visit.receipt_ok is not None, timeout=20000)
    assert "3501000102".encode() in t.rig.receipt.receipts[-1].raw

    pdfs = _licence_pdfs(t)
    media = sorted(json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["media"] for p in pdfs)
    assert media == ["A3", "A4"] and t.rig.printed_pdfs() == []
    t.click(t.screen("receipt").next)
    t.rate("very_satisfied")
    printed = t.wait_event("job.printed")[0]
    assert printed["data"]["serials"] == ["3501000101", "3501000102"]
    assert printed["data"]["serials_complete"] is True
    assert (printed["data"]["originals"], printed["data"]["duplicates"]) == (1, 1)
    assert t.wait_event("evaluation.submitted")[0]["job_id"] == printed["job_id"]


def test_typed_code_someone_else_refused_then_the_representative(terminal):
    t = terminal
    _start_licence(t)
    pad = t.screen("licence_code")
    t.type_keys(pad, "91M")
    assert pad.problem.isVisible() and "行政区划" in pad.problem.text()
    t.click(pad.delete)
    wrong = RONGCHENG[:-1] + ("1" if RONGCHENG[-1] != "1" else "2")
    t.type_keys(pad, wrong[2:])
    assert pad.text == wrong and "校验位不符" in pad.problem.text() and not pad.confirm.isEnabled()
    t.click(pad.delete)
    t.type_keys(pad, RONGCHENG[-1])
    assert not pad.problem.isVisible()
    t.click(pad.confirm)
    t.wait_state("identify")

    t.rig.card.place("zhang")  # not authorised for this company
    t.wait_state("error")
    assert t.screen("error").title.text() == "无法为您打印此执照"
    refused = t.wait_event("job.identity_refused")[0]
    assert refused["data"] == {"flow": "licence", "method": "id_card"}
    assert "张伟明" not in json.dumps(refused, ensure_ascii=False)
    t.click(_action(t, "重新放置身份证"))
    t.wait_state("identify")
    t.rig.card.place("lin")
    t.wait_state("consent")
    t.click(t.screen("consent").agree)
    t.wait_state("licence_options")

    # The licence printer reports its serial-numbered stock low, then out: the prompt says so.
    options = t.screen("licence_options")
    t.rig.set_paper("licence", "low")
    t.qtbot.waitUntil(lambda: "即将用完" in options.stock.text(), timeout=10000)
    assert options.print_btn.isEnabled()
    t.rig.set_paper("licence", "out")
    t.qtbot.waitUntil(lambda: "已用完" in options.stock.text() and not options.print_btn.isEnabled(), timeout=10000)
    assert t.state == "licence_options"  # nothing moved under the person
    t.rig.set_paper("licence", "ok")
    t.qtbot.waitUntil(lambda: options.print_btn.isEnabled(), timeout=10000)
    t.click(options.print_btn)
    t.wait_state("licence_serials")
    t.click(t.screen("licence_serials").later)  # the staff will record them
    t.wait_state("receipt")
    printed = t.wait_event("job.printed")[0]
    assert printed["data"]["serials_complete"] is False
    assert len(_licence_pdfs(t)) == 2


def _action(t, text):
    from PySide6.QtWidgets import QPushButton

    found = [b for b in t.screen("error").findChildren(QPushButton) if b.text() == text and b.isVisible()]
    assert found, f"no button {text!r} on the error screen"
    return found[0]


def test_a_prefetched_licence_prints_while_the_platform_is_down(terminal):
    t = terminal
    _start_licence(t)
    t.rig.sandbox.network_down()
    t.type_keys(t.screen("licence_code"), MINDU)
    t.click(t.screen("licence_code").confirm)
    t.wait_state("identify")
    t.rig.card.place("zhang")
    t.wait_state("consent")
    t.click(t.screen("consent").agree)
    t.wait_state("licence_options")
    t.click(t.screen("licence_options").print_btn)
    t.wait_state("licence_serials")
    assert len(_licence_pdfs(t)) == 2
    serials = t.screen("licence_serials")
    for serial in ("3501000201", "3501000202", "3501000203"):
        t.type_keys(serials, serial)
        t.click(serials.add)
    t.click(serials.confirm)
    t.wait_state("receipt")
    t.click(t.screen("receipt").next)
    t.rate("satisfied")
    assert t.events("job.printed") == []
    t.rig.sandbox.network_up()
    printed = t.wait_event("job.printed")[0]
    assert printed["data"]["serials"] == ["3501000201", "3501000202", "3501000203"]


def test_a_licence_printed_already_is_not_printed_again(terminal):
    t = terminal
    _start_licence(t)
    job = next(j for j in t.kiosk.store.jobs(kind="licence") if j.data.get("credit_code") == RONGCHENG)
    t.kiosk.store.transition(job.id, "printing")
    t.kiosk.store.transition(job.id, "printed", event_type=None)
    t.rig.scanner.send(RONGCHENG)  # a bare credit code, as some notices carry it
    t.wait_state("error")
    assert t.screen("error").title.text() == "此营业执照已打印"
