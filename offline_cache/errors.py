"""Errors of the durable store. Every one is a :class:`StoreError`.

:class:`StoreUnavailable` is the one the kiosk shows as an alert: the store cannot be used at
all right now (corrupt file, locked by another process, disk full). Its message says which in
plain words; what was already committed is never touched by the store when this happens.
"""
from __future__ import annotations

import errno
import sqlite3


class StoreError(Exception):
    """Base of every error raised by offline_cache."""


class IllegalTransition(StoreError):
    """A job state change that DESIGN.md §4 does not allow."""

    def __init__(self, job_id: str, from_state: str, to_state: str):
        super().__init__(f"job {job_id}: illegal transition {from_state} → {to_state}")
        self.job_id = job_id
        self.from_state = from_state
        self.to_state = to_state


class JobNotFound(StoreError, KeyError):
    """No job with that id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "job not found"


class DuplicateJob(StoreError):
    """A job with the same idempotency key or platform job id already exists."""


class StoreUnavailable(StoreError):
    """The store cannot be used: corrupt, locked by another process, or the disk is full.

    ``reason`` is one of "corrupt", "locked", "disk_full", "io".
    """

    def __init__(self, message: str, reason: str = "io"):
        super().__init__(message)
        self.reason = reason


class DocumentCorrupt(StoreError):
    """A cached document failed its SHA-256 or authentication check, or had the wrong SHA-256."""


class DocumentMissing(StoreError):
    """No cached document for that job."""


class CacheFull(StoreError):
    """The document would not fit in the cache bound even after purging expired documents."""


# sqlite3 primary result codes (sqlite3.h); Python 3.11 exposes them on the exception.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CORRUPT, _SQLITE_FULL = 5, 6, 11, 13
_SQLITE_IOERR, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 14, 26


def translate_sqlite(e: sqlite3.Error, db_path) -> StoreError:
    """Turn a sqlite3 error into a StoreError with a message a technician can act on."""
    code = getattr(e, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(e).lower()
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text or "busy" in text:
        return StoreUnavailable(
            f"the store {db_path} is locked by another process (still busy after waiting); "
            "stop the other program using it, then retry", "locked")
    if primary == _SQLITE_FULL or "disk is full" in text:
        return StoreUnavailable(
            f"the disk holding the store {db_path} is full; nothing was written by this change, "
            "and what was stored before is intact — free some space", "disk_full")
    if primary in (_SQLITE_NOTADB, _SQLITE_CORRUPT) or "not a database" in text or "malformed" in text:
        return StoreUnavailable(
            f"the store {db_path} is corrupt (not a readable SQLite database); it was left in "
            "place untouched — move it aside or restore it, then restart", "corrupt")
    if primary == _SQLITE_CANTOPEN or "unable to open" in text:
        return StoreUnavailable(f"the store {db_path} cannot be opened (missing directory or no permission)", "io")
    if primary == _SQLITE_IOERR or "disk i/o" in text:
        return StoreUnavailable(f"the disk holding the store {db_path} reported an I/O error: {e}", "io")
    return StoreError(f"store {db_path}: {e}")


def translate_os(e: OSError, path) -> StoreError:
    """Turn an OSError from the document files into a StoreError."""
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreUnavailable(
            f"the disk holding {path} is full; the document was not cached and nothing already "
            "stored was changed — free some space", "disk_full")
    return StoreUnavailable(f"cannot write {path}: {e.strerror or e}", "io")
