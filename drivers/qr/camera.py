"""Camera QR scanner: OpenCV frames, a decoder backend, one CODE_SCANNED per code.

Frames are read and decoded on the driver's own thread, started by :meth:`CameraScanner.open`,
so a slow decode never holds up the device manager; ``poll`` only checks that the thread is
alive and re-raises its failure, which makes the manager reconnect.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from drivers.base import DeviceError, DeviceState, DeviceStatus, EventKind
from drivers.classes import CodeScanner
from drivers.options import CameraOptions
from drivers.qr.decoders import DecoderUnavailable, make_decoder
from drivers.qr.frame_source import FrameSource, open_source
from drivers.qr.repeats import Deduper

log = logging.getLogger(__name__)


class CameraScanner(CodeScanner):
    device_class = "qr"
    Options = CameraOptions

    def __init__(self, name: str, options: CameraOptions, emit, *,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(name, options, emit)
        self.options: CameraOptions = options
        self.poll_interval_s = options.poll_interval_s
        self._clock = clock
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._failure: BaseException | None = None
        self.frames_read = 0
        self.codes_seen = 0

    # -- manager side ---------------------------------------------------------------------------
    def open(self) -> None:
        self.close()
        try:
            decoder = make_decoder(self.options.decoder)
        except DecoderUnavailable as e:
            raise DeviceError(str(e), code="decoder_unavailable") from None
        source = open_source(self.options.index, self.options.source, loop=True)
        self._stop = threading.Event()
        self._failure = None
        self._thread = threading.Thread(target=self._run, args=(source, decoder, self._stop),
                                        name=f"camera-{self.name}", daemon=True)
        self._thread.start()
        self.set_status(DeviceStatus(DeviceState.ONLINE, {"decoder": decoder.name}))

    def poll(self) -> None:
        thread = self._thread
        if thread is None:
            raise DeviceError("camera is not open")
        if thread.is_alive():
            return
        failure, self._failure = self._failure, None
        if failure is not None:
            raise failure
        raise DeviceError("camera frame source ended")

    def close(self) -> None:
        thread, self._thread = self._thread, None
        self._stop.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5.0)
            if thread.is_alive():
                log.warning("camera %s: reader thread did not stop within 5 s", self.name)

    # -- reader thread ----------------------------------------------------------------------------
    def _run(self, source: FrameSource, decoder, stop: threading.Event) -> None:
        period = 1.0 / self.options.fps
        dedupe = Deduper(self.options.dedupe_s)
        next_due = self._clock()
        try:
            for frame in source.frames():
                if stop.is_set():
                    break
                self.frames_read += 1
                for text in decoder.decode(frame):
                    if dedupe.fresh(text, self._clock()):
                        self.codes_seen += 1
                        log.info("camera %s: code scanned (%d characters)", self.name, len(text))
                        self.emit(EventKind.CODE_SCANNED, text=text)
                next_due = max(next_due + period, self._clock())
                if stop.wait(max(0.0, next_due - self._clock())):
                    break
        except BaseException as e:  # handed to poll(), which makes the manager reconnect
            if not stop.is_set():
                log.warning("camera %s: reader stopped: %s", self.name, e)
                self._failure = e if isinstance(e, Exception) else DeviceError(str(e))
        finally:
            source.close()
