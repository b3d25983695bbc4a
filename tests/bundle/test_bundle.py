"""The PyInstaller bundle builds, and the bundled kiosk starts on a simulated terminal and
reports ready; nothing is read from the source tree (it runs from another directory)."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_the_bundled_kiosk_starts_and_reports_ready(bundle, tmp_path):
    from kiosk.simrig import SimulatedTerminal

    rig = SimulatedTerminal(tmp_path / "terminal", platform_port=0, receipt_port=0).start()
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KIOSK_CONFIG")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        proc = subprocess.run([str(bundle), "--config", str(rig.root / "terminal.toml"), "--exit-when-ready"],
                              cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert any(line.startswith("READY ") for line in proc.stdout.splitlines()), proc.stdout
        status = subprocess.run([str(bundle), "diag", "status", "--config", str(rig.root / "terminal.toml"),
                                 "--json", "--probe-s", "2"], cwd=elsewhere, env=env, capture_output=True,
                                text=True, timeout=120)
        assert status.returncode == 0, status.stderr
        assert '"online": true' in status.stdout.splitlines()[-1]
    finally:
        rig.stop()


def test_the_bundle_carries_its_translations_and_defaults(bundle):
    internal = bundle.parent / "_internal"
    assert (internal / "config" / "default.toml").exists()
    assert (internal / "screens" / "i18n" / "kiosk_en.qm").exists()
    # the search's pinyin initials and the line breaks' words, read at run time; pypinyin,
    # which writes the table at build time, stays out
    assert (internal / "kiosk" / "pinyin_initials.txt").exists()
    assert (internal / "drivers" / "words_zh.txt").exists()
    assert not (internal / "pypinyin").exists()
