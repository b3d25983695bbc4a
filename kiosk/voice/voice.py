"""Voice guidance: speaks utterances on a worker thread (never on the GUI thread).

``say`` only queues; a newer utterance cuts the current one short (a person who moved on does
not want to hear the old screen). Audio comes from the prompt packs when the text is a known
translation string, else from the speech engine (cached on disk unless it is personal).
A terminal with no audio device works silently and says so once in the log and in ``status()``.
"""
from __future__ import annotations

import hashlib
import logging
import os
import queue
import threading
import time
from pathlib import Path
from typing import Callable

from kiosk.voice.audio import AlsaSink, NullSink, Sink, headset_jack, scale_volume, sound_cards
from kiosk.voice.engine import EspeakEngine, SpeechEngineError
from kiosk.voice.prompts import PromptPacks, PromptTable
from kiosk.voice.speech import Part, Utterance, spoken_text
from kiosk.voice.tones import chime_wav

log = logging.getLogger(__name__)

CACHE_MAX_FILES = 400
VOLUME_STEP = 0.1


class Voice:
    """Thread-safe front of the voice worker. Callbacks (``on_curtain``, ``on_change``) are
    called on the worker thread: a GUI must hop to its own thread before touching widgets."""

    def __init__(self, *, packs: PromptPacks | None = None, table: PromptTable | None = None,
                 engine=None, sink: Sink | None = None, cache_dir: Path | None = None,
                 default_volume: float = 0.8, enabled: bool = True, device: str = "default",
                 headset: str = "auto", headset_device: str = "", curtain: bool = True,
                 on_curtain: Callable[[bool], None] | None = None,
                 cards_file: Path = Path("/proc/asound/cards")):
        self.packs = packs or PromptPacks(None)
        self._table = table  # read from the .ts file on first use, on the voice thread (not at start)
        self.engine = engine if engine is not None else EspeakEngine()
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.default_volume = default_volume
        self.enabled = enabled
        self.device = device
        self.headset_mode = headset
        self.headset_device = headset_device
        self.curtain = curtain
        self.on_curtain = on_curtain
        self.cards_file = Path(cards_file)
        self._lock = threading.Lock()
        self._volume = default_volume
        self._muted = False
        self._generation = 0
        self._last: Utterance | None = None
        self._queue: queue.Queue = queue.Queue()
        self._sink = sink
        self._headset_sink: Sink | None = None
        self._audio = "ok" if sink is not None else "unknown"
        self._said_silent = False
        self._jack: tuple[float, bool | None] = (0.0, None)
        self._thread: threading.Thread | None = None
        self._prompt_count = 0
        self.played = 0  # utterance parts played (status, tests)
        self.idle = threading.Event()
        self.idle.set()

    @property
    def table(self) -> PromptTable:
        """The prompt ids of the screens' texts (the translation file is read on first use)."""
        if self._table is None:
            self._table = PromptTable()
        return self._table

    # -- the GUI's side ------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="voice", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._queue.put(None)
        self._cut()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def say(self, utterance: Utterance) -> None:
        """Speak ``utterance`` after cutting short whatever is being said."""
        if not self.enabled or not utterance.parts and not utterance.chime:
            return
        with self._lock:
            self._generation += 1
            gen = self._generation
            if utterance.kind != "focus":
                self._last = utterance
        self.idle.clear()
        self._cut()
        self._queue.put((gen, utterance))

    def repeat(self) -> None:
        """Say the last screen instruction again (the 🔊 button and the keypad's repeat key)."""
        with self._lock:
            last = self._last
        if last is not None:
            self.say(last)

    def silence(self) -> None:
        with self._lock:
            self._generation += 1
        self._cut()

    @property
    def volume(self) -> float:
        return self._volume

    @property
    def muted(self) -> bool:
        return self._muted

    def set_volume(self, volume: float) -> None:
        self._volume = round(min(1.0, max(0.1, volume)), 2)

    def louder(self) -> None:
        self._muted = False
        self.set_volume(self._volume + VOLUME_STEP)

    def quieter(self) -> None:
        self.set_volume(self._volume - VOLUME_STEP)

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if muted:
            self.silence()

    def reset(self) -> None:
        """After each visit: the default volume, not muted (the next person starts afresh)."""
        self._volume = self.default_volume
        self._muted = False

    def status(self) -> dict:
        """For ``kiosk.diag status``: whether speech can be heard and from what."""
        # No I/O here (the GUI thread asks): what the worker found when it started.
        audio = self._audio if self.enabled else "disabled"
        headset = self.headset_mode == "on" or (self.headset_mode == "auto" and bool(self._jack[1]))
        return {"audio": audio, "engine": self.engine.name if self.engine.available() else "missing",
                "device": self.device, "headset": headset, "prompts": self._prompt_count,
                "recorded_dir": str(self.packs.recorded_dir or ""), "volume": self._volume, "muted": self._muted}

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Tests and the gallery: wait until everything queued has been played."""
        return self.idle.wait(timeout)

    # -- the worker's side ---------------------------------------------------------------
    def _cut(self) -> None:
        for sink in (self._sink, self._headset_sink):
            if sink is not None:
                sink.stop()

    def _current(self, gen: int) -> bool:
        with self._lock:
            return gen == self._generation

    def probe(self) -> None:
        """Find the audio output and count the prompt pack (I/O: the worker, or a CLI, calls it)."""
        try:
            self._find_sink()
            self._prompt_count = self.packs.count()
            if self.headset_mode == "auto":
                self._headset_active()
        except Exception:
            log.exception("voice output could not be set up")
            self._go_silent("set-up failed")

    def _run(self) -> None:
        self.probe()
        while True:
            item = self._queue.get()
            if item is None:
                return
            gen, utterance = item
            try:
                self._speak(gen, utterance)
            except Exception:  # a fault in speech never stops the terminal
                log.exception("voice guidance failed for one utterance")
            if self._queue.empty():
                self.idle.set()

    def _speak(self, gen: int, u: Utterance) -> None:
        if not self._current(gen):
            return
        sink = self._find_sink()
        headset = self._headset_active()
        if headset and self.headset_device:
            if self._headset_sink is None:
                self._headset_sink = AlsaSink(self.headset_device)
            sink = self._headset_sink
        if isinstance(sink, NullSink):
            return  # nobody can hear it: no synthesis either
        pieces: list[tuple[str, bytes, bool]] = []
        if u.chime:
            pieces.append(("chime", chime_wav(), False))
        for part in u.parts:
            audio = self._audio_of(part, u)
            if audio is not None:
                pieces.append((*audio, part.personal))
        for prompt, wav, personal in pieces:
            if not self._current(gen):
                return
            curtain = personal and headset and self.curtain and self.on_curtain is not None
            if curtain:
                self.on_curtain(True)
            try:
                if self._muted:
                    continue
                sink.play(prompt, scale_volume(wav, self._volume))
                self.played += 1
            except OSError as e:
                self._go_silent(f"the audio output failed ({e})")
                sink = self._sink
            finally:
                if curtain:
                    self.on_curtain(False)

    def _audio_of(self, part: Part, u: Utterance) -> tuple[str, bytes] | None:
        prompt = None if part.personal else self.table.lookup(u.lang, part.text)
        if prompt is not None:
            path = self.packs.find(prompt, u.lang, u.slow)
            if path is not None:
                try:
                    return prompt, path.read_bytes()
                except OSError:
                    log.warning("prompt file %s cannot be read: synthesising it", path.name)
        text = spoken_text(part, u.lang, u.names)
        if not text:
            return None
        key = hashlib.sha1(f"{u.lang}|{u.slow}|{text}".encode("utf-8")).hexdigest()[:16]
        prompt = prompt or ("tts:personal" if part.personal else f"tts:{key}")
        cached = None if part.personal or self.cache_dir is None else self.cache_dir / f"{key}.wav"
        if cached is not None and cached.is_file():
            try:
                return prompt, cached.read_bytes()
            except OSError:
                pass
        try:
            wav = self.engine.synth(text, u.lang, u.slow)
        except SpeechEngineError as e:
            log.warning("speech engine: %s", e)
            return None
        if cached is not None:
            self._store(cached, wav)
        return prompt, wav

    def _store(self, path: Path, wav: bytes) -> None:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(wav)
            os.replace(tmp, path)
            files = sorted(path.parent.glob("*.wav"), key=lambda p: p.stat().st_mtime)
            for old in files[:max(0, len(files) - CACHE_MAX_FILES)]:
                old.unlink(missing_ok=True)
        except OSError as e:
            log.warning("speech cache not written: %s", e)

    def _find_sink(self) -> Sink:
        if self._sink is None:
            if self.device == "default" and not sound_cards(self.cards_file):
                self._go_silent("no sound card found")
            else:
                self._sink = AlsaSink(self.device)
                self._audio = "ok"
        return self._sink

    def _go_silent(self, why: str) -> None:
        self._sink = NullSink()
        self._audio = "no_device"
        if not self._said_silent:
            self._said_silent = True
            log.warning("no audio device: voice guidance is silent (%s)", why)

    def _headset_active(self) -> bool:
        if self.headset_mode in ("on", "off"):
            return self.headset_mode == "on"
        checked, jack = self._jack
        if time.monotonic() - checked > 2.0:
            jack = headset_jack() if sound_cards(self.cards_file) else None
            self._jack = (time.monotonic(), jack)
        return bool(jack)
