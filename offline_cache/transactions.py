"""The transaction discipline of the Store: one lock, short write transactions, savepoints.

Every public Store method that changes something runs in :meth:`_write`: BEGIN IMMEDIATE, the
change, COMMIT (fsynced: WAL with synchronous=FULL) — or ROLLBACK if anything raised. Inside
:meth:`batch` the methods nest as savepoints, so each one is still all-or-nothing, and the batch
commits them together with a single fsync. Actions that must follow a commit (removing a
document file) are queued with :meth:`_on_commit` and run only once the outermost commit is done.
"""
from __future__ import annotations

import logging
import sqlite3
from contextlib import contextmanager

from offline_cache.errors import StoreError, translate_sqlite

log = logging.getLogger(__name__)


class TransactionsMixin:
    """Mixed into Store, which sets _conn, _lock (an RLock), db_path, _closed, _depth, _after."""

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def batch(self):
        """Group several changes into one transaction: all committed with one fsync, or none.

        Other threads wait for the batch to finish; keep it short.
        """
        with self._write():
            yield self

    @contextmanager
    def _read(self):
        with self._lock:
            if self._closed:
                raise StoreError("the store is closed")
            try:
                yield self._conn
            except sqlite3.Error as e:
                raise translate_sqlite(e, self.db_path) from e

    def _on_commit(self, action) -> None:
        """Run ``action`` after the current transaction commits (now if there is none)."""
        if self._depth:
            self._after.append(action)
        else:
            action()

    @contextmanager
    def _write(self):
        """One write transaction (or a savepoint inside a batch), all or nothing."""
        with self._lock:
            if self._closed:
                raise StoreError("the store is closed")
            if self._depth:
                with self._savepoint() as conn:
                    yield conn
                return
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as e:
                raise translate_sqlite(e, self.db_path) from e
            self._depth = 1
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as e:
                self._after.clear()
                self._rollback("ROLLBACK")
                if isinstance(e, sqlite3.Error):
                    raise translate_sqlite(e, self.db_path) from e
                raise
            finally:
                self._depth = 0
            after, self._after = self._after, []
            for action in after:
                try:
                    action()
                except Exception:
                    log.warning("store %s: an after-commit action failed", self.db_path, exc_info=True)

    @contextmanager
    def _savepoint(self):
        name = f"sp{self._depth}"
        conn = self._conn
        self._depth += 1
        try:
            conn.execute(f"SAVEPOINT {name}")
            yield conn
            conn.execute(f"RELEASE {name}")
        except BaseException as e:
            self._rollback(f"ROLLBACK TO {name}", f"RELEASE {name}")
            if isinstance(e, sqlite3.Error):
                raise translate_sqlite(e, self.db_path) from e
            raise
        finally:
            self._depth -= 1

    def _rollback(self, *statements: str) -> None:
        try:
            if self._conn.in_transaction:
                for statement in statements:
                    self._conn.execute(statement)
        except sqlite3.Error:
            log.warning("store %s: rollback failed", self.db_path, exc_info=True)
