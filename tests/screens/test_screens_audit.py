"""screens.audit measures laid-out widgets: it finds a clipped text, a small target, low contrast,
a state by colour alone and a widget off the screen when they are there, and passes the real
1920×1080 window (Xvfb) of the English 长辈版 consent screen that used to clip its first paragraph.
The full audit of every scene runs in ``make test`` (python -m screens.audit)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def shell(qtbot):
    from kiosk.preview import PreviewCache
    from kiosk.sandbox.catalogue import CATALOGUE
    from kiosk.session import Session
    from screens.shell import ShellWindow
    from screens.theme import Theme

    from kiosk.catalogue import build

    session = Session(services={s["id"]: s for s in CATALOGUE["services"]})
    session.catalogue = build(CATALOGUE)  # as the kiosk sets it: the categories of the catalogue
    window = ShellWindow(session, terminal_name="x", theme=Theme(), previews=PreviewCache())
    window.timer.stop()
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    with qtbot.waitExposed(window):
        window.show()
    return window


def _scene(window):
    from kiosk.reach import Panel
    from screens.audit_checks import Scene

    panel = Panel()
    return Scene(window=window, theme=window.theme, px_per_mm=panel.px_per_mm(1080, False),
                 image=window.grab().toImage(), panel=panel)


def test_a_well_laid_out_home_screen_passes_every_check(shell):
    from screens.audit_checks import CHECKS

    scene = _scene(shell)
    assert {name: check(scene) for name, check in CHECKS.items() if check(scene)} == {}


def test_seeded_violations_are_each_found(shell, qtbot):
    from PySide6.QtWidgets import QApplication, QLabel

    from screens import audit_checks as a

    home = shell.screens["home"]
    home.subtitle.setText("一段很长的说明文字，" * 30)            # wraps to more lines than it has room for
    home.subtitle.setFixedHeight(50)
    tile = home.tiles["medical"]
    tile.setFixedSize(40, 40)                                      # 10 mm at 4 px/mm
    home.title.setStyleSheet("color: #c8ccd2;")                    # pale grey on near-white
    shell.footer.elder.blockSignals(True)  # no rebuild: just the look of a chosen switch
    shell.footer.elder.setVisible(True)
    shell.footer.elder.setChecked(True)
    shell.footer.elder.setText("长辈版")                           # chosen, but only its colour says so
    home.notice.setText("打印机缺纸")                              # a status with no shape
    home.notice.show()
    stray = QLabel("⚠ 超出屏幕", home)                              # a widget partly off the screen
    stray.setGeometry(1800, 10, 300, 60)
    stray.show()
    QApplication.processEvents()
    scene = _scene(shell)
    assert any("needs" in v and "一段很长" in v for v in a.clipped(scene)), a.clipped(scene)
    assert any("«医保" in v and "mm" in v for v in a.targets(scene))  # the tile reads 医保 9 项
    assert any("«请选择您要办理的业务»" in v for v in a.contrast(scene))
    assert any("«长辈版»" in v for v in a.colour_alone(scene))
    assert any("«打印机缺纸»" in v for v in a.colour_alone(scene))
    assert any("«⚠ 超出屏幕»" in v for v in a.on_screen(scene))


def test_contrast_ratio_matches_wcag():
    from PySide6.QtGui import QColor

    from screens.audit_contrast import contrast_ratio

    assert round(contrast_ratio(QColor("#000000"), QColor("#ffffff")), 1) == 21.0
    assert round(contrast_ratio(QColor("#777777"), QColor("#ffffff")), 2) == 4.48


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="Xvfb is not installed")
def test_the_english_elder_consent_fits_a_real_1920x1080_window():
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    proc = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", sys.executable, "-m", "screens.audit",
                           "--platform", "xcb", "--variant", "landscape-en-elder", "--only", "consent"],
                          capture_output=True, text=True, timeout=300, env=env)
    assert "landscape-en-elder/consent" in proc.stdout
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_a_label_breaking_chinese_inside_words_is_found(shell):
    """A plain QLabel (Qt breaks between any two characters) at a width that splits words: the
    line-break check names it; the same text in the screens' own label passes."""
    from PySide6.QtWidgets import QApplication, QLabel

    from screens import audit_checks as a
    from screens.widgets import label

    home = shell.screens["home"]
    text = "届时请凭凭条上的取件码和本人身份证，在首页点取件打印，或到人工窗口办理。"
    raw = QLabel(text, home)
    raw.setWordWrap(True)
    ours = label(text)
    ours.setParent(home)
    for k, lab in enumerate((raw, ours)):
        lab.setGeometry(40, 200 + 400 * k, 290, 380)
        lab.setStyleSheet("font-size: 40px;")
        lab.show()
    QApplication.processEvents()
    found = a.line_breaks(_scene(shell))
    assert any("届时请凭" in v for v in found if "QLabel" in v), found
    assert not any("WordLabel" in v for v in found), found
