"""The header tells the truth about the platform, with nobody touching the terminal."""
from __future__ import annotations


def test_the_network_chip_and_home_follow_the_platform(terminal):
    """Given an idle terminal showing 网络正常, when the platform goes away, then the chip turns to
    网络中断 and home says up front what works offline; when it is back, both return."""
    t = terminal
    t.wait_ready()
    header, home = t.window.header, t.screen("home")
    t.qtbot.waitUntil(lambda: header.network.text() == "● 网络正常", timeout=20000)
    assert header.devices.isVisible() and header.shown() == {"network": "online", "devices": "ok"}
    assert not home.notice.isVisible()

    t.rig.sandbox.network_down()
    t.qtbot.waitUntil(lambda: header.network.text() == "✕ 网络中断", timeout=30000)
    assert header.shown()["network"] == "offline"
    assert home.notice.isVisible() and "取件码" in home.notice.text()
    assert t.state == "home"  # nobody had to identify or consent to find out

    t.rig.sandbox.network_up()
    t.qtbot.waitUntil(lambda: header.network.text() == "● 网络正常", timeout=30000)
    assert not home.notice.isVisible()


def test_paper_out_is_said_once_with_what_still_works(terminal):
    t = terminal
    t.wait_ready()
    header, home = t.window.header, t.screen("home")
    t.rig.set_paper("document", "out")
    t.qtbot.waitUntil(lambda: "打印机缺纸" in header.devices.text(), timeout=20000)
    notice = home.notice.text()
    assert notice.count("缺纸") == 1 and "营业执照照常打印" in notice and "工作人员" in notice
    assert header.devices.text() == "⚠ 打印机缺纸"  # the chip names it; the notice says the rest
    assert not home.subtitle.isVisible()  # no invitation to print certificates under it
