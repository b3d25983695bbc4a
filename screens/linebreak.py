"""Chinese line breaks between words, never inside one, and no last line of one or two characters.

Qt breaks Chinese text between any two characters (UAX #14), so 身份证 can end up as 身份 / 证.
:func:`keep_words` puts U+2060 WORD JOINER between the characters of each word, which Qt's line
breaker never breaks at, and glues the end of a paragraph together so its last line holds at
least :data:`MIN_LAST_LINE` characters. Words come from drivers/words.py: jieba's segmentation,
computed ahead of time for every text of the terminal, with jieba's commoner words for text not
known in advance (jieba itself takes seconds to load: too slow for a kiosk's start). Text
without Chinese is returned unchanged. Plain Python, no Qt: labels call it through
screens.widgets.
"""
from __future__ import annotations

from drivers.words import CJK as _CJK
from drivers.words import MIN_LAST_LINE, tokens

__all__ = ["MIN_LAST_LINE", "WJ", "keep_words", "plain", "tokens"]

WJ = "\u2060"
#: a space inside a glued tail: no-break, between joiners so that plain() knows it for a space
_KEPT_SPACE = WJ + "\u00a0" + WJ
#: punctuation that ends a clause or a sentence: Qt never starts a line with it anyway
_CLOSING = set("，。、；：！？）》」』”’…")


def _glue(word: str) -> str:
    return WJ.join(word) if len(word) > 1 and _CJK.search(word) else word


def keep_words(text: str) -> str:
    """``text`` with word joiners inside words and across its last MIN_LAST_LINE characters
    (of each paragraph). Idempotent; removing every U+2060 gives ``text`` back."""
    if not text or not _CJK.search(text) or WJ in text:
        return text
    return "\n".join(_paragraph(p) for p in text.split("\n"))


def _paragraph(text: str) -> str:
    body = text.rstrip()
    end = text[len(body):]
    parts = tokens(body)
    # the tail: whole tokens from the end until they hold MIN_LAST_LINE characters (spaces not
    # counted), glued as one, across a space too ("最多 3 份" never leaves "份" alone)
    tail: list[str] = []
    count = 0
    while parts and (count < MIN_LAST_LINE or parts[-1][0] in _CLOSING or parts[-1].isspace()):
        token = parts.pop()
        tail.insert(0, token)
        count += len(token.strip())
    if parts and len(plain("".join(parts)).strip()) < MIN_LAST_LINE:
        tail = parts + tail  # a short paragraph: one piece
        parts = []
    glued = [_glue(p) for p in parts]
    if tail:
        # Qt breaks after a space even before a joiner: the tail's spaces become no-break ones
        glued.append(WJ.join("".join(tail)).replace(f"{WJ} {WJ}", _KEPT_SPACE))
    return "".join(glued) + end


def plain(text: str) -> str:
    """``text`` without the joiners :func:`keep_words` added."""
    return text.replace(_KEPT_SPACE, " ").replace(WJ, "")
