"""The sandbox platform: a real HTTP server implementing DESIGN.md §5, for the demo and tests.

    with SandboxPlatform(terminals={"FZ-DEMO-0001": key}) as sandbox:
        client = PlatformClient(sandbox.url, "FZ-DEMO-0001", key)
        sandbox.faults.set(rate_503=0.2)
        sandbox.network_down(); sandbox.network_up()

It listens on 127.0.0.1 by default and keeps everything in memory.
"""
from __future__ import annotations

import logging
import socket
import threading
from http.server import ThreadingHTTPServer

from kiosk.sandbox.faults import Faults
from kiosk.sandbox.handlers import PlatformHandler
from kiosk.sandbox.state import RequestRecord, SandboxState

log = logging.getLogger(__name__)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def handle_error(self, request, client_address) -> None:
        """A client that went away mid-answer is normal for a platform; log it, no traceback dump."""
        import sys

        exc = sys.exc_info()[1]
        if isinstance(exc, (BrokenPipeError, ConnectionResetError, TimeoutError)):
            log.debug("sandbox: client %s went away: %s", client_address, exc)
        else:
            log.exception("sandbox: request from %s failed", client_address)


class SandboxPlatform:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, terminals: dict[str, bytes],
                 base_path: str = "/api/kiosk/v1", seed: int = 0, documents=None, catalogue: dict | None = None,
                 verify_seed: int | None = None):
        """``documents`` (a module-like object with render_certificate/render_licence) and
        ``catalogue`` default to kiosk.sandbox.documents and kiosk.sandbox.catalogue, loaded on use.
        ``verify_seed`` makes the documents' verification codes a repeatable sequence."""
        self.host = host
        self.port = port
        self.base_path = "/" + base_path.strip("/") if base_path.strip("/") else ""
        self.state = SandboxState(terminals, documents=documents, catalogue=catalogue, verify_seed=verify_seed)
        self.faults = Faults(seed)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._conn_lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._down = False

    # ------------------------------------------------------------------ life cycle
    def start(self) -> "SandboxPlatform":
        if self._server is not None:
            return self
        server = _Server((self.host, self.port), PlatformHandler)
        server.platform = self
        self.port = server.server_address[1]  # keep the port: network_up listens on it again
        self._server = server
        self._down = False
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"sandbox-platform:{self.port}", daemon=True)
        self._thread.start()
        log.info("sandbox platform listening on %s", self.url)
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        self._drop_connections()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def network_down(self) -> None:
        """Stop listening and cut open connections, as if the cable were pulled. State is kept."""
        self._down = True
        self.stop()
        self._down = True

    def network_up(self) -> None:
        """Listen again on the same port."""
        self._down = False
        self.start()

    @property
    def is_down(self) -> bool:
        return self._down

    def __enter__(self) -> "SandboxPlatform":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _track(self, conn: socket.socket, open_: bool) -> None:
        with self._conn_lock:
            (self._connections.add if open_ else self._connections.discard)(conn)

    def _drop_connections(self) -> None:
        with self._conn_lock:
            conns, self._connections = list(self._connections), set()
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    # ------------------------------------------------------------------ observability
    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}{self.base_path}"

    @property
    def events(self) -> list[dict]:
        """Accepted events, in the order they were accepted (duplicates excluded)."""
        with self.state._lock:
            return list(self.state.events)

    def event_count(self, type_: str | None = None) -> int:
        with self.state._lock:
            return sum(1 for e in self.state.events if type_ is None or e["type"] == type_)

    @property
    def requests(self) -> list[RequestRecord]:
        with self.state._lock:
            return list(self.state.requests)

    def _record(self, record: RequestRecord) -> None:
        with self.state._lock:
            self.state.requests.append(record)

    @property
    def documents_created(self) -> int:
        with self.state._lock:
            return len(self.state.documents)

    # ------------------------------------------------------------------ control
    def issue_efz_token(self, resident_key: str, ttl_s: float = 120) -> str:
        """A one-off e福州 identity token for ``resident_key``, valid ``ttl_s`` seconds."""
        return self.state.issue_efz_token(resident_key, ttl_s)

    def set_terminal_config(self, overrides: dict, terminal_id: str | None = None) -> None:
        """Remote overrides answered by ``GET /terminal/config`` (every terminal when None)."""
        with self.state._lock:
            for tid in [terminal_id] if terminal_id else list(self.state.terminals):
                self.state.config_overrides[tid] = dict(overrides)

    def set_assigned(self, company_keys: list[str] | tuple[str, ...], terminal_id: str | None = None) -> None:
        """Which companies' licences ``GET /jobs/assigned`` lists (default: all of them)."""
        with self.state._lock:
            for tid in [terminal_id] if terminal_id else list(self.state.terminals):
                self.state.assigned_companies[tid] = tuple(company_keys)

    def add_terminal(self, terminal_id: str, secret: bytes) -> None:
        with self.state._lock:
            self.state.terminals[terminal_id] = secret
