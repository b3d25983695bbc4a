"""Remote config from GET /terminal/config: applied live, refused with a reason, kept over restarts."""
from __future__ import annotations


def config_events(t):
    return [e for e in t.rig.sandbox.events if e["type"] == "terminal.config_changed"]


def test_a_valid_remote_config_is_applied_live_and_reported(terminal):
    t = terminal
    t.wait_ready()
    t.rig.sandbox.set_terminal_config({"session": {"idle_timeout_s": 90}, "ui": {"language": "en"}})
    t.kiosk.sync.kick()
    t.qtbot.waitUntil(lambda: t.session.idle.idle_timeout_s == 90 and t.window.lang == "en", timeout=30000)
    t.qtbot.waitUntil(lambda: any(e["data"]["applied"] for e in config_events(t)), timeout=30000)
    assert t.kiosk.cfg.session.idle_timeout_s == 90
    assert t.kiosk.store.get_meta("remote_config")  # remembered for the next start


def test_an_invalid_remote_config_is_refused_with_the_reason(terminal):
    t = terminal
    t.wait_ready()
    t.rig.sandbox.set_terminal_config({"session": {"idle_timeout_s": -5}})
    t.kiosk.sync.kick()
    t.qtbot.waitUntil(lambda: any(not e["data"]["applied"] for e in config_events(t)), timeout=30000)
    refused = next(e for e in config_events(t) if not e["data"]["applied"])
    assert "session.idle_timeout_s" in refused["data"]["reason"]
    assert t.session.idle.idle_timeout_s == 60


def test_identity_and_storage_cannot_be_set_remotely(terminal):
    t = terminal
    t.wait_ready()
    t.rig.sandbox.set_terminal_config({"terminal": {"id": "FZ-EVIL-0001"}})
    t.kiosk.sync.kick()
    t.qtbot.waitUntil(lambda: any(not e["data"]["applied"] for e in config_events(t)), timeout=30000)
    assert t.kiosk.cfg.terminal.id == "FZ-DEMO-0001"
