"""A GA 467 ID card reader on a pty: the real frames, a card you place and remove by hand.

``python -m drivers.sim idcard --link var/dev/ttyIDCARD --card zhang`` runs one until Ctrl-C
and takes commands on stdin: ``place KEY``, ``remove``, ``mode NAME``, ``unplug``, ``replug``,
``quit``. Like a real reader, after a successful read the card must be lifted and placed again
before "find card" succeeds again, or the field reset by a SAM reset (``10 FF``), which wakes
the halted card.

Modes (``set_mode``): ``normal``; ``bad_checksum`` (read answers carry a wrong CHK);
``slow`` (answers sent byte by byte with a delay); ``remove_mid_read`` (the card leaves the
field during the read: the reader answers 41 and the card is gone). ``times`` limits how many
read answers a mode affects.
"""
from __future__ import annotations

import argparse
import logging
import os
import threading
from collections import deque

from drivers.idcard import ga467_codec as codec
from drivers.idcard.ga467_fields import encode_text
from drivers.sim.people import RESIDENTS, Resident, resident
from drivers.sim import console
from drivers.sim.pty_port import PtyDeviceSim, PtyPort

log = logging.getLogger(__name__)

MODES = ("normal", "bad_checksum", "slow", "remove_mid_read")
#: a fixed SAM id: 05.01-20200101-0000012345-0012345678
SAM_ID_DATA = (bytes([5, 0, 1, 0]) + (20200101).to_bytes(4, "little") + (12345).to_bytes(4, "little")
               + (12345678).to_bytes(4, "little"))


def fake_photo(r: Resident) -> bytes:
    """1024 opaque bytes in place of the vendor's encrypted WLT photo."""
    seed = r.id_number.encode()
    return (b"WLT\x00" + bytes((seed[i % len(seed)] * 31 + i) & 0xFF for i in range(1020)))[:1024]


def card_serial(r: Resident) -> bytes:
    """The 8-byte serial number select card answers: one per card."""
    import hashlib

    return hashlib.sha256(r.id_number.encode()).digest()[:8]


def card_data(r: Resident) -> bytes:
    """Success data of a read: text_len | photo_len | text | photo."""
    text = encode_text(name=r.name, sex_code=r.sex, nation_code=r.nation_code, birth_date=r.birth_date,
                       address=r.address, id_number=r.id_number, issuer=r.issuer,
                       valid_from=r.valid_from, valid_until=r.valid_until)
    photo = fake_photo(r)
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo


class CardReaderSim(PtyDeviceSim):
    """The reader: a pty under ``link`` answering GA 467 commands from its own thread."""

    def __init__(self, link: str | os.PathLike, *, baud: int = 0, slow_byte_delay_s: float = 0.001):
        self._port = PtyPort(link, self._on_data, baud=baud)
        self._parser = codec.FrameParser()
        self._lock = threading.Lock()
        self.slow_byte_delay_s = slow_byte_delay_s
        self._card: Resident | None = None
        self._found = False
        self._selected = False
        self._consumed = False
        self._mode = "normal"
        self._mode_left: int | None = None
        #: the latest commands received, as (CMD, PARA) pairs, for tests
        self.commands: deque[tuple[int, int]] = deque(maxlen=1000)
        self.reads_served = 0
        #: a reader whose firmware hangs: it takes every command and answers none
        self.silent = False

    # -- the hardware around the protocol ------------------------------------------------------
    def _on_replug(self) -> None:
        self._parser.reset()

    # -- the card ------------------------------------------------------------------------------
    def place(self, who: str | Resident) -> None:
        r = who if isinstance(who, Resident) else resident(who)
        if r is None:
            raise KeyError(f"no resident {who!r}; known: {', '.join(x.key for x in RESIDENTS)}")
        with self._lock:
            self._card, self._found, self._selected, self._consumed = r, False, False, False

    def remove(self) -> None:
        with self._lock:
            self._card, self._found, self._selected, self._consumed = None, False, False, False

    @property
    def card_present(self) -> bool:
        return self._card is not None

    def set_mode(self, mode: str, times: int | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        with self._lock:
            self._mode, self._mode_left = mode, times

    # -- the protocol --------------------------------------------------------------------------
    def _on_data(self, data: bytes) -> None:
        if self.silent:
            return
        for item in self._parser.feed(data):
            if isinstance(item, codec.FrameProblem):
                if item.kind == "bad_checksum":
                    self._send(codec.response(0x10))
                elif item.kind == "bad_length":
                    self._send(codec.response(0x11))
                continue
            self._port.wire_delay(len(item.body) + codec.HEADER_LEN + 1)
            self._answer(item.body)

    def _take_mode(self) -> str:
        with self._lock:
            mode = self._mode
            if mode != "normal" and self._mode_left is not None:
                self._mode_left -= 1
                if self._mode_left <= 0:
                    self._mode, self._mode_left = "normal", None
            return mode

    def _answer(self, body: bytes) -> None:
        cmd = (body[0], body[1])
        self.commands.append(cmd)
        with self._lock:
            card = self._card
            if cmd == codec.FIND_CARD:
                ok = card is not None and not self._consumed
                self._found = ok
                reply = codec.response(0x9F, bytes(4)) if ok else codec.response(0x80)
            elif cmd == codec.SELECT_CARD:
                ok = card is not None and self._found
                self._selected = ok
                reply = codec.response(0x90, card_serial(card)) if ok else codec.response(0x81)
            elif cmd == codec.READ_SAM_ID:
                reply = codec.response(0x90, SAM_ID_DATA)
            elif cmd == codec.RESET_SAM:  # the field goes off and on: a halted card wakes up
                self._consumed = self._found = self._selected = False
                reply = codec.response(0x90)
            elif cmd == codec.READ_TEXT_PHOTO:
                reply = None
            else:
                reply = codec.response(0x21)
        if reply is not None:
            self._send(reply)
            return
        self._answer_read(card)

    def _answer_read(self, card: Resident | None) -> None:
        if card is None or not self._selected:
            self._send(codec.response(0x41))
            return
        mode = self._take_mode()
        if mode == "remove_mid_read":
            self.remove()
            self._send(codec.response(0x41))
            return
        frame = bytearray(codec.response(0x90, card_data(card)))
        if mode == "bad_checksum":
            frame[-1] ^= 0x5A
        with self._lock:
            self._consumed = True
        self.reads_served += 1
        self._send(bytes(frame), slow=(mode == "slow"))

    def _send(self, frame: bytes, slow: bool = False) -> None:
        self._port.write(frame, byte_delay_s=self.slow_byte_delay_s if slow else 0.0)


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m drivers.sim idcard",
                                     description="GA 467 ID card reader simulator on a pty")
    parser.add_argument("--link", default="var/dev/ttyIDCARD", help="symlink to create for the pty")
    parser.add_argument("--card", help="resident key to place at start (" + ", ".join(r.key for r in RESIDENTS) + ")")
    parser.add_argument("--baud", type=int, default=0, help="pace answers at this line speed (0: as fast as possible)")
    args = parser.parse_args(argv)
    console.setup_logging()
    sim = CardReaderSim(args.link, baud=args.baud).start()
    if args.card:
        sim.place(args.card)

    def place(words):
        if len(words) != 1:
            raise ValueError("place KEY")
        sim.place(words[0])
        return ""

    def mode(words):
        if not words:
            raise ValueError(f"mode {'|'.join(MODES)} [N]")
        sim.set_mode(words[0], int(words[1]) if len(words) > 1 else None)
        return ""

    commands = {"place": place, "remove": lambda w: sim.remove() or "", "mode": mode,
                "unplug": lambda w: sim.unplug() or "", "replug": lambda w: sim.replug() or ""}
    return console.serve(f"ID card reader on {sim.link} → {sim.port.slave_name}; commands: place KEY | "
                         f"remove | mode {'|'.join(MODES)} | unplug | replug | quit", commands, sim.stop)
