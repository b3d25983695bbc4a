"""Technician page: leave technician mode, restart the kiosk, or exit to the desktop.

Restart and exit ask for a second tap (a slip of the finger must not take a terminal down).
"""
from __future__ import annotations

from PySide6.QtCore import Qt

from screens.technician.common import TechnicianPage
from screens.widgets import button, label, tr


class SystemPage(TechnicianPage):
    def __init__(self, mode):
        super().__init__(mode)
        self.heading = self.section("")
        self.hint = label("", "hint", align=Qt.AlignLeft)
        self.body.addWidget(self.hint)
        self.leave_btn = button("", "primary")
        self.leave_btn.clicked.connect(lambda: self.mode.leave("leave"))
        self.restart_btn = button("", "secondary")
        self.restart_btn.clicked.connect(self._restart)
        self.exit_btn = button("", "secondary")
        self.exit_btn.clicked.connect(self._exit)
        for b in (self.leave_btn, self.restart_btn, self.exit_btn):
            b.setMinimumHeight(140)
            self.body.addWidget(b)
        self.body.addStretch(1)
        self.armed = ""

    def shown(self) -> None:
        self.armed = ""
        self.refresh()

    def left(self) -> None:
        self.armed = ""

    def refresh(self) -> None:
        self.heading.setText(tr("退出与重启"))
        self.hint.setText(tr("重启：程序退出后由系统自动重新启动。退出到桌面：程序退出且不再自动启动，仅供维护。"))
        self.leave_btn.setText(tr("离开技术员模式，回到首页"))
        self.restart_btn.setText(tr("再按一次确认重启") if self.armed == "restart" else tr("重启自助终端程序"))
        self.exit_btn.setText(tr("再按一次确认退出到桌面") if self.armed == "exit" else tr("退出到桌面"))

    def _restart(self) -> None:
        if self.armed == "restart":
            self.mode.restart()
            return
        self.armed = "restart"
        self.refresh()

    def _exit(self) -> None:
        if self.armed == "exit":
            self.mode.exit_to_desktop()
            return
        self.armed = "exit"
        self.refresh()
