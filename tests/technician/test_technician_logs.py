"""The logs of a whole visit, and the diagnostics export, hold no unmasked name or ID number."""
from __future__ import annotations

import logging
import zipfile

import pytest

from drivers.sim.people import RESIDENTS
from kiosk import logs


@pytest.fixture
def logged_terminal(terminal):
    log_dir = terminal.kiosk.cfg.storage.dir / "logs"
    logs.setup(log_dir, level=logging.DEBUG, console=False)
    terminal.log_dir = log_dir
    try:
        yield terminal
    finally:
        root = logging.getLogger()
        for h in list(root.handlers):
            if getattr(h, "_kiosk", False):
                root.removeHandler(h)
                h.close()
        root.setLevel(logging.WARNING)
        logs.forget_names()


def _leaks(text: str) -> list[str]:
    found = []
    for r in RESIDENTS:
        for secret in (r.name, r.id_number, r.id_number.lower()):
            if secret in text:
                found.append(secret)
    return found


def _visit(t) -> None:
    home = t.window.screens["home"]
    t.qtbot.waitUntil(lambda: home.tiles.get("social_insurance") is not None
                      and home.tiles["social_insurance"].isEnabled(), timeout=30000)
    from screens import catalogue_nav

    catalogue_nav.by_category(home, "social_insurance_payment", t.click)
    t.qtbot.waitUntil(lambda: t.session.state.value == "identify", timeout=20000)
    t.rig.card.place("zhang")
    t.qtbot.waitUntil(lambda: t.session.state.value == "consent", timeout=20000)
    t.click(t.window.screens["consent"].agree)
    t.qtbot.waitUntil(lambda: t.session.state.value == "preview", timeout=20000)
    t.click(t.window.screens["preview"].print_btn)
    t.qtbot.waitUntil(lambda: t.session.state.value == "receipt", timeout=30000)
    t.qtbot.waitUntil(lambda: t.session.visit.receipt_ok is not None, timeout=20000)
    t.rig.card.remove()
    t.click(t.window.screens["receipt"].next)
    t.qtbot.waitUntil(lambda: t.session.state.value == "rating", timeout=20000)
    t.click(t.window.screens["rating"].level_buttons["satisfied"])
    t.click(t.window.screens["rating"].submit)
    t.qtbot.waitUntil(lambda: t.session.state.value == "done", timeout=20000)
    t.click(t.window.screens["done"].finish)
    t.qtbot.waitUntil(lambda: t.session.state.value == "home", timeout=20000)
    t.qtbot.waitUntil(lambda: any(e["type"] == "evaluation.submitted" for e in t.rig.sandbox.events),
                      timeout=30000)


def test_the_logs_of_a_whole_visit_hold_no_name_or_id_number(logged_terminal):
    """Given JSON-lines logs at debug level, when a resident prints a certificate with the ID
    card and the technician reads the same card in a self-test, then no log line holds a
    resident's name or ID number unmasked."""
    t = logged_terminal
    _visit(t)
    logging.getLogger("kiosk.test").info("resident was %s %s", RESIDENTS[0].name, RESIDENTS[0].id_number)
    for h in logging.getLogger().handlers:
        h.flush()
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(t.log_dir.iterdir()))
    assert text.count("\n") > 20, "the visit should have logged something"
    assert "张**" in text and "3501**********123X" in text  # the planted line, masked
    assert _leaks(text) == []


def test_the_diagnostics_export_is_masked_and_has_no_secret(logged_terminal):
    t = logged_terminal
    _visit(t)
    logging.getLogger("kiosk.test").warning("card of %s (%s) refused", RESIDENTS[1].name, RESIDENTS[1].id_number)
    logs.remember_name(RESIDENTS[1].name)
    t.enter()
    page = t.page("export")
    dest = t.kiosk.cfg.storage.dir / "exports"
    assert page.chosen() == dest
    t.click(page.export_btn)
    t.qtbot.waitUntil(lambda: page.last_path is not None, timeout=20000)
    secret = t.kiosk.cfg.terminal.secret_file.read_text().strip()
    with zipfile.ZipFile(page.last_path) as z:
        names = set(z.namelist())
        assert {"config.toml", "status.json", "queue.json", "about.json", "logs/kiosk.jsonl"} <= names
        contents = {n: z.read(n).decode("utf-8") for n in names}
    everything = "\n".join(contents.values())
    assert _leaks(everything) == []
    assert secret not in everything
    assert str(t.kiosk.cfg.terminal.secret_file) in contents["config.toml"]
    assert '"reported"' in contents["queue.json"] or '"printed"' in contents["queue.json"]
    assert "id_card" in contents["status.json"]
    assert any(a["what"] == "diagnostics.export" for a in t.audit("diagnostics."))
