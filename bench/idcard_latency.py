"""ID card read latency through the ga467-serial driver over a pty.

One read is one ``poll()`` that finds, selects and reads a freshly placed card (text + photo,
about 1.35 KB on the line). The simulator paces its bytes at the line speed, so the measured
total includes the wire time; wire time is computed from the bytes that crossed the pty
(10 bits per byte, 8N1), and host time = total − wire is what the driver, the parser and the
two processes' scheduling add. Goal: host time under 300 ms per read.
``python -m bench.idcard_latency [--reads N] [--baud B]``
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from drivers.base import EventKind
from drivers.idcard.ga467_driver import Ga467Reader
from drivers.sim.ga467_sim import CardReaderSim

GOAL_HOST_MS = 300.0


def measure(reads: int, baud: int, paced: bool) -> tuple[list[float], list[float]]:
    """(total seconds, wire seconds) of each read."""
    with tempfile.TemporaryDirectory() as tmp:
        sim = CardReaderSim(Path(tmp) / "ttyIDCARD", baud=baud if paced else 0).start()
        events = []
        reader = Ga467Reader("id_card", Ga467Reader.Options(port=str(sim.link), baud=baud), events.append)
        try:
            reader.open()
            totals, wires = [], []
            for _ in range(reads):
                sim.remove()
                reader.poll()  # the driver notices the card has gone
                sim.place("zhang")
                before = sim.port.bytes_in + sim.port.bytes_out
                events.clear()
                start = time.perf_counter()
                reader.poll()
                totals.append(time.perf_counter() - start)
                moved = sim.port.bytes_in + sim.port.bytes_out - before
                wires.append(moved * 10 / baud)
                if not any(e.kind == EventKind.CARD_READ for e in events):
                    raise RuntimeError(f"read failed: {events}")
        finally:
            reader.close()
            sim.stop()
    return totals, wires


def row(label: str, values_s: list[float]) -> str:
    ms = sorted(v * 1000 for v in values_s)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"{label:<30} {ms[0]:>8.1f} {statistics.median(ms):>8.1f} {p95:>8.1f} {ms[-1]:>8.1f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.idcard_latency", description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=50)
    parser.add_argument("--baud", type=int, default=115200)
    args = parser.parse_args(argv)

    totals, wires = measure(args.reads, args.baud, paced=True)
    hosts = [t - w for t, w in zip(totals, wires, strict=False)]
    unpaced, _ = measure(args.reads, args.baud, paced=False)

    print(f"ID card read over a pty at {args.baud} baud, {args.reads} reads "
          f"({round(wires[0] * args.baud / 10)} bytes on the line per read)")
    print(f"{'ms per read':<30} {'min':>8} {'median':>8} {'p95':>8} {'max':>8}")
    print(row("total (paced at line speed)", totals))
    print(row("wire (computed from bytes)", wires))
    print(row("host = total - wire", hosts))
    print(row("host, unpaced pty", unpaced))
    p95_host = sorted(hosts)[min(len(hosts) - 1, round(0.95 * (len(hosts) - 1)))] * 1000
    verdict = "meets" if p95_host < GOAL_HOST_MS else "MISSES"
    print(f"goal: host time < {GOAL_HOST_MS:.0f} ms per read; p95 {p95_host:.1f} ms {verdict} it")
    return 0 if p95_host < GOAL_HOST_MS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
