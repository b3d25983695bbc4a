"""The low-reach layout: on a portrait panel the rows above (and below) a seated user's reach
hold no action. The header may sit up there (it has nothing to press); the rest is left blank."""
from __future__ import annotations

#: The panel resolution the kiosk is laid out for (1080 lines on the short side).
PANEL_PX = {False: (1920, 1080), True: (1080, 1920)}


def reach_gaps(window) -> tuple[int, int]:
    """(blank rows under the header, blank rows under the footer) for the window's panel."""
    portrait = window.theme.portrait
    if not portrait:
        return 0, 0
    tall = PANEL_PX[portrait][1]
    top, bottom = window.panel.reach_rows(tall, portrait)
    header = window.header.height() or 112
    return max(0, top - header), max(0, tall - bottom)
