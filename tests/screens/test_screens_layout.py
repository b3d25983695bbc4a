"""Every screen fits the panel in both orientations and in 长辈版, and every string is translated."""
import pytest

from kiosk.preview import PreviewCache
from kiosk.session import Session, SessionState

PANELS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


@pytest.mark.parametrize("orientation", sorted(PANELS))
@pytest.mark.parametrize("elder", [False, True])
def test_every_screen_fits_the_panel(qtbot, orientation, elder):
    from screens.shell import ShellWindow
    from screens.theme import Theme

    session = Session()
    window = ShellWindow(session, terminal_name="福州高新区 创新园 自助服务点",
                         theme=Theme(elder=elder, portrait=orientation == "portrait"), previews=PreviewCache())
    qtbot.addWidget(window)
    for screen in window.screens.values():
        screen.enter(session)
    hint = window.minimumSizeHint()
    width, height = PANELS[orientation]
    assert hint.width() <= width and hint.height() <= height, hint


def test_every_state_has_a_screen(qtbot):
    from screens.shell import ShellWindow
    from screens.theme import Theme

    window = ShellWindow(Session(), terminal_name="x", theme=Theme(), previews=PreviewCache())
    qtbot.addWidget(window)
    assert {s.value for s in SessionState} <= set(window.screens)


def test_no_string_is_left_untranslated():
    from screens.i18n import extract

    assert extract.missing() == []


def test_english_is_loaded_and_switchable(qtbot):
    from PySide6.QtWidgets import QApplication

    from screens.i18n import I18n
    from screens.widgets import tr

    i18n = I18n(QApplication.instance())
    i18n.use("en")
    try:
        assert tr("请选择您要办理的业务") == "What would you like to do?"
    finally:
        i18n.use("zh")
    assert tr("请选择您要办理的业务") == "请选择您要办理的业务"
