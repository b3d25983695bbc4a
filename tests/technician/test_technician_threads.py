"""Nothing the technician screens do writes the store or calls the platform on the GUI thread:
the store and the platform client of a real kiosk record the thread of every write and request."""
from __future__ import annotations

import threading

from tests.technician.conftest import PIN


def _record(obj, name, calls):
    real = getattr(obj, name)

    def recorded(*args, **kwargs):
        calls.append((name, args[0] if args else "", threading.current_thread() is threading.main_thread()))
        return real(*args, **kwargs)

    setattr(obj, name, recorded)


def test_audits_pin_checks_and_the_network_test_run_off_the_gui_thread(terminal):
    """Given a technician session, when the PIN is typed (wrong, then right), the network tested,
    a self-test receipt printed, a job resolved and the console left, then every store write and
    platform request happened on a worker, and the audit events are all there."""
    from kiosk import technician_service

    t = terminal
    calls: list = []
    for name in ("add_event", "set_meta", "transition"):
        _record(t.kiosk.store, name, calls)
    _record(t.kiosk.client, "request", calls)
    store = t.kiosk.store
    job = store.create_job(service_id="social_insurance_payment", platform_job_id="J-THREAD-1")
    for state in ("ready", "printing"):
        store.transition(job.id, state)
    store.transition(job.id, "needs_verification", error_code="interrupted_while_printing")
    calls.clear()  # the test's own set-up above ran here on purpose

    t.tap_corner()
    assert "还可尝试" in t.type_pin("000000")
    t.type_pin(PIN)
    assert t.mode.session is not None
    page = t.page("network")
    t.click(page.test_btn)
    t.qtbot.waitUntil(lambda: hasattr(page, "last_results"), timeout=20000)
    devices = t.page("devices")
    t.click(devices.cards["receipt"].test)
    t.qtbot.waitUntil(lambda: devices.cards["receipt"].test.isEnabled(), timeout=20000)
    queue = t.page("queue")
    t.qtbot.waitUntil(lambda: job.id in queue.verify_rows, timeout=10000)
    t.click(queue.verify_rows[job.id].buttons[0])
    t.qtbot.waitUntil(lambda: store.get_job(job.id).state.value != "needs_verification", timeout=10000)
    t.click(t.mode.overlay.leave_btn)
    technician_service.drain()

    whats = {a["what"] for a in t.audit()}
    assert {"mode.enter", "network.test", "selftest.receipt", "job.resolve", "mode.leave"} <= whats
    assert {name for name, _, _ in calls} >= {"add_event", "set_meta", "transition", "request"}
    on_gui = [(name, what) for name, what, gui in calls if gui]
    assert on_gui == []


def test_the_service_writes_audits_in_order_on_its_writer(tmp_path):
    """Qt-free: audit events asked for from this (the main) thread are written by the writer
    thread, in the order asked."""
    from kiosk.technician_service import TechnicianService, drain

    class Store:
        def __init__(self):
            self.events = []

        def add_event(self, type_, data):
            self.events.append((data["what"], threading.current_thread() is threading.main_thread()))

    store = Store()
    service = TechnicianService(store)
    futures = [service.audit(f"step.{i}") for i in range(20)]
    drain()
    assert all(f.done() for f in futures)
    assert store.events == [(f"step.{i}", False) for i in range(20)]
