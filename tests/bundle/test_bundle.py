"""The PyInstaller bundle builds, and the bundled kiosk starts on a simulated terminal and
reports ready; nothing is read from the source tree (it runs from another directory)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller", reason="the bundle extra is not installed")
    work = tmp_path_factory.mktemp("bundle")
    proc = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(work / "dist"),
                           "--workpath", str(work / "build"), str(ROOT / "kiosk.spec")],
                          cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stderr[-3000:]
    exe = work / "dist" / "efz-kiosk" / "efz-kiosk"
    assert exe.exists()
    size = sum(f.stat().st_size for f in (work / "dist").rglob("*") if f.is_file() and not f.is_symlink())
    print(f"\nbundle size: {size / 2**20:.0f} MiB")
    return exe


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
