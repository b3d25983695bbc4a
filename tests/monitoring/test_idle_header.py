"""An idle kiosk's header and ``kiosk.diag status`` follow the platform, both ways, within two
sync intervals (counted in the worker's cycles, not in seconds)."""
from __future__ import annotations

import threading

from tests.flows.conftest import terminal  # noqa: F401 - the flow tests' kiosk fixture


def _diag_online(cfg):
    from kiosk.diag import status

    class Args:
        live = False
        probe_s = 0.5

    class Ctx:
        config = cfg

    view = status.run(Args(), Ctx())
    if view["source"] == "kiosk":
        assert view["monitoring"]["metrics"].startswith("http://127.0.0.1:")
    return view["source"], view["network"]["online"]


def test_an_idle_kiosk_shows_offline_and_online_again_within_two_intervals(terminal):  # noqa: F811
    """Given an idle kiosk at home with nothing to send, when the platform goes away, then
    within two sync cycles the header says 网络中断 and ``diag status`` (the kiosk's own view)
    says offline; when it returns, within two cycles both say online again."""
    t = terminal
    t.wait_ready()
    t.qtbot.waitUntil(lambda: "网络正常" in t.window.header.network.text(), timeout=30000)
    sync = t.kiosk.sync
    count, lock, run = [0], threading.Lock(), sync.run_cycle

    def counted(**kw):
        ok = run(**kw)
        with lock:
            count[0] += 1
        return ok

    sync.run_cycle = counted
    t.qtbot.waitUntil(lambda: t.kiosk.store.outbox_depth() == 0, timeout=30000)
    t.qtbot.waitUntil(lambda: _diag_online(t.rig.config) == ("kiosk", True), timeout=30000)

    def shown(words):
        """Wait for the header to say ``words``; the cycles run by then."""
        seen = []

        def check():
            if words in t.window.header.network.text():
                seen.append(count[0])
            return bool(seen)

        t.qtbot.waitUntil(check, timeout=30000)
        return seen[0]

    before = count[0]
    t.rig.sandbox.network_down()
    assert shown("网络中断") - before <= 2
    t.qtbot.waitUntil(lambda: _diag_online(t.rig.config) == ("kiosk", False), timeout=10000)

    before = count[0]
    t.rig.sandbox.network_up()
    assert shown("网络正常") - before <= 2
    t.qtbot.waitUntil(lambda: _diag_online(t.rig.config) == ("kiosk", True), timeout=10000)
    assert t.state == "home"
