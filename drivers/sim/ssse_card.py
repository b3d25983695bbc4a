"""A virtual social security card for the vsmartcard ``vpcd`` reader of pcscd.

``vpcd`` (Debian: vsmartcard-vpcd) listens on TCP 35963 for reader "Virtual PCD 00 00" (35964
for "... 00 01"). A card connecting there is "inserted"; closing the connection "removes" it.
Every message either way is a 2-byte big-endian length and a payload. From the reader, a
one-byte payload is a control: 0 power off, 1 power on, 2 reset, 4 get ATR (answered with the
ATR); anything longer is a command APDU, answered with the response APDU.

:class:`SsseCardApplet` is the card's logic (usable without vpcd); :class:`VirtualSsseCard`
plugs it into vpcd. Behaves like a T=0 card: SELECT of the application answers ``61 xx``
(FCI waiting for GET RESPONSE) and a READ RECORD with a wrong Le answers ``6C xx``.

``python -m drivers.sim ssse --card zhang [--mode third_gen]``: Enter removes/re-inserts the
card, Ctrl-C quits.
"""
from __future__ import annotations

import argparse
import logging
import socket
import struct
import sys
import threading

from drivers.sim import console
from drivers.sim.people import RESIDENTS, Resident, resident
from drivers.ssse import apdu as A

log = logging.getLogger(__name__)

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963
MODES = ("second_gen", "third_gen", "foreign")

_QUICKACK = getattr(socket, "TCP_QUICKACK", None)   # Linux only
_CTRL_OFF, _CTRL_ON, _CTRL_RESET, _CTRL_ATR = 0, 1, 2, 4

# Historical bytes are free-form; "SSSE" + version makes the card easy to spot in pcsc_scan.
_ATR_PREFIX = bytes([0x3B, 0x60, 0x00, 0x00])   # TS, T0 (TB1 TC1 follow, K set below), TB1, TC1


def _atr(historical: bytes) -> bytes:
    return bytes([_ATR_PREFIX[0], _ATR_PREFIX[1] | len(historical)]) + _ATR_PREFIX[2:] + historical


def _sw(sw: int) -> bytes:
    return sw.to_bytes(2, "big")


class SsseCardApplet:
    """The files and answers of one card.

    ``mode``: ``second_gen`` (readable), ``third_gen`` (specification "3.00", EF06 protected:
    READ RECORD answers 69 82), ``foreign`` (no SSSE application, like a bank card).
    ``spec_version=""`` leaves EF05 record 03 out (older cards do not have it).
    """

    def __init__(self, person: Resident, *, mode: str = "second_gen", spec_version: str | None = None):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.person = person
        self.mode = mode
        if spec_version is None:
            spec_version = "3.00" if mode == "third_gen" else "2.00"
        self.spec_version = spec_version
        self.atr = _atr(b"SSSE" + (b"3.00" if mode == "third_gen" else b"2.00"))
        self.ef05 = self._ef05()
        self.ef06 = self._ef06()
        self.apdus: list[bytes] = []     # every command received, for tests
        self.power_on()

    def _ef05(self) -> dict[int, bytes]:
        recs = {A.REC_CARD_NUMBER: A.encode_tlv(A.REC_CARD_NUMBER, self.person.ssse_number.encode("ascii"))}
        if self.spec_version:
            recs[A.REC_SPEC_VERSION] = A.encode_tlv(A.REC_SPEC_VERSION, self.spec_version.encode("ascii"))
        return recs

    def _ef06(self) -> dict[int, bytes]:
        p = self.person
        return {
            A.REC_SSN: A.encode_tlv(A.REC_SSN, p.id_number.encode("ascii")),
            A.REC_NAME: A.encode_tlv(A.REC_NAME, A.encode_text(p.name, 30)),
            A.REC_SEX: A.encode_tlv(A.REC_SEX, p.sex.encode("ascii")),
            A.REC_NATION: A.encode_tlv(A.REC_NATION, A.encode_bcd(p.nation_code)),
            A.REC_BIRTH_DATE: A.encode_tlv(A.REC_BIRTH_DATE, A.encode_bcd_date(p.birth_date)),
        }

    # -- power -----------------------------------------------------------------------------
    def power_on(self) -> None:
        self._app_selected = False
        self._current_ef: bytes | None = None
        self._pending = b""

    power_off = reset = power_on

    # -- commands --------------------------------------------------------------------------
    def process(self, command: bytes) -> bytes:
        """Answer one command APDU with a response APDU (data + SW1 SW2)."""
        self.apdus.append(bytes(command))
        if len(command) < 4:
            return _sw(0x6700)
        cla, ins, p1, p2 = command[:4]
        body = command[4:]
        if cla != 0x00:
            return _sw(A.SW_CLA_NOT_SUPPORTED)
        if ins != 0xC0:
            self._pending = b""
        if ins == 0xA4:
            return self._select(p1, p2, body)
        if ins == 0xB2:
            return self._read_record(p1, p2, body)
        if ins == 0xC0:
            return self._get_response(body)
        return _sw(A.SW_INS_NOT_SUPPORTED)

    def _select(self, p1: int, p2: int, body: bytes) -> bytes:
        if not body or body[0] != len(body) - 1:
            return _sw(0x6700)
        name = body[1:]
        if p1 == 0x04:
            if name != A.SSSE_AID or self.mode == "foreign":
                return _sw(A.SW_FILE_NOT_FOUND)
            self._app_selected, self._current_ef = True, None
            fci = A.encode_tlv(0x6F, A.encode_tlv(0x84, name))
            self._pending = fci
            return bytes([0x61, len(fci)])
        if p1 == 0x02 and self._app_selected and name in (b"\xef\x05", b"\xef\x06"):
            self._current_ef = name
            return _sw(A.SW_OK)
        return _sw(A.SW_FILE_NOT_FOUND)

    def _read_record(self, record: int, p2: int, body: bytes) -> bytes:
        if len(body) != 1:
            return _sw(0x6700)
        if not self._app_selected:
            return _sw(0x6986)   # command not allowed: no current EF
        if p2 & 0x07 != 0x04:
            return _sw(0x6A86)
        sfi = p2 >> 3
        fid = bytes([0xEF, sfi]) if sfi else self._current_ef
        if fid is None:
            return _sw(0x6986)
        if fid == b"\xef\x06":
            if self.mode == "third_gen":
                return _sw(A.SW_SECURITY_NOT_SATISFIED)
            records = self.ef06
        elif fid == b"\xef\x05":
            records = self.ef05
        else:
            return _sw(A.SW_FILE_NOT_FOUND)
        data = records.get(record)
        if data is None:
            return _sw(A.SW_RECORD_NOT_FOUND)
        if body[0] != len(data):       # T=0: tell the exact length
            return bytes([0x6C, len(data)])
        return data + _sw(A.SW_OK)

    def _get_response(self, body: bytes) -> bytes:
        if not self._pending:
            return _sw(0x6985)
        le = body[0] if body else 0
        chunk, self._pending = self._pending[:le or 256], self._pending[le or 256:]
        return chunk + (bytes([0x61, len(self._pending) & 0xFF]) if self._pending else _sw(A.SW_OK))


class VirtualSsseCard:
    """A card in the vpcd reader: :meth:`insert` connects, :meth:`remove` disconnects.

    ``start``/``stop`` are the same as ``insert``/``remove``; both may be called repeatedly,
    and :attr:`applet` may be replaced between insertions to present another card.
    """

    def __init__(self, card: str | Resident = "zhang", *, mode: str = "second_gen",
                 host: str = VPCD_HOST, port: int = VPCD_PORT):
        person = card if isinstance(card, Resident) else resident(card)
        if person is None or not person.ssse_number:
            raise ValueError(f"no resident {card!r} with a social security card; "
                             f"choose one of: {', '.join(r.key for r in RESIDENTS if r.ssse_number)}")
        self.applet = SsseCardApplet(person, mode=mode)
        self.host, self.port = host, port
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.powered = threading.Event()

    @property
    def inserted(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def insert(self, timeout: float = 5.0) -> None:
        """Connect to vpcd; OSError (ConnectionRefused ...) when vpcd is not listening."""
        if self.inserted:
            return
        sock = socket.create_connection((self.host, self.port), timeout=timeout)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock
        self.powered.clear()
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="ssse-card", daemon=True)
        self._thread.start()
        log.info("card inserted into vpcd %s:%d", self.host, self.port)

    def remove(self) -> None:
        sock, thread = self._sock, self._thread
        self._sock = self._thread = None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        if thread is not None:
            thread.join(timeout=10)
            log.info("card removed")

    start, stop = insert, remove

    def __enter__(self) -> "VirtualSsseCard":
        self.insert()
        return self

    def __exit__(self, *exc) -> None:
        self.remove()

    # -- the vpcd conversation ---------------------------------------------------------------
    @staticmethod
    def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
        buf = b""
        while len(buf) < n:
            # vpcd writes the length and the APDU separately; acknowledging at once keeps its
            # Nagle algorithm from holding the APDU for our delayed ACK (~40 ms per command).
            if _QUICKACK is not None:
                sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
            chunk = sock.recv(n - len(buf))
            if not chunk:
                return None
            buf += chunk
        return buf

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        sock.sendall(struct.pack("!H", len(payload)) + payload)

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                head = self._recv_exact(sock, 2)
                if head is None:
                    return
                size = struct.unpack("!H", head)[0]
                msg = self._recv_exact(sock, size) if size else b""
                if msg is None:
                    return
                if size == 1:
                    self._control(sock, msg[0])
                elif size:
                    answer = self.applet.process(msg)
                    log.debug("APDU %s → SW %s", msg[:5].hex(), answer[-2:].hex())
                    self._send(sock, answer)
        except OSError:
            return   # removed while talking: the reader sees the card gone

    def _control(self, sock: socket.socket, code: int) -> None:
        if code == _CTRL_ATR:
            self._send(sock, self.applet.atr)
        elif code == _CTRL_OFF:
            self.applet.power_off()
            self.powered.clear()
        elif code in (_CTRL_ON, _CTRL_RESET):
            self.applet.power_on()
            self.powered.set()
        else:
            log.warning("unknown vpcd control %d", code)


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m drivers.sim ssse",
                                     description="Social security card in the vpcd virtual reader.")
    parser.add_argument("--card", default="zhang", help="resident key or ID number (default zhang)")
    parser.add_argument("--mode", choices=MODES, default="second_gen")
    parser.add_argument("--host", default=VPCD_HOST)
    parser.add_argument("--port", type=int, default=VPCD_PORT, help="35963 = 'Virtual PCD 00 00'")
    args = parser.parse_args(argv)
    console.setup_logging("%(message)s")
    try:
        card = VirtualSsseCard(args.card, mode=args.mode, host=args.host, port=args.port)
        card.insert()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"cannot reach vpcd at {args.host}:{args.port} ({exc}); is pcscd running with "
              "vsmartcard-vpcd installed?", file=sys.stderr)
        return 1

    def toggle(words):
        try:
            if card.inserted:
                card.remove()
                return "removed"
            card.insert()
            return "inserted"
        except OSError as e:
            raise VpcdGone(f"vpcd went away: {e}") from None

    return console.serve(f"{args.mode} card of {args.card} inserted. Enter: remove/insert, Ctrl-C: quit.",
                         {}, card.remove, blank=toggle, other=toggle, fatal=(VpcdGone,))


class VpcdGone(OSError):
    """The vpcd connection broke while the console ran."""
