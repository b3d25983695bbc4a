"""The parts of the home screen that show the catalogue: the category tiles, a category's
services, the search with its letter keypad, the 常用 row and the pager.

Each panel is built once and refilled on refresh (the keypad is never rebuilt), so a touch
repaints quickly with a 120-service catalogue. Panels render what the home screen hands them
and report touches through callbacks; the rules (paging, search) live in kiosk.catalogue*.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLayout, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from kiosk.catalogue_browse import LETTERS
from screens import icons
from screens.widgets import button, label, take_items, tr, trn


def per_page(theme, what: str) -> tuple[int, int]:
    """(columns, rows) of a page of ``what`` (categories | services | results) on this panel."""
    table = {  # (landscape, portrait) × (normal, 长辈版)
        "categories": {(False, False): (6, 3), (False, True): (2, 2), (True, False): (3, 6), (True, True): (2, 3)},
        "services": {(False, False): (2, 4), (False, True): (1, 2), (True, False): (1, 8), (True, True): (1, 6)},
        "results": {(False, False): (1, 2), (False, True): (1, 1), (True, False): (1, 5), (True, True): (1, 2)},
    }
    return table[what][(theme.portrait, theme.elder)]


class Picture(QLabel):
    """A tile's picture, drawn whole: as large as it was made, or smaller to fit the height its
    tile gives it (a plain label centres a pixmap and cuts off what does not fit); left out
    when that would be under :data:`SMALLEST` (a speck helps nobody; the words stay)."""

    SMALLEST = 16

    def __init__(self, pixmap):
        super().__init__()
        self.setPixmap(pixmap)

    def drawn_side(self) -> int:
        """The side of the square the picture is drawn in, in device-independent pixels."""
        full = self.pixmap().deviceIndependentSize()
        return int(min(full.width(), full.height(), self.width(), self.height()))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        from PySide6.QtCore import QRect
        from PySide6.QtGui import QPainter

        side = self.drawn_side()
        if side < self.SMALLEST:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        painter.drawPixmap(QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side),
                           self.pixmap())
        painter.end()


class WordsButton(QPushButton):
    """A big button whose words wrap inside it (a long English name never clips and never
    widens the window): an optional icon, a name, and a smaller line under it. ``text()``
    returns its words, as a plain button's would."""

    def __init__(self, theme, name: str, note: str = "", *, icon_name: str | None = None,
                 enabled: bool = True, name_px: int = 34, min_h: int = 80, shares: tuple[int, int] = (3, 1)):
        super().__init__()
        self.setObjectName("tile")
        self.setFocusPolicy(Qt.NoFocus)
        self.setCursor(Qt.BlankCursor)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)  # the grid decides the size
        # The shared style's min-height and padding are for one line of words; this button gets
        # its height from the grid's rows.
        self.setStyleSheet(f"QPushButton {{ min-height: {theme.h(min_h)}px; padding: 4px; }}")
        self.setMinimumHeight(theme.h(min_h))
        lay = QVBoxLayout(self)
        lay.setSizeConstraint(QLayout.SetNoConstraint)  # the words inside never set the minimum
        lay.setContentsMargins(14, 6, 14, 6)
        lay.setSpacing(2)
        colour = "" if enabled else " color: #5b6370;"
        self.icon_label = None
        if icon_name:
            key = icon_name if icon_name in icons.ICONS else icons.NEUTRAL
            self.icon_label = Picture(icons.pixmap(key, theme.icon(52), "#1d5fbf" if enabled else "#6b7380"))
        self.name_label = label(name, "", align=Qt.AlignCenter)
        self.name_label.setStyleSheet(f"font-size: {theme.px(name_px)}px; font-weight: 700; background: transparent;{colour}")
        self.note_label = label(note, "hint", align=Qt.AlignCenter)
        self.note_label.setStyleSheet("background: transparent;" + colour)
        self.note_label.setVisible(bool(note))
        # 长辈版: the picture beside the words, whole (above them, a row of tiles lacks the height
        # for both, and a share of the height cut the picture off)
        beside = self.icon_label is not None and theme.elder
        words = lay
        if beside:
            row = QHBoxLayout()
            row.setSpacing(16)
            lay.addLayout(row)
            words = QVBoxLayout()
            words.setSpacing(2)
        for w in (self.icon_label, self.name_label, self.note_label):
            if w is None:
                continue
            w.setAttribute(Qt.WA_TransparentForMouseEvents)
            # Sized by the button, never the other way round: a wrapped label's height-for-width
            # would otherwise grow the whole window when a grid cell is briefly narrow.
            w.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)
            if beside and w is self.icon_label:
                row.addWidget(w)
                row.addLayout(words, 1)
                continue
            words.addWidget(w, shares[0] if w is self.name_label else (1 if w is self.icon_label else shares[1]))
        if beside:
            fixed = theme.icon(52) + 4
            self.icon_label.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
            self.icon_label.setFixedSize(fixed, fixed)
        self.setEnabled(enabled)
        self.setAccessibleName(name)

    def text(self) -> str:  # noqa: D102 - the words shown, like QPushButton.text()
        return "\n".join(t for t in (self.name_label.text(), self.note_label.text()) if t)


def service_button(theme, name: str, note: str, *, enabled: bool = True) -> WordsButton:
    """A service: its name, and under it what the resident can do here (print, or the app)."""
    return WordsButton(theme, name, note, enabled=enabled)


class Pager(QWidget):
    """上一页 · 第 x / y 页 · 下一页 — large buttons, no flick scrolling."""

    def __init__(self, theme, on_prev, on_next):
        super().__init__()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(24)
        self.prev = button("", "secondary")
        self.next = button("", "secondary")
        self.label = label("", "subtitle")
        for b in (self.prev, self.next):
            b.setStyleSheet("padding: 0 20px;")  # 长辈版 English words on a narrow panel: no room to waste
        self.prev.clicked.connect(on_prev)
        self.next.clicked.connect(on_next)
        lay.addWidget(self.prev, 1)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.next, 1)

    def set_page(self, page: int, pages: int) -> None:
        self.prev.setText("‹ " + tr("上一页"))
        self.next.setText(tr("下一页") + " ›")
        self.label.setText(tr("第 {page} / {pages} 页").format(page=page + 1, pages=pages))
        self.prev.setEnabled(page > 0)
        self.next.setEnabled(page < pages - 1)
        self.setVisible(pages > 1)


class WidgetCache:
    """Tiles kept between refreshes, keyed by everything they show (id, words, enabled): a
    touch that shows the same tile again reuses it instead of building and styling a new one
    (that is most of a repaint's cost). Bounded; the least recently shown are deleted."""

    def __init__(self, limit: int = 300):
        self.limit = limit
        self._items: dict = {}

    def get(self, key, make):
        widget = self._items.pop(key, None)
        if widget is None:
            widget = make()
        self._items[key] = widget  # most recently used last
        return widget

    def sweep(self) -> None:
        while len(self._items) > self.limit:
            key = next(iter(self._items))
            widget = self._items.pop(key)
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()

    def clear(self) -> None:
        for widget in self._items.values():
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        self._items.clear()


class GridPanel(QWidget):
    """A page of tiles in a grid, refilled on every refresh (the tiles belong to a WidgetCache)."""

    def __init__(self, spacing: int = 20):
        super().__init__()
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(spacing)

    def fill(self, widgets: list[QWidget], cols: int, rows: int) -> None:
        keep = set(map(id, widgets))
        for w in take_items(self.grid):
            if id(w) not in keep:
                w.hide()  # still owned by the cache; shown again when it is reused
        for r in range(max(self.grid.rowCount(), rows)):
            self.grid.setRowStretch(r, 1 if r < rows else 0)
        for c in range(max(self.grid.columnCount(), cols)):
            self.grid.setColumnStretch(c, 1 if c < cols else 0)
        for i, w in enumerate(widgets):
            self.grid.addWidget(w, i // cols, i % cols)
            w.show()  # at once: a layout would show it only at the next event-loop turn
        for i in range(len(widgets), cols * rows):  # keep the tiles' size on a short last page
            self.grid.addItem(QSpacerItem(0, 0), i // cols, i % cols)


def category_tile(theme, icon_key: str, text: str, count: int, problem: str | None, partly: bool = False) -> QWidget:
    """A category: its icon (neutral for a key this terminal does not know), name and count;
    "paused" when none of its services can run now, "partly paused" when some cannot."""
    if problem is not None:
        second = "⚠ " + tr("暂停服务")
    elif partly:
        second = trn("{n} 项", count).format(n=count) + " · ⚠ " + tr("部分暂停")
    else:
        second = trn("{n} 项", count).format(n=count)
    return WordsButton(theme, text, second, icon_name=icon_key, enabled=problem is None, name_px=32, min_h=110)


class SearchPanel(QWidget):
    """The typed letters, a page of results and the letter keypad (built once)."""

    def __init__(self, theme, on_key, on_backspace, on_clear):
        super().__init__()
        self.theme = theme
        # Landscape: results beside the keypad; portrait: the keypad under them.
        outer = QHBoxLayout(self) if not theme.portrait else QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(28 if not theme.portrait else 16)
        lay = QVBoxLayout()
        lay.setSpacing(14)
        outer.addLayout(lay, 1)
        # One-line labels (no word wrap): a wrapped label's height-for-width inside this nested
        # layout made the window grow past the panel when the results were hidden.
        self.query = label("", "code_entry", wrap=False)
        self.query.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.hint = label("", "hint")
        self.empty = label("", "notice")
        lay.addWidget(self.query)
        lay.addWidget(self.hint)
        self.results = GridPanel(16)
        lay.addWidget(self.results, 1)
        self.empty.hide()
        lay.addWidget(self.empty)
        lay.addStretch(0)
        keys = QGridLayout()
        keys.setSpacing(10)
        cols = 9 if not theme.portrait else 7
        self.key_buttons: dict[str, QPushButton] = {}
        for i, ch in enumerate(LETTERS):
            b = button(ch, "key")
            b.clicked.connect(lambda _=False, c=ch: on_key(c))
            keys.addWidget(b, i // cols, i % cols)
            self.key_buttons[ch] = b
        n = len(LETTERS)
        self.space = button("", "key")
        self.space.clicked.connect(lambda: on_key(" "))
        self.delete = button("", "key")
        self.delete.clicked.connect(on_backspace)
        self.clear = button("", "key")
        self.clear.clicked.connect(on_clear)
        row, col = n // cols, n % cols
        rest = [self.space, self.delete, self.clear]
        for w in rest:  # the three wide keys fill the last row, then a new one
            span = 2 if col + 2 <= cols else cols - col
            if span < 2:
                row, col, span = row + 1, 0, 2
            keys.addWidget(w, row, col, 1, span)
            col += span
        self.key_buttons[" "] = self.space
        outer.addLayout(keys)

    def set_texts(self, query: str, lang: str) -> None:
        self.query.setText(query or " ")
        self.hint.setVisible(not query)  # once typing, the results get its room
        self.hint.setText(tr("输入拼音首字母，例如“社保缴费”输入 SBJF") if lang == "zh"
                          else tr("输入英文单词的开头（例如 PASSPORT）或拼音首字母"))
        for key in (self.space, self.delete, self.clear):
            key.setStyleSheet(f"font-size: {self.theme.px(32)}px;")
        self.space.setText(tr("空格"))
        self.delete.setText("⌫ " + tr("删除"))
        self.clear.setText(tr("清空"))
