"""Voice guidance (Qt-free): prompt packs, the speech engine, audio output, the voice worker."""
from __future__ import annotations

from pathlib import Path

from kiosk.voice.prompts import PromptPacks, PromptTable, prompt_id
from kiosk.voice.speech import Part, Utterance
from kiosk.voice.voice import Voice

__all__ = ["Part", "PromptPacks", "PromptTable", "Utterance", "Voice", "from_config", "prompt_id"]


def from_config(cfg, **kw) -> Voice:
    """The voice of a running kiosk, from its ``[voice]`` config section."""
    v = cfg.voice
    packs = PromptPacks(Path(v.pack_dir), Path(v.recorded_dir) if v.recorded_dir else None)
    return Voice(packs=packs, cache_dir=Path(cfg.storage.dir) / "voice-cache", default_volume=v.volume,
                 enabled=v.enabled, device=v.device, headset=v.headset, headset_device=v.headset_device,
                 curtain=v.curtain, **kw)
