"""The catalogue on a running kiosk: a new version arrives live, never under a resident; any
printable service prints (by ID card and by the e福州 code); a broken answer keeps the last good."""
from __future__ import annotations

import copy


def _new_version(t, add: list[dict] | None = None) -> dict:
    from kiosk.sandbox.catalogue import FULL

    body = copy.deepcopy(FULL)
    body["version"] = "live-2"
    body["services"] += add or []
    t.rig.sandbox.state.set_catalogue(body)
    t.kiosk.sync.kick()
    return body


OPERATOR_SERVICE = {
    "id": "elderly_discount_certificate", "name": {"zh": "老年人优待证明", "en": "Senior discount certificate"},
    "category": "civil_affairs", "kind": "print", "identity": ["id_card", "efz_qr"], "printer": "document",
}


def test_a_new_catalogue_waits_for_the_resident_then_shows(terminal):
    """Given a resident in a visit, when the platform's catalogue changes, then nothing changes
    under them; once the visit is over the home screen shows the new service, no restart."""
    t = terminal
    t.wait_ready()
    t.choose("medical_insurance")
    _new_version(t, [OPERATOR_SERVICE])
    t.qtbot.waitUntil(lambda: t.kiosk._pending_catalogue is not None, timeout=30000)
    assert "elderly_discount_certificate" not in t.session.services  # not mid-visit
    assert t.state == "identify"
    t.click(t.window.footer.home)
    t.qtbot.waitUntil(lambda: "elderly_discount_certificate" in t.session.services, timeout=10000)
    assert len(t.session.catalogue.category("civil_affairs").service_ids) == 7
    assert t.kiosk.store.catalogue()[0]["version"] == "live-2"
    assert "medical_insurance" in t.screen("home").popular_buttons  # 常用: counted at this terminal
    t.choose("elderly_discount_certificate")  # reachable at once, without a restart


def test_a_catalogue_waits_while_a_resident_browses_the_home_screen(terminal):
    t = terminal
    t.wait_ready()
    home = t.screen("home")
    t.click(home.tiles["civil_affairs"])
    _new_version(t, [OPERATOR_SERVICE])
    t.qtbot.waitUntil(lambda: t.kiosk._pending_catalogue is not None, timeout=30000)
    assert "elderly_discount_certificate" not in home.tiles and not home.at_top()
    t.click(home.back_btn)
    t.kiosk._publish_status()  # the status timer's turn (every 5 s) applies it on an idle home
    t.qtbot.waitUntil(lambda: "elderly_discount_certificate" in t.session.services, timeout=10000)


def test_an_operators_new_service_prints_a_generic_certificate_by_id_card(terminal):
    """A printable service with no layout or template of its own prints end to end."""
    t = terminal
    t.wait_ready()
    _new_version(t, [OPERATOR_SERVICE])
    t.qtbot.waitUntil(lambda: "elderly_discount_certificate" in t.session.services, timeout=30000)
    t.choose("elderly_discount_certificate")
    t.rig.card.place("lin")
    t.wait_state("consent")
    t.click(t.screen("consent").agree)
    t.wait_state("preview", timeout=40000)
    t.click(t.screen("preview").print_btn)
    t.wait_state("receipt", timeout=40000)
    pdfs = t.rig.printed_pdfs()
    assert pdfs
    from pypdf import PdfReader

    text = PdfReader(str(pdfs[-1])).pages[0].extract_text().replace("\x00", "")
    assert "老年人优待证明" in text and "林**" in text.replace(" ", "")


def test_a_templated_certificate_prints_by_efz_code_found_by_search(terminal):
    t = terminal
    t.wait_ready()
    t.choose("citizen_card_info", by_search=True)
    t.rig.scanner.send("efz://id?token=EFZ-DEMO-ZHANG")
    t.wait_state("consent")
    assert "市民卡信息证明" in t.screen("consent").why.text()
    t.click(t.screen("consent").agree)
    t.wait_state("preview", timeout=40000)
    t.click(t.screen("preview").print_btn)
    t.wait_state("receipt", timeout=40000)
    assert t.session.visit.outcome == "printed"


def test_a_broken_catalogue_answer_keeps_the_home_screen(terminal):
    t = terminal
    t.wait_ready()
    before = dict(t.session.services)
    t.rig.sandbox.state.set_catalogue({"version": "broken", "services": [{"id": "x", "kind": "teleport"}]})
    t.kiosk.sync.kick()
    t.qtbot.waitUntil(lambda: bool(t.kiosk.store.get_meta("catalogue.problem")), timeout=30000)
    assert t.session.services == before and t.screen("home").tiles["social_insurance"].isEnabled()
