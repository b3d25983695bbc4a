"""The technician overlay: the PIN pad, then the console (navigation + one page at a time)."""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QHBoxLayout, QStackedWidget, QVBoxLayout,
                               QWidget)

from screens.widgets import button, label, tr


class PinPad(QWidget):
    """Digits only; the PIN shows as dots. Locked: keys disabled and the time left shown."""

    def __init__(self, mode):
        super().__init__()
        self.mode = mode
        self.pin = ""
        self.checking = False  # a PIN is being checked (off the GUI thread)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 24, 0, 24)
        lay.setSpacing(20)
        lay.setAlignment(Qt.AlignHCenter)
        box = QWidget()
        box.setFixedWidth(640)
        inner = QVBoxLayout(box)
        inner.setSpacing(18)
        self.title = label("", "title")
        self.dots = label("", "big_code")
        self.message = label("", "hint")
        inner.addWidget(self.title)
        inner.addWidget(self.dots)
        inner.addWidget(self.message)
        grid = QGridLayout()
        grid.setSpacing(14)
        self.keys = {}
        for i, ch in enumerate("123456789"):
            self.keys[ch] = button(ch, "key")
            grid.addWidget(self.keys[ch], i // 3, i % 3)
        self.keys["0"] = button("0", "key")
        self.clear = button("", "key")
        self.ok = button("", "key")
        grid.addWidget(self.clear, 3, 0)
        grid.addWidget(self.keys["0"], 3, 1)
        grid.addWidget(self.ok, 3, 2)
        for ch, btn in self.keys.items():
            btn.clicked.connect(lambda _=False, c=ch: self.press(c))
        self.clear.clicked.connect(self._clear)
        self.ok.clicked.connect(self.submit)
        inner.addLayout(grid)
        self.cancel = button("", "secondary")
        self.cancel.clicked.connect(lambda: self.mode.leave("cancel"))
        inner.addWidget(self.cancel)
        lay.addWidget(box)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)

    def reset(self) -> None:
        self.pin = ""
        self.message.setText("")
        self.refresh()
        self.timer.start(1000)

    def press(self, ch: str) -> None:
        if len(self.pin) < 12:
            self.pin += ch
        self.refresh()

    def _clear(self) -> None:
        self.pin = ""
        self.refresh()

    def submit(self) -> None:
        """The PIN checked off the GUI thread; the keys wait meanwhile (:attr:`checking`)."""
        pin, self.pin = self.pin, ""
        self.checking = True
        self.refresh()
        self.mode.submit_pin(pin, self._checked)

    def _checked(self, verdict: str, left: int) -> None:
        self.checking = False
        if verdict == "wrong":
            self.message.setText(tr("PIN 不正确，还可尝试 {n} 次").format(n=left))
        elif verdict == "no_pin":
            self.message.setText(tr("本机尚未设置技术员 PIN：请在控制台运行 python -m kiosk.diag set-pin"))
        self.refresh()

    def refresh(self) -> None:
        self.title.setText(tr("技术员登录"))
        self.clear.setText(tr("清除"))
        self.ok.setText(tr("确定"))
        self.cancel.setText(tr("取消"))
        self.dots.setText("●" * len(self.pin) if self.pin else "—")
        service = self.mode.service
        locked_for = service.locked_for() if service is not None else 0
        if locked_for > 0:
            minutes = math.ceil(locked_for / 60)
            self.message.setText(tr("错误次数过多，已锁定，请 {n} 分钟后再试").format(n=minutes))
        for btn in (*self.keys.values(), self.clear, self.ok):
            btn.setEnabled(not locked_for and not self.checking)


NAV = (("devices", "设备与自检"), ("calibration", "执照打印校准"), ("config", "配置"),
       ("network", "网络与平台"), ("queue", "任务队列"), ("export", "导出诊断"), ("system", "退出与重启"))


class Console(QWidget):
    def __init__(self, mode):
        super().__init__()
        from screens.technician import pages_config, pages_devices, pages_queue, pages_system

        self.mode = mode
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        nav = QFrame()
        nav.setObjectName("footer")
        nav.setFixedWidth(340)
        nav_lay = QVBoxLayout(nav)
        nav_lay.setContentsMargins(20, 20, 20, 20)
        nav_lay.setSpacing(12)
        self.nav_buttons = {}
        for key, _ in NAV:
            btn = button("", "quiet")
            btn.setCheckable(True)
            btn.clicked.connect(lambda _=False, k=key: self.show_page(k))
            nav_lay.addWidget(btn)
            self.nav_buttons[key] = btn
        nav_lay.addStretch(1)
        self.stack = QStackedWidget()
        self.pages = {
            "devices": pages_devices.DevicesPage(mode),
            "calibration": pages_devices.CalibrationPage(mode),
            "config": pages_config.ConfigPage(mode),
            "network": pages_config.NetworkPage(mode),
            "queue": pages_queue.QueuePage(mode),
            "export": pages_queue.ExportPage(mode),
            "system": pages_system.SystemPage(mode),
        }
        for page in self.pages.values():
            self.stack.addWidget(page)
        lay.addWidget(nav)
        lay.addWidget(self.stack, 1)
        self.current = ""

    def show_page(self, key: str) -> None:
        if self.current and self.current != key:
            self.pages[self.current].left()
        self.current = key
        for k, btn in self.nav_buttons.items():
            btn.setChecked(k == key)
        self.stack.setCurrentWidget(self.pages[key])
        self.pages[key].shown()

    def refresh_texts(self) -> None:
        for key, text in NAV:
            self.nav_buttons[key].setText(tr(text).replace("&", "&&"))  # "Network & platform": no mnemonic

    def leave_pages(self) -> None:
        if self.current:
            self.pages[self.current].left()
        self.current = ""


class TechnicianOverlay(QFrame):
    """Covers the whole shell window (header and footer too) while technician mode is on."""

    def __init__(self, mode):
        super().__init__(mode.shell)
        self.mode = mode
        self.setObjectName("screen")
        self.setAttribute(Qt.WA_StyledBackground)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        bar = QFrame()
        bar.setObjectName("header")
        bar.setFixedHeight(100)
        bar_lay = QHBoxLayout(bar)
        bar_lay.setContentsMargins(36, 8, 24, 8)
        bar_lay.setSpacing(24)
        self.heading = label("", "terminal_name", wrap=False, align=Qt.AlignLeft | Qt.AlignVCenter)
        self.remaining = label("", "clock", wrap=False, align=Qt.AlignRight | Qt.AlignVCenter)
        self.remaining.setMinimumWidth(560)
        self.leave_btn = button("", "quiet")
        self.leave_btn.setStyleSheet("color: white; border-color: white;")
        self.leave_btn.clicked.connect(lambda: self.mode.leave("leave"))
        bar_lay.addWidget(self.heading, 1)
        bar_lay.addWidget(self.remaining)
        bar_lay.addWidget(self.leave_btn)
        lay.addWidget(bar)
        self.stack = QStackedWidget()
        self.pinpad = PinPad(mode)
        self.console: Console | None = None
        self.stack.addWidget(self.pinpad)
        lay.addWidget(self.stack, 1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        mode.shell.installEventFilter(self)
        self.hide()

    def cover(self) -> None:
        self.setGeometry(self.mode.shell.rect())
        self.raise_()
        self.show()
        QApplication.instance().installEventFilter(self)

    def hideEvent(self, event) -> None:
        QApplication.instance().removeEventFilter(self)
        self.timer.stop()
        self.pinpad.timer.stop()
        super().hideEvent(event)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.mode.shell and event.type() == QEvent.Resize:
            self.setGeometry(self.mode.shell.rect())
        elif event.type() in (QEvent.MouseButtonPress, QEvent.TouchBegin) and self.isVisible():
            self.mode.touch()
        return False

    def show_pin(self) -> None:
        self.heading.setText(tr("技术员模式"))
        self.leave_btn.hide()
        self.remaining.setText("")
        self.pinpad.reset()
        self.stack.setCurrentWidget(self.pinpad)

    def show_console(self) -> None:
        self.pinpad.timer.stop()
        if self.console is None:
            self.console = Console(self.mode)
            self.stack.addWidget(self.console)
        self.console.refresh_texts()
        self.leave_btn.setText(tr("离开技术员模式"))
        self.leave_btn.show()
        self.stack.setCurrentWidget(self.console)
        self.console.show_page("devices")
        self.timer.start(1000)
        self._tick()

    def close_console(self) -> None:
        if self.console is not None:
            self.console.leave_pages()
        self.timer.stop()

    def _tick(self) -> None:
        session = self.mode.session
        if session is None:
            return
        if session.expired():
            self.mode.leave("idle_end")
            return
        left = int(session.remaining())
        self.remaining.setText(tr("无操作 {m}:{s:02d} 后自动退出").format(m=left // 60, s=left % 60))
