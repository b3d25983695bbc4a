"""A device's status in the monitoring vocabulary, and the debounce before it is reported.

The platform and Prometheus see six states — ok, paper_low, paper_out, jam, offline, error —
with a short reason code (``media-empty``, ``no_device`` ...), never the driver's free-text
message (it may hold paths or a port name; a code is what an operator filters on).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from drivers.base import DeviceState, DeviceStatus

STATES = ("ok", "paper_low", "paper_out", "jam", "offline", "error")
_CODE_RE = re.compile(r"[^a-z0-9_.-]+")


@dataclass(frozen=True)
class DeviceReport:
    """What is reported for one device: ``since`` is the wall-clock time the state began."""

    state: str
    code: str
    since: float


def _code(text: str, fallback: str) -> str:
    code = _CODE_RE.sub("_", (text or "").strip().lower()).strip("_")[:64]
    return code or fallback


def _first_reason(status: DeviceStatus, fallback: str) -> str:
    """The printer's first IPP reason (cups driver), else a code from the device state."""
    reasons = [r for r in status.detail.get("reasons", "").split(",") if r and r != "none"]
    return _code(reasons[0], fallback) if reasons else fallback


def classify(status: DeviceStatus) -> tuple[str, str] | None:
    """(state, code) for a device status; None while the device is still starting (nothing to
    say yet). Paper problems win over the device state: a printer out of paper is online."""
    if status.state == DeviceState.STARTING:
        return None
    if status.state == DeviceState.NO_DEVICE:
        return "offline", "no_device"
    if status.state == DeviceState.OFFLINE:
        return "offline", _first_reason(status, "offline")
    paper = status.detail.get("paper")
    if paper == "jammed":
        return "jam", "media-jam"
    if paper == "out":
        return "paper_out", "media-empty"
    if status.state == DeviceState.HARDWARE_ERROR:
        return "error", _first_reason(status, "hardware_error")
    if paper in ("low", "near_end"):
        return "paper_low", "media-low"
    if status.state == DeviceState.USER_ERROR:
        return "ok", "user_error"  # a person (card lifted early), not a fault
    return "ok", "ok"


class Debouncer:
    """Reports a device's state once it has held for ``hold_s`` (a flapping sensor or a printer
    that reports ``connecting-to-device`` for a moment on every job is not news). Thread-safe:
    :meth:`observe` runs on device threads, :meth:`due` on the monitor's."""

    def __init__(self, hold_s: float):
        self.hold_s = max(0.0, hold_s)
        self._lock = threading.Lock()
        self._candidate: dict[str, DeviceReport] = {}
        self._reported: dict[str, DeviceReport] = {}

    def observe(self, device: str, state: str, code: str, at: float) -> None:
        with self._lock:
            current = self._candidate.get(device)
            if current is None or (current.state, current.code) != (state, code):
                self._candidate[device] = DeviceReport(state, code, at)

    def due(self, now: float) -> list[tuple[str, DeviceReport, DeviceReport | None]]:
        """(device, new report, previous report) for every change that has now held long enough."""
        out = []
        with self._lock:
            for device, cand in self._candidate.items():
                old = self._reported.get(device)
                if old is not None and (old.state, old.code) == (cand.state, cand.code):
                    continue
                if now - cand.since >= self.hold_s:
                    self._reported[device] = cand
                    out.append((device, cand, old))
        return out

    def next_due(self) -> float | None:
        """When the earliest pending change becomes reportable (wall clock), or None."""
        with self._lock:
            times = [c.since + self.hold_s for d, c in self._candidate.items()
                     if (r := self._reported.get(d)) is None or (r.state, r.code) != (c.state, c.code)]
        return min(times) if times else None

    def reported(self) -> dict[str, DeviceReport]:
        with self._lock:
            return dict(self._reported)
