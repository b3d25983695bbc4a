"""Refilling a layout frees the layout items it takes out: a page of tiles is refilled on every
visit, and PySide6 does not free the C++ item ``takeAt`` hands back (about 90 bytes a widget,
kilobytes a visit, for as long as the terminal runs)."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def test_taking_the_items_returns_the_widgets_and_deletes_only_the_items(qtbot):
    import shiboken6
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpacerItem, QVBoxLayout, QWidget

    from screens.widgets import take_items

    host = QWidget()
    qtbot.addWidget(host)
    outer = QVBoxLayout(host)
    a, b, c = QLabel("a"), QLabel("b"), QLabel("c")
    outer.addWidget(a)
    inner = QHBoxLayout()
    inner.addWidget(b)
    inner.addWidget(c)
    outer.addLayout(inner)
    outer.addItem(QSpacerItem(0, 0))
    items = [outer.itemAt(i) for i in range(outer.count())]

    assert take_items(outer) == [a, b, c]  # the nested layout's widgets too, in order
    assert outer.count() == 0
    assert not any(shiboken6.isValid(item) for item in items)  # the items are gone...
    assert all(shiboken6.isValid(w) and w.parent() is host for w in (a, b, c))  # ...the widgets are not


def _heap_in_use() -> int:
    from kiosk.memory import heap_info

    heap = heap_info()
    if heap is None:
        pytest.skip("glibc's mallinfo2 is needed to read the heap in use")
    return heap["in_use"]


def test_a_page_of_tiles_refilled_thousands_of_times_keeps_its_memory(qtbot):
    """Given a grid page of 12 tiles, when it is refilled 3,000 times (a year of visits at a busy
    hall), then the heap in use does not grow with the refills (before the fix: ~1.1 KB each)."""
    import gc

    from PySide6.QtWidgets import QPushButton

    from screens.catalogue_views import GridPanel

    panel = GridPanel()
    qtbot.addWidget(panel)
    tiles = [QPushButton(f"tile {i}") for i in range(12)]

    def refill(times: int) -> None:
        for n in range(times):
            panel.fill(tiles[: 12 - n % 3], cols=4, rows=3)  # a short last page now and then: spacers too

    refill(200)  # warm-up: Qt's own first-use allocations
    gc.collect()
    before = _heap_in_use()
    refill(3000)
    gc.collect()
    grown = _heap_in_use() - before
    assert grown < 64 * 1024, f"the heap grew {grown} bytes over 3,000 refills"
    assert panel.grid.count() == 12  # 10..12 tiles and spacers filling the 4 x 3 page
