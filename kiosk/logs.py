"""Structured logs: JSON lines, rotated with a size bound, personal data masked on the way out."""
from __future__ import annotations

import datetime as dt
import json
import logging
import logging.handlers
from pathlib import Path

from kiosk.privacy import mask_text

import collections
import threading

#: names of recent residents (in memory only, never written anywhere): a log line that mentions
#: one, even a late line from a worker thread after the visit ended, is masked. Bounded, so the
#: terminal does not accumulate a list of everyone it served.
_RECENT = 64
_names: "collections.OrderedDict[str, None]" = collections.OrderedDict()
_names_lock = threading.Lock()


def remember_name(name: str) -> None:
    """A resident's name seen during a visit: masked wherever it appears in a log line."""
    if name and len(name) > 1:
        with _names_lock:
            _names[name] = None
            _names.move_to_end(name)
            while len(_names) > _RECENT:
                _names.popitem(last=False)


def forget_names() -> None:
    with _names_lock:
        _names.clear()


def _recent_names() -> tuple[str, ...]:
    with _names_lock:
        return tuple(_names)


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message, _recent_names())
        if masked != message:
            record.msg, record.args = masked, None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "at": dt.datetime.fromtimestamp(record.created, dt.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "thread": record.threadName,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = mask_text(self.formatException(record.exc_info), _recent_names())
        return json.dumps(entry, ensure_ascii=False)


class ConsoleFormatter(logging.Formatter):
    """One line per record on the console: the traceback goes to the JSON log file only."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        exc_info, exc_text = record.exc_info, record.exc_text
        record.exc_info = record.exc_text = None
        try:
            line = super().format(record)
        finally:
            record.exc_info, record.exc_text = exc_info, exc_text
        if exc_info and exc_info[1] is not None:
            line += f" [{type(exc_info[1]).__name__}; details in the log file]"
        return line


def setup(log_dir: Path, *, level: int = logging.INFO, max_bytes: int = 5 * 2**20, backups: int = 5,
          console: bool = True) -> Path:
    """Log to ``log_dir/kiosk.jsonl`` (rotated, at most (backups+1) × max_bytes) and stderr."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kiosk.jsonl"
    root = logging.getLogger()
    root.setLevel(level)
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
    file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    file_handler.setFormatter(JsonFormatter())
    handlers = [file_handler]
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(ConsoleFormatter())
        handlers.append(stream)
    for h in handlers:
        h.addFilter(MaskingFilter())
        h._kiosk = True
        root.addHandler(h)
    return path
