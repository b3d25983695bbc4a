"""With a screen, the terminal's workers (devices, sync, voice) start once the first screen is
painted, so their imports do not hold the interpreter while it is built; never after a stop."""
from __future__ import annotations

import threading

from kiosk import terminal as terminal_mod
from kiosk.terminal import Terminal


def _sync_running(core) -> bool:
    return core.sync._thread is not None and core.sync._thread.is_alive()


def _eventually(condition, timeout_s: float = 10.0) -> bool:
    done = threading.Event()
    for _ in range(int(timeout_s / 0.05)):
        if condition():
            return True
        done.wait(0.05)
    return condition()


def test_without_a_screen_the_workers_start_at_once(deviceless_cfg):
    with Terminal(deviceless_cfg) as core:
        core.start()
        assert core.first_paint.is_set()
        assert _sync_running(core)


def test_with_a_screen_the_workers_wait_for_its_first_paint(deviceless_cfg):
    with Terminal(deviceless_cfg) as core:
        core.start(screen=True)
        assert not _sync_running(core)
        core.first_paint.set()
        assert _eventually(lambda: _sync_running(core))


def test_a_screen_never_painted_still_gets_its_workers(deviceless_cfg, monkeypatch):
    monkeypatch.setattr(terminal_mod, "FIRST_PAINT_WAIT_S", 0.2)
    with Terminal(deviceless_cfg) as core:
        core.start(screen=True)
        assert _eventually(lambda: _sync_running(core))


def test_stopped_before_the_paint_nothing_starts_afterwards(deviceless_cfg):
    core = Terminal(deviceless_cfg)
    core.start(screen=True)
    core.stop()
    core.first_paint.set()
    start_threads = [t for t in threading.enumerate() if t.name == "start-after-paint"]
    for t in start_threads:
        t.join(5)
    assert not _sync_running(core)


def test_a_part_that_fails_to_start_is_logged_and_the_others_start(deviceless_cfg, caplog):
    with Terminal(deviceless_cfg) as core:
        def broken():
            raise OSError("serial port vanished")

        core.devices.start = broken
        core.start(screen=True)
        core.first_paint.set()
        assert _eventually(lambda: _sync_running(core))
        assert _eventually(lambda: "devices did not start" in caplog.text)


def test_a_shown_kiosk_notices_its_first_paint(qtbot, deviceless_cfg, monkeypatch):
    """The window's own paint sets ``first_paint`` (not the fallback wait, made long here)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.app import Kiosk

    monkeypatch.setattr(terminal_mod, "FIRST_PAINT_WAIT_S", 600)
    deviceless_cfg.ui.fullscreen = False
    kiosk = Kiosk(deviceless_cfg)
    qtbot.addWidget(kiosk.window)
    try:
        kiosk.start(show=True)
        qtbot.waitUntil(kiosk.first_paint.is_set, timeout=10000)
        qtbot.waitUntil(lambda: _sync_running(kiosk.terminal), timeout=10000)
    finally:
        kiosk.stop()
