"""The catalogue feed on its own (kiosk.catalogue_feed): a new cached catalogue is handed on once,
its search index only after the first paint, and a cache it cannot use leaves what is shown."""
from __future__ import annotations

import logging
import threading

from kiosk import memory
from kiosk.catalogue_feed import CatalogueFeed
from kiosk.sandbox.catalogue import FULL


class CachedCatalogue:
    """The one store method the feed reads: the cached catalogue body and its ETag, or None."""

    def __init__(self, cached=None):
        self.cached = cached

    def catalogue(self):
        return self.cached


class Posted(list):
    """What the feed posts to the session's thread, kept in order; ``arrived`` is set on each."""

    def __init__(self):
        super().__init__()
        self.arrived = threading.Event()

    def __call__(self, fn):
        self.append(fn)
        self.arrived.set()


def make_feed(store, *, painted=True, default=(lambda c, n: None, None)):
    posted, first_paint = Posted(), threading.Event()
    if painted:
        first_paint.set()
    return CatalogueFeed(lambda: store, posted, first_paint, default=default), posted, first_paint


def run(posted):
    """Run what was posted (as the session's thread would), in order, and forget it."""
    while posted:
        posted.pop(0)()


def test_a_new_catalogue_is_handed_on_once_then_its_index():
    store = CachedCatalogue((FULL, '"v1"'))
    feed, posted, _ = make_feed(store)
    shown, indexed = [], []
    feed.listen(lambda c, none: shown.append((c, none)), lambda c, index: indexed.append((c, index)))

    feed.load()
    assert posted[-1] is memory.release  # the pinyin table read for the index is let go
    run(posted)
    [(catalogue, none)] = shown
    assert none is None and len(catalogue.services) == len(FULL["services"])
    [(same, index)] = indexed
    assert same is catalogue and "social_insurance_payment" in index.search("社会保险缴费")

    feed.load()  # the same ETag again (each sync cycle asks): nothing handed on
    assert posted == []
    store.cached = (FULL, '"v2"')
    feed.load()
    run(posted)
    assert len(shown) == 2 and len(indexed) == 2


def test_nothing_cached_hands_nothing_on():
    feed, posted, _ = make_feed(CachedCatalogue(None))
    feed.listen(lambda c, n: None)
    feed.load()
    assert posted == []


def test_without_listeners_the_default_pair_gets_the_catalogue():
    shown = []
    feed, posted, _ = make_feed(CachedCatalogue((FULL, '"v1"')), default=(lambda c, n: shown.append(c), None))
    feed.load()
    run(posted)
    assert len(shown) == 1 and len(shown[0].services) == len(FULL["services"])


def test_a_cache_it_cannot_use_leaves_what_is_shown(caplog):
    store = CachedCatalogue((FULL, '"v1"'))
    feed, posted, _ = make_feed(store)
    shown = []
    feed.listen(lambda c, n: shown.append(c))
    feed.load()
    run(posted)
    caplog.set_level(logging.ERROR)
    store.cached = ({"services": "not a list"}, '"old-format"')
    feed.load()
    assert [fn for fn in posted if fn is not memory.release] == []
    assert len(shown) == 1  # the catalogue on screen stays
    assert any("not usable" in r.getMessage() for r in caplog.records)


def test_the_index_waits_for_the_first_paint():
    store = CachedCatalogue((FULL, '"v1"'))
    feed, posted, first_paint = make_feed(store, painted=False)
    shown, indexed = [], []
    feed.listen(lambda c, n: shown.append(c), lambda c, index: indexed.append(index))
    loader = threading.Thread(target=feed.load)
    loader.start()
    assert posted.arrived.wait(30)  # the catalogue is posted before the paint...
    run(posted)
    assert len(shown) == 1 and indexed == [] and loader.is_alive()  # ...its index waits for it
    first_paint.set()
    loader.join(30)
    assert not loader.is_alive()
    run(posted)
    assert len(indexed) == 1 and len(shown) == 1
