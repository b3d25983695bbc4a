"""What the sandbox platform knows and decides, apart from HTTP: terminals, nonces, identities,
documents, licence jobs, events and remote config. Every method is thread-safe.

Identities come from drivers.sim.people; the resident "stranger" is unknown to the platform.
A subject is an opaque id derived from the ID number, never the ID number itself.
"""
from __future__ import annotations

import collections
import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from drivers.sim import people
from kiosk import signing
from kiosk.privacy import mask_name
from kiosk.sandbox.event_schemas import check_event

EVENT_TYPES = frozenset({
    "job.requested", "job.printed", "job.failed", "job.needs_verification", "evaluation.submitted",
    "device.status", "terminal.heartbeat", "terminal.config_changed", "terminal.selftest",
    "technician.audit", "technician.lockout", "job.identity_refused",
})
UNKNOWN_TO_PLATFORM = frozenset({"stranger"})
_SUBJECT_SALT = b"efz-sandbox-subject-v1"
_PAGE_RE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class ApiError(Exception):
    """An answer ``{"error": {"code", "message"}}`` with ``status``."""

    def __init__(self, status: int, code: str, message: str = "", retry_after: float | None = None):
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.retry_after = status, code, message, retry_after


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    status: int | None          # None: the connection was dropped without an answer
    at: float
    terminal_id: str | None = None
    timestamp: str | None = None
    nonce: str | None = None
    signature: str | None = None
    idempotency_key: str | None = None


@dataclass
class StoredDocument:
    job_id: str
    terminal_id: str
    content: bytes
    sha256: str
    pages: int
    verify_code: str
    expires_at: str
    request: dict = field(default_factory=dict)


def etag_of(body: Any) -> str:
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return f'"{digest[:20]}"'


def count_pages(pdf: bytes) -> int:
    """Pages of a PDF (pypdfium2 when it can parse it, else a count of page objects)."""
    try:
        import pypdfium2  # noqa: PLC0415

        doc = pypdfium2.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()
    except Exception:
        return max(1, len(_PAGE_RE.findall(pdf)))


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _verify_code(rng=None) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join((rng or secrets).choice(alphabet) for _ in range(12))


def _require(body: Any, key: str, kind: type, *, max_len: int = 200):
    value = body.get(key) if isinstance(body, dict) else None
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise ApiError(422, "invalid_request", f"{key}: expected {kind.__name__}")
    if isinstance(value, str) and not 0 < len(value) <= max_len:
        raise ApiError(422, "invalid_request", f"{key}: empty or too long")
    return value


class SandboxState:
    def __init__(self, terminals: dict[str, bytes], *, documents=None, catalogue: dict | None = None,
                 verify_seed: int | None = None):
        """``verify_seed``: verification codes drawn from a generator seeded with it (the same
        sequence in every sandbox so seeded), else unpredictable ones."""
        self._lock = threading.RLock()
        import random

        self._verify_rng = random.Random(verify_seed) if verify_seed is not None else None
        self._create_lock = threading.Lock()
        self.terminals = dict(terminals)
        self._documents_module = documents
        self._catalogue = catalogue
        self._nonces: set[str] = set()
        self._nonce_order: collections.deque[tuple[float, str]] = collections.deque()
        self._tokens: dict[str, tuple[str, float]] = {}
        self._subjects: dict[str, str] = {}                  # subject → resident key
        self._idem: dict[tuple[str, str], str] = {}         # (terminal, key) → job id
        self.documents: dict[str, StoredDocument] = {}
        self._licences: dict[tuple[str, str], StoredDocument] = {}   # (terminal, credit code)
        self.assigned_companies: dict[str, tuple[str, ...]] = {}    # terminal → company keys
        self._event_ids: set[tuple[str, str]] = set()
        self.events: list[dict] = []
        self.config_overrides: dict[str, dict] = {}
        self.requests: list[RequestRecord] = []

    # ------------------------------------------------------------------ lazily loaded content
    def _docs(self):
        if self._documents_module is None:
            from kiosk.sandbox import documents  # noqa: PLC0415 - heavy (fpdf2), loaded on first use

            self._documents_module = documents
        return self._documents_module

    def catalogue_body(self) -> dict:
        if self._catalogue is None:
            from kiosk.sandbox.catalogue import CATALOGUE  # noqa: PLC0415

            self._catalogue = CATALOGUE
        return self._catalogue

    def set_catalogue(self, body) -> None:
        """Serve ``body`` from now on, as it is (a test may serve a broken one on purpose)."""
        with self._lock:
            self._catalogue = body

    # ------------------------------------------------------------------ authentication
    def authenticate(self, method: str, path_with_query: str, body: bytes, headers) -> str:
        """The terminal id of a correctly signed, fresh, never-seen request (else ApiError 401)."""
        terminal = headers.get(signing.HEADER_TERMINAL)
        timestamp = headers.get(signing.HEADER_TIMESTAMP)
        nonce = headers.get(signing.HEADER_NONCE) or ""
        signature = headers.get(signing.HEADER_SIGNATURE)
        if not terminal or not timestamp or not nonce or not signature:
            raise ApiError(401, "unsigned", "X-Terminal-Id, X-Timestamp, X-Nonce and X-Signature are required")
        key = self.terminals.get(terminal)
        if key is None:
            raise ApiError(401, "unknown_terminal", "this terminal is not enrolled")
        if not re.fullmatch(r"[0-9a-f]{32}", nonce):
            raise ApiError(401, "bad_nonce", "X-Nonce must be 32 lowercase hex characters")
        if not signing.skew_ok(timestamp):
            raise ApiError(401, "clock_skew", f"X-Timestamp is more than {signing.MAX_SKEW_S} s from platform time")
        if not signing.verify(method, path_with_query, body, key, timestamp, nonce, signature):
            raise ApiError(401, "bad_signature", "X-Signature does not match")
        now = time.time()
        with self._lock:
            while self._nonce_order and self._nonce_order[0][0] < now - signing.NONCE_WINDOW_S:
                self._nonces.discard(self._nonce_order.popleft()[1])
            if nonce in self._nonces:
                raise ApiError(401, "replayed_nonce", "this nonce was already used")
            self._nonces.add(nonce)
            self._nonce_order.append((now, nonce))
        return terminal

    # ------------------------------------------------------------------ identity
    def subject_of(self, resident: people.Resident) -> str:
        sub = "sub_" + hmac.new(_SUBJECT_SALT, resident.id_number.encode(), hashlib.sha256).hexdigest()[:24]
        with self._lock:
            self._subjects[sub] = resident.key
        return sub

    def issue_efz_token(self, resident_key: str, ttl_s: float) -> str:
        if people.resident(resident_key) is None:
            raise KeyError(resident_key)
        token = "EFZ-" + secrets.token_hex(12).upper()
        with self._lock:
            self._tokens[token] = (resident_key, time.time() + ttl_s)
        return token

    def _token_resident(self, token: str) -> people.Resident:
        if token == "EFZ-EXPIRED":
            raise ApiError(403, "token_expired", "the identity code has expired; refresh it in the app")
        key = None
        if token.upper().startswith("EFZ-DEMO-"):
            key = token[len("EFZ-DEMO-"):].lower()
        else:
            with self._lock:
                entry = self._tokens.get(token)
            if entry is not None:
                key, expires = entry
                if time.time() > expires:
                    raise ApiError(403, "token_expired", "the identity code has expired; refresh it in the app")
        found = people.resident(key) if key else None
        if found is None or found.key in UNKNOWN_TO_PLATFORM:
            raise ApiError(403, "identity_rejected", "the identity code is not recognised")
        return found

    def verify_identity(self, body: Any) -> dict:
        method = _require(body, "method", str)
        if method == "id_card":
            id_number = _require(body, "id_number", str, max_len=18)
            name = _require(body, "name", str, max_len=30)
            found = people.resident(id_number.upper())
            if found is None or found.key in UNKNOWN_TO_PLATFORM or found.name != name.strip():
                raise ApiError(403, "identity_rejected", "the platform does not know this identity")
        elif method == "efz_qr":
            found = self._token_resident(_require(body, "token", str, max_len=500))
        else:
            raise ApiError(422, "invalid_request", "method: expected id_card or efz_qr")
        return {"subject": self.subject_of(found), "display_name": mask_name(found.name), "expires_in": 600}

    # ------------------------------------------------------------------ documents
    def _services(self) -> dict[str, dict]:
        return {s["id"]: s for s in self.catalogue_body()["services"]}

    def create_document(self, terminal: str, idempotency_key: str | None, body: Any) -> tuple[dict, bool]:
        """``(ticket, created)``; a repeat of the same key returns the same ticket, not created."""
        if not idempotency_key or len(idempotency_key) > 200:
            raise ApiError(400, "idempotency_key_required", "POST /documents needs an Idempotency-Key header")
        service_id = _require(body, "service_id", str)
        subject = _require(body, "subject", str)
        copies = _require(body, "copies", int)
        request = {"service_id": service_id, "subject": subject, "copies": copies}
        with self._create_lock:
            with self._lock:
                known = self._idem.get((terminal, idempotency_key))
                if known is not None:
                    doc = self.documents[known]
                    if doc.request != request:
                        raise ApiError(422, "idempotency_key_reused", "this Idempotency-Key was used for another request")
                    return self._ticket(doc), False
                resident_key = self._subjects.get(subject)
            if not 1 <= copies <= 10:
                raise ApiError(422, "invalid_request", "copies: expected 1..10")
            service = self._services().get(service_id)
            if service is None or service.get("printer") != "document" or service.get("kind", "print") != "print":
                raise ApiError(404, "unknown_service", f"no printable service {service_id!r}")
            if resident_key is None:
                raise ApiError(403, "unknown_subject", "verify the identity first")
            verify_code = _verify_code(self._verify_rng)
            pdf = self._docs().render_certificate(service_id, people.resident(resident_key), verify_code=verify_code,
                                                  issued=dt.date.today(), service=service)
            doc = StoredDocument(job_id="D" + uuid.uuid4().hex[:15].upper(), terminal_id=terminal, content=pdf,
                                 sha256=hashlib.sha256(pdf).hexdigest(), pages=count_pages(pdf),
                                 verify_code=verify_code, request=request,
                                 expires_at=_iso(dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=7)))
            with self._lock:
                self.documents[doc.job_id] = doc
                self._idem[(terminal, idempotency_key)] = doc.job_id
        return self._ticket(doc), True

    @staticmethod
    def _ticket(doc: StoredDocument) -> dict:
        return {"job_id": doc.job_id, "pages": doc.pages, "sha256": doc.sha256, "content_type": "application/pdf",
                "verify_code": doc.verify_code, "expires_at": doc.expires_at}

    def content(self, terminal: str, job_id: str) -> bytes:
        with self._lock:
            doc = self.documents.get(job_id)
            if doc is None:
                doc = next((d for (t, _), d in self._licences.items() if t == terminal and d.job_id == job_id), None)
        if doc is None or doc.terminal_id != terminal:
            raise ApiError(404, "unknown_job", "no such job for this terminal")
        return doc.content

    # ------------------------------------------------------------------ licence jobs
    def assigned(self, terminal: str, keys: tuple[str, ...] | None = None) -> dict:
        """``GET /jobs/assigned``: the licence jobs of ``keys`` (default: the terminal's companies)."""
        if keys is None:
            keys = self.assigned_companies.get(terminal, tuple(c.key for c in people.COMPANIES))
        jobs = []
        for key in keys:
            company = people.company(key)
            doc = self._licence(terminal, company)
            jobs.append({
                "job_id": doc.job_id, "credit_code": company.credit_code, "company": company.name,
                "originals": company.originals, "duplicates": company.duplicates,
                "authorised_id_sha256": [hashlib.sha256(people.resident(k).id_number.encode("utf-8")).hexdigest()
                                         for k in company.authorised],
                "sha256": doc.sha256, "expires_at": doc.expires_at,
            })
        return {"jobs": jobs}

    def _licence(self, terminal: str, company: people.Company) -> StoredDocument:
        with self._create_lock:
            with self._lock:
                doc = self._licences.get((terminal, company.credit_code))
            if doc is None:
                verify_code = _verify_code(self._verify_rng)
                pdf = self._docs().render_licence(company, verify_code=verify_code)
                job_id = "L" + hashlib.sha256(f"{terminal}/{company.credit_code}".encode()).hexdigest()[:15].upper()
                doc = StoredDocument(job_id=job_id, terminal_id=terminal, content=pdf,
                                     sha256=hashlib.sha256(pdf).hexdigest(), pages=count_pages(pdf),
                                     verify_code=verify_code,
                                     expires_at=_iso(dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=30)))
                with self._lock:
                    self._licences[(terminal, company.credit_code)] = doc
        return doc

    # ------------------------------------------------------------------ events
    def post_events(self, terminal: str, body: Any) -> dict:
        events = body.get("events") if isinstance(body, dict) else None
        if not isinstance(events, list):
            raise ApiError(422, "invalid_request", "events: expected a list")
        if len(events) > 100:
            raise ApiError(413, "too_many_events", "at most 100 events per request")
        for i, ev in enumerate(events):
            if not isinstance(ev, dict) or not isinstance(ev.get("event_id"), str) or not ev["event_id"]:
                raise ApiError(422, "invalid_event", f"events[{i}].event_id: expected a string")
            if ev.get("type") not in EVENT_TYPES:
                raise ApiError(422, "invalid_event", f"events[{i}].type: unknown event type")
            if not isinstance(ev.get("at"), str) or not isinstance(ev.get("data"), dict):
                raise ApiError(422, "invalid_event", f"events[{i}]: 'at' must be a string and 'data' an object")
            if "job_id" in ev and ev["job_id"] is not None and not isinstance(ev["job_id"], str):
                raise ApiError(422, "invalid_event", f"events[{i}].job_id: expected a string")
            wrong = check_event(ev)
            if wrong:
                raise ApiError(422, "invalid_event", f"events[{i}] ({ev['type']}): " + "; ".join(wrong[:5]))
        accepted, duplicates = [], []
        with self._lock:
            for ev in events:
                key = (terminal, ev["event_id"])
                if key in self._event_ids:
                    duplicates.append(ev["event_id"])
                else:
                    self._event_ids.add(key)
                    self.events.append(dict(ev))
                    accepted.append(ev["event_id"])
        return {"accepted": accepted, "duplicates": duplicates}

    # ------------------------------------------------------------------ remote config
    def terminal_config(self, terminal: str) -> tuple[dict, str]:
        with self._lock:
            body = dict(self.config_overrides.get(terminal, {}))
        return body, etag_of(body)
