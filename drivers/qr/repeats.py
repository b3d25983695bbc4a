"""The repeated-code filter of both QR scanners (camera and serial line).

A code held in front of a reader is seen many times a second; it is reported once, and again
only after it has been out of sight for ``window_s``. One rule for both scanners: a code is a
repeat when it was last seen less than ``window_s`` ago; every sighting renews the window; a
window of 0 reports every sighting.
"""
from __future__ import annotations


class Deduper:
    """``fresh(text, now)``: True when ``text`` is to be reported (see the module docstring)."""

    def __init__(self, window_s: float, max_codes: int = 256):
        self.window_s = window_s
        self.max_codes = max_codes
        self._last_seen: dict[str, float] = {}

    def fresh(self, text: str, now: float) -> bool:
        last = self._last_seen.get(text)
        self._last_seen[text] = now
        if len(self._last_seen) > self.max_codes:   # forget codes long out of sight
            self._last_seen = {t: s for t, s in self._last_seen.items() if now - s < self.window_s}
        return last is None or now - last >= self.window_s
