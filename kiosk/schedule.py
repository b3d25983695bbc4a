"""Opening hours and the daily restart, from the config (pure Python, tested without Qt).

Outside opening hours the screen is blanked (and woken by a touch for technicians); at the
quiet hour the kiosk exits with EXIT_START_AFRESH (kiosk/exit_codes.py) so systemd starts it
fresh — but only while nobody is being served.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

def parse_hhmm(text: str) -> dt.time:
    hours, _, minutes = text.strip().partition(":")
    return dt.time(int(hours), int(minutes))


@dataclass(frozen=True)
class Schedule:
    open_from: dt.time | None = None    # None: always open
    open_until: dt.time | None = None
    restart_at: dt.time | None = None   # None: no daily restart

    @classmethod
    def from_config(cls, cfg) -> "Schedule":
        s = cfg.schedule
        open_from = open_until = None
        if s.opening_hours:
            a, _, b = s.opening_hours.partition("-")
            open_from, open_until = parse_hhmm(a), parse_hhmm(b)
        return cls(open_from, open_until, parse_hhmm(s.restart_at) if s.restart_at else None)

    def is_open(self, now: dt.datetime) -> bool:
        if self.open_from is None or self.open_until is None:
            return True
        t = now.time()
        if self.open_from <= self.open_until:
            return self.open_from <= t < self.open_until
        return t >= self.open_from or t < self.open_until  # hours across midnight

    def restart_due(self, started: dt.datetime, now: dt.datetime) -> bool:
        """True once the quiet hour has passed since ``started`` (at most one restart a day)."""
        if self.restart_at is None:
            return False
        today = dt.datetime.combine(now.date(), self.restart_at)
        last = today if now >= today else today - dt.timedelta(days=1)
        return started < last <= now and now - started > dt.timedelta(hours=1)
