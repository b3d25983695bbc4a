"""The kiosk half of the separate-process soak (``python -m bench.soak``): one kiosk, N visits.

    python -m bench.soak_child --config TERMINAL.toml --address SOCKET --visits N --every K --seed S

Started by :func:`bench.soak.run_separate`, never by hand: the authentication key comes in the
``SOAK_AUTHKEY`` environment variable (hex). The parent hosts the sandbox and the simulators;
this process runs only the kiosk (its real session, drivers, store and sync worker, offscreen)
and plays the visits with :class:`bench.soak.Driver`. Every simulator control the driver uses
(place a card, show a code, paper out, network down, injected 503s) is a call over the
connection, answered by the parent. At visit 0 and every K visits it sends
``("sample", visits, {"widgets": n, "qobjects": n})`` and waits for the parent's reply, so the
parent reads /proc of a kiosk that is between visits. Last message: ``("done", summary)``.
"""
from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import tempfile
from pathlib import Path


class _Remote:
    """Attribute chain → one call in the parent: ``rig.card.place("lin")`` sends ("call", "card.place", ...)."""

    def __init__(self, conn, prefix: str):
        self._conn, self._prefix = conn, prefix

    def __getattr__(self, name):
        return _Remote(self._conn, f"{self._prefix}.{name}".lstrip("."))

    def __call__(self, *args, **kwargs):
        self._conn.send(("call", self._prefix, args, kwargs))
        kind, value = self._conn.recv()
        if kind == "error":
            raise RuntimeError(f"parent failed {self._prefix}: {value}")
        return value


class _RemoteSandbox(_Remote):
    @property
    def is_down(self) -> bool:  # the driver reads it as an attribute
        return _Remote(self._conn, "sandbox_is_down")()


class RemoteRig:
    """What :class:`bench.soak.Driver` and the fault schedule need of a SimulatedTerminal."""

    def __init__(self, conn):
        self.card = _Remote(conn, "card")
        self.scanner = _Remote(conn, "scanner")
        self.sandbox = _RemoteSandbox(conn, "sandbox")
        self.set_paper = _Remote(conn, "set_paper")


def _quiet_offscreen(mode, context, message: str) -> None:
    """The offscreen platform warns that it cannot size windows like a window manager: noise."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def _print_type_growth(visits: int, before: dict) -> None:
    """``SOAK_TYPES=1``: the Python object types whose count grew most since the last sample."""
    import collections
    import gc

    now = collections.Counter(type(o).__qualname__ for o in gc.get_objects())
    grown = sorted(((n - before.get(t, 0), t) for t, n in now.items()), reverse=True)[:8]
    if before:
        print(f"objects grown by visit {visits}: " + ", ".join(f"{t} +{n}" for n, t in grown if n > 0),
              file=sys.stderr, flush=True)
    before.clear()
    before.update(now)


def _print_traced_growth(visits: int, state: dict) -> None:
    """``SOAK_TRACEMALLOC=N``: from visit N on, the Python allocations that grew most since the
    last sample, by the line that made them (what the type counts miss: strings and bytes)."""
    import tracemalloc

    start = int(os.environ["SOAK_TRACEMALLOC"])
    if visits < start:
        return
    if not tracemalloc.is_tracing():
        tracemalloc.start(8)
    snap = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    before = state.get("snap")
    state["snap"] = snap
    traced, _peak = tracemalloc.get_traced_memory()
    print(f"python allocations traced at visit {visits}: {traced / 2**20:.1f} MiB", file=sys.stderr)
    if before is None:  # where the Python memory is (all of it with PYTHONTRACEMALLOC set)
        for stat in snap.statistics("filename")[:15]:
            print(f"  {stat.size / 2**20:6.2f} MiB {stat.count:7d}  {stat.traceback[0].filename}", file=sys.stderr)
        return
    total = sum(s.size_diff for s in snap.compare_to(before, "filename"))
    print(f"python allocations at visit {visits}: {total / 1024:+.0f} KiB since the last sample", file=sys.stderr)
    for stat in snap.compare_to(before, "traceback")[:6]:
        if stat.size_diff <= 0:
            break
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in list(stat.traceback)[::-1][:5])
        print(f"  {stat.size_diff / 1024:+8.1f} KiB {stat.count_diff:+6d}  {where}", file=sys.stderr)
    sys.stderr.flush()


def _print_malloc(visits: int) -> None:
    """``SOAK_MALLINFO=1``: glibc's heap in use and free (all arenas), and the process's memory by
    kind, so that a growth can be told apart as held objects, freed holes or mapped files."""
    from kiosk.memory import heap_info

    heap = heap_info()
    if heap is None:
        print(f"malloc at visit {visits}: glibc's mallinfo2 is not available", file=sys.stderr, flush=True)
        return
    kinds = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        key, _, rest = line.partition(":")
        if key in ("Rss", "Anonymous", "Shared_Clean", "Private_Clean", "Private_Dirty"):
            kinds[key] = int(rest.split()[0]) // 1024
    mb = 2**20
    print(f"malloc at visit {visits}: in use {heap['in_use'] / mb:.1f} MB, free in heap {heap['free'] / mb:.1f} MB, "
          f"mapped blocks {heap['mapped'] / mb:.1f} MB ({heap['mapped_blocks']}), heap {heap['heap'] / mb:.1f} MB; "
          + ", ".join(f"{k} {v}" for k, v in kinds.items()), file=sys.stderr, flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--address", required=True)
    parser.add_argument("--visits", type=int, required=True)
    parser.add_argument("--every", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--minutes", type=float, default=None)
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from multiprocessing.connection import Client

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from bench.soak import Driver, play_visits, qt_counts
    from kiosk import config as config_mod
    from kiosk import logs
    from kiosk.app import Kiosk

    conn = Client(args.address, family="AF_UNIX", authkey=bytes.fromhex(os.environ["SOAK_AUTHKEY"]))
    rig = RemoteRig(conn)
    qInstallMessageHandler(_quiet_offscreen)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        logs.setup(Path(tmp) / "logs", level=logging.WARNING, console=False)
        kiosk = Kiosk(config_mod.load(args.config))
        if os.environ.get("SOAK_PIXMAP_CACHE_KB"):  # a smaller or larger pixmap cache than the kiosk's own
            from PySide6.QtGui import QPixmapCache

            QPixmapCache.setCacheLimit(int(os.environ["SOAK_PIXMAP_CACHE_KB"]))
        kiosk.start(show=False)
        kiosk.window.resize(1920, 1080)
        kiosk.window.show()
        d = Driver(app, kiosk, rig, random.Random(args.seed))
        d.pump(lambda: "no_housing" in kiosk.session.services and kiosk.devices.status("document").usable, 60)

        types_before: dict = {}
        traced: dict = {}

        def sample(i):
            d.pump(lambda: False, 0.25)  # what the visit's end posted (the memory release) runs first
            if os.environ.get("SOAK_TYPES"):  # where memory goes: Python objects that grew, by type
                _print_type_growth(i, types_before)
            if os.environ.get("SOAK_TRACEMALLOC"):
                _print_traced_growth(i, traced)
            if os.environ.get("SOAK_MALLINFO"):
                _print_malloc(i)
            if os.environ.get("SOAK_PYMALLOC"):  # the Python allocator's arenas (its own lines, on stderr)
                print(f"pymalloc at visit {i}:", file=sys.stderr, flush=True)
                sys._debugmallocstats()
            conn.send(("sample", i, qt_counts()))
            conn.recv()

        sample(0)
        import time

        stop_at = None if args.minutes is None else time.monotonic() + 60 * args.minutes
        played = play_visits(d, rig, args.visits, args.every, sample, stop_at)
        rig.sandbox.faults.set()
        rig.sandbox.network_up()
        drained = d.pump(lambda: kiosk.store.outbox_depth() == 0, 120)
        store_counts = dict(kiosk.store.counts())
        kiosk.stop()
    conn.send(("done", {"drained": drained, "store": store_counts, "outcomes": d.outcomes, "stuck": d.stuck, "played": played,
                "seconds": d.seconds}))
    conn.recv()
    conn.close()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: Qt objects owned by Python are gone with the process
