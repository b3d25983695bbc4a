"""``/metrics`` in the Prometheus text format (prometheus_client), served on its own thread.

The names are a contract (issue 18, docs/operations.md). A custom collector turns the latest
published :class:`~kiosk.monitoring.snapshot.TerminalSnapshot` into metric families at each
scrape; it reads nothing else, so a scrape never touches the store, a device or the GUI. The
registry is private (not prometheus_client's global one) and adds the process metrics.
"""
from __future__ import annotations

import logging
from typing import Callable

from prometheus_client import CollectorRegistry, ProcessCollector
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import generate_latest, start_http_server

from kiosk.monitoring.device_states import STATES
from kiosk.monitoring.snapshot import TerminalSnapshot
from kiosk.monitoring.visits import OUTCOMES, RATING_LEVELS

log = logging.getLogger(__name__)


class SnapshotCollector:
    """A prometheus_client collector over ``latest()`` (None: nothing published yet)."""

    def __init__(self, latest: Callable[[], TerminalSnapshot | None]):
        self.latest = latest

    def describe(self):
        return []  # families depend on the snapshot; no registration-time collection

    def collect(self):
        snap = self.latest()
        if snap is None:
            return
        info = GaugeMetricFamily("efz_build_info", "The kiosk software's version (value 1)", labels=["version"])
        info.add_metric([snap.version], 1)
        yield info
        yield GaugeMetricFamily("efz_platform_online", "1 when the platform answers, 0 when it does not",
                                value=1 if snap.online else 0)
        if snap.last_ok_at is not None:
            yield GaugeMetricFamily("efz_platform_last_ok_timestamp_seconds",
                                    "When the platform last answered (Unix time)", value=snap.last_ok_at)
        yield GaugeMetricFamily("efz_start_time_seconds", "When the kiosk started (Unix time)", value=snap.started_at)
        up = GaugeMetricFamily("efz_device_up", "1 when the device answers (any state but offline)", labels=["device"])
        state = GaugeMetricFamily("efz_device_state", "1 for the device's current state, 0 for the others",
                                  labels=["device", "state"])
        for device, report in sorted(snap.devices.items()):
            up.add_metric([device], 0 if report.state == "offline" else 1)
            for s in STATES:
                state.add_metric([device, s], 1 if report.state == s else 0)
        yield up
        yield state
        yield GaugeMetricFamily("efz_outbox_depth", "Events waiting to be delivered to the platform",
                                value=snap.outbox_depth)
        jobs = GaugeMetricFamily("efz_jobs", "Jobs in the store by state", labels=["state"])
        for name, count in sorted(snap.jobs.items()):
            jobs.add_metric([name], count)
        yield jobs
        sheets = CounterMetricFamily("efz_sheets_printed", "Sheets printed, per printer", labels=["printer"])
        remaining = GaugeMetricFamily("efz_paper_remaining_sheets",
                                      "Sheets left, estimated from the last refill", labels=["printer"])
        for printer, paper in sorted(snap.paper.items()):
            sheets.add_metric([printer], paper.total)
            if paper.remaining is not None:
                remaining.add_metric([printer], paper.remaining)
        yield sheets
        yield remaining
        visits = CounterMetricFamily("efz_visits", "Visits ended, by outcome", labels=["outcome"])
        for outcome in OUTCOMES:
            visits.add_metric([outcome], snap.visits.visits.get(outcome, 0))
        yield visits
        ratings = CounterMetricFamily("efz_ratings", "Ratings given (好差评), by level", labels=["level"])
        for level in RATING_LEVELS:
            ratings.add_metric([level], snap.visits.ratings.get(level, 0))
        yield ratings
        yield GaugeMetricFamily("efz_visit_in_progress", "1 while a resident is being served",
                                value=1 if snap.visits.in_progress else 0)
        if snap.visits.last_visit_at is not None:
            yield GaugeMetricFamily("efz_last_visit_timestamp_seconds", "When the last visit ended (Unix time)",
                                    value=snap.visits.last_visit_at)
        if snap.disk_free_bytes is not None:
            yield GaugeMetricFamily("efz_disk_free_bytes", "Free space where the store lives",
                                    value=snap.disk_free_bytes)


def registry_for(latest: Callable[[], TerminalSnapshot | None]) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(SnapshotCollector(latest))
    ProcessCollector(registry=registry)
    return registry


def render(registry: CollectorRegistry) -> str:
    """The text a scrape would get (for tests and ``kiosk.diag``)."""
    return generate_latest(registry).decode("utf-8")


class MetricsServer:
    """The /metrics endpoint on a daemon thread; :attr:`port` is the bound port (port 0 in
    tests picks a free one). TLS when ``certfile``/``keyfile`` are given; with
    ``client_cafile`` only clients presenting a certificate from that CA are served."""

    def __init__(self, registry: CollectorRegistry, host: str, port: int, *, certfile: str = "",
                 keyfile: str = "", client_cafile: str = ""):
        self.registry = registry
        self.host, self.requested_port = host, port
        self.certfile, self.keyfile, self.client_cafile = certfile, keyfile, client_cafile
        self._server = None
        self._thread = None

    @property
    def port(self) -> int | None:
        return self._server.server_port if self._server is not None else None

    @property
    def scheme(self) -> str:
        return "https" if self.certfile else "http"

    def start(self) -> "MetricsServer":
        """Bind and serve; raises OSError (port taken, bad address) or ssl.SSLError/OSError for
        unreadable certificates, for the caller to report."""
        self._server, self._thread = start_http_server(
            self.requested_port, addr=self.host, registry=self.registry,
            certfile=self.certfile or None, keyfile=self.keyfile or None,
            client_cafile=self.client_cafile or None, client_auth_required=bool(self.client_cafile))
        self._thread.name = "metrics-http"
        log.info("metrics on %s://%s:%s/metrics", self.scheme, self.host, self.port)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
