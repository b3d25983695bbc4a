"""The diagnostics export: one zip of logs, config (secret path only), status and queue counts.

Every file goes through kiosk.privacy.mask_text on its way into the zip (ID numbers, and the
names the log filter has seen), and the secret file's content is never read. Runs off the GUI
thread.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import zipfile
from pathlib import Path

import tomli_w

from kiosk import logs
from kiosk.privacy import mask_text

log = logging.getLogger(__name__)

MAX_LOG_BYTES = 64 * 2**20  # enough for the rotated set; a USB stick may be small
USB_ROOTS = ("/media", "/run/media", "/mnt")


def usb_destinations(roots: tuple[str, ...] = USB_ROOTS) -> list[Path]:
    """Mounted removable volumes (writable directories one or two levels under the roots)."""
    found = []
    for root in map(Path, roots):
        if not root.is_dir():
            continue
        for first in sorted(root.iterdir()):
            candidates = [first] if os.path.ismount(first) else (sorted(first.iterdir()) if first.is_dir() else [])
            for c in candidates:
                if c.is_dir() and os.path.ismount(c) and os.access(c, os.W_OK):
                    found.append(c)
    return found


def _mask(text: str) -> str:
    return mask_text(text, tuple(logs._names))


def config_text(cfg) -> str:
    """The effective config as TOML; the secret file is named, its content never read."""
    data = cfg.model_dump(mode="json", exclude={"source"})
    for dev in data.get("devices", {}).values():
        for k, v in list(dev.items()):
            if v is None:
                del dev[k]
    data = {k: v for k, v in data.items() if v is not None}
    return "# effective config of " + cfg.terminal.id + "\n" + tomli_w.dumps(_drop_none(data))


def _drop_none(value):
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value


def status_view(kiosk) -> dict:
    from kiosk.diag.status import status_dict

    sync = kiosk.sync.state
    return {"terminal": kiosk.cfg.terminal.id, "state": kiosk.session.state.value,
            "devices": {n: {**status_dict(kiosk.devices, n), "last_error": kiosk.devices.last_error(n)}
                        for n in kiosk.devices.names()},
            "network": {"online": sync.online, "last_ok_at": sync.last_ok_at, "last_error": sync.last_error,
                        "base_url": kiosk.cfg.platform.base_url}}


def queue_view(store) -> dict:
    stats = store.outbox_stats()
    return {"jobs": store.counts(), "outbox": stats.get("depth"), "oldest_event_at": stats.get("oldest_event_at"),
            "last_error": stats.get("last_error")}


def log_files(log_dir: Path) -> list[Path]:
    if not log_dir.is_dir():
        return []
    return sorted(p for p in log_dir.iterdir() if p.is_file() and p.name.startswith("kiosk.jsonl"))


def export(kiosk, dest_dir: Path, *, now: dt.datetime | None = None) -> Path:
    """Write ``diag-<terminal>-<time>.zip`` into ``dest_dir``; returns its path."""
    now = now or dt.datetime.now()
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    cfg = kiosk.cfg
    name = f"diag-{cfg.terminal.id}-{now:%Y%m%d-%H%M%S}.zip"
    path = dest_dir / name
    tmp = dest_dir / (name + ".part")
    parts: dict[str, str] = {
        "config.toml": config_text(cfg),
        "status.json": json.dumps(status_view(kiosk), ensure_ascii=False, indent=2, default=str),
        "queue.json": json.dumps(queue_view(kiosk.store), ensure_ascii=False, indent=2, default=str),
        "about.json": json.dumps({"terminal": cfg.terminal.id, "exported_at": now.isoformat(timespec="seconds"),
                                  "config_file": str(cfg.source) if cfg.source else None},
                                 ensure_ascii=False, indent=2),
    }
    budget = MAX_LOG_BYTES
    for p in log_files(cfg.storage.dir / "logs"):
        try:
            data = p.read_bytes()[-budget:]
        except OSError as e:
            log.warning("export: cannot read %s: %s", p.name, e)
            continue
        budget -= len(data)
        parts["logs/" + p.name] = data.decode("utf-8", errors="replace")
        if budget <= 0:
            break
    secret = _secret_text(cfg)
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for arc, text in parts.items():
            text = _mask(text)
            if secret and secret in text:  # belt and braces: the secret never leaves
                text = text.replace(secret, "(secret removed)")
            z.writestr(arc, text)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)
    log.info("diagnostics exported to %s", path)
    return path


def _secret_text(cfg) -> str:
    try:
        return cfg.terminal.secret_file.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
