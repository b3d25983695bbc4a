"""Prompt ids, the strings they stand for, and the prompt pack directories that hold their audio.

A prompt id is ``p`` + the first 12 hex digits of the SHA-1 of the Chinese source string of a
translation (screens/i18n/kiosk_en.ts). The id follows the wording: when a sentence on a screen
changes, a recording of the old sentence is no longer played for it (it would say something
else). ``prompts.tsv`` in the default pack lists every id with its Chinese and English text, so
an operator knows which file to record.

Layout of a pack directory: ``<lang>/<id>.wav`` (normal speed) and ``<lang>-slow/<id>.wav``
(长辈版). An operator's directory has the same layout; a file there is played instead of the
default pack's, and an operator's ``<lang>/<id>.wav`` serves 长辈版 too unless a ``-slow``
recording exists.
"""
from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LANGS = ("zh", "en")
DECORATIONS = "⚠✓✕●ⓘ⌂‹›·⌫ "
TS_FILE = Path(__file__).resolve().parent.parent.parent / "screens" / "i18n" / "kiosk_en.ts"


def prompt_id(source: str) -> str:
    """The prompt id of a Chinese source string (stable across runs and machines)."""
    return "p" + hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class PromptText:
    id: str
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.zh


@lru_cache(maxsize=4)
def _read_ts(path: str, mtime: float) -> tuple[PromptText, ...]:
    out: dict[str, PromptText] = {}
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return ()
    for msg in root.iter("message"):
        src = (msg.findtext("source") or "").strip()
        if not src:
            continue
        tr = msg.find("translation")
        en = "" if tr is None or tr.get("type") in ("unfinished", "obsolete") else (tr.text or "").strip()
        out[src] = PromptText(prompt_id(src), src, en)
    return tuple(out.values())


def all_prompts(ts_file: Path = TS_FILE) -> tuple[PromptText, ...]:
    """Every translation string as a prompt (a string with ``{…}`` placeholders is included:
    it is only played from a file when the text has no placeholder left)."""
    try:
        mtime = ts_file.stat().st_mtime
    except OSError:
        return ()
    return _read_ts(str(ts_file), mtime)


class PromptTable:
    """Looks up the prompt id of a text as shown on screen, in either language."""

    def __init__(self, prompts: tuple[PromptText, ...] | None = None):
        prompts = all_prompts() if prompts is None else prompts
        self._by_text: dict[tuple[str, str], str] = {}
        for p in prompts:
            if "{" in p.zh:
                continue
            self._by_text[("zh", p.zh)] = p.id
            if p.en:
                self._by_text[("en", p.en)] = p.id

    def lookup(self, lang: str, text: str) -> str | None:
        """The prompt id of ``text``; a status symbol in front (✓ ⚠ ⌂ …) is not part of it."""
        text = text.strip()
        found = self._by_text.get((lang, text))
        if found is None:
            bare = text.lstrip(DECORATIONS).strip()
            found = self._by_text.get((lang, bare)) if bare != text else None
        return found

    def __len__(self) -> int:
        return len(self._by_text)


class PromptPacks:
    """Finds the audio file of a prompt id: the operator's recording first, then the default pack."""

    def __init__(self, default_dir: Path | None, recorded_dir: Path | None = None):
        self.default_dir = Path(default_dir) if default_dir else None
        self.recorded_dir = Path(recorded_dir) if recorded_dir else None

    def find(self, prompt: str, lang: str, slow: bool = False) -> Path | None:
        names = [f"{lang}-slow", lang] if slow else [lang]
        if self.recorded_dir is not None:
            for sub in names:
                path = self.recorded_dir / sub / f"{prompt}.wav"
                if path.is_file():
                    return path
        if self.default_dir is not None:
            path = self.default_dir / names[0] / f"{prompt}.wav"
            if path.is_file():
                return path
        return None

    def count(self) -> int:
        """How many default-pack files there are (for the status view)."""
        if self.default_dir is None or not self.default_dir.is_dir():
            return 0
        return sum(1 for _ in self.default_dir.glob("*/*.wav"))
