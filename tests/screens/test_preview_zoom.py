"""放大查看: the page fills the screen and pans by dragging or with the arrows; ‹ › on one page."""
from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def test_the_enlarged_page_fills_the_screen_and_pans(qtbot):
    from PySide6.QtCore import QPoint, Qt

    from drivers.sim.people import resident
    from kiosk.preview import PreviewCache
    from kiosk.sandbox.documents import render_certificate
    from kiosk.session import Session, SessionState, VisitRecord
    from screens.document import PreviewScreen
    from screens.theme import Theme

    previews = PreviewCache()
    pdf = render_certificate("social_insurance_payment", resident("zhang"), verify_code="TESTZOOM0001",
                             issued=dt.date(2025, 3, 14))
    pages = previews.render("J1", pdf)
    session = Session()
    session.state = SessionState.PREVIEW
    session.visit = VisitRecord(service_id="social_insurance_payment", job_id="J1", pages=pages)
    screen = PreviewScreen(Theme(elder=True), previews)
    qtbot.addWidget(screen)
    screen.resize(1920, 860)
    screen.show()
    screen.enter(session)
    assert pages == 1 and not screen.prev_page.isEnabled() and not screen.next_page.isEnabled()

    qtbot.mouseClick(screen.zoom_btn, Qt.LeftButton)
    zoom = screen.zoom
    assert zoom.isVisible() and zoom.geometry() == screen.rect()
    assert zoom.page.pixmap().width() >= screen.width() - 64  # the page as wide as the screen
    assert zoom.area.position() == (0, 0)
    qtbot.mouseClick(zoom.arrows["down"], Qt.LeftButton)
    assert zoom.area.position()[1] > 0
    x, y = zoom.area.position()
    view = zoom.area.viewport()
    qtbot.mousePress(view, Qt.LeftButton, pos=QPoint(400, 500))
    qtbot.mouseMove(view, QPoint(400, 300))
    qtbot.mouseRelease(view, Qt.LeftButton, pos=QPoint(400, 300))
    assert zoom.area.position()[1] > y  # dragged up: further down the page

    qtbot.mouseClick(zoom.close_btn, Qt.LeftButton)
    assert not zoom.isVisible()
    screen.wipe()
    assert zoom.page.pixmap().isNull()


def test_a_disabled_page_button_looks_disabled(qtbot):
    """‹ on the first page (and ‹ › on a one-page document) is drawn in grey, not in the blue of a
    button that can be pressed: a resident sees it will do nothing."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from screens.catalogue_views import Pager
    from screens.theme import Theme

    theme = Theme()
    pager = Pager(theme, lambda: None, lambda: None)
    pager.setStyleSheet(theme.style_sheet())
    qtbot.addWidget(pager)
    pager.resize(1200, 140)
    pager.set_page(0, 3)
    pager.show()
    QApplication.processEvents()

    def edge(button) -> QColor:  # the border's colour, halfway down its left side
        image = button.grab().toImage()
        return image.pixelColor(1, image.height() // 2)

    enabled, disabled = edge(pager.next), edge(pager.prev)
    assert pager.next.isEnabled() and not pager.prev.isEnabled()
    assert enabled.blue() - enabled.red() > 80          # blue
    assert abs(disabled.blue() - disabled.red()) < 40   # grey
