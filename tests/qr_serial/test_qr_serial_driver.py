"""The serial-line scanner driver against the simulated scanner over a real pty."""
from __future__ import annotations

import logging

import pytest
from pydantic import ValidationError

from drivers.base import DeviceState, DeviceUnavailable
from drivers.qr.serial_scanner import SerialLineScanner

from .conftest import codes, make_scanner, poll_until

CREDIT = "91350100MA2Y8K3L2H"


def test_open_is_online(scanner):
    assert scanner.status().state == DeviceState.ONLINE


def test_codes_arrive_in_order(scanner, scanner_sim, scan_events):
    scanner_sim.send("]Q1" + CREDIT)
    scanner_sim.send("efz://identity?token=abc", terminator="\r")
    scanner_sim.send("PICKUP-0042", terminator="\n")
    assert poll_until(scanner, scan_events, 3) == [CREDIT, "efz://identity?token=abc", "PICKUP-0042"]


def test_idle_poll_returns_nothing(scanner, scan_events):
    for _ in range(5):
        scanner.poll()
    assert codes(scan_events) == []


def test_code_in_pieces(scanner, scanner_sim, scan_events):
    scanner_sim.send_raw(b"PART")
    scanner.poll()
    scanner_sim.send_raw(b"ONE\r")
    scanner_sim.send_raw(b"\n")
    assert poll_until(scanner, scan_events, 1) == ["PARTONE"]


def test_gb18030_scanner(scanner_sim, scan_events):
    device = make_scanner(scanner_sim, scan_events, encoding="gb18030", terminator="cr")
    try:
        scanner_sim.send("福州闽都智造科技有限公司", terminator="\r", encoding="gb18030")
        assert poll_until(device, scan_events, 1) == ["福州闽都智造科技有限公司"]
    finally:
        device.close()


def test_default_scanner_reads_gb18030_and_utf8(scanner, scanner_sim, scan_events):
    """Given the default (auto) scanner, a GB18030 and a UTF-8 code both arrive as Chinese."""
    scanner_sim.send("营业执照领取|" + CREDIT, encoding="gb18030")
    scanner_sim.send("福州市仓山区|" + CREDIT, encoding="utf-8")
    assert poll_until(scanner, scan_events, 2) == ["营业执照领取|" + CREDIT, "福州市仓山区|" + CREDIT]


def test_noise_and_long_lines_never_pass(scanner, scanner_sim, scan_events, caplog):
    with caplog.at_level(logging.WARNING):
        scanner_sim.send_raw(b"\x00\x13\xff\xfe garbage\r\n")
        scanner_sim.send_raw(b"Z" * 5000 + b"\r\n")
        scanner_sim.send("AFTER")
        assert poll_until(scanner, scan_events, 1) == ["AFTER"]
    assert "noise" in caplog.text and "4096" in caplog.text


def test_same_code_twice_is_reported_once(scanner, scanner_sim, scan_events):
    scanner_sim.send("DUP")
    scanner_sim.send("DUP")
    scanner_sim.send("END")
    assert poll_until(scanner, scan_events, 2) == ["DUP", "END"]


def test_aim_kept_when_not_stripped(scanner_sim, scan_events):
    device = make_scanner(scanner_sim, scan_events, strip_aim=False)
    try:
        scanner_sim.send("]Q1ABC")
        assert poll_until(device, scan_events, 1) == ["]Q1ABC"]
    finally:
        device.close()


def test_unplug_makes_poll_raise_and_replug_works(scanner, scanner_sim, scan_events):
    scanner_sim.unplug()
    with pytest.raises(OSError):  # pyserial's SerialException is an OSError
        for _ in range(50):
            scanner.poll()
    scanner.close()
    with pytest.raises(DeviceUnavailable):
        scanner.open()
    scanner_sim.replug()
    scanner.open()
    scanner_sim.send("BACK")
    assert poll_until(scanner, scan_events, 1) == ["BACK"]


def test_missing_port(tmp_path):
    device = SerialLineScanner("qr_serial", SerialLineScanner.Options(port=str(tmp_path / "none")), lambda e: None)
    with pytest.raises(DeviceUnavailable, match="does not exist"):
        device.open()


def test_options_are_checked():
    from drivers import registry
    assert registry.driver_class("serial-line") is SerialLineScanner
    with pytest.raises(ValidationError, match="terminator"):
        SerialLineScanner.Options(port="/dev/x", terminator="tab")
    with pytest.raises(ValidationError, match="encoding"):
        SerialLineScanner.Options(port="/dev/x", encoding="latin-1")
    o = SerialLineScanner.Options(port="/dev/x")
    assert (o.baud, o.terminator, o.encoding, o.strip_aim, o.dedupe_s, o.max_line) == (9600, "auto", "auto", True, 2.0, 4096)
