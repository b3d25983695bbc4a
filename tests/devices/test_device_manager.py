"""The device manager: opens devices from the config, reconnects them, publishes status."""
from __future__ import annotations

import threading
import time

import pytest

from drivers.base import DeviceState, EventKind
from drivers.manager import DeviceManager, DeviceSpec, DeviceNotConfigured
from drivers import registry


class Recorder:
    def __init__(self):
        self.events = []
        self.cond = threading.Condition()

    def __call__(self, event):
        with self.cond:
            self.events.append((time.monotonic(), event))
            self.cond.notify_all()

    def wait(self, predicate, timeout=10.0):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                hit = next((t for t, e in self.events if predicate(e)), None)
                if hit is not None:
                    return hit
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no matching event in {timeout} s: {[e for _, e in self.events][-5:]}")
                self.cond.wait(left)


def manager_for(name, driver, **options):
    cls = registry.driver_class(driver)
    m = DeviceManager([DeviceSpec(name, driver, cls.Options.model_validate(options))])
    rec = Recorder()
    m.subscribe(rec)
    return m, rec


def test_a_card_reader_pty_unplugged_and_replugged_is_back_within_two_seconds(tmp_path):
    """Given a GA 467 reader on a pty, when the pty closes and comes back,
    then the manager reports the loss, reconnects by itself within 2 s, and reads cards again."""
    from drivers.sim.ga467_sim import CardReaderSim

    sim = CardReaderSim(tmp_path / "ttyID").start()
    m, rec = manager_for("id_card", "ga467-serial", port=str(sim.link), poll_interval_s=0.1)
    m.start()
    try:
        rec.wait(lambda e: e.kind == EventKind.STATUS_CHANGED and e.data["state"] == "online")
        sim.unplug()
        rec.wait(lambda e: e.kind == EventKind.CONNECTION_LOST)
        assert m.status("id_card").state == DeviceState.NO_DEVICE
        back = time.monotonic()
        sim.replug()
        restored = rec.wait(lambda e: e.kind == EventKind.CONNECTION_RESTORED)
        assert restored - back < 2.0
        sim.place("lin")
        rec.wait(lambda e: e.kind == EventKind.CARD_READ and e.data["card"].name == "林秀英")
    finally:
        m.stop()
        sim.stop()


def test_a_receipt_printer_restarted_is_back_within_two_seconds(tmp_path):
    from drivers.classes import Receipt
    from drivers.sim.escpos_sim import EscposPrinterSim

    sim = EscposPrinterSim(port=0, out_dir=tmp_path / "receipts")
    sim.start()
    m, rec = manager_for("receipt", "escpos", uri=f"tcp://127.0.0.1:{sim.port}", poll_interval_s=0.2,
                         status_timeout_s=2.0)
    m.start()
    try:
        rec.wait(lambda e: e.kind == EventKind.STATUS_CHANGED and e.data["state"] == "online")
        sim.stop()
        rec.wait(lambda e: e.kind == EventKind.CONNECTION_LOST, timeout=15)
        back = time.monotonic()
        sim.restart()
        restored = rec.wait(lambda e: e.kind == EventKind.CONNECTION_RESTORED, timeout=15)
        assert restored - back < 2.0
        m.call("receipt", lambda dev: dev.print_receipt(Receipt(title="重连测试"))).result(timeout=15)
        assert sim.wait_for_receipts(1, timeout=10)
    finally:
        m.stop()
        sim.stop()


def test_calls_to_an_absent_device_fail_clearly_and_never_hang(tmp_path):
    m, rec = manager_for("id_card", "ga467-serial", port=str(tmp_path / "missing"), poll_interval_s=0.1)
    m.start()
    try:
        rec.wait(lambda e: e.kind == EventKind.STATUS_CHANGED and e.data["state"] == "no_device")
        fut = m.call("id_card", lambda dev: dev.read_once())
        with pytest.raises(Exception, match="not connected"):
            fut.result(timeout=5)
        with pytest.raises(DeviceNotConfigured):
            m.call("nothing", lambda dev: None).result(timeout=1)
    finally:
        m.stop()


def test_status_changes_carry_what_changed(tmp_path):
    from drivers.printer.file_driver import FilePrinter  # noqa: F401 - registry target

    m, rec = manager_for("document", "file", dir=str(tmp_path / "out"), poll_interval_s=0.1)
    m.start()
    try:
        rec.wait(lambda e: e.kind == EventKind.STATUS_CHANGED and e.data["state"] == "online")
        (tmp_path / "out" / "paper-state").write_text("out\n")
        rec.wait(lambda e: e.kind == EventKind.PAPER_OUT)
        changed = rec.wait(lambda e: e.kind == EventKind.STATUS_CHANGED and e.data["changed"].get("paper") == "out")
        assert changed
        assert not m.status("document").usable
    finally:
        m.stop()
