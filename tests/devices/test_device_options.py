"""Device options typed per driver: each ``[devices.NAME]`` table is validated once, at load,
against its own driver's options model (a union keyed on ``driver``); a bad table is refused
with a message naming the device, the key and the reason."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from drivers import options as o
from drivers import registry
from kiosk import config as config_mod

ROOT = Path(__file__).resolve().parents[2]

#: driver → (a valid table, (key, bad value) pairs each refused on its own)
CASES: dict[str, tuple[dict, list[tuple[str, object]]]] = {
    "ga467-serial": ({"port": "/dev/ttyUSB0", "baud": 115200, "keep_photo": True},
                     [("baud", 0), ("poll_interval_s", 11), ("timeout_s", "soon"), ("presence_probe", "maybe")]),
    "serial-line": ({"port": "/dev/ttyACM0", "terminator": "crlf", "encoding": "gb18030"},
                    [("terminator", "tab"), ("encoding", "latin-1"), ("max_line", 8), ("dedupe_s", -1)]),
    "opencv": ({"index": 0, "decoder": "zbar", "fps": 10},
               [("decoder", "tesseract"), ("fps", 0), ("index", "front")]),
    "escpos": ({"uri": "serial:///dev/ttyS0?baud=19200", "status_query": False},
               [("uri", "lpt1"), ("timeout_s", 0), ("status_timeout_s", 11)]),
    "cups": ({"printer": "kiosk-a4", "server": "/run/cups/cups.sock", "media_sources": {"A3": "Tray1"},
              "offset_x_dmm": -120},
             [("printer", "has space"), ("sides", "both"), ("offset_x_dmm", 501), ("offset_y_dmm", 1.5),
              ("media_sources", "Tray1")]),
    "file": ({"dir": "var/printed", "offset_y_dmm": 30, "calibration_page": True},
             [("dir", 5), ("poll_interval_s", 0), ("offset_y_dmm", -501)]),
    "pcsc-ssse": ({"reader": "Virtual PCD 00 00", "poll_interval_s": 0.2},
                  [("poll_interval_s", 0), ("reader", 7)]),
    "none": ({}, []),
}
#: a key each driver must have (a table without it is refused)
REQUIRED = {"ga467-serial": "port", "serial-line": "port", "escpos": "uri", "cups": "printer", "file": "dir"}


def _with_device(table) -> dict:
    raw, _ = config_mod.raw_config(None)
    raw["devices"]["probe"] = table
    return raw


def _refusal(table) -> str:
    with pytest.raises(config_mod.ConfigError) as e:
        config_mod.validate(_with_device(table))
    return str(e.value)


def test_every_registered_driver_has_cases_and_its_class_names_the_registered_options():
    assert set(CASES) == set(registry.names())
    for name in registry.names():
        assert registry.driver_class(name).Options is registry.options_model(name), name


@pytest.mark.parametrize("driver", sorted(CASES))
def test_a_valid_table_loads_typed_and_its_options_are_the_driver_s_model(driver):
    table, _ = CASES[driver]
    dev = config_mod.validate(_with_device({"driver": driver, **table})).devices["probe"]
    assert dev.driver == driver
    options = dev.options()
    assert type(options) is registry.options_model(driver)   # without ``driver``: what the driver takes
    assert "driver" not in type(options).model_fields
    assert options.model_fields_set == set(table)
    for key, value in table.items():
        got = getattr(options, key)
        assert (str(got) if isinstance(got, Path) else got) == value, key
    # the values are the validated ones: re-validating the options changes nothing
    assert type(options).model_validate(options.model_dump()) == options


@pytest.mark.parametrize("driver,key,value", [(d, k, v) for d, (_, bad) in sorted(CASES.items()) for k, v in bad])
def test_a_bad_value_is_refused_naming_the_device_and_the_key(driver, key, value):
    table, _ = CASES[driver]
    message = _refusal({"driver": driver, **table, key: value})
    assert message.startswith(f"devices.probe.{key}"), message
    assert driver not in message.split(":")[0]      # the union's tag is not shown as a key
    if not isinstance(value, dict):
        assert repr(value) in message


@pytest.mark.parametrize("driver", sorted(REQUIRED))
def test_a_missing_required_key_is_named(driver):
    message = _refusal({"driver": driver})
    assert message == f"devices.probe.{REQUIRED[driver]}: Field required"


@pytest.mark.parametrize("driver", sorted(CASES))
def test_a_key_the_driver_does_not_know_is_refused_with_the_keys_it_knows(driver):
    table, _ = CASES[driver]
    message = _refusal({"driver": driver, **table, "colour": "red"})
    assert message.startswith(f"devices.probe.colour: not a key of driver {driver!r}; its keys are: driver"), message
    for key in registry.options_model(driver).model_fields:
        assert key in message


def test_another_driver_s_key_is_refused_too():
    # ``port`` belongs to the serial drivers, not to a CUPS printer
    assert _refusal({"driver": "cups", "printer": "a4", "port": "/dev/ttyS0"}).startswith(
        "devices.probe.port: not a key of driver 'cups'")


@pytest.mark.parametrize("table,expected", [
    ({"driver": "laser"}, "devices.probe.driver = 'laser': unknown driver; expected one of: "),
    ({"driver": 5}, "devices.probe.driver = 5: unknown driver; expected one of: "),
    ({"printer": "a4"}, "devices.probe.driver: missing; expected one of: "),
    ("cups", "devices.probe = 'cups': expected a table of the device's keys"),
])
def test_a_table_without_a_known_driver_is_refused_listing_the_drivers(table, expected):
    message = _refusal(table)
    assert message.startswith(expected), message
    if "expected one of" in expected:
        assert message.endswith(", ".join(registry.names()))


def test_every_problem_of_every_device_is_reported_at_once():
    raw, _ = config_mod.raw_config(None)
    raw["devices"]["receipt"]["uri"] = "lpt1"
    raw["devices"]["licence"]["offset_x_dmm"] = 900
    message = str(pytest.raises(config_mod.ConfigError, config_mod.validate, raw).value)
    assert "devices.receipt.uri = 'lpt1'" in message and "devices.licence.offset_x_dmm = 900" in message


def test_a_technician_change_is_validated_as_at_load(tmp_path):
    from kiosk.technician_config import ConfigEditor

    editor = ConfigEditor(tmp_path / "terminal.toml")
    with pytest.raises(config_mod.ConfigError, match=r"^devices.licence.offset_x_dmm = 501: "):
        editor.preview({"devices.licence.offset_x_dmm": 501})
    with pytest.raises(config_mod.ConfigError, match=r"^devices.licence.colour: not a key of driver 'cups'"):
        editor.preview({"devices.licence.colour": "red"})
    _, cfg = editor.preview({"devices.licence.offset_x_dmm": "-40"})     # typed on a keypad
    assert cfg.devices["licence"].options().offset_x_dmm == -40


def test_validating_the_config_imports_no_driver_module():
    code = ("import sys; from kiosk import config; from drivers import registry\n"
            "config.KioskConfig.model_validate({**config.raw_config(None)[0], 'source': None})\n"
            "print(sorted(m for m in registry.modules() if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


# -- the configs the project ships and writes still load, unchanged -------------------------
def test_the_default_config_loads():
    cfg = config_mod.load(None)
    assert {n: d.driver for n, d in cfg.devices.items()} == {
        "id_card": "ga467-serial", "qr_serial": "serial-line", "camera": "none", "receipt": "escpos",
        "document": "cups", "licence": "cups"}
    assert cfg.devices["licence"].options().printer == "kiosk-licence"


def test_the_readme_s_terminal_config_loads(tmp_path):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```toml\n(.*?)```", text, re.S) if "[devices." in b]
    assert blocks
    for block in blocks:
        path = tmp_path / "terminal.toml"
        path.write_text(block, encoding="utf-8")
        cfg = config_mod.load(path)
        assert set(tomllib.loads(block)["devices"]) <= set(cfg.devices)


def test_a_table_naming_another_driver_replaces_the_default_one(tmp_path):
    path = tmp_path / "terminal.toml"
    path.write_text('[devices.document]\ndriver = "file"\ndir = "out"\n', encoding="utf-8")
    dev = config_mod.load(path).devices["document"]
    assert type(dev.options()) is o.FileOptions and dev.options().dir == Path("out")


@pytest.mark.parametrize("printers", ["file", "ipp"])
def test_the_simulated_terminal_s_config_loads(tmp_path, printers):
    from kiosk.simrig import SimulatedTerminal

    rig = SimulatedTerminal(tmp_path, platform_port=0, receipt_port=0, printers=printers)
    try:
        cfg = rig.start().config
    finally:
        rig.stop()
    assert cfg.devices["id_card"].options().port.endswith("ttyIDCARD")
    assert cfg.devices["document"].driver == ("cups" if printers == "ipp" else "file")
