"""Social security card read time through pcscd and the vpcd virtual reader.

Three numbers per run: ``session`` is the reading sequence against the card logic alone (the
codec's own cost); ``read_once`` is a read of a card already in the reader (SCardConnect, the
APDUs through pcscd → vpcd → TCP → the virtual card, SCardDisconnect); ``insert→read`` runs
from connecting the virtual card to the driver's CARD_READ event while polling every 50 ms, so
it includes pcscd's own card-detection polling. Goal: read_once under 300 ms.

Uses a running pcscd with vpcd, or (as root) starts ``pcscd -f`` for the run.
``python -m bench.ssse_read [--reads N]``
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

from drivers.base import EventKind
from drivers.sim.people import resident
from drivers.sim.ssse_card import SsseCardApplet, VirtualSsseCard
from drivers.ssse.card_session import read_card
from drivers.ssse.pcsc_driver import SsseCardReader

READER = "Virtual PCD 00 00"
GOAL_MS = 300.0


def _vpcd_up() -> bool:
    from smartcard import scard as sc

    rv, ctx = sc.SCardEstablishContext(sc.SCARD_SCOPE_USER)
    if rv != sc.SCARD_S_SUCCESS:
        return False
    try:
        rv, names = sc.SCardListReaders(ctx, [])
        return rv == sc.SCARD_S_SUCCESS and READER in names
    finally:
        sc.SCardReleaseContext(ctx)


def _until(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        time.sleep(0.01)


def measure(reads: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"session": [], "read_once": [], "insert→read": []}
    person = resident("zhang")
    for _ in range(reads):
        t = time.perf_counter()
        read_card(SsseCardApplet(person).process)
        out["session"].append(time.perf_counter() - t)

    events: list = []
    dev = SsseCardReader("ssse", SsseCardReader.Options(reader=READER), events.append)
    dev.open()
    card = VirtualSsseCard("zhang")
    try:
        for _ in range(reads):
            events.clear()
            t = time.perf_counter()
            card.insert()
            _until(lambda: dev.poll() or any(e.kind == EventKind.CARD_READ for e in events))
            out["insert→read"].append(time.perf_counter() - t)
            t = time.perf_counter()
            dev.read_once()
            out["read_once"].append(time.perf_counter() - t)
            card.remove()
            _until(lambda: dev.poll() or any(e.kind == EventKind.CARD_REMOVED for e in events))
    finally:
        card.remove()
        dev.close()
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ssse_read")
    parser.add_argument("--reads", type=int, default=20)
    args = parser.parse_args(argv)
    proc = None
    if not _vpcd_up():
        if os.geteuid() != 0 or not shutil.which("pcscd"):
            print("skipped: no pcscd with the vpcd reader, and cannot start one (needs root, "
                  "pcscd and vsmartcard-vpcd)")
            return 0
        proc = subprocess.Popen(["pcscd", "--foreground"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        _until(_vpcd_up)
    try:
        results = measure(args.reads)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=15)
    applet = SsseCardApplet(resident("zhang"))
    read_card(applet.process)
    print(f"{args.reads} reads, {len(applet.apdus)} APDUs per read (T=0 card: 61xx and 6Cxx followed)")
    print(f"{'step':<14}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}")
    for step, values in results.items():
        ms = sorted(v * 1000 for v in values)
        p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
        print(f"{step:<14}{statistics.median(ms):>11.2f}{p95:>9.2f}{ms[-1]:>9.2f}")
    verdict = "meets" if statistics.median(results["read_once"]) * 1000 < GOAL_MS else "MISSES"
    print(f"read_once {verdict} the goal of {GOAL_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
