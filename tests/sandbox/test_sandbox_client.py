"""PlatformClient against the real sandbox over loopback HTTP: calls, idempotency, retries."""
import hashlib

import pytest

from drivers.sim import people
from kiosk.platform_client import PlatformClient, Rejected, Unreachable

ZHANG = people.resident("zhang")


def _subject(client):
    return client.verify_identity("id_card", id_number=ZHANG.id_number, name=ZHANG.name).subject


def test_identity_by_id_card_gives_an_opaque_subject(client):
    v = client.verify_identity("id_card", id_number=ZHANG.id_number, name=ZHANG.name)
    assert v.subject and ZHANG.id_number not in v.subject and ZHANG.id_number[-6:] not in v.subject
    assert v.display_name == "张**" and v.expires_in > 0


@pytest.mark.parametrize("fields", [
    {"id_number": ZHANG.id_number, "name": "李四"},
    {"id_number": people.resident("stranger").id_number, "name": people.resident("stranger").name},
])
def test_identity_rejected_not_retried(client, sandbox, fields, waits):
    with pytest.raises(Rejected) as e:
        client.verify_identity("id_card", **fields)
    assert (e.value.status, e.value.code) == (403, "identity_rejected")
    assert len(sandbox.requests) == 1 and waits == []


def test_efz_tokens(client, sandbox):
    token = sandbox.issue_efz_token("lin", ttl_s=60)
    assert client.verify_identity("efz_qr", token=token).display_name == "林**"
    assert client.verify_identity("efz_qr", token="EFZ-DEMO-CHEN").display_name == "陈**"
    for token, code in (("EFZ-EXPIRED", "token_expired"), (sandbox.issue_efz_token("zhang", ttl_s=-1), "token_expired"),
                        ("EFZ-NOT-A-TOKEN", "identity_rejected"), ("EFZ-DEMO-STRANGER", "identity_rejected")):
        with pytest.raises(Rejected) as e:
            client.verify_identity("efz_qr", token=token)
        assert e.value.code == code


def test_document_is_idempotent_and_checked(client, sandbox):
    subject = _subject(client)
    first = client.create_document("no_housing", subject, 1, "key-1")
    again = client.create_document("no_housing", subject, 1, "key-1")
    other = client.create_document("no_housing", subject, 1, "key-2")
    assert first == again and other.job_id != first.job_id
    assert sandbox.documents_created == 2
    content = client.document_content(first.job_id, first.sha256)
    assert hashlib.sha256(content).hexdigest() == first.sha256 and content.startswith(b"%PDF")
    with pytest.raises(Rejected) as e:
        client.create_document("no_housing", subject, 2, "key-1")
    assert e.value.code == "idempotency_key_reused"


def test_document_refusals(client):
    subject = _subject(client)
    with pytest.raises(Rejected) as e:
        client.create_document("no_such_service", subject, 1, "k")
    assert e.value.code == "unknown_service"
    with pytest.raises(Rejected) as e:
        client.create_document("business_licence", subject, 1, "k2")
    assert e.value.code == "unknown_service"
    with pytest.raises(Rejected) as e:
        client.create_document("no_housing", "sub_unknown", 1, "k3")
    assert e.value.code == "unknown_subject"


def test_content_of_another_terminal_is_not_found(client, sandbox, secret):
    ticket = client.create_document("no_housing", _subject(client), 1, "k")
    sandbox.add_terminal("FZ-OTHER-0002", b"other")
    other = PlatformClient(sandbox.url, "FZ-OTHER-0002", b"other", attempts=1)
    with pytest.raises(Rejected) as e:
        other.document_content(ticket.job_id, ticket.sha256)
    assert e.value.status == 404
    other.close()


def test_events_deduplicated(client, sandbox):
    evs = [{"event_id": f"e{i}", "type": "terminal.selftest", "at": "2025-01-01T00:00:00Z", "data": {"seq": i}}
           for i in range(5)]
    assert client.post_events(evs[:3]) == (["e0", "e1", "e2"], [])
    assert client.post_events(evs + [evs[4]]) == (["e3", "e4"], ["e0", "e1", "e2", "e4"])
    assert [e["event_id"] for e in sandbox.events] == ["e0", "e1", "e2", "e3", "e4"]
    assert sandbox.event_count("terminal.selftest") == 5


def test_invalid_events_refused_whole(client, sandbox):
    with pytest.raises(Rejected) as e:
        client.post_events([{"event_id": "x", "type": "no.such.type", "at": "t", "data": {}}])
    assert e.value.code == "invalid_event" and sandbox.events == []
    with pytest.raises(ValueError):
        client.post_events([{"event_id": str(i)} for i in range(101)])


def test_etags(client, sandbox):
    body, etag = client.catalogue()
    assert etag and {s["id"] for s in body["services"]} >= {"no_housing", "business_licence"}
    assert client.catalogue(etag) == (None, etag)
    cfg, cetag = client.terminal_config()
    assert cfg == {} and client.terminal_config(cetag) == (None, cetag)
    sandbox.set_terminal_config({"ui": {"elder_mode": True}})
    cfg2, cetag2 = client.terminal_config(cetag)
    assert cfg2 == {"ui": {"elder_mode": True}} and cetag2 != cetag


def test_assigned_licences(client):
    jobs = {j.credit_code: j for j in client.assigned_jobs()}
    mindu = people.company("mindu")
    job = jobs[mindu.credit_code]
    assert (job.originals, job.duplicates, job.company) == (1, 2, mindu.name)
    assert job.authorised_id_sha256 == [hashlib.sha256(people.resident(k).id_number.encode()).hexdigest()
                                        for k in mindu.authorised]
    assert client.document_content(job.job_id, job.sha256).startswith(b"%PDF")


def test_network_down_and_up(client, sandbox):
    assert client.health()
    sandbox.network_down()
    assert not client.health()
    with pytest.raises(Unreachable):
        client.catalogue()
    sandbox.network_up()
    assert client.health() and client.catalogue()[0] is not None
