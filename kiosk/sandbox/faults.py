"""Run-time fault injection of the sandbox platform: thread-safe, seeded, settable any time."""
from __future__ import annotations

import random
import threading
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class FaultSettings:
    rate_503: float = 0.0       # share of requests answered 503 before being processed
    rate_429: float = 0.0       # share answered 429 before being processed
    retry_after_s: float = 1    # Retry-After sent with 429/503
    drop_rate: float = 0.0      # share whose connection is closed without an answer (after processing)
    delay_s: float = 0.0        # delay before every answer
    truncate_rate: float = 0.0  # share whose answer body is cut short (after processing)
    wrong_sha: bool = False     # document content answers with different bytes
    garbage_rate: float = 0.0   # share answered 200 with a body that is not JSON (after processing)
    expired: bool = False       # documents are handed out already expired (expires_at 30 days ago)
    bad_expiry: bool = False    # GET /jobs/assigned lists first a job whose expires_at is no time, then a new licence


class Faults:
    """``faults.set(rate_503=0.2, drop_rate=0.1)``; ``faults.clear()``; ``faults.seed(n)``."""

    def __init__(self, seed: int = 0):
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        self._settings = FaultSettings()

    def set(self, **changes) -> FaultSettings:
        for name, value in changes.items():
            if name not in FaultSettings.__dataclass_fields__:
                raise TypeError(f"unknown fault {name!r}")
            if name.endswith("_rate") or name.startswith("rate_"):
                if not 0.0 <= float(value) <= 1.0:
                    raise ValueError(f"{name} must be within 0..1")
        with self._lock:
            self._settings = replace(self._settings, **changes)
            return self._settings

    def clear(self) -> None:
        with self._lock:
            self._settings = FaultSettings()

    def seed(self, value: int) -> None:
        with self._lock:
            self._rng.seed(value)

    @property
    def settings(self) -> FaultSettings:
        with self._lock:
            return self._settings

    def roll(self, rate: float) -> bool:
        """True with probability ``rate`` (from the seeded generator)."""
        if rate <= 0:
            return False
        with self._lock:
            return self._rng.random() < rate

    def before(self) -> tuple[int, float] | None:
        """``(status, retry_after)`` when this request must be refused before processing."""
        s = self.settings
        if self.roll(s.rate_503):
            return 503, s.retry_after_s
        if self.roll(s.rate_429):
            return 429, s.retry_after_s
        return None
