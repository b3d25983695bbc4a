"""An ESC/POS receipt printer on TCP (port 9100 style) that renders what it prints to PNG.

``EscposPrinterSim(host, port, out_dir)`` listens at once; ``port`` is the bound port. Every
cut saves ``receipt-NNNN.png`` and ``receipt-NNNN.bin`` (the raw command bytes) in ``out_dir``
and appends a :class:`SimReceipt` to ``receipts``. DLE EOT n is answered from ``paper``
("ok" | "near_end" | "out") and ``cover_open``; ``answers_status = False`` makes it a printer
that never answers. While the paper is out or the cover is open nothing is printed.
``restart()`` drops every connection and listens again on the same port.

Run from a shell: ``python -m drivers.sim receipt --port 9100 --out var/receipts``.
"""
from __future__ import annotations

import argparse
import logging
import re
import select
import socket
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from drivers.base import Paper
from drivers.receipt import status as escpos_status
from drivers.sim import console
from drivers.sim.escpos_render import render
from drivers.sim.escpos_stream import Interpreter, PrintedReceipt

log = logging.getLogger(__name__)

PAPER_STATES = ("ok", "near_end", "out")
_PAPER = {"ok": Paper.OK, "near_end": Paper.LOW, "out": Paper.OUT}
_TICK_S = 0.1


@dataclass
class SimReceipt:
    number: int
    raw: bytes
    lines: list[str]
    qr: list[str]
    png: Path
    bin: Path = field(default=None)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class EscposPrinterSim:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, out_dir: Path | str = Path("var/receipts"),
                 *, chinese_default: bool = False):
        self.host = host
        self.port = port
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.chinese_default = chinese_default
        self.paper = "ok"
        self.cover_open = False
        self.answers_status = True
        self.stalled = False            # hung: takes nothing more from the wire, answers nothing
        self.resets = False             # broken: drops the connection as soon as data arrives
        self.receipts: list[SimReceipt] = []
        self.dropped_pages = 0          # cut while out of paper / cover open: nothing came out
        self.connections = 0            # connections accepted so far
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._next_number = self._first_free_number()
        self._listener: socket.socket | None = None
        self._clients: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._accept_thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.start()

    # -- settable state ---------------------------------------------------------------------

    @property
    def paper(self) -> str:
        return self._paper

    @paper.setter
    def paper(self, value: str) -> None:
        if value not in PAPER_STATES:
            raise ValueError(f"paper must be one of {', '.join(PAPER_STATES)}, not {value!r}")
        self._paper = value

    def status_answer(self, n: int) -> bytes | None:
        """The byte this printer sends for DLE EOT n now (None: it stays silent)."""
        if not self.answers_status or n not in (1, 2, 3, 4):
            return None
        paper = _PAPER[self.paper]
        return escpos_status.encode(n, paper=paper, offline=paper == Paper.OUT or self.cover_open,
                                    cover_open=self.cover_open)

    # -- server -----------------------------------------------------------------------------

    def start(self) -> None:
        if self._listener is not None:
            return
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind((self.host, self.port))
        except OSError:
            listener.close()
            raise
        listener.listen(4)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._stopping.clear()
        self._accept_thread = self._spawn(self._accept_loop, "escpos-sim-accept")
        log.info("ESC/POS printer simulator listening on %s:%d", self.host, self.port)

    def stop(self) -> None:
        """Close the listener and every connection; wait for the server threads to end."""
        self._stopping.set()
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        if self._accept_thread is not None:        # no new connections after this
            self._accept_thread.join(timeout=10)
            self._accept_thread = None
        with self._lock:
            clients = list(self._clients)
        for conn in clients:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        threads, self._threads = self._threads, []
        for t in threads:
            if t is not threading.current_thread() and t.is_alive():
                t.join(timeout=10)

    def restart(self) -> None:
        """Drop every connection and listen again on the same port (a printer power cycle)."""
        self.stop()
        self.start()

    def __enter__(self) -> "EscposPrinterSim":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _spawn(self, target, name: str, *args) -> threading.Thread:
        t = threading.Thread(target=target, args=args, name=name, daemon=True)
        self._threads.append(t)
        t.start()
        return t

    def _accept_loop(self) -> None:
        listener = self._listener
        while not self._stopping.is_set():
            try:
                ready, _, _ = select.select([listener], [], [], _TICK_S)
                if not ready:
                    continue
                conn, peer = listener.accept()
            except (OSError, ValueError):         # closed by stop()
                break
            with self._lock:
                self._clients.add(conn)
                self.connections += 1
                self._changed.notify_all()
            log.debug("ESC/POS simulator: connection from %s", peer)
            self._spawn(self._serve, "escpos-sim-conn", conn)

    def _serve(self, conn: socket.socket) -> None:
        interpreter = Interpreter(self.status_answer, self._on_cut, chinese_default=self.chinese_default)
        try:
            while not self._stopping.is_set():
                if self.stalled:
                    self._stopping.wait(_TICK_S)
                    continue
                ready, _, _ = select.select([conn], [], [], _TICK_S)
                if not ready:
                    continue
                data = conn.recv(65536)
                if not data or self.resets:
                    break
                answer = interpreter.feed(data)
                if answer:
                    conn.sendall(answer)
        except OSError as e:
            log.debug("ESC/POS simulator: connection ended: %s", e)
        finally:
            with self._lock:
                self._clients.discard(conn)
            conn.close()

    # -- receipts ---------------------------------------------------------------------------

    def _first_free_number(self) -> int:
        numbers = [int(m.group(1)) for p in self.out_dir.glob("receipt-*.*")
                   if (m := re.fullmatch(r"receipt-(\d+)\.(png|bin)", p.name))]
        return max(numbers, default=0) + 1

    def _on_cut(self, page: PrintedReceipt) -> None:
        if self.paper == "out" or self.cover_open:
            with self._lock:
                self.dropped_pages += 1
                self._changed.notify_all()
            log.info("ESC/POS simulator: cut with no paper / cover open: nothing printed")
            return
        with self._lock:
            number, self._next_number = self._next_number, self._next_number + 1
        png = self.out_dir / f"receipt-{number:04d}.png"
        raw_file = png.with_suffix(".bin")
        raw_file.write_bytes(bytes(page.raw))
        render(page).save(png)
        receipt = SimReceipt(number, bytes(page.raw), page.lines, page.qr_codes, png, raw_file)
        with self._lock:
            self.receipts.append(receipt)
            self._changed.notify_all()
        log.info("ESC/POS simulator: receipt %d → %s", number, png)

    def wait_for(self, predicate, timeout: float = 10.0) -> bool:
        """Wait until ``predicate(self)`` holds (checked on every receipt / connection)."""
        with self._changed:
            return self._changed.wait_for(lambda: predicate(self), timeout)

    def wait_for_receipts(self, count: int, timeout: float = 10.0) -> bool:
        return self.wait_for(lambda sim: len(sim.receipts) >= count, timeout)


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m drivers.sim receipt",
                                     description="ESC/POS receipt printer simulator on TCP")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--out", default="var/receipts", help="where receipt-NNNN.png/.bin go")
    parser.add_argument("--paper", choices=PAPER_STATES, default="ok")
    parser.add_argument("--silent", action="store_true", help="never answer DLE EOT status requests")
    args = parser.parse_args(argv)
    console.setup_logging("%(message)s")
    try:
        sim = EscposPrinterSim(args.host, args.port, args.out)
    except OSError as e:
        print(f"receipt simulator: cannot listen on {args.host}:{args.port}: {e}", file=sys.stderr)
        return 1
    sim.paper = args.paper
    sim.answers_status = not args.silent

    def paper(state):
        def command(words):
            sim.paper = state
            return f"paper={sim.paper} cover_open={sim.cover_open}"
        return command

    def cover(is_open):
        def command(words):
            sim.cover_open = is_open
            return f"paper={sim.paper} cover_open={sim.cover_open}"
        return command

    commands = {state: paper(state) for state in PAPER_STATES}
    commands.update(cover=cover(True), close=cover(False))
    return console.serve(f"ESC/POS printer on tcp://{args.host}:{sim.port}, receipts in {sim.out_dir}; "
                         "type ok / near_end / out / cover / close to change its state, Ctrl-C to stop",
                         commands, sim.stop)
