"""Printer address parsing and the python-escpos objects built from it (not connected)."""
import pytest
from pydantic import ValidationError

from drivers.receipt.escpos_driver import EscposOptions
from drivers.receipt.uri import PrinterUriError, make_printer, parse


@pytest.mark.parametrize("text, expected", [
    ("tcp://192.168.1.50", dict(scheme="tcp", host="192.168.1.50", port=9100)),
    ("tcp://printer.local:9101", dict(scheme="tcp", host="printer.local", port=9101)),
    ("TCP://10.0.0.7:9100/", dict(scheme="tcp", host="10.0.0.7", port=9100)),
    ("tcp://[::1]:9100", dict(scheme="tcp", host="::1", port=9100)),
    ("serial:///dev/ttyS0?baud=19200", dict(scheme="serial", device="/dev/ttyS0", baud=19200)),
    ("serial:///dev/ttyUSB1", dict(scheme="serial", device="/dev/ttyUSB1", baud=19200)),
    ("serial:///dev/ttyS1?baud=115200", dict(scheme="serial", device="/dev/ttyS1", baud=115200)),
    ("usb://0416:5011", dict(scheme="usb", vendor_id=0x0416, product_id=0x5011)),
    ("usb://04b8:0E15", dict(scheme="usb", vendor_id=0x04B8, product_id=0x0E15)),
])
def test_good_addresses_parse(text, expected):
    uri = parse(text)
    for key, value in expected.items():
        assert getattr(uri, key) == value
    assert parse(str(uri)) == uri


@pytest.mark.parametrize("text, says", [
    ("", "no scheme"),
    ("192.168.1.50:9100", "no scheme"),
    ("http://printer", "unknown scheme"),
    ("tcp://", "no host"),
    ("tcp://host:99999", "port"),
    ("tcp://host:0", "port"),
    ("tcp://host:abc", "port"),
    ("tcp://host:9100/path", "nothing more"),
    ("serial://dev/ttyS0", "three slashes"),
    ("serial:///dev/ttyS0?baud=1234", "baud"),
    ("serial:///dev/ttyS0?baud=fast", "baud"),
    ("serial:///dev/ttyS0?parity=E", "unknown option"),
    ("usb://0416", "VID:PID"),
    ("usb://xyz:5011", "VID:PID"),
    ("usb://04160:5011", "VID:PID"),
])
def test_bad_addresses_say_what_was_expected(text, says):
    with pytest.raises(PrinterUriError, match=says):
        parse(text)


def test_objects_are_built_without_connecting():
    from escpos.printer import Network, Serial

    net = make_printer(parse("tcp://127.0.0.1:9"), timeout_s=2)
    assert isinstance(net, Network) and (net.host, net.port, net.timeout) == ("127.0.0.1", 9, 2)
    ser = make_printer(parse("serial:///dev/does-not-exist?baud=9600"))
    assert isinstance(ser, Serial) and (ser.devfile, ser.baudrate) == ("/dev/does-not-exist", 9600)


def test_options_reject_a_bad_uri_naming_the_key():
    with pytest.raises(ValidationError) as err:
        EscposOptions(uri="lpt1")
    assert err.value.errors()[0]["loc"] == ("uri",)
    with pytest.raises(ValidationError):
        EscposOptions(uri="tcp://h", colour="red")       # extra keys are refused


def test_registry_maps_escpos_to_this_driver():
    from drivers import registry
    from drivers.receipt.escpos_driver import EscposReceiptPrinter

    assert registry.driver_class("escpos") is EscposReceiptPrinter
