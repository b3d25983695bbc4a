"""Masking of personal data for logs, screens after use, receipts, diagnostics and CLI output."""
from __future__ import annotations

import re

from drivers.masking import mask_id, mask_name  # noqa: F401 - part of this module's interface

# An 18-character ID number (17 digits + digit/X), or a 15-digit first-generation number,
# standing alone (not inside a longer run of digits).
_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")


# A Chinese street address: administrative divisions (省/市/区/县/镇/街道…), then a street and a
# house number (号/室/栋…). Matched without knowing the address, so one never seen before (a
# company's, a line from a library) is masked too.
_ADDRESS_RE = re.compile(
    r"(?:[\u4e00-\u9fff]{1,10}?(?:省|自治区|市|自治州|州|盟|地区|区|县|旗|镇|乡|街道))+"
    r"[\u4e00-\u9fff0-9A-Za-z\-#（）()·]{0,30}?\d+\s*(?:号|室|栋|幢|座|单元|楼|弄|组|巷)"
    r"[\u4e00-\u9fff0-9A-Za-z\-#]*")
# A value labelled as a person's name or address, in key=value, JSON or Python-repr form, or
# after a Chinese label: masked whether or not the name was seen during a visit.
_FIELD_RE = re.compile(
    r"""(?P<key>(?:["']?(?:name|display_name|full_name|legal_representative|holder|address)["']?\s*[:=]\s*)"""
    r"""|(?:姓名|住址|地址|法定代表人)\s*[:：]?\s*)"""
    r"""(?:(?P<q>["'])(?P<qv>[^"'\n]{1,80})(?P=q)|(?P<uv>[^\s"',;}\]]{1,80}))""")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def mask_address(address: str) -> str:
    """The first three characters, then ``*``: 福建省福州市鼓楼区… → 福建省******…."""
    address = (address or "").strip()
    return address[:3] + "*" * max(0, len(address) - 3)


def _mask_field(m: re.Match) -> str:
    value = m.group("qv") if m.group("q") else m.group("uv")
    key = m.group("key").lower()
    if not _CJK.search(value):  # "name": "kiosk-a4", a queue or a device name: not a person
        return m.group(0)
    is_address = "address" in key or "址" in key
    masked = mask_address(value) if is_address else mask_name(value)
    q = m.group("q") or ""
    return f"{m.group('key')}{q}{masked}{q}"


def mask_text(text: str, names: tuple[str, ...] = (), *, street_addresses: bool = True) -> str:
    """Mask every ID number, every Chinese street address (unless ``street_addresses`` is
    false), every value labelled as a name or an address, and every occurrence of the given
    names (and addresses) in ``text``."""
    text = _ID_RE.sub(lambda m: mask_id(m.group(1)), text)
    for name in names:
        if name and len(name) > 1:
            text = text.replace(name, mask_address(name) if len(name) > 8 else mask_name(name))
    if street_addresses:
        text = _ADDRESS_RE.sub(lambda m: mask_address(m.group(0)), text)
    text = _FIELD_RE.sub(_mask_field, text)
    return text
