"""``python -m kiosk.diag queue``: jobs by state and the outbox depth."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.diag import Context, DiagError
from kiosk.diag import queue as queue_cmd
from offline_cache import JobState, Store
from tests.store.conftest import DOC_KEY

ROOT = Path(__file__).resolve().parents[2]


def make_config(tmp_path: Path, with_secret: bool) -> Path:
    secret = tmp_path / "terminal.secret"
    if with_secret:
        secret.write_text(DOC_KEY.hex() + "\n")
    cfg = tmp_path / "terminal.toml"
    cfg.write_text(f'[terminal]\nsecret_file = "{secret.as_posix()}"\n[storage]\ndir = "{(tmp_path / "store").as_posix()}"\n')
    return cfg


def run_queue(cfg: Path) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config")
    parser.add_argument("--json", action="store_true")
    queue_cmd.add_arguments(parser)
    args = parser.parse_args(["--config", str(cfg), "--json"])
    return queue_cmd.run(args, Context(args))


@pytest.mark.parametrize("with_secret", [True, False])
def test_queue_counts_jobs_and_events(tmp_path, with_secret):
    from kiosk import local_key

    cfg = make_config(tmp_path, with_secret)
    if with_secret:  # cached documents are readable with the local data key, not the secret
        local_key.load_or_create(tmp_path / "store")
    with Store.open(tmp_path / "store", doc_key=DOC_KEY) as s:
        a = s.create_job(service_id="svc")
        s.create_job(service_id="svc", state=JobState.QUEUED)
        s.transition(a.id, JobState.FAILED, error_code="platform_refused")
        first = s.pending_events()[0]
    result = run_queue(cfg)
    assert result["jobs"]["queued"] == 1 and result["jobs"]["failed"] == 1 and result["jobs"]["printed"] == 0
    assert set(result["jobs"]) == {st.value for st in JobState}
    assert result["outbox"] == 3 and result["oldest_event_at"] == first.at
    assert (result["cached_document_bytes"] is not None) == with_secret
    json.dumps(result)


def test_queue_without_a_store_does_not_create_one(tmp_path):
    cfg = make_config(tmp_path, False)
    result = run_queue(cfg)
    assert result["outbox"] == 0 and sum(result["jobs"].values()) == 0
    assert not (tmp_path / "store").exists()


def test_queue_on_a_corrupt_store_is_a_one_line_error(tmp_path):
    cfg = make_config(tmp_path, True)
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "kiosk.db").write_bytes(b"\x00garbage" * 100)
    with pytest.raises(DiagError, match="corrupt") as info:
        run_queue(cfg)
    assert "\n" not in str(info.value)


def test_queue_from_the_command_line(tmp_path):
    cfg = make_config(tmp_path, True)
    with Store.open(tmp_path / "store", doc_key=DOC_KEY) as s:
        s.add_event("terminal.heartbeat", {})
    out = subprocess.run([sys.executable, "-m", "kiosk.diag", "queue", "--config", str(cfg), "--json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1])["outbox"] == 1
