"""Driver registry: the ``driver`` name in the config → the class that implements it and the
model of its options.

Adding a device model means one new module, its options model in drivers/options.py and one
line in ``_DRIVERS`` below. Driver modules are imported lazily, so a terminal without, say,
pyscard still starts when it does not use that driver; the options models are light, so the
config is validated (kiosk.config) without importing any driver.
"""
from __future__ import annotations

import importlib

from drivers import options as o
from drivers.base import Device, DriverOptions

#: driver name → ("module:Class", the model of its ``[devices.NAME]`` keys besides ``driver``)
_DRIVERS: dict[str, tuple[str, type[DriverOptions]]] = {
    "ga467-serial": ("drivers.idcard.ga467_driver:Ga467Reader", o.Ga467Options),
    "serial-line": ("drivers.qr.serial_scanner:SerialLineScanner", o.SerialLineOptions),
    "opencv": ("drivers.qr.camera:CameraScanner", o.CameraOptions),
    "escpos": ("drivers.receipt.escpos_driver:EscposReceiptPrinter", o.EscposOptions),
    "cups": ("drivers.printer.cups_driver:CupsPrinter", o.CupsOptions),
    "file": ("drivers.printer.file_driver:FilePrinter", o.FileOptions),
    "pcsc-ssse": ("drivers.ssse.pcsc_driver:SsseCardReader", o.SsseOptions),
    "none": ("drivers.absent:AbsentDevice", o.AbsentOptions),
}


class UnknownDriver(KeyError):
    pass


def names() -> list[str]:
    return sorted(_DRIVERS)


def modules() -> list[str]:
    """The module of every registered driver (the bundle's hidden imports, kiosk.spec)."""
    return sorted({target.partition(":")[0] for target, _ in _DRIVERS.values()})


def _entry(name: str) -> tuple[str, type[DriverOptions]]:
    try:
        return _DRIVERS[name]
    except KeyError:
        raise UnknownDriver(f"unknown driver {name!r}; expected one of: {', '.join(names())}") from None


def options_model(name: str) -> type[DriverOptions]:
    """The options model of the driver registered under ``name`` (imports no driver)."""
    return _entry(name)[1]


def options_models() -> dict[str, type[DriverOptions]]:
    """Every driver name → its options model."""
    return {name: model for name, (_, model) in sorted(_DRIVERS.items())}


def driver_class(name: str) -> type[Device]:
    """The class registered under ``name``; UnknownDriver names the choices."""
    module_name, _, class_name = _entry(name)[0].partition(":")
    return getattr(importlib.import_module(module_name), class_name)
