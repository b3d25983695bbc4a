"""Fixtures of the receipt printer tests: a simulator on a free TCP port, a driver factory."""
from __future__ import annotations

import pytest

from drivers.classes import Receipt
from drivers.receipt.escpos_driver import EscposOptions, EscposReceiptPrinter
from drivers.sim.escpos_sim import EscposPrinterSim


@pytest.fixture
def sim(tmp_path):
    printer = EscposPrinterSim(out_dir=tmp_path / "receipts")
    yield printer
    printer.stop()


@pytest.fixture
def make_driver():
    """``make_driver(uri, **options) -> (driver, events)``; every driver is closed at the end."""
    made = []

    def make(uri: str, **options):
        # Generous: a loaded 2-core test machine can take long to answer (the default is 0.3 s).
        options.setdefault("status_timeout_s", 5.0)
        events = []
        driver = EscposReceiptPrinter("receipt", EscposOptions(uri=uri, **options), events.append)
        made.append(driver)
        return driver, events

    yield make
    for driver in made:
        driver.close()


@pytest.fixture
def sample():
    return Receipt(
        title="福州高新区 创新园 自助服务点",
        lines=[("业务", "社会保险缴费证明"), ("时间", "2024-05-01 10:22"), ("编号", "J20240501-0007"),
               ("姓名", "张**"), ("证件号", "3501**********123X")],
        qr="https://verify.example.invalid/v/AB12CD34",
        footer="请妥善保管本凭条\n谢谢使用 e福州",
    )
