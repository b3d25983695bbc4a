"""Opening hours and the daily restart."""
import datetime as dt

from kiosk.schedule import Schedule, parse_hhmm

D = dt.datetime


def test_always_open_without_hours():
    assert Schedule().is_open(D(2026, 11, 21, 3, 0))


def test_opening_hours_including_across_midnight():
    day = Schedule(parse_hhmm("08:00"), parse_hhmm("20:00"))
    assert day.is_open(D(2026, 11, 21, 8, 0)) and not day.is_open(D(2026, 11, 21, 20, 0))
    night = Schedule(parse_hhmm("22:00"), parse_hhmm("06:00"))
    assert night.is_open(D(2026, 11, 21, 23, 0)) and night.is_open(D(2026, 11, 22, 5, 59))
    assert not night.is_open(D(2026, 11, 21, 12, 0))


def test_restart_once_after_the_quiet_hour():
    s = Schedule(restart_at=parse_hhmm("03:30"))
    started = D(2026, 11, 20, 9, 0)
    assert not s.restart_due(started, D(2026, 11, 21, 3, 29))
    assert s.restart_due(started, D(2026, 11, 21, 3, 30))
    restarted = D(2026, 11, 21, 3, 31)
    assert not s.restart_due(restarted, D(2026, 11, 21, 15, 0))
    assert s.restart_due(restarted, D(2026, 11, 22, 4, 0))
    assert not Schedule().restart_due(started, D(2026, 11, 25))
