"""The outbox: appended with the state change that causes it, removed only when acknowledged."""
from __future__ import annotations

import threading
from datetime import datetime

import pytest

from offline_cache import JobState, Store, outbox
from tests.store.conftest import DOC_KEY, job_in


class NotJson:
    pass


def test_state_and_event_commit_together_or_not_at_all(store):
    """Given a printing job, when the event of its change cannot be encoded, then neither the
    state nor the outbox changed."""
    job = job_in(store, JobState.PRINTING)
    before = store.pending_events()
    with pytest.raises(TypeError):
        store.transition(job.id, JobState.PRINTED, event_data={"bad": NotJson()})
    assert store.get_job(job.id).state == JobState.PRINTING
    assert store.pending_events() == before
    # and the store is still usable afterwards
    assert store.transition(job.id, JobState.PRINTED).state == JobState.PRINTED


def test_failure_while_appending_the_event_rolls_back_the_state(store, monkeypatch):
    job = job_in(store, JobState.READY)

    def boom(*args, **kwargs):
        raise OSError("injected failure after the UPDATE")

    monkeypatch.setattr(outbox, "insert", boom)
    with pytest.raises(OSError, match="injected"):
        store.transition(job.id, JobState.FAILED, error_code="x")
    monkeypatch.undo()
    after = store.get_job(job.id)
    assert after.state == JobState.READY and after.error_code is None
    assert [e.type for e in store.pending_events()] == ["job.requested"]


def test_create_job_is_atomic_with_its_event(store):
    with pytest.raises(TypeError):
        store.create_job(service_id="svc", event_data={"x": NotJson()})
    assert store.jobs() == [] and store.outbox_depth() == 0


def test_add_events_is_one_transaction(store):
    with pytest.raises((TypeError, ValueError)):
        store.add_events([("device.status", {"ok": 1}), ("device.status", {"nan": float("nan")})])
    assert store.outbox_depth() == 0
    ids = store.add_events([("terminal.selftest", {"seq": i}, None) for i in range(5)])
    assert len(set(ids)) == 5 and all(len(i) == 32 for i in ids)


def test_ack_removes_only_the_acknowledged_events_and_order_is_kept(store):
    ids = [store.add_event("terminal.heartbeat", {"n": i}) for i in range(10)]
    pending = store.pending_events()
    assert [e.event_id for e in pending] == ids
    assert [e.data["n"] for e in pending] == list(range(10))
    assert [e.seq for e in pending] == sorted(e.seq for e in pending)
    assert store.ack_events([ids[1], ids[3], "not-an-event", ids[3]]) == 2
    assert [e.event_id for e in store.pending_events()] == [i for k, i in enumerate(ids) if k not in (1, 3)]
    assert [e.event_id for e in store.pending_events(limit=3)] == [ids[0], ids[2], ids[4]]
    assert store.ack_events([]) == 0
    assert store.outbox_depth() == 8


def test_event_fields_and_wire_form(store):
    event_id = store.add_event("evaluation.submitted", {"rating": "满意"}, job_id="PJ-1")
    e = store.pending_events()[0]
    assert e.event_id == event_id and e.job_id == "PJ-1" and e.data == {"rating": "满意"}
    assert e.at.endswith("Z") and datetime.fromisoformat(e.at.replace("Z", "+00:00")).tzinfo is not None
    assert e.to_wire() == {"event_id": event_id, "type": "evaluation.submitted", "at": e.at,
                           "job_id": "PJ-1", "data": {"rating": "满意"}}
    store.add_event("terminal.heartbeat", {})
    assert "job_id" not in store.pending_events()[1].to_wire()


def test_record_attempt_keeps_events_and_counts(store):
    ids = store.add_events([("terminal.heartbeat", {}, None)] * 3)
    store.record_attempt(ids[:2], "503 Service Unavailable")
    store.record_attempt(ids[:1], "connection reset")
    stats = store.outbox_stats()
    assert stats["depth"] == 3 and stats["head_attempts"] == 2 and stats["last_error"] == "connection reset"
    assert stats["oldest_event_at"] == store.pending_events()[0].at


def test_many_acks_above_sqlite_parameter_limit(store):
    ids = store.add_events([("terminal.selftest", {"seq": i}) for i in range(1500)])
    assert store.ack_events(ids[:1200]) == 1200
    assert store.outbox_depth() == 300


def test_events_survive_reopening(tmp_path):
    s = Store.open(tmp_path, doc_key=DOC_KEY)
    ids = [s.add_event("terminal.heartbeat", {"n": i}) for i in range(3)]
    s.ack_events(ids[:1])
    s.close()
    with Store.open(tmp_path, doc_key=DOC_KEY) as again:
        assert [e.event_id for e in again.pending_events()] == ids[1:]


def test_threads_share_one_store(store):
    """Given four threads appending and one acking, then every event is either acked or pending."""
    acked: list[str] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def producer(k):
        try:
            for i in range(50):
                store.add_event("terminal.selftest", {"t": k, "i": i})
        except BaseException as e:
            errors.append(e)

    def consumer():
        try:
            while not stop.is_set() or store.outbox_depth():
                batch = store.pending_events(7)
                store.ack_events(e.event_id for e in batch)
                acked.extend(e.event_id for e in batch)
        except BaseException as e:
            errors.append(e)

    producers = [threading.Thread(target=producer, args=(k,)) for k in range(4)]
    drain = threading.Thread(target=consumer)
    for t in [*producers, drain]:
        t.start()
    for t in producers:
        t.join(60)
    stop.set()
    drain.join(60)
    assert errors == []
    assert len(acked) == len(set(acked)) == 200 and store.outbox_depth() == 0


def test_catalogue_and_meta(store, tmp_path):
    assert store.catalogue() is None
    body = {"version": "7", "services": [{"id": "svc", "name": {"zh": "社保缴费证明", "en": "Social security"}}]}
    store.save_catalogue(body, '"etag-7"')
    assert store.catalogue() == (body, '"etag-7"')
    store.save_catalogue({"version": "8", "services": []}, None)
    assert store.catalogue() == ({"version": "8", "services": []}, None)
    assert store.get_meta("config.etag") is None and store.get_meta("x", "d") == "d"
    store.set_meta("config.etag", "abc")
    assert store.get_meta("config.etag") == "abc"
