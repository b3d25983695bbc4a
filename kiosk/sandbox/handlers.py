"""HTTP side of the sandbox platform: routing, authentication, fault injection, the request log."""
from __future__ import annotations

import json
import logging
import re
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import unquote, urlsplit

from drivers.sim import people
from kiosk.sandbox.state import ApiError, RequestRecord, etag_of

log = logging.getLogger(__name__)

MAX_REQUEST_BODY = 1024 * 1024

# (method, path pattern below the base path, handler name, signed)
ROUTES = (
    ("GET", r"/health", "health", False),
    ("GET", r"/catalogue", "catalogue", True),
    ("POST", r"/identity/verify", "identity_verify", True),
    ("POST", r"/documents", "documents_create", True),
    ("GET", r"/documents/(?P<job_id>[^/]+)/content", "documents_content", True),
    ("GET", r"/jobs/assigned", "jobs_assigned", True),
    ("POST", r"/events", "events", True),
    ("GET", r"/terminal/config", "terminal_config", True),
)
_COMPILED = tuple((m, re.compile(p + r"\Z"), h, s) for m, p, h, s in ROUTES)


class Reply:
    def __init__(self, status: int, body: bytes | dict | list | None = None, *,
                 content_type: str = "application/json", headers: dict | None = None):
        self.status = status
        if body is not None and not isinstance(body, bytes):
            body = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.body = body or b""
        self.content_type = content_type
        self.headers = headers or {}


def error_reply(err: ApiError) -> Reply:
    headers = {"Retry-After": _fmt_seconds(err.retry_after)} if err.retry_after is not None else None
    return Reply(err.status, {"error": {"code": err.code, "message": err.message}}, headers=headers)


def _fmt_seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class PlatformHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "efz-sandbox/1"

    # The server object carries ``platform`` (SandboxPlatform).
    def setup(self):
        super().setup()
        self.server.platform._track(self.connection, True)

    def finish(self):
        try:
            super().finish()
        finally:
            self.server.platform._track(self.connection, False)

    def log_message(self, fmt, *args):  # noqa: D401 - quiet by default; the request log is in memory
        log.debug("sandbox: " + fmt, *args)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = lambda self: self._handle()  # noqa: E731

    # ------------------------------------------------------------------ the request cycle
    def _handle(self) -> None:
        platform = self.server.platform
        if platform.is_down:
            self.close_connection = True
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_REQUEST_BODY:
            self.close_connection = True
            self._write(error_reply(ApiError(413, "body_too_large", "request body over 1 MiB")), record=None)
            return
        body = self.rfile.read(length) if length else b""
        faults = platform.faults
        settings = faults.settings
        if settings.delay_s > 0:
            time.sleep(settings.delay_s)
        record = {"method": self.command, "path": self.path, "at": time.time(),
                  "terminal_id": self.headers.get("X-Terminal-Id"), "timestamp": self.headers.get("X-Timestamp"),
                  "nonce": self.headers.get("X-Nonce"), "signature": self.headers.get("X-Signature"),
                  "idempotency_key": self.headers.get("Idempotency-Key")}
        refused = faults.before()
        if refused is not None:
            status, retry_after = refused
            reply = error_reply(ApiError(status, "unavailable" if status == 503 else "rate_limited",
                                         "injected fault", retry_after=retry_after))
        else:
            reply = self._dispatch(body)
        if faults.roll(settings.drop_rate):
            platform._record(RequestRecord(status=None, **record))
            self.close_connection = True
            return
        if reply.content_type == "application/json" and faults.roll(settings.garbage_rate):
            reply = Reply(200, b'{"job_id": <html>502 Bad Gateway</html>', headers=reply.headers)
        self._write(reply, record=record, truncate=bool(reply.body) and faults.roll(settings.truncate_rate))

    def _dispatch(self, body: bytes) -> Reply:
        platform = self.server.platform
        path = urlsplit(self.path).path
        base = platform.base_path
        if not path.startswith(base + "/"):
            return error_reply(ApiError(404, "not_found", "unknown path"))
        rel = path[len(base):]
        allowed = False
        for method, pattern, name, signed in _COMPILED:
            match = pattern.match(rel)
            if not match:
                continue
            allowed = True
            if method != self.command:
                continue
            try:
                terminal = None
                if signed:
                    terminal = platform.state.authenticate(self.command, self.path, body, self.headers)
                data = None
                if self.command == "POST":
                    try:
                        data = json.loads(body.decode("utf-8"))
                    except (UnicodeDecodeError, json.JSONDecodeError):
                        raise ApiError(400, "invalid_json", "the body is not JSON") from None
                return getattr(self, "_r_" + name)(terminal, data, **{k: unquote(v) for k, v in match.groupdict().items()})
            except ApiError as e:
                return error_reply(e)
            except Exception as e:  # a sandbox bug must still answer, and be visible in the log
                log.exception("sandbox: %s %s failed", self.command, rel)
                return error_reply(ApiError(500, "internal_error", type(e).__name__))
        if allowed:
            return error_reply(ApiError(405, "method_not_allowed", self.command))
        return error_reply(ApiError(404, "not_found", "unknown path"))

    def _write(self, reply: Reply, *, record: dict | None, truncate: bool = False) -> None:
        platform = self.server.platform
        if record is not None:
            platform._record(RequestRecord(status=reply.status, **record))
        self.send_response(reply.status)
        if reply.body or reply.status not in (204, 304):
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
        for key, value in reply.headers.items():
            self.send_header(key, value)
        if truncate:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(reply.body[: len(reply.body) // 2] if truncate else reply.body)

    # ------------------------------------------------------------------ routes
    def _etagged(self, body: dict, etag: str) -> Reply:
        if self.headers.get("If-None-Match") == etag:
            return Reply(304, None, headers={"ETag": etag})
        return Reply(200, body, headers={"ETag": etag})

    def _r_health(self, terminal, data):
        return Reply(200, {"status": "ok"})

    def _r_catalogue(self, terminal, data):
        body = self.server.platform.state.catalogue_body()
        return self._etagged(body, etag_of(body))

    def _r_identity_verify(self, terminal, data):
        return Reply(200, self.server.platform.state.verify_identity(data))

    def _r_documents_create(self, terminal, data):
        platform = self.server.platform
        ticket, created = platform.state.create_document(terminal, self.headers.get("Idempotency-Key"), data)
        if platform.faults.settings.expired:
            import datetime as dt

            gone = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=30)
            ticket = {**ticket, "expires_at": gone.replace(microsecond=0).isoformat().replace("+00:00", "Z")}
        return Reply(201, ticket)

    def _r_documents_content(self, terminal, data, job_id):
        platform = self.server.platform
        content = platform.state.content(terminal, job_id)
        if platform.faults.settings.wrong_sha:
            content = content + b"\n%tampered\n"
        return Reply(200, content, content_type="application/pdf")

    def _r_jobs_assigned(self, terminal, data):
        platform = self.server.platform
        body = platform.state.assigned(terminal)
        if platform.faults.settings.bad_expiry:
            # Listed before the usual jobs: one whose expires_at is no time, then a good licence
            # the terminal has not seen. A terminal must park the first and still fetch the
            # second (issue 11, defect 7).
            late = platform.state.assigned(terminal, (people.LATE_COMPANY.key,))["jobs"][0]
            bad = {**late, "job_id": "LBADEXPIRY" + late["job_id"][1:6], "expires_at": "not-a-time"}
            body = {**body, "jobs": [bad, late, *body["jobs"]]}
        return Reply(200, body)

    def _r_events(self, terminal, data):
        return Reply(200, self.server.platform.state.post_events(terminal, data))

    def _r_terminal_config(self, terminal, data):
        body, etag = self.server.platform.state.terminal_config(terminal)
        return self._etagged(body, etag)
