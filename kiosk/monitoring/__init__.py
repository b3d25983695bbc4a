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
        from kiosk.monitoring.metrics import MetricsServer, registry_for
        from kiosk.monitoring.monitor import REFRESH_S, Monitor

        mon = cfg.monitoring
        self.monitor = Monitor(store, devices, sync_state=sync_state, storage_dir=cfg.storage.dir,
                               heartbeat_s=mon.heartbeat_s, debounce_s=mon.device_debounce_s,
                               paper_capacity=mon.paper_capacity, clock=clock,
                               refresh_s=refresh_s if refresh_s is not None else REFRESH_S)
        self.registry = registry_for(self.monitor.board.latest)
        address = mon.address()
        self.server = None
        if address is not None:
            self.server = MetricsServer(self.registry, *address, certfile=mon.certfile, keyfile=mon.keyfile,
                                        client_cafile=mon.client_cafile)
        self.error: str | None = None

    @property
    def visits(self):
        return self.monitor.visits

    def start(self) -> None:
        self.monitor.start()  # its first tick publishes a snapshot at once
        if self.server is not None:
            try:
                self.server.start()
            except (OSError, ssl.SSLError) as e:
                self.error = f"/metrics not served on {self.server.host}:{self.server.requested_port}: {e}"
                log.error("%s", self.error)
                self.server = None

    def status(self) -> dict:
        """For ``kiosk.diag status``: where /metrics is served (or why not), heartbeats queued."""
        server = self.server
        metrics = f"{server.scheme}://{server.host}:{server.port}/metrics" if server is not None and server.port else None
        return {"metrics": metrics, "error": self.error, "heartbeats_queued": self.monitor.heartbeats}

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
        self.monitor.stop()
