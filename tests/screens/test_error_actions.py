"""Every error screen offers the fix first and 结束办理 second, and each button does what it says."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.session import Session, SessionState, VisitRecord  # noqa: E402
from screens.messages import ERRORS, RETRY_BY_METHOD  # noqa: E402

#: what a button's words promise → the screen it must lead to
PROMISE = {
    "重新放置身份证": SessionState.IDENTIFY, "重新放置社保卡": SessionState.IDENTIFY,
    "重新扫码": SessionState.IDENTIFY, "重新验证身份": SessionState.IDENTIFY, "重新办理": SessionState.IDENTIFY,
    "重新输入信用代码": SessionState.LICENCE_CODE, "重新输入取件码": SessionState.PICKUP_CODE,
    "领取取件码，稍后打印": SessionState.OFFLINE_OFFER, "结束办理": SessionState.RATING,
    "重新开始": SessionState.HOME,
}
CASES = [(key, None) for key in ERRORS] + [("identity_rejected", m) for m in RETRY_BY_METHOD]


def _error_screen(qtbot, key: str, method: str | None):
    from screens.problems import ErrorScreen
    from screens.theme import Theme

    session = Session(services={"no_housing": {"id": "no_housing", "identity": ["id_card", "efz_qr"]}})
    session.state = SessionState.ERROR
    session.visit = VisitRecord(service_id="no_housing", error=key, identity_method=method, job_id="J1")
    screen = ErrorScreen(Theme())
    qtbot.addWidget(screen)
    screen.intent.connect(lambda intent, payload: session.dispatch(intent, **payload))
    screen.enter(session)
    screen.show()
    return session, screen


def _buttons(screen):
    from PySide6.QtWidgets import QPushButton

    return [b for b in screen.actions_host.findChildren(QPushButton) if b.isVisible()]


@pytest.mark.parametrize("key,method", CASES)
def test_the_first_button_fixes_it_and_leads_where_it_says(qtbot, key, method):
    """Given an error screen, then its first button is primary and leads where its words say;
    a second button, when there is one, is 结束办理 and leads to the rating."""
    from PySide6.QtCore import Qt

    session, screen = _error_screen(qtbot, key, method)
    buttons = _buttons(screen)
    assert 1 <= len(buttons) <= 2
    assert buttons[0].objectName() == "primary"
    assert "继续" not in [b.text() for b in buttons]  # a bare "continue" says nothing
    if len(buttons) == 2:
        assert buttons[1].text() == "结束办理" and buttons[1].objectName() == "secondary"
    if key == "token_expired" or method == "efz_qr":
        assert "卡" not in buttons[0].text()  # the resident scanned a code, not a card
    words = buttons[0].text()
    assert words in PROMISE, words
    qtbot.mouseClick(buttons[0], Qt.LeftButton)
    assert session.state == PROMISE[words], (key, words)


@pytest.mark.parametrize("key", [k for k, (_i, _t, _m, actions) in ERRORS.items() if len(actions) == 2])
def test_finish_leads_to_a_rating_that_says_the_visit_did_not_complete(qtbot, key):
    from PySide6.QtCore import Qt

    from screens.finish import RatingScreen
    from screens.theme import Theme

    session, screen = _error_screen(qtbot, key, "id_card")
    qtbot.mouseClick(_buttons(screen)[1], Qt.LeftButton)
    assert session.state == SessionState.RATING
    rating = RatingScreen(Theme())
    qtbot.addWidget(rating)
    rating.enter(session)
    assert rating.subtitle.text() == "本次业务未能完成，也请告诉我们您的感受。"


def test_no_technical_words_on_error_screens():
    texts = " ".join(title + message for _i, title, message, _a in ERRORS.values())
    for word in ("校验未通过", "平台返回", "错误代码", "存储", "integrity"):
        assert word not in texts, word
