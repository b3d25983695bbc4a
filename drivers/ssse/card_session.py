"""The reading sequence of a second-generation social security card, over any transport.

``read_card(transmit)`` needs only a function that sends one command APDU and returns the raw
response (data + SW1 SW2); the PC/SC driver passes one built on ``SCardTransmit``, tests can
pass the card simulator's applet directly.

Third-generation rule (how an unsupported card is told apart, in this order):

1. EF05 record 03, the specification version, starts with ``"3"`` (``"3.00"``); or
2. any read of the card number or of EF06 answers ``69 82`` / ``69 85`` (security status /
   conditions of use not satisfied): the holder data sits behind the bureau's PSAM, which the
   kiosk does not have. Either way the resident is told to use the ID card instead.

A card that does not know the SSSE application at all (SELECT answers an error) is
``not_ssse_card``; a record that is missing or malformed is ``read_failed`` / ``bad_card_data``.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from drivers.identity import IdentityCard, id_number_valid
from drivers.ssse import apdu as A

log = logging.getLogger(__name__)

Transmit = Callable[[bytes], bytes]


_MAX_GET_RESPONSE = 16   # a card that keeps answering 61xx is broken, not chatty


class SsseCardError(Exception):
    """Reading failed. ``code`` is stable for the screens (which word it for the resident),
    ``detail`` is technical (status words, tags) and never holds personal data."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class SsseCard:
    identity: IdentityCard
    card_number: str = ""
    spec_version: str = ""

    def __repr__(self) -> str:   # the card number is personal data too
        return f"SsseCard(identity={self.identity!r}, spec_version={self.spec_version!r})"


def exchange(transmit: Transmit, command: bytes) -> A.Response:
    """Send ``command``; follow ``6C xx`` (resend with Le = xx, once) and ``61 xx``
    (GET RESPONSE until the card says 90 00). Data of chained responses is joined."""
    resp = _send(transmit, command)
    if resp.sw1 == 0x6C and len(command) == 5:
        resp = _send(transmit, A.with_le(command, resp.sw2))
    data = resp.data
    for _ in range(_MAX_GET_RESPONSE):
        if resp.sw1 != 0x61:
            return A.Response(data, resp.sw1, resp.sw2)
        resp = _send(transmit, A.get_response(resp.sw2))
        data += resp.data
    raise SsseCardError("read_failed", "card kept answering 61xx")


def _send(transmit: Transmit, command: bytes) -> A.Response:
    try:
        return A.split_response(transmit(command))
    except ValueError as exc:
        raise SsseCardError("read_failed", f"{command[:4].hex().upper()}: {exc}") from None


def _check(resp: A.Response, what: str) -> None:
    if resp.ok:
        return
    if resp.sw in A.PROTECTED_SWS:
        raise SsseCardError("unsupported_card", f"{what}: {resp}")
    raise SsseCardError("read_failed", f"{what}: {resp}")


def _record(transmit: Transmit, command: bytes, tag: int) -> bytes:
    resp = exchange(transmit, command)
    _check(resp, f"record {tag:02X}")
    try:
        return A.record_value(resp.data, tag)
    except A.RecordError as exc:
        raise SsseCardError("bad_card_data", f"record {tag:02X}: {exc}") from None


def read_spec_version(transmit: Transmit) -> str:
    """EF05 record 03, or "" when the card does not have it (older cards)."""
    resp = exchange(transmit, A.read_spec_version())
    if resp.sw in A.PROTECTED_SWS:
        raise SsseCardError("unsupported_card", f"spec version: {resp}")
    if not resp.ok:
        return ""
    try:
        return A.decode_ascii(A.record_value(resp.data, A.REC_SPEC_VERSION))
    except A.RecordError:
        return ""


def read_card(transmit: Transmit) -> SsseCard:
    """Select the SSSE application and read the holder's identity; SsseCardError if not."""
    resp = exchange(transmit, A.select_by_name(A.SSSE_AID))
    if not resp.ok:
        raise SsseCardError("not_ssse_card", f"select SSSE: {resp}")

    version = read_spec_version(transmit)
    if version.startswith("3"):
        raise SsseCardError("unsupported_card", f"specification version {version}")

    try:
        card_number = A.decode_ascii(_record(transmit, A.read_card_number(), A.REC_CARD_NUMBER))
    except A.RecordError as exc:
        raise SsseCardError("bad_card_data", f"card number: {exc}") from None

    _check(exchange(transmit, A.select_ef(A.EF06_FID)), "select EF06")
    values = {tag: _record(transmit, A.read_record_current(tag), tag) for tag in A.EF06_RECORDS}
    try:
        id_number = A.decode_ascii(values[A.REC_SSN]).upper()
        name = A.decode_text(values[A.REC_NAME])
        sex = A.decode_sex(values[A.REC_SEX])
        nation = A.decode_nation(values[A.REC_NATION])
        birth = A.decode_bcd_date(values[A.REC_BIRTH_DATE])
    except A.RecordError as exc:
        raise SsseCardError("bad_card_data", str(exc)) from None
    if not name:
        raise SsseCardError("bad_card_data", "empty name")
    if not id_number_valid(id_number):
        raise SsseCardError("bad_card_data", "social security number fails its check character")
    identity = IdentityCard(name=name, id_number=id_number, sex=sex, nation=nation,
                            birth_date=birth, source="ssse")
    log.debug("social security card read (specification %s)", version or "unknown")
    return SsseCard(identity, card_number, version)
