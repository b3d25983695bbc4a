"""The screen outside opening hours: dark, with the hours in small type, over everything."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from screens.widgets import tr


class ClosedOverlay(QFrame):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setStyleSheet("background: #000000;")
        lay = QVBoxLayout(self)
        lay.setAlignment(Qt.AlignCenter)
        self.text = QLabel()
        self.text.setAlignment(Qt.AlignCenter)
        self.text.setStyleSheet("color: #5a6270; font-size: 30px; background: transparent;")
        lay.addWidget(self.text)
        self.hide()

    def show_closed(self, hours: str) -> None:
        self.text.setText(tr("本机服务时间 {hours}，欢迎届时使用").format(hours=hours))
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
