"""Cached documents: encrypted at rest, checked before use, purged when no job needs them."""
from __future__ import annotations

import errno
import hashlib
import os
from datetime import datetime, timedelta, timezone

import pytest

from offline_cache import CacheFull, DocumentCorrupt, DocumentMissing, JobState, Store, StoreError, StoreUnavailable
from offline_cache import atomic as atomic_mod
from tests.store.conftest import DOC_KEY, job_in

LATER = datetime.now(timezone.utc) + timedelta(days=2)


def pdf(n: int = 1000, tag: bytes = b"a") -> tuple[bytes, str]:
    content = b"%PDF-1.7\n" + tag * n + b"\n%%EOF"
    return content, hashlib.sha256(content).hexdigest()


def test_round_trip_and_encrypted_at_rest(store):
    job = job_in(store, JobState.READY)
    content, sha = pdf(tag=b"resident 350102199001011234 ")
    store.put_document(job.id, content, sha, LATER)
    raw = (store.dir / "documents" / f"{job.id}.bin").read_bytes()
    assert b"350102199001011234" not in raw and b"%PDF" not in raw
    assert store.get_document(job.id) == content
    again = store.get_job(job.id)
    assert again.sha256 == sha and again.expires_at == LATER.replace(microsecond=LATER.microsecond // 1000 * 1000)
    assert store.cache_bytes() == len(raw)


def test_wrong_sha_is_refused_before_anything_is_written(store):
    job = job_in(store, JobState.READY)
    content, _ = pdf()
    with pytest.raises(DocumentCorrupt):
        store.put_document(job.id, content, "00" * 32, LATER)
    assert not store.has_document(job.id) and store.get_job(job.id).sha256 is None
    other, other_sha = pdf(tag=b"b")
    store.update_job(job.id, sha256=other_sha)
    with pytest.raises(DocumentCorrupt, match="not the job"):
        store.put_document(job.id, content, hashlib.sha256(content).hexdigest(), LATER)


def test_tampered_file_is_detected(store):
    job = job_in(store, JobState.READY)
    content, sha = pdf()
    store.put_document(job.id, content, sha, LATER)
    path = store.dir / "documents" / f"{job.id}.bin"
    raw = bytearray(path.read_bytes())
    raw[40] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(DocumentCorrupt, match="authentication"):
        store.get_document(job.id)
    path.write_bytes(b"junk")
    with pytest.raises(DocumentCorrupt):
        store.get_document(job.id)


def test_file_moved_to_another_job_or_other_key_fails(store, tmp_path):
    a, b = job_in(store, JobState.READY), job_in(store, JobState.READY)
    content, sha = pdf()
    store.put_document(a.id, content, sha, LATER)
    store.update_job(b.id, sha256=sha)
    docs = store.dir / "documents"
    (docs / f"{b.id}.bin").write_bytes((docs / f"{a.id}.bin").read_bytes())
    with pytest.raises(DocumentCorrupt):
        store.get_document(b.id)
    store.close()
    with Store.open(store.dir, doc_key=b"another terminal") as other:
        with pytest.raises(DocumentCorrupt):
            other.get_document(a.id)


def test_missing_document(store):
    job = job_in(store, JobState.READY)
    with pytest.raises(DocumentMissing):
        store.get_document(job.id)
    with pytest.raises(DocumentMissing):
        store.get_document("Jnothere")


@pytest.mark.parametrize("end", [JobState.REPORTED, JobState.EXPIRED])
def test_document_purged_when_job_reaches_a_final_state(store, end):
    job = job_in(store, JobState.PRINTED if end == JobState.REPORTED else JobState.READY)
    content, sha = pdf()
    store.put_document(job.id, content, sha, LATER)
    store.transition(job.id, end)
    assert not store.has_document(job.id) and store.cache_bytes() == 0
    with pytest.raises(StoreError):
        store.put_document(job.id, content, sha, LATER)


def test_purge_expired_expires_waiting_jobs_and_their_documents(store):
    old, fresh, printed = job_in(store, JobState.READY), job_in(store, JobState.READY), job_in(store, JobState.PRINTED)
    content, sha = pdf()
    now = datetime.now(timezone.utc)
    store.put_document(old.id, content, sha, now - timedelta(minutes=1))
    store.put_document(fresh.id, content, sha, now + timedelta(hours=1))
    store.put_document(printed.id, content, sha, now - timedelta(minutes=1))
    assert store.purge_expired(now) == 2
    assert store.get_job(old.id).state == JobState.EXPIRED and store.get_job(fresh.id).state == JobState.READY
    assert store.get_job(printed.id).state == JobState.PRINTED  # printed jobs never expire; only the file goes
    assert store.get_document(fresh.id) == content
    assert not store.has_document(old.id) and not store.has_document(printed.id)


def test_orphans_and_crash_leftovers_are_swept_at_open(tmp_path):
    s = Store.open(tmp_path, doc_key=DOC_KEY)
    job = s.create_job(service_id="svc")
    content, sha = pdf()
    s.put_document(job.id, content, sha, LATER)
    docs = tmp_path / "documents"
    (docs / "Jorphan.bin").write_bytes(b"x" * 10)
    (docs / f".{job.id}.bin.dead.tmp").write_bytes(b"half")
    s.close()
    with Store.open(tmp_path, doc_key=DOC_KEY) as again:
        assert sorted(p.name for p in docs.iterdir()) == [f"{job.id}.bin"]
        assert again.get_document(job.id) == content


def test_cache_bound_refuses_what_cannot_fit_after_purging(store):
    """The store's bound is 64 KiB. Two 30 KiB documents fit, a third only once one expired."""
    now = datetime.now(timezone.utc)
    jobs = [job_in(store, JobState.READY) for _ in range(3)]
    docs = [pdf(30_000, tag=bytes([65 + i])) for i in range(3)]
    store.put_document(jobs[0].id, *docs[0], now + timedelta(seconds=0.5))
    store.put_document(jobs[1].id, *docs[1], LATER)
    with pytest.raises(CacheFull, match="bound"):
        store.put_document(jobs[2].id, *docs[2], LATER + timedelta(days=100))
    assert store.get_document(jobs[0].id) == docs[0][0]
    store.update_job(jobs[0].id, expires_at=now - timedelta(seconds=1))
    store.put_document(jobs[2].id, *docs[2], LATER)  # fits after purging the expired one
    assert store.get_job(jobs[0].id).state == JobState.EXPIRED
    assert store.get_document(jobs[2].id) == docs[2][0] and store.cache_bytes() <= store.max_cache_bytes


def test_replacing_a_document_counts_only_the_difference(store):
    job = job_in(store, JobState.READY)
    content, sha = pdf(40_000)
    store.put_document(job.id, content, sha, LATER)
    store.put_document(job.id, content, sha, LATER)  # 80 KB would not fit; a replacement does
    assert store.get_document(job.id) == content


def test_disk_full_while_writing_a_document_loses_nothing(store, monkeypatch):
    kept = job_in(store, JobState.READY)
    content, sha = pdf()
    store.put_document(kept.id, content, sha, LATER)
    job = job_in(store, JobState.READY)
    real_write = os.write
    calls = []

    def full(fd, data):
        calls.append(len(data))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_mod.os, "write", full)   # the one atomic write documents use
    new, new_sha = pdf(tag=b"z")
    with pytest.raises(StoreUnavailable, match="full") as info:
        store.put_document(job.id, new, new_sha, LATER)
    monkeypatch.setattr(atomic_mod.os, "write", real_write)
    assert calls and info.value.reason == "disk_full"
    assert not store.has_document(job.id)
    assert [p.name for p in (store.dir / "documents").iterdir()] == [f"{kept.id}.bin"]
    assert store.get_document(kept.id) == content
    store.put_document(job.id, new, new_sha, LATER)  # space is back: it works
    assert store.get_document(job.id) == new


def test_store_without_key_has_no_documents(tmp_path):
    with Store.open(tmp_path, doc_key=None) as s:
        job = s.create_job(service_id="svc")
        with pytest.raises(StoreError, match="key"):
            s.get_document(job.id)
        assert s.cache_bytes() == 0 and s.purge_expired() == 0
