"""The Qt-free rules: PIN hash, enrolment codes, the gesture window, set-pin."""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk.technician import (EnrolmentError, TapGesture, enrol, hash_pin, make_enrolment_code,
                              parse_enrolment_code, pin_problem, verify_pin)

ROOT = Path(__file__).resolve().parents[2]


def test_pin_hash_is_salted_and_verifies():
    a, b = hash_pin("246810"), hash_pin("246810")
    assert a != b and a.startswith("scrypt$") and "246810" not in a
    assert verify_pin("246810", a) and not verify_pin("246811", a)
    assert not verify_pin("246810", "scrypt$broken")
    assert pin_problem("1234") and pin_problem("111111") and pin_problem("123456")
    assert pin_problem("246810") is None


def test_enrolment_code_round_trip_and_typo():
    secret = bytes(range(32))
    code = make_enrolment_code(secret)
    assert parse_enrolment_code(code.lower().replace("-", " ")) == secret
    typo = code[:-1] + ("A" if code[-1] != "A" else "B")
    with pytest.raises(EnrolmentError):
        parse_enrolment_code(typo)
    with pytest.raises(EnrolmentError):
        parse_enrolment_code("hello")


def test_enrol_writes_the_secret_0600(tmp_path):
    secret = os.urandom(32)
    path = enrol(tmp_path / "sub" / "terminal.secret", make_enrolment_code(secret))
    assert path.read_text().strip() == secret.hex()
    assert path.stat().st_mode & 0o777 == 0o600


def test_gesture_needs_five_taps_within_three_seconds():
    now = [0.0]
    g = TapGesture(5, 3.0, clock=lambda: now[0])
    results = []
    for dt in (0, 1, 1, 1, 1, 0.2, 0.2, 0.2, 0.2):
        now[0] += dt
        results.append(g.tap())
    assert results == [False] * 5 + [False, True, False, False]  # taps 3-7 span 2.4 s


def test_set_pin_cli_writes_only_the_hash(tmp_path):
    from kiosk import local_key

    config = tmp_path / "terminal.toml"
    config.write_text(f'[terminal]\nid = "FZ-T-1"\n[storage]\ndir = "{(tmp_path / "var").as_posix()}"\n',
                      encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kiosk.diag", "set-pin", "--stdin", "--config", str(config)],
                          input="246810\n", capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    text = config.read_text(encoding="utf-8")
    assert "246810" not in text and "246810" not in proc.stdout
    stored = tomllib.loads(text)["technician"]["pin_hash"]
    pepper = local_key.load(tmp_path / "var").pin_pepper
    assert verify_pin("246810", stored, pepper)
    assert not verify_pin("246810", stored)  # the hash alone, without the local key, is useless
    assert config.stat().st_mode & 0o777 == 0o600
    bad = subprocess.run([sys.executable, "-m", "kiosk.diag", "set-pin", "--stdin", "--config", str(config)],
                         input="1111\n", capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert bad.returncode != 0 and "6 to 12 digits" in bad.stderr and "Traceback" not in bad.stderr


def test_diag_status_says_which_config_it_read_and_prints_times_readably(tmp_path, monkeypatch):
    """Given no --config, then status names the built-in defaults; a time field reads as a date."""
    import argparse

    from kiosk.diag import readable
    from kiosk.diag.status import config_source

    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    assert config_source(argparse.Namespace(config=None)).startswith("built-in defaults")
    assert config_source(argparse.Namespace(config="etc/kiosk.toml")) == "etc/kiosk.toml"
    assert readable("last_ok_at", 1764640000.25).startswith("2025-12-")
    assert readable("count", 1764640000) == 1764640000
