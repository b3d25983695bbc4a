"""Codes the kiosk reads or has typed in: unified social credit codes, QR payloads, pickup codes.

Pure functions, no Qt, no I/O. Nothing here puts the scanned text into an exception message or
a log line: a payload may carry an identity token or an ID number.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Literal, Protocol
from urllib.parse import parse_qs, urlsplit

from drivers.identity import id_number_valid

# --- unified social credit code (GB 32100-2015) -------------------------------------------

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"   # no I, O, S, V, Z
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_LENGTH = 18
_VALUE = {c: i for i, c in enumerate(CREDIT_CODE_ALPHABET)}
# Characters 3–8 are the GB/T 2260 administrative division code: digits only.
_REGION = slice(2, 8)

#: Reason keys returned by credit_code_problem(); screens translate them.
CREDIT_CODE_PROBLEMS = ("bad_char", "bad_region", "too_long", "bad_check")


def credit_code_check_char(first17: str) -> str:
    """The 18th (check) character for the first 17 characters of a credit code.

    Raises ValueError when ``first17`` is not 17 characters of the code alphabet (uppercase).
    """
    if len(first17) != CREDIT_CODE_LENGTH - 1 or any(c not in _VALUE for c in first17):
        raise ValueError("need 17 characters of the credit code alphabet")
    total = sum(_VALUE[c] * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=False))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def credit_code_valid(code: str) -> bool:
    """True for an 18-character code in canonical (uppercase) form with the right check char."""
    return credit_code_problem(code) is None and len(code) == CREDIT_CODE_LENGTH


def credit_code_problem(partial: str) -> str | None:
    """What is wrong with a credit code typed so far, or None while it can still be right.

    Checked as each character arrives on the keypad: ``"bad_char"`` (a character outside the
    alphabet, e.g. I O S V Z or lowercase), ``"bad_region"`` (a letter in characters 3–8, the
    division code), ``"too_long"`` (more than 18), ``"bad_check"`` (18 characters whose check
    character is wrong). A complete, correct code returns None as well: callers test the length.
    """
    if any(c not in _VALUE for c in partial):
        return "bad_char"
    region = partial[_REGION]
    if region and not region.isdigit():
        return "bad_region"
    if len(partial) > CREDIT_CODE_LENGTH:
        return "too_long"
    if len(partial) == CREDIT_CODE_LENGTH and credit_code_check_char(partial[:17]) != partial[17]:
        return "bad_check"
    return None


def normalise_credit_code(text: str) -> str:
    """Uppercase, with spaces and hyphens removed (as people copy codes from paper)."""
    return re.sub(r"[\s\-]", "", text).upper()


# --- pickup codes: 7 random digits + a Luhn check digit ------------------------------------

PICKUP_CODE_LENGTH = 8


def pickup_check_digit(first7: str) -> str:
    """Luhn check digit of 7 digits (catches every single-digit slip and most swaps)."""
    if len(first7) != PICKUP_CODE_LENGTH - 1 or not _ascii_digits(first7):
        raise ValueError("need 7 digits")
    total = 0
    # Rightmost payload digit is doubled, as the check digit will sit to its right.
    for i, ch in enumerate(reversed(first7)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def pickup_code_valid(code: str) -> bool:
    """True for 8 ASCII digits whose last digit is the Luhn check of the first 7."""
    return (len(code) == PICKUP_CODE_LENGTH and _ascii_digits(code)
            and pickup_check_digit(code[:7]) == code[7])


class _Rng(Protocol):
    def randrange(self, stop: int, /) -> int: ...


def new_pickup_code(rng: _Rng | None = None) -> str:
    """A fresh pickup code; ``rng`` (e.g. random.Random(seed)) makes it reproducible in tests."""
    n = rng.randrange(10 ** 7) if rng is not None else secrets.randbelow(10 ** 7)
    first7 = f"{n:07d}"
    return first7 + pickup_check_digit(first7)


def _ascii_digits(s: str) -> bool:
    return s.isascii() and s.isdigit()


# --- QR payloads --------------------------------------------------------------------------

Kind = Literal["efz_identity", "licence_notice", "pickup"]

MAX_PAYLOAD = 4096
# e福州 identity tokens are opaque; accept URL-safe characters only, of a sane length.
_TOKEN_RE = re.compile(r"[A-Za-z0-9._~\-]{8,512}")
_NOTICE_RE = re.compile(r"[0-9A-Za-z\-]{1,40}")
_WEB_HOSTS = ("www.efuzhou.gov.cn", "efuzhou.gov.cn")


@dataclass(frozen=True)
class ScannedCode:
    """A payload the kiosk understands. ``value`` is the token, credit code or pickup code."""

    kind: Kind
    value: str
    extra: dict = field(default_factory=dict)

    def __repr__(self) -> str:  # identity tokens are credentials: keep them out of logs
        shown = self.value[:4] + "…" if self.kind == "efz_identity" else self.value
        return f"ScannedCode(kind={self.kind!r}, value={shown!r}, extra={self.extra!r})"


class UnknownCode(ValueError):
    """The text is not a code the kiosk understands.

    ``reason`` is one of ``"unrecognised"`` (not ours at all), ``"malformed"`` (one of our
    formats, but broken or incomplete) or ``"bad_check"`` (a credit code or pickup code whose
    check character is wrong). The message never contains the scanned text.
    """

    REASONS = ("unrecognised", "malformed", "bad_check")

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        super().__init__(f"{reason}: {detail}" if detail else reason)


def parse_code(text: str) -> ScannedCode:
    """Classify a scanned or typed payload; raise UnknownCode for anything else.

    Formats: ``efz://id?token=T`` (or ``https://www.efuzhou.gov.cn/kiosk/id?token=T``),
    ``efz://licence?code=C[&notice=N]`` (or ``…/kiosk/licence?…``) and a bare credit code,
    ``efz://pickup?code=P`` (or ``…/kiosk/pickup?…``) and bare 8 digits. Surrounding
    whitespace is ignored; a scanner's AIM prefix must have been stripped already.
    """
    if not isinstance(text, str):
        raise UnknownCode("unrecognised", "not text")
    text = text.strip()
    if not text:
        raise UnknownCode("unrecognised", "empty")
    if len(text) > MAX_PAYLOAD:
        raise UnknownCode("unrecognised", "too long")
    route = _route(text)
    if route is not None:
        action, query = route
        return _parse_action(action, query)
    if _ascii_digits(text) and len(text) == PICKUP_CODE_LENGTH:
        return _pickup(text)
    if len(text) == CREDIT_CODE_LENGTH and text.isascii() and text.isalnum():
        code = text.upper()
        if id_number_valid(code):   # a resident's ID number, not a company
            raise UnknownCode("unrecognised", "an ID number")
        if credit_code_problem(code) != "bad_check" and not credit_code_valid(code):
            raise UnknownCode("unrecognised", "18 characters, not a credit code")
        return _licence(code, None)
    raise UnknownCode("unrecognised")


def _route(text: str) -> tuple[str, dict[str, list[str]]] | None:
    """(action, query) for our URL forms, None when the text is not one of our URLs."""
    lowered = text.lower()
    if not (lowered.startswith("efz:") or lowered.startswith("https://")
            or lowered.startswith("http://")):
        return None
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        query = parse_qs(parts.query, keep_blank_values=True, max_num_fields=10)
    except ValueError:
        if lowered.startswith("efz:"):
            raise UnknownCode("malformed", "bad URL") from None
        raise UnknownCode("unrecognised", "bad URL") from None
    if parts.scheme == "efz":
        return host, query
    if host in _WEB_HOSTS:
        path = parts.path.rstrip("/")
        if path.startswith("/kiosk/"):
            return path[len("/kiosk/"):], query
    raise UnknownCode("unrecognised", "foreign URL")


def _one(query: dict[str, list[str]], key: str) -> str | None:
    values = query.get(key)
    if values is None:
        return None
    if len(values) != 1:
        raise UnknownCode("malformed", f"repeated {key}")
    return values[0]


def _parse_action(action: str, query: dict[str, list[str]]) -> ScannedCode:
    if action == "id":
        token = _one(query, "token")
        if token is None or not _TOKEN_RE.fullmatch(token):
            raise UnknownCode("malformed", "identity token missing or bad")
        return ScannedCode("efz_identity", token, {})
    if action == "licence":
        code = _one(query, "code")
        if code is None:
            raise UnknownCode("malformed", "credit code missing")
        notice = _one(query, "notice")
        if notice is not None and not _NOTICE_RE.fullmatch(notice):
            raise UnknownCode("malformed", "bad notice number")
        return _licence(normalise_credit_code(code), notice)
    if action == "pickup":
        code = _one(query, "code")
        if code is None or not (_ascii_digits(code) and len(code) == PICKUP_CODE_LENGTH):
            raise UnknownCode("malformed", "pickup code missing or not 8 digits")
        return _pickup(code)
    raise UnknownCode("malformed", "unknown efz action")


def _licence(code: str, notice: str | None) -> ScannedCode:
    code = code.upper()
    problem = credit_code_problem(code)
    if len(code) != CREDIT_CODE_LENGTH or problem in ("bad_char", "bad_region", "too_long"):
        raise UnknownCode("malformed", "not a credit code")
    if problem == "bad_check":
        raise UnknownCode("bad_check", "credit code check character")
    return ScannedCode("licence_notice", code, {"notice": notice} if notice else {})


def _pickup(code: str) -> ScannedCode:
    if not pickup_code_valid(code):
        raise UnknownCode("bad_check", "pickup code check digit")
    return ScannedCode("pickup", code, {})
