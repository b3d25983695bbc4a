"""Sheets printed per printer, and since the last paper refill, kept in the store's meta table.

Two keys per printer, each with one writer, so the kiosk and ``kiosk.diag refill`` (another
process) never overwrite each other: ``paper.NAME.total`` (sheets ever printed, written by the
kiosk) and ``paper.NAME.refill`` (written by whoever records a refill: the total at that moment,
the time, and how many sheets were loaded). Sheets since the refill = total − total at refill.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass

from offline_cache import StoreError


@dataclass(frozen=True)
class PaperReport:
    total: int                   # sheets ever printed by this printer (a counter)
    since_refill: int
    refilled_at: float | None    # wall clock of the last refill, None: never recorded
    remaining: int | None        # loaded at refill minus printed since; None: unknown


def _total_key(printer: str) -> str:
    return f"paper.{printer}.total"


def _refill_key(printer: str) -> str:
    return f"paper.{printer}.refill"


def _refill_of(store, printer: str) -> dict:
    try:
        raw = json.loads(store.get_meta(_refill_key(printer)) or "{}")
    except ValueError:
        return {}
    return raw if isinstance(raw, dict) else {}


def record_refill(store, printer: str, *, sheets: int | None, capacity: int | None,
                  now: float | None = None) -> dict:
    """Record that ``printer`` was refilled now with ``sheets`` (default: its capacity). Returns
    the record plus ``printed_since_previous`` (sheets printed since the refill before)."""
    total = int(store.get_meta(_total_key(printer)) or 0)
    previous = _refill_of(store, printer)
    loaded = sheets if sheets is not None else capacity
    record = {"at": now if now is not None else time.time(), "total": total, "sheets": loaded}
    store.set_meta(_refill_key(printer), json.dumps(record))
    return {**record, "printed_since_previous": total - int(previous.get("total", 0))}


class PaperCounters:
    """The kiosk's side: counts sheets (the monitor's thread) and reports them."""

    def __init__(self, store, printers: list[str], capacity: dict[str, int]):
        self.store = store
        self.printers = list(printers)
        self.capacity = dict(capacity)
        self._lock = threading.Lock()
        self._totals: dict[str, int] = {}
        for name in self.printers:
            try:
                self._totals[name] = int(self.store.get_meta(_total_key(name)) or 0)
            except (StoreError, ValueError):
                self._totals[name] = 0

    def add(self, printer: str, sheets: int) -> None:
        if printer not in self._totals or sheets <= 0:
            return
        with self._lock:
            self._totals[printer] += int(sheets)
            total = self._totals[printer]
        self.store.set_meta(_total_key(printer), str(total))

    def refill(self, printer: str, sheets: int | None = None) -> dict:
        if printer not in self._totals:
            raise KeyError(printer)
        return record_refill(self.store, printer, sheets=sheets, capacity=self.capacity.get(printer))

    def reports(self) -> dict[str, PaperReport]:
        out = {}
        for name in self.printers:
            with self._lock:
                total = self._totals[name]
            try:
                refill = _refill_of(self.store, name)
            except StoreError:
                refill = {}
            since = max(0, total - int(refill.get("total", 0)))
            loaded = refill.get("sheets") if refill else None
            remaining = max(0, int(loaded) - since) if isinstance(loaded, int) else None
            at = refill.get("at")
            out[name] = PaperReport(total, since, float(at) if isinstance(at, (int, float)) else None, remaining)
        return out
