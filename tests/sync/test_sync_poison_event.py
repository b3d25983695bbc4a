"""One event the platform refuses as malformed must not hold back the rest of the outbox."""
from __future__ import annotations

from kiosk.sync import SyncWorker


def test_a_refused_event_is_parked_and_the_others_are_delivered(store, client, sandbox):
    """Given an outbox with an event type the platform does not know between good events,
    when the worker drains it, then the good events are delivered in order, the bad one is
    kept in the store (parked, with the platform's reason) and the outbox counts as drained."""
    good1 = store.add_event("terminal.selftest", {"n": 1})
    bad = store.add_event("terminal.unheard_of", {"n": 2})
    good2 = store.add_event("terminal.selftest", {"n": 3})
    report = SyncWorker(store, client, interval_s=0.05).run_until_drained(30)
    assert report.drained
    delivered = [e["event_id"] for e in sandbox.events]
    assert delivered == [good1, good2]
    stats = store.outbox_stats()
    assert stats["depth"] == 0 and stats["parked"] == 1
    assert bad not in delivered
    assert store.unpark_events() == 1 and store.outbox_depth() == 1  # kept, and can be sent again


def test_a_terminal_refused_as_a_whole_parks_nothing(store, sandbox):
    """401 (a wrong secret) is about the terminal, not the events: they all wait."""
    from kiosk.platform_client import PlatformClient
    from tests.sync.conftest import TERMINAL

    store.add_event("terminal.selftest", {})
    wrong = PlatformClient(sandbox.url, TERMINAL, b"\x00" * 32, timeout=(2, 5), attempts=1)
    report = SyncWorker(store, wrong, interval_s=0.05).run_until_drained(1)
    wrong.close()
    assert not report.drained
    assert store.outbox_stats()["parked"] == 0 and store.outbox_depth() == 1
