"""The sync worker against the real sandbox over loopback HTTP and a real SQLite store."""
import hashlib

import pytest

from drivers.sim import people
from kiosk.sync import SyncState
from offline_cache import JobState
from tests.sync.conftest import wait_for


def _queued(store, subject, key="idem-q1", **kw):
    return store.create_job(service_id="no_housing", kind="certificate", subject=subject, copies=1,
                            state=JobState.QUEUED, idempotency_key=key, pickup_code="482913", **kw)


def test_outbox_drained_in_order_and_acknowledged(store, sandbox, make_worker):
    ids = store.add_events([("terminal.selftest", {"seq": i}) for i in range(250)])
    worker = make_worker()
    report = worker.run_until_drained(60, outbox_only=True)
    assert report.drained and report.delivered == 250 and store.outbox_depth() == 0
    assert [e["event_id"] for e in sandbox.events] == ids
    posts = [r for r in sandbox.requests if r.path.endswith("/events")]
    assert len(posts) == 3  # batches of at most 100


def test_events_stay_when_platform_is_down(store, sandbox, make_worker):
    store.add_events([("terminal.selftest", {})] * 3)
    sandbox.network_down()
    worker = make_worker()
    assert worker.run_cycle() is False
    assert worker.state.online is False and store.outbox_depth() == 3
    sandbox.network_up()
    assert worker.run_cycle() is True
    assert worker.state.online is True and store.outbox_depth() == 0 and sandbox.event_count("terminal.selftest") == 3


def test_failed_delivery_is_recorded(store, sandbox, make_worker):
    worker = make_worker()
    assert worker.run_cycle(outbox_only=True) is True  # online
    store.add_event("terminal.selftest", {})
    sandbox.faults.set(rate_503=1.0, retry_after_s=0)
    assert worker.run_cycle(outbox_only=True) is False
    assert worker.state.online is False
    stats = store.outbox_stats()
    assert stats["depth"] == 1 and stats["head_attempts"] >= 1 and stats["last_error"]


def test_flapping_network_delivers_each_event_exactly_once(store, sandbox, make_worker):
    """Given 500 events and a platform that fails, drops, truncates and goes away, when the worker
    runs, then every event reaches the platform, each accepted once, in order."""
    ids = store.add_events([("terminal.selftest", {"seq": i}) for i in range(500)])
    sandbox.faults.set(rate_503=0.15, rate_429=0.1, retry_after_s=0, drop_rate=0.1, truncate_rate=0.1)
    changes = []
    worker = make_worker(batch_size=40, on_change=changes.append)
    worker.start()
    for round_ in range(1, 4):
        wait_for(lambda round_=round_: sandbox.event_count() >= round_ * 100,
                 what=f"progress before outage {round_}")
        sandbox.network_down()
        wait_for(lambda: worker.state.online is False, what="worker noticing the outage")
        sandbox.network_up()
        worker.kick()
    wait_for(lambda: store.outbox_depth() == 0, timeout=120, what="outbox drained")
    accepted = [e["event_id"] for e in sandbox.events]
    assert accepted == ids  # each exactly once, in outbox order
    assert any(r.status is None for r in sandbox.requests)  # drops really happened
    assert any(r.status == 503 for r in sandbox.requests)
    assert any(c.online is False for c in changes) and worker.state.online is True


def test_queued_job_becomes_ready_when_network_returns(store, sandbox, make_worker, subject):
    sandbox.network_down()
    job = _queued(store, subject)
    worker = make_worker()
    assert worker.run_cycle() is False
    assert store.get_job(job.id).state is JobState.QUEUED
    sandbox.network_up()
    assert worker.run_cycle() is True
    got = store.get_job(job.id)
    assert got.state is JobState.READY and got.platform_job_id and got.pages == 1 and got.verify_code
    pdf = store.get_document(job.id)
    assert hashlib.sha256(pdf).hexdigest() == got.sha256 == sandbox.state.documents[got.platform_job_id].sha256
    assert sandbox.documents_created == 1
    assert store.find_job(pickup_code="482913").id == job.id


def test_queued_job_with_identity_only(store, sandbox, make_worker):
    lin = people.resident("lin")
    job = store.create_job(service_id="medical_insurance", kind="certificate", copies=1, state=JobState.QUEUED,
                           idempotency_key="idem-q2", pickup_code="100200",
                           data={"identity": {"method": "id_card", "id_number": lin.id_number, "name": lin.name}})
    assert make_worker().run_cycle() is True
    got = store.get_job(job.id)
    assert got.state is JobState.READY and got.subject.startswith("sub_") and "identity" not in got.data


def test_queued_job_refused_by_platform_fails(store, sandbox, make_worker):
    job = _queued(store, "sub_nobody")
    make_worker().run_cycle()
    got = store.get_job(job.id)
    assert got.state is JobState.FAILED and got.error_code == "unknown_subject"


def test_wrong_sha_is_never_stored(store, sandbox, make_worker, subject):
    job = _queued(store, subject)
    sandbox.faults.set(wrong_sha=True)
    worker = make_worker()
    worker.run_cycle()
    got = store.get_job(job.id)
    assert got.state is JobState.QUEUED and got.error_code == "checksum_mismatch"
    assert not store.has_document(job.id)
    sandbox.faults.clear()
    worker.run_cycle()
    assert store.get_job(job.id).state is JobState.READY
    assert sandbox.documents_created == 1  # the retry reused the idempotency key


def test_licence_jobs_prefetched(store, sandbox, make_worker):
    worker = make_worker()
    assert worker.run_cycle() is True
    licences = store.jobs(kind="licence")
    assert len(licences) == len(people.COMPANIES)
    mindu = people.company("mindu")
    job = next(j for j in licences if j.data["credit_code"] == mindu.credit_code)
    assert job.state is JobState.READY and job.data["originals"] == 1 and job.data["duplicates"] == 2
    assert job.data["authorised_id_hmac"][0] == worker.id_digest(hashlib.sha256(people.resident("zhang").id_number.encode()).hexdigest())
    assert store.get_document(job.id).startswith(b"%PDF")
    worker.kick()
    worker.run_cycle()
    assert len(store.jobs(kind="licence")) == len(people.COMPANIES)
    # Offline now: the licence still prints from the cache.
    sandbox.network_down()
    assert store.get_document(job.id).startswith(b"%PDF")


def test_printed_job_reported_and_purged(store, sandbox, make_worker, subject):
    worker = make_worker()
    job = _queued(store, subject)
    worker.run_cycle()
    store.transition(job.id, JobState.PRINTING, event_type=None)
    store.transition(job.id, JobState.PRINTED)
    worker.run_until_drained(30)
    got = store.get_job(job.id)
    assert got.state is JobState.REPORTED and not store.has_document(job.id)
    printed = [e for e in sandbox.events if e["type"] == "job.printed"]
    assert len(printed) == 1 and printed[0]["job_id"] == got.platform_job_id


def test_catalogue_cached_with_etag(store, sandbox, make_worker):
    worker = make_worker()
    worker.run_cycle()
    body, etag = store.catalogue()
    assert etag and any(s["id"] == "no_housing" for s in body["services"])
    worker.kick()
    worker.run_cycle()
    statuses = [r.status for r in sandbox.requests if r.path.endswith("/catalogue")]
    assert statuses == [200, 304]


@pytest.mark.parametrize("verdict", [None, "ui.language: expected zh or en"])
def test_remote_config_applied_or_refused(store, sandbox, make_worker, verdict):
    seen = []

    def apply(body):
        seen.append(body)
        return verdict

    sandbox.set_terminal_config({"ui": {"language": "fr" if verdict else "en"}})
    worker = make_worker(apply_config=apply)
    worker.run_until_drained(30)
    worker.kick()
    worker.run_until_drained(30)
    assert len(seen) == 1  # the same version is not applied twice
    changed = [e for e in sandbox.events if e["type"] == "terminal.config_changed"]
    assert len(changed) == 1
    assert changed[0]["data"]["applied"] is (verdict is None) and changed[0]["data"]["reason"] == verdict


def test_empty_remote_config_is_not_reported(store, sandbox, make_worker):
    worker = make_worker(apply_config=lambda body: None)
    worker.run_until_drained(30)
    assert sandbox.event_count("terminal.config_changed") == 0


def test_state_and_on_change(store, sandbox, make_worker):
    changes = []
    worker = make_worker(on_change=changes.append)
    assert worker.state == SyncState()
    store.add_event("terminal.selftest", {})
    worker.run_cycle()
    assert worker.state.online is True and worker.state.outbox_depth == 0 and worker.state.last_ok_at
    assert changes and changes[-1].online is True


def test_background_thread_and_kick(store, sandbox, make_worker):
    worker = make_worker(interval_s=3600)
    worker.start()
    wait_for(lambda: worker.state.online is True, what="first cycle")
    store.add_event("terminal.selftest", {"n": 1})
    worker.kick()
    wait_for(lambda: sandbox.event_count("terminal.selftest") == 1, what="kicked delivery")
    worker.stop(timeout=10)
