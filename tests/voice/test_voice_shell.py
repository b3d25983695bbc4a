"""The shell speaks each screen when shown, repeats it on 🔊, and starts every visit at the
default volume; the keypad moves a visible focus and speaks the focused item."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.voice import Part, PromptPacks, Voice, prompt_id
from kiosk.voice.audio import RecordingSink
from kiosk.voice.engine import EspeakEngine

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytestmark = pytest.mark.skipif(not EspeakEngine().available(), reason="espeak-ng is not installed")


@pytest.fixture
def shell(qtbot, tmp_path):
    from kiosk.preview import PreviewCache
    from kiosk.sandbox.catalogue import CATALOGUE
    from kiosk.session import Session
    from screens.shell import ShellWindow
    from screens.theme import Theme

    sink = RecordingSink()
    voice = Voice(packs=PromptPacks(Path("var/voice/pack")), sink=sink, cache_dir=tmp_path / "cache",
                  default_volume=0.7)
    voice.start()
    from kiosk.catalogue import build

    session = Session(services={s["id"]: s for s in CATALOGUE["services"]})
    session.catalogue = build(CATALOGUE)  # as the kiosk sets it: the categories of the catalogue
    window = ShellWindow(session, terminal_name="x", theme=Theme(), previews=PreviewCache(), voice=voice)
    window.timer.stop()
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    with qtbot.waitExposed(window):
        window.show()
    voice.wait_idle()
    yield window, voice, sink
    voice.stop()


def test_each_screen_speaks_its_instruction_and_repeats_it(shell, qtbot):
    window, voice, sink = shell
    assert sink.ids()[:2] == [prompt_id("请选择您要办理的业务"), prompt_id("放置身份证或扫e福州码，自助打印证明")]
    sink.clear()
    window.session.dispatch("choose_service", service_id="social_insurance_payment")
    assert voice.wait_idle()
    ids = sink.ids()
    assert ids[0].startswith("tts:")  # the service name, from the catalogue, synthesised
    assert ids[1] == prompt_id("请验证您的身份")
    sink.clear()
    qtbot.mouseClick(window.footer.repeat, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.LeftButton)
    assert voice.wait_idle()
    assert sink.ids() == ids


def test_volume_returns_to_the_default_after_each_visit(shell, qtbot):
    from PySide6.QtCore import Qt

    window, voice, sink = shell
    window.session.dispatch("choose_service", service_id="social_insurance_payment")
    qtbot.mouseClick(window.footer.louder, Qt.LeftButton)
    qtbot.mouseClick(window.footer.louder, Qt.LeftButton)
    qtbot.mouseClick(window.footer.mute, Qt.LeftButton)
    assert (voice.volume, voice.muted) == (0.9, True)
    assert window.footer.mute.text().startswith("✓")  # the state in a word, not colour alone
    window.session.dispatch("home")
    assert (voice.volume, voice.muted) == (0.7, False)
    assert not window.footer.mute.isChecked()


def test_keys_move_a_visible_focus_and_speak_the_item(shell, qtbot):
    from PySide6.QtCore import Qt

    window, voice, sink = shell
    sink.clear()
    home = window.screens["home"]
    for _ in range(4):  # the search and 取件 come before the first category in reading order
        qtbot.keyClick(window, Qt.Key_Down)
        assert voice.wait_idle()
        if window.keys.focused is home.tiles.get("social_insurance"):
            break
    assert window.keys.focused is home.tiles["social_insurance"]
    assert window.keys.ring.isVisible()
    assert window.keys.ring.geometry().contains(window.keys.focused.geometry().center()
                                                + window.keys.focused.mapTo(window.centralWidget(),
                                                                            window.keys.focused.rect().topLeft())
                                                - window.keys.focused.geometry().topLeft())
    # the category's name with its count of services, synthesised (a count is not in the pack)
    assert sink.ids() and sink.ids()[-1].startswith("tts:")
    qtbot.keyClick(window, Qt.Key_Return)  # opens the category's services
    assert home.browse.category == "social_insurance"
    qtbot.keyClick(window, Qt.Key_Escape)  # Back: to the categories
    assert home.browse.at_top() and window.session.state.value == "home"


def test_a_masked_name_on_screen_is_spoken_masked_and_personal(shell):
    from screens.speech import label_parts

    window, voice, sink = shell
    window.session.visit.display_name = "张*明"
    screen = window.screens["home"]
    screen.title.setText("您好，张*明")
    parts = label_parts(screen, window.session)
    assert parts[0] == Part("您好，张*明", personal=True)


def test_a_text_field_keeps_its_keys(shell, qtbot):
    """Technician mode types into fields: the key navigator leaves those keys alone."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    window, voice, sink = shell
    field = QLineEdit(window.centralWidget())
    field.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "ab1")
    qtbot.keyClick(field, Qt.Key_Down)
    assert field.text() == "ab1" and window.keys.focused is None


def test_keys_reach_only_what_a_cover_leaves_visible(shell):
    """The enlarged page covers the preview: the keys move through its buttons and the footer's."""
    from PySide6.QtWidgets import QFrame, QPushButton

    window, voice, sink = shell
    home = window.screens["home"]
    cover = QFrame(home)
    cover.setObjectName("zoom")
    inside = QPushButton("关闭放大", cover)
    cover.setGeometry(home.rect())
    cover.show()
    items = window.keys.items()
    assert items[0] is inside
    assert all(b is inside or window.footer.isAncestorOf(b) for b in items)
