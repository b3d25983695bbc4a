"""A person's identity as read from a card, and the check characters of Chinese ID numbers."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from drivers.masking import mask_id, mask_name

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of an 18-character ID number (GB 11643)."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=False))
    return _ID_CHECK[total % 11]


def id_number_valid(id_number: str) -> bool:
    """True when ``id_number`` has 17 digits followed by the right check character."""
    if len(id_number) != 18 or not id_number[:17].isdigit():
        return False
    return id_check_char(id_number[:17]) == id_number[17].upper()


@dataclass(frozen=True)
class IdentityCard:
    """The fields the kiosk keeps from an ID card or a social security card.

    ``valid_until`` is None for a card valid 长期 (long_term True). ``photo`` is the opaque
    vendor blob; services that do not need it get a card with ``photo=b""``.
    """

    name: str
    id_number: str
    sex: str = ""
    nation: str = ""
    birth_date: _dt.date | None = None
    address: str = ""
    issuer: str = ""
    valid_from: _dt.date | None = None
    valid_until: _dt.date | None = None
    long_term: bool = False
    source: str = "id_card"  # or "ssse" (social security card)
    photo: bytes = field(default=b"", repr=False)

    @property
    def id_valid(self) -> bool:
        return id_number_valid(self.id_number)

    def expired(self, today: _dt.date | None = None) -> bool:
        if self.long_term or self.valid_until is None:
            return False
        return self.valid_until < (today or _dt.date.today())

    def __repr__(self) -> str:  # never leak personal data through repr() in logs or tracebacks
        return f"IdentityCard(name={mask_name(self.name)!r}, id_number={mask_id(self.id_number)!r}, source={self.source!r})"
