"""HTTP client of the central platform API (DESIGN.md §5).

Every request except ``GET /health`` is signed at send time: each attempt carries a fresh
timestamp and nonce, while a POST's ``Idempotency-Key`` stays the same across its retries.
Transient failures (connect errors, timeouts, 408/409/429/5xx, dropped or truncated answers) are
retried with capped exponential backoff and full jitter, honouring ``Retry-After``; other 4xx are
not retried. Every answer is validated before a caller sees it.

The secret and personal data are never logged: log lines carry method, path, status, attempt.
"""
from __future__ import annotations

import hashlib
import json
import logging
import random
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from pydantic import ValidationError

if TYPE_CHECKING:
    import requests

from kiosk import signing
from kiosk.platform_models import (AssignedJob, AssignedJobs, Catalogue, DocumentTicket, EventsAnswer,
                                   Verified)

log = logging.getLogger(__name__)

MiB = 1024 * 1024
RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})


def _requests():
    """requests, imported at the first exchange (on the sync thread): with urllib3, charset
    detection and certifi it was a tenth of the kiosk's start-up on the GUI thread."""
    import requests

    return requests


class PlatformError(Exception):
    """Base of every failure of a platform call."""


class Unreachable(PlatformError):
    """No usable answer: connect error, timeout, dropped connection or 5xx after all retries."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class Rejected(PlatformError):
    """The platform refused the request (4xx) with its own error code."""

    def __init__(self, status: int, code: str, message: str = ""):
        super().__init__(f"{status} {code}: {message}" if message else f"{status} {code}")
        self.status = status
        self.code = code
        self.message = message


class BadAnswer(PlatformError):
    """The platform answered, but the answer is unusable (shape, type, size, truncation)."""


class ChecksumMismatch(BadAnswer):
    """A document's bytes do not hash to the SHA-256 the platform announced."""


class _Truncated(Exception):
    pass


@dataclass(frozen=True)
class Answer:
    status: int
    headers: requests.structures.CaseInsensitiveDict
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise BadAnswer(f"answer is not JSON: {e}") from None


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds only; an HTTP date is ignored)."""
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return max(0.0, seconds) if seconds == seconds else None


class PlatformClient:
    """One terminal's client of the platform. Thread-safe: the session's pool is shared."""

    def __init__(self, base_url: str, terminal_id: str, secret: bytes | Callable[[], bytes], *,
                 timeout: tuple[float, float] = (3.0, 10.0), ca_bundle: str | None = None,
                 max_body: int = 16 * MiB, attempts: int = 3, base_delay_s: float = 0.5,
                 max_delay_s: float = 30.0, sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None, session: requests.Session | None = None):
        self.base_url = base_url.rstrip("/")
        self.terminal_id = terminal_id
        self._secret = secret
        self.timeout = timeout
        self.verify: str | bool = ca_bundle or True
        self.max_body = max_body
        self.attempts = max(1, attempts)
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._given_session = session
        self._session_obj = None
        self._session_lock = threading.Lock()
        self._lock = threading.Lock()
        #: attempts beyond the first one of each call, since creation (for diagnostics)
        self.retries = 0
        #: called with True/False after each exchange: the platform answered / could not be reached
        self.on_traffic: Callable[[bool], None] | None = None

    # ------------------------------------------------------------------ plumbing
    @property
    def _session(self):
        """The requests session (the pool), made at first use."""
        with self._session_lock:
            if self._session_obj is None:
                self._session_obj = self._given_session or _requests().Session()
            return self._session_obj

    def close(self) -> None:
        with self._session_lock:
            session, self._session_obj = self._session_obj, None
        if session is not None:
            session.close()

    def _key(self) -> bytes:
        return self._secret() if callable(self._secret) else self._secret

    def backoff(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based): full jitter, capped,
        and never less than the platform's ``Retry-After``."""
        ceiling = min(self.max_delay_s, self.base_delay_s * (2 ** (attempt - 1)))
        wait = self._rng.uniform(0, ceiling)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return wait

    def _send_once(self, method: str, path: str, body: bytes, headers: dict, signed: bool) -> Answer:
        requests = _requests()
        req = requests.Request(method, self.base_url + path, data=body or None, headers=headers)
        prepared = self._session.prepare_request(req)
        if signed:
            # Signed here, per attempt: a retried request never reuses a timestamp or nonce.
            prepared.headers.update(signing.signed_headers(self.terminal_id, method, prepared.path_url,
                                                           body, self._key()))
        resp = self._session.send(prepared, timeout=self.timeout, verify=self.verify, stream=True,
                                  allow_redirects=False)
        try:
            declared = resp.headers.get("Content-Length")
            if declared is not None and declared.isdigit() and int(declared) > self.max_body:
                raise BadAnswer(f"answer of {declared} bytes is over the {self.max_body}-byte bound")
            chunks, size = [], 0
            try:
                for chunk in resp.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > self.max_body:
                        raise BadAnswer(f"answer is over the {self.max_body}-byte bound")
                    chunks.append(chunk)
            except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError) as e:
                raise _Truncated(str(e)) from None
            data = b"".join(chunks)
            if declared is not None and declared.isdigit() and len(data) != int(declared):
                raise _Truncated(f"got {len(data)} of {declared} bytes")
            return Answer(resp.status_code, resp.headers, data)
        finally:
            resp.close()

    # the retry rules of DESIGN.md §5 in one place: clearer whole than split up
    # not tenacity: Retry-After (floor and stop), seeded jitter and the last error would be callbacks, no shorter
    def request(self, method: str, path: str, *, json_body: Any = None, headers: dict | None = None,  # noqa: C901
                attempts: int | None = None, signed: bool = True, ok: tuple[int, ...] = (200,)) -> Answer:
        """Send with retries; return the answer whose status is in ``ok`` (or 304)."""
        requests = _requests()
        body = b""
        hdrs = {"Accept": "application/json", **(headers or {})}
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            hdrs["Content-Type"] = "application/json"
        tries = max(1, attempts if attempts is not None else self.attempts)
        last_error, retry_after = "no attempt", None
        for attempt in range(1, tries + 1):
            if attempt > 1:
                with self._lock:
                    self.retries += 1
                self._sleep(self.backoff(attempt - 1, retry_after))
            retry_after = None
            try:
                ans = self._send_once(method, path, body, hdrs, signed)
            except requests.exceptions.Timeout:
                last_error = "timed out"
            except requests.exceptions.SSLError as e:
                last_error = f"TLS error: {type(e).__name__}"
            except requests.exceptions.ConnectionError:
                last_error = "connection failed"
            except _Truncated as e:
                last_error = f"answer truncated ({e})"
            except requests.exceptions.RequestException as e:
                last_error = f"request failed: {type(e).__name__}"
            else:
                log.debug("%s %s → %s (attempt %d)", method, path, ans.status, attempt)
                self._traffic(ans.status < 500)
                if ans.status in ok or ans.status == 304:
                    return ans
                code, message = _error_of(ans)
                if ans.status in RETRY_STATUSES:
                    retry_after = parse_retry_after(ans.headers.get("Retry-After"))
                    last_error = f"{ans.status} {code}"
                    if retry_after is not None and retry_after > self.max_delay_s:
                        break  # the platform asks for longer than we block: the caller reschedules
                    continue
                if 400 <= ans.status < 500:
                    raise Rejected(ans.status, code, message)
                raise BadAnswer(f"unexpected status {ans.status}")
            log.info("%s %s: %s (attempt %d of %d)", method, path, last_error, attempt, tries)
        if not last_error.startswith(("answer truncated", "409")):
            self._traffic(False)
        if last_error.startswith("answer truncated"):
            raise BadAnswer(last_error)
        if last_error.startswith("409"):
            raise Rejected(409, last_error.split(" ", 1)[1], "conflict persisted")
        raise Unreachable(f"{method} {path}: {last_error}", retry_after=retry_after)

    def _traffic(self, reachable: bool) -> None:
        """Tell the listener what real traffic says about the platform (online detection)."""
        listener = self.on_traffic
        if listener is not None:
            try:
                listener(reachable)
            except Exception:
                log.debug("traffic listener failed", exc_info=True)

    def _json(self, method: str, path: str, **kw) -> Any:
        return self.request(method, path, **kw).json()

    # ------------------------------------------------------------------ calls
    def health(self, *, attempts: int | None = 1) -> bool:
        """True when ``GET /health`` answers ``{"status": "ok"}``; never raises."""
        try:
            body = self._json("GET", "/health", signed=False, attempts=attempts)
        except PlatformError:
            return False
        return isinstance(body, dict) and body.get("status") == "ok"

    def _etagged(self, path: str, etag: str | None, attempts: int | None) -> tuple[dict | None, str | None]:
        headers = {"If-None-Match": etag} if etag else None
        ans = self.request("GET", path, headers=headers, attempts=attempts)
        if ans.status == 304:
            return None, etag
        body = ans.json()
        if not isinstance(body, dict):
            raise BadAnswer(f"{path}: answer is not a JSON object")
        return body, ans.headers.get("ETag")

    def catalogue(self, etag: str | None = None, *, attempts: int | None = None) -> tuple[dict | None, str | None]:
        """``(body, etag)``; ``body`` is None when the cached copy (``etag``) is still current."""
        body, new_etag = self._etagged("/catalogue", etag, attempts)
        if body is not None:
            _model(Catalogue, body, "catalogue")
            from kiosk.catalogue import problems  # noqa: PLC0415

            found = problems(body)
            if found:
                raise BadAnswer("catalogue: " + "; ".join(found[:5]))
        return body, new_etag

    def terminal_config(self, etag: str | None = None, *, attempts: int | None = None) -> tuple[dict | None, str | None]:
        """Remote overrides of the terminal config: ``(body, etag)``, body None on 304."""
        return self._etagged("/terminal/config", etag, attempts)

    def verify_identity(self, method: str, *, attempts: int | None = None, **fields) -> Verified:
        body = self._json("POST", "/identity/verify", json_body={"method": method, **fields}, attempts=attempts)
        return _model(Verified, body, "identity/verify")

    def create_document(self, service_id: str, subject: str, copies: int, idempotency_key: str, *,
                        attempts: int | None = None) -> DocumentTicket:
        body = self._json("POST", "/documents", attempts=attempts, ok=(200, 201),
                          json_body={"service_id": service_id, "subject": subject, "copies": copies},
                          headers={"Idempotency-Key": idempotency_key})
        return _model(DocumentTicket, body, "documents")

    def document_content(self, job_id: str, sha256: str, *, attempts: int | None = None) -> bytes:
        """The document's bytes, verified against ``sha256`` (else :class:`ChecksumMismatch`)."""
        ans = self.request("GET", f"/documents/{_segment(job_id)}/content", attempts=attempts)
        if ans.status == 304:
            raise BadAnswer("content: unexpected 304")
        got = hashlib.sha256(ans.body).hexdigest()
        if got != sha256.lower():
            raise ChecksumMismatch(f"document {job_id}: SHA-256 {got[:12]}… differs from {sha256[:12]}…")
        return ans.body

    def assigned_jobs(self, *, attempts: int | None = None) -> list[AssignedJob]:
        """The valid licence jobs assigned to this terminal (see :meth:`assigned_jobs_checked`)."""
        return self.assigned_jobs_checked(attempts=attempts)[0]

    def assigned_jobs_checked(self, *, attempts: int | None = None) -> tuple[list[AssignedJob], list[tuple[str, str]]]:
        """``(valid jobs, refused)``: each job is validated on its own, so one with a bad field is
        refused as ``(its job_id or "#index", why)`` while the others go on."""
        answer = _model(AssignedJobs, self._json("GET", "/jobs/assigned", attempts=attempts), "jobs/assigned")
        valid, refused = [], []
        for i, raw in enumerate(answer.jobs):
            ref = str(raw.get("job_id"))[:80] if isinstance(raw, dict) and raw.get("job_id") else f"#{i}"
            try:
                valid.append(_model(AssignedJob, raw, f"jobs/assigned[{ref}]"))
            except BadAnswer as e:
                refused.append((ref, str(e)))
        return valid, refused

    def post_events(self, events: list[dict], *, attempts: int | None = None) -> tuple[list[str], list[str]]:
        """Deliver up to 100 events: ``(accepted ids, duplicate ids)``."""
        if len(events) > 100:
            raise ValueError("at most 100 events per request")
        answer = _model(EventsAnswer, self._json("POST", "/events", json_body={"events": events}, attempts=attempts), "events")
        sent = {e["event_id"] for e in events}
        unknown = (set(answer.accepted) | set(answer.duplicates)) - sent
        if unknown:
            raise BadAnswer(f"events: answer names {len(unknown)} event ids that were not sent")
        return list(answer.accepted), list(answer.duplicates)


def _segment(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def _error_of(ans: Answer) -> tuple[str, str]:
    try:
        err = json.loads(ans.body.decode("utf-8"))["error"]
        return str(err["code"])[:80], str(err.get("message", ""))[:300]
    except Exception:
        return f"http_{ans.status}", ""


def _model(model, body: Any, what: str):
    try:
        return model.model_validate(body)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        raise BadAnswer(f"{what}: {where}: {first['msg']}") from None


def client_from_config(cfg, **kw) -> PlatformClient:
    """A client for the terminal described by a :class:`kiosk.config.KioskConfig`.

    The secret is read from ``terminal.secret_file`` on every attempt, so a re-enrolled
    terminal's new key is used without a restart.
    """
    return PlatformClient(cfg.platform.base_url, cfg.terminal.id, cfg.secret,
                          timeout=(cfg.platform.connect_timeout_s, cfg.platform.timeout_s),
                          ca_bundle=cfg.platform.ca_bundle or None, **kw)
