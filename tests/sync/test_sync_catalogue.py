"""A broken or invalid catalogue answer keeps the last good catalogue, logged once."""
from __future__ import annotations

import copy
import logging
from types import SimpleNamespace

from tests.sandbox.standins import CATALOGUE


def test_broken_catalogue_keeps_last_good_logged_once(store, sandbox, make_worker, caplog, tmp_path):
    """Given a cached good catalogue, when the platform answers an invalid one (twice), then the
    cached one stays, one error is logged, the reason is in the store for kiosk.diag; a good
    answer afterwards replaces it and clears the reason."""
    worker = make_worker()
    assert worker.run_cycle()
    good, good_etag = store.catalogue()
    broken = copy.deepcopy(CATALOGUE)
    broken["version"] = "test-2"
    broken["services"][0]["kind"] = "teleport"
    sandbox.state.set_catalogue(broken)
    with caplog.at_level(logging.INFO, logger="kiosk.sync"):
        for _ in range(2):
            worker.kick()
            assert worker.run_cycle()  # the rest of the cycle (the outbox) still runs
    assert store.catalogue() == (good, good_etag)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "services[0].kind: expected one of print, licence, guide" in errors[0].getMessage()
    assert "services[0].kind" in store.get_meta("catalogue.problem")
    assert worker.state.online

    from kiosk.diag import queue
    ctx = SimpleNamespace(config=SimpleNamespace(storage=SimpleNamespace(dir=store.dir, max_cache_mb=10),
                                                 secret=lambda: b"k" * 32))
    report = queue.run(SimpleNamespace(busy_timeout=5.0), ctx)["catalogue"]
    assert report["version"] == "test-1" and "services[0].kind" in report["problem"]

    fixed = copy.deepcopy(CATALOGUE)
    fixed["version"] = "test-3"
    sandbox.state.set_catalogue(fixed)
    worker.kick()
    assert worker.run_cycle()
    assert store.catalogue()[0]["version"] == "test-3"
    assert not store.get_meta("catalogue.problem")


def test_garbage_catalogue_answer_keeps_last_good(store, sandbox, make_worker):
    worker = make_worker()
    worker.run_cycle()
    before = store.catalogue()
    sandbox.state.set_catalogue({"version": "x", "services": "everything"})
    worker.kick()
    worker.run_cycle()
    assert store.catalogue() == before
    assert "services" in store.get_meta("catalogue.problem")
