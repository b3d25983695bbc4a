"""``make screenshots`` writes each scene's spoken prompt as a WAV beside its PNG: real speech
(not silence) of a plausible length for what the screen says."""
from __future__ import annotations

import array
import math
import os
import wave

import pytest

from kiosk.voice.engine import EspeakEngine

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytestmark = pytest.mark.skipif(not EspeakEngine().available(), reason="espeak-ng is not installed")


def _measure(path) -> tuple[float, float, float]:
    """(seconds, RMS of the whole, share of 50 ms windows that are voiced)."""
    with wave.open(str(path)) as w:
        rate, frames = w.getframerate(), w.readframes(w.getnframes())
        assert (w.getsampwidth(), w.getnchannels()) == (2, 1)
    samples = array.array("h")
    samples.frombytes(frames)
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))
    win = rate // 20
    voiced = [max(abs(s) for s in samples[i:i + win]) > 1000 for i in range(0, len(samples) - win, win)]
    return len(samples) / rate, rms, sum(voiced) / max(1, len(voiced))


def test_gallery_scenes_have_their_speech_beside_the_png(qapp, tmp_path):
    from screens import gallery

    shots = gallery.render(tmp_path, langs=("zh", "en"), orientations=("landscape",), elders=(False, True),
                           only="queued", speech=True)
    assert len(shots) == 4
    lengths = {}
    for shot in shots:
        wav = tmp_path / shot["file"].replace(".png", ".wav")
        assert shot["speech"] == wav.name and wav.exists()
        seconds, rms, voiced = _measure(wav)
        # The queued screen says its title, the 8-digit code one digit at a time and two sentences.
        assert 6.0 < seconds < 60.0, (wav, seconds)
        assert rms > 300 and voiced > 0.4, (wav, rms, voiced)
        lengths[shot["variant"]] = seconds
    assert lengths["landscape-zh-elder"] > lengths["landscape-zh"]  # 长辈版 speaks slower
