"""What the screen audit measures on: a :class:`Scene` (a shown window, its theme, the panel's
pixels per mm, one grab of its pixels) and the widgets in it a person can see."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

#: things drawn over the screen on purpose (never "overlapping" it)
OVERLAYS = frozenset({"overlay", "focus_ring", "closed", "zoom"})
#: layers that cover their parent whole while shown: what they cover cannot be seen
COVERS = frozenset({"overlay", "closed", "zoom"})


@dataclass
class Scene:
    window: QWidget
    theme: object
    px_per_mm: float
    image: QImage
    panel: object = None
    low_reach: bool = False
    px_tall: int = 1080

    def rect_of(self, w: QWidget) -> QRect:
        return QRect(w.mapTo(self.window, QPoint(0, 0)), w.size())

    def name(self, w: QWidget) -> str:
        text = w.text() if hasattr(w, "text") else ""
        text = " ".join(str(text).split())[:28]
        return f"{type(w).__name__}#{w.objectName() or '-'}" + (f" «{text}»" if text else "")


def visible(scene: Scene, cls) -> list:
    """Widgets of ``cls`` a person can see: while the idle dialog is up, only its own (the
    screen beneath is dimmed on purpose)."""
    win = scene.window
    covers = [c for c in win.findChildren(QWidget) if c.objectName() in COVERS and c.isVisibleTo(win)
              and c.parentWidget() is not None]
    out = []
    for w in win.findChildren(cls):
        if w.isVisibleTo(win) and w.width() > 0 and w.height() > 0 and not under_overlay_hidden(w):
            if any(c.parentWidget().isAncestorOf(w) and not (c is w or c.isAncestorOf(w)) for c in covers):
                continue  # beneath a cover (the idle dialog, the enlarged page): not seen
            out.append(w)
    return out


def scrolled(w: QWidget) -> bool:
    """Content of a scroll area: meant to extend past its viewport, which clips it."""
    from PySide6.QtWidgets import QAbstractScrollArea

    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QAbstractScrollArea):
            return True
        p = p.parentWidget()
    return False


def under_overlay_hidden(w: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None:
        if p.objectName() in OVERLAYS and not p.isVisible():
            return True
        p = p.parentWidget()
    return False


def layer(w: QWidget) -> str:
    p = w
    while p is not None:
        if p.objectName() in OVERLAYS:
            return p.objectName()
        p = p.parentWidget()
    return "screen"


def text_widgets(scene: Scene) -> list:
    return [w for w in visible(scene, QLabel) if w.text().strip() and w.pixmap().isNull()] + \
        [w for w in visible(scene, QAbstractButton) if w.text().strip()]


def pixel_size(w: QWidget) -> float:
    f = w.font()
    return f.pixelSize() if f.pixelSize() > 0 else f.pointSizeF() * w.logicalDpiY() / 72.0


def needed(w: QWidget, width: int) -> tuple[int, int]:
    fm = w.fontMetrics()
    text = w.text()
    if isinstance(w, QLabel) and w.wordWrap():
        r = fm.boundingRect(QRect(0, 0, max(1, width), 100000), int(Qt.TextWordWrap | w.alignment()), text)
        return r.width(), r.height()
    r = fm.boundingRect(QRect(0, 0, 100000, 100000), int(Qt.AlignLeft), text)
    return r.width(), r.height()
