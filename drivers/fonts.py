"""The one Simplified-Chinese font finder: the sandbox's PDFs, the printer test pages and the
receipt simulator's pictures all ask here.

Debian's fonts-noto-cjk ships OpenType collections (.ttc, CFF outlines); fpdf2 ≥ 2.8 embeds
a chosen face of such a collection, Pillow opens one by index. fontconfig is asked first; the
fallback files cover the usual Debian paths and the WenQuanYi and AR PL packages.
"""
from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass

log = logging.getLogger(__name__)


class FontMissing(RuntimeError):
    """No usable Chinese font: install the Debian package fonts-noto-cjk."""


@dataclass(frozen=True)
class FontFace:
    path: str
    index: int   # face number inside a .ttc collection (0 for a single font)


_NOTO = "/usr/share/fonts/opentype/noto/"

# (fontconfig pattern, fallback files) per role. In the Noto CJK collections face 2 is SC and
# face 7 Mono SC.
_ROLES: dict[str, tuple[str, tuple[tuple[str, int], ...]]] = {
    "sans": ("Noto Sans CJK SC", (
        (_NOTO + "NotoSansCJK-Regular.ttc", 2),
        (_NOTO + "NotoSerifCJK-Regular.ttc", 2),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
        ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    )),
    "mono": ("Noto Sans Mono CJK SC", (
        (_NOTO + "NotoSansCJK-Regular.ttc", 7),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    )),
    "mono_bold": ("Noto Sans Mono CJK SC:bold", (
        (_NOTO + "NotoSansCJK-Bold.ttc", 7),
    )),
    "serif": ("Noto Serif CJK SC", (
        (_NOTO + "NotoSerifCJK-Regular.ttc", 2),
        ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    )),
    "serif_bold": ("Noto Serif CJK SC:bold", (
        ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    )),
}


@functools.cache
def cjk_face(role: str) -> FontFace:
    """The font file and face to use for ``role``: "sans", "serif", "mono" (receipts), and
    "serif_bold", "mono_bold".

    A bold role without a bold font falls back to the regular one, then to any Chinese font.
    Raises FontMissing when no Chinese font is installed at all.
    """
    pattern, fallbacks = _ROLES[role]
    face = _fc_match(pattern) or next(
        (FontFace(p, i) for p, i in fallbacks if os.path.isfile(p)), None)
    if face is None and role.endswith("_bold"):
        return cjk_face(role.removesuffix("_bold"))
    if face is None:
        face = _any_face()
    log.debug("font %s: %s #%d", role, face.path, face.index)
    return face


def _any_face() -> FontFace:
    for _pattern, fallbacks in _ROLES.values():
        for p, i in fallbacks:
            if os.path.isfile(p):
                return FontFace(p, i)
    raise FontMissing("no Chinese font found: install the Debian package fonts-noto-cjk")


def _fc_match(pattern: str) -> FontFace | None:
    """Ask fontconfig; accept the answer only if it is really a CJK SC face (fc-match always
    answers something, often DejaVu)."""
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}\n%{index}\n%{style}\n%{lang}", pattern],
            capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.split("\n")
    if len(parts) < 4 or not os.path.isfile(parts[0]):
        return None
    path, index, style, langs = parts[0], parts[1], parts[2], parts[3]
    if "zh-cn" not in langs.split("|"):
        return None
    if not path.lower().endswith((".ttf", ".ttc", ".otf", ".otc")):
        return None
    if ":bold" in pattern and "bold" not in style.lower():
        return None
    try:
        return FontFace(path, int(index or 0))
    except ValueError:
        return None
