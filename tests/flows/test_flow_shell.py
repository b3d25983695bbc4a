"""The shell: attract screen, the idle countdown a touch extends, the wipe, 长辈版, 中文/English,
portrait, and the kiosk lockdown."""
from __future__ import annotations

import re

from PySide6.QtCore import QPoint, Qt

NAME, ID_NUMBER, MASKED = "张伟明", "35010219850312123X", "张*明"
CJK = re.compile(r"[\u4e00-\u9fff]")


class FakeClock:
    def __init__(self):
        self.now = 10_000.0

    def __call__(self):
        return self.now


def _fake_clock(t) -> FakeClock:
    clock = FakeClock()
    t.session._clock = clock
    t.session.idle.touch(clock.now)
    return clock


def _to_preview(t, service="social_insurance_payment"):
    t.wait_ready()
    t.choose(service)
    t.rig.card.place("zhang")
    t.wait_state("consent")
    t.click(t.screen("consent").agree)
    t.wait_state("preview")


def test_attract_after_idle_and_a_touch_wakes(terminal):
    t = terminal
    t.wait_ready()
    clock = _fake_clock(t)
    clock.now += 61
    t.wait_state("attract")
    assert not t.window.header.isVisible() and not t.window.footer.isVisible()
    t.qtbot.mouseClick(t.screen("attract"), Qt.LeftButton, pos=QPoint(50, 50))
    t.wait_state("home")


def test_the_countdown_a_touch_extends_then_the_wipe(terminal):
    from PySide6.QtWidgets import QLabel

    t = terminal
    _to_preview(t)
    clock = _fake_clock(t)
    clock.now += 61
    overlay = t.window.overlay
    t.qtbot.waitUntil(lambda: overlay.isVisible(), timeout=5000)
    assert "10 秒后将返回首页" in overlay.message.text()
    clock.now += 4
    t.qtbot.waitUntil(lambda: "6 秒" in overlay.message.text(), timeout=5000)
    # One touch anywhere (here on the dimmed screen) gives the person more time.
    t.qtbot.mouseClick(overlay, Qt.LeftButton, pos=QPoint(20, 20))
    t.qtbot.waitUntil(lambda: not overlay.isVisible(), timeout=5000)
    assert t.state == "preview"
    clock.now += 30
    t.qtbot.wait(600)
    assert t.state == "preview" and not overlay.isVisible()
    clock.now += 40
    t.qtbot.waitUntil(lambda: overlay.isVisible(), timeout=5000)
    t.click(overlay.extend)  # "I need more time"
    assert not overlay.isVisible() and t.state == "preview"
    clock.now += 61
    t.qtbot.waitUntil(lambda: overlay.isVisible(), timeout=5000)
    clock.now += 11
    t.wait_state("home")

    # The wipe: nothing of the resident is left in any widget, the session or the preview cache.
    assert not overlay.isVisible()
    assert not [s for s in t.texts() if NAME in s or ID_NUMBER in s or MASKED in s]
    assert t.session.visit.identity is None and t.session.visit.job_id is None
    assert len(t.kiosk.previews) == 0
    page = t.screen("preview").page
    assert page.pixmap() is None or page.pixmap().isNull()
    assert all(lab.pixmap() is None or lab.pixmap().isNull() or lab.pixmap().width() < 400
               for lab in t.window.findChildren(QLabel))


def test_the_wipe_after_a_licence_and_a_pickup_code(terminal):
    t = terminal
    t.wait_ready()
    t.wait_licence_jobs()
    t.click(t.screen("home").tiles["licence"])
    t.wait_state("licence_code")
    t.type_keys(t.screen("licence_code"), "91350100MA2Y8K3L2H")
    t.click(t.screen("licence_code").confirm)
    t.wait_state("identify")
    t.rig.card.place("zhang")
    t.wait_state("consent")
    t.click(t.screen("consent").agree)
    t.wait_state("licence_options")
    t.click(t.window.footer.home)
    t.wait_state("home")
    texts = t.texts()
    assert not [s for s in texts if "91350100MA2Y8K3L2H" in s or "闽都" in s or NAME in s or MASKED in s]
    assert t.screen("licence_code").text == ""


def _switch_elder(t, on: bool):
    """Press the footer's 长辈版 switch and wait for the rebuilt window."""
    old = t.window.current_screen()
    t.click(t.window.footer.elder)
    t.qtbot.waitUntil(lambda: t.window.theme.elder is on and t.window.current_screen() is not old
                      and t.window.footer.elder.isVisible(), timeout=5000)
    assert t.window.footer.elder.isChecked() is on
    return t.window.current_screen()


def test_elder_mode_switched_mid_visit_keeps_the_visit(terminal):
    """Given a resident mid-visit (a category open, a code half typed, the preview shown),
    when 长辈版 is switched in the footer of that screen, then the same screen comes back larger
    with the same session and what was entered (category, typed digits, preview page, copies)."""
    t = terminal
    t.wait_ready()
    home = t.screen("home")
    t.click(home.tiles["social_insurance"])
    t.qtbot.waitUntil(lambda: t.screen("home").browse.category == "social_insurance", timeout=5000)
    home = _switch_elder(t, True)
    assert t.state == "home" and home.browse.category == "social_insurance"
    assert home.title.text() != ""  # the category's page, not the categories
    home = _switch_elder(t, False)
    assert home.browse.category == "social_insurance"
    t.click(home.back_btn)
    t.qtbot.waitUntil(lambda: t.screen("home").tiles.get("pickup") is not None, timeout=5000)
    # a code half typed on the pickup keypad
    t.click(t.screen("home").tiles["pickup"])
    t.wait_state("pickup_code")
    visit = t.session.visit
    t.type_keys(t.screen("pickup_code"), "4027")
    keypad = _switch_elder(t, True)
    assert t.state == "pickup_code" and t.session.visit is visit
    assert keypad.text == "4027" and keypad.display.text().startswith("4027")
    assert keypad.theme.elder and keypad.isVisible()
    t.type_keys(keypad, "1")
    keypad = _switch_elder(t, False)
    assert keypad.text == "40271"
    t.click(t.window.footer.home)
    t.wait_state("home")
    # the preview: its page and the copies chosen
    _to_preview(t)
    preview = t.screen("preview")
    t.click(preview.plus)
    t.qtbot.waitUntil(lambda: t.session.visit.copies == 2, timeout=5000)
    if preview.next_page.isEnabled():
        t.click(preview.next_page)
    page = preview.page_index
    visit = t.session.visit
    preview = _switch_elder(t, True)
    assert t.state == "preview" and t.session.visit is visit and visit.identity is not None
    assert preview.page_index == page and preview.copies.text() == "2"
    assert preview.page.pixmap() is not None and not preview.page.pixmap().isNull()
    assert t.window.height() <= 1080
    preview = _switch_elder(t, False)
    assert t.state == "preview" and preview.page_index == page


def _visible_texts(t) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    widgets = t.window.current_screen().findChildren(QLabel) + t.window.current_screen().findChildren(QAbstractButton)
    widgets += t.window.footer.findChildren(QAbstractButton)
    return [w.text() for w in widgets if w.isVisible() and w.text()]


def _check_english(t) -> None:
    t.click(t.window.footer.language)
    assert t.window.lang == "en"
    # a masked name (林**) is the person's own name, the same in every language
    chinese = [s for s in _visible_texts(t) if CJK.search(re.sub("[\u4e00-\u9fff][*]+", "", s.replace("中文", "")))]
    assert chinese == [], f"{t.state}: {chinese}"
    t.click(t.window.footer.language)
    assert t.window.lang == "zh" and t.window.footer.language.text() == "English"


def test_english_on_every_screen_of_a_visit(terminal):
    t = terminal
    t.wait_ready()
    _check_english(t)
    t.choose("medical_insurance")
    _check_english(t)
    t.rig.scanner.send("efz://id?token=EFZ-DEMO-LIN")
    t.wait_state("consent")
    _check_english(t)
    t.click(t.screen("consent").agree)
    t.wait_state("preview")
    _check_english(t)
    t.click(t.screen("preview").print_btn)
    t.wait_state("receipt")
    t.qtbot.waitUntil(lambda: t.session.visit.receipt_ok is not None, timeout=20000)
    _check_english(t)
    t.click(t.screen("receipt").next)
    t.wait_state("rating")
    t.click(t.screen("rating").level_buttons["dissatisfied"])
    _check_english(t)
    t.click(t.screen("rating").skip)
    t.wait_state("done")
    _check_english(t)


def test_portrait_terminal(make_terminal):
    t = make_terminal(orientation="portrait")
    _to_preview(t, "no_housing")
    assert t.window.theme.portrait
    assert t.window.width() <= 1080 and t.window.height() <= 1920
    assert t.screen("preview").page.pixmap().height() > 600
    t.click(t.screen("preview").print_btn)
    t.wait_state("receipt")
    assert len(t.rig.printed_pdfs()) == 1


def test_kiosk_lockdown(make_terminal):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QContextMenuEvent

    t = make_terminal(extra={"ui": {"fullscreen": True}}, show=False)
    t.wait_ready()
    t.kiosk.show_window()
    t.qtbot.waitUntil(lambda: t.window.isVisible(), timeout=5000)
    assert t.window.windowFlags() & Qt.FramelessWindowHint
    assert t.window.isFullScreen()
    assert t.window.contextMenuPolicy() == Qt.NoContextMenu
    tile = t.screen("home").tiles["social_insurance"]
    event = QContextMenuEvent(QContextMenuEvent.Mouse, QPoint(5, 5), QPoint(5, 5))
    assert event.type() == QEvent.ContextMenu
    assert t.window.touch_filter.eventFilter(tile, event) is True  # swallowed everywhere
    for key, mod in ((Qt.Key_F4, Qt.AltModifier), (Qt.Key_Q, Qt.ControlModifier), (Qt.Key_W, Qt.ControlModifier),
                     (Qt.Key_Escape, Qt.NoModifier), (Qt.Key_Tab, Qt.AltModifier)):
        t.qtbot.keyClick(t.window, key, mod)
    assert t.window.isVisible() and t.window.isFullScreen() and t.state == "home"
    assert all(not b.focusPolicy() & Qt.TabFocus for b in t.screen("home").tiles.values())
