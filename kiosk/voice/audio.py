"""Where speech goes: the ALSA output (``aplay``), nowhere (no audio device), or a test recorder.

A sink's ``play`` blocks until the sound has been played (or stopped) and is only ever called
on the voice worker thread; ``stop`` may be called from any thread.
"""
from __future__ import annotations

import array
import io
import logging
import re
import shutil
import subprocess
import sys
import threading
import wave
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)


class Sink(Protocol):
    def play(self, prompt: str, wav: bytes) -> None: ...
    def stop(self) -> None: ...


def sound_cards(proc_file: Path = Path("/proc/asound/cards")) -> list[str]:
    """ALSA card names ('' list: no sound card, or no ALSA at all)."""
    try:
        text = proc_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return re.findall(r"^\s*\d+\s+\[(\S+)\s*\]", text, re.M)


def headset_jack(card: str | int = 0, amixer: str | None = None) -> bool | None:
    """True/False when the card reports a headphone jack control (ALSA jack detection), None
    when it does not report one (then only the ``voice.headset`` switch counts)."""
    amixer = amixer or shutil.which("amixer")
    if not amixer:
        return None
    try:
        out = subprocess.run([amixer, "-c", str(card), "contents"], capture_output=True, text=True,
                             timeout=3, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = None
    for block in re.split(r"(?m)^numid=", out):
        if re.search(r"name='(Headphone|Headset)[^']*Jack'", block):
            m = re.search(r":\s*values=(on|off)", block)
            if m:
                found = bool(found) or m.group(1) == "on"
    return found


def scale_volume(wav: bytes, volume: float) -> bytes:
    """The WAV with its 16-bit samples scaled by ``volume`` (0..1); other formats unchanged."""
    if volume >= 0.999:
        return wav
    try:
        with wave.open(io.BytesIO(wav)) as r:
            params = r.getparams()
            frames = r.readframes(r.getnframes())
    except (wave.Error, EOFError):
        return wav
    if params.sampwidth != 2:
        return wav
    samples = array.array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    factor = max(0.0, volume)
    scaled = array.array("h", (int(s * factor) for s in samples))
    if sys.byteorder == "big":
        scaled.byteswap()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setparams(params)
        w.writeframes(scaled.tobytes())
    return buf.getvalue()


class AlsaSink:
    """Plays through ``aplay`` on an ALSA device; the current sound can be cut short."""

    def __init__(self, device: str = "default", binary: str | None = None):
        self.device = device or "default"
        self.binary = binary or shutil.which("aplay")
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self.failures = 0

    def play(self, prompt: str, wav: bytes) -> None:
        if not self.binary:
            raise OSError("aplay is not installed")
        proc = subprocess.Popen([self.binary, "-q", "-D", self.device, "-"], stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        with self._lock:
            self._proc = proc
        try:
            _, err = proc.communicate(wav, timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise OSError("aplay did not finish") from None
        finally:
            with self._lock:
                self._proc = None
        if proc.returncode not in (0, -9, -15):
            raise OSError(err.decode("utf-8", "replace").strip()[:200] or f"aplay exit {proc.returncode}")

    def stop(self) -> None:
        with self._lock:
            if self._proc is not None and self._proc.poll() is None:
                self._proc.terminate()


class NullSink:
    """No audio device: speech is dropped (the kiosk works silently)."""

    def play(self, prompt: str, wav: bytes) -> None:
        return None

    def stop(self) -> None:
        return None


class RecordingSink:
    """For tests and the gallery: records the prompt ids played and, optionally, writes each
    sound to ``out_dir`` as a real WAV file (``NNN-<prompt>.wav``)."""

    def __init__(self, out_dir: Path | None = None):
        self.out_dir = Path(out_dir) if out_dir else None
        self.played: list[tuple[str, bytes]] = []
        self._lock = threading.Lock()
        self.changed = threading.Condition(self._lock)

    def play(self, prompt: str, wav: bytes) -> None:
        with self._lock:
            self.played.append((prompt, wav))
            n = len(self.played)
            self.changed.notify_all()
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            (self.out_dir / f"{n:03d}-{prompt.replace(':', '_')}.wav").write_bytes(wav)

    def stop(self) -> None:
        return None

    def ids(self) -> list[str]:
        with self._lock:
            return [p for p, _ in self.played]

    def clear(self) -> None:
        with self._lock:
            self.played.clear()
