"""What ``make demo`` leaves for people: its technician PIN, the pointer to its terminal config,
and the list of files it wrote.

The pointer (``var/demo/running.json``, 0600) names the config of a demo that is running now and
the demo's process id; ``python -m kiosk.diag status`` without ``--config`` reads that config while
the process lives. No Qt here: the technician CLI imports this module.
"""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

DEMO_DIR = Path("var/demo")
POINTER = "running.json"


def new_pin() -> str:
    """A random 6-digit PIN that the technician PIN rules accept."""
    from kiosk.technician import pin_problem

    while True:
        pin = f"{secrets.randbelow(10 ** 6):06d}"
        if pin_problem(pin) is None:
            return pin


def write_pointer(out: Path, config_path: Path) -> Path:
    """Record that this process runs a demo with ``config_path``; returns the pointer's path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = out / POINTER
    tmp = path.with_name(f".{POINTER}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"config": str(Path(config_path).resolve()), "pid": os.getpid()}, f)
    os.replace(tmp, path)
    return path


def remove_pointer(out: Path) -> None:
    """Forget the pointer if it is this process's own (another demo may have replaced it)."""
    path = Path(out) / POINTER
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError, AttributeError):
        pass


def _alive(pid) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _places() -> list[Path]:
    """var/demo under the working directory, then under the source tree (``make demo`` runs there)."""
    here = [DEMO_DIR.resolve(), (Path(__file__).resolve().parents[1] / DEMO_DIR)]
    return list(dict.fromkeys(here))


def find_running(places: list[Path] | None = None) -> tuple[Path | None, Path | None]:
    """(config of a running demo or None, its pointer file or a stale one found, else None)."""
    stale = None
    for place in places or _places():
        path = Path(place) / POINTER
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        config = Path(str(info.get("config", "")))
        if _alive(info.get("pid")) and config.is_file():
            return config, path
        stale = stale or path
    return None, stale


def summary_lines(files: list[tuple[str, Path]]) -> list[str]:
    """One line per (label, path) that exists, as the demo's summary prints them."""
    width = max((len(label) for label, _ in files), default=0) + 1
    return [f"  {(label + ':').ljust(width + 1)} {path}" for label, path in files if Path(path).exists()]
