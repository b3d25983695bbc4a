"""A :class:`drivers.classes.Receipt` as ESC/POS on any python-escpos printer object.

Chinese goes out as GB18030 bytes in Chinese character mode (FS &): python-escpos's ``text()``
runs through its code-page encoder, which has no Chinese, so text is sent with ``_raw``. The
layout is for 80 mm paper (48 columns of Font A, 24 Chinese characters a line). A text longer
than a line is wrapped here, between words (drivers/words.py), never left to the printer, which
would cut it at the 48th column wherever that falls (身份 / 证).
"""
from __future__ import annotations

import re
import unicodedata

from drivers import words
from drivers.classes import Receipt

FS = b"\x1c"
CHINESE_ON = FS + b"&"
CHINESE_OFF = FS + b"."
LINE_COLUMNS = 48
QR_MODULE_DOTS = 6

# Control characters in receipt text would be read by the printer as commands.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """``text`` without control characters (each becomes a space)."""
    return _CONTROL.sub(" ", text or "")


def encode(text: str) -> bytes:
    """Printer bytes of ``text`` in Chinese mode (GB18030; ASCII stays ASCII)."""
    return clean(text).encode("gb18030", errors="replace")


def columns(text: str) -> int:
    """Columns ``text`` takes in Font A: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def label_line(label: str, value: str, width: int = LINE_COLUMNS) -> str:
    """``label：value``, or label and value at both ends of the line when they fit."""
    label, value = clean(label), clean(value)
    gap = width - columns(label) - columns(value) - 2
    if gap >= 1:
        return f"{label}：{' ' * gap}{value}"
    return f"{label}：{value}"


def label_lines(label: str, value: str, width: int = LINE_COLUMNS) -> list[str]:
    """:func:`label_line`, wrapped between words when it is longer than a line."""
    return wrap(label_line(label, value, width), width)


def wrap(text: str, width: int = LINE_COLUMNS) -> list[str]:
    """``text`` (control characters cleaned) in lines of ``width`` columns, broken between words."""
    return words.wrap(clean(text), width)


def render(printer, receipt: Receipt) -> None:
    """Send ``receipt`` to ``printer``: initialise, title, lines, QR, footer, cut."""
    raw = printer._raw
    printer.hw("INIT")                                    # ESC @
    raw(CHINESE_ON)
    # Double width only when the title still fits one line; double height always.
    wide = columns(clean(receipt.title)) * 2 <= LINE_COLUMNS
    printer.set(align="center", bold=True, custom_size=True, width=2 if wide else 1, height=2)
    for line in wrap(receipt.title):
        raw(encode(line) + b"\n")
    printer.set(align="left", bold=False, custom_size=True, width=1, height=1)
    if receipt.lines:
        raw(b"-" * LINE_COLUMNS + b"\n")
        for label, value in receipt.lines:
            for line in label_lines(label, value):
                raw(encode(line) + b"\n")
        raw(b"-" * LINE_COLUMNS + b"\n")
    if receipt.qr:
        printer.set(align="center")
        printer.qr(receipt.qr, native=True, size=QR_MODULE_DOTS)
        raw(b"\n")
    if receipt.footer:
        printer.set(align="center")
        for line in receipt.footer.splitlines():
            for part in wrap(line):
                raw(encode(part) + b"\n")
    printer.set(align="left")
    raw(CHINESE_OFF)
    printer.cut()                                          # ESC d 6, GS V 0
