"""The chime of the idle countdown: two short soft tones, made here (no sound file to ship)."""
from __future__ import annotations

import array
import io
import math
import sys
import wave
from functools import lru_cache

RATE = 22050


@lru_cache(maxsize=1)
def chime_wav() -> bytes:
    samples = array.array("h")
    for freq, dur in ((880.0, 0.18), (0.0, 0.06), (660.0, 0.28)):
        n = int(RATE * dur)
        for i in range(n):
            envelope = math.sin(math.pi * i / n) if freq else 0.0  # no click at the edges
            samples.append(int(9000 * envelope * math.sin(2 * math.pi * freq * i / RATE)))
    if sys.byteorder == "big":
        samples.byteswap()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples.tobytes())
    return buf.getvalue()
