"""Where camera frames come from: a camera index, a video file, or a folder of images.

Every source yields grayscale uint8 numpy frames. ``open_source`` raises
:class:`drivers.base.DeviceUnavailable` when the camera cannot be opened or the path is missing;
a source that stops delivering mid-stream raises :class:`FrameSourceLost` from ``frames()``.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator, Protocol

import numpy as np

from drivers.base import DeviceUnavailable

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"})


class FrameSourceLost(Exception):
    """The camera stopped delivering frames (unplugged, driver reset)."""


class FrameSource(Protocol):
    def frames(self) -> Iterator[np.ndarray]:
        """Grayscale frames until the source ends (a looping folder never ends)."""

    def close(self) -> None: ...


def _cv2():
    try:
        import cv2
    except ImportError as e:
        raise DeviceUnavailable(f"the camera needs OpenCV (opencv-python-headless): {e}") from None
    return cv2


def to_gray(frame: np.ndarray) -> np.ndarray:
    """A 2-D uint8 view of ``frame`` (BGR, BGRA or already gray)."""
    if frame.ndim == 2:
        return frame
    cv2 = _cv2()
    code = cv2.COLOR_BGRA2GRAY if frame.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(frame, code)


class CaptureSource:
    """A camera index or a video file through ``cv2.VideoCapture``.

    A camera that fails ``max_failures`` reads in a row is taken as gone (FrameSourceLost); a
    video file simply ends (or starts again when ``loop``).
    """

    def __init__(self, target: int | str, *, loop: bool = False, max_failures: int = 25):
        cv2 = _cv2()
        self.target = target
        self.loop = loop
        self.max_failures = max_failures
        self._is_file = isinstance(target, str)
        self._cap = cv2.VideoCapture(target)
        if not self._cap.isOpened():
            self._cap.release()
            what = f"video file {target}" if self._is_file else f"camera index {target}"
            raise DeviceUnavailable(f"cannot open {what}")

    def frames(self) -> Iterator[np.ndarray]:
        failures = 0
        while self._cap is not None:
            ok, frame = self._cap.read()
            if ok and frame is not None:
                failures = 0
                yield to_gray(frame)
                continue
            if self._is_file:
                if not self.loop:
                    return
                self._cap.set(_cv2().CAP_PROP_POS_FRAMES, 0)
                failures += 1
                if failures > 2:   # a file that yields nothing even from the start
                    return
                continue
            failures += 1
            if failures >= self.max_failures:
                raise FrameSourceLost(f"camera {self.target} stopped delivering frames")

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class FolderSource:
    """The images of a folder in name order, once or looping; unreadable files are skipped."""

    def __init__(self, folder: str | Path, *, loop: bool = True):
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise DeviceUnavailable(f"image folder {self.folder} does not exist")
        self.loop = loop
        self._closed = False

    def files(self) -> list[Path]:
        return sorted(p for p in self.folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)

    def frames(self) -> Iterator[np.ndarray]:
        cv2 = _cv2()
        while not self._closed:
            read_any = False
            for path in self.files():
                if self._closed:
                    return
                frame = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
                if frame is None:
                    log.warning("cannot read image %s, skipped", path.name)
                    continue
                read_any = True
                yield frame
            if not self.loop or not read_any:
                return

    def close(self) -> None:
        self._closed = True


def open_source(index: int | None, source: str = "", *, loop: bool = True) -> FrameSource:
    """The frame source for the camera options: ``source`` (folder or video) wins over ``index``."""
    if source:
        path = Path(source)
        if path.is_dir():
            return FolderSource(path, loop=loop)
        if not path.exists():
            raise DeviceUnavailable(f"camera source {source} does not exist")
        return CaptureSource(str(path), loop=loop)
    if index is None:
        raise DeviceUnavailable("no camera index and no source configured")
    return CaptureSource(index)
