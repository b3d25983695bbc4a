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


class OutOfService(QWidget):
    """Shown when the kiosk cannot serve at all (its store cannot be opened): plain words for
    residents, the reason in small type for the technician."""

    def __init__(self, reason: str, terminal_name: str = ""):
        super().__init__()
        self.setWindowTitle(terminal_name or "efz-kiosk")
        self.setStyleSheet("background: #f4f6fa;")
        lay = QVBoxLayout(self)
        lay.setAlignment(Qt.AlignCenter)
        title = QLabel(tr("本机暂停服务"))
        title.setStyleSheet("font-size: 64px; font-weight: 700; color: #1b1f24;")
        text = QLabel(tr("请到人工窗口办理，或使用附近的其他自助终端。给您带来不便，敬请谅解。"))
        text.setStyleSheet("font-size: 34px; color: #4a5361;")
        detail = QLabel(reason)
        detail.setStyleSheet("font-size: 18px; color: #8a93a0;")
        for w in (title, text, detail):
            w.setAlignment(Qt.AlignCenter)
            w.setWordWrap(True)
            lay.addWidget(w)
