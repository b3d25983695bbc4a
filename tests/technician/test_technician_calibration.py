"""The licence calibration loop against a private CUPS queue: print, adjust ±0.1 mm, print, save."""
from __future__ import annotations

import io
import tomllib

import pytest

from tests.printer.conftest import private_cups  # noqa: F401 - the session fixture
from tests.technician.conftest import start_terminal


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(path.read_bytes())).pages)
    return text.replace("\x00", "")  # the CJK font maps to two-byte codes after pdftopdf


@pytest.fixture
def cups_terminal(qtbot, tmp_path, private_cups):  # noqa: F811
    private_cups.reset("kiosk-licence")
    extra = {"devices": {"licence": {"driver": "cups", "printer": "kiosk-licence", "server": private_cups.server,
                                     "poll_interval_s": 0.5, "job_poll_s": 0.2}}}
    t = start_terminal(qtbot, tmp_path / "terminal", extra)
    t.cups = private_cups
    try:
        yield t
    finally:
        t.kiosk.stop()
        t.rig.stop()


def test_calibration_loop_on_the_cups_licence_queue(cups_terminal):
    """Given the licence printer on a CUPS queue, when the technician prints the calibration
    page, moves X by +0.1 mm and Y by -1.0 mm, prints again and saves, then both pages reach
    the queue stating their offset, the offset is in the config file and in the driver."""
    t = cups_terminal
    out = t.cups.outdir("kiosk-licence")
    start = set(out.glob("job-*.pdf"))
    t.enter()
    page = t.page("calibration")
    t.qtbot.waitUntil(lambda: t.kiosk.devices.status("licence").state.value == "online", timeout=20000)
    t.click(page.print_btn)
    t.qtbot.waitUntil(lambda: "校准页已打印" in page.result.text() or "未打印" in page.result.text()
                      or "失败" in page.result.text(), timeout=60000)
    assert "校准页已打印" in page.result.text(), page.result.text()
    t.click(page.steps[("x", 1)])
    t.click(page.steps[("y", -10)])
    assert page.values["x"].text() == "+0.1 mm" and page.values["y"].text() == "-1.0 mm"
    t.click(page.print_btn)
    t.qtbot.waitUntil(lambda: "X +0.1 mm" in page.result.text() and "校准页已打印" in page.result.text(),
                      timeout=60000)
    jobs = sorted(set(out.glob("job-*.pdf")) - start, key=lambda p: int(p.stem.split("-")[1]))
    assert len(jobs) == 2
    assert "offset_x_dmm = 0, offset_y_dmm = 0" in _pdf_text(jobs[0])
    assert "offset_x_dmm = 1, offset_y_dmm = -10" in _pdf_text(jobs[1])
    t.click(page.save_btn)
    t.qtbot.waitUntil(lambda: "已保存" in page.result.text(), timeout=10000)
    saved = tomllib.loads(t.kiosk.cfg.source.read_text(encoding="utf-8"))
    assert saved["devices"]["licence"]["offset_x_dmm"] == 1
    assert saved["devices"]["licence"]["offset_y_dmm"] == -10
    options = t.kiosk.devices.call("licence", lambda dev: dev.options).result(timeout=10)
    assert (options.offset_x_dmm, options.offset_y_dmm) == (1, -10)
    assert any(a["what"] == "calibration.print" for a in t.audit("calibration."))


def test_unsaved_trial_offsets_are_undone_on_leaving(cups_terminal):
    t = cups_terminal
    t.enter()
    page = t.page("calibration")
    t.click(page.steps[("x", 10)])
    t.click(page.print_btn)
    t.qtbot.waitUntil(lambda: page.print_btn.isEnabled(), timeout=60000)
    t.click(t.mode.overlay.leave_btn)
    options = t.kiosk.devices.call("licence", lambda dev: dev.options).result(timeout=10)
    assert options.offset_x_dmm == 0
