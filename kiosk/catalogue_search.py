"""Search over the catalogue: Chinese text, pinyin initials, English words (no Qt, no I/O).

The index is built once per catalogue (at load, on the thread that loads it), so a keystroke only
scans small precomputed strings. Pinyin initials come from kiosk.pinyin (pypinyin's, written
ahead of time) with every reading of a character that has several (长 = c/z), so "SBJF" finds
社会保险缴费证明 (initials S H B X J F Z M: the typed letters in order, gaps allowed, as residents
abbreviate 社保缴费). Results are ranked: initials from the first character, then a run of
initials, then letters in order; shorter names first within a rank, then catalogue order.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from kiosk import pinyin

_HAN = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[a-z0-9]+")


#: the pinyin table in use: it is let go of once an index is built (see :func:`kiosk.pinyin.forget`)
_PINYIN = threading.Lock()
#: most likely initials of the names indexed so far: :meth:`SearchIndex.initials_of` answers these
#: without reading the table again
_USUAL: dict[str, str] = {}
_USUAL_MAX = 5000


def _usual_initials(text: str) -> str:
    """The initials a resident most likely types for ``text``, in capitals; a run of other
    characters counts by its first one when that is a letter or digit (as pypinyin's
    lazy_pinyin gives such a run whole)."""
    usual = iter(pinyin.table().usual("".join(ch for ch in text if pinyin.is_han(ch))))
    out, prev_han = [], True
    for ch in text:
        if pinyin.is_han(ch):
            out.append(next(usual))
        elif prev_han and ch.isalnum():
            out.append(ch)
        prev_han = pinyin.is_han(ch)
    return "".join(out).upper()


def _initials(text: str, *, every_reading: bool = True) -> tuple[frozenset[str], ...]:
    """One set of possible initial letters per Chinese character or Latin letter/digit of
    ``text``: the reading of the character in its word, plus every other reading of the
    character (长 in 长期 is read chang, yet a resident may type Z)."""
    table = pinyin.table()
    usual = iter(table.usual("".join(ch for ch in text if pinyin.is_han(ch))))
    out: list[frozenset[str]] = []
    for ch in text:
        if pinyin.is_han(ch):
            letters = {next(usual)}
            if every_reading:
                letters |= set(table.every(ch))
        elif ch.isascii() and ch.isalnum():
            letters = {ch.lower()}
        else:
            continue
        out.append(frozenset(x for x in letters if x))
    return tuple(out)


def _match_initials(typed: str, initials: tuple[frozenset[str], ...]) -> int | None:
    """0 prefix, 1 a contiguous run, 2 in order with gaps; None when the letters do not fit."""
    n = len(typed)
    if n == 0 or n > len(initials):
        return None
    starts = [i for i in range(len(initials) - n + 1)
              if all(typed[k] in initials[i + k] for k in range(n))]
    if starts:
        return 0 if starts[0] == 0 else 1
    j = 0
    for letters in initials:
        if typed[j] in letters:
            j += 1
            if j == n:
                return 2
    return None


@dataclass(frozen=True)
class _Entry:
    service_id: str
    order: int
    zh: str
    initials: tuple[frozenset[str], ...]       # every reading of each character
    usual: tuple[frozenset[str], ...]          # the reading of the phrase only (ranks first)
    words: tuple[str, ...]       # English words of the name and keywords, lower case
    length: int


class SearchIndex:
    """What a search needs of each service, precomputed. Safe to share between threads once built."""

    def __init__(self, services: dict[str, dict]):
        with _PINYIN:
            try:
                self._build(services)
            finally:
                pinyin.forget()

    def _build(self, services: dict[str, dict]) -> None:
        entries = []
        if len(_USUAL) > _USUAL_MAX:
            _USUAL.clear()
        for order, (sid, s) in enumerate(services.items()):
            name = s.get("name") or {}
            zh = name.get("zh") or sid
            keywords = s.get("keywords") or {}
            zh_all = " ".join([zh] + [k for k in keywords.get("zh", []) if isinstance(k, str)])
            en_all = " ".join([name.get("en") or ""] + [k for k in keywords.get("en", []) if isinstance(k, str)])
            _USUAL[zh] = _usual_initials(zh)
            entries.append(_Entry(sid, order, zh_all, _initials(zh), _initials(zh, every_reading=False),
                                  tuple(_WORD.findall(en_all.lower())), len(zh)))
        self._entries = tuple(entries)
        # Keywords in Chinese also answer to their initials (社保 for 社会保险…): a second line each.
        self._extra = tuple((e, _initials(k)) for e, s in zip(entries, services.values(), strict=False)
                            for k in ((s.get("keywords") or {}).get("zh") or []) if isinstance(k, str))

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, lang: str = "zh") -> list[str]:
        """Service ids matching ``query``, best first. Chinese characters match the names and
        keywords as text; Latin letters match pinyin initials, and in English (``lang="en"``)
        also the start of English words (every typed word must start a word of the name)."""
        q = query.strip().lower()
        if not q:
            return []
        if _HAN.search(q):
            parts = q.split()
            hits = [(0 if e.zh.startswith(parts[0]) else 1, e.length, e.order, e.service_id)
                    for e in self._entries if all(p in e.zh for p in parts)]
            return [h[-1] for h in sorted(hits)]
        ranks: dict[str, tuple] = {}
        typed = re.sub(r"[^a-z0-9]", "", q)
        for e in self._entries:
            rank = _match_initials(typed, e.usual)
            if rank is None:  # only through a rarer reading of a character (份 read bīn): after the rest
                rank = _match_initials(typed, e.initials)
                rank = None if rank is None else rank + 3
            if rank is not None:
                ranks[e.service_id] = (rank, e.length, e.order)
        for e, initials in self._extra:
            rank = _match_initials(typed, initials)
            rank = None if rank is None else rank + 1  # a keyword's match counts a little less than the name's
            if rank is not None and (e.service_id not in ranks or ranks[e.service_id][0] > rank):
                ranks[e.service_id] = (rank, e.length, e.order)
        if lang == "en":
            words = _WORD.findall(q)
            for e in self._entries:
                if words and all(any(w.startswith(t) for w in e.words) for t in words):
                    best = -1 if e.words and e.words[0].startswith(words[0]) else 0
                    ranks[e.service_id] = min(ranks.get(e.service_id, (9,)), (best, e.length, e.order))
        return [sid for sid, _ in sorted(ranks.items(), key=lambda kv: kv[1])]

    @staticmethod
    def initials_of(text: str) -> str:
        """The most likely initials of ``text`` in capitals (社会保险缴费证明 → SHBXJFZM); a name
        of an index already built is answered without reading the table again."""
        with _PINYIN:
            known = _USUAL.get(text)
            if known is not None:
                return known
            try:
                return _usual_initials(text)
            finally:
                pinyin.forget()
