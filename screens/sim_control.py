"""The simulator control window of ``make demo`` (and of technicians' training).

Every button acts on a simulator over its real wire protocol or on the sandbox platform, never
on the kiosk's internals.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from drivers.sim.people import COMPANIES, RESIDENTS


class SimControl(QWidget):
    closed = Signal()

    def __init__(self, rig):
        super().__init__()
        self.rig = rig
        self.setWindowTitle("模拟设备控制台 · Simulator controls")
        self.setStyleSheet("QPushButton { min-height: 40px; font-size: 16px; } QLabel { font-size: 15px; }")
        lay = QVBoxLayout(self)
        lay.addWidget(self._group("身份证读卡器 ID card reader", [
            *[(f"放卡 {r.name}", lambda _=False, k=r.key: self.rig.card.place(k)) for r in RESIDENTS],
            ("拿走卡片 remove", lambda: self.rig.card.remove()),
            ("读卡中途拿走 removed early", lambda: self.rig.card.set_mode("remove_mid_read", 1)),
        ]))
        lay.addWidget(self._group("扫码器 QR scanner", [
            ("e福州身份码 (张伟明)", lambda: self.rig.scanner.send("efz://id?token=EFZ-DEMO-ZHANG")),
            ("过期身份码 expired", lambda: self.rig.scanner.send("efz://id?token=EFZ-EXPIRED")),
            *[(f"核准通知书 {c.name[:6]}…", lambda _=False, c=c: self.rig.scanner.send(f"efz://licence?code={c.credit_code}"))
              for c in COMPANIES],
            ("无法识别的码 unknown", lambda: self.rig.scanner.send("https://example.invalid/什么")),
        ]))
        lay.addWidget(self._group("网络 Network", [
            ("断网 network down", lambda: self.rig.sandbox.network_down()),
            ("恢复网络 network up", lambda: self.rig.sandbox.network_up()),
        ]))
        lay.addWidget(self._group("打印机 Printers", [
            ("A4 缺纸 paper out", lambda: self.rig.set_paper("document", "out")),
            ("A4 卡纸 jam", lambda: self.rig.set_paper("document", "jammed")),
            ("A4 纸张正常 ok", lambda: self.rig.set_paper("document", "ok")),
            ("执照 缺纸", lambda: self.rig.set_paper("licence", "out")),
            ("执照 正常", lambda: self.rig.set_paper("licence", "ok")),
            ("凭条 缺纸", lambda: self.rig.set_paper("receipt", "out")),
            ("凭条 将尽", lambda: self.rig.set_paper("receipt", "near_end")),
            ("凭条 正常", lambda: self.rig.set_paper("receipt", "ok")),
        ]))
        self.info = QLabel(f"打印输出 printed PDFs: {rig.printed_dir}\n凭条 receipts: {rig.root / 'receipts'}")
        lay.addWidget(self.info)

    def _group(self, title: str, actions) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        for i, (text, fn) in enumerate(actions):
            btn = QPushButton(text)
            btn.clicked.connect(fn)
            grid.addWidget(btn, i // 3, i % 3)
        return box

    def closeEvent(self, event) -> None:
        self.closed.emit()
        super().closeEvent(event)
