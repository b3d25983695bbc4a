"""Config changes from the touchscreen: applied live where possible, refused with the key named."""
from __future__ import annotations

import tomllib

import pytest

from kiosk.config import ConfigError
from kiosk.technician_config import ConfigEditor, is_live


def test_a_change_is_saved_atomically_and_applied_live(terminal):
    """Given the config page, when the idle timeout, the terminal name and the language are
    changed and saved, then the file holds them typed, the previous version is in .bak, the
    running kiosk uses them at once, and every change is audited."""
    t = terminal
    path = t.kiosk.cfg.source
    before = path.read_text(encoding="utf-8")
    t.enter()
    page = t.page("config")
    page.editors["session.idle_timeout_s"].setText("90")
    page.editors["terminal.name"].setText("闽侯 上街 园区服务点")
    page.editors["ui.language"].buttons["en"].click()
    t.click(page.save_btn)
    # the language switches to English as part of the change, so the message is in English
    t.qtbot.waitUntil(lambda: "Saved and applied now" in page.message.text(), timeout=10000)
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["session"]["idle_timeout_s"] == 90.0
    assert saved["terminal"]["name"] == "闽侯 上街 园区服务点"
    assert path.with_name(path.name + ".bak").read_text(encoding="utf-8") == before
    assert t.kiosk.session.idle.idle_timeout_s == 90.0
    assert t.window.lang == "en"
    # in English the header shows terminal.name_en (unchanged); the new name shows in Chinese
    assert t.window.header.name.text() == t.kiosk.cfg.terminal.name_en
    t.window.set_language("zh")
    assert t.window.header.name.text() == "闽侯 上街 园区服务点"
    assert t.kiosk.cfg.terminal.name == "闽侯 上街 园区服务点"
    whats = {a["what"] for a in t.audit("config.")}
    assert {"config.session.idle_timeout_s", "config.terminal.name", "config.ui.language"} <= whats
    assert t.mode.active  # still in technician mode, on top


def test_an_invalid_value_is_refused_with_its_message(terminal):
    t = terminal
    path = t.kiosk.cfg.source
    before = path.read_text(encoding="utf-8")
    t.enter()
    page = t.page("config")
    page.editors["platform.base_url"].setText("ftp://platform.example")
    t.click(page.save_btn)
    t.qtbot.waitUntil(lambda: "未保存" in page.message.text(), timeout=10000)
    assert "platform.base_url" in page.message.text() and "ftp://platform.example" in page.message.text()
    assert path.read_text(encoding="utf-8") == before


def test_a_change_that_needs_a_restart_says_so(terminal):
    t = terminal
    t.enter()
    page = t.page("config")
    page.editors["terminal.id"].setText("FZ-PARK-0007")
    t.click(page.save_btn)
    t.qtbot.waitUntil(lambda: "已保存" in page.message.text(), timeout=10000)
    assert "需要重启" in page.message.text() and "terminal.id" in page.message.text()


def test_elder_mode_rebuilds_the_shell_under_the_console(terminal):
    t = terminal
    t.enter()
    page = t.page("config")
    page.editors["ui.elder_mode"].buttons[True].click()
    t.click(page.save_btn)
    t.qtbot.waitUntil(lambda: "已保存" in page.message.text(), timeout=10000)
    assert t.window.theme.elder
    assert t.mode.active and t.mode.corner.parent() is t.window.centralWidget()
    t.click(t.mode.overlay.leave_btn)
    t.tap_corner()
    assert t.mode.active  # the gesture still works on the rebuilt shell


def test_editor_refuses_a_bad_device_option_and_keeps_the_file(tmp_path):
    path = tmp_path / "terminal.toml"
    path.write_text('[terminal]\nid = "FZ-T-1"\n', encoding="utf-8")
    editor = ConfigEditor(path)
    from kiosk.config import load

    cfg = load(path)
    with pytest.raises(ConfigError, match="devices.licence.offset_x_dmm"):
        editor.save(cfg, {"devices.licence.offset_x_dmm": 9999})
    assert path.read_text(encoding="utf-8") == '[terminal]\nid = "FZ-T-1"\n'
    new, diffs = editor.save(cfg, {"devices.licence.offset_x_dmm": "12"})
    assert diffs == {"devices.licence.offset_x_dmm": (0, 12)}
    assert tomllib.loads(path.read_text())["devices"]["licence"]["offset_x_dmm"] == 12
    assert is_live("devices.licence.offset_x_dmm") and not is_live("platform.base_url")


TERMINAL_TOML = '''# 闽侯上街园区服务点 — installed 2026-03-02 by the county IT office
# (call 0591-000000 before changing the platform URL)

[terminal]
id = "FZ-T-1"           # printed on the cabinet
name = "园区服务点"

[session]
# residents here are slow readers: keep the timeout generous
idle_timeout_s = 120

[devices.licence]
offset_x_dmm = 0   # measured with the calibration sheet
'''


def test_a_save_keeps_the_files_comments_order_and_layout(tmp_path):
    """Given a terminal file with comments, blank lines and inline notes, when two values are
    changed (one of them in a new table), then only those lines differ, every comment stays,
    the old file is the .bak, and the file and its .bak are 0600 (they hold the PIN hash; a
    wider mode an operator left is narrowed, issue 12)."""
    from kiosk.config import load

    path = tmp_path / "terminal.toml"
    path.write_text(TERMINAL_TOML, encoding="utf-8")
    path.chmod(0o640)
    editor = ConfigEditor(path)
    new, diffs = editor.save(load(path), {"session.idle_timeout_s": "150",
                                          "devices.licence.offset_x_dmm": -7,
                                          "ui.elder_mode": True})
    assert set(diffs) == {"session.idle_timeout_s", "devices.licence.offset_x_dmm", "ui.elder_mode"}
    text = path.read_text(encoding="utf-8")
    expected = (TERMINAL_TOML.replace("idle_timeout_s = 120", "idle_timeout_s = 150.0")
                .replace("offset_x_dmm = 0   #", "offset_x_dmm = -7   #"))
    assert text.startswith(expected)
    assert tomllib.loads(text[len(expected):]) == {"ui": {"elder_mode": True}}
    assert path.with_name("terminal.toml.bak").read_text(encoding="utf-8") == TERMINAL_TOML
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.with_name(path.name + ".bak").stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(".*.tmp"))
    assert new.session.idle_timeout_s == 150.0 and new.ui.elder_mode is True


def test_a_new_file_says_who_wrote_it_and_has_no_empty_parent_tables(tmp_path):
    from kiosk.config import load

    path = tmp_path / "terminal.toml"
    editor = ConfigEditor(path)
    editor.save(load(None), {"devices.licence.offset_y_dmm": 3})
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Written by the kiosk's technician mode")
    assert "[devices]" not in text and "[devices.licence]" in text
    assert tomllib.loads(text) == {"devices": {"licence": {"offset_y_dmm": 3}}}
    assert path.stat().st_mode & 0o777 == 0o600
