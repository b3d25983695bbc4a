"""The checks of ``python -m screens.audit``, measured on laid-out widgets of a shown window.

Each check takes a :class:`Scene` (the window, its theme, the panel's pixels per mm, one grab
of the window's pixels) and returns a list of violations (short texts naming the widget).
"""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (QAbstractButton, QLabel, QProgressBar, QPushButton, QStyle, QStyleOptionButton,
                               QToolButton, QWidget)

from kiosk.reach import REACH_HIGH_MM, REACH_LOW_MM
from screens.audit_contrast import contrast
from screens.audit_scene import OVERLAYS, Scene, layer, needed, pixel_size, scrolled, text_widgets, visible

MIN_TARGET_MM = {False: 15.0, True: 20.0}
MIN_TEXT_PX = {False: 24, True: 36}      # at 1080 lines
MIN_LINE_SPACING = 1.3                    # 长辈版
STATUS_LABELS = frozenset({"chip_ok", "chip_bad", "problem", "notice"})
STATUS_SHAPES = "✓●✕⚠ⓘ"


# ------------------------------------------------------------------------------- checks
def targets(scene: Scene) -> list[str]:
    need = MIN_TARGET_MM[scene.theme.elder]
    out = []
    for b in visible(scene, QAbstractButton):
        if not b.isEnabled():
            continue
        mm = min(b.width(), b.height()) / scene.px_per_mm
        if mm + 1e-6 < need:
            out.append(f"{scene.name(b)} is {mm:.1f} mm (< {need:.0f} mm)")
    return out


def text_size(scene: Scene) -> list[str]:
    short = min(scene.window.width(), scene.window.height())
    need = MIN_TEXT_PX[scene.theme.elder] * short / 1080  # the sizes are given at 1080 lines
    return [f"{scene.name(w)} is {pixel_size(w):.0f} px (< {need:.0f} px)" for w in text_widgets(scene)
            if pixel_size(w) + 0.5 < need]


def line_spacing(scene: Scene) -> list[str]:
    if not scene.theme.elder:
        return []
    out = []
    for w in visible(scene, QLabel):
        if not w.text().strip() or not w.wordWrap():
            continue
        ratio = w.fontMetrics().lineSpacing() / max(1.0, pixel_size(w))
        if ratio + 1e-3 < MIN_LINE_SPACING:
            out.append(f"{scene.name(w)} line spacing {ratio:.2f} (< {MIN_LINE_SPACING})")
    return out


def colour_alone(scene: Scene) -> list[str]:
    out = []
    for w in visible(scene, QLabel):
        if w.objectName() in STATUS_LABELS and w.text().strip() and w.text().strip()[0] not in STATUS_SHAPES:
            out.append(f"{scene.name(w)}: a status without a shape")
    for b in visible(scene, QAbstractButton):
        if b.isCheckable() and b.isChecked() and "✓" not in b.text() and b.icon().isNull():
            out.append(f"{scene.name(b)}: chosen, shown by colour alone")
    return out


def on_screen(scene: Scene) -> list[str]:
    bounds = QRect(0, 0, scene.window.width(), scene.window.height())
    out = []
    for w in visible(scene, QWidget):
        if w.objectName() in OVERLAYS or w is scene.window.centralWidget() or scrolled(w):
            continue
        r = scene.rect_of(w)
        if not bounds.contains(r):
            out.append(f"{scene.name(w)} at {r.x()},{r.y()} {r.width()}×{r.height()} is off the "
                       f"{bounds.width()}×{bounds.height()} screen")
    return out


def clipped(scene: Scene) -> list[str]:
    out = []
    for w in visible(scene, QLabel):
        if not w.text().strip() or not w.pixmap().isNull():
            continue
        room = w.contentsRect()
        need_w, need_h = needed(w, room.width())
        # A CJK font's line box has room above and below the ink: a line box cut by a few
        # pixels shows every glyph whole; a line that does not fit is cut by a whole line.
        slack = 1 + int(0.15 * w.fontMetrics().height())
        if need_w > room.width() + 1 or need_h > room.height() + slack:
            out.append(f"{scene.name(w)} needs {need_w}×{need_h}, has {room.width()}×{room.height()}")
    for b in visible(scene, QAbstractButton):
        # A disabled button's smaller type comes from a :disabled style rule that its font()
        # does not show: measured with the wrong font it would be reported falsely.
        if not b.text().strip() or not b.isEnabled():
            continue
        if b.findChild(QLabel) is not None:
            continue  # its words are labels inside it (screens/catalogue_views.WordsButton), measured above
        if isinstance(b, QPushButton):
            opt = QStyleOptionButton()
            b.initStyleOption(opt)
            room = b.style().subElementRect(QStyle.SE_PushButtonContents, opt, b)
        else:
            room = b.rect().adjusted(8, 8, -8, -8)
        need_w, need_h = needed(b, room.width())
        if isinstance(b, QPushButton) and not b.icon().isNull():
            need_w += b.iconSize().width() + 4
        if isinstance(b, QToolButton) and not b.icon().isNull():
            if b.toolButtonStyle() == Qt.ToolButtonTextBesideIcon:
                need_w += b.iconSize().width() + 4
                need_h = max(need_h, b.iconSize().height())
            else:
                need_h += b.iconSize().height()
        if need_w > room.width() + 2 or need_h > room.height() + 2:
            out.append(f"{scene.name(b)} needs {need_w}×{need_h}, has {room.width()}×{room.height()}")
    return out


def overlapping(scene: Scene) -> list[str]:
    leaves = [w for w in visible(scene, QWidget) if isinstance(w, (QLabel, QAbstractButton, QProgressBar))
              and not scrolled(w)]
    rects = [(w, scene.rect_of(w), layer(w)) for w in leaves]
    out = []
    for i, (a, ra, la) in enumerate(rects):
        for b, rb, lb in rects[i + 1:]:
            if la != lb or a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            inter = ra.intersected(rb)
            if inter.width() > 2 and inter.height() > 2:
                out.append(f"{scene.name(a)} overlaps {scene.name(b)}")
    return out


def reach(scene: Scene) -> list[str]:
    if not (scene.low_reach and scene.theme.portrait and scene.panel is not None):
        return []
    out = []
    for b in visible(scene, QAbstractButton):
        r = scene.rect_of(b)
        top = scene.panel.height_above_floor(r.top(), scene.px_tall, True)
        bottom = scene.panel.height_above_floor(r.bottom(), scene.px_tall, True)
        if top > REACH_HIGH_MM + 0.5 or bottom < REACH_LOW_MM - 0.5:
            out.append(f"{scene.name(b)} spans {bottom:.0f}–{top:.0f} mm above the floor")
    return out


def wrapped_lines(text: str, font, width: int, wrap=None) -> list[tuple[int, int]]:
    """(start, length) of each line Qt lays ``text`` out in at ``width`` px; ``wrap`` a
    QTextOption wrap mode, a QLabel's own (word boundary, or anywhere) unless given."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere if wrap is None else wrap)
    layout.setTextOption(option)
    layout.beginLayout()
    spans = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    return spans


def line_breaks(scene: Scene) -> list[str]:
    """Wrapped Chinese breaks between words (drivers/words.py) at the label's own width and font,
    and a paragraph's last line holds at least MIN_LAST_LINE characters."""
    from drivers.words import CJK, boundaries
    from screens.linebreak import MIN_LAST_LINE, plain

    out = []
    for w in visible(scene, QLabel):
        shown = QLabel.text(w)
        if not w.wordWrap() or not CJK.search(shown) or w.textFormat() == Qt.RichText or "<" in shown:
            continue
        width = w.contentsRect().width() - 2 * w.margin()
        for para in shown.split("\n"):
            text = plain(para)
            if not text.strip():
                continue
            spans = wrapped_lines(para, w.font(), width)
            if len(spans) < 2:
                continue
            allowed = boundaries(text)
            lines = [plain(para[a:a + n]) for a, n in spans]
            at = 0
            for line in lines[:-1]:
                at += len(line)
                if at not in allowed and text[at - 1:at + 1].strip() == text[at - 1:at + 1]:
                    out.append(f"{scene.name(w)} breaks inside a word: {' / '.join(lines)}")
                    break
            tail = lines[-1].strip()
            if len(tail) < MIN_LAST_LINE and len(text.strip()) >= 2 * MIN_LAST_LINE and CJK.search(tail):
                out.append(f"{scene.name(w)} ends on a short line: {' / '.join(lines)}")
    return out


CHECKS = {"targets": targets, "contrast": contrast, "text size": text_size, "line spacing": line_spacing,
          "colour alone": colour_alone, "on screen": on_screen, "clipped": clipped, "overlap": overlapping,
          "reach": reach, "line breaks": line_breaks}


#: 长辈版 against the standard: body text at least this many times larger …
ELDER_BODY_SCALE = 1.5
#: … headings (already large) at least this much
ELDER_HEADING_SCALE = 1.25
HEADINGS = frozenset({"title", "big_code", "code_entry", "count", "terminal_name", "clock", "key"})


def text_sizes(scene: Scene) -> dict:
    """{(kind, object name, text): px} of the scene's visible texts, to compare a 长辈版 scene
    with its standard counterpart (:func:`elder_scale`)."""
    out = {}
    for w in text_widgets(scene):
        key = (type(w).__name__, w.objectName(), " ".join(str(w.text()).split()))
        out.setdefault(key, pixel_size(w))
    return out


def elder_scale(standard: dict, elder: dict) -> list[str]:
    """Every text shown in both (same kind, name and words): 长辈版 body text ≥ 1.5× the
    standard's, headings ≥ 1.25×."""
    out = []
    for key, px in elder.items():
        base = standard.get(key)
        if not base:
            continue
        need = ELDER_HEADING_SCALE if key[1] in HEADINGS else ELDER_BODY_SCALE
        if px + 0.5 < base * need:
            out.append(f"{key[0]}#{key[1] or '-'} «{key[2][:28]}» is {px:.0f} px, {px / base:.2f}× the "
                       f"standard {base:.0f} px (< {need}×)")
    return out
