"""Soak run: thousands of simulated visits, with device faults and network flaps.

Every visit goes through the real session, controller, drivers (ptys and TCP), store and sync
worker. By default the kiosk runs in a process of its own (``bench.soak_child``) while this
process hosts the sandbox and the simulators (``bench.soak_host``): every ``--every`` visits it
reads the kiosk's resident memory, file descriptors and threads from /proc, the kiosk reports
its live widgets, and a bare PySide6 window (``bench.bare_window --hold``) running alongside
gives the memory to compare with. At the end every job and event must be accounted for.

    python -m bench.soak [--visits 2000] [--every 1000] [--seed 1] [--warmup N]
    python -m bench.soak --in-process [--visits 2000] [--block 250]   (the old one-process form)

The sandbox's PDFs are rendered once per (service, resident) and reused, so the run measures the
kiosk rather than the sandbox's font subsetting (about a second a document).

Where memory goes, printed by the kiosk on stderr at each sample (environment switches):
``SOAK_MALLINFO=1`` glibc's heap in use and free, and the memory by kind; ``SOAK_TYPES=1`` the
Python types whose count grew; ``SOAK_TRACEMALLOC=N`` the Python allocations that grew, by line,
from visit N; ``SOAK_PYMALLOC=1`` Python's allocator arenas; ``SOAK_TRACE=1`` a line a visit of
where its time went. ``SOAK_CHILD_WRAP="heaptrack -o FILE"`` runs the kiosk under a tool (its
/proc figures are then the tool's); ``SOAK_PIXMAP_CACHE_KB=N`` tries another pixmap cache size.
"""
from __future__ import annotations

import argparse
import functools
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

CERTS = ["social_insurance_payment", "medical_insurance", "housing_fund_deposit", "no_housing",
         "real_estate_registration"]
RESIDENTS = ["zhang", "lin", "chen"]


def blank_pdf() -> bytes:
    """One blank A4 page."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class CachedDocuments:
    """The real renderer, memoised per (service, resident): same bytes for repeated requests."""

    def __init__(self, blank: bool = False):
        from kiosk.sandbox import documents

        self._real = documents
        self.blank = blank  # one blank A4 page for every document (the quick soak test)

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one instance, alive for the whole soak run
    def _cert(self, service_id, key):
        from drivers.sim.people import resident
        import datetime as dt

        if self.blank:
            return blank_pdf()

        return self._real.render_certificate(service_id, resident(key), verify_code="SOAK", issued=dt.date(2026, 11, 21))

    def warm(self) -> float:
        """Render every document the soak's visits ask for now; returns the seconds it took.

        Otherwise the first visits wait seconds each for the sandbox's font subsetting."""
        started = time.monotonic()
        for service_id in CERTS:
            for key in RESIDENTS:
                self._cert(service_id, key)
        return time.monotonic() - started

    def render_certificate(self, service_id, resident, *, verify_code, issued, service=None):
        return self._cert(service_id, resident.key)

    @functools.lru_cache(maxsize=16)  # noqa: B019 - one instance, alive for the whole soak run
    def _licence(self, key):
        from drivers.sim.people import company

        if self.blank:
            return blank_pdf()

        return self._real.render_licence(company(key), verify_code="SOAK")

    def render_licence(self, company, *, verify_code, **kw):
        return self._licence(company.key)


def qt_counts() -> dict:
    """Live widgets and QObjects of this process's QApplication."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return {"widgets": len(app.allWidgets()),
            "qobjects": len(app.findChildren(QObject)) + sum(len(w.findChildren(QObject)) for w in app.topLevelWidgets())}


def counts() -> dict:
    with open("/proc/self/status", encoding="ascii") as f:
        rss = next(int(l.split()[1]) / 1024 for l in f if l.startswith("VmRSS:"))
    return {"rss_mb": rss, **qt_counts(), "fds": len(os.listdir("/proc/self/fd")), "threads": threading.active_count()}


def play_visits(d, rig, visits: int, every: int, sample, stop_at: float | None = None) -> int:
    """Visits 1..``visits`` with the soak's mix and faults; ``sample(i)`` after every ``every``-th.

    ``stop_at`` (time.monotonic()): no visit starts after it; the visit played last is sampled
    too. Returns the number of visits played."""
    rng = d.rng
    i = 0
    for i in range(1, visits + 1):
        if stop_at is not None and time.monotonic() >= stop_at:
            i -= 1
            if i % every:
                sample(i)
            break
        roll = rng.random()
        if d.pickups and roll < 0.08 and rig.sandbox.is_down is False:
            kind = "pickup"
        elif roll < 0.12:
            kind = "qr"
        elif roll < 0.16:
            kind = "stranger"
        elif roll < 0.20:
            kind = "paper_out"
        else:
            kind = "card"
        flap = kind in ("card", "qr") and rng.random() < 0.05
        if flap:
            rig.sandbox.network_down()
        d.visit(kind)
        if flap:
            rig.sandbox.network_up()
        if i % 100 == 50:
            rig.sandbox.faults.set(rate_503=0.05, drop_rate=0.02, retry_after_s=0)
        elif i % 100 == 60:
            rig.sandbox.faults.set()
        if i % every == 0:
            sample(i)
    return i


class Driver:
    """Plays one visit of a given kind by reacting to whatever screen the kiosk shows."""

    def __init__(self, app, kiosk, rig, rng):
        self.app, self.kiosk, self.rig, self.rng = app, kiosk, rig, rng
        self.outcomes: dict[str, int] = {}
        self.pickups: list[tuple[str, str]] = []  # (pickup code, resident key)
        self.stuck: list[str] = []
        #: wall-clock seconds spent per screen over all visits (where a visit's time goes)
        self.seconds: dict[str, float] = {}
        self._turns = None

    def _spent(self, what: str, since: float) -> float:
        now = time.monotonic()
        self.seconds[what] = self.seconds.get(what, 0.0) + now - since
        return now

    def pump(self, until, timeout=30.0) -> bool:
        """Run Qt as its event loop would, deferred deletions included, until ``until()``."""
        deadline = time.monotonic() + timeout
        loop, turn = self._loop()
        while not until():
            if time.monotonic() > deadline:
                return False
            turn.start(5)  # a real event loop turn: deleteLater() is honoured
            loop.exec()
        return True

    def _loop(self):
        """One event loop and one timer that ends each of its turns, for the whole soak:
        ``QTimer.singleShot(ms, callable)`` keeps about 60 bytes per call in PySide6 6.11
        (tens of calls a visit), which the soak would count as the kiosk's own growth."""
        if self._turns is None:
            from PySide6.QtCore import QEventLoop, QTimer

            loop, turn = QEventLoop(), QTimer()
            turn.setSingleShot(True)
            turn.timeout.connect(loop.quit)
            self._turns = (loop, turn)
        return self._turns

    def visit(self, kind: str) -> str:  # noqa: C901 - a benchmark script: the visit kinds read top to bottom
        s = self.kiosk.session
        who = self.rng.choice(RESIDENTS)
        service = self.rng.choice(CERTS)
        pickup = None
        if kind == "stranger":
            who = "stranger"
        if kind == "pickup":
            pickup = self.pickups.pop(0)
            who = pickup[1]
            s.dispatch("choose_pickup")
            s.dispatch("lookup", code=pickup[0])
        else:
            s.dispatch("choose_service", service_id=service)
        placed = False
        sent_at = 0.0
        started = time.monotonic()
        before = dict(self.seconds)
        outcome = "stuck"
        mark = started
        while time.monotonic() - started < 60:
            state = s.state.value
            if state == "home" and (placed or kind == "pickup" and time.monotonic() - started > 0.5):
                break
            if state == "identify" and s.visit.card_error:
                outcome = f"refused:{s.visit.card_error}"  # e.g. an expired card, refused on the spot
                s.dispatch("home")
                break
            if state == "identify" and not placed:
                if kind == "qr":
                    self.rig.scanner.send(f"efz://id?token=EFZ-DEMO-{who.upper()}")
                    sent_at = time.monotonic()
                else:
                    self.rig.card.place(who)
                placed = True
            elif state == "identify" and kind == "qr" and time.monotonic() - sent_at > 2.5:
                # the scanner reports the same code once within 2 s: show it again, as a person would
                self.rig.scanner.send(f"efz://id?token=EFZ-DEMO-{who.upper()}")
                sent_at = time.monotonic()
            elif state == "take_card":
                # the visit is over with the card still on the reader: take it, as the screen asks
                self.rig.card.remove()
            elif state == "consent":
                s.dispatch("agree")
            elif state == "preview":
                if kind == "paper_out":
                    self.rig.set_paper("document", "out")
                s.dispatch("set_copies", copies=self.rng.randint(1, 3))
                s.dispatch("print")
            elif state in ("receipt", "queued"):
                if self.pump(lambda: s.visit.receipt_ok is not None, 20):
                    if state == "queued":
                        self.pickups.append((s.visit.pickup_code, who))
                    outcome = "printed" if state == "receipt" else "queued"
                    s.dispatch("next")
            elif state == "offline_offer":
                s.dispatch("queue_job")
                self.pump(lambda: s.state.value != "offline_offer", 10)
                continue
            elif state == "error":
                outcome = f"error:{s.visit.error}"
                s.dispatch("next")
            elif state == "rating":
                if self.rng.random() < 0.2:
                    s.dispatch("skip")
                else:
                    level = self.rng.choice(["very_satisfied", "satisfied", "basic", "dissatisfied"])
                    s.dispatch("rate", level=level, reasons=("long_wait",) if level == "dissatisfied" else ())
            elif state == "done":
                s.dispatch("finish")
                break
            # a card refused on the spot stays on the identify screen, with its error
            self.pump(lambda st=state: s.state.value != st or st == "identify" and bool(s.visit.card_error), 20)
            mark = self._spent(state, mark)
        if s.state.value == "take_card":  # the visit is over, the card still on the reader: lift it
            self.rig.card.remove()
            placed = False
            self.pump(lambda: s.state.value != "take_card", 10)
        if s.state.value != "home":
            self.stuck.append(f"{kind}@{s.state.value}:{s.visit.error or ''}")
            s.dispatch("home")
        if placed and kind != "qr":
            self.rig.card.remove()
        if kind == "paper_out":
            self.rig.set_paper("document", "ok")
        self.pump(lambda: s.state.value == "home", 10)
        self._spent("end of visit", mark)
        if os.environ.get("SOAK_TRACE"):  # one line a visit: where its time went
            spent = {k: round(v - before.get(k, 0.0), 2) for k, v in self.seconds.items() if v - before.get(k, 0.0) >= 0.05}
            print(f"visit {kind} {outcome} {time.monotonic() - started:.2f} s {spent}", file=sys.stderr, flush=True)
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        return outcome


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=2000)
    parser.add_argument("--every", "--block", dest="every", type=int, default=None,
                        help="sample every N visits (default 1000 in its own process, 250 in-process)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=None, help="visits before memory must be flat (default 20%%)")
    parser.add_argument("--minutes", type=float, default=None,
                        help="start no visit after this many minutes of visits (then drain and report as usual)")
    parser.add_argument("--blank-documents", action="store_true",
                        help="the sandbox hands out one blank page instead of rendering (the quick soak test)")
    parser.add_argument("--json", default=None, help="also write the samples and the summary to this file")
    parser.add_argument("--in-process", action="store_true",
                        help="the old form: sandbox, simulators and kiosk in this one process")
    args = parser.parse_args(argv)
    if not args.in_process:
        from bench.soak_host import run_separate

        return run_separate(args)
    args.every = args.every or 250
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import logging

    from PySide6.QtWidgets import QApplication

    from kiosk import logs
    from kiosk.app import Kiosk
    from kiosk.simrig import SimulatedTerminal

    rng = random.Random(args.seed)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        logs.setup(Path(tmp) / "logs", level=logging.WARNING, console=False)
        rig = SimulatedTerminal(Path(tmp) / "t", platform_port=0, receipt_port=0, documents=CachedDocuments(),
                                extra={"sync": {"interval_s": 0.5}}).start()
        kiosk = Kiosk(rig.config)
        kiosk.start(show=False)
        kiosk.window.resize(1920, 1080)
        kiosk.window.show()
        d = Driver(app, kiosk, rig, rng)
        d.pump(lambda: "no_housing" in kiosk.session.services and kiosk.devices.status("document").usable, 60)
        rows = [("start", 0, counts(), 0.0)]
        started = time.monotonic()
        play_visits(d, rig, args.visits, args.every,
                    lambda i: rows.append((f"after {i}", i, counts(), time.monotonic() - started)),
                    None if args.minutes is None else started + 60 * args.minutes)
        rig.sandbox.faults.set()
        rig.sandbox.network_up()
        drained = d.pump(lambda: kiosk.store.outbox_depth() == 0, 120)
        store_counts = kiosk.store.counts()
        events = {t: rig.sandbox.event_count(t) for t in ("job.requested", "job.printed", "job.failed",
                                                            "evaluation.submitted", "job.needs_verification")}
        printed_jobs = store_counts.get("reported", 0) + store_counts.get("printed", 0)
        pdfs = len(rig.printed_pdfs())
        kiosk.stop()
        rig.stop()

    print(f"soak: {args.visits} visits, seed {args.seed}, {time.monotonic() - started:.0f} s\n")
    head = ("point", "visits", "RSS MB", "widgets", "QObjects", "fds", "threads", "s")
    out = [head] + [(name, n, f"{c['rss_mb']:.0f}", c["widgets"], c["qobjects"], c["fds"], c["threads"], f"{t:.0f}")
                    for name, n, c, t in rows]
    widths = [max(len(str(r[i])) for r in out) for i in range(len(head))]
    for r in out[:1] + [tuple("-" * w for w in widths)] + out[1:]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=False)))
    warm = rows[min(2, len(rows) - 1)][2]
    last = rows[-1][2]
    print(f"\nRSS growth after warm-up: {last['rss_mb'] - warm['rss_mb']:+.1f} MB; "
          f"widgets {last['widgets'] - warm['widgets']:+d}; fds {last['fds'] - warm['fds']:+d}; "
          f"threads {last['threads'] - warm['threads']:+d}")
    print(f"outcomes: {dict(sorted(d.outcomes.items()))}")
    if d.stuck:
        print(f"stuck visits: {d.stuck[:10]}")
    print(f"store jobs by state: { {k: v for k, v in store_counts.items() if v} }")
    print(f"platform events received: {events}")
    print(f"outbox drained: {drained}; PDFs at the printer: {pdfs}; jobs printed+reported: {printed_jobs}")
    ok = drained and pdfs == printed_jobs == events["job.printed"] and d.outcomes.get("stuck", 0) == 0
    print("accounting:", "every job and event accounted for" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: Qt objects owned by Python are gone with the process
