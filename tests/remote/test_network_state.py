"""The header's network state follows real traffic, the resident's requests included."""
from __future__ import annotations


def test_the_header_shows_offline_as_soon_as_a_visit_cannot_reach_the_platform(terminal):
    t = terminal
    t.wait_ready()
    t.qtbot.waitUntil(lambda: "网络正常" in t.window.header.network.text(), timeout=30000)
    t.kiosk.sync.interval_s = 3600  # only real traffic (and the probe it triggers) may tell
    t.rig.sandbox.network_down()
    t.choose("medical_insurance")
    t.rig.card.place("lin")
    t.wait_state("offline_offer")
    t.qtbot.waitUntil(lambda: "网络中断" in t.window.header.network.text(), timeout=10000)
    t.rig.sandbox.network_up()
    t.kiosk.sync.kick()
    t.qtbot.waitUntil(lambda: "网络正常" in t.window.header.network.text(), timeout=30000)
