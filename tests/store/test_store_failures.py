"""A locked, corrupt or full store is a clear StoreUnavailable, and nothing stored is lost."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap

import pytest

from offline_cache import JobState, Store, StoreUnavailable
from tests.store.conftest import DOC_KEY

HOLDER = textwrap.dedent("""
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "exclusive":
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
    else:
        conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO meta (key, value) VALUES ('holder', 'x')")
    print("holding", flush=True)
    sys.stdin.read()          # hold the lock until the test closes our stdin
    conn.execute("ROLLBACK")
""")


class LockHolder:
    """Another process holding a lock on the store until stopped."""

    def __init__(self, db, mode):
        self.proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), mode],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "holding"

    def stop(self):
        self.proc.stdin.close()
        self.proc.stdout.close()
        self.proc.wait(30)


@pytest.fixture
def seeded(tmp_path):
    s = Store.open(tmp_path, doc_key=DOC_KEY)
    job = s.create_job(service_id="svc", pickup_code="555555")
    s.add_event("terminal.heartbeat", {"n": 1})
    s.close()
    return tmp_path, job


def test_store_locked_by_another_process_at_open(seeded):
    directory, job = seeded
    holder = LockHolder(directory / "kiosk.db", "exclusive")
    try:
        with pytest.raises(StoreUnavailable, match="locked by another process") as info:
            Store.open(directory, doc_key=DOC_KEY, busy_timeout_s=0.2)
        assert info.value.reason == "locked"
    finally:
        holder.stop()
    with Store.open(directory, doc_key=DOC_KEY) as s:
        assert s.get_job(job.id).pickup_code == "555555" and s.outbox_depth() == 2
        assert s.get_meta("holder") is None


def test_writer_lock_held_elsewhere_fails_a_change_cleanly(seeded):
    directory, job = seeded
    store = Store.open(directory, doc_key=DOC_KEY, busy_timeout_s=0.2)
    holder = LockHolder(directory / "kiosk.db", "immediate")
    try:
        assert store.get_job(job.id).state == JobState.REQUESTED  # reads still work under WAL
        with pytest.raises(StoreUnavailable, match="locked"):
            store.transition(job.id, JobState.READY)
        with pytest.raises(StoreUnavailable, match="locked"):
            store.add_event("terminal.heartbeat", {})
    finally:
        holder.stop()
    assert store.transition(job.id, JobState.READY).state == JobState.READY
    assert store.outbox_depth() == 2
    store.close()


def test_file_that_is_not_a_database_is_refused_and_left_in_place(tmp_path):
    db = tmp_path / "kiosk.db"
    garbage = b"this was a store until the SD card died\n" * 200
    db.write_bytes(garbage)
    with pytest.raises(StoreUnavailable, match="corrupt") as info:
        Store.open(tmp_path, doc_key=DOC_KEY)
    assert info.value.reason == "corrupt" and "left in place" in str(info.value)
    assert db.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.db"]


def test_damaged_pages_are_refused_and_left_in_place(tmp_path):
    with Store.open(tmp_path, doc_key=DOC_KEY) as s, s.batch():
        for i in range(300):
            s.create_job(service_id=f"svc-{i}", data={"pad": "x" * 200})
    db = tmp_path / "kiosk.db"
    raw = bytearray(db.read_bytes())
    page = 4096
    for offset in range(2 * page, min(len(raw), 12 * page)):
        raw[offset] = 0xA5
    db.write_bytes(bytes(raw))
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(StoreUnavailable, match="corrupt"):
        Store.open(tmp_path, doc_key=DOC_KEY)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_disk_full_is_a_clear_error_and_loses_nothing(tmp_path):
    """Given a store whose file may not grow (max_page_count), when changes no longer fit, then
    StoreUnavailable says the disk is full, and every change committed before is still there."""
    store = Store.open(tmp_path, doc_key=DOC_KEY)
    committed = [store.create_job(service_id="svc", data={"n": i}).id for i in range(5)]
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(StoreUnavailable, match="disk .* is full") as info:
        for i in range(1000):
            committed.append(store.create_job(service_id="svc", data={"pad": "y" * 2000, "n": i}).id)
    assert info.value.reason == "disk_full"
    events_before = [e.event_id for e in store.pending_events(10_000)]
    # the store stays usable for reads and for changes that fit (acks free space)
    assert [j.id for j in store.jobs()] == committed
    store.close()
    with Store.open(tmp_path, doc_key=DOC_KEY) as again:
        assert [j.id for j in again.jobs()] == committed
        assert [e.event_id for e in again.pending_events(10_000)] == events_before
        assert len(events_before) == len(committed)


def test_unwritable_directory_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreUnavailable, match="cannot"):
        Store.open(blocker / "store", doc_key=DOC_KEY)
