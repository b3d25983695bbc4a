"""Visits and ratings counted from the session's transitions, for the metrics and heartbeats.

:meth:`VisitTally.observe` is a session listener: it runs on the GUI thread and keeps only
counts and times (never the visit itself); the monitor's thread reads them through
:meth:`counts`. The outcome of a visit is decided when it ends (back home): printed, queued,
failed (an error screen was reached and nothing printed or queued) or abandoned.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

OUTCOMES = ("printed", "failed", "queued", "abandoned")
RATING_LEVELS = ("very_satisfied", "satisfied", "basic", "dissatisfied", "very_dissatisfied")
_IDLE_STATES = ("home", "attract")


@dataclass(frozen=True)
class VisitCounts:
    visits: dict[str, int] = field(default_factory=dict)    # outcome → visits ended so
    ratings: dict[str, int] = field(default_factory=dict)   # level → ratings given
    in_progress: bool = False
    last_visit_at: float | None = None                      # wall clock of the last visit's end


class VisitTally:
    def __init__(self, clock=time.time):
        self._clock = clock
        self._lock = threading.Lock()
        self._visits = dict.fromkeys(OUTCOMES, 0)
        self._ratings = dict.fromkeys(RATING_LEVELS, 0)
        self._active = False
        self._outcome: str | None = None
        self._saw_error = False
        self._rated = False
        self._last_at: float | None = None

    def observe(self, session, old, new, intent) -> None:
        """Session listener (GUI thread): ``old``/``new`` are states, ``session.visit`` is read
        here, on the thread that owns it, and reduced to an outcome word and a rating level."""
        old_v, new_v = getattr(old, "value", old), getattr(new, "value", new)
        visit = getattr(session, "visit", None)
        with self._lock:
            if new_v not in _IDLE_STATES and not self._active:
                self._active, self._outcome, self._saw_error, self._rated = True, None, False, False
            if not self._active:
                return
            outcome = getattr(visit, "outcome", None)
            if outcome in ("printed", "queued", "failed"):
                self._outcome = outcome
            if new_v == "error":
                self._saw_error = True
            level = getattr(visit, "rating", None)
            if level in self._ratings and not self._rated:
                self._ratings[level] += 1
                self._rated = True
            if new_v in _IDLE_STATES and old_v not in _IDLE_STATES:
                result = self._outcome or ("failed" if self._saw_error else "abandoned")
                self._visits[result] += 1
                self._active = False
                self._last_at = self._clock()

    def counts(self) -> VisitCounts:
        with self._lock:
            return VisitCounts(dict(self._visits), dict(self._ratings), self._active, self._last_at)
