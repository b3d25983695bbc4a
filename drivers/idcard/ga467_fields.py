"""Meaning of GA 467 reader answers: status words (SW3) and the 256-byte text block.

The text block is UCS-2 little-endian in fixed fields padded with spaces (DESIGN.md §3.1):
name 30 bytes, sex 2, nation 4, birth date 16, address 70, ID number 36, issuing authority 30,
valid from 16, valid until 16 (a date or 长期), reserved 36.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from drivers.identity import IdentityCard

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StatusInfo:
    """One SW3 value: ``name`` for code (screens/messages.py words it for a resident),
    ``fault`` True when the reader or its SAM is broken (not something the person did)."""

    sw3: int
    name: str
    technical: str
    ok: bool = False
    fault: bool = False


_STATUSES = {s.sw3: s for s in (
    StatusInfo(0x90, "ok", "success", ok=True),
    StatusInfo(0x9F, "card_found", "card found", ok=True),
    StatusInfo(0x91, "no_content", "no content"),
    StatusInfo(0x80, "no_card", "find failed: no card"),
    StatusInfo(0x81, "select_failed", "select failed"),
    StatusInfo(0x40, "unknown_card", "unknown card type"),
    StatusInfo(0x41, "card_operation_failed", "card operation failed"),
    StatusInfo(0x47, "random_failed", "random number failed"),
    StatusInfo(0x31, "card_auth_failed", "card authentication of SAM failed"),
    StatusInfo(0x32, "sam_auth_failed", "SAM authentication of card failed"),
    StatusInfo(0x33, "info_check_failed", "information check failed"),
    StatusInfo(0x10, "host_checksum_error", "reader saw a bad checksum on our frame"),
    StatusInfo(0x11, "host_length_error", "reader saw a bad length on our frame"),
    StatusInfo(0x21, "unknown_command", "command not recognised", fault=True),
    StatusInfo(0x23, "not_authorised", "operation not authorised", fault=True),
    StatusInfo(0x60, "sam_selftest_failed", "SAM self-test failed", fault=True),
    StatusInfo(0x66, "sam_not_authorised", "SAM not authorised", fault=True),
)}


def status_info(sw3: int) -> StatusInfo:
    """The named result of any SW3 byte; unknown values become ``status_XX`` errors."""
    known = _STATUSES.get(sw3)
    if known is not None:
        return known
    return StatusInfo(sw3, f"status_{sw3:02x}", f"unknown status 0x{sw3:02X}", fault=True)


#: GB 3304 nationality codes as printed on the card (民族 汉, not 汉族).
NATIONS: dict[str, str] = dict(zip(
    [f"{i:02d}" for i in range(1, 57)],
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
    "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 "
    "鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺".split(), strict=False,
))
NATIONS["97"] = "其他"
NATIONS["98"] = "外国血统中国籍人士"

SEXES = {"1": "男", "2": "女", "0": "未知", "9": "未说明"}
LONG_TERM = "长期"

#: (field, bytes) in the order they appear in the text block
LAYOUT = (("name", 30), ("sex", 2), ("nation", 4), ("birth_date", 16), ("address", 70),
          ("id_number", 36), ("issuer", 30), ("valid_from", 16), ("valid_until", 16),
          ("reserved", 36))
TEXT_LEN = sum(n for _, n in LAYOUT)  # 256


class CardDataError(ValueError):
    """The text block cannot be read as an ID card (bad length, encoding or date)."""


def nation_name(code: str) -> str:
    name = NATIONS.get(code)
    if name is None:
        log.warning("unknown nation code %r on card", code)
        return f"未知({code})"
    return name


def _date(value: str, field: str) -> dt.date:
    try:
        if len(value) != 8 or not value.isdigit():
            raise ValueError(value)
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise CardDataError(f"{field} is not a YYYYMMDD date") from None


def split_text(text: bytes) -> dict[str, str]:
    """The raw field strings (spaces and NULs stripped) of a text block."""
    if len(text) < TEXT_LEN:
        raise CardDataError(f"text block of {len(text)} bytes, expected {TEXT_LEN}")
    fields, pos = {}, 0
    for name, size in LAYOUT:
        try:
            value = text[pos:pos + size].decode("utf-16-le")
        except UnicodeDecodeError:
            raise CardDataError(f"{name} is not UCS-2 text") from None
        fields[name] = value.strip(" \x00\u3000")
        pos += size
    return fields


def parse_text(text: bytes, photo: bytes = b"") -> IdentityCard:
    """The :class:`IdentityCard` in a text block; raises :class:`CardDataError`.

    The ID number's check character is not enforced here (``card.id_valid`` tells); callers
    decide what to do with a card whose number does not check.
    """
    f = split_text(text)
    if not f["name"] or not f["id_number"]:
        raise CardDataError("name or ID number is empty")
    if f["sex"] not in SEXES:
        raise CardDataError("sex code is not one of 0, 1, 2, 9")
    until = f["valid_until"]
    long_term = until == LONG_TERM
    return IdentityCard(
        name=f["name"],
        id_number=f["id_number"].upper(),
        sex=SEXES[f["sex"]],
        nation=nation_name(f["nation"]),
        birth_date=_date(f["birth_date"], "birth_date"),
        address=f["address"],
        issuer=f["issuer"],
        valid_from=_date(f["valid_from"], "valid_from"),
        valid_until=None if long_term else _date(until, "valid_until"),
        long_term=long_term,
        source="id_card",
        photo=photo,
    )


def encode_text(*, name: str, sex_code: str, nation_code: str, birth_date: dt.date, address: str,
                id_number: str, issuer: str, valid_from: dt.date, valid_until: dt.date | None) -> bytes:
    """A 256-byte text block as a reader sends it (``valid_until`` None: 长期)."""
    values = {
        "name": name, "sex": sex_code, "nation": nation_code,
        "birth_date": birth_date.strftime("%Y%m%d"), "address": address, "id_number": id_number,
        "issuer": issuer, "valid_from": valid_from.strftime("%Y%m%d"),
        "valid_until": LONG_TERM if valid_until is None else valid_until.strftime("%Y%m%d"),
        "reserved": "",
    }
    out = bytearray()
    for field, size in LAYOUT:
        chars = size // 2
        value = values[field]
        if len(value) > chars:
            raise ValueError(f"{field} longer than {chars} characters")
        out += value.ljust(chars).encode("utf-16-le")
    return bytes(out)
