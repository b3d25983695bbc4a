"""Remote config is an allowlist: every other key is refused with its reason, each key's true
outcome (applied / restart / refused) is reported, and the technician sees where a value came from."""
from __future__ import annotations

import json

from kiosk import remote_config
from kiosk.remote_config import evaluate

HOSTILE = {
    "platform": {"base_url": "http://evil.example.com/api", "ca_bundle": "/tmp/evil.pem"},
    "devices": {"document": {"driver": "file", "dir": "/etc"}, "licence": {"offset_x_dmm": 40},
                "receipt": {"uri": "tcp://10.0.0.9:9100"}},
    "ui": {"fullscreen": False},
    "storage": {"dir": "/tmp"},
    "technician": {"pin_hash": ""},
    "terminal": {"id": "FZ-EVIL-0001"},
}


def test_every_key_outside_the_allowlist_is_refused_with_its_reason():
    outcomes, accepted = evaluate(None, HOSTILE)
    assert accepted == {}
    for key in ("platform.base_url", "platform.ca_bundle", "devices.document.driver", "devices.document.dir",
                "devices.licence.offset_x_dmm", "devices.receipt.uri", "ui.fullscreen", "storage.dir",
                "technician.pin_hash", "terminal.id"):
        assert outcomes[key]["outcome"] == "refused" and outcomes[key]["reason"], key
    assert "technician" in outcomes["devices.licence.offset_x_dmm"]["reason"]
    assert "lockdown" in outcomes["ui.fullscreen"]["reason"]


def test_allowed_keys_are_applied_or_wait_for_a_restart_and_bad_values_are_refused():
    outcomes, accepted = evaluate(None, {"session": {"idle_timeout_s": 90, "countdown_s": 1},
                                         "ui": {"language": "en", "elder_mode": True},
                                         "terminal": {"name": "鼓楼区 政务服务中心"},
                                         "schedule": {"opening_hours": "08:00-20:00"},
                                         "services": {"disabled": ["no_housing"]},
                                         "voice": {"enabled": False}})
    assert outcomes["session.idle_timeout_s"] == {"outcome": "applied"}
    assert outcomes["voice.enabled"] == {"outcome": "restart"}
    assert outcomes["session.countdown_s"]["outcome"] == "refused"
    assert "session.countdown_s" in outcomes["session.countdown_s"]["reason"]
    assert "countdown_s" not in accepted["session"] and accepted["services"]["disabled"] == ["no_housing"]


def _events(t):
    return [e for e in t.rig.sandbox.events if e["type"] == "terminal.config_changed"]


def test_a_mixed_remote_config_applies_the_allowed_keys_and_reports_each_outcome(terminal):
    """Given the platform sends allowed and forbidden keys together, then the allowed ones take
    effect, the forbidden ones do not, the event says which is which, and a restart re-applies
    only the allowed ones (never a calibration over the technician's)."""
    t = terminal
    t.wait_ready()
    t.rig.sandbox.set_terminal_config({**HOSTILE, "session": {"idle_timeout_s": 90},
                                       "services": {"disabled": ["no_housing"]}, "voice": {"enabled": False},
                                       "schedule": {"opening_hours": "00:00-23:59"}})
    t.kiosk.sync.kick()
    t.qtbot.waitUntil(lambda: len(_events(t)) >= 1, timeout=30000)
    data = _events(t)[-1]["data"]
    assert data["applied"] is False and "platform.base_url" in data["reason"]
    outcomes = data["outcomes"]
    assert outcomes["session.idle_timeout_s"]["outcome"] == "applied"
    assert outcomes["voice.enabled"]["outcome"] == "restart"
    assert outcomes["devices.licence.offset_x_dmm"]["outcome"] == "refused"
    t.qtbot.waitUntil(lambda: t.session.idle.idle_timeout_s == 90, timeout=10000)
    t.qtbot.waitUntil(lambda: "no_housing" not in t.session.services, timeout=10000)
    cfg = t.kiosk.cfg
    assert cfg.platform.base_url == t.rig.sandbox.url
    assert cfg.devices["licence"].options().offset_x_dmm == 0 and cfg.terminal.id == "FZ-DEMO-0001"
    assert cfg.voice.enabled is True  # restart-only: not claimed to be in effect
    assert cfg.schedule.opening_hours == "00:00-23:59"  # applied live (the schedule is rebuilt)
    remembered = json.loads(t.kiosk.store.get_meta("remote_config"))
    assert set(remote_config.flatten(remembered)) == {"session.idle_timeout_s", "services.disabled",
                                                      "voice.enabled", "schedule.opening_hours"}
    where = remote_config.provenance(cfg, t.kiosk.remote_config.remembered)
    assert where["session.idle_timeout_s"] == {"value": 90, "source": "platform"}
    assert where["ui.language"]["source"] in ("terminal file", "default")


def test_a_remembered_forbidden_key_from_an_older_version_is_dropped_at_start(terminal):
    t = terminal
    t.kiosk.store.set_meta("remote_config", json.dumps({"devices": {"licence": {"offset_x_dmm": 40}},
                                                        "session": {"idle_timeout_s": 120}}))
    t.kiosk.remote_config.restore()
    t.qtbot.waitUntil(lambda: t.session.idle.idle_timeout_s == 120, timeout=10000)
    assert t.kiosk.cfg.devices["licence"].options().offset_x_dmm == 0
