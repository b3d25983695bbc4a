"""With a screen, the terminal's workers (devices, sync, voice) start once the first screen is
painted, so their imports do not hold the interpreter while it is built; never after a stop."""
from __future__ import annotations

import threading

import pytest

from kiosk import config as config_mod
from kiosk import terminal as terminal_mod
from kiosk.terminal import Terminal


@pytest.fixture
def cfg(tmp_path):
    raw, _ = config_mod.raw_config(None)
    none = {"driver": "none"}
    secret = tmp_path / "terminal.secret"
    secret.write_text("00" * 32)
    raw = config_mod.deep_merge(raw, {"terminal": {"secret_file": str(secret)},
                                      "storage": {"dir": str(tmp_path / "store")},
                                      "devices": {n: none for n in ("id_card", "qr_serial", "camera", "receipt",
                                                                    "document", "licence")}})
    return config_mod.validate(raw)


def _sync_running(core) -> bool:
    return core.sync._thread is not None and core.sync._thread.is_alive()


def _eventually(condition, timeout_s: float = 10.0) -> bool:
    done = threading.Event()
    for _ in range(int(timeout_s / 0.05)):
        if condition():
            return True
        done.wait(0.05)
    return condition()


def test_without_a_screen_the_workers_start_at_once(cfg):
    with Terminal(cfg) as core:
        core.start()
        assert core.first_paint.is_set()
        assert _sync_running(core)


def test_with_a_screen_the_workers_wait_for_its_first_paint(cfg):
    with Terminal(cfg) as core:
        core.start(screen=True)
        assert not _sync_running(core)
        core.first_paint.set()
        assert _eventually(lambda: _sync_running(core))


def test_a_screen_never_painted_still_gets_its_workers(cfg, monkeypatch):
    monkeypatch.setattr(terminal_mod, "FIRST_PAINT_WAIT_S", 0.2)
    with Terminal(cfg) as core:
        core.start(screen=True)
        assert _eventually(lambda: _sync_running(core))


def test_stopped_before_the_paint_nothing_starts_afterwards(cfg):
    core = Terminal(cfg)
    core.start(screen=True)
    core.stop()
    core.first_paint.set()
    start_threads = [t for t in threading.enumerate() if t.name == "start-after-paint"]
    for t in start_threads:
        t.join(5)
    assert not _sync_running(core)
