"""Schema of kiosk.db and its ordered migrations, tracked by ``PRAGMA user_version``.

A store is brought to :data:`VERSION` at open by running every migration above its current
version, all in one write transaction: a terminal with an older store upgrades in place, and a
crash during the upgrade leaves the old version intact. A store newer than this code is refused
(StoreUnavailable) rather than guessed at. Never edit a published migration; append a new one and
keep a fixture of the old version under tests/store/fixtures/.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Callable

# Version 1: the first field release. Catalogue kept in meta; no job data, verify code, error
# code, or delivery diagnostics.
_V1 = """
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    platform_job_id TEXT UNIQUE,
    service_id TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'certificate',
    subject TEXT,
    copies INTEGER NOT NULL DEFAULT 1,
    state TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    pickup_code TEXT,
    sha256 TEXT,
    pages INTEGER,
    expires_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    at TEXT NOT NULL,
    job_id TEXT,
    data TEXT NOT NULL
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Version 2: job data / verify code / error code, outbox attempt diagnostics, a catalogue table
# (moved out of meta), indexes for the queries the kiosk makes.
_V2 = """
ALTER TABLE jobs ADD COLUMN verify_code TEXT;
ALTER TABLE jobs ADD COLUMN error_code TEXT;
ALTER TABLE jobs ADD COLUMN data TEXT NOT NULL DEFAULT '{}';
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
ALTER TABLE outbox ADD COLUMN last_attempt_at TEXT;
CREATE TABLE catalogue (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    body TEXT NOT NULL,
    etag TEXT,
    saved_at TEXT NOT NULL
);
CREATE INDEX jobs_state ON jobs(state);
CREATE INDEX jobs_pickup_code ON jobs(pickup_code);
"""


def _v2(conn: sqlite3.Connection) -> None:
    for statement in _V2.split(";"):
        if statement.strip():
            conn.execute(statement)
    rows = dict(conn.execute(
        "SELECT key, value FROM meta WHERE key IN ('catalogue.body', 'catalogue.etag')").fetchall())
    if "catalogue.body" in rows:
        json.loads(rows["catalogue.body"])  # refuse to carry garbage forward
        conn.execute(
            "INSERT INTO catalogue (id, body, etag, saved_at) VALUES (1, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
            (rows["catalogue.body"], rows.get("catalogue.etag")))
    conn.execute("DELETE FROM meta WHERE key IN ('catalogue.body', 'catalogue.etag')")


# Version 3: events the platform refused as malformed (HTTP 400/422) are parked, not deleted and
# not retried forever, so one bad event cannot hold back the rest of the outbox.
def _v3(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE outbox ADD COLUMN parked_at TEXT")
    conn.execute("CREATE INDEX outbox_parked ON outbox(parked_at)")


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)


#: (version reached, migration) in order; each runs inside the caller's transaction
MIGRATIONS: list[tuple[int, Callable[[sqlite3.Connection], None]]] = [
    (1, _v1),
    (2, _v2),
    (3, _v3),
]
VERSION = MIGRATIONS[-1][0]


class SchemaTooNew(Exception):
    def __init__(self, found: int):
        super().__init__(f"store schema version {found} is newer than this software ({VERSION})")
        self.found = found


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = VERSION) -> list[int]:
    """Run the migrations above the current version up to ``target``; returns those run.

    The caller holds a write transaction (BEGIN IMMEDIATE) and commits or rolls back.
    """
    current = version(conn)
    if current > VERSION:
        raise SchemaTooNew(current)
    ran = []
    for to_version, step in MIGRATIONS:
        if current < to_version <= target:
            step(conn)
            conn.execute(f"PRAGMA user_version = {int(to_version)}")
            ran.append(to_version)
    return ran
