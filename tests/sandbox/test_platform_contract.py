"""Contract test: every request the client sends and every answer the sandbox gives, checked
against docs/platform-api.yaml with openapi-core (parameters, headers, bodies, status codes).

The client talks to the real sandbox over loopback HTTP; a response hook on its requests session
records each exchange, which is then validated as a request and as a response of the spec.
"""
from __future__ import annotations

from pathlib import Path

import openapi_core
import openapi_core.validation.request.exceptions
import pytest
import requests
import yaml
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse

from drivers.sim import people
from kiosk.platform_client import PlatformClient, Rejected

from .conftest import TERMINAL

SPEC = Path(__file__).resolve().parents[2] / "docs" / "platform-api.yaml"
ZHANG = people.resident("zhang")


def _spec_for(url: str):
    """The spec with its server set to this sandbox (ephemeral port)."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    spec["servers"] = [{"url": url}]
    return openapi_core.OpenAPI.from_dict(spec)


@pytest.fixture
def recorded(sandbox, secret):
    """(client, exchanges): a client whose every exchange is recorded as (request, response)."""
    exchanges: list[tuple[requests.PreparedRequest, requests.Response]] = []

    def hook(response, *args, **kwargs):
        _ = response.content  # read now; the client's iter_content then replays it
        exchanges.append((response.request, response))

    session = requests.Session()
    session.hooks["response"].append(hook)
    client = PlatformClient(sandbox.url, TERMINAL, secret, timeout=(2, 5), attempts=1, session=session)
    yield client, exchanges
    client.close()


def _play_every_operation(client, sandbox) -> None:
    assert client.health()
    body, etag = client.catalogue()
    client.catalogue(etag)                                           # 304
    config, cetag = client.terminal_config()
    client.terminal_config(cetag)                                    # 304
    subject = client.verify_identity("id_card", id_number=ZHANG.id_number, name=ZHANG.name).subject
    client.verify_identity("efz_qr", token=sandbox.issue_efz_token("lin", ttl_s=60))
    for fields in ({"id_number": ZHANG.id_number, "name": "李四"},):
        with pytest.raises(Rejected):                                # 403
            client.verify_identity("id_card", **fields)
    with pytest.raises(Rejected):                                    # expired token
        client.verify_identity("efz_qr", token="EFZ-EXPIRED")
    ticket = client.create_document("no_housing", subject, 1, "contract-1")
    client.create_document("no_housing", subject, 1, "contract-1")   # idempotent replay
    with pytest.raises(Rejected):                                    # unknown service
        client.create_document("no_such_service", subject, 1, "contract-2")
    with pytest.raises(Rejected):                                    # key reused
        client.create_document("no_housing", subject, 2, "contract-1")
    assert client.document_content(ticket.job_id, ticket.sha256).startswith(b"%PDF")
    with pytest.raises(Rejected):                                    # 404
        client.document_content("job-does-not-exist", "0" * 64)
    for job in client.assigned_jobs():
        client.document_content(job.job_id, job.sha256)
    events = [{"event_id": f"c{i}", "type": "terminal.selftest", "at": "2026-01-01T00:00:00Z",
               "data": {"seq": i}} for i in range(3)]
    client.post_events(events)
    client.post_events(events)                                       # duplicates
    with pytest.raises(Rejected):                                    # 422
        client.post_events([{"event_id": "x", "type": "no.such.type", "at": "t", "data": {}}])


def test_client_requests_and_sandbox_answers_follow_the_spec(recorded, sandbox):
    client, exchanges = recorded
    _play_every_operation(client, sandbox)
    api = _spec_for(sandbox.url)
    seen = set()
    for prepared, response in exchanges:
        request = RequestsOpenAPIRequest(prepared)
        if b"no.such.type" in (prepared.body or b""):
            # sent on purpose against the spec: the check must see it, the sandbox refuses it
            with pytest.raises(openapi_core.validation.request.exceptions.InvalidRequestBody):
                api.validate_request(request)
        else:
            api.validate_request(request)                               # the client's side
        api.validate_response(request, RequestsOpenAPIResponse(response))  # the sandbox's side
        seen.add((prepared.method, response.status_code))
    statuses = {status for _, status in seen}
    assert {200, 304, 403, 404, 422} <= statuses, seen
    assert len(exchanges) >= 18


def test_the_spec_itself_is_valid():
    from openapi_spec_validator import validate

    validate(yaml.safe_load(SPEC.read_text(encoding="utf-8")))
