"""A terminal's core without a screen, for the monitoring tests: the real store, the file
printers of the simulator, a real sync worker against the sandbox, the real monitoring."""
from __future__ import annotations

import secrets
import time
from pathlib import Path

from kiosk import config as config_mod


class CoreTerminal:
    def __init__(self, root: Path, sandbox, terminal_id: str, *, interval_s: float = 0.2,
                 heartbeat_s: float = 1.0, debounce_s: float = 0.1, listen: str = "127.0.0.1:0",
                 monitoring: dict | None = None):
        from drivers.manager import DeviceManager
        from kiosk.monitoring import TerminalMonitoring
        from kiosk.platform_client import PlatformClient
        from kiosk.sync import SyncWorker
        from offline_cache import Store

        self.root = Path(root)
        self.id = terminal_id
        self.secret = secrets.token_bytes(32)
        sandbox.add_terminal(terminal_id, self.secret)
        secret_file = self.root / "terminal.secret"
        self.root.mkdir(parents=True, exist_ok=True)
        secret_file.write_text(self.secret.hex(), encoding="ascii")
        none = {"driver": "none"}
        raw, _ = config_mod.raw_config(None)
        raw = config_mod.deep_merge(raw, {
            "terminal": {"id": terminal_id, "secret_file": str(secret_file)},
            "platform": {"base_url": sandbox.url},
            "storage": {"dir": str(self.root / "store")},
            "sync": {"interval_s": interval_s},
            "monitoring": {"listen": listen, "heartbeat_s": heartbeat_s, "device_debounce_s": debounce_s,
                           **(monitoring or {})},
            "devices": {"id_card": none, "qr_serial": none, "camera": none, "receipt": none,
                        "document": {"driver": "file", "dir": str(self.root / "printed"), "poll_interval_s": 0.1},
                        "licence": {"driver": "file", "dir": str(self.root / "licence"), "poll_interval_s": 0.1}},
        })
        self.config = config_mod.validate(raw)
        self.store = Store.open(self.config.storage.dir, doc_key=self.secret)
        self.client = PlatformClient(sandbox.url, terminal_id, self.secret, timeout=(1, 3), attempts=1)
        self.sync = SyncWorker(self.store, self.client, interval_s=interval_s)
        self.devices = DeviceManager.from_config(self.config)
        self.monitoring = TerminalMonitoring(self.config, self.store, self.devices, lambda: self.sync.state,
                                             refresh_s=0.2)

    @property
    def monitor(self):
        return self.monitoring.monitor

    @property
    def metrics_url(self) -> str:
        server = self.monitoring.server
        return f"{server.scheme}://127.0.0.1:{server.port}/metrics"

    def start(self) -> "CoreTerminal":
        self.devices.start()
        self.sync.start()
        self.monitoring.start()
        return self

    def stop(self) -> None:
        self.monitoring.stop()
        self.sync.stop()
        self.devices.stop()
        self.client.close()
        self.store.close()

    def set_paper(self, device: str, state: str) -> None:
        folder = self.root / ("printed" if device == "document" else "licence")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "paper-state").write_text(state + "\n", encoding="utf-8")


def wait_for(condition, timeout: float = 60.0, what: str = "condition"):
    """Poll until ``condition()`` is truthy (generous: a loaded 2-core machine); returns it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")
