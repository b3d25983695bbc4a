"""GA 467 ID card reader over a serial line (pyserial): the ``ga467-serial`` driver.

``poll`` runs find card; when a card is there it selects and reads it and emits CARD_PRESENT,
then CARD_READ (``card=IdentityCard``) or CARD_ERROR (``code``; the screens word it,
``detail`` for technicians). The reader refuses to find a card again after a successful read
until it has been lifted and placed again: the read leaves the card halted, and a halted card
does not answer find card. To tell "still lying there" from "taken away" (the session asks for
a card left behind), each poll after a read first resets the reader's SAM (``10 FF``), which
switches the RF field off and on and wakes a halted card, then finds the card: found means it
is still there (it is not read again; select answers the card's serial number, so another card
put in its place is read), no card means it was lifted: CARD_REMOVED, once. With
``presence_probe`` off (a reader whose reset does not wake the card) the first "no card" after
a read counts as removed. After a failed read the card is left alone (no event storm) until it
is lifted. Status detail ``media`` is absent, present or read. A silent reader or a failing
port raises, so the manager reconnects.
"""
from __future__ import annotations

import logging
import os
import time

from drivers.base import DeviceError, DeviceState, DeviceStatus, DeviceUnavailable, EventKind
from drivers.serial_import import pyserial
from drivers.options import Ga467Options
from drivers.classes import CardReader
from drivers.identity import IdentityCard
from drivers.idcard import ga467_codec as codec
from drivers.idcard.ga467_fields import CardDataError, parse_text, status_info

log = logging.getLogger(__name__)

#: longest a single serial read blocks, so a silent line is noticed promptly
_READ_SLICE_S = 0.02
#: read attempts when the answer arrives with a bad checksum
_READ_ATTEMPTS = 3
#: SW3 values of a read that may mean the card left the field
_LOST_CARD_SW3 = frozenset({0x41, 0x47, 0x31, 0x32, 0x81})


def _pyserial():
    return pyserial("ga467-serial")


class CardReadError(DeviceError):
    """A read that did not give a card: ``code`` for the screens, ``detail`` for the technician."""

    def __init__(self, code: str, detail: str, *, state: DeviceState = DeviceState.ONLINE):
        super().__init__(detail, state=state, code=code)
        self.detail = detail

    @classmethod
    def from_sw3(cls, sw3: int, during: str) -> "CardReadError":
        info = status_info(sw3)
        state = DeviceState.HARDWARE_ERROR if info.fault else DeviceState.ONLINE
        return cls(info.name, f"{during}: {info.technical} (SW3 {sw3:02X})", state=state)


class ReaderSilent(DeviceUnavailable):
    """The reader did not answer within ``timeout_s``."""


class BadFrame(DeviceError):
    """An answer arrived with a wrong checksum."""


class Ga467Reader(CardReader):
    device_class = "id_card"

    Options = Ga467Options

    def __init__(self, name, options, emit):
        super().__init__(name, options, emit)
        self.poll_interval_s = options.poll_interval_s
        self._serial = None
        self._parser = codec.FrameParser()
        self._media = "absent"
        self._await_lift = False  # a read failed: leave the card alone until it is lifted
        self._sam_id = ""
        self._card_sn = b""  # serial number of the card read last (select card's answer)

    # -- lifecycle -----------------------------------------------------------------------------
    def open(self) -> None:
        self.close()
        serial = _pyserial()
        port = self.options.port
        if not os.path.exists(port):
            raise DeviceUnavailable(f"serial port {port} does not exist")
        try:
            self._serial = serial.Serial(port, self.options.baud, timeout=_READ_SLICE_S,
                                         write_timeout=self.options.timeout_s)
            self._sam_id = self.sam_id()
        except (serial.SerialException, OSError, DeviceError) as e:
            self.close()
            raise DeviceUnavailable(f"no GA 467 reader on {port}: {e}") from None
        self._media, self._await_lift = "absent", False
        log.info("%s: reader on %s, SAM %s", self.name, port, self._sam_id)
        self.set_status(DeviceStatus(DeviceState.ONLINE, {"media": "absent"}, f"SAM {self._sam_id}"))

    def close(self) -> None:
        ser, self._serial = self._serial, None
        if ser is not None:
            try:
                ser.close()
            except Exception:  # closing a port that vanished may fail; it is closed either way
                log.debug("closing %s failed", self.options.port, exc_info=True)

    # -- polling -------------------------------------------------------------------------------
    def poll(self) -> None:
        if self._media == "read" and self.options.presence_probe:
            self._probe_presence()
            return
        found = self._transact(codec.FIND_CARD)
        if found.sw3 == 0x9F:
            if self._media == "read":  # lifted and placed again between two polls
                self._card_gone()
            if not self._await_lift:
                self._card_found()
        elif found.sw3 == 0x80:
            if self._media != "absent":
                self._card_gone()
            elif self._status.state == DeviceState.HARDWARE_ERROR:
                self._set(DeviceState.ONLINE, "absent")
        else:
            info = status_info(found.sw3)
            log.warning("%s: find card answered %s", self.name, info.technical)
            if info.fault:
                self._set(DeviceState.HARDWARE_ERROR, "unknown", info.technical)

    def _probe_presence(self) -> None:
        """A card already read: still there (found after a field reset) or lifted (no card)."""
        reset = self._transact(codec.RESET_SAM)
        if reset.sw3 != 0x90:
            log.warning("%s: SAM reset answered %s", self.name, status_info(reset.sw3).technical)
        found = self._transact(codec.FIND_CARD)
        if found.sw3 == 0x80:
            self._card_gone()
        elif found.sw3 == 0x9F:
            # a card lies there; select answers its serial number: another card is read afresh
            selected = self._transact(codec.SELECT_CARD)
            if selected.sw3 == 0x90 and selected.data[:8] != self._card_sn:
                self._card_gone()
                self._card_found()
        else:
            info = status_info(found.sw3)
            log.warning("%s: find card answered %s", self.name, info.technical)
            if info.fault:
                self._set(DeviceState.HARDWARE_ERROR, "unknown", info.technical)

    def _card_gone(self) -> None:
        self._media, self._await_lift = "absent", False
        self._set(DeviceState.ONLINE, "absent")
        self.emit(EventKind.CARD_REMOVED)

    def _card_found(self) -> None:
        self._media = "present"
        self._set(DeviceState.BUSY, "present")
        self.emit(EventKind.CARD_PRESENT)
        try:
            card = self._select_and_read()
        except CardReadError as e:
            log.warning("%s: card not read: %s", self.name, e.detail)
            if e.code == "removed_early":
                self._media = "absent"
                self._set(DeviceState.USER_ERROR, "absent", e.detail)
            else:
                self._await_lift = True
                self._set(e.state, "present", e.detail)
            self.emit(EventKind.CARD_ERROR, code=e.code, detail=e.detail)
            return
        self._media = "read"
        if not card.id_valid:
            log.warning("%s: ID number %r fails its check character", self.name, card)
            self._set(DeviceState.ONLINE, "read", "ID number check failed")
            self.emit(EventKind.CARD_ERROR, code="id_invalid",
                      detail="ID number check character mismatch")
            return
        log.info("%s: card read %r", self.name, card)
        self._set(DeviceState.ONLINE, "read")
        self.emit(EventKind.CARD_READ, card=card)

    def _set(self, state: DeviceState, media: str, message: str = "") -> None:
        self.set_status(DeviceStatus(state, {"media": media}, message))

    # -- operations ----------------------------------------------------------------------------
    def read_once(self) -> IdentityCard:
        """Find, select and read the card now; CardReadError (code no_card …) if none is read."""
        found = self._transact(codec.FIND_CARD)
        if found.sw3 != 0x9F:
            raise CardReadError.from_sw3(found.sw3, "find card")
        return self._select_and_read()

    def sam_id(self) -> str:
        """The reader's SAM id, e.g. ``05.01-20200101-0000012345-0012345678``."""
        r = self._transact(codec.READ_SAM_ID)
        if r.sw3 != 0x90 or len(r.data) < 16:
            raise CardReadError.from_sw3(r.sw3, "read SAM id")
        d = r.data
        le = lambda a, b: int.from_bytes(d[a:b], "little")  # noqa: E731
        return f"{le(0, 2):02d}.{le(2, 4):02d}-{le(4, 8):08d}-{le(8, 12):010d}-{le(12, 16):010d}"

    def _select_and_read(self) -> IdentityCard:
        selected = self._transact(codec.SELECT_CARD)
        if selected.sw3 != 0x90:
            raise CardReadError.from_sw3(selected.sw3, "select card")
        self._card_sn = selected.data[:8]
        for attempt in range(1, _READ_ATTEMPTS + 1):
            try:
                answer = self._transact(codec.READ_TEXT_PHOTO)
                break
            except BadFrame as e:
                log.warning("%s: read answer %d/%d garbled: %s", self.name, attempt, _READ_ATTEMPTS, e)
        else:
            raise CardReadError("bad_frame", f"read answer garbled {_READ_ATTEMPTS} times")
        if answer.sw3 != 0x90:
            if answer.sw3 in _LOST_CARD_SW3 and self._transact(codec.FIND_CARD).sw3 == 0x80:
                raise CardReadError("removed_early", "card left the reader during the read", state=DeviceState.USER_ERROR)
            raise CardReadError.from_sw3(answer.sw3, "read card")
        try:
            text, photo = codec.split_read_data(answer.data)
            return parse_text(text, photo if self.options.keep_photo else b"")
        except (codec.ProtocolError, CardDataError) as e:
            raise CardReadError("bad_card_data", str(e)) from None

    # -- transport -----------------------------------------------------------------------------
    def _transact(self, cmd: tuple[int, int]) -> codec.Response:
        ser = self._serial
        if ser is None:
            raise DeviceUnavailable("reader is not open")
        if ser.in_waiting:  # a late answer to an earlier command must not be taken for this one's
            ser.read(ser.in_waiting)
        self._parser.reset()
        ser.write(codec.command(cmd))
        return self._read_answer(cmd)

    def _read_answer(self, cmd: tuple[int, int]) -> codec.Response:
        ser = self._serial
        timeout = self.options.timeout_s
        last_byte = time.monotonic()
        hard_limit = last_byte + 10 * timeout + (codec.MAX_LEN + 8) * 10 / self.options.baud
        garbage = 0
        while True:
            chunk = ser.read(ser.in_waiting or 1)
            now = time.monotonic()
            if chunk:
                last_byte = now
                for item in self._parser.feed(chunk):
                    if isinstance(item, codec.Frame):
                        if garbage:
                            log.debug("%s: skipped %d stray bytes", self.name, garbage)
                        try:
                            return codec.Response.from_frame(item)
                        except codec.ProtocolError as e:
                            raise BadFrame(str(e)) from None
                    if item.kind == "bad_checksum":
                        raise BadFrame(f"answer to {cmd[0]:02X} {cmd[1]:02X}: bad checksum")
                    garbage += item.skipped
            elif now - last_byte > timeout or now > hard_limit:
                raise ReaderSilent(f"no answer to {cmd[0]:02X} {cmd[1]:02X} within {timeout:g} s",
                                   code="no_response")
