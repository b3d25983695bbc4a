"""Structured logs: JSON lines, rotated with a size bound, personal data masked on the way out."""
from __future__ import annotations

import datetime as dt
import json
import logging
import logging.handlers
import os
import sys
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


def remember_identity(card) -> None:
    """Everything of a card that names a person (name, address): masked in every later log line,
    from the moment the card is read (called on the reader's thread, before any other part of
    the kiosk sees the card)."""
    remember_name(getattr(card, "name", "") or "")
    remember_name(getattr(card, "address", "") or "")


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

    def __init__(self, fmt: str = "%(asctime)s %(levelname)s %(name)s: %(message)s"):
        super().__init__(fmt)

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


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are 0600 whatever the umask (they may hold masked traces of
    residents' visits, and technicians' actions)."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if os.fstat(fd).st_mode & 0o777 != 0o600:
            os.fchmod(fd, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def install_excepthooks(logger_name: str = "kiosk.uncaught") -> None:
    """Uncaught exceptions, on the main thread or any other, go through the log handlers (and
    their masking) instead of Python's default print of the raw traceback to stderr."""
    logger = logging.getLogger(logger_name)

    def main_hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        logger.critical("uncaught exception", exc_info=(exc_type, exc, tb))

    def thread_hook(args):
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        logger.error("uncaught exception in thread %s", name,
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    sys.excepthook = main_hook
    threading.excepthook = thread_hook


def setup_console(level: int = logging.WARNING) -> None:
    """Console logging for command-line tools (kiosk.diag): one masked line per record on
    stderr, and uncaught exceptions logged masked too."""
    root = logging.getLogger()
    root.setLevel(level)
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
    stream = logging.StreamHandler(sys.stderr)
    stream.setFormatter(ConsoleFormatter("%(levelname)s %(name)s: %(message)s"))
    stream.addFilter(MaskingFilter())
    stream._kiosk = True
    root.addHandler(stream)
    install_excepthooks()


def setup(log_dir: Path, *, level: int = logging.INFO, max_bytes: int = 5 * 2**20, backups: int = 5,
          console: bool = True) -> Path:
    """Log to ``log_dir/kiosk.jsonl`` (rotated, at most (backups+1) × max_bytes, files 0600 in a
    0700 directory) and stderr, personal data masked; uncaught exceptions are logged the same way."""
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    if log_dir.stat().st_mode & 0o777 != 0o700:
        os.chmod(log_dir, 0o700)
    path = log_dir / "kiosk.jsonl"
    root = logging.getLogger()
    root.setLevel(level)
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
    file_handler = PrivateRotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
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
    install_excepthooks()
    return path
