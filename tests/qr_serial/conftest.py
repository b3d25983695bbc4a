"""Fixtures of the serial scanner tests: a simulated scanner on a real pty, and the driver."""
from __future__ import annotations

import time

import pytest

from drivers.base import EventKind
from drivers.qr.serial_scanner import SerialLineScanner
from drivers.sim.scanner_sim import ScannerSim


@pytest.fixture
def scanner_sim(tmp_path):
    sim = ScannerSim(tmp_path / "dev" / "ttyQR").start()
    yield sim
    sim.stop()


@pytest.fixture
def scan_events():
    return []


def make_scanner(sim, events, **options) -> SerialLineScanner:
    device = SerialLineScanner("qr_serial", SerialLineScanner.Options(port=str(sim.link), **options), events.append)
    device.open()
    return device


@pytest.fixture
def scanner(scanner_sim, scan_events):
    device = make_scanner(scanner_sim, scan_events)
    yield device
    device.close()


def codes(events) -> list[str]:
    return [e.data["text"] for e in events if e.kind == EventKind.CODE_SCANNED]


def poll_until(device, events, count: int, timeout: float = 20.0) -> list[str]:
    """Poll as the manager would until ``count`` codes came (or the generous timeout)."""
    deadline = time.monotonic() + timeout
    while len(codes(events)) < count and time.monotonic() < deadline:
        device.poll()
        time.sleep(0.01)
    return codes(events)
