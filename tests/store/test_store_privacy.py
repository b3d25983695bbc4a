"""Personal data at rest in the store: modes, secure_delete, retention, identities dropped on
failure, keyed ID digests, and stores of older versions moved onto the local data key."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat

from kiosk import local_key
from offline_cache import JobState, Store

ID_NUMBER = "35010219850312123X"


def _mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


def test_store_directory_0700_and_database_wal_shm_0600_whatever_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        with Store.open(tmp_path / "store", doc_key=b"k" * 32) as s:
            s.create_job(service_id="svc")
            assert s._conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
            d = tmp_path / "store"
            assert _mode(d) == 0o700 and _mode(d / "documents") == 0o700
            for name in ("kiosk.db", "kiosk.db-wal", "kiosk.db-shm"):
                assert _mode(d / name) == 0o600, name
    finally:
        os.umask(old)


def test_a_wide_store_left_by_an_older_version_is_narrowed_at_open(tmp_path):
    d = tmp_path / "store"
    with Store.open(d, doc_key=b"k" * 32):
        pass
    os.chmod(d, 0o755)
    os.chmod(d / "kiosk.db", 0o644)
    with Store.open(d, doc_key=b"k" * 32):
        assert _mode(d) == 0o700 and _mode(d / "kiosk.db") == 0o600


def test_retention_deletes_ended_rows_and_the_file_keeps_no_id_number_or_hash(tmp_path):
    """Given a reported job that kept a keyed ID digest, when the retention period has passed,
    then its row is gone and neither the database nor its WAL holds the ID number, its SHA-256,
    or the digest."""
    key, _ = local_key.load_or_create(tmp_path / "store")
    digest = key.id_digest(ID_NUMBER)
    with Store.open(tmp_path / "store", doc_key=key.documents) as s:
        done = s.create_job(service_id="svc", subject="subject-1", pickup_code="ABCD2345",
                            data={"id_hmac": digest, "note": ID_NUMBER})
        for state in ("ready", "printing", "printed", "reported"):
            s.transition(done.id, state)
        s.ack_events([e.event_id for e in s.pending_events()])  # the platform has them all
        waiting = s.create_job(service_id="svc", state=JobState.READY)
        assert s.purge_retention(7) == 0  # not yet
        later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=8)
        assert s.purge_retention(7, now=later) == 1
        assert s.get_job(done.id) is None and s.get_job(waiting.id) is not None
    raw = b"".join(p.read_bytes() for p in (tmp_path / "store").glob("kiosk.db*"))
    for needle in (ID_NUMBER, hashlib.sha256(ID_NUMBER.encode()).hexdigest(), digest, "ABCD2345", "subject-1"):
        assert needle.encode() not in raw, needle


def test_a_queued_job_that_fails_loses_its_sealed_identity(tmp_path):
    with Store.open(tmp_path / "store", doc_key=b"k" * 32) as s:
        job = s.create_job(service_id="svc", state=JobState.QUEUED,
                           data={"identity_sealed": "c2VhbGVk", "id_hmac": "ab"})
        s.transition(job.id, JobState.FAILED, error_code="identity_rejected")
        assert "identity_sealed" not in s.get_job(job.id).data
        assert s.get_job(job.id).data["id_hmac"] == "ab"


def test_keyed_id_digest_depends_on_the_local_key_not_only_the_number(tmp_path):
    a, _ = local_key.load_or_create(tmp_path / "a")
    b, _ = local_key.load_or_create(tmp_path / "b")
    plain = hashlib.sha256(ID_NUMBER.encode()).hexdigest()
    assert a.id_digest(ID_NUMBER) == a.id_digest(ID_NUMBER.lower()) == a.id_digest_of_sha256(plain)
    assert a.id_digest(ID_NUMBER) != b.id_digest(ID_NUMBER) and a.id_digest(ID_NUMBER) != plain


def test_local_key_created_once_0600_and_not_the_secret(tmp_path):
    key, created = local_key.load_or_create(tmp_path / "store")
    again, created_again = local_key.load_or_create(tmp_path / "store")
    assert created and not created_again and again.documents == key.documents
    assert _mode(tmp_path / "store" / "local.key") == 0o600
    assert "local.key" in repr(key) and key.path.read_text().strip() not in repr(key)


def test_a_store_of_an_older_version_moves_onto_the_local_key(tmp_path):
    """Given a store written under the platform secret (document, sealed identity, bare SHA-256),
    when the kiosk opens it, then everything is readable under the local key and the bare hash
    is replaced by the keyed digest; a later new secret changes nothing."""
    from types import SimpleNamespace

    from kiosk import sealed
    from kiosk.data_at_rest import open_store

    secret = os.urandom(32)
    pdf = b"%PDF-1.4 held for pickup"
    sha = hashlib.sha256(pdf).hexdigest()
    plain = hashlib.sha256(ID_NUMBER.encode()).hexdigest()
    blob = sealed.seal(sealed.legacy_sealing_key(secret), {"method": "id_card", "id_number": ID_NUMBER})
    with Store.open(tmp_path / "store", doc_key=secret) as s:
        held = s.create_job(service_id="svc", state=JobState.READY, sha256=sha, pickup_code="ABCD2345",
                            data={"id_sha256": plain})
        s.put_document(held.id, pdf, sha, None)
        queued = s.create_job(service_id="svc", state=JobState.QUEUED, data={"identity_sealed": blob})
    cfg = SimpleNamespace(storage=SimpleNamespace(dir=tmp_path / "store", max_cache_mb=10))
    store, key = open_store(cfg, secret=secret)
    try:
        assert store.get_document(held.id) == pdf
        assert store.get_job(held.id).data == {"id_hmac": key.id_digest(ID_NUMBER)}
        opened = sealed.unseal(key.sealing, store.get_job(queued.id).data["identity_sealed"])
        assert opened["id_number"] == ID_NUMBER
    finally:
        store.close()
    store, _ = open_store(cfg, secret=os.urandom(32))  # re-enrolled: nothing to move, all still readable
    try:
        assert store.get_document(held.id) == pdf
    finally:
        store.close()
    raw = b"".join(p.read_bytes() for p in (tmp_path / "store").glob("kiosk.db*"))
    assert plain.encode() not in raw
