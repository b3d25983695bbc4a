"""The sync worker and the print-path rules (issue 11, defects 5, 6 and 7), against the real
sandbox over loopback HTTP and a real SQLite store."""
import logging
from datetime import datetime, timedelta, timezone

from drivers.sim import people
from offline_cache import JobState


def test_one_assigned_job_with_a_bad_time_is_parked_and_holds_back_nothing(store, sandbox, make_worker, caplog):
    """Given GET /jobs/assigned where one job's expires_at is not a time, when the worker runs
    two cycles, then the other licence jobs are prefetched, the catalogue is cached, the bad job
    is logged once with its id, and the cycle goes on."""
    real = sandbox.state.assigned
    bad_id = {}

    def assigned(terminal):
        body = real(terminal)
        body["jobs"][0]["expires_at"] = "next tuesday"
        bad_id["id"] = body["jobs"][0]["job_id"]
        return body

    sandbox.state.assigned = assigned
    worker = make_worker()
    with caplog.at_level(logging.ERROR, logger="kiosk.sync_jobs"):
        worker.run_cycle()
        worker.kick()
        worker.run_cycle()
    licences = store.jobs(kind="licence")
    assert len(licences) == len(people.COMPANIES) - 1
    assert all(j.state is JobState.READY for j in licences)
    assert bad_id["id"] not in {j.platform_job_id for j in licences}
    assert store.catalogue() is not None  # the steps after the prefetch still ran
    parked = [r for r in caplog.records if bad_id["id"] in r.getMessage()]
    assert len(parked) == 1 and "expires_at" in parked[0].getMessage()


def test_an_offline_offer_the_resident_has_not_accepted_is_left_alone(store, sandbox, make_worker, subject):
    """Given a request kept as an offline offer (queued, no pickup code yet), when the platform
    answers again, then the worker does not complete it; once the resident accepts (a pickup
    code), it completes that same job with one platform request."""
    job = store.create_job(service_id="no_housing", kind="certificate", subject=subject, copies=1,
                           state=JobState.QUEUED, idempotency_key="idem-offer")
    worker = make_worker()
    assert worker.run_cycle() is True
    assert store.get_job(job.id).state is JobState.QUEUED and sandbox.documents_created == 0
    store.update_job(job.id, pickup_code="73519046")
    worker.kick()
    assert worker.run_cycle() is True
    assert store.get_job(job.id).state is JobState.READY and sandbox.documents_created == 1
    assert len(store.jobs(kind="certificate")) == 1


def test_expired_jobs_are_purged_on_every_cycle_even_offline(store, sandbox, make_worker):
    """Given a ready job 30 days past its expiry and the platform down, when a cycle runs, then
    the job is expired and its document gone."""
    past = datetime.now(timezone.utc) - timedelta(days=30)
    job = store.create_job(service_id="no_housing", kind="certificate", copies=1, state=JobState.READY,
                           pickup_code="55501234", expires_at=past)
    store.put_document(job.id, b"%PDF-1.4 old", __import__("hashlib").sha256(b"%PDF-1.4 old").hexdigest(), past)
    sandbox.network_down()
    assert make_worker().run_cycle() is False
    assert store.get_job(job.id).state is JobState.EXPIRED and not store.has_document(job.id)
