"""``python -m drivers.sim idcard`` / ``scanner``: the simulators as a technician runs them."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from drivers.base import EventKind
from drivers.idcard.ga467_driver import Ga467Reader
from drivers.qr.serial_scanner import SerialLineScanner

ROOT = Path(__file__).resolve().parents[2]


def start(*args: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "drivers.sim", *args], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    banner = proc.stdout.readline()
    assert " on " in banner, proc.stderr.read() if proc.poll() is not None else banner
    return proc


def command(proc: subprocess.Popen, line: str) -> str:
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


def test_idcard_simulator_cli(tmp_path):
    link = tmp_path / "ttyIDCARD"
    proc = start("idcard", "--link", str(link), "--card", "zhang")
    events = []
    try:
        reader = Ga467Reader("id_card", Ga467Reader.Options(port=str(link), timeout_s=5.0), events.append)
        reader.open()
        reader.poll()
        assert command(proc, "remove") == "ok"
        reader.poll()
        assert command(proc, "place lin") == "ok"
        reader.poll()
        assert command(proc, "place nobody").startswith("error")
        reader.close()
        proc.stdin.write("quit\n")
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill() if proc.poll() is None else None
        proc.stdout.close()
        proc.stderr.close()
    cards = [e.data["card"].name for e in events if e.kind == EventKind.CARD_READ]
    assert cards == ["张伟明", "林秀英"]
    assert not link.is_symlink()  # the link goes with the simulator


def test_scanner_simulator_cli(tmp_path):
    link = tmp_path / "ttyQR"
    proc = start("scanner", "--link", str(link), "--aim", "]Q1", "--encoding", "gb18030")
    events = []
    try:
        scanner = SerialLineScanner("qr_serial", SerialLineScanner.Options(port=str(link), encoding="gb18030"),
                                    events.append)
        scanner.open()
        proc.stdin.write("营业执照 91350100MA2Y8K3L2H\n")
        proc.stdin.flush()
        deadline = time.monotonic() + 20
        while not any(e.kind == EventKind.CODE_SCANNED for e in events) and time.monotonic() < deadline:
            scanner.poll()
            time.sleep(0.02)
        scanner.close()
        proc.stdin.write("quit\n")
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill() if proc.poll() is None else None
        proc.stdout.close()
        proc.stderr.close()
    assert [e.data["text"] for e in events if e.kind == EventKind.CODE_SCANNED] == ["营业执照 91350100MA2Y8K3L2H"]


def test_a_simulator_started_in_the_background_quits_on_ctrl_c(tmp_path):
    """Started as a script's background job starts it (SIGINT ignored, stdin closed), the
    simulator still quits on Ctrl-C, removing its link."""
    import signal

    link = tmp_path / "ttyIDCARD"
    proc = subprocess.Popen([sys.executable, "-m", "drivers.sim", "idcard", "--link", str(link)], cwd=ROOT,
                            text=True, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert " on " in proc.stdout.readline()
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
        assert proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert not link.is_symlink()
