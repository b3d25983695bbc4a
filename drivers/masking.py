"""The masks of a name and an ID number, in the lowest layer so that drivers (an IdentityCard's
repr) and the kiosk (kiosk/privacy.py, which re-exports them beside its text masking) share
them without drivers/ importing kiosk/."""
from __future__ import annotations


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
