"""The technician records a paper refill on the devices page (issue 18)."""
from __future__ import annotations

import os
from pathlib import Path

from tests.technician.conftest import terminal  # noqa: F401 - the technician tests' kiosk fixture


def test_refilled_on_the_devices_page_restarts_the_sheets_left(terminal):  # noqa: F811
    """Given a document printer that printed a test page, when the technician taps 已补纸 on
    its card, then the refill is recorded (500 sheets, the default capacity), the card shows
    0 sheets since and about 500 left, and the monitor's snapshot says the same."""
    t = terminal
    t.enter()
    page = t.mode.overlay.console.pages["devices"]
    card = page.cards["document"]
    t.qtbot.waitUntil(lambda: card.test.isEnabled() and card.refill.isVisible(), timeout=20000)
    assert not page.cards["receipt"].refill.isVisible() and not page.cards["id_card"].refill.isVisible()
    t.click(card.test)
    t.qtbot.waitUntil(lambda: "已打印" in card.result.text(), timeout=20000)
    monitor = t.kiosk.monitoring.monitor
    t.qtbot.waitUntil(lambda: monitor.snapshot.paper["document"].since_refill == 1, timeout=20000)
    t.click(card.refill)
    t.qtbot.waitUntil(lambda: "已记录补纸" in card.result.text(), timeout=20000)
    assert "500" in card.result.text()
    t.qtbot.waitUntil(lambda: monitor.snapshot.paper["document"].remaining == 500, timeout=20000)
    page.refresh()
    assert "自上次补纸已打印 0 张" in card.detail.text() and "约剩 500 张" in card.detail.text()
    assert [a["new"]["sheets"] for a in t.audit("paper.refill.document")] == [500]
    if os.environ.get("TECHNICIAN_SHOTS"):
        from PySide6.QtWidgets import QScrollArea

        page.findChild(QScrollArea).ensureWidgetVisible(card)
        Path(os.environ["TECHNICIAN_SHOTS"]).mkdir(parents=True, exist_ok=True)
        t.mode.overlay.grab().save(str(Path(os.environ["TECHNICIAN_SHOTS"]) / "devices_refill.png"))
