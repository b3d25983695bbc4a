"""The terminal's core (kiosk.terminal.Terminal) without a screen: no Qt, real parts.

Each check runs in a process of its own, so what it imports is what the core imports, not what
an earlier test left in ``sys.modules``."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SERVE = r"""
import json, sys, threading, time
from pathlib import Path

from drivers.base import DeviceState, EventKind
from kiosk.simrig import SimulatedTerminal

rig = SimulatedTerminal(Path(sys.argv[1]), platform_port=0, receipt_port=0).start()
read = threading.Event()
try:
    with rig.core() as core:
        core.start()
        core.devices.subscribe(lambda e: e.kind == EventKind.CARD_READ and read.set())
        deadline = time.monotonic() + 60
        def ready():
            return (core.session.services and core.devices.status("id_card").state == DeviceState.ONLINE
                    and core.store.counts().get("ready", 0) >= 2)
        while not ready() and time.monotonic() < deadline:
            time.sleep(0.05)
        rig.card.place("zhang")
        got_card = read.wait(30)
        view = core.status_view()
        online = core.sync.state.online
finally:
    rig.stop()
print(json.dumps({"services": len(core.session.services), "card": got_card, "online": online,
                  "state": view["state"], "devices": sorted(view["devices"]),
                  "qt": sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken")))}))
"""

LAZY = r"""
import json, sys
from pathlib import Path

from kiosk import config as config_mod
from kiosk.terminal import Terminal

root = Path(sys.argv[1])
raw, _ = config_mod.raw_config(None)
none = {"driver": "none"}
raw = config_mod.deep_merge(raw, {"storage": {"dir": str(root / "store")},
                                  "devices": {"id_card": none, "qr_serial": none, "camera": none, "receipt": none,
                                              "document": {"driver": "file", "dir": str(root / "printed")},
                                              "licence": none}})
with Terminal(config_mod.validate(raw)) as t:
    t.devices.start()
    names = t.devices.names()
    t.devices.stop()
    built = sorted(k for k in vars(t) if k in ("_opened", "client", "sync", "session", "monitoring", "voice"))
    store_before = (root / "store").exists()
    tool = t.tool_store()
print(json.dumps({"devices": names, "built": built, "store": store_before, "tool_store": tool is None,
                  "qt": sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken")))}))
"""


def _run(script: str, tmp_path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_core_serves_a_simulated_terminal_without_importing_qt(tmp_path):
    """Given the core on a simulated rig (sandbox platform, card reader on a pty, printers),
    when it starts, then the catalogue reaches its session, the licence jobs are prefetched, a
    placed card is read through the real driver, its status view names every device, and no
    PySide6 module was ever imported."""
    out = _run(SERVE, tmp_path / "rig")
    assert out["qt"] == []
    assert out["services"] > 0 and out["card"] is True and out["online"] is True
    assert out["state"] == "home" and {"id_card", "receipt", "document", "licence"} <= set(out["devices"])


def test_parts_are_built_only_when_asked_for(tmp_path):
    """``kiosk.diag status`` probes the devices through the core: doing so opens no store, no
    platform client, no sync worker, session, monitoring or voice, and creates no store."""
    out = _run(LAZY, tmp_path)
    assert out["qt"] == []
    assert out["built"] == [] and out["store"] is False and out["tool_store"] is True
    assert "document" in out["devices"]
