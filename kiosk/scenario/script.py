"""The scenario script format: one step per line, ``#`` starts a comment, words split by spaces."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Step:
    line: int            # 1-based line number in the script
    text: str            # the step as written, comment stripped
    name: str            # the first word
    args: tuple[str, ...]


class StepFailed(Exception):
    """A step could not be played or an expectation did not hold; the message is the ``why``."""


def parse(text: str) -> list[Step]:
    """Every non-empty line of ``text`` as a :class:`Step` (no check of names or arguments)."""
    steps = []
    for number, raw in enumerate(text.splitlines(), start=1):
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        words = body.split()
        steps.append(Step(number, " ".join(words), words[0], tuple(words[1:])))
    return steps


def load(path: Path | str) -> list[Step]:
    return parse(Path(path).read_text(encoding="utf-8"))
