"""The screen of a service this terminal cannot complete (kind ``guide``): what it is, a QR code
to continue in the e福州 app, and where the nearest staffed window is. Nothing personal is shown."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from screens.widgets import Screen, button, label, tr


@lru_cache(maxsize=32)
def qr_image(text: str, size: int) -> QImage:
    """A QR code of ``text`` as a ``size``-pixel square image (a few ms; cached per link)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    image = QImage(n, n, QImage.Format_Grayscale8)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            image.setPixel(x, y, 0xFF000000 if dark else 0xFFFFFFFF)
    return image.scaled(size, size, Qt.KeepAspectRatio, Qt.FastTransformation)


class GuideScreen(Screen):
    state_name = "guide"

    def __init__(self, theme):
        super().__init__(theme)
        lay = QVBoxLayout(self)
        m = 64 if not theme.portrait else 48
        lay.setContentsMargins(m, 16 if theme.elder else 28, m, 16 if theme.elder else 28)
        lay.setSpacing(12 if theme.elder else 20)
        self.title = label("", "title")
        self.about = label("", "subtitle")
        lay.addWidget(self.title)
        lay.addWidget(self.about)
        frame, inner = self.card()
        body = QHBoxLayout() if not theme.portrait else QVBoxLayout()
        body.setSpacing(40)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignCenter)
        self.qr_size = (220 if theme.elder else 280) if not theme.portrait else (200 if theme.elder else theme.h(420))  # landscape 长辈版: the words need the height
        self.qr.setFixedSize(self.qr_size + 24, self.qr_size + 24)
        self.qr.setStyleSheet("background: #ffffff;")
        words = QVBoxLayout()
        words.setSpacing(10 if theme.elder else 18)
        self.how = label("", "", align=Qt.AlignLeft | Qt.AlignVCenter)
        self.window_label = label("", "hint", align=Qt.AlignLeft | Qt.AlignVCenter)
        self.link = label("", "hint", align=Qt.AlignLeft | Qt.AlignVCenter)
        words.addStretch(1)
        for w in (self.how, self.window_label, self.link):
            words.addWidget(w)
        words.addStretch(1)
        body.addWidget(self.qr, 0, Qt.AlignCenter)
        body.addLayout(words, 1)
        inner.addLayout(body)
        lay.addWidget(frame, 1)
        self.back = button("", "primary")
        self.back.clicked.connect(lambda: self.send("back"))
        lay.addWidget(self.back)

    def _text(self, value) -> str:
        if isinstance(value, dict):
            return value.get(self.lang) or value.get("zh") or ""
        return value if isinstance(value, str) else ""

    def refresh(self) -> None:
        service = self.session.service() if self.session else {}
        guide = service.get("guide") or {}
        self.title.setText(self.service_name() or tr("业务办理指引"))
        self.about.setText(self._text(service.get("description")) or tr("本业务暂不能在自助终端办结。"))
        self.how.setText(self._text(guide.get("text")) or tr("请用 e福州 App 扫描二维码继续办理。"))
        self.window_label.setText(tr("人工窗口：") + (self._text(guide.get("window")) or tr("请到大厅人工服务窗口")))
        link = guide.get("link") or ""
        self.link.setText(link)
        self.qr.setVisible(bool(link))
        if link:
            self.qr.setPixmap(QPixmap.fromImage(qr_image(link, self.qr_size)))
        self.back.setText("‹ " + tr("返回业务列表"))

    def wipe(self) -> None:
        self.qr.clear()
