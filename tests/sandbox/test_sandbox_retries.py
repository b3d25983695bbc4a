"""Retry policy: fresh signatures per attempt, one Idempotency-Key, Retry-After, no 4xx retries,
and every malformed answer becomes a clear error."""
import io
import json
import types

import pytest
import requests

from drivers.sim import people
from kiosk import signing
from kiosk.platform_client import BadAnswer, ChecksumMismatch, PlatformClient, Rejected, Unreachable
from tests.sandbox.conftest import TERMINAL

ZHANG = people.resident("zhang")


def _subject(client):
    return client.verify_identity("id_card", id_number=ZHANG.id_number, name=ZHANG.name).subject


def _healing_client(sandbox, secret, waits, **kw):
    """A client whose backoff sleep clears the faults: the first attempt fails, the next succeeds."""
    def sleep(s):
        waits.append(s)
        sandbox.faults.clear()
    return PlatformClient(sandbox.url, TERMINAL, secret, attempts=3, base_delay_s=0.01, max_delay_s=1, sleep=sleep, **kw)


@pytest.mark.parametrize("fault", [{"rate_503": 1.0}, {"rate_429": 1.0}, {"drop_rate": 1.0}, {"truncate_rate": 1.0}])
def test_retry_keeps_idempotency_key_and_re_signs(sandbox, secret, client, fault):
    """Given a fault on the first attempt, when a document is requested, then the retry carries
    the same Idempotency-Key with a new timestamp/nonce/signature, and one job exists."""
    subject = _subject(client)
    waits = []
    healing = _healing_client(sandbox, secret, waits)
    sandbox.faults.set(retry_after_s=0, **fault)
    ticket = healing.create_document("no_housing", subject, 1, "idem-1")
    posts = [r for r in sandbox.requests if r.method == "POST" and r.path.endswith("/documents")]
    assert len(posts) == 2 and len(waits) == 1
    assert {r.idempotency_key for r in posts} == {"idem-1"}
    assert posts[0].nonce != posts[1].nonce and posts[0].signature != posts[1].signature
    assert sandbox.documents_created == 1
    assert healing.create_document("no_housing", subject, 1, "idem-1") == ticket
    healing.close()


class _BusyTwice(requests.Session):
    """A platform that answers 503 twice, then 200; keeps every request as sent."""

    def __init__(self):
        super().__init__()
        self.sent = []

    def send(self, prepared, **kw):
        self.sent.append(prepared)
        busy = len(self.sent) <= 2
        body = json.dumps({"error": {"code": "unavailable", "message": "busy"}} if busy else {"ok": True}).encode()
        resp = requests.Response()
        resp.status_code = 503 if busy else 200
        resp.headers["Content-Length"] = str(len(body))
        resp.headers["Retry-After"] = "0"
        resp.raw = io.BytesIO(body)
        return resp


def test_each_attempt_is_signed_afresh(secret, monkeypatch):
    """Given a platform busy for two attempts and a clock that moves 7 s during each backoff, when
    the client posts, then each of the three attempts carries the clock's time at that attempt,
    a nonce of its own and a signature that verifies for exactly that timestamp and nonce."""
    clock = [1_700_000_000.0]
    monkeypatch.setattr(signing, "time", types.SimpleNamespace(time=lambda: clock[0]))
    platform = _BusyTwice()
    client = PlatformClient("http://platform.invalid/api", TERMINAL, secret, attempts=3, session=platform,
                            sleep=lambda s: clock.__setitem__(0, clock[0] + 7))
    assert client.request("POST", "/events", json_body={"events": []}).status == 200
    headers = [p.headers for p in platform.sent]
    assert [h[signing.HEADER_TIMESTAMP] for h in headers] == ["1700000000", "1700000007", "1700000014"]
    assert len({h[signing.HEADER_NONCE] for h in headers}) == 3
    assert len({h[signing.HEADER_SIGNATURE] for h in headers}) == 3
    for p in platform.sent:
        h = p.headers
        assert signing.verify("POST", p.path_url, p.body, secret, h[signing.HEADER_TIMESTAMP],
                              h[signing.HEADER_NONCE], h[signing.HEADER_SIGNATURE])
    assert client.retries == 2


def test_retry_after_is_honoured(sandbox, client, waits):
    sandbox.faults.set(rate_503=1.0, retry_after_s=0.3)
    with pytest.raises(Unreachable) as e:
        client.catalogue()
    assert e.value.retry_after == 0.3
    assert len(waits) == 2 and all(w >= 0.3 for w in waits)
    assert len(sandbox.requests) == 3
    assert len({r.nonce for r in sandbox.requests}) == 3


def test_backoff_is_capped_full_jitter(secret):
    c = PlatformClient("http://127.0.0.1:9", "T", secret, base_delay_s=1, max_delay_s=4)
    waits = [c.backoff(n) for n in range(1, 12) for _ in range(20)]
    assert all(0 <= w <= 4 for w in waits) and max(waits) > 2
    assert all(c.backoff(n, retry_after=7) >= 7 for n in range(1, 5))


def test_long_retry_after_is_left_to_the_caller(sandbox, client, waits):
    sandbox.faults.set(rate_429=1.0, retry_after_s=120)
    with pytest.raises(Unreachable) as e:
        client.catalogue()
    assert e.value.retry_after == 120 and waits == [] and len(sandbox.requests) == 1


def test_attempts_override(sandbox, client, waits):
    sandbox.faults.set(rate_503=1.0, retry_after_s=0)
    with pytest.raises(Unreachable):
        client.catalogue(attempts=2)
    assert len(sandbox.requests) == 2


def test_client_error_not_retried(sandbox, client, waits):
    with pytest.raises(Rejected):
        client.create_document("no_housing", "sub_nobody", 1, "k")
    assert len(sandbox.requests) == 1 and waits == []


def test_connection_refused_is_unreachable(secret, waits):
    c = PlatformClient("http://127.0.0.1:9/api", "T", secret, attempts=2, sleep=waits.append, timeout=(1, 1))
    with pytest.raises(Unreachable):
        c.catalogue()
    assert len(waits) == 1 and not c.health()


def test_truncated_answer_is_bad_answer(sandbox, client):
    sandbox.faults.set(truncate_rate=1.0)
    with pytest.raises(BadAnswer, match="truncated"):
        client.catalogue()


def test_oversized_answer_is_bad_answer(sandbox, secret):
    small = PlatformClient(sandbox.url, TERMINAL, secret, max_body=64, attempts=1)
    with pytest.raises(BadAnswer, match="bound"):
        small.catalogue()
    small.close()


def test_wrong_sha_is_checksum_mismatch(sandbox, client):
    ticket = client.create_document("no_housing", _subject(client), 1, "k")
    sandbox.faults.set(wrong_sha=True)
    with pytest.raises(ChecksumMismatch):
        client.document_content(ticket.job_id, ticket.sha256)


@pytest.mark.parametrize("answer, message", [
    ({"subject": "s", "display_name": "x"}, "expires_in"),
    ({"subject": "s", "display_name": "x", "expires_in": "600"}, "expires_in"),
    ({"subject": 5, "display_name": "x", "expires_in": 1}, "subject"),
    (["not", "an", "object"], "(root)"),
])
def test_malformed_identity_answers(sandbox, client, monkeypatch, answer, message):
    monkeypatch.setattr(sandbox.state, "verify_identity", lambda body: answer)
    with pytest.raises(BadAnswer, match=message):
        client.verify_identity("id_card", id_number=ZHANG.id_number, name=ZHANG.name)


def test_malformed_ticket_and_events_answers(sandbox, client, monkeypatch):
    subject = _subject(client)
    monkeypatch.setattr(sandbox.state, "create_document",
                        lambda t, k, b: ({"job_id": "J", "pages": 1, "sha256": "nothex", "content_type": "x",
                                          "verify_code": "v", "expires_at": "t"}, True))
    with pytest.raises(BadAnswer, match="sha256"):
        client.create_document("no_housing", subject, 1, "k")
    monkeypatch.setattr(sandbox.state, "post_events", lambda t, b: {"accepted": ["e1", "zzz"], "duplicates": []})
    with pytest.raises(BadAnswer, match="not sent"):
        client.post_events([{"event_id": "e1", "type": "terminal.heartbeat", "at": "t", "data": {}}])
    monkeypatch.setattr(sandbox.state, "post_events", lambda t, b: {"accepted": "e1"})
    with pytest.raises(BadAnswer):
        client.post_events([{"event_id": "e1", "type": "terminal.heartbeat", "at": "t", "data": {}}])


def test_secret_never_logged(sandbox, secret, client, caplog):
    caplog.set_level("DEBUG")
    sandbox.faults.set(rate_503=1.0, retry_after_s=0)
    with pytest.raises(Unreachable):
        client.verify_identity("id_card", id_number=ZHANG.id_number, name=ZHANG.name)
    text = caplog.text
    assert secret.hex() not in text and ZHANG.id_number not in text and ZHANG.name not in text
