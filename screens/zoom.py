"""放大查看: the preview's page filling the screen, panned by dragging or with arrow buttons.

A view of the preview screen only (no session state): it opens over the screen and closes with
its own button, when the page is turned or when the screen is wiped.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout

from screens.widgets import button, tr

#: how far one arrow press moves the page, as a share of the visible area
STEP = 0.4


class DragScroll(QScrollArea):
    """A scroll area panned by dragging the page with a finger (no scroll bars to aim at)."""

    def __init__(self):
        super().__init__()
        self.setAlignment(Qt.AlignCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.NoFrame)
        self._last: QPoint | None = None

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._last = event.position().toPoint()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._last is None:
            return
        now = event.position().toPoint()
        delta = now - self._last
        self._last = now
        self.pan(-delta.x(), -delta.y())

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        self._last = None

    def pan(self, dx: int, dy: int) -> None:
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + dx)
        v.setValue(v.value() + dy)

    def position(self) -> tuple[int, int]:
        return self.horizontalScrollBar().value(), self.verticalScrollBar().value()


class PageZoom(QFrame):
    """The enlarged page over its parent screen. ``show_page(pixmap)`` opens it."""

    def __init__(self, theme, parent):
        super().__init__(parent)
        self.setObjectName("zoom")
        self.setStyleSheet("QFrame#zoom { background: #f4f6fa; }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(16)
        self.area = DragScroll()
        self.page = QLabel()
        self.area.setWidget(self.page)
        lay.addWidget(self.area, 1)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.arrows = {}
        for key, text, dx, dy in (("left", "←", -1, 0), ("up", "↑", 0, -1), ("down", "↓", 0, 1), ("right", "→", 1, 0)):
            btn = button(text, "key")
            btn.clicked.connect(lambda _=False, x=dx, y=dy: self._step(x, y))
            row.addWidget(btn)
            self.arrows[key] = btn
        row.addStretch(1)
        self.close_btn = button("", "primary")
        self.close_btn.clicked.connect(self.close_zoom)
        row.addWidget(self.close_btn)
        lay.addLayout(row)
        self.hide()

    def _step(self, dx: int, dy: int) -> None:
        view = self.area.viewport()
        self.area.pan(int(dx * view.width() * STEP), int(dy * view.height() * STEP))

    def show_page(self, pixmap: QPixmap) -> None:
        """Open with the page as wide as the screen (it is read from the top, panned down)."""
        self.close_btn.setText(tr("关闭放大"))
        self.setGeometry(self.parentWidget().rect())
        parent = self.parentWidget()
        # landscape: as wide as the screen; portrait (narrow): wider still, panned both ways
        width = max(200, parent.width() - 64) * (1.6 if parent.height() > parent.width() else 1.0)
        self.page.setPixmap(pixmap.scaledToWidth(int(width), Qt.SmoothTransformation))
        self.page.adjustSize()
        self.raise_()
        self.show()
        self.area.horizontalScrollBar().setValue(0)
        self.area.verticalScrollBar().setValue(0)

    def close_zoom(self) -> None:
        self.page.clear()
        self.hide()
