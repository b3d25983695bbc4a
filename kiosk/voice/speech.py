"""What is said: an utterance is a list of parts, each a text as shown on screen.

The text is turned into what a listener must hear: a code digit by digit, a masked name or ID
number with its stars said (never the hidden characters: they are not in the text at all).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kiosk.privacy import mask_text


@dataclass(frozen=True)
class Part:
    """One piece of an utterance. ``personal``: it carries (masked) personal data, so it is
    never cached on disk and the screen curtain covers it on a headset."""

    text: str
    personal: bool = False
    code: bool = False   # say it character by character (pickup code, credit code)


@dataclass(frozen=True)
class Utterance:
    parts: tuple[Part, ...]
    lang: str = "zh"
    slow: bool = False
    kind: str = "screen"          # screen | focus | countdown | repeat
    chime: bool = False           # a chime before the words (the idle countdown)
    names: tuple[str, ...] = field(default=(), compare=False)  # full names never to be said


_STARS = {"zh": ("星", "{n}个星号"), "en": ("star", "{n} stars")}


def _say_stars(text: str, lang: str) -> str:
    one, many = _STARS.get(lang, _STARS["zh"])

    def run(m: re.Match) -> str:
        n = len(m.group(0))
        return f" {many.format(n=n)} " if n >= 3 else " " + " ".join([one] * n) + " "

    return re.sub(r"\*+", run, text)


def spell(text: str) -> str:
    """A code said one character at a time: "4027 3816" → "4 0 2 7 3 8 1 6"."""
    return " ".join(ch for ch in text if not ch.isspace() and ch not in "-_")


def spoken_text(part: Part, lang: str, names: tuple[str, ...] = ()) -> str:
    """The text handed to the speech engine for ``part``. Any full ID number or given name that
    slipped into a text is masked first, as it would be on screen."""
    text = mask_text(part.text, names)
    if part.code:
        text = spell(text)
    # Decorations of the screen are not words: symbols in front of a status, arrows, bullets.
    text = re.sub(r"[⚠✓✕●ⓘ⌂‹›·⌫🔊]", " ", text)
    text = _say_stars(text, lang)
    return re.sub(r"\s+", " ", text).strip()
