"""The hidden gesture, the PIN pad, its lockout and the idle end of a technician session."""
from __future__ import annotations

from tests.technician.conftest import PIN


def test_five_taps_open_the_pin_pad_and_the_right_pin_the_console(terminal):
    """Given the kiosk at home, when the top-left corner is tapped five times and the PIN
    typed, then the technician console covers the shell and the entry is audited."""
    t = terminal
    t.tap_corner(4)
    assert not t.mode.active
    t.tap_corner(1)
    assert t.mode.active
    assert t.mode.overlay.geometry() == t.window.rect()
    t.type_pin(PIN)
    assert t.mode.overlay.console is not None
    assert t.mode.overlay.console.current == "devices"
    assert any(a["what"] == "mode.enter" for a in t.audit("mode."))
    t.click(t.mode.overlay.leave_btn)
    assert not t.mode.active
    assert any(a["what"] == "mode.leave" for a in t.audit("mode."))


def test_taps_spread_over_more_than_three_seconds_do_nothing(terminal):
    t = terminal
    now = [1000.0]
    t.mode.clock = lambda: now[0]
    for _ in range(5):
        t.tap_corner(1)
        now[0] += 1.0
    assert not t.mode.active


def test_the_gesture_is_ignored_during_a_visit(terminal):
    t = terminal
    t.session.dispatch("choose_licence")
    assert t.session.state.value == "licence_code"
    t.tap_corner()
    assert not t.mode.active


def test_five_wrong_pins_lock_the_entry_and_send_an_event(terminal):
    """Given the PIN pad, when five wrong PINs are typed, then the keys are disabled, the
    right PIN is refused for 15 minutes (even after reopening) and a lockout event is queued."""
    t = terminal
    wall = [1_700_000_000.0]
    t.mode.wall_clock = lambda: wall[0]
    t.tap_corner()
    for _i in range(4):
        message = t.type_pin("111111")
        assert "还可尝试" in message
    t.type_pin("111111")
    pad = t.mode.overlay.pinpad
    assert not pad.ok.isEnabled()
    assert "锁定" in pad.message.text()
    assert t.mode.session is None
    events = [e for e in t.kiosk.store.pending_events(100) if e.type == "technician.lockout"]
    events += [e for e in t.rig.sandbox.events if e["type"] == "technician.lockout"]
    assert events
    assert t.mode.guard.check(PIN) == "locked"
    wall[0] += 14 * 60
    assert t.mode.guard.check(PIN) == "locked"
    wall[0] += 61
    pad.refresh()
    assert pad.ok.isEnabled()
    t.type_pin(PIN)
    assert t.mode.session is not None


def test_the_technician_session_ends_after_five_idle_minutes(terminal):
    t = terminal
    now = [5000.0]
    t.mode.clock = lambda: now[0]
    t.enter()
    now[0] += 299
    t.mode.overlay._tick()
    assert t.mode.active
    t.click(t.page("queue").sync_btn)  # a touch restarts the idle time
    now[0] += 299
    t.mode.overlay._tick()
    assert t.mode.active
    now[0] += 2
    t.qtbot.waitUntil(lambda: not t.mode.active, timeout=5000)
    assert any(a["what"] == "mode.idle_end" for a in t.audit("mode."))
