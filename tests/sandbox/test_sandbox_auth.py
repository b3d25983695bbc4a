"""The sandbox enforces §5 authentication on real HTTP: signature, skew, replay, terminal."""
import json
import time

import requests

from kiosk import signing
from tests.sandbox.conftest import TERMINAL


def _send(sandbox, key, *, method="GET", path="/catalogue", body=b"", terminal=TERMINAL, ts=None, nonce=None,
          tamper=False):
    full = sandbox.base_path + path
    headers = signing.signed_headers(terminal, method, full, body, key, now=ts, nonce=nonce)
    if tamper:
        headers["X-Signature"] = ("0" if headers["X-Signature"][0] != "0" else "1") + headers["X-Signature"][1:]
    if body:
        headers["Content-Type"] = "application/json"
    r = requests.request(method, f"http://{sandbox.host}:{sandbox.port}{full}", data=body or None,
                         headers=headers, timeout=5)
    return r


def _code(r):
    return r.json()["error"]["code"]


def test_good_signature_accepted(sandbox, secret):
    r = _send(sandbox, secret)
    assert r.status_code == 200 and "services" in r.json()


def test_bad_signature_rejected(sandbox, secret):
    r = _send(sandbox, secret, tamper=True)
    assert (r.status_code, _code(r)) == (401, "bad_signature")
    r = _send(sandbox, b"another key")
    assert (r.status_code, _code(r)) == (401, "bad_signature")


def test_body_is_covered_by_the_signature(sandbox, secret):
    body = json.dumps({"events": []}).encode()
    full = sandbox.base_path + "/events"
    headers = signing.signed_headers(TERMINAL, "POST", full, body, secret)
    r = requests.post(f"http://{sandbox.host}:{sandbox.port}{full}", data=body + b" ", headers=headers, timeout=5)
    assert (r.status_code, _code(r)) == (401, "bad_signature")


def test_skew_over_300_s_rejected(sandbox, secret):
    assert _send(sandbox, secret, ts=time.time() - 250).status_code == 200
    r = _send(sandbox, secret, ts=time.time() - 400)
    assert (r.status_code, _code(r)) == (401, "clock_skew")
    r = _send(sandbox, secret, ts=time.time() + 400)
    assert (r.status_code, _code(r)) == (401, "clock_skew")


def test_replayed_nonce_rejected(sandbox, secret):
    nonce = signing.new_nonce()
    assert _send(sandbox, secret, nonce=nonce).status_code == 200
    r = _send(sandbox, secret, nonce=nonce)
    assert (r.status_code, _code(r)) == (401, "replayed_nonce")


def test_unknown_terminal_and_unsigned_rejected(sandbox, secret):
    r = _send(sandbox, secret, terminal="FZ-NOBODY-9")
    assert (r.status_code, _code(r)) == (401, "unknown_terminal")
    r = requests.get(sandbox.url + "/catalogue", timeout=5)
    assert (r.status_code, _code(r)) == (401, "unsigned")


def test_health_is_unsigned(sandbox):
    r = requests.get(sandbox.url + "/health", timeout=5)
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_unknown_path_and_method(sandbox, secret):
    assert _send(sandbox, secret, path="/nothing").status_code == 404
    assert _send(sandbox, secret, method="POST", path="/catalogue", body=b"{}").status_code == 405


def test_openapi_document_lists_every_route():
    from pathlib import Path

    from kiosk.sandbox.handlers import ROUTES

    text = (Path(__file__).resolve().parents[2] / "docs" / "platform-api.yaml").read_text(encoding="utf-8")
    assert text.startswith("openapi: 3.1")
    for _, pattern, _, _ in ROUTES:
        path = pattern.replace("(?P<job_id>[^/]+)", "{job_id}")
        assert f"\n  {path}:\n" in text
