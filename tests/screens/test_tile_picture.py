"""A category tile shows its picture whole, in a row of tiles as short as home's (three rows of
six on a landscape panel), in the standard type and in 长辈版."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.mark.parametrize("elder", [False, True])
def test_the_tile_picture_is_whole(qtbot, elder):
    from PySide6.QtWidgets import QApplication

    from screens.catalogue_views import category_tile
    from screens.theme import Theme

    theme = Theme(elder=elder)
    tile = category_tile(theme, "social", "社保", 10, None)
    tile.setStyleSheet(theme.style_sheet())
    qtbot.addWidget(tile)
    tile.resize(280, 170)
    tile.show()
    QApplication.processEvents()
    picture = tile.icon_label
    side = picture.drawn_side()
    assert side >= 24  # a picture, not a speck
    assert side <= picture.height() and side <= picture.width()  # drawn whole inside its room
    assert picture.geometry().bottom() < tile.name_label.geometry().top() or elder
