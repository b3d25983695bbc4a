"""One PyInstaller build of kiosk.spec for every test of tests/bundle (the bundle tests and the
Debian package tests share it: a build takes minutes)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
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
