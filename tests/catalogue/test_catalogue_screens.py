"""The catalogue on the home screen (offscreen Qt, no devices): paging, search keypad, unknown
icons and categories, the guide screen."""
from __future__ import annotations

import pytest

from kiosk.catalogue import build
from kiosk.catalogue_search import SearchIndex


def _svc(sid, zh, category, kind="print", **extra):
    s = {"id": sid, "name": {"zh": zh, "en": sid.replace("_", " ")}, "category": category, "kind": kind}
    if kind == "guide":
        s["guide"] = {"text": {"zh": "请扫码办理"}, "link": f"https://www.efuzhou.example/app/service/{sid}"}
    else:
        s.update(identity=["id_card", "efz_qr"], printer="document")
    return {**s, **extra}


BODY = {
    "version": "t1",
    "categories": [{"id": "long", "name": {"zh": "长类", "en": "Long"}, "icon": "social_insurance"},
                   {"id": "odd", "name": {"zh": "怪图标", "en": "Odd icon"}, "icon": "unicorn-42"},
                   {"id": "one", "name": {"zh": "单项", "en": "Single"}, "icon": "licence"}],
    "services": [_svc(f"long_{i:02d}", f"第{i}号证明", "long") for i in range(19)]
    + [_svc("odd_cert", "怪证明", "odd"), _svc("lonely_guide", "孤单指引", "one", kind="guide"),
       _svc("martian", "火星居住证明", "mars"), _svc("no_category", "无类别证明", None)],
}


@pytest.fixture
def shell(qtbot):
    from kiosk.preview import PreviewCache
    from kiosk.session import Session
    from screens.shell import ShellWindow
    from screens.theme import Theme

    catalogue = build(BODY)
    session = Session(services=catalogue.services)
    session.catalogue, session.search_index = catalogue, SearchIndex(catalogue.services)
    window = ShellWindow(session, terminal_name="T", theme=Theme(), previews=PreviewCache())
    qtbot.addWidget(window)
    window.timer.stop()
    window.resize(1920, 1080)
    with qtbot.waitExposed(window):
        window.show()
    window.set_availability({sid: None for sid in list(catalogue.services) + ["pickup"]})
    return window


def _click(qtbot, widget):
    from PySide6.QtCore import Qt

    assert widget.isVisible() and widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.LeftButton)


def test_a_long_category_pages_with_big_buttons(qtbot, shell):
    """Given 19 services in one category, when a resident opens it, then 8 show per page with
    上一页/下一页 and 第 x / y 页, and the last page holds the rest."""
    home = shell.screens["home"]
    assert "19" in home.tiles["long"].text()
    _click(qtbot, home.tiles["long"])
    assert home.pager.isVisible() and "第 1 / 3 页" in home.pager.label.text()
    assert not home.pager.prev.isEnabled()
    first = [k for k in home.tiles if k.startswith("long_")]
    assert first == [f"long_{i:02d}" for i in range(8)]
    _click(qtbot, home.pager.next)
    _click(qtbot, home.pager.next)
    assert "第 3 / 3 页" in home.pager.label.text() and not home.pager.next.isEnabled()
    assert list(home.tiles) == ["long_16", "long_17", "long_18"]
    _click(qtbot, home.tiles["long_17"])
    assert shell.session.state.value == "identify" and shell.session.visit.service_id == "long_17"


def test_unknown_icon_and_unknown_categories_stay_reachable(qtbot, shell):
    from screens import icons

    home = shell.screens["home"]
    odd = home.tiles["odd"]
    assert odd.isEnabled() and odd.icon_label.pixmap().toImage() == icons.pixmap(icons.NEUTRAL, odd.icon_label.pixmap().width()).toImage()
    assert "other" in home.tiles and "其他" in home.tiles["other"].text()
    _click(qtbot, home.tiles["other"])
    assert {"martian", "no_category"} <= set(home.tiles)


def test_a_category_of_one_guide_service_opens_its_guide_screen(qtbot, shell):
    home = shell.screens["home"]
    _click(qtbot, home.tiles["one"])
    assert shell.session.state.value == "guide"
    guide = shell.screens["guide"]
    assert guide.title.text() == "孤单指引" and not guide.qr.pixmap().isNull()
    assert "lonely_guide" in guide.link.text()
    _click(qtbot, guide.back)
    assert shell.session.state.value == "home" and home.at_top()


def test_search_by_initials_on_the_keypad_results_as_typed(qtbot, shell):
    home = shell.screens["home"]
    _click(qtbot, home.search_btn)
    for ch in "HX":  # 火星居住证明
        _click(qtbot, home.key_buttons[ch])
    assert "martian" in home.tiles and home.search_panel.query.text() == "HX"
    for ch in "QQ":
        _click(qtbot, home.key_buttons[ch])
    assert not home.tiles and home.search_panel.empty.isVisible()
    _click(qtbot, home.search_panel.delete)
    _click(qtbot, home.search_panel.delete)
    _click(qtbot, home.tiles["martian"])
    assert shell.session.visit.service_id == "martian"


def test_english_words_search_in_english(qtbot, shell):
    home = shell.screens["home"]
    shell.set_language("en")
    _click(qtbot, home.search_btn)
    for ch in "ODD":
        _click(qtbot, home.key_buttons[ch])
    assert list(home.tiles) == ["odd_cert"]


def test_each_service_is_reached_as_a_resident_would(qtbot, shell):
    """Every service of the catalogue, by category (with paging) and by search."""
    from screens import catalogue_nav

    session = shell.session
    for sid in session.services:
        for reach in (catalogue_nav.by_category, catalogue_nav.by_search):
            reach(shell.screens["home"], sid, lambda w: _click(qtbot, w))
            assert session.visit.service_id == sid, (sid, reach.__name__)
            session.dispatch("home")


def test_the_categories_page_too_and_the_popular_row_leads_to_its_service(qtbot):
    """Given the sandbox's 15 categories in 长辈版 (8 tiles a page) and a 常用 row, then the
    categories page with 下一页 and a 常用 button starts its service."""
    from kiosk.preview import PreviewCache
    from kiosk.sandbox.catalogue import FULL
    from kiosk.session import Session
    from screens import catalogue_nav
    from screens.shell import ShellWindow
    from screens.theme import Theme

    catalogue = build(FULL)
    session = Session(services=catalogue.services)
    session.catalogue = catalogue
    window = ShellWindow(session, terminal_name="T", theme=Theme(elder=True), previews=PreviewCache())
    qtbot.addWidget(window)
    window.timer.stop()
    window.resize(1920, 1080)
    window.show()
    home = window.screens["home"]
    home.set_popular(["no_housing", "passport_apply"])
    window.set_availability({sid: None for sid in list(catalogue.services) + ["pickup"]})
    assert home.pager.isVisible() and "education" not in home.tiles
    catalogue_nav.by_category(home, "student_status_certificate", lambda w: _click(qtbot, w))
    assert session.visit.service_id == "student_status_certificate"
    session.dispatch("home")
    _click(qtbot, home.popular_buttons["passport_apply"])
    assert session.state.value == "guide"
