"""A whole simulated terminal: the sandbox platform plus a simulator for every device.

Used by ``make demo``, the flow tests, the screenshot gallery and technicians' training. The
kiosk talks to all of it through its real drivers and its real platform client: its config
(:attr:`SimulatedTerminal.config`) is all a kiosk.app.Kiosk needs, and
:meth:`SimulatedTerminal.core` builds the screenless core (kiosk.terminal.Terminal) on it.
"""
from __future__ import annotations

import os
import secrets
import socket
from pathlib import Path

import tomli_w

from kiosk import config as config_mod

TERMINAL_ID = "FZ-DEMO-0001"


def _free_port(preferred: int) -> int:
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise OSError("no free TCP port")


class SimulatedTerminal:
    """Start with :meth:`start`; :attr:`config` is then a KioskConfig pointing at every part."""

    def __init__(self, root: Path, *, platform_port: int = 8700, receipt_port: int = 9100,
                 orientation: str = "landscape", language: str = "zh", extra: dict | None = None,
                 documents=None, printers: str = "file", catalogue: dict | None = None,
                 verify_seed: int | None = None):
        """``printers``: "file" (each job a PDF in a folder) or "ipp" (an IPP queue simulator
        behind the real ``cups`` driver, sheets counted one by one; see drivers/sim/ipp_sim.py).
        ``catalogue``: the body the sandbox answers ``GET /catalogue`` with (default: its own)."""
        self.root = Path(root).resolve()
        self.platform_port = platform_port
        self.receipt_port = receipt_port
        self.orientation = orientation
        self.language = language
        self.extra = extra or {}
        self.documents = documents  # a stand-in renderer for long soak runs; None: the real one
        self.printers = printers
        self.catalogue = catalogue
        self.verify_seed = verify_seed  # repeatable verification codes (the scenario runner's renderer cache)
        self.sandbox = self.card = self.scanner = self.receipt = None
        self.printer_sims: dict = {}  # device name → IppPrinterSim (printers="ipp")
        self.config = None

    @property
    def printed_dir(self) -> Path:
        return self.root / "printed"

    @property
    def licence_dir(self) -> Path:
        return self.root / "licence"

    def start(self) -> "SimulatedTerminal":
        from drivers.sim.escpos_sim import EscposPrinterSim
        from drivers.sim.ga467_sim import CardReaderSim
        from drivers.sim.scanner_sim import ScannerSim
        from kiosk.sandbox.server import SandboxPlatform

        (self.root / "dev").mkdir(parents=True, exist_ok=True)
        secret_file = self.root / "terminal.secret"
        if not secret_file.exists():
            secret_file.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
            os.chmod(secret_file, 0o600)
        secret = bytes.fromhex(secret_file.read_text(encoding="ascii").strip())
        self.sandbox = SandboxPlatform(port=_free_port(self.platform_port), terminals={TERMINAL_ID: secret},
                                       documents=self.documents, catalogue=self.catalogue,
                                       verify_seed=self.verify_seed)
        self.sandbox.start()
        self.card = CardReaderSim(self.root / "dev" / "ttyIDCARD").start()
        self.scanner = ScannerSim(self.root / "dev" / "ttyQR").start()
        self.receipt = EscposPrinterSim(port=_free_port(self.receipt_port), out_dir=self.root / "receipts")
        self.receipt.start()
        printers = self._start_printers()
        raw = {
            "terminal": {"id": TERMINAL_ID, "secret_file": str(secret_file)},
            "platform": {"base_url": self.sandbox.url, "timeout_s": 5, "connect_timeout_s": 2},
            "storage": {"dir": str(self.root / "store")},
            "sync": {"interval_s": 1},
            "monitoring": {"listen": "127.0.0.1:0", "device_debounce_s": 0.5},  # several rigs may run at once
            "ui": {"fullscreen": False, "orientation": self.orientation, "language": self.language},
            "devices": {
                "id_card": {"driver": "ga467-serial", "port": str(self.card.link), "poll_interval_s": 0.2},
                "qr_serial": {"driver": "serial-line", "port": str(self.scanner.link)},
                "camera": {"driver": "none"},
                "receipt": {"driver": "escpos", "uri": f"tcp://127.0.0.1:{self.receipt.port}",
                            "poll_interval_s": 1.0},
                **printers,
            },
        }
        raw = config_mod.deep_merge(raw, self.extra)
        path = self.root / "terminal.toml"
        # 0600: the technician PIN hash goes in here too (diag set-pin, make demo)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(tomli_w.dumps(raw))
        os.chmod(path, 0o600)  # a file left by an older version may have had another mode
        self.config = config_mod.load(path)
        return self

    def _start_printers(self) -> dict:
        if self.printers != "ipp":
            return {"document": {"driver": "file", "dir": str(self.printed_dir), "poll_interval_s": 0.5},
                    "licence": {"driver": "file", "dir": str(self.licence_dir), "poll_interval_s": 0.5}}
        from drivers.sim.ipp_sim import IppPrinterSim

        devices = {}
        for name, queue, folder in (("document", "kiosk-a4", self.printed_dir), ("licence", "kiosk-licence", self.licence_dir)):
            sim = self.printer_sims[name] = IppPrinterSim(queue, folder).start()
            # Short timeouts: a printer that stops answering is noticed within seconds.
            devices[name] = {"driver": "cups", "printer": queue, "server": sim.server, "poll_interval_s": 0.5,
                             "job_poll_s": 0.1, "job_timeout_s": 20, "request_timeout_s": 3}
        return devices

    def stop(self) -> None:
        for part in (self.card, self.scanner, self.receipt, self.sandbox, *self.printer_sims.values()):
            if part is not None:
                try:
                    part.stop()
                except Exception:
                    pass

    # -- the simulator controls a trainer or a test uses ----------------------------------
    def set_paper(self, device: str, state: str) -> None:
        """Paper state of a printer: document/licence ("ok", "low", "out", "jammed"), receipt ("ok", "near_end", "out")."""
        if device == "receipt":
            self.receipt.paper = state
            return
        if device in self.printer_sims:
            self.printer_sims[device].fault({"out": "paper-out", "jammed": "jam"}.get(state, "recover"))
            return
        folder = self.printed_dir if device == "document" else self.licence_dir
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "paper-state").write_text(state + "\n", encoding="utf-8")

    def sheets(self, device: str) -> int:
        """Sheets that came out of printer ``device`` ("document" or "licence") so far."""
        sim = self.printer_sims.get(device)
        if sim is not None:
            return sim.sheets_out
        import json

        folder = self.printed_dir if device == "document" else self.licence_dir
        return sum(int(json.loads(p.read_text(encoding="utf-8")).get("sheets", 0))
                   for p in folder.glob("*.json")) if folder.exists() else 0

    def core(self, **kw):
        """The terminal's Qt-free core (kiosk.terminal.Terminal) on this rig's config, not yet
        started; ``kw`` as Terminal takes them (clock, post, voice_sink)."""
        from kiosk.terminal import Terminal

        return Terminal(self.config, **kw)

    def printed_pdfs(self) -> list[Path]:
        return sorted(self.printed_dir.glob("*.pdf")) if self.printed_dir.exists() else []

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
