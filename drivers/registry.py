"""Driver registry: the ``driver`` name in the config → the class that implements it.

Adding a device model means one new module and one line in ``_DRIVERS`` below; imports are
lazy so a terminal without, say, pyscard still starts when it does not use that driver.
"""
from __future__ import annotations

import importlib

from drivers.base import Device

#: driver name → "module:Class"
_DRIVERS: dict[str, str] = {
    "ga467-serial": "drivers.idcard.ga467_driver:Ga467Reader",
    "serial-line": "drivers.qr.serial_scanner:SerialLineScanner",
    "opencv": "drivers.qr.camera:CameraScanner",
    "escpos": "drivers.receipt.escpos_driver:EscposReceiptPrinter",
    "cups": "drivers.printer.cups_driver:CupsPrinter",
    "file": "drivers.printer.file_driver:FilePrinter",
    "pcsc-ssse": "drivers.ssse.pcsc_driver:SsseCardReader",
    "none": "drivers.absent:AbsentDevice",
}


class UnknownDriver(KeyError):
    pass


def names() -> list[str]:
    return sorted(_DRIVERS)


def modules() -> list[str]:
    """The module of every registered driver (the bundle's hidden imports, kiosk.spec)."""
    return sorted({target.partition(":")[0] for target in _DRIVERS.values()})


def driver_class(name: str) -> type[Device]:
    """The class registered under ``name``; UnknownDriver names the choices."""
    try:
        target = _DRIVERS[name]
    except KeyError:
        raise UnknownDriver(f"unknown driver {name!r}; expected one of: {', '.join(names())}") from None
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)
