"""Runs the kiosk the way the unit's ExecStart does (deploy/bundle_entry.py: the bundle's entry),
in this same process, with two fault hooks for tests/deploy/test_systemd_unit.py: when the file
``$UNIT_TEST_DIR/exit`` appears the technician's "exit to desktop" runs (the real code path of
the system page's button); when ``$UNIT_TEST_DIR/block`` appears the GUI thread blocks for the
seconds written in it, announcing the block with STATUS= notifications around it."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "deploy"))


def _install_hooks() -> None:
    from kiosk import app, watchdog

    trigger = Path(os.environ["UNIT_TEST_DIR"])
    original = app.Kiosk.start

    def start(self, *a, **kw):
        from PySide6.QtCore import QTimer

        original(self, *a, **kw)

        def poll():
            if (trigger / "exit").exists():
                (trigger / "exit").unlink()
                self.window._technician.exit_to_desktop()
            elif (trigger / "block").exists():
                seconds = float((trigger / "block").read_text())
                (trigger / "block").unlink()
                watchdog.notify("STATUS=blocking")
                time.sleep(seconds)  # the fault: a GUI thread stuck in a call that never returns
                watchdog.notify("STATUS=unblocked")

        self._unit_test_timer = QTimer(self)
        self._unit_test_timer.timeout.connect(poll)
        self._unit_test_timer.start(50)

    app.Kiosk.start = start


if __name__ == "__main__":
    _install_hooks()
    from bundle_entry import main

    sys.exit(main())
