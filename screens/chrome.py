"""The frame around every screen: the header (terminal name, clock, network and device state),
the footer (home, language, 长辈版, low reach, voice) and the idle overlay ("are you still there?")."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from screens import icons
from screens.theme import Theme
from screens.widgets import button, icon_label, label, tr


class ElidedLabel(QLabel):
    """Up to ``lines`` lines, broken between words, the last ending in "…" only when the text
    does not fit (the terminal's name in a narrow header): never a glyph cut in half.
    ``full_text`` keeps the whole text."""

    def __init__(self, text: str, name: str, lines: int = 1):
        super().__init__()
        self.setObjectName(name)
        self.setAlignment(Qt.AlignVCenter | Qt.AlignLeft)
        self.lines = lines
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.full_text = text
        self._elide()

    def _elide(self) -> None:
        # elidedText measures advances; a glyph's ink can reach a few pixels past its advance
        room = self.contentsRect().width() - 4
        if room <= 0:
            QLabel.setText(self, self.full_text)
            return
        fm = self.fontMetrics()
        words, lines = self.full_text.split(" "), []
        while words and len(lines) < self.lines - 1:  # whole words on every line but the last
            n = len(words)
            while n > 1 and fm.horizontalAdvance(" ".join(words[:n])) > room:
                n -= 1
            lines.append(" ".join(words[:n]))
            words = words[n:]
        if words:
            lines.append(fm.elidedText(" ".join(words), Qt.ElideRight, room))
        QLabel.setText(self, "\n".join(lines))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()


class Header(QFrame):
    """Terminal name, clock, network and device state. Words and shapes, not colour alone."""

    def __init__(self, theme: Theme, terminal_name: str):
        super().__init__()
        self.setObjectName("header")
        # 长辈版: the name's larger type takes two lines (a long English name); on a narrow
        # portrait panel the status chips move to a row of their own, under the name
        two_rows = theme.elder and theme.portrait
        self.setFixedHeight(208 if two_rows else (134 if theme.elder else 112))
        self._portrait = theme.portrait
        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 6 if two_rows else 0, 36, 8 if two_rows else 0)
        outer.setSpacing(4)
        lay = QHBoxLayout()
        lay.setSpacing(24)
        outer.addLayout(lay, 1)
        chips = QHBoxLayout() if two_rows else lay
        if two_rows:
            chips.setSpacing(24)
            chips.addStretch(1)
            outer.addLayout(chips)
        self.logo = icon_label("shield", theme.h(64), "#ffffff")
        self.name = ElidedLabel(terminal_name, "terminal_name", lines=2 if theme.elder else 1)
        self.name.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.network = label("", "chip_ok", wrap=False)
        self.devices = label("", "chip_ok", wrap=False)
        self.clock = label("", "clock", wrap=False)
        for chip in (self.network, self.devices):
            chip.setFixedHeight(66 if theme.elder else 52)  # 长辈版 type (36 px) needs the taller chip
        self.devices.setMaximumWidth(theme.px(420 if theme.portrait else 720))  # a long reason is elided, never widens the window
        self.devices.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Preferred)
        lay.addWidget(self.logo)
        lay.addWidget(self.name, 1)
        chips.addWidget(self.devices)
        chips.addWidget(self.network)
        lay.addWidget(self.clock)
        self._online = None
        self._device_problem = ""
        self.tick()

    def tick(self, now: dt.datetime | None = None) -> None:
        now = now or dt.datetime.now()
        self.clock.setText(now.strftime("%H:%M"))

    def set_online(self, online: bool | None) -> None:
        self._online = online
        self.refresh()

    def shown(self) -> dict[str, str]:
        """What the header says now: ``{"network": "online"|"offline", "devices": "ok"|"degraded"}``
        ("connecting" counts as offline: nothing has answered yet)."""
        return {"network": "online" if self._online else "offline",
                "devices": "degraded" if self._device_problem else "ok"}

    def set_device_problem(self, text: str) -> None:
        self._device_problem = text
        self.refresh()

    def refresh(self) -> None:
        if self._online is False:
            self.network.setObjectName("chip_bad")
            self.network.setText("✕ " + tr("网络中断"))
        else:
            self.network.setObjectName("chip_ok")
            self.network.setText("● " + (tr("网络正常") if self._online else tr("正在连接")))
        if self._device_problem:
            self.devices.setObjectName("chip_bad")
            text = "⚠ " + self._device_problem
            room = self.devices.maximumWidth() - 40
            self.devices.setText(self.devices.fontMetrics().elidedText(text, Qt.ElideRight, room))
            self.devices.setToolTip("")
        else:
            self.devices.setObjectName("chip_ok")
            self.devices.setText("✓ " + tr("设备正常"))
        self.devices.setVisible(True)  # in both orientations: residents and staff look for it there
        for w in (self.network, self.devices):
            w.style().unpolish(w)
            w.style().polish(w)


class Footer(QFrame):
    """Home, language, 长辈版 and low-reach switches, and the voice controls (🔊 again, volume,
    mute): on every screen, same place. A portrait panel is narrow: there the voice controls
    take a second row, so every word shows whole (in 长辈版 and in English too)."""

    home_clicked = Signal()
    language_clicked = Signal()
    elder_toggled = Signal(bool)
    low_reach_toggled = Signal(bool)
    repeat_clicked = Signal()
    volume_changed = Signal(int)   # -1 quieter, +1 louder
    mute_toggled = Signal(bool)

    def __init__(self, theme: Theme):
        super().__init__()
        self.setObjectName("footer")
        self.theme = theme
        side = 36 if not theme.portrait else 20
        outer = QVBoxLayout(self)
        outer.setContentsMargins(side, 16, side, 16)
        outer.setSpacing(12)
        first = QHBoxLayout()
        second = QHBoxLayout() if theme.portrait else first
        for row in {id(first): first, id(second): second}.values():
            row.setSpacing(16 if not theme.portrait else 12)
            outer.addLayout(row)
        self.home = button("", "quiet")
        self.home.clicked.connect(self.home_clicked)
        self.hint = label("", "hint", align=Qt.AlignVCenter | Qt.AlignLeft)
        self.language = button("", "quiet")
        self.language.clicked.connect(self.language_clicked)
        self.elder = button("", "quiet")
        self.elder.setCheckable(True)
        self.elder.toggled.connect(self.elder_toggled)
        self.low_reach = button("", "quiet")
        self.low_reach.setCheckable(True)
        self.low_reach.toggled.connect(self.low_reach_toggled)
        self.repeat = button("", "quiet", "speaker", 40)
        self.repeat.clicked.connect(self.repeat_clicked)
        self.quieter = button("", "quiet", "speaker", 32)
        self.quieter.clicked.connect(lambda: self.volume_changed.emit(-1))
        self.louder = button("", "quiet", "speaker", 32)
        self.louder.clicked.connect(lambda: self.volume_changed.emit(1))
        self.mute = button("", "quiet", "speaker_off", 40)
        self.mute.setCheckable(True)
        self.mute.toggled.connect(self.mute_toggled)
        for w in (self.quieter, self.louder, self.mute):
            w.setMinimumWidth(96)
            w.setStyleSheet("padding: 0 14px;")  # an icon and a sign: no room to waste on a narrow footer
        first.addWidget(self.home)
        first.addWidget(self.hint, 1)
        if second is not first:
            second.addStretch(1)
        for w in (self.repeat, self.quieter, self.louder, self.mute):
            second.addWidget(w)
        if second is not first:
            second.addStretch(1)
        first.addWidget(self.low_reach)
        first.addWidget(self.elder)
        first.addWidget(self.language)
        self._hint_room = not theme.portrait and not theme.elder  # 长辈版 type: the buttons need the row
        self.setFixedHeight(248 if theme.portrait else 128)

    def refresh(self, *, at_home: bool, can_leave: bool, elder: bool, muted: bool = False,
                low_reach: bool = False) -> None:
        self.home.setText("⌂ " + tr("返回首页"))
        self.home.setVisible(not at_home)
        self.home.setEnabled(can_leave)
        self.language.setText(tr("English"))
        for btn, on in ((self.elder, elder), (self.low_reach, low_reach), (self.mute, muted)):
            btn.blockSignals(True)
            btn.setChecked(on)
            btn.blockSignals(False)
        self.elder.setText(("✓ " if elder else "") + tr("长辈版"))
        self.elder.setVisible(True)  # on every screen: the visit goes on, larger (ShellWindow.set_elder)
        self.low_reach.setText(("✓ " if low_reach else "") + tr("低位操作"))
        self.low_reach.setVisible(at_home and self.theme.portrait)  # only a tall panel has actions out of reach
        self.repeat.setText(tr("再听一遍"))
        self.quieter.setText("−")
        self.louder.setText("+")
        self.quieter.setAccessibleName(tr("音量−"))
        self.louder.setAccessibleName(tr("音量+"))
        # The icon's shape says the state (crossed out: muted); the word says it too.
        self.mute.setIcon(icons.icon("speaker_off" if muted else "speaker", 80, "#ffffff" if muted else "#1d5fbf"))
        self.mute.setText(("✓ " if muted else "") + tr("静音"))
        self.mute.setAccessibleName(tr("静音"))
        self.hint.setText(tr("如需帮助，请联系大厅工作人员") if at_home and self._hint_room else "")
        self.hint.setVisible(bool(self.hint.text()) or not self.theme.portrait)


class IdleOverlay(QFrame):
    """'Are you still there?' over the current screen; one touch gives more time."""

    extend_clicked = Signal()

    def __init__(self, theme: Theme, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("overlay")
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignCenter)
        dialog = QFrame()
        dialog.setObjectName("dialog")
        # Never wider than the panel: 长辈版 on a portrait panel (1080 px) would run off its edge.
        dialog.setFixedWidth(min(theme.px(900), 1080 - 2 * 48 if theme.portrait else 1600))
        lay = QVBoxLayout(dialog)
        lay.setContentsMargins(56, 48, 56, 48)
        lay.setSpacing(28)
        lay.addWidget(icon_label("clock", theme.h(120)))
        self.title = label("", "title")
        self.message = label("", "subtitle")
        self.extend = button("", "primary")
        self.extend.clicked.connect(self.extend_clicked)
        lay.addWidget(self.title)
        lay.addWidget(self.message)
        lay.addWidget(self.extend)
        outer.addWidget(dialog)
        self.hide()

    def show_remaining(self, seconds: int) -> None:
        self.title.setText(tr("您还在吗？"))
        self.message.setText(tr("{n} 秒后将返回首页，并清除您的信息。").format(n=seconds))
        self.extend.setText(tr("我还需要时间"))
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
