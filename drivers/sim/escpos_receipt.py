"""What the receipt printer simulator printed between two cuts: text lines of styled runs, QR
codes, raster images and paper feeds, in order (made by :mod:`drivers.sim.escpos_stream`, drawn
by :mod:`drivers.sim.escpos_render`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image


@dataclass
class Run:
    text: str
    bold: bool = False
    width: int = 1
    height: int = 1
    underline: bool = False


@dataclass
class TextLine:
    runs: list[Run] = field(default_factory=list)
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class QrBlock:
    data: str
    module: int = 3
    ec: str = "L"
    align: str = "left"


@dataclass
class ImageBlock:
    image: Image.Image
    align: str = "left"


@dataclass
class Feed:
    dots: int


@dataclass
class PrintedReceipt:
    """What was printed between two cuts: blocks in order and the raw command bytes."""

    blocks: list = field(default_factory=list)
    raw: bytearray = field(default_factory=bytearray)

    @property
    def lines(self) -> list[str]:
        """The non-empty text lines, as printed."""
        return [b.text for b in self.blocks if isinstance(b, TextLine) and b.text.strip()]

    @property
    def qr_codes(self) -> list[str]:
        return [b.data for b in self.blocks if isinstance(b, QrBlock)]
