"""Reaching a service on the home screen the way a resident does: its category tile (paging
through the categories if needed), then the category's pages, then the service; or the search
with its pinyin initials typed on the letter keypad. Used by the demo, the scenario runner and
tests; ``click`` is how the caller touches a widget (qtbot.mouseClick, QTest ...)."""
from __future__ import annotations

from kiosk.catalogue_search import SearchIndex


class NotReachable(LookupError):
    """The service is not on the home screen (unknown id, or paused with a reason shown)."""


def _page_until(home, present, click, limit: int = 50) -> None:
    for _ in range(limit):
        if present():
            return
        if not (home.pager.isVisible() and home.pager.next.isEnabled()):
            break
        click(home.pager.next)
    if not present():
        raise NotReachable("not found on any page")


def by_category(home, service_id: str, click) -> None:
    """From any home view: back to the categories, the category's tile, its pages, the service."""
    catalogue = home.catalogue()
    category = catalogue.category_of(service_id)
    if category is None:
        raise NotReachable(f"{service_id}: not in the catalogue")
    if not home.at_top():
        click(home.back_btn)
    while home.pager.isVisible() and home.pager.prev.isEnabled():
        click(home.pager.prev)
    _page_until(home, lambda: category.id in home.tiles, click)
    tile = home.tiles[category.id]
    if not tile.isEnabled():
        raise NotReachable(f"{service_id}: its category is paused")
    click(tile)
    if home.session is not None and home.session.state.value != "home":
        return  # a category of one service opens it at once
    _page_until(home, lambda: service_id in home.tiles, click)
    button = home.tiles[service_id]
    if not button.isEnabled():
        raise NotReachable(f"{service_id}: paused on this terminal")
    click(button)


def by_search(home, service_id: str, click) -> None:
    """Search: the pinyin initials of the service's Chinese name on the letter keypad."""
    service = home.catalogue().services.get(service_id)
    if service is None:
        raise NotReachable(f"{service_id}: not in the catalogue")
    if not home.at_top():
        click(home.back_btn)
    click(home.search_btn)
    for ch in SearchIndex.initials_of(service["name"]["zh"]):
        if ch in home.key_buttons:
            click(home.key_buttons[ch])
    _page_until(home, lambda: service_id in home.tiles, click)
    click(home.tiles[service_id])
