"""store.batch(): several changes in one transaction, each still all-or-nothing."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest

from offline_cache import IllegalTransition, JobState
from tests.store.conftest import job_in


def test_batch_commits_everything_together(store):
    with store.batch():
        jobs = [store.create_job(service_id="svc.licence", kind="licence") for _ in range(3)]
        for job in jobs:
            store.transition(job.id, JobState.READY)
        store.add_event("terminal.heartbeat", {})
    assert store.counts()["ready"] == 3 and store.outbox_depth() == 4


def test_exception_out_of_a_batch_rolls_everything_back(store):
    kept = store.create_job(service_id="svc")
    with pytest.raises(RuntimeError):
        with store.batch():
            store.transition(kept.id, JobState.READY)
            store.create_job(service_id="svc")
            raise RuntimeError("power cut")
    assert [j.id for j in store.jobs()] == [kept.id] and store.get_job(kept.id).state == JobState.REQUESTED
    assert store.outbox_depth() == 1


def test_a_failed_change_inside_a_batch_undoes_only_itself(store):
    job = job_in(store, JobState.PRINTING)
    other = store.create_job(service_id="svc")
    with store.batch():
        store.transition(other.id, JobState.READY)
        with pytest.raises(TypeError):
            store.transition(job.id, JobState.PRINTED, event_data={"x": object()})
        with pytest.raises(IllegalTransition):
            store.transition(job.id, JobState.REPORTED)
    assert store.get_job(job.id).state == JobState.PRINTING and store.get_job(other.id).state == JobState.READY
    assert [e.type for e in store.pending_events()] == ["job.requested", "job.requested"]


def test_document_removal_waits_for_the_commit(store):
    job = job_in(store, JobState.PRINTED)
    content = b"%PDF-1.4 x"
    store.put_document(job.id, content, hashlib.sha256(content).hexdigest(),
                       datetime.now(timezone.utc) + timedelta(days=1))
    with pytest.raises(RuntimeError):
        with store.batch():
            store.transition(job.id, JobState.REPORTED)
            raise RuntimeError("rolled back")
    assert store.get_job(job.id).state == JobState.PRINTED and store.get_document(job.id) == content
    with store.batch():
        store.transition(job.id, JobState.REPORTED)
        assert store.has_document(job.id)  # not yet committed
    assert not store.has_document(job.id)
