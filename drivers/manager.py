"""Opens the configured devices, runs each on its own worker thread, reconnects them.

All blocking I/O of one device happens on that device's thread (drivers need not be
thread-safe). Other threads talk to a device only through :meth:`DeviceManager.call`, which
returns a Future. Status changes and device events reach listeners through one callback; the
Qt bridge re-emits them as signals on the GUI thread.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Callable

from drivers import registry
from drivers.base import Device, DeviceError, DeviceEvent, DeviceState, DeviceStatus, DriverOptions, EventKind

log = logging.getLogger(__name__)

RECONNECT_BACKOFF_S = (0.1, 0.25, 0.5, 1.0)  # capped at 1 s: back within 2 s of replugging
# (a table, not tenacity: a device never stops retrying, and the waits between tries answer queued calls)


@dataclass
class DeviceSpec:
    name: str
    driver: str
    options: DriverOptions


class DeviceNotConfigured(DeviceError):
    def __init__(self, name: str):
        super().__init__(f"no device named {name!r} is configured", state=DeviceState.NO_DEVICE, code="not_configured")


class _DeviceWorker:
    """One device, one thread: open with backoff, poll, run queued calls, reconnect."""

    def __init__(self, spec: DeviceSpec, sink: Callable[[DeviceEvent], None]):
        self.spec = spec
        self._sink = sink
        self._calls: queue.SimpleQueue = queue.SimpleQueue()
        self._stop = threading.Event()
        self._open = False
        self._was_open = False
        self.last_error = ""
        self.device: Device = registry.driver_class(spec.driver)(spec.name, spec.options, self._sink)
        self.thread = threading.Thread(target=self._run, name=f"device-{spec.name}", daemon=True)

    # -- called from other threads -------------------------------------------------------
    def call(self, fn: Callable[[Device], Any]) -> Future:
        fut: Future = Future()
        self._calls.put((fn, fut))
        return fut

    def stop(self) -> None:
        self._stop.set()
        self._calls.put(None)

    # -- the device thread ---------------------------------------------------------------
    def _emit_status(self, state: DeviceState, message: str) -> None:
        self.device.set_status(DeviceStatus(state, dict(self.device.status().detail), message))

    def _try_open(self) -> bool:
        before = self.device.status()
        try:
            self.device.open()
        except Exception as e:  # absent or broken: both mean "retry later"
            self.last_error = str(e)
            state = e.state if isinstance(e, DeviceError) else DeviceState.NO_DEVICE
            if self.device.status().state != state:
                log.warning("%s: cannot open (%s)", self.spec.name, e)
            self._emit_status(state, str(e))
            self._safe_close()
            return False
        self._open = True
        if self.device.status() is before:  # the driver said nothing: it is simply online
            self._emit_status(DeviceState.ONLINE, "")
        if self._was_open:
            log.info("%s: connection restored", self.spec.name)
            self.device.emit(EventKind.CONNECTION_RESTORED)
        self._was_open = True
        return True

    def _safe_close(self) -> None:
        try:
            self.device.close()
        except Exception:
            log.debug("%s: close failed", self.spec.name, exc_info=True)

    def _lost(self, error: Exception) -> None:
        self.last_error = str(error)
        log.warning("%s: connection lost (%s)", self.spec.name, error)
        self._open = False
        self._safe_close()
        self._emit_status(DeviceState.NO_DEVICE, str(error))
        self.device.emit(EventKind.CONNECTION_LOST, message=str(error))

    def _run_call(self, fn, fut: Future) -> None:
        if not fut.set_running_or_notify_cancel():
            return
        if not self._open:
            fut.set_exception(DeviceError(f"{self.spec.name} is not connected: {self.last_error}",
                                          state=DeviceState.NO_DEVICE, code="no_device"))
            return
        try:
            fut.set_result(fn(self.device))
        except BaseException as e:
            fut.set_exception(e)
            if isinstance(e, (OSError, ConnectionError)):
                self._lost(e)

    def _run(self) -> None:
        attempt = 0
        next_poll = 0.0
        while not self._stop.is_set():
            if not self._open:
                if self._try_open():
                    attempt = 0
                    next_poll = time.monotonic()
                else:
                    delay = RECONNECT_BACKOFF_S[min(attempt, len(RECONNECT_BACKOFF_S) - 1)]
                    attempt += 1
                    self._drain_calls(timeout=delay)
                    continue
            timeout = max(0.0, next_poll - time.monotonic())
            self._drain_calls(timeout=timeout)
            if self._stop.is_set() or not self._open:
                continue
            if time.monotonic() >= next_poll:
                try:
                    self.device.poll()
                except Exception as e:
                    self._lost(e)
                next_poll = time.monotonic() + self.device.poll_interval_s
        self._safe_close()

    def _drain_calls(self, timeout: float) -> None:
        """Run queued calls, waiting up to ``timeout`` for the first one."""
        try:
            item = self._calls.get(timeout=timeout) if timeout > 0 else self._calls.get_nowait()
        except queue.Empty:
            return
        while item is not None:
            self._run_call(*item)
            try:
                item = self._calls.get_nowait()
            except queue.Empty:
                return


class DeviceManager:
    """Owns every configured device. Listeners get every DeviceEvent (from device threads)."""

    def __init__(self, specs: list[DeviceSpec]):
        self._listeners: list[Callable[[DeviceEvent], None]] = []
        self._workers: dict[str, _DeviceWorker] = {}
        for spec in specs:
            self._workers[spec.name] = _DeviceWorker(spec, self._dispatch)

    @classmethod
    def from_config(cls, cfg) -> "DeviceManager":
        return cls([DeviceSpec(name, dev.driver, dev.options()) for name, dev in cfg.devices.items()])

    def subscribe(self, listener: Callable[[DeviceEvent], None]) -> None:
        self._listeners.append(listener)

    def _dispatch(self, event: DeviceEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("device event listener failed")

    def start(self) -> None:
        for w in self._workers.values():
            w.thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        for w in self._workers.values():
            w.stop()
        deadline = time.monotonic() + timeout
        for w in self._workers.values():
            if w.thread.is_alive():
                w.thread.join(max(0.0, deadline - time.monotonic()))

    def names(self) -> list[str]:
        return list(self._workers)

    def has(self, name: str) -> bool:
        return name in self._workers and self._workers[name].spec.driver != "none"

    def driver_name(self, name: str) -> str:
        return self._workers[name].spec.driver

    def device(self, name: str):
        """The driver object itself, or None. Only for calls that must not wait behind the device's
        thread and that the driver makes safe from another thread (cancelling a printer job: each
        IPP request opens its own connection)."""
        worker = self._workers.get(name)
        return worker.device if worker is not None else None

    def device_class(self, name: str) -> str:
        return self._workers[name].device.device_class

    def status(self, name: str) -> DeviceStatus:
        if name not in self._workers:
            return DeviceStatus(DeviceState.NO_DEVICE, message="not configured")
        return self._workers[name].device.status()

    def statuses(self) -> dict[str, DeviceStatus]:
        return {name: w.device.status() for name, w in self._workers.items()}

    def last_error(self, name: str) -> str:
        return self._workers[name].last_error if name in self._workers else ""

    def call(self, name: str, fn: Callable[[Device], Any]) -> Future:
        """Run ``fn(device)`` on the device's thread; the Future fails if it is not connected."""
        worker = self._workers.get(name)
        if worker is None:
            fut: Future = Future()
            fut.set_exception(DeviceNotConfigured(name))
            return fut
        return worker.call(fn)
