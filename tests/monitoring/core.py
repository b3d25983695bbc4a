"""A terminal's core without a screen, for the monitoring tests: a :class:`kiosk.terminal.Terminal`
(the real store, the file printers of the simulator, the real monitoring) with a plain sync
worker against the sandbox, quicker than a serving terminal's."""
from __future__ import annotations

import secrets
import time
from pathlib import Path

from kiosk import config as config_mod


class CoreTerminal:
    """The parts the monitoring tests look at, built and owned by ``self.terminal``. Unlike a
    serving terminal's, the platform client tries each call once (the tests take the sandbox down
    on purpose), the sync worker delivers the outbox and probes /health but pulls neither the
    catalogue nor the remote config, and the monitor refreshes every 0.2 s."""

    def __init__(self, root: Path, sandbox, terminal_id: str, *, interval_s: float = 0.2,
                 heartbeat_s: float = 1.0, debounce_s: float = 0.1, listen: str = "127.0.0.1:0",
                 monitoring: dict | None = None):
        from kiosk.terminal import Terminal

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
            "platform": {"base_url": sandbox.url, "connect_timeout_s": 1, "timeout_s": 3},
            "storage": {"dir": str(self.root / "store")},
            "sync": {"interval_s": interval_s},
            "monitoring": {"listen": listen, "heartbeat_s": heartbeat_s, "device_debounce_s": debounce_s,
                           **(monitoring or {})},
            "devices": {"id_card": none, "qr_serial": none, "camera": none, "receipt": none,
                        "document": {"driver": "file", "dir": str(self.root / "printed"), "poll_interval_s": 0.1},
                        "licence": {"driver": "file", "dir": str(self.root / "licence"), "poll_interval_s": 0.1}},
        })
        self.terminal = t = Terminal(config_mod.validate(raw))
        t.client.attempts = 1
        t.sync = t.make_sync_worker(interval_s=interval_s)  # in place of the serving terminal's
        t.monitoring.monitor.refresh_s = 0.2

    @property
    def config(self):
        return self.terminal.cfg

    @property
    def store(self):
        return self.terminal.store

    @property
    def client(self):
        return self.terminal.client

    @property
    def sync(self):
        return self.terminal.sync

    @property
    def devices(self):
        return self.terminal.devices

    @property
    def monitoring(self):
        return self.terminal.monitoring

    @property
    def monitor(self):
        return self.monitoring.monitor

    @property
    def metrics_url(self) -> str:
        server = self.monitoring.server
        return f"{server.scheme}://127.0.0.1:{server.port}/metrics"

    def start(self) -> "CoreTerminal":
        """Start the devices, the sync worker and the monitor, /metrics served at once (a
        serving terminal's ``Terminal.start`` also starts voice and waits for a first paint)."""
        t = self.terminal
        t.devices.start()
        t.sync.start()
        t.monitoring.start()
        return self

    def stop(self) -> None:
        self.terminal.stop()

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
