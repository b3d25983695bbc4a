"""Starting the kiosk process: ready, a bad config, a corrupt store, a job left printing."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def rig(tmp_path):
    from kiosk.simrig import SimulatedTerminal

    rig = SimulatedTerminal(tmp_path / "terminal", platform_port=0, receipt_port=0).start()
    yield rig
    rig.stop()


def run_kiosk(*args, timeout=120):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("KIOSK_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "kiosk", *args, "--exit-when-ready"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_the_kiosk_reports_ready_with_its_start_up_time(rig):
    proc = run_kiosk("--config", str(rig.root / "terminal.toml"))
    assert proc.returncode == 0, proc.stderr[-1500:]
    line = next(l for l in proc.stdout.splitlines() if l.startswith("READY "))
    assert float(line.split()[1]) > 0
    assert "Traceback" not in proc.stderr


def test_a_bad_config_value_is_refused_in_one_line_naming_key_value_and_expectation(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text('[session]\nidle_timeout_s = "soon"\n', encoding="utf-8")
    proc = run_kiosk("--config", str(cfg))
    assert proc.returncode == 2
    assert "session.idle_timeout_s" in proc.stderr and "'soon'" in proc.stderr and "number" in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_a_corrupt_store_shows_out_of_service_and_is_left_untouched(rig):
    store = rig.root / "store"
    store.mkdir(parents=True, exist_ok=True)
    garbage = b"\x00not a database" * 500
    (store / "kiosk.db").write_bytes(garbage)
    proc = run_kiosk("--config", str(rig.root / "terminal.toml"))
    assert proc.returncode == 75  # systemd restarts it later: maybe a technician has fixed the disk
    assert "OUT-OF-SERVICE" in proc.stdout and "corrupt" in proc.stdout
    assert "Traceback" not in proc.stderr
    assert (store / "kiosk.db").read_bytes() == garbage  # nothing already stored is destroyed


def test_a_job_left_printing_by_a_power_cut_is_never_printed_again(rig):
    from offline_cache import Store

    secret = rig.config.secret()
    with Store.open(rig.config.storage.dir, doc_key=secret) as store:
        job = store.create_job(service_id="no_housing", subject="S", copies=1)
        store.transition(job.id, "ready")
        store.transition(job.id, "printing")
    proc = run_kiosk("--config", str(rig.root / "terminal.toml"))
    assert proc.returncode == 0, proc.stderr[-1500:]
    with Store.open(rig.config.storage.dir, doc_key=secret) as store:
        assert store.get_job(job.id).state.value == "needs_verification"
        assert any(e.type == "job.needs_verification" for e in store.pending_events(100)) or \
            rig.sandbox.event_count("job.needs_verification") == 1
    assert rig.printed_pdfs() == []
