"""Durable enqueue rate of the offline store: events and state changes per second on this disk.

Every figure is for committed, fsynced transactions (WAL, synchronous=FULL). Run from the
project root: ``python -m bench.store_enqueue [--dir DIR] [--events N]``; the store is made in a
fresh directory under DIR (default var/bench) on the same disk as the terminal's store, and
removed afterwards.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from offline_cache import JobState, Store

GOAL = 1000  # durable state changes per second (issue 4)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def fsync_rate(directory: Path, n: int = 200) -> float:
    """Raw write+fsync round trips per second in ``directory``: the bound of any durable commit."""
    path = directory / f".fsync-probe-{os.getpid()}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        start = time.perf_counter()
        for _ in range(n):
            os.write(fd, b"x" * 128)
            os.fsync(fd)
        return n / (time.perf_counter() - start)
    finally:
        os.close(fd)
        path.unlink(missing_ok=True)


def run(directory: Path, n: int) -> list[tuple[str, int, float, str]]:
    rows = []
    store = Store.open(directory, doc_key=b"bench-key")
    try:
        seconds = timed(lambda: [store.add_event("terminal.selftest", {"seq": i}) for i in range(n)])
        rows.append(("add_event, 1 event per transaction", n, seconds, "events"))

        batches = max(1, n // 10)
        batch = [("terminal.selftest", {"seq": i}, None) for i in range(100)]
        seconds = timed(lambda: [store.add_events(batch) for _ in range(batches)])
        rows.append(("add_events, 100 events per transaction", batches * 100, seconds, "events"))

        jobs = []
        seconds = timed(lambda: jobs.extend(store.create_job(service_id="svc.bench") for _ in range(n // 4)))
        rows.append(("create_job (job + job.requested event)", len(jobs), seconds, "jobs"))

        def walk():
            for job in jobs:
                for state in (JobState.READY, JobState.PRINTING, JobState.PRINTED, JobState.REPORTED):
                    store.transition(job.id, state)

        seconds = timed(walk)
        rows.append(("transition (state + its event, 1 per transaction)", 4 * len(jobs), seconds, "changes"))

        with store.batch():
            batched = [store.create_job(service_id="svc.bench") for _ in range(n // 2)]

        def walk_batched():
            for state in (JobState.READY, JobState.PRINTING, JobState.PRINTED, JobState.REPORTED):
                for i in range(0, len(batched), 100):
                    with store.batch():
                        for job in batched[i:i + 100]:
                            store.transition(job.id, state)

        seconds = timed(walk_batched)
        rows.append(("transition, 100 per transaction (store.batch)", 4 * len(batched), seconds, "changes"))

        pending_ids = []

        def drain():
            while True:
                events = store.pending_events(100)
                if not events:
                    return
                pending_ids.append(store.ack_events(e.event_id for e in events))

        depth = store.outbox_depth()
        seconds = timed(drain)
        rows.append(("pending_events + ack_events, 100 per transaction", depth, seconds, "events"))
    finally:
        store.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.store_enqueue", description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("var") / "bench", help="where to make the scratch store")
    parser.add_argument("--events", type=int, default=2000, help="events of the one-per-transaction run")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="store-", dir=args.dir))
    try:
        rows = run(scratch, args.events)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print(f"Durable store throughput (WAL, synchronous=FULL) in {args.dir}")
    print(f"{'operation':<{width}}  {'count':>7}  {'seconds':>8}  {'per second':>11}")
    print(f"{'-' * width}  {'-' * 7}  {'-' * 8}  {'-' * 11}")
    for name, count, seconds, unit in rows:
        print(f"{name:<{width}}  {count:>7}  {seconds:>8.3f}  {count / seconds:>8.0f} {unit[:2]}")
    single = rows[3][1] / rows[3][2]
    grouped = rows[4][1] / rows[4][2]
    print(f"this disk: {fsync_rate(scratch.parent):.0f} fsync/s (the ceiling of one change per transaction)")
    for label, rate in (("one per transaction", single), ("100 per transaction", grouped)):
        verdict = "met" if rate > GOAL else "NOT met"
        print(f"goal over {GOAL} durable state changes/s, {label}: {verdict} ({rate:.0f}/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
