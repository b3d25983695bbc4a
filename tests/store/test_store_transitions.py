"""Every legal job transition is accepted and every other one refused (DESIGN.md §4)."""
from __future__ import annotations

import itertools

import pytest

from offline_cache import TRANSITIONS, IllegalTransition, JobNotFound, JobState
from tests.store.conftest import job_in

LEGAL = {
    (JobState.REQUESTED, JobState.READY), (JobState.REQUESTED, JobState.QUEUED), (JobState.REQUESTED, JobState.FAILED),
    (JobState.QUEUED, JobState.READY), (JobState.QUEUED, JobState.FAILED), (JobState.QUEUED, JobState.EXPIRED),
    (JobState.READY, JobState.PRINTING), (JobState.READY, JobState.EXPIRED), (JobState.READY, JobState.FAILED),
    (JobState.PRINTING, JobState.PRINTED), (JobState.PRINTING, JobState.FAILED), (JobState.PRINTING, JobState.NEEDS_VERIFICATION),
    (JobState.PRINTED, JobState.REPORTED),
    (JobState.FAILED, JobState.READY), (JobState.FAILED, JobState.EXPIRED),
    (JobState.NEEDS_VERIFICATION, JobState.PRINTED), (JobState.NEEDS_VERIFICATION, JobState.FAILED),
}
ALL_PAIRS = list(itertools.product(JobState, JobState))
DEFAULT_EVENT = {JobState.PRINTED: "job.printed", JobState.FAILED: "job.failed", JobState.NEEDS_VERIFICATION: "job.needs_verification"}


def test_table_matches_the_design():
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == LEGAL


@pytest.mark.parametrize("src,dst", sorted(LEGAL))
def test_legal_transition_is_applied_with_its_default_event(store, src, dst):
    """Given a job in src, when moved to dst, then it is in dst and the outbox got its event."""
    job = job_in(store, src)
    before = store.outbox_depth()
    moved = store.transition(job.id, dst)
    assert moved.state == dst and store.get_job(job.id).state == dst
    new = store.pending_events(1000)[before:]
    if dst in DEFAULT_EVENT:
        assert [(e.type, e.job_id, e.data["local_id"]) for e in new] == [(DEFAULT_EVENT[dst], job.id, job.id)]
    else:
        assert new == []


@pytest.mark.parametrize("src,dst", [p for p in ALL_PAIRS if p not in LEGAL])
def test_illegal_transition_is_refused_and_changes_nothing(store, src, dst):
    job = job_in(store, src)
    depth = store.outbox_depth()
    with pytest.raises(IllegalTransition) as info:
        store.transition(job.id, dst, error_code="x")
    message = str(info.value)
    assert job.id in message and src.value in message and dst.value in message
    after = store.get_job(job.id)
    assert after.state == src and after.error_code is None
    assert store.outbox_depth() == depth


def test_event_type_none_and_override(store):
    job = job_in(store, JobState.PRINTING)
    store.transition(job.id, JobState.FAILED, event_type=None, error_code="paper_jam")
    assert store.outbox_depth() == 1  # only job.requested
    store.transition(job.id, JobState.READY, event_type="job.retry", event_data={"attempt": 2})
    last = store.pending_events()[-1]
    assert (last.type, last.data["attempt"], last.data["state"]) == ("job.retry", 2, "ready")


def test_event_carries_the_platform_job_id_once_known(store):
    job = store.create_job(service_id="svc", copies=2, pickup_code="482913", event_data={"channel": "offline"})
    first = store.pending_events()[0]
    assert first.type == "job.requested" and first.job_id == job.id
    assert first.data == {"service_id": "svc", "copies": 2, "local_id": job.id, "pickup_code": "482913", "channel": "offline"}
    store.transition(job.id, JobState.READY, platform_job_id="PJ-1", sha256="ab" * 32, pages=3)
    store.transition(job.id, JobState.PRINTING)
    store.transition(job.id, JobState.FAILED, error_code="printer_offline")
    failed = store.pending_events()[-1]
    assert (failed.job_id, failed.data["error_code"], failed.data["local_id"]) == ("PJ-1", "printer_offline", job.id)


def test_unknown_job_and_unknown_field(store):
    with pytest.raises(JobNotFound, match="J0000"):
        store.transition("J0000", JobState.READY)
    job = store.create_job(service_id="svc")
    with pytest.raises(TypeError, match="state"):
        store.update_job(job.id, state="printed")
    with pytest.raises(ValueError):
        store.transition(job.id, "flying")


def test_create_update_find_and_count(store):
    a = store.create_job(service_id="svc", idempotency_key="k-1", pickup_code="111111",
                         data={"company": "福州某某有限公司", "originals": 1}, kind="licence")
    b = store.create_job(service_id="svc", state=JobState.QUEUED)
    assert a.idempotency_key == "k-1" and len(b.idempotency_key) == 32 and a.id.startswith("J") and len(a.id) == 17
    store.update_job(a.id, platform_job_id="PJ-9", verify_code="V123", subject="sub-1")
    assert store.find_job(platform_job_id="PJ-9").id == a.id
    assert store.find_job(pickup_code="111111").id == a.id
    assert store.find_job(idempotency_key="k-1").data == {"company": "福州某某有限公司", "originals": 1}
    assert store.find_job(pickup_code="nope") is None
    assert [j.id for j in store.jobs(JobState.QUEUED)] == [b.id]
    assert [j.id for j in store.jobs(kind="licence")] == [a.id]
    counts = store.counts()
    assert set(counts) == {s.value for s in JobState}
    assert counts["requested"] == 1 and counts["queued"] == 1 and sum(counts.values()) == 2
    assert store.outbox_depth() == 2  # update_job appends nothing


def test_duplicate_idempotency_key_is_refused(store):
    from offline_cache import DuplicateJob

    store.create_job(service_id="svc", idempotency_key="same")
    with pytest.raises(DuplicateJob):
        store.create_job(service_id="svc", idempotency_key="same")
    assert store.outbox_depth() == 1 and len(store.jobs()) == 1


def test_recover_interrupted_marks_printing_jobs_for_verification(store, tmp_path):
    printing = job_in(store, JobState.PRINTING)
    ready = job_in(store, JobState.READY)
    recovered = store.recover_interrupted()
    assert [j.id for j in recovered] == [printing.id]
    assert store.get_job(printing.id).state == JobState.NEEDS_VERIFICATION
    assert store.get_job(ready.id).state == JobState.READY
    last = store.pending_events()[-1]
    assert (last.type, last.job_id) == ("job.needs_verification", printing.id)
    assert store.recover_interrupted() == []


def test_copies_may_change_when_printing_starts(store):
    job = job_in(store, JobState.READY, copies=1)
    assert store.transition(job.id, JobState.PRINTING, copies=3).copies == 3
    with pytest.raises(ValueError):
        store.update_job(job.id, copies=0)
