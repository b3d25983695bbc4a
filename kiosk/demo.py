"""``make demo``: the kiosk on a simulated terminal.

With a display, the kiosk window opens beside a simulator control window. Without one it plays
a scripted resident visit offscreen and saves every screen, the printed PDF and the receipt
under var/demo/.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from kiosk.demo_files import DEMO_DIR, new_pin, remove_pointer, summary_lines, write_pointer

TECHNICIAN_HOW = ("technician mode: tap the top-left corner of the kiosk window 5 times within 3 s "
                  "(home screen), then enter the PIN")


def pump(app, until, timeout: float = 20.0, what: str = "") -> None:
    """Let Qt run until ``until()`` is true (demo scripting only; tests use qtbot.waitUntil)."""
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError(f"demo: timed out waiting for {what or until}")
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


class DemoVisit:
    """Drives the kiosk window as a resident would: clicks, a card on the reader."""

    def __init__(self, app, kiosk, rig, shots: Path):
        self.app, self.kiosk, self.rig, self.shots = app, kiosk, rig, shots
        self.core = kiosk.terminal  # the screenless part (kiosk.terminal.Terminal): session, store
        self.count = 0
        self.saved: list[Path] = []

    @property
    def state(self) -> str:
        return self.core.session.state.value

    def wait_state(self, name: str, timeout: float = 30.0) -> None:
        pump(self.app, lambda: self.state == name, timeout, f"screen {name} (now {self.state})")

    def shot(self, name: str) -> None:
        pump(self.app, lambda: True)
        self.count += 1
        path = self.shots / f"{self.count:02d}-{name}.png"
        self.kiosk.window.grab().save(str(path))
        self.saved.append(path)

    def click(self, widget) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.mouseClick(widget, Qt.LeftButton)
        pump(self.app, lambda: True)

    def screen(self, name: str):
        return self.kiosk.window.screens[name]

    def certificate(self, service_id: str = "social_insurance_payment") -> None:
        """A resident finds ``service_id`` through its category and prints it with the ID card."""
        k, core, rig = self.kiosk, self.core, self.rig
        pump(self.app, lambda: service_id in core.session.services and not k.window.availability.get(service_id, "?"),
             30, "the catalogue and the printers")
        self.shot("home")
        from screens import catalogue_nav

        catalogue_nav.by_category(self.screen("home"), service_id, self.click)
        self.wait_state("identify")
        self.shot("identify")
        rig.card.place("zhang")
        self.wait_state("consent")
        self.shot("consent")
        self.click(self.screen("consent").agree)
        self.wait_state("preview")
        self.shot("preview")
        self.click(self.screen("preview").print_btn)
        self.wait_state("receipt")
        pump(self.app, lambda: core.session.visit.receipt_ok is not None, 20, "the receipt")
        self.shot("receipt")
        rig.card.remove()
        self.click(self.screen("receipt").next)
        self.wait_state("rating")
        self.click(self.screen("rating").level_buttons["satisfied"])
        self.shot("rating")
        self.click(self.screen("rating").submit)
        self.wait_state("done")
        self.shot("done")
        self.click(self.screen("done").finish)
        self.wait_state("home")
        self.shot("home-after-visit")

    def licence(self) -> None:
        """An enterprise's staff member prints the business licence: credit code typed on the keypad."""
        core, rig = self.core, self.rig
        pump(self.app, lambda: any(j.state.value == "ready" for j in core.store.jobs(kind="licence")),
             30, "the prefetched licence jobs")
        self.click(self.screen("home").tiles["licence"])
        self.wait_state("licence_code")
        pad = self.screen("licence_code")
        for ch in "91350100MA2Y8K3L2H":
            self.click(pad.key_buttons[ch])
        self.shot("licence-code")
        self.click(pad.confirm)
        self.wait_state("identify")
        rig.card.place("zhang")  # the legal representative
        self.wait_state("consent")
        self.click(self.screen("consent").agree)
        self.wait_state("licence_options")
        self.shot("licence-options")
        self.click(self.screen("licence_options").print_btn)
        self.wait_state("licence_serials")
        serials = self.screen("licence_serials")
        for serial in ("3501000101", "3501000102", "3501000103"):
            for ch in serial:
                self.click(serials.key_buttons[ch])
            self.click(serials.add)
        self.shot("licence-serials")
        self.click(serials.confirm)
        self.wait_state("receipt")
        pump(self.app, lambda: core.session.visit.receipt_ok is not None, 20, "the receipt")
        self.shot("licence-receipt")
        rig.card.remove()
        self.click(self.screen("receipt").next)
        self.wait_state("rating")
        self.click(self.screen("rating").level_buttons["very_satisfied"])
        self.click(self.screen("rating").submit)
        self.wait_state("done")
        self.click(self.screen("done").finish)
        self.wait_state("home")

    def search(self) -> None:
        """The search with a few letters typed, and a 常用 row after the first visit (screenshots)."""
        home = self.screen("home")
        self.click(home.search_btn)
        for ch in "SBJF":
            self.click(home.key_buttons[ch])
        self.shot("search")
        self.click(home.back_btn)

    def delivered(self, printed: int = 2) -> None:
        sandbox = self.rig.sandbox
        pump(self.app, lambda: sandbox.event_count("job.printed") >= printed
             and sandbox.event_count("evaluation.submitted") >= 1, 30, "the events to reach the platform")


def _quiet_offscreen(mode, context, message: str) -> None:
    """The offscreen platform warns that it cannot size windows like a window manager: noise."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def _pick(catalogue: dict | None) -> tuple[str | None, bool]:
    """(the certificate the demo prints, whether it prints the business licence too)."""
    if catalogue is None:
        return "social_insurance_payment", True
    services = {s["id"]: s for s in catalogue["services"]}
    printable = [sid for sid, s in services.items() if s.get("kind", "print") == "print" and s.get("printer") == "document"]
    first = "social_insurance_payment" if "social_insurance_payment" in printable else (printable[0] if printable else None)
    return first, services.get("business_licence", {}).get("printer") == "licence"


def headless(rig, out: Path) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    qInstallMessageHandler(_quiet_offscreen)

    from kiosk.app import Kiosk

    app = QApplication.instance() or QApplication([])
    kiosk = Kiosk(rig.config)
    kiosk.start(show=False)
    w, h = (1080, 1920) if rig.config.ui.orientation == "portrait" else (1920, 1080)
    kiosk.window.resize(w, h)
    kiosk.window.show()
    shots = out / "screens"
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    visit = DemoVisit(app, kiosk, rig, shots)
    service_id, with_licence = _pick(rig.catalogue)
    try:
        if service_id:
            visit.certificate(service_id)
            visit.search()
        if with_licence:
            visit.licence()
        visit.delivered(int(bool(service_id)) + int(with_licence))
        from kiosk.monitoring.metrics import render

        since = time.time()  # the monitor publishes every few seconds: wait for one after the visits
        monitoring = kiosk.terminal.monitoring
        pump(app, lambda: getattr(monitoring.monitor.snapshot, "taken_at", 0) > since, 20, "a monitoring snapshot")
        (out / "metrics.txt").write_text(render(monitoring.registry), encoding="utf-8")
    finally:
        kiosk.stop()
    files = collect(rig, out)
    print("\nDemo visits finished: 社会保险缴费证明 for a simulated resident, 营业执照 (正本 A3 + 副本 A4) for a company.")
    print(f"Files the demo wrote ({len(files)}):")
    for line in summary_lines(files):
        print(line)
    print(f"  platform received: job.printed ×{rig.sandbox.event_count('job.printed')}, "
          f"evaluation.submitted ×{rig.sandbox.event_count('evaluation.submitted')}")
    return 0


def collect(rig, out: Path) -> list[tuple[str, Path]]:
    """Copy the prints of this run next to the screens; (label, path) of every file written."""
    files: list[tuple[str, Path]] = [("terminal config", rig.root / "terminal.toml")]
    pdfs = rig.printed_pdfs()
    if pdfs:
        shutil.copy(pdfs[-1], out / "printed-certificate.pdf")
        files.append(("document", out / "printed-certificate.pdf"))
    for stale in out.glob("printed-licence-*.pdf"):
        stale.unlink()  # a previous run's: the summary lists this run's only
    licences = sorted(rig.licence_dir.glob("*.pdf")) if rig.licence_dir.exists() else []
    for i, pdf in enumerate(licences):
        shutil.copy(pdf, out / f"printed-licence-{i + 1}.pdf")
        files.append((f"licence {i + 1}", out / f"printed-licence-{i + 1}.pdf"))
    for stale in out.glob("receipt-*.png"):
        stale.unlink()
    receipts = sorted((rig.root / "receipts").glob("receipt-*.png"))
    for i, png in enumerate(receipts):
        shutil.copy(png, out / f"receipt-{i + 1}.png")
        files.append((f"receipt {i + 1}", out / f"receipt-{i + 1}.png"))
    if receipts:  # the older name, kept: the last visit's receipt
        shutil.copy(receipts[-1], out / "receipt.png")
        files.append(("last receipt", out / "receipt.png"))
    files.append(("metrics", out / "metrics.txt"))
    shots = sorted((out / "screens").glob("*.png"))
    files += [("screen", p) for p in shots]
    files.append(("logs", out / "logs"))
    return files


def announce(rig, pin: str, pointer: Path) -> None:
    """Where the terminal config is and how a technician gets in (printed before anything runs)."""
    print(f"terminal config: {rig.root / 'terminal.toml'}")
    print(f"technician PIN: {pin}  ({TECHNICIAN_HOW})")
    print(f"while the demo runs, `python -m kiosk.diag status` (run here, or with --config FILE) reads it "
          f"(pointer: {pointer})",
          flush=True)


FRAME = (12, 40)  # room for a window manager's borders and title bar


def side_by_side(area, others, control, portrait: bool, kiosk_min_w: int = 0):
    """(kiosk (x, y, w, h), control (x, y, w, h)): the simulator controls never over the kiosk.

    With a second screen the controls go there and the kiosk keeps the primary one; else the
    kiosk window shrinks (keeping its 16:9 or 9:16 shape) to leave the controls room at its right."""
    x, y, w, h = area
    cw, ch = control
    ratio = 9 / 16 if portrait else 16 / 9
    if others:
        ox, oy, ow, oh = others[0]
        kw = min(w - FRAME[0], int((h - FRAME[1]) * ratio))
        return (x, y, kw, int(kw / ratio)), (ox, oy, min(cw, ow - FRAME[0]), min(ch, oh - FRAME[1]))
    cw = min(cw, w // 3)
    kw = max(kiosk_min_w, min(w - cw - 2 * FRAME[0], int((h - FRAME[1]) * ratio)))
    cw = min(cw, max(0, w - kw - 2 * FRAME[0])) or cw  # a screen too small for both: overlap the least
    kh = int(kw / ratio)
    return (x, y, kw, kh), (x + kw + FRAME[0], y, cw, min(ch, h - FRAME[1]))


def with_display(rig) -> int:
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk
    from screens.sim_control import SimControl

    app = QApplication.instance() or QApplication([])
    kiosk = Kiosk(rig.config)
    kiosk.start()
    control = SimControl(rig, columns=2)
    control.adjustSize()
    screens = [(g.x(), g.y(), g.width(), g.height()) for g in (sc.availableGeometry() for sc in app.screens())]
    primary = app.primaryScreen().availableGeometry()
    hint = control.sizeHint()
    kiosk_rect, control_rect = side_by_side((primary.x(), primary.y(), primary.width(), primary.height()),
                                            [s for s in screens if s[:2] != (primary.x(), primary.y())],
                                            (hint.width(), hint.height()),
                                            rig.config.ui.orientation == "portrait",
                                            kiosk.window.minimumSizeHint().width())
    kiosk.window.resize(*kiosk_rect[2:])
    kiosk.window.move(*kiosk_rect[:2])
    control.resize(*control_rect[2:])
    control.move(*control_rect[:2])
    control.show()
    print("Demo running: the kiosk window and the simulator controls are open. Close either to stop.")
    app.setQuitOnLastWindowClosed(True)
    control.closed.connect(app.quit)
    code = app.exec()
    kiosk.stop()
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.demo",
        description="The kiosk on a simulated terminal: with a display, the kiosk beside a simulator "
                    "control window; without one (or with --headless), a scripted visit offscreen.")
    parser.add_argument("--headless", action="store_true", help="play the scripted visit even with a display")
    parser.add_argument("--out", default=str(DEMO_DIR), metavar="DIR",
                        help=f"where the terminal config, screenshots and prints go (default {DEMO_DIR})")
    parser.add_argument("--portrait", action="store_true",
                        help="a portrait (1080x1920) screen instead of landscape (1920x1080)")
    parser.add_argument("--catalogue", metavar="FILE",
                        help="the sandbox platform serves this catalogue file (JSON) instead of its own")
    args = parser.parse_args(argv)
    catalogue = None
    if args.catalogue:
        from kiosk.catalogue import CatalogueError
        from kiosk.sandbox.catalogue import from_file

        try:
            catalogue = from_file(args.catalogue)
        except CatalogueError as e:
            print(f"kiosk.demo: catalogue {args.catalogue} refused:", file=sys.stderr)
            for reason in e.reasons:
                print(f"  {reason}", file=sys.stderr)
            return 2

    from kiosk import logs
    from kiosk.simrig import SimulatedTerminal

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    logs.setup(out / "logs", console=False)
    rig = SimulatedTerminal(out / "terminal", orientation="portrait" if args.portrait else "landscape",
                            catalogue=catalogue)
    shutil.rmtree(rig.root / "store", ignore_errors=True)
    shutil.rmtree(rig.root / "printed", ignore_errors=True)
    shutil.rmtree(rig.root / "receipts", ignore_errors=True)
    shutil.rmtree(rig.root / "licence", ignore_errors=True)
    rig.start()
    try:
        from kiosk.diag import DiagError
        from kiosk.diag import set_pin

        pin = new_pin()
        try:
            rig.config = set_pin.apply(rig.config, pin)
        except DiagError as e:
            print(f"kiosk.demo: cannot set the technician PIN: {e}", file=sys.stderr)
            return 1
        announce(rig, pin, write_pointer(out, rig.root / "terminal.toml"))
        if display and not args.headless:
            return with_display(rig)
        print("No display found: playing a scripted visit offscreen." if not display else "Playing a scripted visit offscreen.")
        return headless(rig, out)
    except TimeoutError as e:
        print(str(e), file=sys.stderr)
        return 1
    finally:
        remove_pointer(out)
        rig.stop()


if __name__ == "__main__":
    sys.exit(main())
