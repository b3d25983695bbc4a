"""``make demo`` for the people who try it first: where its config is, a technician PIN that
works, ``diag status`` finding the running demo's config, a summary naming files that exist."""
from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest


def _env() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("KIOSK_CONFIG", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One headless demo run in a fresh directory (the slow part, shared by the tests here).
    While it is stopped right after its announcement, ``diag status`` runs against it."""
    cwd = tmp_path_factory.mktemp("demo")
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.demo", "--headless"], cwd=cwd, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    head = []
    try:
        for line in proc.stdout:
            head.append(line)
            if "kiosk.diag status" in line:
                break
        proc.send_signal(signal.SIGSTOP)  # alive but not finishing while status looks for it
        try:
            status = subprocess.run([sys.executable, "-m", "kiosk.diag", "status", "--json", "--probe-s", "0.5"],
                                    cwd=cwd, env=_env(), capture_output=True, text=True, timeout=60)
        finally:
            proc.send_signal(signal.SIGCONT)
        rest, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    after = subprocess.run([sys.executable, "-m", "kiosk.diag", "status", "--json", "--probe-s", "0.2"],
                           cwd=cwd, env=_env(), capture_output=True, text=True, timeout=60)
    return {"cwd": cwd, "head": "".join(head), "out": "".join(head) + rest, "err": err, "rc": proc.returncode,
            "status": status, "after": after}


def _config_path(demo) -> Path:
    m = re.search(r"^terminal config: (.+)$", demo["head"], re.M)
    assert m, demo["head"]
    return Path(m.group(1))


def test_the_demo_prints_its_config_and_a_pin_that_opens_technician_mode(demo):
    assert demo["rc"] == 0, demo["err"]
    path = _config_path(demo)
    assert path.is_file() and path.is_relative_to(demo["cwd"] / "var" / "demo")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    pin = re.search(r"^technician PIN: (\d{6,12})\b", demo["head"], re.M).group(1)
    assert "5 times" in demo["head"]

    from kiosk import config as config_mod
    from kiosk import local_key
    from kiosk.technician import PinGuard

    cfg = config_mod.load(path)
    assert cfg.technician.pin_hash.startswith("scrypt-hmac$")  # keyed with the terminal's local key
    key = local_key.load(cfg.storage.dir)
    assert PinGuard(cfg.technician, pepper=key.pin_pepper).check(pin) == "ok"
    assert PinGuard(cfg.technician, pepper=key.pin_pepper).check("000000" if pin != "000000" else "111111") != "ok"


def test_status_without_config_reads_the_running_demo_s_config(demo):
    status = demo["status"]
    assert status.returncode == 0, status.stderr
    view = json.loads(status.stdout.strip().splitlines()[-1])
    assert view["terminal"] == "FZ-DEMO-0001"
    assert view["config"].startswith(str(_config_path(demo)))
    assert "running demo" in view["config"]
    # once the demo has ended: the defaults, and it says so
    after = json.loads(demo["after"].stdout.strip().splitlines()[-1])
    assert after["config"].startswith("built-in defaults")
    assert not (demo["cwd"] / "var" / "demo" / "running.json").exists()


def test_the_summary_lists_every_file_the_demo_wrote_and_they_exist(demo):
    summary = demo["out"].split("Files the demo wrote", 1)[1]
    listed = [Path(line.split(": ", 1)[1].strip()) for line in summary.splitlines()
              if line.startswith("  ") and ": " in line and "platform received" not in line]
    names = {p.name for p in listed}
    assert {"printed-certificate.pdf", "printed-licence-1.pdf", "printed-licence-2.pdf",
            "receipt-1.png", "receipt-2.png", "metrics.txt", "terminal.toml"} <= names
    assert sum(p.suffix == ".png" and p.parent.name == "screens" for p in listed) >= 10
    for p in listed:
        assert (demo["cwd"] / p).exists(), p
    for pdf in (p for p in listed if p.suffix == ".pdf"):
        assert (demo["cwd"] / pdf).read_bytes().startswith(b"%PDF")


def test_every_demo_option_has_help_text():
    out = subprocess.run([sys.executable, "-m", "kiosk.demo", "--help"], capture_output=True, text=True,
                         env=_env(), timeout=60).stdout
    for option in ("--headless", "--out", "--portrait", "--catalogue"):
        line = next(line for line in out.splitlines() if line.strip().startswith(option))
        assert len(line.split(option, 1)[1].split()) >= 2, line
    assert "portrait (1080x1920)" in out
