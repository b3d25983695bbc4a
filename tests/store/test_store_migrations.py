"""Schema migrations: a store of an older version upgrades in place at open, losing nothing."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from offline_cache import JobState, Store, StoreUnavailable, schema
from tests.store.conftest import DOC_KEY

FIXTURES = Path(__file__).parent / "fixtures"


def build_v1(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    db = directory / "kiosk.db"
    conn = sqlite3.connect(db)
    conn.executescript((FIXTURES / "store_v1.sql").read_text(encoding="utf-8"))
    conn.close()
    return db


def columns(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted((c[1], c[2], c[3], c[4]) for c in conn.execute(f"PRAGMA table_info({t})")) for t in tables}
    finally:
        conn.close()


def indexes(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL")}
    finally:
        conn.close()


def test_v1_store_upgrades_in_place(tmp_path):
    """Given the v1 fixture, when the store opens, then it is at the current version with every
    job, event, the catalogue and the meta values kept."""
    db = build_v1(tmp_path)
    with Store.open(tmp_path, doc_key=DOC_KEY) as store:
        assert schema.version(store._conn) == schema.VERSION == 3
        a = store.get_job("J00000000000000a1")
        assert (a.state, a.platform_job_id, a.pages, a.data, a.verify_code, a.error_code) == (
            JobState.PRINTED, "PJ-100", 2, {}, None, None)
        assert a.expires_at.isoformat() == "2031-01-01T00:00:00+00:00"
        assert store.find_job(pickup_code="730415").copies == 2
        events = store.pending_events()
        assert [e.event_id[-1] for e in events] == ["1", "2", "3"]
        assert events[2].data["pickup_code"] == "730415"
        body, etag = store.catalogue()
        assert body["services"][0]["name"]["zh"] == "社保缴费证明" and etag == '"v3"'
        assert store.get_meta("catalogue.body") is None
        assert store.get_meta("terminal.enrolled_at") == "2030-12-01T00:00:00Z"
        # the upgraded store is fully usable: new columns, attempts, the interrupted job
        assert [j.id for j in store.recover_interrupted()] == ["J00000000000000c3"]
        store.record_attempt([events[0].event_id], "timeout")
        assert store.outbox_stats()["head_attempts"] == 1
        new = store.create_job(service_id="svc", data={"x": 1})
        assert store.get_job(new.id).data == {"x": 1}
    fresh = tmp_path / "fresh"
    Store.open(fresh, doc_key=DOC_KEY).close()
    assert columns(db) == columns(fresh / "kiosk.db")
    assert indexes(db) == indexes(fresh / "kiosk.db")


def test_failed_migration_leaves_the_old_version_intact(tmp_path, monkeypatch):
    db = build_v1(tmp_path)

    def broken(conn):
        conn.execute("ALTER TABLE jobs ADD COLUMN verify_code TEXT")
        raise RuntimeError("power cut in the middle of the upgrade")

    monkeypatch.setattr(schema, "MIGRATIONS", [(1, schema.MIGRATIONS[0][1]), (2, broken)])
    with pytest.raises(RuntimeError):
        Store.open(tmp_path, doc_key=DOC_KEY)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "verify_code" not in [c[1] for c in conn.execute("PRAGMA table_info(jobs)")]
    conn.close()
    monkeypatch.undo()
    with Store.open(tmp_path, doc_key=DOC_KEY) as store:
        assert len(store.jobs()) == 3


def test_store_newer_than_the_software_is_refused_untouched(tmp_path):
    Store.open(tmp_path, doc_key=DOC_KEY).close()
    conn = sqlite3.connect(tmp_path / "kiosk.db")
    conn.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    conn.close()
    with pytest.raises(StoreUnavailable, match="newer"):
        Store.open(tmp_path, doc_key=DOC_KEY)
    conn = sqlite3.connect(tmp_path / "kiosk.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION + 1
    conn.close()
