"""The one atomic file write of the project: a crash or a power cut leaves the old file or the
new one, never a mix.

The bytes go to a temporary file beside the target (``.NAME.XXXXXXXX.tmp``, created exclusively
with the file's mode), are fsynced, renamed over the target, and the directory is fsynced so the
rename itself survives a power cut. A failure removes the temporary file and raises the OSError.
Callers that leave ``.*.tmp`` files from a crash behind may sweep them (offline_cache/documents).
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from pathlib import Path
from typing import Iterator

#: mode of a new file when the caller names none and there is no file to keep the mode of
DEFAULT_MODE = 0o600


def fsync_dir(directory: str | os.PathLike) -> None:
    """fsync a directory (after a rename in it); silently nothing where that is not possible."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _mode_for(path: Path, mode: int | None) -> int:
    if mode is not None:
        return mode
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return DEFAULT_MODE


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, *, mode: int | None = None,
                backup: str | os.PathLike | None = None) -> Iterator[Path]:
    """A temporary path to write (with any writer, e.g. zipfile); on a clean exit it is fsynced
    and renamed over ``path``. ``mode``: of the new file (None: the old file's, else 0600).
    ``backup``: the old file is copied there first, when there is one."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    new_mode = _mode_for(target, mode)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, new_mode)
    os.close(fd)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        if backup is not None and target.exists():
            _copy_private(target, Path(backup), new_mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def _copy_private(source: Path, backup: Path, mode: int) -> None:
    """Copy ``source`` to ``backup`` with ``mode`` (a backup is never wider than the new file)."""
    backup.unlink(missing_ok=True)
    fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    with open(fd, "wb") as out, open(source, "rb") as src:
        shutil.copyfileobj(src, out)


def write_atomic(path: str | os.PathLike, data: bytes | str, *, mode: int | None = None,
                 backup: str | os.PathLike | None = None) -> None:
    """Write ``data`` (str: as UTF-8) to ``path`` atomically; see :func:`atomic_path`."""
    blob = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path, mode=mode, backup=backup) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_TRUNC)
        try:
            view = memoryview(blob)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
