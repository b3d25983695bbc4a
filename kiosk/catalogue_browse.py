"""Where a resident is in the catalogue on the home screen: categories, one category, or search.

Plain Python (no Qt): the home screen renders it and turns touches into these calls, and the
scenario runner walks it the way a resident does (:func:`route`). Pages are 0-based and are
clamped when the screen renders them (kiosk.catalogue.page_slice), so a shorter catalogue
arriving under an open page never shows an empty one.
"""
from __future__ import annotations

from dataclasses import dataclass

#: Letters of the search keypad (pinyin initials and English words use the same 26 keys).
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_QUERY = 16


@dataclass
class Browse:
    view: str = "top"            # top | category | search
    category: str | None = None
    page: int = 0                # of the category grid, the category's services or the results
    query: str = ""

    def at_top(self) -> bool:
        return self.view == "top"

    def open_category(self, category_id: str) -> None:
        self.view, self.category, self.page = "category", category_id, 0

    def open_search(self) -> None:
        self.view, self.category, self.page, self.query = "search", None, 0, ""

    def back(self) -> None:
        """From a category or the search to the categories (at their first page)."""
        self.view, self.category, self.page, self.query = "top", None, 0, ""

    def next_page(self, pages: int) -> None:
        self.page = min(self.page + 1, max(0, pages - 1))

    def prev_page(self) -> None:
        self.page = max(0, self.page - 1)

    def type(self, ch: str) -> None:
        """A key of the search keypad: a letter, or a space between English words."""
        if len(self.query) < MAX_QUERY and (ch.isalnum() or (ch == " " and self.query and not self.query.endswith(" "))):
            self.query += ch.upper()
            self.page = 0

    def backspace(self) -> None:
        self.query = self.query[:-1]
        self.page = 0

    def clear(self) -> None:
        self.query, self.page = "", 0


def route(catalogue, service_id: str, per_page: int) -> list[tuple[str, int | str]]:
    """The touches that reach ``service_id`` from the categories, as a resident would make them:
    ``[("category", category_id), ("next_page", n) ..., ("service", service_id)]``; empty when the
    catalogue does not hold the service. ``per_page`` is how many services a category page shows."""
    category = catalogue.category_of(service_id)
    if category is None:
        return []
    steps: list[tuple[str, int | str]] = [("category", category.id)]
    index = category.service_ids.index(service_id)
    if len(category.service_ids) > 1:
        steps += [("next_page", i + 1) for i in range(index // max(1, per_page))]
        steps.append(("service", service_id))
    return steps
