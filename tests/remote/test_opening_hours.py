"""Outside opening hours the screen is dark (only while nobody is being served)."""
from __future__ import annotations

import datetime as dt

from kiosk.schedule import Schedule, parse_hhmm


def test_the_screen_is_blanked_outside_opening_hours_but_never_under_a_resident(terminal):
    t = terminal
    t.wait_ready()
    k = t.kiosk
    k.cfg = k.cfg.model_copy(update={"schedule": k.cfg.schedule.model_copy(update={"opening_hours": "08:00-20:00"})})
    k.schedule = Schedule(parse_hhmm("08:00"), parse_hhmm("20:00"))
    night = dt.datetime(2026, 11, 21, 22, 0)
    k._check_schedule(night)
    assert k._closed is not None and k._closed.isVisible()
    assert "08:00–20:00" in k._closed.text.text()
    k._check_schedule(dt.datetime(2026, 11, 22, 9, 0))
    assert not k._closed.isVisible()
    t.choose("medical_insurance")
    k._check_schedule(night)  # someone is being served: the screen stays
    assert not k._closed.isVisible()
