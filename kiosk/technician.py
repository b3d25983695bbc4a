"""Technician mode, the Qt-free part: the hidden gesture, the PIN and its lockout, the
technician session's idle end, audit events and enrolment of the terminal secret.

The PIN is stored only as a salted scrypt hash in the config (``[technician] pin_hash``), of
the PIN keyed first with a pepper derived from the terminal's local data key
(``scrypt-hmac$...``): a hash that leaks without the key file cannot be searched offline.
Hashes of older versions (``scrypt$...``, no pepper) still verify, with a warning to set the
PIN again.
Wrong PINs are counted in the store's meta table, so a restart does not reset the lockout.
Screens (screens/technician/) render this and send intents; config editing lives in
kiosk/technician_config.py, the diagnostics export in kiosk/technician_export.py.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import secrets
import time
from collections import deque
from pathlib import Path
from typing import Callable

from offline_cache.atomic import write_atomic

log = logging.getLogger(__name__)

WHO = "technician"
PIN_RE = re.compile(r"^\d{6,12}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


# -- PIN ----------------------------------------------------------------------------------
def pin_problem(pin: str) -> str | None:
    """Why ``pin`` is not acceptable as a new PIN, or None."""
    if not PIN_RE.match(pin or ""):
        return "the PIN must be 6 to 12 digits"
    if len(set(pin)) == 1 or pin in "01234567890123" or pin in "98765432109876":
        return "the PIN must not be one repeated digit or a run of digits"
    return None


KEYED_SCHEME = "scrypt-hmac"


def _peppered(pin: str, pepper: bytes | None) -> bytes:
    raw = (pin or "").encode("utf-8")
    return hmac.new(pepper, raw, hashlib.sha256).digest() if pepper else raw


def hash_pin(pin: str, *, pepper: bytes | None = None, n: int = _SCRYPT["n"], r: int = _SCRYPT["r"],
             p: int = _SCRYPT["p"], salt: bytes | None = None) -> str:
    """``scrypt-hmac$n$r$p$salt$hash`` with a ``pepper`` (LocalKey.pin_pepper), else the older
    unkeyed ``scrypt$n$r$p$salt$hash`` (salt and hash in unpadded base64)."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(_peppered(pin, pepper), salt=salt, n=n, r=r, p=p, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode("ascii").rstrip("=")  # noqa: E731
    scheme = KEYED_SCHEME if pepper else "scrypt"
    return f"{scheme}${n}${r}${p}${b64(salt)}${b64(digest)}"


def verify_pin(pin: str, stored: str, pepper: bytes | None = None) -> bool:
    """True when ``pin`` matches the stored hash; False for a malformed hash, and for a keyed
    hash without the pepper (or with another terminal's)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme == KEYED_SCHEME:
            if not pepper:
                return False
        elif scheme == "scrypt":
            pepper = None
        else:
            return False
        unb64 = lambda s: base64.b64decode(s + "=" * (-len(s) % 4))  # noqa: E731
        want = unb64(digest)
        got = hashlib.scrypt(_peppered(pin, pepper), salt=unb64(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(want), maxmem=2**27)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, want)


class PinGuard:
    """Checks PINs; ``max_attempts`` wrong ones lock the entry for ``lockout_s`` (and send an event).

    ``settings`` is the config's TechnicianConfig; ``store`` keeps the count across restarts.
    """

    def __init__(self, settings, *, store=None, clock: Callable[[], float] = time.time,
                 pepper: bytes | None = None):
        self.settings = settings
        self.store = store
        self.clock = clock
        self.pepper = pepper  # LocalKey.pin_pepper
        if settings.pin_hash.startswith("scrypt$"):
            log.warning("the technician PIN hash is not keyed with the local key: set the PIN again "
                        "(python -m kiosk.diag set-pin)")
        self._failures = int(self._meta("technician.failures", "0"))
        self._locked_until = float(self._meta("technician.locked_until", "0"))

    def _meta(self, key: str, default: str) -> str:
        try:
            return self.store.get_meta(key, default) if self.store is not None else default
        except Exception:
            log.warning("could not read %s from the store", key)
            return default

    def _save(self) -> None:
        if self.store is None:
            return
        try:
            self.store.set_meta("technician.failures", str(self._failures))
            self.store.set_meta("technician.locked_until", str(self._locked_until))
        except Exception:
            log.warning("could not record the PIN attempts in the store")

    @property
    def configured(self) -> bool:
        return bool(self.settings.pin_hash)

    @property
    def failures(self) -> int:
        return self._failures

    def locked_for(self) -> float:
        """Seconds the entry stays locked (0: not locked)."""
        return max(0.0, self._locked_until - self.clock())

    def check(self, pin: str) -> str:
        """'ok', 'wrong', 'locked' (this attempt locked it, or it was locked) or 'no_pin'."""
        if self.locked_for() > 0:
            return "locked"
        if not self.configured:
            return "no_pin"
        if verify_pin(pin, self.settings.pin_hash, self.pepper):
            self._failures, self._locked_until = 0, 0.0
            self._save()
            return "ok"
        self._failures += 1
        if self._failures >= self.settings.max_attempts:
            self._locked_until = self.clock() + self.settings.lockout_s
            self._failures = 0
            self._save()
            log.warning("technician entry locked for %d s after %d wrong PINs",
                        self.settings.lockout_s, self.settings.max_attempts)
            add_event(self.store, "technician.lockout", {"attempts": self.settings.max_attempts,
                                                         "locked_s": self.settings.lockout_s})
            return "locked"
        self._save()
        log.info("wrong technician PIN (%d of %d)", self._failures, self.settings.max_attempts)
        return "wrong"


# -- the hidden gesture and the technician session ------------------------------------------
class TapGesture:
    """``count`` taps within ``window_s`` seconds complete the gesture."""

    def __init__(self, count: int = 5, window_s: float = 3.0, clock: Callable[[], float] = time.monotonic):
        self.count = count
        self.window_s = window_s
        self.clock = clock
        self._taps: deque[float] = deque(maxlen=count)

    def tap(self) -> bool:
        now = self.clock()
        self._taps.append(now)
        if len(self._taps) == self.count and now - self._taps[0] <= self.window_s:
            self._taps.clear()
            return True
        return False


class TechnicianSession:
    """A technician's session: it ends after ``idle_s`` without a touch."""

    def __init__(self, idle_s: float = 300.0, clock: Callable[[], float] = time.monotonic):
        self.idle_s = idle_s
        self.clock = clock
        self.started_at = self.last_touch = clock()

    def touch(self) -> None:
        self.last_touch = self.clock()

    def remaining(self) -> float:
        return max(0.0, self.idle_s - (self.clock() - self.last_touch))

    def expired(self) -> bool:
        return self.remaining() <= 0


# -- audit --------------------------------------------------------------------------------
def add_event(store, type_: str, data: dict) -> None:
    if store is None:
        return
    try:
        store.add_event(type_, data)
    except Exception:
        log.exception("could not record %s", type_)


def audit(store, what: str, old=None, new=None, who: str = WHO) -> dict:
    """One technician action as a ``technician.audit`` outbox event (values masked)."""
    from kiosk.privacy import mask_text

    def clean(v):
        return mask_text(v) if isinstance(v, str) else v

    data = {"who": who, "what": what, "old": clean(old), "new": clean(new)}
    add_event(store, "technician.audit", data)
    log.info("technician: %s", what)
    return data


# -- enrolment ----------------------------------------------------------------------------
ENROL_PREFIX = "EFZ1"


class EnrolmentError(ValueError):
    pass


def _check(secret: bytes) -> str:
    return base64.b32encode(hashlib.sha256(b"efz-enrol" + secret).digest()[:5]).decode("ascii")[:6]


def make_enrolment_code(secret: bytes) -> str:
    """The one-time code the platform hands out for ``secret`` (grouped by 4 for reading)."""
    body = ENROL_PREFIX + base64.b32encode(secret).decode("ascii").rstrip("=") + _check(secret)
    return "-".join(body[i:i + 4] for i in range(0, len(body), 4))


def parse_enrolment_code(code: str) -> bytes:
    """The secret in an enrolment code; EnrolmentError when it is mistyped or not one."""
    text = re.sub(r"[\s-]", "", code or "").upper()
    if not text.startswith(ENROL_PREFIX):
        raise EnrolmentError("not an enrolment code (it starts with EFZ1)")
    body, check = text[len(ENROL_PREFIX):-6], text[-6:]
    try:
        secret = base64.b32decode(body + "=" * (-len(body) % 8))
    except (ValueError, TypeError):
        raise EnrolmentError("the code holds characters that cannot be in it") from None
    if len(secret) < 16 or not hmac.compare_digest(_check(secret), check):
        raise EnrolmentError("the code's check characters do not match: check it and type it again")
    return secret


def enrol(secret_file: Path, code: str, *, store=None) -> Path:
    """Write the secret of ``code`` to ``secret_file`` (hex, mode 0600, atomically).

    A code used once on this terminal is refused the second time. The code and the secret are
    never logged; the audit event says only that the secret was replaced.
    """
    secret = parse_enrolment_code(code)
    used = hashlib.sha256(b"used-code" + secret).hexdigest()
    if store is not None and store.get_meta("technician.enrol." + used[:32]) is not None:
        raise EnrolmentError("this enrolment code has already been used")
    secret_file = Path(secret_file)
    secret_file.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(secret_file, (secret.hex() + "\n").encode("ascii"), mode=0o600)
    if store is not None:
        store.set_meta("technician.enrol." + used[:32], str(int(time.time())))
    audit(store, "terminal.enrol", old="(previous secret)", new="(new secret)")
    return secret_file
