"""The card reminder on a simulated terminal: the GA 467 reader on a real pty reports whether
the card still lies there, and the end of the visit follows."""
from __future__ import annotations


def _visit_to_rating(t):
    t.wait_ready()
    t.choose("social_insurance_payment")
    t.rig.card.place("zhang")
    t.wait_state("consent")
    t.click(t.screen("consent").agree)
    t.wait_state("preview")
    t.click(t.screen("preview").print_btn)
    t.wait_state("receipt")
    t.qtbot.waitUntil(lambda: t.session.visit.receipt_ok is not None, timeout=20000)
    text = t.rig.receipt.receipts[-1].text
    assert "扫描二维码可核验真伪" in text and b"efz://verify?code=" in t.rig.receipt.receipts[-1].raw
    t.click(t.screen("receipt").next)
    t.wait_state("rating")


def test_a_card_left_on_the_reader_is_asked_for_then_lifting_it_goes_home(terminal):
    """Given a visit whose ID card stays on the reader, when it ends, then take_card shows
    请取回您的身份证 and the document reminder, without the resident's data; when the card is
    lifted, home."""
    t = terminal
    seen = []
    t.session.on_change(lambda s, old, new, intent: seen.append(new.value))
    _visit_to_rating(t)
    t.click(t.screen("rating").skip)
    t.wait_state("done")
    t.click(t.screen("done").finish)
    t.wait_state("take_card")
    screen = t.screen("take_card")
    assert screen.title.text() == "请取回您的身份证"
    assert "凭条" in screen.also.text()
    assert not any("张伟明" in s or "35010219850312123X" in s for s in t.texts())
    t.qtbot.wait(600)  # three polls of the reader: the card is still there, so is the reminder
    assert t.state == "take_card"
    t.rig.card.remove()
    t.qtbot.waitUntil(lambda: t.state == "home", timeout=10000)
    assert seen[-2:] == ["take_card", "home"]


def test_a_card_lifted_after_the_read_goes_home_as_before(terminal):
    t = terminal
    seen = []
    t.session.on_change(lambda s, old, new, intent: seen.append(new.value))
    t.wait_ready()
    t.choose("social_insurance_payment")
    t.rig.card.place("zhang")
    t.wait_state("consent")
    assert "verifying" in seen
    verifying = t.screen("verifying")
    verifying.enter(t.session)  # what it said while the card was being verified
    assert verifying.subtitle.text() == "读卡成功，请取走您的身份证"
    t.rig.card.remove()
    t.qtbot.waitUntil(lambda: not t.session.cards_present, timeout=10000)
    t.click(t.window.footer.home)
    assert t.state == "home" and "take_card" not in seen
