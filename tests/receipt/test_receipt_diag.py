"""``python -m kiosk.diag print-receipt``: prints through the real driver, one-line failures."""
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def diag(*args, config: Path | None = None):
    env = dict(os.environ)
    env.pop("KIOSK_CONFIG", None)
    if config:
        env["KIOSK_CONFIG"] = str(config)
    command = [sys.executable, "-m", "kiosk.diag", "print-receipt", *args]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_sample_prints_and_reports_json(sim):
    proc = diag("--uri", f"tcp://127.0.0.1:{sim.port}", "--sample", "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["printed"] is True and result["paper"] == "ok"
    assert sim.wait_for_receipts(1, timeout=30)
    got = sim.receipts[0]
    assert got.lines[0] == result["title"]
    assert any(line.endswith("张**") for line in got.lines)                  # masked name
    assert any(line.endswith("3501**********123X") for line in got.lines)    # masked ID number
    assert "张伟明" not in proc.stdout and "35010219850312123X" not in proc.stdout
    assert got.qr == [result["qr"]]
    assert got.png.exists()


def test_unreachable_printer_one_line_exit_3():
    proc = diag("--uri", f"tcp://127.0.0.1:{free_port()}", "--sample", "--timeout", "3")
    assert proc.returncode == 3
    assert len(proc.stderr.strip().splitlines()) == 1 and "unreachable" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_out_of_paper_one_line_exit_4(sim):
    sim.paper = "out"
    proc = diag("--uri", f"tcp://127.0.0.1:{sim.port}", "--sample", "--json")
    assert proc.returncode == 4
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()] and "paper_out" in proc.stderr
    assert not sim.receipts


def test_bad_uri_exit_1():
    proc = diag("--uri", "lpt1", "--sample")
    assert proc.returncode == 1 and "expected" in proc.stderr and "Traceback" not in proc.stderr


def test_without_sample_nothing_is_printed(sim):
    proc = diag("--uri", f"tcp://127.0.0.1:{sim.port}")
    assert proc.returncode == 1 and "--sample" in proc.stderr


def test_uri_from_config_and_terminal_name(sim, tmp_path):
    config = tmp_path / "terminal.toml"
    config.write_text('[terminal]\nname = "马尾区 测试点"\n\n'
                      f'[devices.receipt]\ndriver = "escpos"\nuri = "tcp://127.0.0.1:{sim.port}"\n',
                      encoding="utf-8")
    proc = diag("--sample", "--json", config=config)
    assert proc.returncode == 0, proc.stderr
    assert sim.wait_for_receipts(1, timeout=30)
    assert sim.receipts[0].lines[0] == "马尾区 测试点"


def test_timeout_the_driver_refuses_one_line_exit_1(tmp_path):
    """Given a --timeout outside what the ESC/POS driver's options allow (0 < timeout_s <= 120),
    when print-receipt runs with --uri or with the printer of the config, then it exits 1 with one
    line naming the flag and the bound, without a traceback."""
    port = free_port()
    proc = diag("--uri", f"tcp://127.0.0.1:{port}", "--sample", "--timeout", "0")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        "print-receipt: --timeout 0.0: Input should be greater than 0 (EscposOptions.timeout_s)"]
    config = tmp_path / "terminal.toml"
    config.write_text(f'[devices.receipt]\ndriver = "escpos"\nuri = "tcp://127.0.0.1:{port}"\n', encoding="utf-8")
    proc = diag("--sample", "--timeout", "500", config=config)
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert "--timeout 500.0: Input should be less than or equal to 120" in proc.stderr
