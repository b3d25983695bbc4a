"""The one place where core threads meet the Qt GUI thread.

Device events, sync state and effect results arrive on worker threads; the bridge re-emits
them as Qt signals, which Qt queues onto the GUI thread. Nothing here blocks. Once
:meth:`close` is called, nothing more is sent, and the receivers check :attr:`closed` when a
signal queued before arrives: a worker that finishes its cycle after the kiosk stopped cannot
reach a window that is being torn down.
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
        self._closed = False
        self._call.connect(self._run, Qt.QueuedConnection)

    def post(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the GUI thread soon (safe to call from any thread)."""
        if not self._closed:
            self._call.emit(fn)

    def close(self) -> None:
        """Deliver nothing more, including what is already queued (GUI thread)."""
        self._closed = True

    @property
    def closed(self) -> bool:
        return self._closed

    @Slot(object)
    def _run(self, fn) -> None:
        if not self._closed:  # checked here too: the call may have been queued before close()
            fn()

    # listeners handed to the core: called on worker threads
    def on_device_event(self, event) -> None:
        if not self._closed:
            self.device_event.emit(event)

    def on_sync_state(self, state) -> None:
        if not self._closed:
            self.sync_state.emit(state)
