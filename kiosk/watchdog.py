"""systemd notifications: READY once the home screen is shown, WATCHDOG pings from the GUI loop.

The pings come from a timer on the GUI thread, so a GUI thread that hangs stops them and
systemd restarts the kiosk (WatchdogSec in deploy/efz-kiosk.service). Without NOTIFY_SOCKET
(not under systemd) everything here does nothing.
"""
from __future__ import annotations

import os
import socket


def notify(message: str) -> bool:
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        try:
            s.connect(address)
            s.sendall(message.encode("utf-8"))
        except OSError:
            return False
    return True


def interval_ms() -> int | None:
    """Half the watchdog period systemd asked for, or None when there is no watchdog."""
    usec = os.environ.get("WATCHDOG_USEC")
    if not usec or not usec.isdigit():
        return None
    return max(1000, int(usec) // 2000)


def install(parent) -> None:
    """Send READY=1 and start pinging (call on the GUI thread once the window is shown)."""
    from PySide6.QtCore import QTimer

    notify("READY=1\nSTATUS=home screen shown")
    period = interval_ms()
    if period:
        timer = QTimer(parent)
        timer.timeout.connect(lambda: notify("WATCHDOG=1"))
        timer.start(period)
        parent._watchdog_timer = timer
