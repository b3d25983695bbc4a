"""Contrast of text as drawn (WCAG 2 relative luminance), measured on the window's pixels."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QStyle, QWidget

from screens.audit_scene import Scene, needed, text_widgets

MIN_CONTRAST = 4.5


def _luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _pixels(scene: Scene, r: QRect):
    """The widget's pixels as shown (numpy, h × w × 3 RGB)."""
    import numpy as np

    img = scene.image
    if not hasattr(scene, "_array"):
        rgb = img.convertToFormat(QImage.Format_RGB888)
        arr = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=rgb.sizeInBytes())
        # a copy: the array must not outlive the converted image's buffer
        scene._array = arr.reshape(rgb.height(), rgb.bytesPerLine())[:, :rgb.width() * 3].reshape(
            rgb.height(), rgb.width(), 3).copy()
    dpr = img.devicePixelRatio() or 1.0
    x0, y0 = max(0, int(r.left() * dpr)), max(0, int(r.top() * dpr))
    x1, y1 = int((r.right() + 1) * dpr), int((r.bottom() + 1) * dpr)
    return scene._array[y0:y1, x0:x1]


def _lum(rgb) -> float:
    return _luminance(QColor(int(rgb[0]), int(rgb[1]), int(rgb[2])))


def text_contrast(scene: Scene, w: QWidget) -> tuple[float, str, str]:
    """Contrast of the text as drawn: the background is the commonest colour of the widget's
    pixels (coarse buckets: a gradient counts as one), the ink the colour in it farthest from
    that background (at least 0.05 % of the pixels: a thin "−" counts, a stray pixel does not). Measured
    on pixels, a checked or pressed state's own colours count, whatever the palette says."""
    import numpy as np

    region = scene.rect_of(w)
    if isinstance(w, QLabel):  # only where the text is drawn: a short text in a wide label
        room = w.contentsRect()
        need_w, need_h = needed(w, room.width())
        text = QStyle.alignedRect(w.layoutDirection(), w.alignment(), QSize(min(need_w, room.width()) + 8,
                                                                          min(need_h, room.height())), room)
        region = QRect(w.mapTo(scene.window, text.topLeft()), text.size())
    px = _pixels(scene, region).reshape(-1, 3)
    if len(px) == 0:
        return 21.0, "", ""
    keys = (px[:, 0] >> 4).astype(np.int32) << 8 | (px[:, 1] >> 4).astype(np.int32) << 4 | (px[:, 2] >> 4)
    uniq, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    means = np.zeros((len(uniq), 3))
    np.add.at(means, inverse, px)
    means /= counts[:, None]
    bg = means[int(np.argmax(counts))]
    lbg = _lum(bg)
    best, ink = 1.0, bg
    for mean, n in zip(means, counts, strict=False):
        if n < max(3, 0.0005 * len(px)):
            continue
        la, lb = sorted((_lum(mean), lbg), reverse=True)
        ratio = (la + 0.05) / (lb + 0.05)
        if ratio > best:
            best, ink = ratio, mean
    hexa = lambda c: QColor(int(c[0]), int(c[1]), int(c[2])).name()  # noqa: E731
    return best, hexa(ink), hexa(bg)


def contrast(scene: Scene) -> list[str]:
    out = []
    for w in text_widgets(scene):
        if not w.isEnabled():
            continue  # an inactive control is exempt (WCAG 1.4.3); its state is said in words
        ratio, ink, bg = text_contrast(scene, w)
        if ratio + 1e-3 < MIN_CONTRAST:
            out.append(f"{scene.name(w)} {ink} on {bg} is {ratio:.2f}:1")
    return out
