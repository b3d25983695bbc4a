"""``python -m kiosk.diag outbox-selftest`` and ``sync`` as a technician runs them, in a child
process, against a sandbox platform started here."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from offline_cache import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config_file(tmp_path, sandbox, secret):
    (tmp_path / "terminal.secret").write_text(secret.hex() + "\n")
    path = tmp_path / "terminal.toml"
    path.write_text(
        "[terminal]\n"
        'id = "FZ-SYNC-0001"\n'
        f'secret_file = "{(tmp_path / "terminal.secret").as_posix()}"\n'
        "[platform]\n"
        f'base_url = "{sandbox.url}"\n'
        "timeout_s = 5\n"
        "[storage]\n"
        f'dir = "{(tmp_path / "var").as_posix()}"\n',
        encoding="utf-8")
    return path


def _diag(*args, config):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "kiosk.diag"]
    return subprocess.run([*cmd, *args, "--config", str(config), "--json"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)


def test_outbox_selftest_delivers_every_event(config_file, sandbox):
    sandbox.faults.set(rate_503=0.1, retry_after_s=0, drop_rate=0.05)
    proc = _diag("outbox-selftest", "--events", "300", "--timeout", "180", config=config_file)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["delivered"] == 300 and result["events"] == 300 and result["outbox_depth"] == 0
    assert isinstance(result["retries"], int) and result["seconds"] >= 0
    mine = [e for e in sandbox.events if e["type"] == "terminal.selftest"]
    assert [e["data"]["seq"] for e in mine] == list(range(1, 301))
    assert {e["data"]["run"] for e in mine} == {result["run"]} and all(e["data"]["of"] == 300 for e in mine)


def test_outbox_selftest_times_out_with_one_line(config_file, sandbox):
    sandbox.network_down()
    proc = _diag("outbox-selftest", "--events", "5", "--timeout", "1", config=config_file)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "delivered 0 of 5" in proc.stderr


def test_sync_until_drained(config_file, sandbox, tmp_path, secret):
    with Store.open(tmp_path / "var", doc_key=secret) as store:
        store.add_events([("terminal.selftest", {"n": i}) for i in range(120)])
    proc = _diag("sync", "--until-drained", "--timeout", "120", config=config_file)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["outbox_depth"] == 0 and result["online"] is True
    assert sandbox.event_count("terminal.selftest") == 120
    assert result["jobs"].get("ready") == 2  # the assigned licence jobs were prefetched


def test_missing_secret_is_one_line(config_file, tmp_path):
    (tmp_path / "terminal.secret").unlink()
    proc = _diag("sync", config=config_file)
    assert proc.returncode != 0 and "secret_file" in proc.stderr and "Traceback" not in proc.stderr
