"""Social security card reader over PC/SC (pcscd on Linux), driver name ``pcsc-ssse``.

Uses pyscard's thin ``smartcard.scard`` layer (the PC/SC calls themselves): every ``poll`` asks
``SCardGetStatusChange`` with a zero timeout, so it never blocks; a card that arrived is
connected, read with :func:`drivers.ssse.card_session.read_card` and disconnected at once.

Events: CARD_PRESENT (``atr`` in hex), then CARD_READ (``card``: IdentityCard, source "ssse")
or CARD_ERROR (``code``, which the screens word for the resident); CARD_REMOVED when it has gone. A card
pulled out and another put in between two polls is seen through pcscd's event counter (upper
16 bits of the reader state), which grows by one per insertion and per removal.

pcscd stopping or the reader vanishing makes ``poll`` raise DeviceUnavailable, so the device
manager closes and reopens the driver with backoff.
"""
from __future__ import annotations

import logging
from typing import Any

from drivers.base import DeviceError, DeviceState, DeviceStatus, DeviceUnavailable, EventKind
from drivers.options import SsseOptions
from drivers.classes import CardReader
from drivers.identity import IdentityCard
from drivers.ssse.card_session import SsseCardError, read_card

log = logging.getLogger(__name__)


_U32 = 0xFFFFFFFF


def _load_scard() -> Any:
    """``smartcard.scard`` from pyscard, imported on first use (only terminals with this reader
    need it)."""
    try:
        from smartcard import scard
    except ImportError as exc:
        raise DeviceError(
            f"the pcsc-ssse driver needs pyscard (pip install pyscard; it builds with swig and "
            f"libpcsclite-dev): {exc}", code="missing_library") from None
    return scard


class _PcscError(Exception):
    def __init__(self, what: str, rv: int, scard: Any):
        self.rv = rv & _U32
        try:
            text = scard.SCardGetErrorMessage(rv)
        except Exception:  # noqa: BLE001 - a message is a nicety, never a second failure
            text = "unknown error"
        super().__init__(f"{what}: {text} (0x{self.rv:08X})")


class SsseCardReader(CardReader):
    device_class = "ssse"

    Options = SsseOptions

    def __init__(self, name: str, options: SsseOptions, emit):
        super().__init__(name, options, emit)
        self.poll_interval_s = options.poll_interval_s
        self._scard: Any = None
        self._ctx: Any = None
        self.reader_name = ""
        self._present = False
        self._counter = 0

    # -- life cycle ------------------------------------------------------------------------
    def open(self) -> None:
        sc = self._scard = _load_scard()
        self.close()
        rv, ctx = sc.SCardEstablishContext(sc.SCARD_SCOPE_USER)
        if rv != sc.SCARD_S_SUCCESS:
            raise DeviceUnavailable(f"pcscd is not reachable: {_PcscError('establish context', rv, sc)}",
                                    code="no_service")
        try:
            self.reader_name = self._pick_reader(sc, ctx)
        except BaseException:
            sc.SCardReleaseContext(ctx)
            raise
        self._ctx = ctx
        self._present, self._counter = False, 0   # a card already there is read at the first poll
        log.info("%s: using PC/SC reader %r", self.name, self.reader_name)
        self.set_status(DeviceStatus(DeviceState.ONLINE, {"media": "absent"}, self.reader_name))

    def _pick_reader(self, sc: Any, ctx: Any) -> str:
        rv, names = sc.SCardListReaders(ctx, [])
        if (rv & _U32) == (sc.SCARD_E_NO_READERS_AVAILABLE & _U32) or (rv == sc.SCARD_S_SUCCESS and not names):
            raise DeviceUnavailable("pcscd is running but no PC/SC reader is connected")
        if rv != sc.SCARD_S_SUCCESS:
            raise DeviceUnavailable(str(_PcscError("list readers", rv, sc)))
        wanted = self.options.reader
        for reader in names:
            if wanted.lower() in reader.lower():
                return reader
        raise DeviceUnavailable(f"no PC/SC reader matches {wanted!r}; readers: {', '.join(names)}")

    def close(self) -> None:
        ctx, self._ctx = self._ctx, None
        if ctx is not None and self._scard is not None:
            try:
                self._scard.SCardReleaseContext(ctx)
            except Exception:  # noqa: BLE001 - pcscd may be gone already; nothing to release
                pass

    # -- polling ---------------------------------------------------------------------------
    def _reader_state(self) -> tuple[int, bytes]:
        if self._ctx is None:
            raise DeviceUnavailable("reader not open")
        sc = self._scard
        rv, states = sc.SCardGetStatusChange(self._ctx, 0, [(self.reader_name, sc.SCARD_STATE_UNAWARE)])
        if rv != sc.SCARD_S_SUCCESS and (rv & _U32) != (sc.SCARD_E_TIMEOUT & _U32):
            raise DeviceUnavailable(f"lost pcscd: {_PcscError('get status change', rv, sc)}", code="no_service")
        _, event_state, atr = states[0]
        if event_state & (sc.SCARD_STATE_UNKNOWN | sc.SCARD_STATE_UNAVAILABLE | sc.SCARD_STATE_IGNORE):
            raise DeviceUnavailable(f"reader {self.reader_name!r} is gone (state 0x{event_state:X})")
        return event_state, bytes(atr)

    def poll(self) -> None:
        sc = self._scard
        state, atr = self._reader_state()
        present = bool(state & sc.SCARD_STATE_PRESENT)
        counter = (state >> 16) & 0xFFFF
        if self._present and (not present or (counter - self._counter) & 0xFFFF >= 2):
            self._present = False   # gone, or swapped for another card between two polls
            self.emit(EventKind.CARD_REMOVED)
            self.set_status(DeviceStatus(DeviceState.ONLINE, {"media": "absent"}, self.reader_name))
        if present and not self._present:
            self._present, self._counter = True, counter
            self._card_arrived(state, atr)

    def _card_arrived(self, state: int, atr: bytes) -> None:
        sc = self._scard
        log.info("%s: card inserted, ATR %s", self.name, atr.hex(" ").upper())
        self.emit(EventKind.CARD_PRESENT, atr=atr.hex().upper())
        self.set_status(DeviceStatus(DeviceState.BUSY, {"media": "present"}, self.reader_name))
        if state & sc.SCARD_STATE_MUTE:
            self._card_error("card_mute", "card does not answer to reset")
            return
        try:
            card = self._read_identity()
        except SsseCardError as exc:
            self._card_error(exc.code, exc.detail)
            return
        except _PcscError as exc:
            if self._card_level(exc.rv):
                removed = exc.rv in {self._scard.SCARD_W_REMOVED_CARD & _U32, self._scard.SCARD_E_NO_SMARTCARD & _U32}
                if removed:
                    self._card_error("removed_early", str(exc), DeviceState.USER_ERROR)
                else:
                    self._card_error("read_failed", str(exc))
                return
            raise DeviceUnavailable(f"lost pcscd while reading: {exc}", code="no_service") from None
        self.emit(EventKind.CARD_READ, card=card)
        self.set_status(DeviceStatus(DeviceState.ONLINE, {"media": "read"}, self.reader_name))

    def _card_error(self, code: str, detail: str, state: DeviceState = DeviceState.ONLINE) -> None:
        log.warning("%s: card not read (%s): %s", self.name, code, detail)
        self.emit(EventKind.CARD_ERROR, code=code)
        self.set_status(DeviceStatus(state, {"media": "present"}, detail))

    def _card_level(self, rv: int) -> bool:
        """Errors caused by the card (or the resident), not by pcscd or the reader."""
        sc = self._scard
        names = ("SCARD_W_REMOVED_CARD", "SCARD_E_NO_SMARTCARD", "SCARD_W_RESET_CARD",
                 "SCARD_W_UNRESPONSIVE_CARD", "SCARD_W_UNPOWERED_CARD", "SCARD_E_PROTO_MISMATCH",
                 "SCARD_E_NOT_TRANSACTED", "SCARD_E_SHARING_VIOLATION", "SCARD_F_COMM_ERROR")
        return rv in {getattr(sc, n) & _U32 for n in names if hasattr(sc, n)}

    # -- reading ---------------------------------------------------------------------------
    def _read_identity(self) -> IdentityCard:
        sc = self._scard
        rv, hcard, protocol = sc.SCardConnect(self._ctx, self.reader_name, sc.SCARD_SHARE_SHARED,
                                              sc.SCARD_PROTOCOL_T0 | sc.SCARD_PROTOCOL_T1)
        if rv != sc.SCARD_S_SUCCESS:
            raise _PcscError("connect", rv, sc)
        pci = sc.SCARD_PCI_T1 if protocol == sc.SCARD_PROTOCOL_T1 else sc.SCARD_PCI_T0

        def transmit(command: bytes) -> bytes:
            rv, response = sc.SCardTransmit(hcard, pci, list(command))
            if rv != sc.SCARD_S_SUCCESS:
                raise _PcscError(f"transmit {command[:4].hex().upper()}", rv, sc)
            return bytes(response)

        try:
            return read_card(transmit).identity
        finally:
            sc.SCardDisconnect(hcard, sc.SCARD_LEAVE_CARD)

    def read_once(self) -> IdentityCard:
        """Read the card in the reader now; DeviceError (state user_error) with the session's
        code when there is no card or it cannot be read, DeviceUnavailable if pcscd is gone."""
        state, _ = self._reader_state()
        if not state & self._scard.SCARD_STATE_PRESENT:
            raise DeviceError("no card in the reader", state=DeviceState.USER_ERROR, code="no_card")
        try:
            return self._read_identity()
        except SsseCardError as exc:
            raise DeviceError(f"{exc.code} ({exc.detail})", state=DeviceState.USER_ERROR, code=exc.code) from None
        except _PcscError as exc:
            if self._card_level(exc.rv):
                raise DeviceError(str(exc), state=DeviceState.USER_ERROR, code="read_failed") from None
            raise DeviceUnavailable(str(exc), code="no_service") from None
