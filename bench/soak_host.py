"""The host half of ``python -m bench.soak``: sandbox and simulators here, the kiosk in a child.

:func:`run_separate` starts a SimulatedTerminal, a bare PySide6 window (``bench.bare_window
--hold``) and ``python -m bench.soak_child``, answers the child's simulator calls, and at each
of the child's sample points reads /proc/PID of the kiosk (VmRSS, fds, Threads) and of the bare
window. It prints one table, the kiosk / bare-window memory ratio and a flat / not-flat verdict
on the kiosk's memory after warm-up, then the accounting of jobs and events. Returns 0 only if
every job and event is accounted for, memory is flat and the ratio is under 3.
"""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
import time
from multiprocessing.connection import Listener
from pathlib import Path

RATIO_GOAL = 3.0
#: The soak's own terminal settings over the simulator's: the card reader looks for a card (and
#: for its lifting) every 50 ms, the outbox is sent every half second. Nothing of the kiosk's
#: behaviour changes, only how soon it notices; the driver plays each visit as fast as that allows.
SOAK_CONFIG = {"sync": {"interval_s": 0.5}, "devices": {"id_card": {"poll_interval_s": 0.05}}}
# Flat: after warm-up the kiosk's RSS may move by this much (allocator noise, caches filling).
FLAT_MB, FLAT_FRACTION = 5.0, 0.02


def proc_counts(pid: int) -> dict:
    """Resident memory (MB), open file descriptors and threads of process ``pid`` from /proc."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        fields = dict(line.split(":", 1) for line in f if ":" in line)
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        ticks = f.read().rsplit(")", 1)[1].split()[11:13]  # utime, stime
    return {"rss_mb": int(fields["VmRSS"].split()[0]) / 1024, "threads": int(fields["Threads"]),
            "fds": len(os.listdir(f"/proc/{pid}/fd")), "cpu_s": sum(map(int, ticks)) / os.sysconf("SC_CLK_TCK")}


def verdict(rows: list[dict], warmup: int) -> tuple[bool, str]:
    """Flat if, over the samples at or after ``warmup`` visits, RSS spans at most FLAT_MB or FLAT_FRACTION."""
    after = [r for r in rows if r["visits"] >= warmup]
    if len(after) < 2:
        return False, f"not enough samples after warm-up ({len(after)}; need 2): run more visits or sample more often"
    rss = [r["rss_mb"] for r in after]
    span, allowed = max(rss) - min(rss), max(FLAT_MB, FLAT_FRACTION * min(rss))
    first, last = after[0], after[-1]
    growth = (f"from visit {first['visits']} to {last['visits']}: RSS {last['rss_mb'] - first['rss_mb']:+.1f} MB "
              f"(span {span:.1f} MB, allowed {allowed:.1f}), widgets {last['widgets'] - first['widgets']:+d}, "
              f"fds {last['fds'] - first['fds']:+d}, threads {last['threads'] - first['threads']:+d}")
    flat = span <= allowed and last["widgets"] <= first["widgets"] and last["fds"] <= first["fds"] + 2
    return flat, growth


def _serve(conn, rig, child, bare, started) -> tuple[list[dict], dict | None]:
    rows, summary = [], None
    while summary is None:
        try:
            msg = conn.recv()
        except EOFError:
            break  # the child died: reported as a failed run
        if msg[0] == "call":
            _, name, args, kwargs = msg
            try:
                if name == "sandbox_is_down":
                    value = rig.sandbox.is_down
                else:
                    target = rig
                    for part in name.split("."):
                        target = getattr(target, part)
                    value = target(*args, **kwargs)
                conn.send(("ok", value if isinstance(value, (bool, int, str, type(None))) else None))
            except Exception as e:  # noqa: BLE001 - passed back to the child, which stops the run
                conn.send(("error", repr(e)))
        elif msg[0] == "sample":
            _, visits, qt = msg
            rows.append({"visits": visits, **proc_counts(child.pid), **qt,
                         "bare_mb": proc_counts(bare.pid)["rss_mb"], "s": time.monotonic() - started})
            r = rows[-1]  # as it comes too: a run cut short still leaves its samples
            print(f"sample: visits {visits} kiosk {r['rss_mb']:.0f} MB bare {r['bare_mb']:.0f} MB widgets {r['widgets']} "
                  f"fds {r['fds']} threads {r['threads']} at {r['s']:.0f} s", flush=True)
            conn.send(("ok", None))
        elif msg[0] == "done":
            summary = msg[1]
            conn.send(("ok", None))
    return rows, summary


def run_separate(args) -> int:
    from bench.soak import CachedDocuments
    from kiosk.simrig import SimulatedTerminal

    every = args.every or 1000
    warmup = args.warmup if args.warmup is not None else max(every, args.visits // 5)
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root), "QT_LOGGING_RULES": "qt.qpa.*=false"}
    documents = CachedDocuments(blank=getattr(args, "blank_documents", False))
    print(f"soak: the sandbox's documents rendered in {documents.warm():.0f} s", flush=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        rig = SimulatedTerminal(Path(tmp) / "t", platform_port=0, receipt_port=0, documents=documents,
                                extra=SOAK_CONFIG).start()
        bare = subprocess.Popen([sys.executable, "-m", "bench.bare_window", "--hold"], cwd=root, env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        child = None
        try:
            if not (bare.stdout.readline() or "").startswith("READY"):
                print("soak: the bare window did not start", file=sys.stderr)
                return 2
            key = secrets.token_bytes(16)
            address = str(Path(tmp) / "soak.sock")
            with Listener(address, family="AF_UNIX", authkey=key) as listener:
                wrap = os.environ.get("SOAK_CHILD_WRAP", "").split()  # e.g. "heaptrack -o FILE": the kiosk under a tool
                child = subprocess.Popen(
                    [*wrap, sys.executable, "-m", "bench.soak_child", "--config", str(rig.root / "terminal.toml"), "--address", address,
                     "--visits", str(args.visits), "--every", str(every), "--seed", str(args.seed),
                     *(["--minutes", str(args.minutes)] if getattr(args, "minutes", None) else [])],
                    cwd=root, env={**env, "SOAK_AUTHKEY": key.hex()})
                with listener.accept() as conn:
                    rows, summary = _serve(conn, rig, child, bare, started)
            child.wait(60)
            events = {t: rig.sandbox.event_count(t) for t in ("job.requested", "job.printed", "job.failed",
                                                                "evaluation.submitted", "job.needs_verification")}
            pdfs = len(rig.printed_pdfs())
        finally:
            for p in (child, bare):
                if p is not None and p.poll() is None:
                    if p is bare:
                        bare.stdin.close()
                    try:
                        p.wait(10)
                    except subprocess.TimeoutExpired:
                        p.kill()
            rig.stop()
    return report(args, every, warmup, rows, summary, events, pdfs, time.monotonic() - started)


def report(args, every, warmup, rows, summary, events, pdfs, elapsed) -> int:
    if summary and summary.get("played", args.visits) < args.visits and args.warmup is None:
        warmup = max(every, summary["played"] // 5)  # 20% of the visits played, not of those asked for
    print(f"soak: {args.visits} visits, seed {args.seed}, kiosk in its own process, sample every {every}, "
          f"warm-up {warmup} visits, {elapsed:.0f} s\n")
    head = ("visits", "kiosk RSS MB", "bare window MB", "ratio", "widgets", "QObjects", "fds", "threads", "s")
    out = [head] + [(r["visits"], f"{r['rss_mb']:.0f}", f"{r['bare_mb']:.0f}", f"{r['rss_mb'] / r['bare_mb']:.2f}",
                     r["widgets"], r["qobjects"], r["fds"], r["threads"], f"{r['s']:.0f}") for r in rows]
    widths = [max(len(str(r[i])) for r in out) for i in range(len(head))]
    for r in out[:1] + [tuple("-" * w for w in widths)] + out[1:]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=False)))
    if summary is None or not rows:
        print("\nsoak: the kiosk process ended before finishing its visits (see its output above)")
        return 1
    if summary.get("played", args.visits) < args.visits:
        print(f"\nstopped by --minutes {args.minutes:g} after {summary['played']} of {args.visits} visits")
    flat, growth = verdict(rows, warmup)
    ratio = rows[-1]["rss_mb"] / rows[-1]["bare_mb"]
    printed_jobs = summary["store"].get("reported", 0) + summary["store"].get("printed", 0)
    accounted = bool(summary["drained"] and pdfs == printed_jobs == events["job.printed"]
                     and summary["outcomes"].get("stuck", 0) == 0)
    if getattr(args, "json", None):
        import json

        Path(args.json).write_text(json.dumps({
            "rows": rows, "warmup": warmup, "summary": summary, "events": events, "pdfs": pdfs, "flat": flat,
            "ratio": ratio, "accounted": accounted}, indent=1), encoding="utf-8")
    print(f"\nkiosk memory after warm-up: {'flat' if flat else 'NOT flat'} ({growth})")
    print(f"ratio kiosk / bare window at the end: {ratio:.2f}x ({rows[-1]['rss_mb']:.0f} MB / "
          f"{rows[-1]['bare_mb']:.0f} MB) — {'under' if ratio < RATIO_GOAL else 'NOT under'} {RATIO_GOAL:.0f}x")
    outcomes, store = summary["outcomes"], summary["store"]
    played = max(1, rows[-1]["visits"])
    print(f"time per visit: {(rows[-1]['s'] - rows[0]['s']) / played:.2f} s (visits 0 to {played}), of which the kiosk's CPU "
          f"{(rows[-1]['cpu_s'] - rows[0]['cpu_s']) / played:.2f} s; by screen, s per visit: "
          + ", ".join(f"{k} {v / played:.2f}" for k, v in sorted(summary.get("seconds", {}).items(), key=lambda kv: -kv[1])))
    print(f"outcomes: {dict(sorted(outcomes.items()))}")
    if summary["stuck"]:
        print(f"stuck visits: {summary['stuck'][:10]}")
    print(f"store jobs by state: { {k: v for k, v in store.items() if v} }")
    print(f"platform events received: {events}")
    print(f"outbox drained: {summary['drained']}; PDFs at the printer: {pdfs}; jobs printed+reported: {printed_jobs}")
    print("accounting:", "every job and event accounted for" if accounted else "MISMATCH")
    return 0 if accounted and flat and ratio < RATIO_GOAL else 1
