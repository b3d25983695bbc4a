"""Offline text-to-speech with espeak-ng (Debian's ``espeak-ng``): Mandarin (cmn) and English.

Used by the set-up to build the default prompt pack and at run time for text that has no prompt
file (names of services from the catalogue, numbers, the countdown). Nothing is downloaded.
"""
from __future__ import annotations

import logging
import shutil
import subprocess

log = logging.getLogger(__name__)

VOICES = {"zh": "cmn", "en": "en-us"}
#: words per minute; 长辈版 speaks slower (older listeners follow slower speech better)
RATES = {("zh", False): 165, ("zh", True): 120, ("en", False): 160, ("en", True): 120}
TIMEOUT_S = 20


class SpeechEngineError(RuntimeError):
    pass


class EspeakEngine:
    """Synthesises WAV bytes (16-bit mono PCM, 22050 Hz). Thread-safe: one process a call."""

    name = "espeak-ng"

    def __init__(self, binary: str | None = None):
        self.binary = binary or shutil.which("espeak-ng")

    def available(self) -> bool:
        return bool(self.binary)

    def synth(self, text: str, lang: str, slow: bool = False) -> bytes:
        """The WAV of ``text``; raises SpeechEngineError when the engine is missing or fails."""
        if not self.binary:
            raise SpeechEngineError("espeak-ng is not installed")
        cmd = [self.binary, "-v", VOICES.get(lang, "cmn"), "-s", str(RATES.get((lang, slow), 150)),
               "-g", "4" if slow else "2", "--stdout"]
        try:
            # The text goes in on stdin: it never appears in a process list.
            proc = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, timeout=TIMEOUT_S,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise SpeechEngineError(f"espeak-ng failed: {e}") from None
        if proc.returncode != 0 or not proc.stdout.startswith(b"RIFF"):
            raise SpeechEngineError(f"espeak-ng failed (exit {proc.returncode}): "
                                    f"{proc.stderr.decode('utf-8', 'replace').strip()[:200]}")
        return _fix_header(proc.stdout)


def _fix_header(data: bytes) -> bytes:
    """espeak-ng writing to a pipe cannot seek back, so its RIFF and data sizes are 0xFFFFFFFF
    (or 0); set the real sizes so every WAV reader takes the whole file."""
    import struct

    if len(data) < 44 or data[:4] != b"RIFF":
        return data
    pos = 12
    out = bytearray(data)
    while pos + 8 <= len(out):
        chunk, size = out[pos:pos + 4], struct.unpack("<I", out[pos + 4:pos + 8])[0]
        if chunk == b"data":
            struct.pack_into("<I", out, pos + 4, len(out) - pos - 8)
            break
        pos += 8 + size
    struct.pack_into("<I", out, 4, len(out) - 8)
    return bytes(out)
