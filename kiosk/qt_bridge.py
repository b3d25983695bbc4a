"""The one place where core threads meet the Qt GUI thread.

Device events, sync state and effect results arrive on worker threads; the bridge re-emits
them as Qt signals, which Qt queues onto the GUI thread. Nothing here blocks.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot


class QtBridge(QObject):
    device_event = Signal(object)   # drivers.base.DeviceEvent
    sync_state = Signal(object)     # kiosk.sync.SyncState
    _call = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._call.connect(self._run, Qt.QueuedConnection)

    def post(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the GUI thread soon (safe to call from any thread)."""
        self._call.emit(fn)

    @Slot(object)
    def _run(self, fn) -> None:
        fn()

    # listeners handed to the core: called on worker threads
    def on_device_event(self, event) -> None:
        self.device_event.emit(event)

    def on_sync_state(self, state) -> None:
        self.sync_state.emit(state)
