"""The diagnostics export: one zip of logs, config (secret path only), status and queue counts.

Every file goes through kiosk.privacy.mask_text on its way into the zip (ID numbers, addresses,
labelled names, and the names the log filter has seen). The config copy leaves out
``[technician]`` (the PIN hash) and every key that names a secret, key or password by its
value; the secret file's and the local data key's content are never read into it. The archive
is created without following links (``O_NOFOLLOW|O_EXCL`` relative to the opened destination
directory) under a random name, so a link planted on a USB stick cannot redirect the write.
The technician screen (:func:`export`) and ``python -m kiosk.diag export`` (:func:`write_archive`)
write the same archive. Runs off the GUI thread.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
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


#: config sections and keys never exported (the PIN hash; secrets by value)
EXCLUDED_SECTIONS = ("technician",)
_SECRET_WORDS = ("password", "passphrase", "token", "pin_hash", "private")


def config_text(cfg) -> str:
    """The effective config as TOML, without [technician] and without secret values; the secret
    file is named by its path, its content never read."""
    data = cfg.model_dump(mode="json", exclude={"source", *EXCLUDED_SECTIONS})
    data = _drop_secrets(data)
    for dev in data.get("devices", {}).values():
        for k, v in list(dev.items()):
            if v is None:
                del dev[k]
    data = {k: v for k, v in data.items() if v is not None}
    return "# effective config of " + cfg.terminal.id + "\n" + tomli_w.dumps(_drop_none(data))


def _drop_secrets(value):
    if isinstance(value, dict):
        return {k: _drop_secrets(v) for k, v in value.items()
                if not any(w in str(k).lower() for w in _SECRET_WORDS)}
    return value


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
    """Write ``diag-<terminal>-<time>-<random>.zip`` into ``dest_dir``; returns its path."""
    return write_archive(kiosk.cfg, dest_dir, status=status_view(kiosk), queue=queue_view(kiosk.store), now=now)


def write_archive(cfg, dest_dir: Path, *, status: dict, queue: dict, now: dt.datetime | None = None) -> Path:
    """The archive of ``cfg``'s terminal with the given status and queue views, in ``dest_dir``."""
    now = now or dt.datetime.now()
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    parts: dict[str, str] = {
        "config.toml": config_text(cfg),
        "status.json": json.dumps(status, ensure_ascii=False, indent=2, default=str),
        "queue.json": json.dumps(queue, ensure_ascii=False, indent=2, default=str),
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
    secrets_found = [t for t in (_secret_text(cfg), _local_key_text(cfg)) if t]
    name = f"diag-{cfg.terminal.id}-{now:%Y%m%d-%H%M%S}-{secrets.token_hex(4)}.zip"
    dir_fd = os.open(dest_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        part = f".{name}.{secrets.token_hex(8)}.part"
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=dir_fd)
        try:
            with os.fdopen(fd, "wb") as f:
                with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED) as z:
                    for arc, text in parts.items():
                        text = _mask(text)
                        for secret in secrets_found:  # belt and braces: no secret ever leaves
                            text = text.replace(secret, "(secret removed)")
                        z.writestr(arc, text)
                f.flush()
                os.fsync(f.fileno())
            # The final name is random and created here: rename does not follow a link there.
            os.rename(part, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            try:
                os.unlink(part, dir_fd=dir_fd)
            except OSError:
                pass
            raise
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    path = dest_dir / name
    log.info("diagnostics exported to %s", path)
    return path


def _secret_text(cfg) -> str:
    try:
        return cfg.terminal.secret_file.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def _local_key_text(cfg) -> str:
    from kiosk import local_key

    try:
        return local_key.key_path(cfg.storage.dir).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
