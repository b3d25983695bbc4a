"""``make demo`` with a display: the simulator controls beside the kiosk, never over it, and
their state buttons staying pressed while the state holds."""
from __future__ import annotations

import pytest

from kiosk.demo import side_by_side


def _overlap(a, b) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


@pytest.mark.parametrize("portrait", [False, True])
@pytest.mark.parametrize("area", [(0, 0, 1920, 1080), (0, 0, 2560, 1440), (0, 30, 1920, 1050)])
def test_one_screen_the_kiosk_shrinks_to_leave_the_controls_room(area, portrait):
    kiosk, control = side_by_side(area, [], (480, 820), portrait, kiosk_min_w=1400 if not portrait else 0)
    assert not _overlap(kiosk, control)
    x, y, w, h = area
    for rx, ry, rw, rh in (kiosk, control):
        assert x <= rx and rx + rw <= x + w and y <= ry and ry + rh <= y + h
    assert control[2] >= 400  # the buttons still fit


def test_a_second_screen_takes_the_controls_and_the_kiosk_keeps_the_first():
    kiosk, control = side_by_side((0, 0, 1920, 1080), [(1920, 0, 1280, 1024)], (480, 820), False)
    assert control[:2] == (1920, 0)
    assert kiosk[2] > 1800


def test_state_buttons_stay_pressed_while_the_state_holds(qtbot, tmp_path):
    from kiosk.simrig import SimulatedTerminal
    from screens.sim_control import SimControl

    with SimulatedTerminal(tmp_path / "t", platform_port=0, receipt_port=0) as rig:
        control = SimControl(rig, columns=2)
        qtbot.addWidget(control)
        down, up = control.buttons["断网 network down"], control.buttons["恢复网络 network up"]
        assert up.isChecked() and not down.isChecked()
        down.click()
        assert rig.sandbox.is_down and down.isChecked() and not up.isChecked()
        down.click()  # pressing it again keeps the network down, and the button pressed
        assert rig.sandbox.is_down and down.isChecked()
        up.click()
        assert not rig.sandbox.is_down and up.isChecked() and not down.isChecked()
        out = control.buttons["A4 缺纸 paper out"]
        out.click()
        assert out.isChecked() and not control.buttons["A4 纸张正常 ok"].isChecked()
        assert (rig.printed_dir / "paper-state").read_text(encoding="utf-8").strip() == "out"
        assert not control.buttons["e福州身份码 (张伟明)"].isCheckable()  # one-shot
