"""A fresh simulated terminal for one scenario script, and the means to play on it.

The kiosk is the real one (kiosk.app.Kiosk: the core of kiosk.terminal.Terminal — store, platform
client, sync worker, device manager, session — and the shell window), on kiosk.simrig.SimulatedTerminal: the sandbox platform over HTTP, the
GA 467 card reader and the serial scanner on ptys, the ESC/POS printer on TCP and the two CUPS
printers as IPP queues (drivers/sim/ipp_sim.py), each through its real driver. Only the session's
clock is the runner's: :class:`SimClock` runs with real time and can be moved on, so idle
timeouts come due without real waiting.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

READY_TIMEOUT_S = 60.0
VERIFY_SEED = 11
#: the simulated terminal's platform read timeout (s) unless the runner is told otherwise
PLATFORM_TIMEOUT_S = 5.0
#: the least an ``expect`` step waits for its state (s)
EXPECT_TIMEOUT_S = 15.0


class RememberedDocuments:
    """The sandbox's own renderer (kiosk/sandbox/documents.py), each result kept for the process.

    That renderer gives the same bytes for the same arguments, and each scenario sandbox draws
    its verification codes from the same seeded sequence, so the documents of a script are the
    very PDFs an earlier script already rendered: rendering (font subsetting, ~1.5 s a PDF) is
    paid once per process instead of once per script."""

    def __init__(self):
        self._lock = threading.Lock()
        self._pdfs: dict[tuple, bytes] = {}

    def _remember(self, key: tuple, render) -> bytes:
        with self._lock:
            pdf = self._pdfs.get(key)
        if pdf is None:
            pdf = render()
            with self._lock:
                self._pdfs[key] = pdf
        return pdf

    def _render(self, name: str, args, kwargs) -> bytes:
        from kiosk.sandbox import documents

        # repr: the arguments are dataclasses, dicts and strings, rendered the same every time
        key = (name, repr(args), repr(sorted(kwargs.items())))
        return self._remember(key, lambda: getattr(documents, name)(*args, **kwargs))

    def render_certificate(self, *args, **kwargs) -> bytes:
        return self._render("render_certificate", args, kwargs)

    def render_licence(self, *args, **kwargs) -> bytes:
        return self._render("render_licence", args, kwargs)


DOCUMENTS = RememberedDocuments()


class SimClock:
    """Monotonic seconds: real time plus whatever the script skipped."""

    def __init__(self):
        self._skipped = 0.0
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return time.monotonic() + self._skipped

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._skipped += max(0.0, float(seconds))


class ScenarioTerminal:
    """Start with :meth:`start`, play, then :meth:`stop`. Everything here runs on the GUI thread."""

    def __init__(self, root: Path, *, catalogue: dict | None = None, speech_dir: Path | None = None,
                 platform_timeout_s: float = PLATFORM_TIMEOUT_S):
        self.root = Path(root)
        #: the terminal's read timeout towards the sandbox ("fault platform slow" answers later)
        self.platform_timeout_s = float(platform_timeout_s)
        #: how long an ``expect`` waits: room for an interactive call's two attempts, timed out
        self.expect_timeout_s = max(EXPECT_TIMEOUT_S, 2 * self.platform_timeout_s + 5)
        self.catalogue = catalogue
        self.speech_dir = Path(speech_dir) if speech_dir else None
        self.speech = None  # kiosk.voice.audio.RecordingSink when speech_dir is given
        self.clock = SimClock()
        self.rig = self.kiosk = self.app = None
        self.core = None  # the kiosk's kiosk.terminal.Terminal: what the script's checks read
        self.disk = None
        self.job_ids: list[str] = []        # jobs the visits of this script referred to, latest last
        self.pickup_codes: list[str] = []   # pickup codes this script was given, latest last
        self.intents: list[str] = []
        self.initial_jobs: set[str] = set()  # jobs on the terminal before the first step (prefetched licences)
        self.started_at = 0.0               # wall time the first step could begin
        self.platform_fault_at = 0.0        # wall time of the latest ``fault platform`` step (0: none yet)

    # ------------------------------------------------------------------ life cycle
    def start(self) -> "ScenarioTerminal":
        import os

        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication

        from kiosk.app import Kiosk
        from kiosk.scenario.disk import Disk
        from kiosk.simrig import SimulatedTerminal

        self.app = QApplication.instance() or QApplication([])
        self.rig = SimulatedTerminal(self.root, platform_port=0, receipt_port=0, printers="ipp",
                                     catalogue=self.catalogue, documents=DOCUMENTS, verify_seed=VERIFY_SEED,
                                     extra={"platform": {"timeout_s": self.platform_timeout_s,
                                                         "connect_timeout_s": 1}}).start()
        if self.speech_dir is not None:
            from kiosk.voice.audio import RecordingSink

            self.speech = RecordingSink(self.speech_dir)  # every prompt played, as a real WAV file
        self.kiosk = Kiosk(self.rig.config, clock=self.clock, voice_sink=self.speech)
        self.core = self.kiosk.terminal
        self.kiosk.start(show=False)
        self.kiosk.window.resize(1920, 1080)
        self.kiosk.window.show()
        self.disk = Disk(self.core.store)
        self.core.session.on_change(self._remember)
        return self

    def stop(self) -> None:
        if self.kiosk is not None:
            if self.disk is not None:
                self.disk.free()
            self.kiosk.stop()
            self.kiosk.window.close()
            self.kiosk.window.deleteLater()
        if self.rig is not None:
            self.rig.stop()
        if self.app is not None:
            self.app.processEvents()

    def wait_ready(self) -> str | None:
        """Until the catalogue is in, every device is online and the licence jobs are prefetched.

        Returns None, or what the terminal is still waiting for after READY_TIMEOUT_S."""
        from drivers.base import DeviceState

        k = self.core

        def missing() -> str | None:
            if not k.session.services:
                return "the catalogue"
            for name in k.devices.names():
                if k.devices.has(name) and k.devices.status(name).state != DeviceState.ONLINE:
                    return f"device {name} ({k.devices.status(name).state.value})"
            if len([j for j in k.store.jobs(kind="licence") if j.state.value == "ready"]) < 2:
                return "the prefetched licence jobs"
            return None

        self.pump(lambda: missing() is None, READY_TIMEOUT_S)
        self.initial_jobs = {j.id for j in k.store.jobs()}
        self.started_at = time.time()
        return missing()

    # ------------------------------------------------------------------ observing
    def _remember(self, session, old, new, intent) -> None:
        self.intents.append(intent)
        v = session.visit
        if v.job_id:
            if v.job_id in self.job_ids:
                self.job_ids.remove(v.job_id)
            self.job_ids.append(v.job_id)
        if v.pickup_code and (not self.pickup_codes or self.pickup_codes[-1] != v.pickup_code):
            self.pickup_codes.append(v.pickup_code)

    @property
    def session(self):
        return self.core.session

    @property
    def state(self) -> str:
        return self.core.session.state.value

    def screen(self, name: str):
        return self.kiosk.window.screens.get(name)

    def jobs(self) -> list:
        """Jobs of this script, oldest first: created since it began, or referred to by its visits
        (a prefetched licence job, once found by its code)."""
        store = self.core.store
        mine = [j for j in store.jobs() if j.id not in self.initial_jobs or j.id in self.job_ids]
        return sorted(mine, key=lambda j: (j.created_at, j.id))

    def latest_job(self):
        """The job of this script changed most recently (None before any)."""
        jobs = self.jobs()
        return max(jobs, key=lambda j: j.updated_at) if jobs else None

    def sheets(self, device: str) -> int:
        return self.rig.sheets(device)

    def receipts(self) -> int:
        return len(self.rig.receipt.receipts)

    # ------------------------------------------------------------------ time
    def pump(self, until=lambda: False, timeout: float = 0.0) -> bool:
        """Let the terminal run (real time) until ``until()`` holds or ``timeout`` passes."""
        deadline = time.monotonic() + timeout
        while True:
            self.app.processEvents()
            if until():
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)

    def tick(self) -> None:
        """One turn of the shell's idle timer, now (it also runs every 250 ms on its own)."""
        self.kiosk.window._tick()
        self.app.processEvents()

    def skip(self, seconds: float) -> None:
        """Move the session clock on by ``seconds`` in steps of at most 5 s, letting timers see each."""
        left = float(seconds)
        while left > 0:
            step = min(5.0, left)
            self.clock.advance(step)
            left -= step
            self.tick()
            self.pump(timeout=0.02)

    def key(self, name: str) -> None:
        """One key of the keypad (screens/keys.py names), sent as a real key press to the window."""
        from PySide6.QtTest import QTest

        from screens.keys import qt_key

        if self.speech is not None:
            self.core.voice.wait_idle(10)  # a listener hears the screen out before pressing
        QTest.keyClick(self.kiosk.window, qt_key(name))
        self.app.processEvents()
        if self.speech is not None:
            self.core.voice.wait_idle(10)  # the prompts of this key are played before the next step

    def click(self, widget) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.mouseClick(widget, Qt.LeftButton)
        self.app.processEvents()
