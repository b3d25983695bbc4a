"""Chinese words, for line breaks that fall between words: the screens' labels and the receipt.

Chinese is written without spaces, and a line breaker that knows no words breaks between any two
characters (身份 / 证). :func:`tokens` cuts text into words with jieba's own method (the most
probable route through a dictionary's words, jieba's ``cut(HMM=False)``) over a dictionary built
ahead of time, ``words_zh.txt`` next to this file: every word jieba finds in the terminal's texts
(screens, messages, receipts, the service catalogue — see ``screens/i18n/words.py``, which writes
it and checks it is current) and jieba's commoner words for text not known in advance. Loading
it takes milliseconds, where jieba itself needs more than a second to build its dictionary.

:func:`wrap` fills lines of a fixed number of columns (the receipt: wide characters take two)
breaking only between words, at spaces in English. Plain Python: drivers/ and screens/ use it.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().with_name("words_zh.txt")

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[A-Za-z0-9_.@:/+\-#%&']+")
#: words that mix Latin letters and Chinese, kept whole like a Chinese word
MIXED = ("e福州",)
#: the last line of a paragraph holds at least this many characters when it can
MIN_LAST_LINE = 4
#: punctuation a line never starts with (it closes a clause, a quotation, a bracket)
CLOSING = set("，。、；：！？）》」』”’…,.;:!?)]%")
#: punctuation a line never ends with (it opens a quotation or a bracket)
OPENING = set("（《「『“‘([")


class _Dictionary:
    def __init__(self, freq: dict[str, int], total: int):
        self.freq = freq
        self.log_total = math.log(total)
        #: the longest word starting with each character
        self.longest: dict[str, int] = {}
        for w in freq:
            if len(w) > self.longest.get(w[0], 1):
                self.longest[w[0]] = len(w)


@functools.cache
def _dictionary() -> _Dictionary:
    freq: dict[str, int] = {}
    total = 1
    with DATA.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                if line.startswith("# total "):
                    total = int(line.split()[2])
                continue
            word, _tab, n = line.rstrip("\n").partition("\t")
            if word:
                freq[word] = int(n)
    return _Dictionary(freq, total)


def cut(run: str) -> list[str]:
    """A run of Chinese characters cut into words: jieba's route without its HMM (the product of
    word frequencies is largest; a character of no word is a word of frequency one)."""
    d = _dictionary()
    n = len(run)
    best: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice = None
        for j in range(i + 1, min(n, i + d.longest.get(run[i], 1)) + 1):
            f = d.freq.get(run[i:j])
            if f or j == i + 1:
                score = math.log(f or 1) - d.log_total + best[j][0]
                if choice is None or score > choice[0]:
                    choice = (score, j)
        best[i] = choice
    out, i = [], 0
    while i < n:
        j = best[i][1]
        out.append(run[i:j])
        i = j
    return out


#: texts whose cut is kept: the screens' own texts recur every visit and stay; a visit's own
#: (pickup codes, times, names) pass through. 8192 held about 12 MB of texts seen once, and a
#: soak saw the kiosk grow by that much over its first few thousand visits.
TOKENS_KEPT = 1024


@functools.lru_cache(maxsize=TOKENS_KEPT)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_split(text))


def tokens(text: str) -> list[str]:
    """``text`` cut into Chinese words, Latin words and numbers (kept whole), spaces and
    punctuation one by one. ``"".join(tokens(t)) == t``."""
    return list(_tokens(text))


def _split(text: str) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(text):
        mixed = next((w for w in MIXED if text.startswith(w, i)), None)
        if mixed:
            out.append(mixed)
            i += len(mixed)
            continue
        m = _CJK_RUN.match(text, i)
        if m:
            run = m.group()
            out += cut(run)
            i += len(run)
            continue
        m = _LATIN.match(text, i)
        step = m.end() - i if m else 1
        out.append(text[i:i + step])
        i += step
    return out


def boundaries(text: str) -> set[int]:
    """Offsets in ``text`` where a line may break: between two tokens, never before closing
    punctuation nor after opening punctuation."""
    out, at = set(), 0
    parts = tokens(text)
    for k, token in enumerate(parts[:-1]):
        at += len(token)
        nxt = parts[k + 1]
        if nxt[0] in CLOSING or token[-1] in OPENING:
            continue
        if columns(token[-1]) == 1 and columns(nxt[0]) == 1 and " " not in (token[-1], nxt[0]):
            continue  # Latin next to Latin or punctuation without a space: one word (ID:, 1/3)
        out.add(at)
    return out


def columns(text: str) -> int:
    """Columns ``text`` takes in a fixed-pitch font: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken only between words (a space at a
    break is dropped). A word longer than a line is cut at the line's end, the one exception."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _wrap_paragraph(paragraph, width)
    return lines


def _wrap_paragraph(text: str, width: int) -> list[str]:
    if columns(text) <= width:
        return [text]
    cuts = sorted(boundaries(text) | {len(text)})

    def fits(a: int, b: int) -> bool:
        return columns(text[a:b].strip(" ")) <= width

    spans, start = [], 0
    while start < len(text):
        while start < len(text) and text[start] == " ":
            start += 1
        if start >= len(text):
            break
        end = None
        for c in cuts:
            if c <= start:
                continue
            if not fits(start, c):
                break
            end = c
        if end is None:  # one word longer than the line
            end = start + 1
            while end < len(text) and fits(start, end + 1):
                end += 1
        spans.append((start, end))
        start = end
    if len(spans) > 1 and len(text[spans[-1][0]:].strip(" ")) < MIN_LAST_LINE:
        # move the last words of the line before down, as long as both lines still fit
        (a, b), (_c, d) = spans[-2], spans[-1]
        for c in sorted((c for c in cuts if a < c < b), reverse=True):
            if not fits(c, d):
                break
            if len(text[c:d].strip(" ")) >= MIN_LAST_LINE and text[a:c].strip(" "):
                spans[-2:] = [(a, c), (c, d)]
                break
    return [text[a:b].strip(" ") for a, b in spans]
