"""Structured logs: JSON lines, rotated with a size bound, personal data masked on the way out."""
from __future__ import annotations

import datetime as dt
import json
import logging
import logging.handlers
from pathlib import Path

from kiosk.privacy import mask_text

_names: set[str] = set()


def remember_name(name: str) -> None:
    """A resident's name seen during the current visit: masked wherever it appears in a log line."""
    if name and len(name) > 1:
        _names.add(name)


def forget_names() -> None:
    _names.clear()


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message, tuple(_names))
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
            entry["exception"] = mask_text(self.formatException(record.exc_info), tuple(_names))
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
