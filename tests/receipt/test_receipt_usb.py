"""usb:// receipt printers go through pyusb and libusb: an absent one is 'not there', not a crash."""
import pytest

from drivers.base import DeviceUnavailable
from drivers.receipt.escpos_driver import EscposReceiptPrinter


def test_an_absent_usb_printer_is_unavailable_with_a_clear_reason():
    pytest.importorskip("usb.core")
    dev = EscposReceiptPrinter("receipt", EscposReceiptPrinter.Options(uri="usb://0416:5011"), lambda e: None)
    with pytest.raises(DeviceUnavailable, match="usb://0416:5011"):
        dev.open()
    dev.close()
