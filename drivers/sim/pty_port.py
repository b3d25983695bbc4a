"""A pty that stands in for a serial port, under a stable symlink a config can name.

The simulator owns the master side; the host opens the symlink (→ /dev/pts/N) with pyserial.
``unplug`` closes the pty (host reads and writes then fail) and removes the link; ``replug``
makes a new pty and points the link at it, as a USB adapter coming back would.
"""
from __future__ import annotations

import logging
import os
import select
import threading
import time
import tty
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)


class PtyPort:
    """Master side of a pty plus a reader thread that hands received bytes to ``on_data``."""

    def __init__(self, link: str | os.PathLike, on_data: Callable[[bytes], None], *, baud: int = 0):
        self.link = Path(link)
        self._on_data = on_data
        #: when > 0, writes are paced to this many baud (8N1: 10 bits per byte)
        self.baud = baud
        self._master: int | None = None
        self._slave: int | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.bytes_in = 0
        self.bytes_out = 0

    @property
    def plugged(self) -> bool:
        return self._master is not None

    @property
    def slave_name(self) -> str:
        return os.ttyname(self._slave) if self._slave is not None else ""

    def start(self) -> None:
        if self._master is not None:
            return
        master, slave = os.openpty()
        # raw: no echo, no CR/LF translation, before the host configures anything
        tty.setraw(slave)
        # the sim keeps its slave fd open so reading the master never hits EIO between hosts
        self._master, self._slave = master, slave
        self.link.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.link.with_name(self.link.name + ".tmp")
        tmp.unlink(missing_ok=True)
        os.symlink(os.ttyname(slave), tmp)
        os.replace(tmp, self.link)
        self._stop.clear()
        self._thread = threading.Thread(target=self._read_loop, name=f"pty-{self.link.name}", daemon=True)
        self._thread.start()
        log.debug("pty %s → %s", self.link, os.ttyname(slave))

    def stop(self, *, keep_link: bool = False) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._thread = None
        for fd in (self._master, self._slave):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._master = self._slave = None
        if not keep_link:
            try:
                if self.link.is_symlink():
                    self.link.unlink()
            except OSError:
                pass

    def write(self, data: bytes, *, byte_delay_s: float = 0.0) -> bool:
        """Send ``data`` to the host; False if the pty went away or the sim is stopping."""
        if byte_delay_s > 0:
            for i in range(len(data)):
                if not self._write_all(data[i:i + 1]):
                    return False
                time.sleep(byte_delay_s)
            return True
        if self.baud <= 0:
            return self._write_all(data)
        # pace the bytes as a real line would, in small chunks
        start = time.perf_counter()
        chunk = max(1, self.baud // 10 // 200)  # ~5 ms of line time per chunk
        for i in range(0, len(data), chunk):
            if not self._write_all(data[i:i + chunk]):
                return False
            due = start + (i + chunk) * 10 / self.baud
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        return True

    def wire_delay(self, nbytes: int) -> None:
        """Wait as long as ``nbytes`` take on the line (for bytes the host sent us)."""
        if self.baud > 0:
            time.sleep(nbytes * 10 / self.baud)

    def _write_all(self, data: bytes) -> bool:
        view = memoryview(data)
        while view:
            fd = self._master
            if fd is None or self._stop.is_set():
                return False
            try:
                _, writable, _ = select.select([], [fd], [], 0.1)
                if not writable:
                    continue
                n = os.write(fd, view)
            except (OSError, ValueError):
                return False
            self.bytes_out += n
            view = view[n:]
        return True

    def _read_loop(self) -> None:
        while not self._stop.is_set():
            fd = self._master
            if fd is None:
                return
            try:
                readable, _, _ = select.select([fd], [], [], 0.1)
                if not readable:
                    continue
                data = os.read(fd, 4096)
            except (OSError, ValueError):
                return
            if not data:
                continue
            self.bytes_in += len(data)
            try:
                self._on_data(data)
            except Exception:  # a simulator bug must not kill the port silently
                log.exception("simulator failed handling %d bytes", len(data))


class PtyDeviceSim:
    """Base of a simulated serial device: a :class:`PtyPort` under a stable link that can be
    started, stopped, unplugged (the pty closes, the link goes) and plugged back in."""

    _port: PtyPort

    @property
    def link(self):
        return self._port.link

    @property
    def port(self) -> PtyPort:
        return self._port

    def start(self):
        self._port.start()
        return self

    def stop(self) -> None:
        self._port.stop()

    def unplug(self) -> None:
        """Pull the USB cable: the pty closes and the link disappears."""
        self._port.stop()

    def replug(self) -> None:
        """Plug it back: a new pty behind the same link."""
        self._on_replug()
        self._port.start()

    def _on_replug(self) -> None:
        """Forget protocol state of the old connection (override)."""

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
