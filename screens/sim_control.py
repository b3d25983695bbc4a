"""The simulator control window of ``make demo`` (and of technicians' training).

Every button acts on a simulator over its real wire protocol or on the sandbox platform, never
on the kiosk's internals.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from drivers.sim.people import COMPANIES, RESIDENTS


class SimControl(QWidget):
    """Buttons that set a state (the card on the reader, the network, a printer's paper) are
    checkable and exclusive within their group, so the state in force stays visibly pressed;
    the scanner's buttons are one-shot."""

    closed = Signal()

    def __init__(self, rig, columns: int = 3):
        super().__init__()
        self.rig = rig
        self.columns = columns  # 2 in make demo's narrow column beside the kiosk
        self.setWindowTitle("模拟设备控制台 · Simulator controls")
        self.setStyleSheet("QPushButton { min-height: 40px; font-size: 16px; } QLabel { font-size: 15px; }"
                           "QPushButton:checked { background: #1d5fbf; color: white; font-weight: bold; }")
        self.buttons: dict[str, QPushButton] = {}
        self._groups: list[QButtonGroup] = []
        lay = QVBoxLayout(self)
        lay.addWidget(self._group("身份证读卡器 ID card reader", [
            *[(f"放卡 {r.name}", lambda _=False, k=r.key: self.rig.card.place(k), "card", False) for r in RESIDENTS],
            ("拿走卡片 remove", lambda: self.rig.card.remove(), "card", True),
            ("读卡中途拿走 removed early", lambda: self.rig.card.set_mode("remove_mid_read", 1), None, False),
        ]))
        lay.addWidget(self._group("扫码器 QR scanner", [
            ("e福州身份码 (张伟明)", lambda: self.rig.scanner.send("efz://id?token=EFZ-DEMO-ZHANG"), None, False),
            ("过期身份码 expired", lambda: self.rig.scanner.send("efz://id?token=EFZ-EXPIRED"), None, False),
            *[(f"核准通知书 {c.name[:6]}…", lambda _=False, c=c: self.rig.scanner.send(f"efz://licence?code={c.credit_code}"),
               None, False) for c in COMPANIES],
            ("无法识别的码 unknown", lambda: self.rig.scanner.send("https://example.invalid/什么"), None, False),
        ]))
        lay.addWidget(self._group("网络 Network", [
            ("断网 network down", lambda: self.rig.sandbox.network_down(), "network", False),
            ("恢复网络 network up", lambda: self.rig.sandbox.network_up(), "network", True),
        ]))
        lay.addWidget(self._group("打印机 Printers", [
            ("A4 缺纸 paper out", lambda: self.rig.set_paper("document", "out"), "document", False),
            ("A4 卡纸 jam", lambda: self.rig.set_paper("document", "jammed"), "document", False),
            ("A4 纸张正常 ok", lambda: self.rig.set_paper("document", "ok"), "document", True),
            ("执照 缺纸", lambda: self.rig.set_paper("licence", "out"), "licence", False),
            ("执照 正常", lambda: self.rig.set_paper("licence", "ok"), "licence", True),
            ("凭条 缺纸", lambda: self.rig.set_paper("receipt", "out"), "receipt", False),
            ("凭条 将尽", lambda: self.rig.set_paper("receipt", "near_end"), "receipt", False),
            ("凭条 正常", lambda: self.rig.set_paper("receipt", "ok"), "receipt", True),
        ]))
        self.info = QLabel(f"打印输出 printed PDFs: {rig.printed_dir}\n凭条 receipts: {rig.root / 'receipts'}")
        self.info.setWordWrap(True)
        lay.addWidget(self.info)

    def _group(self, title: str, actions) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        groups: dict[str, QButtonGroup] = {}
        for i, (text, fn, group, checked) in enumerate(actions):
            btn = QPushButton(text)
            if group is not None:
                btn.setCheckable(True)
                btn.setChecked(checked)
                if group not in groups:
                    groups[group] = QButtonGroup(box)
                    groups[group].setExclusive(True)
                    self._groups.append(groups[group])
                groups[group].addButton(btn)
            btn.clicked.connect(fn)
            self.buttons[text] = btn
            grid.addWidget(btn, i // self.columns, i % self.columns)
        return box

    def closeEvent(self, event) -> None:
        self.closed.emit()
        super().closeEvent(event)
