"""A network printer queue as CUPS shows it: IPP over HTTP on 127.0.0.1, for the real ``cups``
driver (drivers/printer/cups_driver.py) to talk to without a cupsd.

It answers Get-Printer-Attributes, Print-Job, Get-Job-Attributes, Get-Jobs and Cancel-Job for one
queue, and "prints" each job one sheet at a time (pages selected by ``page-ranges`` × ``copies``),
so a test can see exactly how many sheets came out and stop the paper in the middle of a job.
Printer trouble is acted out with :meth:`IppPrinterSim.fault`:

- ``paper-out`` / ``jam``: the printer reports ``media-empty`` / ``media-jam`` and stops feeding;
  the job stays ``processing`` behind it (as CUPS keeps it), and resumes on ``recover``.
- ``offline``: the queue stops listening (connections refused) and stops printing.
- ``hang``: connections are accepted and never answered; nothing prints.
- ``error``: job attributes come back malformed (a text where a number belongs), so the driver
  meets an answer it cannot use.
- ``recover``: all of that is cleared; jobs still in the queue carry on printing.

``fault(kind, after_submit=True)`` applies once the next job has been accepted;
``fault(kind, after_sheets=N)`` once N more sheets have come out.
"""
from __future__ import annotations

import io
import logging
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from drivers.printer import ipp

log = logging.getLogger(__name__)

KINDS = ("paper-out", "jam", "offline", "hang", "error", "recover")
_REASON = {"paper-out": "media-empty", "jam": "media-jam"}


@dataclass
class SimJob:
    job_id: int
    name: str
    sheets_total: int
    state: str = "pending"          # pending, processing, canceled, completed (IPP names)
    sheets_done: int = 0
    copies: int = 1
    media: str = ""
    pdf: bytes = field(default=b"", repr=False)


def _sheets_of(pdf: bytes, page_ranges: list, copies: int) -> int:
    """Pages selected × copies (the document's page count when it cannot be read)."""
    try:
        from pypdf import PdfReader

        total = len(PdfReader(io.BytesIO(pdf)).pages)
    except Exception:
        total = 1
    if page_ranges:
        pages = sum(max(0, min(r.upper, total) - r.lower + 1) for r in page_ranges)
    else:
        pages = total
    return max(1, pages) * max(1, copies)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class IppPrinterSim:
    """``IppPrinterSim("kiosk-a4", out_dir).start()``; ``server`` is the driver's ``host:port``."""

    def __init__(self, queue: str, out_dir: Path | str, *, port: int = 0, sheet_s: float = 0.05):
        self.queue = queue
        self.out_dir = Path(out_dir)
        self.port = port
        self.sheet_s = sheet_s
        self.sheets_out = 0                 # sheets that came out since start
        self.jobs: dict[int, SimJob] = {}
        self.cancels = 0                    # Cancel-Job requests that cancelled something
        self._reasons: list[str] = []
        self._mode = "ok"                   # ok | offline | hang | error
        self._armed: list[tuple[str, str, int]] = []   # (kind, "submit"|"sheets", sheets_out target)
        self._lock = threading.RLock()
        self._wake = threading.Condition(self._lock)
        self._next_id = 1
        self._server: _Server | None = None
        self._stopping = False
        self._worker: threading.Thread | None = None

    # ------------------------------------------------------------------ life cycle
    @property
    def server(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> "IppPrinterSim":
        import pypdf  # noqa: F401 - loaded now, not inside the first job's answer

        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._listen()
        if self._worker is None:
            self._worker = threading.Thread(target=self._print_loop, name=f"ipp-sim-{self.queue}", daemon=True)
            self._worker.start()
        return self

    def _listen(self) -> None:
        if self._server is not None:
            return
        server = _Server(("127.0.0.1", self.port), _Handler)
        server.sim = self
        self.port = server.server_address[1]
        self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                         name=f"ipp-sim-http-{self.queue}", daemon=True).start()

    def _unlisten(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._mode = "ok"
            self._wake.notify_all()
        self._unlisten()

    # ------------------------------------------------------------------ trouble
    def fault(self, kind: str, *, after_submit: bool = False, after_sheets: int | None = None) -> None:
        if kind not in KINDS:
            raise ValueError(f"printer fault must be one of {', '.join(KINDS)}")
        with self._lock:
            if after_submit:
                self._armed.append((kind, "submit", 0))
            elif after_sheets is not None:
                self._armed.append((kind, "sheets", self.sheets_out + max(0, int(after_sheets))))
            else:
                self._apply(kind)

    def _apply(self, kind: str) -> None:
        """Under the lock."""
        log.info("IPP simulator %s: %s", self.queue, kind)
        if kind == "recover":
            self._reasons, self._mode, self._armed = [], "ok", []
            self._wake.notify_all()
            threading.Thread(target=self._listen, daemon=True).start()
            return
        if kind in _REASON:
            if _REASON[kind] not in self._reasons:
                self._reasons.append(_REASON[kind])
            return
        self._mode = kind
        self._wake.notify_all()
        if kind == "offline":
            threading.Thread(target=self._unlisten, daemon=True).start()

    def _trigger(self, when: str) -> None:
        """Under the lock: apply armed faults whose moment has come."""
        due = [a for a in self._armed if a[1] == when and (when == "submit" or self.sheets_out >= a[2])]
        for item in due:
            self._armed.remove(item)
            self._apply(item[0])

    @property
    def reasons(self) -> list[str]:
        with self._lock:
            return list(self._reasons)

    @property
    def mode(self) -> str:
        with self._lock:
            return self._mode

    # ------------------------------------------------------------------ the paper path
    def _feeding(self) -> bool:
        return self._mode == "ok" and not self._reasons

    def _print_loop(self) -> None:
        with self._lock:
            while not self._stopping:
                job = next((j for j in self.jobs.values() if j.state in ("pending", "processing")), None)
                if job is None or not self._feeding():
                    self._wake.wait(0.2)
                    continue
                job.state = "processing"
                self._wake.wait(self.sheet_s)  # the time one sheet takes; trouble may come meanwhile
                if self._stopping or job.state != "processing" or not self._feeding():
                    continue
                job.sheets_done += 1
                self.sheets_out += 1
                if job.sheets_done >= job.sheets_total:
                    job.state = "completed"
                    (self.out_dir / f"job-{job.job_id}.pdf").write_bytes(job.pdf)
                self._trigger("sheets")

    # ------------------------------------------------------------------ IPP operations
    def answer(self, req: ipp.Message) -> ipp.Message:
        op = ipp.Group(ipp.OPERATION)
        op.add("attributes-charset", ipp.CHARSET, "utf-8")
        op.add("attributes-natural-language", ipp.LANGUAGE, "en")
        resp = ipp.Message(code=0, request_id=req.request_id, groups=[op])
        handler = {ipp.GET_PRINTER_ATTRIBUTES: self._printer_attributes, ipp.PRINT_JOB: self._print_job,
                   ipp.GET_JOB_ATTRIBUTES: self._job_attributes, ipp.GET_JOBS: self._get_jobs,
                   ipp.CANCEL_JOB: self._cancel_job}.get(req.code)
        if handler is None:
            resp.code = 0x0501  # server-error-operation-not-supported
            return resp
        if req.code == ipp.PRINT_JOB:  # count the sheets before taking the lock: parsing takes a while
            attrs = req.group(ipp.JOB) or ipp.Group(ipp.JOB)
            ranges = [r for r in attrs.getall("page-ranges") if isinstance(r, ipp.Range)]
            req.sheets = _sheets_of(req.data, ranges, int(attrs.get("copies", 1) or 1))
        with self._lock:
            handler(req, resp)
        return resp

    def _printer_attributes(self, req, resp) -> None:
        g = ipp.Group(ipp.PRINTER)
        busy = any(j.state == "processing" for j in self.jobs.values())
        state = 5 if "media-jam" in self._reasons else 4 if busy else 3
        g.add("printer-state", ipp.ENUM, state)
        g.add("printer-state-reasons", ipp.KEYWORD, *(self._reasons or ["none"]))
        g.add("printer-is-accepting-jobs", ipp.BOOLEAN, True)
        g.add("printer-name", ipp.NAME, self.queue)
        g.add("queued-job-count", ipp.INTEGER, sum(j.state in ("pending", "processing") for j in self.jobs.values()))
        resp.groups.append(g)

    def _print_job(self, req, resp) -> None:
        op = req.group(ipp.OPERATION) or ipp.Group(ipp.OPERATION)
        attrs = req.group(ipp.JOB) or ipp.Group(ipp.JOB)
        copies = int(attrs.get("copies", 1) or 1)
        job = SimJob(self._next_id, str(op.get("job-name", "")), req.sheets,
                     copies=copies, media=str(attrs.get("media", "")), pdf=req.data)
        self._next_id += 1
        self.jobs[job.job_id] = job
        self._trigger("submit")
        self._wake.notify_all()
        resp.groups.append(self._job_group(job))

    def _job_group(self, job: SimJob) -> ipp.Group:
        g = ipp.Group(ipp.JOB)
        g.add("job-id", ipp.INTEGER, job.job_id)
        g.add("job-uri", ipp.URI, f"ipp://127.0.0.1:{self.port}/jobs/{job.job_id}")
        g.add("job-state", ipp.ENUM, {"pending": 3, "processing": 5, "canceled": 7, "completed": 9}[job.state])
        g.add("job-state-reasons", ipp.KEYWORD, {"completed": "job-completed-successfully",
                                                 "canceled": "job-canceled-by-user"}.get(job.state, "none"))
        g.add("job-name", ipp.NAME, job.name or "job")
        if self._mode == "error":  # a broken answer: a word where the count of sheets belongs
            g.add("job-impressions-completed", ipp.TEXT, "many")
        else:
            g.add("job-impressions-completed", ipp.INTEGER, job.sheets_done)
        return g

    def _find(self, req, resp) -> SimJob | None:
        job = self.jobs.get((req.group(ipp.OPERATION) or ipp.Group(ipp.OPERATION)).get("job-id"))
        if job is None:
            resp.code = ipp.STATUS_NOT_FOUND
        return job

    def _job_attributes(self, req, resp) -> None:
        job = self._find(req, resp)
        if job is not None:
            resp.groups.append(self._job_group(job))

    def _get_jobs(self, req, resp) -> None:
        for job in self.jobs.values():
            if job.state in ("pending", "processing"):
                resp.groups.append(self._job_group(job))

    def _cancel_job(self, req, resp) -> None:
        job = self._find(req, resp)
        if job is None:
            return
        if job.state in ("completed", "canceled"):
            resp.code = ipp.STATUS_NOT_POSSIBLE
            return
        job.state = "canceled"
        self.cancels += 1
        self._wake.notify_all()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        log.debug("ipp sim: " + fmt, *args)

    def do_POST(self):
        sim: IppPrinterSim = self.server.sim
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if sim.mode == "hang":  # accepted, never answered (until recovered or stopped)
            with sim._lock:
                sim._wake.wait_for(lambda: sim._mode != "hang" or sim._stopping, timeout=30)
            self.close_connection = True
            return
        try:
            answer = ipp.encode(sim.answer(ipp.decode(body)))
        except ipp.IppError:
            self.send_error(400, "not IPP")
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/ipp")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


def wait_for(predicate, timeout: float = 10.0, step: float = 0.02) -> bool:
    """Poll ``predicate`` until it holds (tests of the simulator itself)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(step)
    return True
