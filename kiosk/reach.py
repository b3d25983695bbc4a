"""Physical size and reach of the panel (EN 301 549 / ADA: a seated user reaches 380–1220 mm
above the floor). Plain arithmetic, no Qt: the shell and screens.audit both use it."""
from __future__ import annotations

from dataclasses import dataclass

REACH_LOW_MM = 380.0
REACH_HIGH_MM = 1220.0


@dataclass(frozen=True)
class Panel:
    """The visible panel as mounted in landscape (width × height, mm) and the height of its
    lower visible edge above the floor when mounted the way the config's orientation says."""

    width_mm: float = 476.0
    height_mm: float = 268.0
    bottom_mm: float = 800.0

    @classmethod
    def from_config(cls, cfg) -> "Panel":
        ui = cfg.ui
        return cls(ui.panel_width_mm, ui.panel_height_mm, ui.panel_bottom_mm)

    def mm_tall(self, portrait: bool) -> float:
        return self.width_mm if portrait else self.height_mm

    def px_per_mm(self, px_tall: int, portrait: bool) -> float:
        return px_tall / self.mm_tall(portrait)

    def height_above_floor(self, y_px: float, px_tall: int, portrait: bool) -> float:
        """Height above the floor of pixel row ``y_px`` (0 = the top row), mm."""
        return self.bottom_mm + (px_tall - y_px) / self.px_per_mm(px_tall, portrait)

    def reach_rows(self, px_tall: int, portrait: bool) -> tuple[int, int]:
        """The rows [top, bottom) that lie within the reach range."""
        k = self.px_per_mm(px_tall, portrait)
        top = (self.bottom_mm + self.mm_tall(portrait) - REACH_HIGH_MM) * k
        bottom = px_tall - (REACH_LOW_MM - self.bottom_mm) * k
        return max(0, int(round(top + 0.4999))), min(px_tall, int(bottom))
