"""SQL of the outbox, run inside the Store's transactions (the Store holds the lock)."""
from __future__ import annotations

import sqlite3
import uuid
from typing import Iterable

from offline_cache.jobs import OutboxEvent, dumps, to_iso, utc_now

_CHUNK = 500  # stays far below SQLite's limit on bound parameters


def insert(conn: sqlite3.Connection, type_: str, data: dict, job_id: str | None) -> str:
    """Append one event; returns its event_id. Raises TypeError/ValueError for non-JSON data."""
    if not isinstance(type_, str) or not type_:
        raise ValueError("an event needs a non-empty type")
    if not isinstance(data, dict):
        raise TypeError(f"event data must be a dict, not {type(data).__name__}")
    event_id = uuid.uuid4().hex
    conn.execute(
        "INSERT INTO outbox (event_id, type, at, job_id, data) VALUES (?, ?, ?, ?, ?)",
        (event_id, type_, to_iso(utc_now()), job_id, dumps(data)))
    return event_id


def replace(conn: sqlite3.Connection, type_: str, data: dict) -> tuple[str, int]:
    """Append an event of ``type_`` after removing the undelivered ones of that type: at most one
    waits (the newest). Returns the new event_id and how many were replaced."""
    removed = conn.execute("DELETE FROM outbox WHERE type = ? AND parked_at IS NULL", (type_,)).rowcount
    return insert(conn, type_, data, None), removed


def pending(conn: sqlite3.Connection, limit: int) -> list[OutboxEvent]:
    rows = conn.execute(
        "SELECT seq, event_id, type, at, job_id, data FROM outbox WHERE parked_at IS NULL ORDER BY seq LIMIT ?",
        (int(limit),)).fetchall()
    return [OutboxEvent.from_row(r) for r in rows]


def _chunks(ids: Iterable[str]):
    ids = list(dict.fromkeys(ids))
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def delete(conn: sqlite3.Connection, event_ids: Iterable[str]) -> int:
    removed = 0
    for chunk in _chunks(event_ids):
        marks = ",".join("?" * len(chunk))
        removed += conn.execute(f"DELETE FROM outbox WHERE event_id IN ({marks})", chunk).rowcount
    return removed


def note_attempt(conn: sqlite3.Connection, event_ids: Iterable[str], error: str) -> int:
    now = to_iso(utc_now())
    touched = 0
    for chunk in _chunks(event_ids):
        marks = ",".join("?" * len(chunk))
        touched += conn.execute(
            f"UPDATE outbox SET attempts = attempts + 1, last_error = ?, last_attempt_at = ? "
            f"WHERE event_id IN ({marks})", [str(error)[:500], now, *chunk]).rowcount
    return touched


def park(conn: sqlite3.Connection, event_ids: Iterable[str], reason: str) -> int:
    now = to_iso(utc_now())
    parked = 0
    for chunk in _chunks(event_ids):
        marks = ",".join("?" * len(chunk))
        parked += conn.execute(
            f"UPDATE outbox SET parked_at = ?, last_error = ? WHERE event_id IN ({marks})",
            [now, str(reason)[:500], *chunk]).rowcount
    return parked


def unpark(conn: sqlite3.Connection) -> int:
    return conn.execute("UPDATE outbox SET parked_at = NULL WHERE parked_at IS NOT NULL").rowcount


def depth(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM outbox WHERE parked_at IS NULL").fetchone()[0]


def stats(conn: sqlite3.Connection) -> dict:
    """Depth, the oldest event's time, and the delivery diagnostics of the head of the queue."""
    head = conn.execute(
        "SELECT at, attempts, last_error, last_attempt_at FROM outbox WHERE parked_at IS NULL "
        "ORDER BY seq LIMIT 1").fetchone()
    return {
        "depth": depth(conn),
        "parked": conn.execute("SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL").fetchone()[0],
        "oldest_event_at": head["at"] if head else None,
        "head_attempts": head["attempts"] if head else 0,
        "last_error": head["last_error"] if head else None,
        "last_attempt_at": head["last_attempt_at"] if head else None,
    }
