"""``python -m kiosk.diag read-card`` against the simulated reader, as a technician runs it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def read_card(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_CONFIG"}
    return subprocess.run([sys.executable, "-m", "kiosk.diag", "read-card", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_read_card_prints_masked_fields(sim):
    sim.place("zhang")
    proc = read_card("--port", str(sim.link), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["name"] == "张**"
    assert result["id_number"] == "3501**********123X"
    assert result["id_valid"] is True
    assert (result["sex"], result["nation"], result["birth_year"]) == ("男", "汉", 1985)
    assert result["valid_until"] == "2036-05-20"
    for secret in ("张伟明", "35010219850312123X", "五四路", "19850312", "1985-03-12"):
        assert secret not in proc.stdout + proc.stderr


def test_read_card_long_term_in_human_form(sim):
    sim.place("lin")
    proc = read_card("--port", str(sim.link))
    assert proc.returncode == 0, proc.stderr
    assert "valid_until: 长期" in proc.stdout
    assert "name: 林**" in proc.stdout and "林秀英" not in proc.stdout


def test_no_card_is_a_one_line_failure(sim):
    proc = read_card("--port", str(sim.link), "--json")
    assert proc.returncode == 4
    assert proc.stderr.strip().count("\n") == 0 and "no card" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_port_is_a_one_line_failure(tmp_path):
    proc = read_card("--port", str(tmp_path / "ttyNONE"), "--json")
    assert proc.returncode == 3
    assert "does not exist" in proc.stderr and proc.stderr.strip().count("\n") == 0
    assert "Traceback" not in proc.stderr
