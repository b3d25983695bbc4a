"""``status``: every device's status, the network state and the queue depths (DESIGN.md §7).

While the kiosk runs it owns the devices (a serial port has one reader), so it writes its view
to ``storage.dir/status.json`` every few seconds; this command reports that when it is fresh.
Otherwise it builds the terminal's core (kiosk.terminal.Terminal) without its store, opens the
configured devices for a moment, asks the platform's /health, and reads the store as it is.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from kiosk.diag import DiagError
from kiosk.terminal import STATUS_FILE, Terminal
from kiosk.terminal import device_status as status_dict  # noqa: F401  (its older name, still imported)

FRESH_S = 15.0


def add_arguments(parser) -> None:
    parser.add_argument("--probe-s", type=float, default=3.0, metavar="S",
                        help="when the kiosk is not running: how long to let devices open (default 3)")
    parser.add_argument("--live", action="store_true", help="probe the devices even if the kiosk's view is fresh")


def _queue(cfg) -> dict:
    from kiosk.diag import queue

    class _Ctx:
        config = cfg

    class _Args:
        busy_timeout = 5.0

    try:
        q = queue.run(_Args(), _Ctx())
    except DiagError as e:
        return {"error": str(e)}
    return {"jobs": q["jobs"], "outbox": q["outbox"], "catalogue": q.get("catalogue")}


def _probe_devices(terminal: Terminal, seconds: float) -> dict:
    from drivers.base import DeviceState

    manager = terminal.devices
    manager.start()
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            if all(s.state != DeviceState.STARTING for s in manager.statuses().values()):
                break
            time.sleep(0.05)
        time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))  # one poll for paper etc.
        return {name: status_dict(manager, name) for name in manager.names()}
    finally:
        manager.stop()


def _network(terminal: Terminal) -> dict:
    base_url = terminal.cfg.platform.base_url
    try:
        started = time.monotonic()
        ok = terminal.client.health(attempts=1)  # unsigned: a terminal without its secret is asked too
        return {"online": ok, "base_url": base_url, "ms": round((time.monotonic() - started) * 1000)}
    except Exception as e:
        return {"online": False, "base_url": base_url, "error": str(e)}


def config_source(args) -> str:
    """Which config was read: --config, else KIOSK_CONFIG, else the built-in defaults."""
    import os

    given = getattr(args, "config", None) or os.environ.get("KIOSK_CONFIG")
    return str(given) if given else "built-in defaults (config/default.toml; pass --config FILE)"


def _demo_config(args, ctx) -> str | None:
    """Without --config and KIOSK_CONFIG: a running ``make demo``'s config (read into ``ctx``)."""
    import os

    if getattr(args, "config", None) or os.environ.get("KIOSK_CONFIG"):
        return None
    from kiosk import config as config_mod
    from kiosk.demo_files import find_running

    found, pointer = find_running()
    if found is None:
        return f"; no running demo ({pointer} is stale)" if pointer else None
    try:
        ctx.config = config_mod.load(found)
    except config_mod.ConfigError as e:
        raise DiagError(f"config of the running demo {found}: {e}") from None
    return f"{found} (the running demo's, from {pointer})"


def run(args, ctx) -> dict:
    demo = _demo_config(args, ctx)
    view = _run(args, ctx)
    if demo and not demo.startswith(";"):
        view["config"] = demo
    else:
        view["config"] = config_source(args) + (demo or "")
    return view


def _run(args, ctx) -> dict:
    cfg = ctx.config
    path = Path(cfg.storage.dir) / STATUS_FILE
    if not args.live and path.exists() and time.time() - path.stat().st_mtime < FRESH_S:
        try:
            view = json.loads(path.read_text(encoding="utf-8"))
            view["source"] = "kiosk"
            view["queue"] = _queue(cfg)
            view["catalogue"] = view["queue"].pop("catalogue", None)
            return view
        except (OSError, ValueError):
            pass  # a half-written file: probe instead
    queue = _queue(cfg)
    with Terminal(cfg) as terminal:  # only the parts asked for are built: no store is opened here
        return {"terminal": cfg.terminal.id, "source": "probe", "devices": _probe_devices(terminal, args.probe_s),
                "network": _network(terminal), "queue": queue, "catalogue": queue.pop("catalogue", None),
                "voice": _voice(terminal)}


def _voice(terminal) -> dict:
    """The voice output as the kiosk would find it: a sound card, the engine, the prompt pack.
    ``terminal``: a kiosk.terminal.Terminal, or a config to build one from."""
    if not isinstance(terminal, Terminal):
        terminal = Terminal(terminal)
    v = terminal.voice
    v.probe()
    return v.status()
