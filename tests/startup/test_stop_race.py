"""A worker that finishes its cycle after the kiosk stopped reaches nothing: its sync state is
not reported, and what it queued for the GUI thread is dropped instead of touching a window
being torn down (a sync cycle slower than the stop's join once did, with the store closed)."""
from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.qt_bridge import QtBridge  # noqa: E402
from kiosk.sync import SyncState  # noqa: E402
from kiosk.terminal import Terminal  # noqa: E402


def test_calls_queued_before_close_are_dropped(qtbot):
    bridge = QtBridge()
    ran = []
    worker = threading.Thread(target=lambda: [bridge.post(lambda i=i: ran.append(i)) for i in range(50)])
    worker.start()
    worker.join()
    bridge.close()
    bridge.post(lambda: ran.append("after"))
    qtbot.wait(50)  # the queued calls are delivered, or not, now
    assert ran == []


def test_a_closed_bridge_sends_nothing(qtbot):
    bridge = QtBridge()
    got = []
    bridge.device_event.connect(lambda e: got.append(("event", e)))
    bridge.sync_state.connect(lambda s: got.append(("sync", s)))
    bridge.on_device_event(1)
    bridge.on_sync_state(2)
    assert got == [("event", 1), ("sync", 2)]
    bridge.close()
    bridge.on_device_event(3)
    bridge.on_sync_state(4)
    qtbot.wait(20)
    assert got == [("event", 1), ("sync", 2)]


def test_a_sync_cycle_ending_after_stop_reports_nothing(deviceless_cfg):
    heard = []
    core = Terminal(deviceless_cfg)
    core.on_sync_state(heard.append)
    core.start()
    core.stop()
    heard.clear()  # what the cycles before the stop reported
    core.sync._update(online=False, last_error="platform unreachable")  # the late cycle's end
    core._sync_changed(SyncState(online=False))  # and had it got past that: no store is read
    assert heard == []


def test_a_stopped_kiosk_ignores_late_sync_states(qtbot, deviceless_cfg):
    from kiosk.app import Kiosk

    kiosk = Kiosk(deviceless_cfg)
    qtbot.addWidget(kiosk.window)
    kiosk.start(show=False)
    shown = []
    kiosk.window.set_online = shown.append
    kiosk.bridge.on_sync_state(SyncState(online=True))  # alive, it shows what sync says
    qtbot.waitUntil(lambda: True in shown)
    late = threading.Thread(target=kiosk.bridge.on_sync_state, args=(SyncState(online=True),))
    kiosk.stop()
    seen = len(shown)
    late.start()
    late.join()
    qtbot.wait(50)
    assert len(shown) == seen
