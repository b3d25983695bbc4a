"""A serial QR scanner on a pty: send codes (or raw noise) to the host as a scanner would.

``python -m drivers.sim scanner --link var/dev/ttyQR`` runs one until Ctrl-C; each line typed
on stdin is sent as a scanned code (``unplug`` / ``replug`` / ``quit`` are commands).
"""
from __future__ import annotations

import argparse
import logging
import os

from drivers.sim import console
from drivers.sim.pty_port import PtyDeviceSim, PtyPort

log = logging.getLogger(__name__)


class ScannerSim(PtyDeviceSim):
    """The scanner: a pty under ``link``; what the host writes to it is ignored."""

    def __init__(self, link: str | os.PathLike, *, baud: int = 0):
        self._port = PtyPort(link, self._ignore, baud=baud)
        self.silent = False    # a hung scanner: codes are read but never sent
        self.garbled = False   # a faulty one: what it sends is binary noise, not the code

    def send(self, text: str, terminator: str = "\r\n", encoding: str = "utf-8") -> bool:
        """Send one code as a scanner does: the text, encoded, then the terminator."""
        if self.silent:
            return False
        if self.garbled:
            return self.send_raw(bytes((b ^ 0xA5) | 0x80 for b in text.encode(encoding)) + b"\x00\xff\r\n")
        return self.send_raw(text.encode(encoding) + terminator.encode("ascii"))

    def send_raw(self, data: bytes) -> bool:
        """Send bytes as they are (noise, split lines, odd terminators)."""
        return self._port.write(data)

    @staticmethod
    def _ignore(data: bytes) -> None:
        log.debug("host sent %d bytes to the scanner", len(data))


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m drivers.sim scanner",
                                     description="serial QR scanner simulator on a pty")
    parser.add_argument("--link", default="var/dev/ttyQR", help="symlink to create for the pty")
    parser.add_argument("--terminator", choices=("cr", "lf", "crlf"), default="crlf")
    parser.add_argument("--encoding", choices=("utf-8", "gb18030"), default="utf-8")
    parser.add_argument("--aim", default="", help="prefix every code with this AIM identifier, e.g. ]Q1")
    args = parser.parse_args(argv)
    console.setup_logging()
    term = {"cr": "\r", "lf": "\n", "crlf": "\r\n"}[args.terminator]
    sim = ScannerSim(args.link).start()

    def scan(words):
        sim.send(args.aim + words[0], terminator=term, encoding=args.encoding)
        return None   # a scanner says nothing back

    commands = {"unplug": lambda w: sim.unplug() and None, "replug": lambda w: sim.replug() and None}
    return console.serve(f"scanner on {sim.link} → {sim.port.slave_name}; type a code and Enter to scan it "
                         "(unplug | replug | quit)", commands, sim.stop, other=scan)
