"""The rules of kiosk/print_jobs.py on a real SQLite store (docs/print-path.md)."""
import hashlib
from datetime import datetime, timedelta, timezone

import pytest

from kiosk import print_jobs
from offline_cache import JobState, Store

PDF = b"%PDF-1.4 rules"
SHA = hashlib.sha256(PDF).hexdigest()


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "store", doc_key=b"k" * 32)
    yield s
    s.close()


def _ready(store, **kw):
    job = store.create_job(service_id="no_housing", state=JobState.READY, sha256=SHA, **kw)
    store.put_document(job.id, PDF, SHA, kw.get("expires_at"))
    return job


def test_a_job_that_reached_a_printer_never_becomes_ready_again(store):
    """Given a job whose printer job was accepted, when it ends not printed, then it needs
    verification, and neither a lookup nor keep-for-pickup makes it printable again."""
    job = _ready(store)
    print_jobs.start_printing(store, job.id)
    print_jobs.note_printer_job(store, job.id, "41")
    got = print_jobs.mark_not_printed(store, job.id, "media-empty")  # the caller believed nothing came out
    assert got.state is JobState.NEEDS_VERIFICATION
    assert print_jobs.keep_for_pickup(store, job.id, "owner", lambda: "12345678") is None
    print_jobs.resolve(store, job.id, printed=False)  # a technician: not printed
    assert print_jobs.reopen(store, store.get_job(job.id)) is None
    assert store.get_job(job.id).state is JobState.FAILED


def test_a_job_refused_before_any_byte_left_is_kept_for_its_owner(store):
    job = _ready(store)
    print_jobs.start_printing(store, job.id)
    print_jobs.mark_not_printed(store, job.id, "media-empty")
    code = print_jobs.keep_for_pickup(store, job.id, "owner-digest", lambda: "12345678")
    got = store.get_job(job.id)
    assert code == "12345678" and got.state is JobState.READY and got.data["id_hmac"] == "owner-digest"


def test_expired_jobs_are_purged_and_never_printable(store):
    past = datetime.now(timezone.utc) - timedelta(days=30)
    job = _ready(store, pickup_code="55501234", expires_at=past)
    assert print_jobs.printable(store.get_job(job.id)) == "expired"
    print_jobs.purge_expired(store)
    assert store.get_job(job.id).state is JobState.EXPIRED and not store.has_document(job.id)


def test_orphan_certificates_of_a_dead_process_are_settled_at_start(store):
    """Given certificates left without a pickup code (requested, ready, an unaccepted offer) and
    one kept for pickup, when the kiosk starts, then only the orphans are settled."""
    requested = store.create_job(service_id="no_housing")
    ready = _ready(store)
    offer = store.create_job(service_id="no_housing", state=JobState.QUEUED)
    kept = _ready(store, pickup_code="73519046")
    assert print_jobs.sweep_orphans(store) == 3
    assert store.get_job(requested.id).state is JobState.FAILED
    assert store.get_job(ready.id).state is JobState.EXPIRED and not store.has_document(ready.id)
    assert store.get_job(offer.id).state is JobState.EXPIRED
    assert store.get_job(kept.id).state is JobState.READY


def test_a_licence_printed_in_part_is_flagged_with_the_serials_that_came_out(store):
    job = store.create_job(service_id="business_licence", kind="licence", state=JobState.READY,
                           data={"credit_code": "91350100MA2Y8K3L2H"})
    print_jobs.start_printing(store, job.id)
    print_jobs.record_serials(store, job.id, ["3501000001"], True, 1, 0, {"duplicates": 2, "unconfirmed": []})
    got = store.get_job(job.id)
    assert got.state is JobState.NEEDS_VERIFICATION and got.error_code == "licence_partly_printed"
    assert got.data["serials"] == ["3501000001"] and got.data["not_printed"]["duplicates"] == 2
    event = [e for e in store.pending_events() if e.type == "job.needs_verification"][-1]
    assert event.data["serials"] == ["3501000001"] and event.data["not_printed"]["duplicates"] == 2
