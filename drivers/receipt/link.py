"""Reading status answers from a python-escpos printer's connection, whatever its transport.

python-escpos reads with the connection's own (long) timeout and cannot tell "no answer" from
"connection gone"; these helpers can: :func:`read_answer` returns None when nothing came within
``timeout_s`` and raises :class:`ConnectionLost` when the peer has closed a TCP connection.
"""
from __future__ import annotations

import select
import socket

_MAX_ANSWER = 16


class ConnectionLost(OSError):
    """The printer closed the connection, or the port went away."""


def open_printer(printer) -> None:
    """Connect ``printer``; for TCP with a socket of our own (python-escpos leaks the socket of
    a failed connect) that has keepalive on, so a silently vanished printer is noticed."""
    from escpos.printer import Network

    if not isinstance(printer, Network):
        printer.open()
        return
    sock = socket.create_connection((printer.host, printer.port), timeout=printer.timeout)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    printer.device = sock


def _conn(printer):
    # ``_device`` avoids python-escpos's ``device`` property, which reconnects by itself.
    conn = getattr(printer, "_device", None)
    if not conn:
        raise ConnectionLost("not connected")
    return conn


def read_answer(printer, timeout_s: float) -> bytes | None:
    """Up to 16 bytes the printer sent within ``timeout_s``; None when it sent nothing."""
    conn = _conn(printer)
    if isinstance(conn, socket.socket):
        try:
            ready, _, _ = select.select([conn], [], [], timeout_s)
            if not ready:
                return None
            data = conn.recv(_MAX_ANSWER)
        except OSError as e:
            raise ConnectionLost(f"connection lost: {e}") from e
        if not data:
            raise ConnectionLost("the printer closed the connection")
        return data
    if hasattr(conn, "in_waiting"):                      # pyserial
        old = conn.timeout
        try:
            conn.timeout = timeout_s
            data = conn.read(_MAX_ANSWER)
        except Exception as e:                           # SerialException: port unplugged
            raise ConnectionLost(f"serial port lost: {e}") from e
        finally:
            try:
                conn.timeout = old
            except Exception:
                pass
        return data or None
    return _read_usb(printer, conn, timeout_s)


def _read_usb(printer, conn, timeout_s: float) -> bytes | None:
    import usb.core

    try:
        data = conn.read(printer.in_ep, _MAX_ANSWER, max(1, int(timeout_s * 1000)))
    except usb.core.USBTimeoutError:
        return None
    except usb.core.USBError as e:
        raise ConnectionLost(f"USB printer lost: {e}") from e
    return bytes(data) or None


def drain(printer) -> bytes:
    """Discard what the printer sent unasked (late answers, automatic status back)."""
    stale = b""
    while len(stale) < 4096:
        data = read_answer(printer, 0)
        if not data:
            break
        stale += data
    return stale


def query(printer, request: bytes, timeout_s: float) -> bytes | None:
    """Send a real-time request and wait for its answer (None: no answer in time)."""
    try:
        printer._raw(request)
    except OSError as e:
        raise ConnectionLost(f"connection lost: {e}") from e
    return read_answer(printer, timeout_s)
