"""Colours, type sizes and the style sheet, for the normal and the 长辈版 (elder) modes.

Touch targets are at least 96 px high: 15 mm or more on the 21.5"–32" panels these terminals
use. Colour is never the only signal: every state also has a word and a shape.
"""
from __future__ import annotations

from dataclasses import dataclass

FONT_FAMILIES = ["Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "sans-serif"]

BLUE = "#1d5fbf"
BLUE_DARK = "#143f82"
BLUE_LIGHT = "#e8f0fc"
GREEN = "#1e7d45"
RED = "#b3261e"
AMBER = "#8a5a00"
INK = "#1b1f24"
INK_SOFT = "#4a5361"
PAPER = "#f4f6fa"
WHITE = "#ffffff"

#: 长辈版 type is this many times the standard size (issue 17: at least 1.5×)
ELDER_SCALE = 1.5


@dataclass(frozen=True)
class Theme:
    elder: bool = False
    portrait: bool = False

    @property
    def scale(self) -> float:
        """How much larger 长辈版 type is than the standard's (screens.audit compares the two)."""
        return ELDER_SCALE if self.elder else 1.0

    def px(self, size: float) -> int:
        """A type size (1.5× in 长辈版)."""
        return round(size * self.scale)

    def heading(self, size: float) -> int:
        """A heading's size (titles, big codes): 1.25× in 长辈版 (keypad keys too) — already large, and the body
        text under it needs the room (screens.audit: body text ≥ 1.5×, headings ≥ 1.25×)."""
        return round(size * (1.25 if self.elder else 1.0))

    def hero(self, size: float) -> int:
        """A screen's large picture above its words: as a structural size, except on a landscape
        panel in 长辈版, where the 1.5× words need its height (it keeps the standard size)."""
        return round(size) if self.elder and not self.portrait else self.h(size)

    def icon(self, size: float) -> int:
        """An icon's size: it grows with the type in 长辈版, so a picture still reads with its words."""
        return round(size * self.scale)

    def fpx(self, size: float) -> int:
        """A font size: px(size), but never below the smallest text allowed (24 px, 36 px in
        长辈版: 1.5× the standard, at 1080 lines; screens.audit checks it)."""
        return max(self.px(size), 36 if self.elder else 24)

    def h(self, size: float) -> int:
        """A structural size — button heights, gaps — which grows less than type (a quarter), so a
        长辈版 screen still fits a 1080-line panel."""
        return round(size * (1.25 if self.elder else 1.0))

    @property
    def body(self) -> int:
        return self.px(30)

    @property
    def title(self) -> int:
        return self.heading(52)

    @property
    def button_h(self) -> int:
        return self.h(104)

    @property
    def ink_soft(self) -> str:
        return INK if self.elder else INK_SOFT  # higher contrast in 长辈版

    def style_sheet(self) -> str:
        fam = ", ".join(f'"{f}"' for f in FONT_FAMILIES)
        b = self.body
        return f"""
        QWidget {{ font-family: {fam}; font-size: {b}px; color: {INK}; }}
        QWidget#screen, QStackedWidget {{ background: {PAPER}; }}
        QLabel#title {{ font-size: {self.title}px; font-weight: 700; color: {INK}; }}
        QLabel#subtitle {{ font-size: {self.fpx(34)}px; color: {self.ink_soft}; }}
        QLabel#hint {{ font-size: {self.fpx(28)}px; color: {self.ink_soft}; }}
        QLabel#big_code {{ font-size: {self.heading(80 if self.portrait else 96)}px; font-weight: 700; color: {BLUE_DARK};
                           letter-spacing: 12px; }}
        QLabel#code_entry {{ font-size: {self.heading(64)}px; font-weight: 700; color: {BLUE_DARK};
                              background: {WHITE}; border: 2px solid #c3cfe3; border-radius: 16px; padding: 6px 24px; }}
        QLabel#count {{ font-size: {self.heading(56)}px; font-weight: 700; color: {BLUE_DARK}; min-width: {self.heading(90)}px; }}
        QLabel#notice {{ font-size: {self.fpx(30)}px; color: {AMBER}; background: #fff4d6;
                        border: 2px solid #e8c46a; border-radius: 12px; padding: 14px 20px; }}
        QLabel#problem {{ font-size: {self.fpx(30)}px; color: {RED}; background: #fdecea;
                         border: 2px solid #f1aea8; border-radius: 12px; padding: 14px 20px; }}
        QFrame#card {{ background: {WHITE}; border: 1px solid #d5dbe5; border-radius: 20px; }}
        QFrame#header {{ background: qlineargradient(x1:0, y1:0, x2:1, y2:0, stop:0 {BLUE_DARK}, stop:1 {BLUE}); }}
        QFrame#header QLabel {{ color: {WHITE}; }}
        QLabel#terminal_name {{ font-size: {self.heading(36) if self.elder else self.fpx(34)}px; font-weight: 700; }}
        QLabel#clock {{ font-size: {self.fpx(34)}px; font-weight: 700; }}
        QLabel#chip_ok, QLabel#chip_bad {{ font-size: {self.fpx(24)}px; border-radius: 22px; padding: 6px 18px; }}
        QLabel#chip_ok {{ background: rgba(255,255,255,0.16); }}
        QFrame#header QLabel#chip_bad {{ background: #fff4d6; color: {RED}; font-weight: 700; }}
        QFrame#footer {{ background: {WHITE}; border-top: 1px solid #d5dbe5; }}
        QPushButton {{ min-height: {self.button_h}px; border-radius: 18px; padding: 0 40px;
                       font-size: {self.fpx(34)}px; font-weight: 600; }}
        QPushButton#primary {{ background: {BLUE}; color: {WHITE}; border: none; }}
        QPushButton#primary:pressed {{ background: {BLUE_DARK}; }}
        QPushButton#primary:disabled {{ background: #9db3d6; color: #eef2f8; }}
        QPushButton#secondary {{ background: {WHITE}; color: {BLUE_DARK}; border: 3px solid {BLUE}; }}
        QPushButton#secondary:pressed {{ background: {BLUE_LIGHT}; }}
        QPushButton#secondary:disabled {{ background: #f4f6f9; color: #8a93a0; border-color: #d5dbe5; }}
        QPushButton#quiet {{ background: transparent; color: {BLUE_DARK}; border: 2px solid #c3cfe3;
                             min-height: 96px; font-size: {self.fpx(28)}px; padding: 0 28px; }}
        QPushButton#quiet:checked {{ background: {BLUE}; color: {WHITE}; border-color: {BLUE}; }}
        QPushButton#quiet:disabled {{ color: #8a93a0; border-color: #e1e6ee; }}
        QToolButton#tile, QToolButton#rating {{ background: {WHITE}; border: 2px solid #d5dbe5; border-radius: 24px;
                            padding: 12px; font-size: {self.fpx(36)}px; font-weight: 700; color: {INK}; }}
        QToolButton#tile:pressed {{ background: {BLUE_LIGHT}; border-color: {BLUE}; }}
        QToolButton#tile:disabled {{ background: #eceff4; color: #4a5361; border-style: dashed; font-size: {self.fpx(28)}px; }}
        QToolButton#rating {{ font-size: {self.fpx(30)}px; border-width: 3px; }}
        QToolButton#rating:checked {{ border-color: {BLUE}; background: {BLUE_LIGHT}; border-width: 5px; }}
        QPushButton#tile {{ background: {WHITE}; border: 2px solid #d5dbe5; border-radius: 24px;
                            text-align: center; padding: 16px; font-size: {self.fpx(38)}px; font-weight: 700; }}
        QPushButton#tile:pressed {{ background: {BLUE_LIGHT}; border-color: {BLUE}; }}
        QPushButton#tile:disabled {{ background: #eceff4; color: #6b7380; border-style: dashed; }}
        QPushButton#rating {{ background: {WHITE}; border: 3px solid #d5dbe5; font-size: {self.fpx(32)}px;
                              min-height: {self.px(150)}px; padding: 8px 10px; }}
        QPushButton#rating:checked {{ border-color: {BLUE}; background: {BLUE_LIGHT}; }}
        QPushButton#chip {{ background: {WHITE}; border: 2px solid #c3cfe3; min-height: {92 if self.elder else 88}px;
                            font-size: {self.fpx(30)}px; padding: 0 30px; border-radius: 44px; }}
        QPushButton#chip:checked {{ background: {BLUE_LIGHT}; color: {BLUE_DARK}; border: 3px solid {BLUE}; }}
        QPushButton#key {{ background: {WHITE}; border: 2px solid #c3cfe3; font-size: {self.heading(44)}px;
                           min-height: {96 if self.elder else 80}px; min-width: {self.h(96)}px; padding: 0; }}
        QPushButton#key:pressed {{ background: {BLUE_LIGHT}; }}
        QFrame#overlay {{ background: rgba(10, 20, 40, 0.62); }}
        QFrame#dialog {{ background: {WHITE}; border-radius: 28px; }}
        """
