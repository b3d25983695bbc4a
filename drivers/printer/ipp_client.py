"""IPP over HTTP to a CUPS server (TCP ``host:port`` or a unix socket path).

The standard library's http.client is used rather than requests so that TCP and the local
CUPS socket share one code path. Operations return the decoded response :class:`Message`;
transport failures raise :class:`IppUnreachable`, IPP error statuses :class:`IppStatusError`.
"""
from __future__ import annotations

import http.client
import itertools
import logging
import socket
from urllib.parse import quote

from drivers.printer import ipp

log = logging.getLogger(__name__)

PRINTER_ATTRS = ("printer-state", "printer-state-reasons", "printer-state-message",
                 "printer-is-accepting-jobs", "printer-name", "queued-job-count")
JOB_ATTRS = ("job-id", "job-state", "job-state-reasons", "job-state-message", "job-name",
             "job-impressions-completed", "job-media-sheets-completed", "job-printer-state-reasons")


class IppUnreachable(ConnectionError):
    """The server did not answer (refused, timed out, not HTTP, not IPP)."""


class IppStatusError(RuntimeError):
    def __init__(self, operation: str, status: int, message: str = ""):
        super().__init__(f"{operation}: IPP status 0x{status:04x} {message}".rstrip())
        self.status = status


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self._path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


class IppClient:
    """One CUPS server. ``server`` is ``host[:port]`` (default port 631) or a socket path."""

    def __init__(self, server: str = "localhost:631", *, user: str = "kiosk", timeout: float = 10.0):
        self.server = server
        self.user = user
        self.timeout = timeout
        self._ids = itertools.count(1)
        if server.startswith("/"):
            self.host, self.port = "localhost", 0
        else:
            host, _, port = server.rpartition(":") if ":" in server else (server, "", "631")
            self.host, self.port = host.strip("[]") or "localhost", int(port or 631)

    def printer_uri(self, queue: str) -> str:
        netloc = "localhost" if self.port == 0 else f"{self.host}:{self.port}"
        return f"ipp://{netloc}/printers/{quote(queue)}"

    # ------------------------------------------------------------------ transport

    def _connection(self) -> http.client.HTTPConnection:
        if self.port == 0:
            return _UnixConnection(self.server, self.timeout)
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def send(self, msg: ipp.Message, path: str = "/") -> ipp.Message:
        body = ipp.encode(msg)
        conn = self._connection()
        try:
            conn.request("POST", path, body=body, headers={"Content-Type": "application/ipp"})
            resp = conn.getresponse()
            data = resp.read()
        except (OSError, http.client.HTTPException) as e:
            raise IppUnreachable(f"CUPS at {self.server}: {e}") from None
        finally:
            conn.close()
        if resp.status != 200:
            raise IppUnreachable(f"CUPS at {self.server}: HTTP {resp.status} {resp.reason}")
        try:
            return ipp.decode(data)
        except ipp.IppError as e:
            raise IppUnreachable(f"CUPS at {self.server}: bad IPP answer: {e}") from None

    def _call(self, name: str, msg: ipp.Message, path: str) -> ipp.Message:
        resp = self.send(msg, path)
        if not resp.ok:
            op = resp.group(ipp.OPERATION)
            text = op.get("status-message", "") if op else ""
            raise IppStatusError(name, resp.code, str(text))
        return resp

    def _request(self, code: int, queue: str) -> ipp.Message:
        return ipp.request(code, next(self._ids), printer_uri=self.printer_uri(queue), user=self.user)

    # ------------------------------------------------------------------ operations

    def get_printer_attributes(self, queue: str, attrs: tuple[str, ...] = PRINTER_ATTRS) -> ipp.Group:
        msg = self._request(ipp.GET_PRINTER_ATTRIBUTES, queue)
        msg.groups[0].add("requested-attributes", ipp.KEYWORD, *attrs)
        resp = self._call("Get-Printer-Attributes", msg, f"/printers/{quote(queue)}")
        return resp.group(ipp.PRINTER) or ipp.Group(ipp.PRINTER)

    def print_job(self, queue: str, document: bytes, *, title: str, document_format: str = "application/pdf",
                  job_attrs: ipp.Group | None = None) -> int:
        """Submit ``document``; returns the job id."""
        msg = self._request(ipp.PRINT_JOB, queue)
        op = msg.groups[0]
        op.add("job-name", ipp.NAME, title or "kiosk")
        op.add("document-format", ipp.MIME_TYPE, document_format)
        if job_attrs is not None and job_attrs.attrs:
            msg.groups.append(job_attrs)
        msg.data = document
        resp = self._call("Print-Job", msg, f"/printers/{quote(queue)}")
        job = resp.group(ipp.JOB)
        job_id = job.get("job-id") if job else None
        if not isinstance(job_id, int):
            raise IppStatusError("Print-Job", resp.code, "no job-id in the answer")
        return job_id

    def get_job_attributes(self, queue: str, job_id: int, attrs: tuple[str, ...] = JOB_ATTRS) -> ipp.Group:
        msg = self._request(ipp.GET_JOB_ATTRIBUTES, queue)
        msg.groups[0].add("job-id", ipp.INTEGER, job_id)
        msg.groups[0].add("requested-attributes", ipp.KEYWORD, *attrs)
        resp = self._call("Get-Job-Attributes", msg, f"/printers/{quote(queue)}")
        return resp.group(ipp.JOB) or ipp.Group(ipp.JOB)

    def get_jobs(self, queue: str, which: str = "not-completed", attrs: tuple[str, ...] = JOB_ATTRS) -> list[ipp.Group]:
        msg = self._request(ipp.GET_JOBS, queue)
        msg.groups[0].add("which-jobs", ipp.KEYWORD, which)
        msg.groups[0].add("requested-attributes", ipp.KEYWORD, *attrs)
        resp = self._call("Get-Jobs", msg, f"/printers/{quote(queue)}")
        return resp.groups_of(ipp.JOB)

    def cancel_job(self, queue: str, job_id: int) -> None:
        msg = self._request(ipp.CANCEL_JOB, queue)
        msg.groups[0].add("job-id", ipp.INTEGER, job_id)
        self._call("Cancel-Job", msg, f"/printers/{quote(queue)}")
