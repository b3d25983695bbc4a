"""Crash tests: a process working the store is killed with SIGKILL at random moments, again and
again; after each kill the store opens and every promise the log records is kept."""
from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from offline_cache import JobState, Store
from tests.store.conftest import DOC_KEY

CHILD = Path(__file__).with_name("store_crash_child.py")
ROUNDS = 30

def run_child_until_killed(directory: Path, log: Path, seed: int, rng: random.Random) -> None:
    proc = subprocess.Popen([sys.executable, str(CHILD), str(directory), str(log), str(seed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "ready", f"child did not start: {line!r} {proc.stderr.read()}"
        time.sleep(rng.uniform(0.0, 0.3))  # a random moment in the child's work, not a wait
        assert proc.poll() is None, f"child died on its own: {proc.stderr.read()}"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(30)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


def read_log(log: Path) -> dict:
    facts = collections.defaultdict(list)
    for line in log.read_text().splitlines():
        kind, *rest = line.split(" ")
        facts[kind].append(rest)
    return facts


def check(directory: Path, log: Path) -> dict:
    facts = read_log(log)
    with Store.open(directory, doc_key=DOC_KEY) as store:
        store.recover_interrupted()
        jobs = {j.id: j for j in store.jobs()}
        pending = store.pending_events(10**6)
        outbox = {e.event_id: e for e in pending}
        acking = {r[0]: (r[1], r[2]) for r in facts["ACKING"]}

        assert len(outbox) == len(pending), "an event is in the outbox twice"
        assert not any(j.state == JobState.PRINTING for j in jobs.values())
        # acknowledged events are gone; committed, unacknowledged ones are all there
        acked = {r[0] for r in facts["ACKED"]}
        assert not acked & outbox.keys(), "an acknowledged event came back"
        lost = {r[0] for r in facts["EV"]} - outbox.keys() - acking.keys()
        assert not lost, f"{len(lost)} committed events vanished without being acknowledged"
        # every committed job exists, and its job.requested event was never lost
        requested = {e.job_id for e in pending if e.type == "job.requested"}
        requested |= {job_id for t, job_id in acking.values() if t == "job.requested"}
        for (job_id,) in facts["JOB"]:
            assert job_id in jobs, f"committed job {job_id} vanished"
            assert job_id in requested, f"the job.requested event of {job_id} vanished"
        # no job printed twice; a printed job has exactly one job.printed event
        printed_count = collections.Counter(r[0] for r in facts["PRINT"])
        twice = [j for j, n in printed_count.items() if n > 1]
        assert not twice, f"printed twice: {twice}"
        printed_events = collections.defaultdict(set)
        for e in pending:
            if e.type == "job.printed":
                printed_events[e.data["local_id"]].add(e.event_id)
        for event_id, (t, job_id) in acking.items():
            if t == "job.printed":
                local_id = job_id[1:] if job_id.startswith("P") else job_id  # platform id is "P" + local id
                printed_events[local_id].add(event_id)
        for job in jobs.values():
            if job.state in (JobState.PRINTED, JobState.REPORTED):
                assert printed_count[job.id] == 1, f"{job.id} is {job.state} but was not on paper"
                assert len(printed_events[job.id]) == 1, f"{job.id}: {len(printed_events[job.id])} job.printed events"
            if printed_count[job.id]:
                assert job.state in (JobState.NEEDS_VERIFICATION, JobState.PRINTED, JobState.REPORTED, JobState.FAILED), (job.id, job.state)
            if job.state in (JobState.REPORTED, JobState.EXPIRED):
                assert not store.has_document(job.id)
        # every cached document is whole: a kill mid-write leaves the old file or none
        for (job_id, sha) in facts["DOC"]:
            job = jobs[job_id]
            if store.has_document(job_id):
                assert store.get_document(job_id) and job.sha256 == sha
            else:
                assert job.state in (JobState.REPORTED, JobState.EXPIRED), f"document of {job_id} lost while {job.state}"
        leftovers = [p.name for p in (directory / "documents").iterdir() if p.name.endswith(".tmp")]
        assert leftovers == []  # swept at open
        return {"jobs": len(jobs), "events_pending": len(pending), "prints": sum(printed_count.values()),
                "acked": len(acked)}


@pytest.mark.slow
def test_sigkill_at_random_moments_keeps_every_promise(tmp_path):
    seed = int(os.environ.get("STORE_CRASH_SEED", random.randrange(2**32)))
    rng = random.Random(seed)
    directory, log = tmp_path / "store", tmp_path / "side.log"
    summary = {}
    for round_no in range(ROUNDS):
        run_child_until_killed(directory, log, rng.randrange(2**32), rng)
        try:
            summary = check(directory, log)
        except AssertionError as e:
            raise AssertionError(f"round {round_no}, STORE_CRASH_SEED={seed}: {e}") from None
    print(f"crash test seed {seed}: {summary}")
    # the loop really exercised the store
    assert summary["jobs"] > 0 and summary["prints"] > 0 and summary["acked"] > 0, summary
