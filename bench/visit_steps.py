"""What a resident waits for that is the kiosk's own doing, step by step (issue 16, start-up).

Plays certificate visits (社保缴费证明 by its category, an ID card on the reader, agree, print,
the receipt, a rating) on a simulated terminal whose sandbox platform answers at once, and
times five steps of each visit on one clock (this process holds the kiosk, the sandbox and the
simulators):

- card read → verify sent: the card put on the reader → the verify request reaches the sandbox
- answer → consent painted: the sandbox has written its answer → the consent screen is painted
- agree → preview painted: the touch on 同意 → the preview screen is painted
- print → job submitted: the touch on 打印 → the document printer's driver is handed the job
- printed → receipt sent: the driver reports the job printed → the receipt printer has its cut

From each step's wall time, subtracted: wire time (the bytes that crossed the card reader's
serial line, 10 bits each at its baud rate; the simulator paces them at that rate, as a reader
does) and platform time (each request the sandbox served inside the step, from its headers read
to its answer written, measured at the server). What is left is the kiosk's own time: its
drivers, its threads, its screens. The card step's own time includes waiting for the reader's
next poll (poll_interval_s of the rig: 0.2 s), which is the kiosk's doing too.

    python -m bench.visit_steps [--visits 50] [--baud 115200]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

CARD_PARTS = ("  of which: card on the reader → card read", "  of which: card read → verify sent")
STEPS = ("card read → verify sent", "answer → consent painted", "agree → preview painted",
         "print → job submitted", "printed → receipt sent")
SERVICE = "social_insurance_payment"
#: the requests a visit waits for (the rest is the background's: /health, /events, /jobs/assigned …)
VISIT_PATHS = ("/identity/verify", "/documents")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class Clock:
    """Timestamps (time.perf_counter) of what the steps start and end on, from every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str, float, float]] = []  # method, path, headers read, answer written
        self.painted: dict[str, float] = {}   # screen state name → its first paint since clear()
        self.submitted: float | None = None
        self.printed: float | None = None
        self.cut: float | None = None
        self.card_read: float | None = None

    def clear(self) -> None:
        with self.lock:
            self.painted.clear()
            self.submitted = self.printed = self.cut = self.card_read = None

    def platform_within(self, start: float, end: float) -> float:
        """Seconds inside [start, end] during which the sandbox was serving one of the visit's own
        requests (overlapping requests counted once; the background's health checks, event
        deliveries and long polls, which no step waits for, not at all)."""
        with self.lock:
            spans = sorted((max(a, start), min(b, end)) for _m, p, a, b in self.requests
                           if any(f in p for f in VISIT_PATHS) and b > start and a < end)
        total, reach = 0.0, start
        for a, b in spans:
            a = max(a, reach)
            if b > a:
                total += b - a
                reach = b
        return total

    def first_request(self, fragment: str, after: float) -> tuple[float, float] | None:
        with self.lock:
            hits = [(a, b) for _m, p, a, b in self.requests if fragment in p and a >= after]
        return min(hits) if hits else None


def instrument(clock: Clock, rig, kiosk) -> None:
    """Hook the timestamps in: the sandbox's request cycle, paints, the printer, the receipt sim."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from drivers.base import EventKind
    from kiosk.sandbox.handlers import PlatformHandler

    handle = PlatformHandler._handle

    def timed_handle(self):
        start = time.perf_counter()
        try:
            handle(self)
        finally:
            with clock.lock:
                clock.requests.append((self.command, self.path, start, time.perf_counter()))

    PlatformHandler._handle = timed_handle

    window = kiosk.window

    class Paints(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint and obj is window.stack.currentWidget():
                name = getattr(obj, "state_name", "")
                if name not in clock.painted:
                    clock.painted[name] = time.perf_counter()
            return False

    clock.paints = Paints()
    QApplication.instance().installEventFilter(clock.paints)

    printer = kiosk.devices.device("document")
    print_pdf = printer.print_pdf

    def timed_print(*args, **kwargs):
        clock.submitted = time.perf_counter()
        outcome = print_pdf(*args, **kwargs)
        return outcome

    printer.print_pdf = timed_print

    def on_event(event):
        if event.kind == EventKind.JOB_COMPLETED and event.device == "document" and clock.printed is None:
            clock.printed = time.perf_counter()
        elif event.kind == EventKind.CARD_READ and clock.card_read is None:
            clock.card_read = time.perf_counter()

    kiosk.devices.subscribe(on_event)

    on_cut = rig.receipt._on_cut

    def timed_cut(page):
        if clock.cut is None:
            clock.cut = time.perf_counter()
        on_cut(page)

    rig.receipt._on_cut = timed_cut


def wait(app, until, timeout: float = 30.0, what: str = "") -> None:
    """Run Qt's event loop (no sleeping between turns) until ``until()`` holds."""
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError(f"visit_steps: timed out waiting for {what}")
        app.processEvents(QEventLoop.AllEvents | QEventLoop.WaitForMoreEvents, 5)
    app.processEvents()


def play(app, rig, kiosk, clock: Clock, baud: int) -> dict[str, tuple[float, float, float]]:
    """One certificate visit; per step (wall, wire, platform) seconds."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from screens import catalogue_nav

    screens = kiosk.window.screens
    state = lambda: kiosk.session.state.value  # noqa: E731

    def click(widget) -> None:
        QTest.mouseClick(widget, Qt.LeftButton)
        app.processEvents()

    wait(app, lambda: SERVICE in kiosk.session.services and not kiosk.window.availability.get(SERVICE, "?"),
         60, "the catalogue and the printers")
    catalogue_nav.by_category(screens["home"], SERVICE, click)
    wait(app, lambda: state() == "identify", 30, "identify")
    out: dict[str, tuple[float, float, float]] = {}
    port = rig.card.port

    # 1. card read → verify sent
    clock.clear()
    moved = port.bytes_in + port.bytes_out
    placed = time.perf_counter()
    rig.card.place("zhang")
    wait(app, lambda: clock.first_request("/verify", placed) is not None, 30, "the verify request")
    verify_in, verify_out = clock.first_request("/verify", placed)
    wire = (port.bytes_in + port.bytes_out - moved) * 10 / baud
    out[STEPS[0]] = (verify_in - placed, wire, clock.platform_within(placed, verify_in))
    out[CARD_PARTS[0]] = (clock.card_read - placed, wire, 0.0)
    out[CARD_PARTS[1]] = (verify_in - clock.card_read, 0.0, clock.platform_within(clock.card_read, verify_in))

    # 2. answer → consent painted
    wait(app, lambda: "consent" in clock.painted, 30, "consent painted")
    end = clock.painted["consent"]
    out[STEPS[1]] = (end - verify_out, 0.0, clock.platform_within(verify_out, end))

    # 3. agree → preview painted
    clock.clear()
    agreed = time.perf_counter()
    click(screens["consent"].agree)
    wait(app, lambda: "preview" in clock.painted, 30, "preview painted")
    end = clock.painted["preview"]
    out[STEPS[2]] = (end - agreed, 0.0, clock.platform_within(agreed, end))

    # 4. print → job submitted; 5. printed → receipt sent
    clock.clear()
    pressed = time.perf_counter()
    click(screens["preview"].print_btn)
    wait(app, lambda: clock.submitted is not None, 30, "the job at the printer")
    out[STEPS[3]] = (clock.submitted - pressed, 0.0, clock.platform_within(pressed, clock.submitted))
    wait(app, lambda: clock.cut is not None and clock.printed is not None, 30, "the receipt")
    out[STEPS[4]] = (clock.cut - clock.printed, 0.0, clock.platform_within(clock.printed, clock.cut))

    # the rest of the visit, untimed
    wait(app, lambda: state() == "receipt" and kiosk.session.visit.receipt_ok is not None, 30, "receipt screen")
    rig.card.remove()
    click(screens["receipt"].next)
    wait(app, lambda: state() == "rating", 30, "rating")
    click(screens["rating"].level_buttons["satisfied"])
    click(screens["rating"].submit)
    wait(app, lambda: state() == "done", 30, "done")
    click(screens["done"].finish)
    wait(app, lambda: state() == "home", 30, "home")
    return out


def table(rows: list[tuple], head: tuple) -> None:
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=False)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.visit_steps", description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=50)
    parser.add_argument("--baud", type=int, default=115200, help="the card reader's line speed")
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from drivers.sim.ga467_sim import CardReaderSim
    from kiosk.app import Kiosk
    from kiosk.simrig import SimulatedTerminal

    app = QApplication.instance() or QApplication([])
    from bench.soak import CachedDocuments

    results: dict[str, list[tuple[float, float, float]]] = {s: [] for s in (*STEPS, *CARD_PARTS)}
    documents = CachedDocuments()  # the sandbox answers at once: each document rendered once, ahead
    from drivers.sim.people import resident

    documents.render_certificate(SERVICE, resident("zhang"), verify_code="", issued=None)
    with tempfile.TemporaryDirectory() as tmp:
        extra = {"devices": {"id_card": {"baud": args.baud}}}
        rig = SimulatedTerminal(Path(tmp), platform_port=0, receipt_port=0, extra=extra,
                                documents=documents).start()
        link = rig.card.link
        rig.card.stop()
        rig.card = CardReaderSim(link, baud=args.baud).start()  # bytes paced at the line speed
        kiosk = Kiosk(rig.config)
        try:
            kiosk.start(show=False)
            kiosk.window.resize(1920, 1080)
            kiosk.window.show()
            clock = Clock()
            instrument(clock, rig, kiosk)
            for _ in range(args.visits):
                for step, value in play(app, rig, kiosk, clock, args.baud).items():
                    results[step].append(value)
        finally:
            kiosk.stop()
            rig.stop()
    print(f"certificate visit, per step, {args.visits} visits (offscreen Qt, sandbox answering at once, "
          f"card reader at {args.baud} baud, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})\n")
    rows = []
    for step in (STEPS[0], *CARD_PARTS, *STEPS[1:]):
        wall = [v[0] * 1000 for v in results[step]]
        wire = [v[1] * 1000 for v in results[step]]
        platform = [v[2] * 1000 for v in results[step]]
        own = [w - x - p for w, x, p in zip(wall, wire, platform, strict=True)]
        rows.append((step, f"{statistics.median(wall):.1f}", f"{statistics.median(wire):.1f}",
                     f"{statistics.median(platform):.1f}", f"{statistics.median(own):.1f}", f"{pct(own, 95):.1f}"))
    table(rows, ("step (ms)", "wall median", "wire median", "platform median", "kiosk own median",
                 "kiosk own p95"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
