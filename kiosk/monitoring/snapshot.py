"""What the terminal knows about itself at one moment: one immutable snapshot, published by the
monitor's thread and read by the metrics endpoint and the heartbeat.

Nothing in a snapshot is personal: counts, states, reason codes, versions and times. Readers
never touch the objects the GUI thread owns; they read the latest published snapshot.
"""
from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

from kiosk.monitoring.device_states import DeviceReport
from kiosk.monitoring.paper import PaperReport
from kiosk.monitoring.visits import VisitCounts


def iso(ts: float | None) -> str | None:
    """UTC ISO 8601 with milliseconds and a Z (the outbox's own format)."""
    if ts is None:
        return None
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class TerminalSnapshot:
    version: str
    started_at: float                 # wall clock
    taken_at: float
    online: bool | None = None
    last_ok_at: float | None = None
    outbox_depth: int = 0
    jobs: dict[str, int] = field(default_factory=dict)
    catalogue_version: str | None = None
    config_version: str | None = None
    disk_free_bytes: int | None = None
    devices: dict[str, DeviceReport] = field(default_factory=dict)
    paper: dict[str, PaperReport] = field(default_factory=dict)
    visits: VisitCounts = field(default_factory=VisitCounts)

    def heartbeat_data(self) -> dict:
        """The ``data`` of a ``terminal.heartbeat`` event (schema: HeartbeatData in
        docs/platform-api.yaml)."""
        return {
            "version": self.version,
            "started_at": iso(self.started_at),
            "uptime_s": max(0, int(self.taken_at - self.started_at)),
            "outbox_depth": int(self.outbox_depth),
            "jobs": {k: int(v) for k, v in self.jobs.items()},
            "last_sync_at": iso(self.last_ok_at),
            "catalogue_version": self.catalogue_version,
            "config_version": self.config_version,
            "disk_free_bytes": self.disk_free_bytes,
            "devices": {name: {"state": r.state, "code": r.code, "since": iso(r.since)}
                        for name, r in self.devices.items()},
            "paper": {name: {"sheets_since_refill": p.since_refill, "refilled_at": iso(p.refilled_at),
                             "remaining_sheets": p.remaining} for name, p in self.paper.items()},
            "visit_in_progress": bool(self.visits.in_progress),
        }


class SnapshotBoard:
    """The latest snapshot, swapped whole under a lock (readers on any thread)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._latest: TerminalSnapshot | None = None

    def publish(self, snapshot: TerminalSnapshot) -> None:
        with self._lock:
            self._latest = snapshot

    def latest(self) -> TerminalSnapshot | None:
        with self._lock:
            return self._latest
