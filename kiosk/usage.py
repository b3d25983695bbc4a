"""How often each service was chosen at this terminal, for the home screen's 常用 row.

Only service ids and counts are kept (no person, no time of day), in the store's meta table.
Counting is in memory on the GUI thread; saving runs on a worker thread, so a touch never
waits for the disk. A count that could not be saved is kept in memory and saved with the next.
"""
from __future__ import annotations

import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)
META_KEY = "usage.counts"
MAX_SERVICES = 2000  # bounds what a long-lived terminal keeps


class UsageCounts:
    def __init__(self, store):
        self.store = store
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="usage")

    def load(self) -> None:
        """Read the saved counts (at start-up; a broken value starts from zero)."""
        try:
            raw = json.loads(self.store.get_meta(META_KEY) or "{}")
        except Exception as e:  # a bad value must not stop the kiosk
            log.warning("usage counts unreadable, starting again: %s", e)
            raw = {}
        with self._lock:
            self._counts = {str(k): int(v) for k, v in raw.items()
                            if isinstance(v, int) and not isinstance(v, bool) and v > 0} if isinstance(raw, dict) else {}

    def record(self, service_id: str) -> None:
        """One more use of ``service_id``; saved in the background."""
        with self._lock:
            if service_id not in self._counts and len(self._counts) >= MAX_SERVICES:
                return
            self._counts[service_id] = self._counts.get(service_id, 0) + 1
            blob = json.dumps(self._counts, sort_keys=True)
        self._pool.submit(self._save, blob)

    def _save(self, blob: str) -> None:
        try:
            self.store.set_meta(META_KEY, blob)
        except Exception as e:
            log.warning("usage counts not saved: %s", e)

    def top(self, n: int, among=None) -> list[str]:
        """The ``n`` most used service ids (ties: by id), optionally only those in ``among``."""
        with self._lock:
            items = [(sid, c) for sid, c in self._counts.items() if among is None or sid in among]
        return [sid for sid, _ in sorted(items, key=lambda kv: (-kv[1], kv[0]))[:n]]

    def close(self) -> None:
        self._pool.shutdown(wait=True)
