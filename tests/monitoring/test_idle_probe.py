"""An idle terminal (empty outbox, no visit) notices an outage, and the platform's return,
within two sync intervals (issue 18: the worker probes /health when nothing else was said)."""
from __future__ import annotations

import threading

from tests.monitoring.core import wait_for


def _count_cycles(worker):
    count = {"n": 0}
    lock = threading.Lock()
    run = worker.run_cycle

    def counted(**kw):
        ok = run(**kw)
        with lock:
            count["n"] += 1
        return ok

    worker.run_cycle = counted
    return lambda: count["n"]


def test_an_idle_terminal_marks_the_platform_offline_and_back_within_two_intervals(make_core, sandbox):
    """Given an idle terminal that is online, when the platform goes away, then the sync state
    is offline after at most two cycles; when it returns, online again after at most two (the
    cycles, not the seconds, are counted: a loaded machine stretches seconds, not cycles)."""
    core = make_core(interval_s=0.3, heartbeat_s=3600)
    cycles = _count_cycles(core.sync)
    core.sync.start()
    wait_for(lambda: core.sync.state.online is True, what="online")
    core.sync.run_until_drained(20, outbox_only=True)
    assert core.store.outbox_depth() == 0  # idle: nothing to send
    before = cycles()
    sandbox.network_down()
    wait_for(lambda: core.sync.state.online is False, what="offline noticed")
    assert cycles() - before <= 2
    wait_for(lambda: cycles() - before >= 6, what="some cycles offline")  # the backoff has grown
    # Offline, the cycles (one GET /health each) stay an interval apart at most.
    assert max(core.sync._next_delay() for _ in range(200)) <= core.sync.interval_s
    before = cycles()
    sandbox.network_up()
    wait_for(lambda: core.sync.state.online is True, what="back online noticed")
    assert cycles() - before <= 2
    assert any(r.path.endswith("/health") for r in sandbox.requests)


def test_an_idle_online_terminal_probes_health_not_the_catalogue(make_core, sandbox):
    """The idle probe is one unsigned GET /health per interval; the catalogue and the config
    are still pulled at their own (long) periods, not at every probe."""
    core = make_core(interval_s=0.1, heartbeat_s=3600)
    cycles = _count_cycles(core.sync)
    core.sync.start()
    wait_for(lambda: cycles() >= 15, what="fifteen cycles")
    paths = [r.path.rsplit("/", 1)[-1] for r in sandbox.requests]
    assert paths.count("health") >= 10
    assert paths.count("catalogue") <= 2 and paths.count("config") <= 2
