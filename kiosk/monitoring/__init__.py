"""Monitoring (issue 18): heartbeats and device status to the platform, /metrics for a park's
Prometheus. No Qt: the kiosk wires it in kiosk/app.py, tests run it headless.

- :mod:`device_states` — a device's status as ok/paper_low/paper_out/jam/offline/error, debounced
- :mod:`paper` — sheets printed per printer and since the last refill (store meta)
- :mod:`visits` — visit outcomes and ratings from the session's transitions
- :mod:`snapshot` — the immutable snapshot and the heartbeat's data
- :mod:`monitor` — the thread that builds snapshots and writes the events to the outbox
- :mod:`metrics` — the collector and the /metrics server
"""
from __future__ import annotations

import logging
import ssl
import threading
import time
from typing import Callable

log = logging.getLogger(__name__)


class TerminalMonitoring:
    """The monitor plus its /metrics endpoint, from the ``[monitoring]`` config.

    A /metrics endpoint that cannot start (port taken, unreadable certificate) is logged and
    left off: monitoring never stops a terminal from serving residents.
    """

    def __init__(self, cfg, store, devices, sync_state: Callable[[], object], *, clock=time.time,
                 refresh_s: float | None = None):
        # prometheus_client (kiosk.monitoring.metrics) is imported only where /metrics is served,
        # and then by start(): a terminal without [monitoring] listen never loads it.
        from kiosk.monitoring.monitor import REFRESH_S, Monitor

        mon = cfg.monitoring
        self.monitor = Monitor(store, devices, sync_state=sync_state, storage_dir=cfg.storage.dir,
                               heartbeat_s=mon.heartbeat_s, debounce_s=mon.device_debounce_s,
                               paper_capacity=mon.paper_capacity, clock=clock,
                               refresh_s=refresh_s if refresh_s is not None else REFRESH_S)
        self._mon = mon
        self._registry = None
        self.server = None
        self._stopped = False
        self.error: str | None = None

    @property
    def visits(self):
        return self.monitor.visits

    @property
    def registry(self):
        """The private prometheus_client registry (built, and the library imported, on first use)."""
        if self._registry is None:
            from kiosk.monitoring.metrics import registry_for

            self._registry = registry_for(self.monitor.board.latest)
        return self._registry

    def start(self, *, serve_after: threading.Event | None = None) -> None:
        """Start the monitor, and /metrics when configured: at once, or with ``serve_after`` on
        a thread of its own once that event is set (the kiosk sets it when its home screen has
        been painted, so prometheus_client is not loaded while the first screen is built)."""
        self.monitor.start()  # its first tick publishes a snapshot at once
        if self._mon.address() is None:
            return
        if serve_after is None:
            self._serve()
            return

        def serve_later() -> None:
            serve_after.wait()
            self._serve()

        threading.Thread(target=serve_later, name="metrics-start", daemon=True).start()

    def _serve(self) -> None:
        if self._stopped:
            return
        from kiosk.monitoring.metrics import MetricsServer

        mon = self._mon
        host, port = mon.address()
        server = MetricsServer(self.registry, host, port, certfile=mon.certfile, keyfile=mon.keyfile,
                               client_cafile=mon.client_cafile)
        try:
            server.start()
        except (OSError, ssl.SSLError) as e:
            self.error = f"/metrics not served on {host}:{port}: {e}"
            log.error("%s", self.error)
            return
        self.server = server
        if self._stopped:  # stopped while it was starting
            self.server = None
            server.stop()

    def status(self) -> dict:
        """For ``kiosk.diag status``: where /metrics is served (or why not), heartbeats queued."""
        server = self.server
        metrics = f"{server.scheme}://{server.host}:{server.port}/metrics" if server is not None and server.port else None
        return {"metrics": metrics, "error": self.error, "heartbeats_queued": self.monitor.heartbeats}

    def stop(self) -> None:
        self._stopped = True
        server, self.server = self.server, None
        if server is not None:
            server.stop()
        self.monitor.stop()
