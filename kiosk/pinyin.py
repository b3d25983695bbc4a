"""Pinyin initials of Chinese text for the search, from a table written ahead of time.

The search needs two things of each character: the initial a resident most likely types (the
reading of the character in its word: 银行 is Y H, not Y X) and the initials of all its readings
(长 is C or Z). Both come from pypinyin, whose dictionaries are about 45 MB of Python objects:
loaded in the kiosk at every catalogue, they left several MB behind each time and pypinyin's
peak doubled the kiosk's memory for a moment. So pypinyin runs only when the table is written:

    python -m kiosk.pinyin          # writes kiosk/pinyin_initials.txt (needs pypinyin)
    python -m kiosk.pinyin --check  # exits 1 when the file differs from what pypinyin gives

The table holds, for each character of U+3400–U+9FFF that pypinyin knows, its usual initial
and the initials of all its readings, then the words whose initials differ from those of
their characters read alone (about 2,100 of pypinyin's 47,000). Text is cut into those words
by forward maximum matching, as pypinyin cuts it into its own.
"""
from __future__ import annotations

import argparse
import functools
import logging
import sys
from pathlib import Path

TABLE = Path(__file__).with_name("pinyin_initials.txt")
HAN_FIRST, HAN_LAST = 0x3400, 0x9FFF

log = logging.getLogger(__name__)
#: the table's last line: a table without it was cut short (a copy or an install interrupted)
END = "# end of the table"


def is_han(ch: str) -> bool:
    return HAN_FIRST <= ord(ch) <= HAN_LAST


class Table:
    """Characters → (usual initial, every initial); words → their initials."""

    def __init__(self, chars: dict[str, str], words: dict[str, str]):
        self.chars = chars  # "长" → "cz"… the first letter is the usual one
        self.words = words  # "银行" → "yh"
        self.longest = max((len(w) for w in words), default=1)

    def usual(self, text: str) -> list[str]:
        """One usual initial per character of ``text`` ('' for one without pinyin)."""
        out: list[str] = []
        i, n = 0, len(text)
        while i < n:
            for j in range(min(n, i + self.longest), i + 1, -1):
                word = self.words.get(text[i:j])
                if word is not None:
                    out.extend(word)
                    i = j
                    break
            else:
                out.append(self.chars.get(text[i], " ")[0].strip())
                i += 1
        return out

    def every(self, ch: str) -> str:
        """The initials of every reading of ``ch`` ('' for a character without pinyin)."""
        return self.chars.get(ch, " ").strip()


@functools.lru_cache(maxsize=1)
def table() -> Table:
    """The table, read once (about 20 000 entries; :func:`forget` lets go of it). A table that
    is missing or unreadable gives an empty one, with an error logged: the search then matches
    Chinese and English text but no pinyin initials, instead of not searching at all."""
    chars: dict[str, str] = {}
    words: dict[str, str] = {}
    try:
        with TABLE.open(encoding="utf-8") as f:
            line = ""
            for line in f:
                if line.startswith("#"):
                    continue
                key, tab, value = line.rstrip("\n").partition("\t")
                if not key or not tab or not value:
                    raise ValueError(f"not a line of the table: {line[:40]!r}")
                (chars if len(key) == 1 else words)[key] = value
            if line.rstrip("\n") != END:
                raise ValueError("cut short: its last line is not the end line")
    except (OSError, UnicodeDecodeError, ValueError) as e:
        log.error("pinyin table %s not usable (%s): the search matches Chinese and English text, "
                  "not pinyin initials; reinstall the package", TABLE.name, e)
        return Table({}, {})
    return Table(chars, words)


def forget() -> None:
    """Let go of the table (the search holds what it built from it)."""
    table.cache_clear()


# -- writing the table (pypinyin needed here only) ---------------------------------------------
def _first_letters(readings) -> str:
    from pypinyin import Style  # noqa: PLC0415
    from pypinyin.style import convert  # noqa: PLC0415

    out = []
    for r in readings:
        letter = convert(r, Style.FIRST_LETTER, strict=True)[:1].lower()
        if letter and letter not in out:
            out.append(letter)
    return "".join(out)


def build_text() -> str:
    """The table's text, from the pypinyin installed."""
    import pypinyin  # noqa: PLC0415
    from pypinyin import Style, lazy_pinyin  # noqa: PLC0415
    from pypinyin.phrases_dict import phrases_dict  # noqa: PLC0415
    from pypinyin.pinyin_dict import pinyin_dict  # noqa: PLC0415

    lines = ["# Pinyin initials for the search (kiosk/pinyin.py): written by python -m kiosk.pinyin,",
             f"# do not edit. From pypinyin {pypinyin.__version__}: character, its usual initial then",
             "# every other one; then words whose initials differ from their characters read alone."]
    alone: dict[str, str] = {}
    for cp in sorted(pinyin_dict):
        if not HAN_FIRST <= cp <= HAN_LAST:
            continue
        ch = chr(cp)
        usual = lazy_pinyin(ch, style=Style.FIRST_LETTER)[0][:1].lower()
        every = _first_letters(pinyin_dict[cp].split(","))
        if not usual.isalpha():
            continue
        alone[ch] = usual
        lines.append(f"{ch}\t{usual}{every.replace(usual, '')}")
    for word in sorted(phrases_dict):
        if not all(ch in alone for ch in word):
            continue
        initials = "".join(_first_letters([r[0]])[:1] for r in phrases_dict[word])
        if len(initials) == len(word) and initials != "".join(alone[ch] for ch in word):
            lines.append(f"{word}\t{initials}")
    lines.append(END)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.pinyin", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the table is not what pypinyin gives")
    args = parser.parse_args(argv)
    text = build_text()
    if args.check:
        current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
        if current != text:
            print(f"{TABLE.name} is out of date: python -m kiosk.pinyin", file=sys.stderr)
            return 1
        return 0
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE} ({text.count(chr(10)) - 4} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
