"""``fault disk full|ok``: the store's disk refuses writes, at the store's boundary.

A full disk shows itself to the store in two ways, and both are played here exactly as the
system would report them: SQLite's own ``database or disk is full`` (SQLITE_FULL) from any
statement that writes and from COMMIT, and ``ENOSPC`` from writing a cached document file.
Reads keep working, as they do on a real full disk. (A real tmpfs filled up would not do: SQLite
goes on writing into the room its WAL file already holds, so the moment of failure would depend
on history, not on the script.)
"""
from __future__ import annotations

import errno
import sqlite3

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "COMMIT", "CREATE", "DROP", "ALTER")
SQLITE_FULL = 13


def _full_error() -> sqlite3.OperationalError:
    e = sqlite3.OperationalError("database or disk is full")
    e.sqlite_errorcode = SQLITE_FULL
    e.sqlite_errorname = "SQLITE_FULL"
    return e


class _FullConnection:
    """Stands in for the store's sqlite3 connection while the disk is full."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def _check(self, sql: str) -> None:
        if sql.lstrip().upper().startswith(_WRITES):
            raise _full_error()

    def execute(self, sql: str, *args):
        self._check(sql)
        return self._conn.execute(sql, *args)

    def executemany(self, sql: str, *args):
        self._check(sql)
        return self._conn.executemany(sql, *args)

    def executescript(self, sql: str):
        raise _full_error()

    def __getattr__(self, name):
        return getattr(self._conn, name)


class Disk:
    """The disk under one :class:`offline_cache.Store`: ``fill()`` and ``free()``."""

    def __init__(self, store):
        self.store = store
        self.full = False

    def fill(self) -> None:
        store = self.store
        with store._lock:
            if self.full:
                return
            store._conn = _FullConnection(store._conn)
            files = store._files
            if files is not None:
                from offline_cache.errors import translate_os

                def refuse(job_id, content, sha256, _path=files.path):
                    raise translate_os(OSError(errno.ENOSPC, "No space left on device"), _path(job_id))

                files.write = refuse
            self.full = True

    def free(self) -> None:
        store = self.store
        with store._lock:
            if not self.full:
                return
            store._conn = store._conn._conn
            if store._files is not None:
                del store._files.write  # the class's own method again
            self.full = False
