"""Drain time of a 10,000-event outbox backlog against the local sandbox platform, and memory
while draining. ``python -m bench.outbox_drain [--events N] [--in-process]``

The sandbox runs as its own process (``python -m kiosk.sandbox``) unless --in-process is given,
so the numbers are the terminal side's. Goal (issue 4): under 20 s on loopback.
"""
from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

import requests

from kiosk.platform_client import PlatformClient
from kiosk.sync import SyncWorker
from offline_cache import Store

TERMINAL = "FZ-BENCH-0001"


def _rss_kib() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class RssSampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak = _rss_kib()
        self._halt = threading.Event()

    def run(self):
        while not self._halt.wait(0.02):
            self.peak = max(self.peak, _rss_kib())

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sandbox(tmp: Path, in_process: bool):
    secret_file = tmp / "terminal.secret"
    secret_file.write_text(secrets.token_hex(32))
    key = bytes.fromhex(secret_file.read_text())
    if in_process:
        from kiosk.sandbox import SandboxPlatform

        sb = SandboxPlatform(terminals={TERMINAL: key}).start()
        return sb.url, key, sb.stop
    port = _free_port()
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.sandbox", "--port", str(port), "--terminal", TERMINAL,
                             "--secret-file", str(secret_file)], cwd=root, stdout=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(root)})
    url = f"http://127.0.0.1:{port}/api/kiosk/v1"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/health", timeout=1).ok:
                break
        except requests.RequestException:
            time.sleep(0.1)
    else:
        proc.kill()
        raise SystemExit("sandbox did not start")

    def stop():
        proc.terminate()
        proc.wait(10)
    return url, key, stop


def drain_once(url: str, key: bytes, store_dir: Path, events: int, *, trace: bool) -> dict:
    store = Store.open(store_dir, doc_key=key)
    t0 = time.perf_counter()
    store.add_events([("terminal.selftest", {"run": "bench", "seq": i, "of": events}) for i in range(1, events + 1)])
    enqueue_s = time.perf_counter() - t0
    client = PlatformClient(url, TERMINAL, key, attempts=3)
    worker = SyncWorker(store, client, interval_s=0.2)
    rss_before = _rss_kib()
    sampler = RssSampler()
    sampler.start()
    if trace:
        tracemalloc.start()
    report = worker.run_until_drained(300, outbox_only=True)
    traced_peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    rss_peak = sampler.stop()
    client.close()
    store.close()
    return {"events": events, "delivered": report.delivered, "retries": report.retries,
            "enqueue_s": enqueue_s, "drain_s": report.seconds, "rate": report.delivered / max(report.seconds, 1e-9),
            "rss_before_mib": rss_before / 1024, "rss_peak_mib": rss_peak / 1024,
            "traced_peak_mib": None if traced_peak is None else traced_peak / 2**20}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.outbox_drain")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--in-process", action="store_true", help="run the sandbox in this process")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        url, key, stop = start_sandbox(tmp, args.in_process)
        try:
            rows.append(("timed", drain_once(url, key, tmp / "store-a", args.events, trace=False)))
            rows.append(("tracemalloc", drain_once(url, key, tmp / "store-b", args.events, trace=True)))
        finally:
            stop()
    where = "in-process" if args.in_process else "separate process"
    print(f"outbox drain against the sandbox ({where}), batches of 100, loopback\n")
    head = f"{'run':<12} {'events':>7} {'delivered':>9} {'retries':>7} {'enqueue s':>9} {'drain s':>8} " \
           f"{'events/s':>9} {'RSS before':>10} {'RSS peak':>9} {'py peak':>8}"
    print(head)
    print("-" * len(head))
    for name, r in rows:
        traced = "-" if r["traced_peak_mib"] is None else f"{r['traced_peak_mib']:.1f}M"
        print(f"{name:<12} {r['events']:>7} {r['delivered']:>9} {r['retries']:>7} {r['enqueue_s']:>9.2f} "
              f"{r['drain_s']:>8.2f} {r['rate']:>9.0f} {r['rss_before_mib']:>9.1f}M {r['rss_peak_mib']:>8.1f}M {traced:>8}")
    timed = rows[0][1]
    verdict = "met" if timed["drain_s"] < 20 and timed["delivered"] == timed["events"] else "NOT met"
    print(f"\ngoal: {args.events} events drained in under 20 s — {verdict} ({timed['drain_s']:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
