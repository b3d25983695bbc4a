"""What a session knows about the person in front of the terminal, the idle clock, effects and
the small business rules the screens rely on (licence sheet serials). Plain Python, no I/O."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from kiosk.intents import Effect  # noqa: F401  (kept importable from here)

RATING_LEVELS = ("very_satisfied", "satisfied", "basic", "dissatisfied", "very_dissatisfied")
BAD_LEVELS = frozenset({"dissatisfied", "very_dissatisfied"})
BAD_REASONS = ("long_wait", "complicated", "print_failed", "wrong_info", "other")

#: A licence sheet's pre-printed serial: 6 to 16 digits or capital letters ("No." stripped).
#: copies of one document a resident may print in a visit (the document screen's + stops here)
MAX_COPIES = 3
SERIAL_RE = re.compile(r"^[0-9A-Z]{6,16}$")


def normalise_serial(text: str) -> str:
    text = text.strip().upper().replace(" ", "")
    for prefix in ("NO.", "NO", "№"):
        if text.startswith(prefix) and len(text) > len(prefix) + 5:
            return text[len(prefix):]
    return text


def serial_problem(serial: str, known: list[str] | tuple[str, ...] = ()) -> str | None:
    """Why a licence sheet serial cannot be recorded ("bad_serial", "duplicate_serial"), or None."""
    if not SERIAL_RE.match(serial):
        return "bad_serial"
    if serial in known:
        return "duplicate_serial"
    return None


@dataclass
class VisitRecord:
    """Everything the session knows about the person in front of the terminal (``Session.visit``).

    Wiped (replaced by a fresh VisitRecord) when the session returns home for any reason.
    """

    visit_id: str = field(default_factory=lambda: secrets.token_hex(8))
    service_id: str | None = None
    flow: str = "certificate"          # certificate | licence | pickup | guide
    identity: Any = None               # drivers.identity.IdentityCard (never logged)
    identity_method: str | None = None  # id_card | efz_qr | ssse
    subject: str | None = None
    display_name: str = ""
    job_id: str | None = None
    pages: int = 0
    copies: int = 1
    originals: int = 0
    duplicates: int = 0
    licence: dict = field(default_factory=dict)
    serials: list = field(default_factory=list)   # licence sheet serials, typed or scanned
    serial_problem: str | None = None
    pickup_code: str | None = None
    print_state: str = ""
    error: str | None = None           # an error key, see screens' messages
    error_detail: str = ""
    card_error: str | None = None
    rating: str | None = None
    receipt_ok: bool | None = None     # None while the receipt is printing
    receipt_kind: str = "printed"      # printed | queued | kept (the job waits for a pickup)
    outcome: str | None = None         # printed | failed | queued | cancelled
    licence_missing: dict = field(default_factory=dict)  # sheets that did not come out: {"duplicates": 1}


#: Backward-compatible alias of :class:`VisitRecord` for code outside the project that imports
#: ``Visit`` (from here or from kiosk.session); the project itself writes ``VisitRecord``.
Visit = VisitRecord


@dataclass(frozen=True)
class BusyDeadlines:
    """How long a busy state may last before the visit ends safely (config [session])."""

    verify_s: float = 30.0
    prepare_s: float = 60.0
    print_margin_s: float = 180.0
    print_per_page_s: float = 15.0

    def seconds(self, state: str, sheets: int = 1) -> float:
        if state == "verifying":
            return self.verify_s
        if state == "preparing":
            return self.prepare_s
        return self.print_margin_s + self.print_per_page_s * max(1, sheets)


@dataclass
class IdleClock:
    """Idle timeout with a countdown that a touch extends (elderly users need time)."""

    idle_timeout_s: float = 60.0
    countdown_s: float = 10.0
    extend_s: float = 60.0
    last_touch: float = 0.0
    deadline: float = 0.0              # when the countdown ends (0: no countdown running)

    def touch(self, now: float) -> None:
        self.last_touch = now
        self.deadline = 0.0

    def extend(self, now: float) -> None:
        """'I need more time': the countdown stops and the next one comes extend_s later."""
        self.last_touch = now + max(0.0, self.extend_s - self.idle_timeout_s)
        self.deadline = 0.0

    def check(self, now: float) -> str:
        """'active', 'countdown' (ask "are you still there?") or 'expired'."""
        if self.deadline:
            return "expired" if now >= self.deadline else "countdown"
        if now - self.last_touch >= self.idle_timeout_s:
            self.deadline = now + self.countdown_s
            return "countdown"
        return "active"

    def remaining(self, now: float) -> float:
        return max(0.0, self.deadline - now) if self.deadline else self.countdown_s
