"""The cached catalogue, handed to whoever shows it. No Qt.

The sync worker saves a new catalogue in the store; :meth:`CatalogueFeed.load` reads and groups
it on the calling worker thread and hands it to each listener through ``post`` (the thread that
owns the session), then, once the first screen is painted, its search index (a few hundred ms of
pinyin: never in the way of that first paint). A catalogue already handed on (same ETag) is not
handed again; one that cannot be used (a cache from an older version) leaves the shown one.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

from kiosk import memory

log = logging.getLogger(__name__)

Listener = tuple[Callable[[object, None], None], Callable[[object, object], None] | None]


class CatalogueFeed:
    """``store()`` gives the terminal's store (built on first use); ``post`` runs a callable on
    the session's thread; ``first_paint`` is set once the first screen is painted; ``default``
    is the (catalogue, search index) pair of listeners used when nobody listens."""

    def __init__(self, store: Callable[[], object], post: Callable[[Callable[[], None]], None],
                 first_paint: threading.Event, default: Listener):
        self._store = store
        self._post = post
        self._first_paint = first_paint
        self._default = default
        self._listeners: list[Listener] = []
        self._etag: str | None = "-"  # nothing handed on yet; None is "no catalogue cached"
        self._lock = threading.Lock()

    def listen(self, shown: Callable[[object, None], None],
               indexed: Callable[[object, object], None] | None = None) -> None:
        """``shown(catalogue, None)`` for each new catalogue, then ``indexed(catalogue, index)``."""
        self._listeners.append((shown, indexed))

    def load(self) -> None:
        """Read the cached catalogue and group it (on the calling worker thread) and hand a new
        one to the listeners through ``post``; then, once the first screen is painted, its
        search index."""
        from kiosk.catalogue import CatalogueError, build

        with self._lock:
            cached = self._store().catalogue()
            etag = cached[1] if cached else None
            if cached is None or etag == self._etag:
                return
            self._etag = etag
            try:
                catalogue = build(cached[0])
            except (CatalogueError, Exception) as e:  # a cache from an older version: keep what is shown
                log.error("cached catalogue %s not usable: %s", etag, e)
                return
            listeners = list(self._listeners) or [self._default]
            for shown, _ in listeners:
                self._post(lambda fn=shown: fn(catalogue, None))
            self._first_paint.wait()
            from kiosk.catalogue_search import SearchIndex

            try:
                index = SearchIndex(catalogue.services)
            except Exception as e:
                log.error("search index of catalogue %s not built: %s", etag, e)
                return
        for _, indexed in listeners:
            if indexed is not None:
                self._post(lambda fn=indexed: fn(catalogue, index))
        self._post(memory.release)  # building the index read and let go of the pinyin table

    def load_soon(self) -> None:
        """:meth:`load` on a thread of its own (never on the GUI thread)."""
        threading.Thread(target=self.load, name="catalogue-load", daemon=True).start()
