"""Child process of the crash tests: works the store in a loop until it is killed.

Usage: python store_crash_child.py STORE_DIR SIDE_LOG SEED

It does what the kiosk does — create jobs, cache their documents, print them (ready → printing →
"paper" → printed → reported), append events, acknowledge some — choosing its work from what the
store holds, so it carries on after every restart. Each fact goes to the side log with a single
write() only AFTER the store committed it (except ACKING, written before the ack is attempted,
and PRINT, the paper coming out between two commits). A SIGKILL cannot lose a write() already
made, so after a kill the log is a lower bound of what the store must hold.
"""
from __future__ import annotations

import hashlib
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from offline_cache import JobState, Store  # noqa: E402

DOC_KEY = bytes(range(32))

def main() -> None:
    directory, log_path, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    store = Store.open(directory, doc_key=DOC_KEY)
    store.recover_interrupted()
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def note(*lines: str) -> None:
        os.write(log, "".join(line + "\n" for line in lines).encode())

    print("ready", flush=True)
    later = datetime.now(timezone.utc) + timedelta(days=1)
    while True:
        roll = rng.random()
        if roll < 0.2:
            job = store.create_job(service_id="svc.crash", pickup_code=f"{rng.randrange(10**6):06d}")
            note(f"JOB {job.id}")
        elif roll < 0.35:
            waiting = store.jobs(JobState.REQUESTED)
            if waiting:
                job = rng.choice(waiting)
                content = os.urandom(rng.randrange(100, 20_000))
                sha = hashlib.sha256(content).hexdigest()
                store.transition(job.id, JobState.READY, platform_job_id="P" + job.id, sha256=sha)
                store.put_document(job.id, content, sha, later)
                note(f"DOC {job.id} {sha}")
        elif roll < 0.55:
            ready = [j for j in store.jobs(JobState.READY) if store.has_document(j.id)]
            if ready:
                job = rng.choice(ready)
                store.get_document(job.id)  # checked before printing, as the kiosk does
                store.transition(job.id, JobState.PRINTING)
                note(f"PRINT {job.id}")
                store.transition(job.id, JobState.PRINTED, event_data={"pages": 1})
                note(f"PRINTED {job.id}")
        elif roll < 0.65:
            printed = store.jobs(JobState.PRINTED)
            if printed:
                store.transition(rng.choice(printed).id, JobState.REPORTED)
        elif roll < 0.7:
            for job in store.jobs(JobState.NEEDS_VERIFICATION)[:1]:
                store.transition(job.id, JobState.FAILED, error_code="not_on_paper")
        elif roll < 0.85:
            ids = store.add_events([("terminal.selftest", {"seq": i}, None) for i in range(rng.randrange(1, 30))])
            note(*(f"EV {i}" for i in ids))
        else:
            batch = store.pending_events(rng.randrange(1, 40))
            chosen = [e for e in batch if rng.random() < 0.7]
            if chosen:
                note(*(f"ACKING {e.event_id} {e.type} {e.job_id}" for e in chosen))
                store.ack_events(e.event_id for e in chosen)
                note(*(f"ACKED {e.event_id}" for e in chosen))


if __name__ == "__main__":
    main()
