"""Technician pages: devices with their self-tests, and the licence printer calibration."""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from screens.technician.common import TechnicianPage, card_frame, device_title, state_text
from screens.widgets import button, label, tr, trn

log = logging.getLogger(__name__)

TESTS = {"id_card": "读卡测试", "ssse": "读卡测试", "qr": "扫码测试", "receipt": "打印测试凭条",
         "document": "打印测试页", "licence": "打印校准页"}
COUNTER_TEXT = (("cards_read", "读卡"), ("codes_scanned", "扫码"), ("pages_printed", "打印页数"), ("receipts", "凭条"))
WAIT_MS = 20000


def _card_text(card) -> str:
    from drivers.identity import id_number_valid
    from kiosk.logs import remember_name
    from kiosk.privacy import mask_id, mask_name

    remember_name(card.name)
    ok = tr("校验通过") if id_number_valid(card.id_number) else tr("校验失败")
    return f"{mask_name(card.name)}  {mask_id(card.id_number)}  {ok}"


class DeviceCard(QWidget):
    def __init__(self, page: "DevicesPage", name: str):
        super().__init__()
        self.page, self.name = page, name
        frame, lay = card_frame()
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        top = QHBoxLayout()
        self.title = label(device_title(name), "subtitle", wrap=False, align=Qt.AlignLeft | Qt.AlignVCenter)
        self.state = label("", "chip_ok", wrap=False)
        self.test = button("", "secondary")
        self.test.clicked.connect(self.run_test)
        top.addWidget(self.title, 1)
        top.addWidget(self.state)
        top.addWidget(self.test)
        self.refill = button("", "secondary")  # paper refill: restarts the sheets-left estimate
        self.refill.clicked.connect(self.record_refill)
        top.addWidget(self.refill)
        lay.addLayout(top)
        self.detail = label("", "hint", align=Qt.AlignLeft)
        self.result = label("", "notice", align=Qt.AlignLeft)
        self.result.hide()
        lay.addWidget(self.detail)
        lay.addWidget(self.result)

    @property
    def service(self):
        return self.page.service

    def device_class(self) -> str:
        return self.service.device_class(self.name)

    def refresh(self) -> None:
        service = self.service
        status = service.device_status(self.name)
        configured = service.has_device(self.name)
        self.state.setText(state_text(status.state.value) if configured else tr("未配置"))
        bits = [f"{k}: {v}" for k, v in status.detail.items()]
        if status.message:
            bits.append(status.message)
        last = service.last_error(self.name)
        if last and last != status.message:
            bits.append(tr("上次错误") + ": " + last)
        counts = self.page.mode.counts(self.name)
        bits += [f"{tr(text)} {counts[key]}" for key, text in COUNTER_TEXT if counts.get(key)]
        paper = service.paper(self.name)
        if paper is not None:
            bits.append(tr("自上次补纸已打印 {n} 张").format(n=paper.since_refill))
            if paper.remaining is not None:
                bits.append(tr("约剩 {n} 张").format(n=paper.remaining))
        self.refill.setVisible(paper is not None)
        self.refill.setText(tr("已补纸"))
        self.detail.setText("  ·  ".join(bits) or "—")
        test = TESTS.get(self.device_class())
        self.test.setVisible(bool(test))
        if test:
            self.test.setText(tr(test))

    def record_refill(self) -> None:
        self.refill.setEnabled(False)
        self.page.answer(self.service.refill(self.name), self._refilled)

    def _refilled(self, record, error) -> None:
        self.refill.setEnabled(True)
        if error is not None:
            self._say(tr("补纸记录失败") + f": {type(error).__name__}", False)
        elif record.get("sheets"):
            self._say(tr("已记录补纸，装入 {n} 张").format(n=record["sheets"]), True)
        else:
            self._say(tr("已记录补纸"), True)
        self.refresh()

    def _say(self, text: str, good: bool) -> None:
        self.result.setObjectName("notice" if good else "problem")
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.result.setText(text)
        self.result.show()

    def show_result(self, text: str, good: bool) -> None:
        self._say(text, good)
        self.test.setEnabled(True)
        self.service.record_self_test(self.name, text)

    def run_test(self) -> None:
        cls = self.device_class()
        self.test.setEnabled(False)
        self.result.setObjectName("notice")
        self.result.setText(tr("正在测试…"))
        self.result.show()
        if cls in ("qr", "id_card", "ssse"):
            self.result.setText(tr("请在扫码器前出示任意二维码") if cls == "qr" else tr("请将证件放到读卡区"))
            self.page.mode.event_waiters.append(self._event)
            QTimer.singleShot(WAIT_MS, self._wait_timeout)
            return
        self.page.answer(self.service.self_test(self.name), self._done)

    def _done(self, result, error) -> None:
        from drivers.classes import PrintOutcome
        from kiosk.privacy import mask_text

        if error is not None:
            self.show_result(tr("失败") + ": " + mask_text(str(error)), False)
        elif isinstance(result, PrintOutcome):
            text = trn("已打印 {n} 页", result.pages or 1).format(n=result.pages or 1) if result.printed else \
                tr("未打印") + f": {result.state} {result.reason}"
            self.show_result(text, result.printed)
        else:
            self.show_result(tr(str(result)), True)

    def _event(self, event) -> bool:
        """A scan or card read while the self-test waits (GUI thread); True when it is over."""
        from drivers.base import EventKind
        from kiosk.privacy import mask_text

        if event.device != self.name:
            return False
        if event.kind == EventKind.CODE_SCANNED:
            shown = mask_text(str(event.data.get("text", "")))
            self.show_result(tr("扫到") + ": " + (shown if len(shown) <= 48 else shown[:48] + "…"), True)
        elif event.kind == EventKind.CARD_READ and event.data.get("card") is not None:
            self.show_result(tr("读卡成功") + ": " + _card_text(event.data["card"]), True)
        elif event.kind == EventKind.CARD_ERROR:
            self.show_result(tr("读卡失败") + f": {event.data.get('code', '')}", False)
        else:
            return False
        return True

    def _wait_timeout(self) -> None:
        if self._event in self.page.mode.event_waiters:
            self.page.mode.event_waiters.remove(self._event)
            self.show_result(tr("20 秒内没有读到"), False)


class DevicesPage(TechnicianPage):
    def __init__(self, mode):
        super().__init__(mode)
        self.heading = self.section("")
        self.cards: dict[str, DeviceCard] = {}
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.body.addStretch(1)

    def shown(self) -> None:
        self.heading.setText(tr("设备状态与自检"))
        for name in self.service.device_names():
            if name not in self.cards:
                self.cards[name] = DeviceCard(self, name)
                self.body.insertWidget(self.body.count() - 1, self.cards[name])
        self.refresh()
        self.timer.start(2000)

    def left(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        for card in self.cards.values():
            card.refresh()


class CalibrationPage(TechnicianPage):
    """Print the calibration page, move it in 0.1 mm steps, print again, save."""

    DEVICE = "licence"

    def __init__(self, mode):
        super().__init__(mode)
        self.heading = self.section("")
        self.explain = label("", "hint", align=Qt.AlignLeft)
        self.body.addWidget(self.explain)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.values = {}
        self.steps = {}
        for r, axis in enumerate(("x", "y")):
            name = label("", "subtitle", wrap=False)
            grid.addWidget(name, r, 0)
            for c, (text, delta) in enumerate((("−1", -10), ("−0.1", -1), (None, 0), ("+0.1", 1), ("+1", 10))):
                if text is None:
                    self.values[axis] = label("", "title", wrap=False)
                    self.values[axis].setStyleSheet("font-size: 60px; color: #143f82;")
                    self.values[axis].setMinimumWidth(300)
                    grid.addWidget(self.values[axis], r, 1 + c)
                    continue
                btn = button(text, "key")
                btn.setMinimumSize(140, 120)
                btn.clicked.connect(lambda _=False, a=axis, d=delta: self.step(a, d))
                grid.addWidget(btn, r, 1 + c)
                self.steps[(axis, delta)] = btn
            self.values[axis + "_name"] = name
        self.body.addLayout(grid)
        actions = QHBoxLayout()
        self.print_btn = button("", "primary")
        self.print_btn.clicked.connect(self.print_page)
        self.save_btn = button("", "secondary")
        self.save_btn.clicked.connect(self.save)
        self.revert_btn = button("", "quiet")
        self.revert_btn.clicked.connect(self.revert)
        actions.addWidget(self.print_btn, 2)
        actions.addWidget(self.save_btn, 1)
        actions.addWidget(self.revert_btn, 1)
        self.body.addLayout(actions)
        self.result = label("", "notice", align=Qt.AlignLeft)
        self.result.hide()
        self.body.addWidget(self.result)
        self.body.addStretch(1)
        self.x = self.y = 0
        self.saved = (0, 0)

    def shown(self) -> None:
        self.saved = self.service.saved_offsets(self.DEVICE)
        self.x, self.y = self.saved
        available = self.service.has_device(self.DEVICE)
        for w in (*self.steps.values(), self.print_btn, self.save_btn, self.revert_btn):
            w.setEnabled(available)
        self.result.setVisible(not available)
        if not available:
            self.result.setText(tr("未配置执照打印机"))
        self.refresh()

    def refresh(self) -> None:
        self.heading.setText(tr("执照打印机校准"))
        self.explain.setText(tr("打印校准页，量出十字中心到纸边的距离，与标称值比较后调整偏移（每步 0.1 毫米）。")
                             + "\n" + tr("再打印核对，满意后保存。X 为正：内容右移；Y 为正：内容下移。"))
        self.values["x_name"].setText(tr("水平 X"))
        self.values["y_name"].setText(tr("垂直 Y"))
        self.values["x"].setText(f"{self.x / 10:+.1f} mm")
        self.values["y"].setText(f"{self.y / 10:+.1f} mm")
        self.print_btn.setText(tr("打印校准页"))
        self.save_btn.setText(tr("保存偏移"))
        self.revert_btn.setText(tr("恢复已保存"))

    def step(self, axis: str, delta: int) -> None:
        from kiosk.technician_service import step_offset

        setattr(self, axis, step_offset(getattr(self, axis), delta))
        self.refresh()

    def revert(self) -> None:
        self.x, self.y = self.saved
        self.service.set_offsets(*self.saved, device=self.DEVICE)
        self.refresh()

    def print_page(self) -> None:
        x, y = self.x, self.y
        self.print_btn.setEnabled(False)
        self._say(tr("正在打印校准页（X {x:+.1f} mm，Y {y:+.1f} mm）…").format(x=x / 10, y=y / 10), True)
        self.answer(self.service.print_calibration(x, y, device=self.DEVICE), self._printed)

    def _printed(self, outcome, error) -> None:
        self.print_btn.setEnabled(True)
        if error is not None:
            self._say(tr("打印失败") + f": {error}", False)
        elif outcome.printed:
            self._say(tr("校准页已打印（X {x:+.1f} mm，Y {y:+.1f} mm）").format(x=self.x / 10, y=self.y / 10), True)
        else:
            self._say(tr("未打印") + f": {outcome.state} {outcome.reason}", False)

    def save(self) -> None:
        changes = {f"devices.{self.DEVICE}.offset_x_dmm": self.x, f"devices.{self.DEVICE}.offset_y_dmm": self.y}
        self.mode.save_config(changes, self._saved)

    def _saved(self, message: str, ok: bool) -> None:
        if ok:
            self.saved = (self.x, self.y)
        self._say(message, ok)

    def left(self) -> None:
        service = self.service
        if service is not None and service.has_device(self.DEVICE) and (self.x, self.y) != self.saved:
            service.set_offsets(*self.saved, device=self.DEVICE)  # unsaved trial offsets do not stay in force
            self.x, self.y = self.saved

    def _say(self, text: str, good: bool) -> None:
        self.result.setObjectName("notice" if good else "problem")
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.result.setText(text)
        self.result.show()
