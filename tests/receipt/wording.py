"""The check that no word is split across receipt lines, on the bytes a printer receives."""
from __future__ import annotations

from drivers import words
from drivers.receipt.layout import LINE_COLUMNS
from drivers.sim.escpos_stream import Interpreter, QrBlock, TextLine


def printed_lines(raw: bytes) -> list[list[tuple[str, int]]]:
    """(text, width factor) of the lines of each page, in runs with nothing else (a QR code) between."""
    pages = []
    interp = Interpreter(status=lambda n: None, on_cut=pages.append, chinese_default=False)
    interp.feed(raw)
    groups: list[list[str]] = []
    for page in pages:
        group: list[str] = []
        for block in page.blocks:
            if isinstance(block, TextLine) and block.text.strip():
                group.append((block.text, max((r.width for r in block.runs), default=1)))
            elif isinstance(block, QrBlock) and group:
                groups.append(group)
                group = []
        if group:
            groups.append(group)
    return groups


def split_words(raw: bytes) -> list[str]:
    """Each line wider than the paper (the printer would cut it anywhere), and each pair of
    lines whose break falls inside a Chinese word."""
    bad = []
    for group in printed_lines(raw):
        for text, factor in group:
            if words.columns(text) * factor > LINE_COLUMNS:
                bad.append(f"wider than the paper: {text!r}")
        for (a, _fa), (b, _fb) in zip(group, group[1:], strict=False):
            a, b = a.rstrip(), b.lstrip()
            if not a or not b or set(a) == {"-"} or set(b) == {"-"} or "：" in b[:8]:
                continue  # a rule, or the next row (label：value)
            if words.CJK.match(a[-1]) and words.CJK.match(b[0]) and len(a) not in words.boundaries(a + b):
                bad.append(f"word split: {a!r} / {b!r}")
    return bad
