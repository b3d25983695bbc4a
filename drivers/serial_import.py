"""The pyserial import guard of the serial drivers (one place, one message)."""
from __future__ import annotations

from drivers.base import DeviceUnavailable


def pyserial(driver: str):
    """The ``serial`` module; DeviceUnavailable (code ``missing_library``) naming ``driver``
    when pyserial is not installed, so the device shows a readable state, not a traceback."""
    try:
        import serial
    except ImportError:  # pragma: no cover - pyserial is a hard dependency of the kiosk
        raise DeviceUnavailable(f"the {driver} driver needs pyserial (pip install pyserial)",
                                code="missing_library") from None
    return serial
