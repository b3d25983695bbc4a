"""CameraScanner and its frame sources: one event per code, failures reach the manager."""
from __future__ import annotations

import shutil
import threading
import time

import pytest

from drivers import registry
from drivers.base import DeviceError, DeviceState, DeviceUnavailable, EventKind
from drivers.qr.camera import CameraScanner, Deduper
from drivers.qr.frame_source import FolderSource, open_source

TIMEOUT_S = 60.0


class Events:
    """A thread-safe event sink that tests can wait on."""

    def __init__(self):
        self._lock = threading.Lock()
        self.items = []

    def __call__(self, event):
        with self._lock:
            self.items.append(event)

    def codes(self) -> list[str]:
        with self._lock:
            return [e.data["text"] for e in self.items if e.kind == EventKind.CODE_SCANNED]


def wait_for(condition, timeout=TIMEOUT_S, step=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def _scanner(events, **options):
    cls = registry.driver_class("opencv")
    assert cls is CameraScanner and cls.device_class == "qr"
    return cls("camera", cls.Options.model_validate(options), events)


@pytest.fixture
def code_folder(frame_set, tmp_path):
    """Three code frames (two of them Chinese) and one negative, copied into their own folder."""
    folder, samples = frame_set
    chosen = [s for s in samples if s.width == 640 and s.variant in ("plain", "chinese")][:3]
    chosen += [s for s in samples if s.text is None][:1]
    for s in chosen:
        shutil.copy(folder / s.file, tmp_path / s.file)
    return tmp_path, [s.text for s in chosen if s.text]


def test_deduper_reports_a_code_once_while_it_stays_in_view():
    d = Deduper(2.0)
    assert d.fresh("A", 0.0)
    assert not d.fresh("A", 1.5)      # same code in the next frames
    assert not d.fresh("A", 3.0)      # still in view: each sighting renews the window
    assert d.fresh("B", 3.1)
    assert d.fresh("A", 5.5)          # out of view for more than 2 s: a new scan
    assert not d.fresh("A", 5.6)


def test_scanner_over_an_image_folder_emits_each_code_once(code_folder):
    """Given a looping folder of 3 codes, when read for several loops, each code comes once."""
    folder, texts = code_folder
    events = Events()
    scanner = _scanner(events, source=str(folder), decoder="zxing", fps=100, dedupe_s=3600)
    scanner.open()
    try:
        assert scanner.status().state == DeviceState.ONLINE
        assert wait_for(lambda: set(events.codes()) == set(texts))
        frames_then = scanner.frames_read
        assert wait_for(lambda: scanner.frames_read >= frames_then + 3 * 4)  # three more loops
        scanner.poll()  # the reader is healthy: no exception
    finally:
        scanner.close()
    assert sorted(events.codes()) == sorted(texts)
    assert any("张" in t or "林" in t or "陈" in t or "营业执照" in t or "公司" in t for t in texts)


def test_close_stops_the_reader_and_poll_then_complains(code_folder):
    folder, _ = code_folder
    scanner = _scanner(Events(), source=str(folder), fps=100)
    scanner.open()
    thread = scanner._thread
    scanner.close()
    assert not thread.is_alive()
    scanner.close()  # twice is fine
    with pytest.raises(DeviceError, match="not open"):
        scanner.poll()


def test_reader_failure_surfaces_through_poll(code_folder, monkeypatch):
    """Given a decoder that fails, poll() raises so that the manager reconnects."""
    folder, _ = code_folder

    class Broken:
        name = "broken"

        def decode(self, gray):
            raise RuntimeError("decoder exploded")

    monkeypatch.setattr("drivers.qr.camera.make_decoder", lambda name: Broken())
    scanner = _scanner(Events(), source=str(folder), fps=100)
    scanner.open()
    try:
        assert wait_for(lambda: not scanner._thread.is_alive())
        with pytest.raises(RuntimeError, match="decoder exploded"):
            scanner.poll()
    finally:
        scanner.close()


def test_missing_source_is_device_unavailable(tmp_path):
    scanner = _scanner(Events(), source=str(tmp_path / "nowhere"))
    with pytest.raises(DeviceUnavailable):
        scanner.open()
    scanner.close()


def test_camera_index_that_cannot_be_opened_is_device_unavailable():
    with pytest.raises(DeviceUnavailable):
        open_source(97)


def test_bad_options_are_refused():
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        CameraScanner.Options.model_validate({"decoder": "tesseract"})
    with pytest.raises(ValidationError):
        CameraScanner.Options.model_validate({"fps": 0})
    with pytest.raises(ValidationError):
        CameraScanner.Options.model_validate({"port": "/dev/video0"})
    assert CameraScanner.Options().decoder == "zxing"


def test_folder_source_once_skips_unreadable_files(code_folder):
    folder, texts = code_folder
    (folder / "broken.png").write_bytes(b"not a png")
    (folder / "notes.txt").write_text("ignored")
    frames = list(FolderSource(folder, loop=False).frames())
    assert len(frames) == len(texts) + 1
    assert all(f.ndim == 2 for f in frames)


def test_video_file_source(tmp_path, frame_set):
    """Given a short video of one code, the scanner reads it and reports the code once."""
    import cv2

    folder, samples = frame_set
    sample = next(s for s in samples if s.variant == "chinese" and s.width == 640)
    frame = cv2.imread(str(folder / sample.file))
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (640, 480))
    if not writer.isOpened():
        pytest.skip("this OpenCV build cannot write MJPG video")
    for _ in range(5):
        writer.write(frame)
    writer.release()
    frames = list(open_source(None, str(path), loop=False).frames())
    assert len(frames) == 5 and frames[0].shape == (480, 640)
    events = Events()
    scanner = _scanner(events, source=str(path), fps=100, dedupe_s=3600)
    scanner.open()
    try:
        assert wait_for(lambda: events.codes() == [sample.text])
        assert wait_for(lambda: scanner.frames_read >= 12)   # looped
    finally:
        scanner.close()
    assert events.codes() == [sample.text]
