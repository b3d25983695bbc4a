"""Masking of personal data for logs, screens after use, receipts, diagnostics and CLI output."""
from __future__ import annotations

import re

# An 18-character ID number (17 digits + digit/X), or a 15-digit first-generation number,
# standing alone (not inside a longer run of digits).
_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")


def mask_name(name: str) -> str:
    """First character, then ``*`` for the rest: 张三丰 → 张**."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1)


def mask_id(id_number: str) -> str:
    """First 4 and last 4 characters, ``*`` between: 3501...1234 → 3501**********1234."""
    s = (id_number or "").strip()
    if len(s) <= 8:
        return "*" * len(s)
    return s[:4] + "*" * (len(s) - 8) + s[-4:]


def mask_text(text: str, names: tuple[str, ...] = ()) -> str:
    """Mask every ID number in ``text`` and every occurrence of the given names."""
    text = _ID_RE.sub(lambda m: mask_id(m.group(1)), text)
    for name in names:
        if name and len(name) > 1:
            text = text.replace(name, mask_name(name))
    return text
