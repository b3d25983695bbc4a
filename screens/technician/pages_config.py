"""Technician pages: the configuration editor, and network & platform (tests, enrolment)."""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QWidget

from kiosk.technician_config import current_value
from screens.technician.common import Keyboard, TechnicianPage, device_title
from screens.widgets import button, label, tr

log = logging.getLogger(__name__)

TEXT_FIELDS = (("terminal.id", "终端编号"), ("terminal.name", "终端名称"), ("terminal.location", "所在园区/大厅"),
               ("platform.base_url", "平台地址"), ("platform.ca_bundle", "CA 证书文件"),
               ("platform.timeout_s", "平台请求超时（秒）"), ("session.idle_timeout_s", "无操作超时（秒）"),
               ("session.countdown_s", "倒计时（秒）"))
CHOICE_FIELDS = (("ui.language", "界面语言", (("zh", "中文"), ("en", "English"))),
                 ("ui.orientation", "屏幕方向", (("landscape", "横屏"), ("portrait", "竖屏"))),
                 ("ui.elder_mode", "默认长辈版", ((False, "关"), (True, "开"))))


def _shown(value) -> str:
    return "" if value is None else str(value)


class Choice(QWidget):
    """Chips for a few fixed values."""

    def __init__(self, options):
        super().__init__()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons = {}
        for value, text in options:
            btn = button(tr(text), "chip")
            btn.setCheckable(True)
            self.group.addButton(btn)
            lay.addWidget(btn)
            self.buttons[value] = btn
        lay.addStretch(1)

    def set_value(self, value) -> None:
        if value in self.buttons:
            self.buttons[value].setChecked(True)

    def value(self):
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)


def _combo(editable: bool) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    box.setMinimumHeight(88)
    box.setMinimumWidth(420)
    return box


class ConfigPage(TechnicianPage):
    def __init__(self, mode):
        super().__init__(mode)
        self.heading = self.section("")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(14)
        self.body.addLayout(self.grid)
        self.editors: dict[str, QWidget] = {}
        self.names: dict[str, object] = {}
        r = 0
        for key, text in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setMinimumHeight(80)
            self._add(r, key, text, edit)
            r += 1
        for key, text, options in CHOICE_FIELDS:
            self._add(r, key, text, Choice(options))
            r += 1
        self._next_row = r
        self.message = label("", "notice", align=Qt.AlignLeft)
        self.message.hide()
        self.body.addWidget(self.message)
        actions = QHBoxLayout()
        self.save_btn = button("", "primary")
        self.save_btn.clicked.connect(self.save)
        self.reload_btn = button("", "quiet")
        self.reload_btn.clicked.connect(self.shown)
        actions.addWidget(self.save_btn, 2)
        actions.addWidget(self.reload_btn, 1)
        self.body.addLayout(actions)
        self.keyboard = Keyboard()
        self.body.addWidget(self.keyboard)

    def _add(self, r: int, key: str, text: str, editor: QWidget, translate: bool = True) -> None:
        name = label(tr(text) if translate else text, "hint", wrap=False, align=Qt.AlignRight | Qt.AlignVCenter)
        self.names[key] = (name, text)
        self.grid.addWidget(name, r, 0)
        self.grid.addWidget(editor, r, 1)
        self.editors[key] = editor

    def _device_fields(self) -> None:
        from drivers import registry

        cfg = self.service.config
        for dev_name, dev in cfg.devices.items():
            key = f"devices.{dev_name}.driver"
            if key not in self.editors:
                box = _combo(False)
                box.addItems(registry.names())
                self._add(self._next_row, key, device_title(dev_name) + " · " + tr("驱动"), box, translate=False)
                self._next_row += 1
            fields = registry.driver_class(dev.driver).Options.model_fields
            for opt in ("port", "printer", "uri"):
                key = f"devices.{dev_name}.{opt}"
                if opt in fields and key not in self.editors:
                    label_text = {"port": tr("串口"), "printer": tr("CUPS 打印队列"), "uri": tr("地址")}[opt]
                    self._add(self._next_row, key, device_title(dev_name) + " · " + label_text,
                              QLineEdit() if opt == "uri" else _combo(True), translate=False)
                    self._next_row += 1

    def shown(self) -> None:
        self.heading.setText(tr("终端配置"))
        self.save_btn.setText(tr("检查并保存"))
        self.reload_btn.setText(tr("放弃修改"))
        self.message.hide()
        self._device_fields()
        for key, (name, text) in self.names.items():
            if not key.startswith("devices."):
                name.setText(tr(text))
        cfg = self.service.config
        for key, editor in self.editors.items():
            value = current_value(cfg, key)
            if isinstance(editor, QLineEdit):
                editor.setText(_shown(value))
            elif isinstance(editor, Choice):
                editor.set_value(value)
            elif isinstance(editor, QComboBox):
                editor.setCurrentText(_shown(value))
        self.answer(self.service.config_offers(), self._offer)

    def _offer(self, offers, error) -> None:
        if error is not None or not offers:
            return
        for key, editor in self.editors.items():
            if not isinstance(editor, QComboBox) or key.endswith(".driver"):
                continue
            choices = offers.get("port") if key.endswith(".port") else offers.get(key)
            if choices is None:
                continue
            current = editor.currentText()
            editor.clear()
            editor.addItems(sorted(set(choices) | ({current} if current else set())))
            editor.setCurrentText(current)

    def changes(self) -> dict:
        cfg = self.service.config
        out = {}
        for key, editor in self.editors.items():
            old = current_value(cfg, key)
            if isinstance(editor, QLineEdit):
                new = editor.text().strip()
            elif isinstance(editor, Choice):
                new = editor.value()
            else:
                new = editor.currentText().strip()
            if isinstance(editor, Choice):
                if new is not None and new != old:
                    out[key] = new
            elif new != _shown(old):
                out[key] = new
        return out

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            self.say(tr("没有改动"), True)
            return
        self.save_btn.setEnabled(False)
        self.say(tr("正在检查…"), True)
        self.mode.save_config(changes, self._saved)

    def _saved(self, message: str, ok: bool) -> None:
        self.save_btn.setEnabled(True)
        self.say(message, ok)

    def say(self, text: str, good: bool) -> None:
        self.message.setObjectName("notice" if good else "problem")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()


CHECK_NAMES = {"health": "平台可达（/health）", "signed": "签名请求", "clock": "时钟偏差"}


class NetworkPage(TechnicianPage):
    def __init__(self, mode):
        super().__init__(mode)
        self.heading = self.section("")
        self.url = label("", "hint", align=Qt.AlignLeft)
        self.body.addWidget(self.url)
        self.test_btn = button("", "primary")
        self.test_btn.clicked.connect(self.run_test)
        self.body.addWidget(self.test_btn)
        self.results = label("", "notice", align=Qt.AlignLeft)
        self.results.hide()
        self.body.addWidget(self.results)
        self.enrol_heading = self.section("")
        self.enrol_hint = label("", "hint", align=Qt.AlignLeft)
        self.body.addWidget(self.enrol_hint)
        self.code = QLineEdit()
        self.code.setEchoMode(QLineEdit.Password)
        self.code.setMinimumHeight(80)
        self.enrol_btn = button("", "secondary")
        self.enrol_btn.clicked.connect(self.enrol)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.enrol_btn)
        self.body.addLayout(row)
        self.enrol_result = label("", "notice", align=Qt.AlignLeft)
        self.enrol_result.hide()
        self.body.addWidget(self.enrol_result)
        self.keyboard = Keyboard(self.code)
        self.body.addWidget(self.keyboard)
        self.remote_heading = self.section("")
        self.remote = label("", "hint", align=Qt.AlignLeft)
        self.body.addWidget(self.remote)
        self.body.addStretch(1)

    def show_remote(self) -> None:
        """Which value of each remotely settable key is in effect, and where it came from."""
        self.remote_heading.setText(tr("平台可远程设置的项目（当前值 · 来源）"))
        self.answer(self.service.remote_provenance(), self._show_remote)

    def _show_remote(self, where, error) -> None:
        if error is not None:
            self.remote.setText(tr("无法读取") + f": {error}")
            return
        names = {"platform": tr("平台"), "terminal file": tr("终端配置文件"), "default": tr("默认值")}
        self.remote.setText("\n".join(f"{key} = {_shown(w['value'])}  ·  {names[w['source']]}"
                                       for key, w in where.items()))

    def shown(self) -> None:
        self.show_remote()
        self.heading.setText(tr("网络与平台"))
        cfg = self.service.config
        self.url.setText(tr("平台地址") + ": " + cfg.platform.base_url + "    " + tr("终端编号") + ": " + cfg.terminal.id)
        self.test_btn.setText(tr("测试连接"))
        self.enrol_heading.setText(tr("终端密钥登记"))
        self.enrol_hint.setText(tr("输入或扫描平台发放的一次性登记码（EFZ1 开头）。登记码输入后不再显示。"))
        self.enrol_btn.setText(tr("登记"))
        self.code.clear()
        if self._scanned not in self.mode.event_waiters:
            self.mode.event_waiters.append(self._scanned)

    def left(self) -> None:
        self.code.clear()
        if self._scanned in self.mode.event_waiters:
            self.mode.event_waiters.remove(self._scanned)

    def _scanned(self, event) -> bool:
        """An enrolment code scanned while this page is shown; keeps waiting for other codes."""
        from drivers.base import EventKind

        text = str(event.data.get("text", "")).strip()
        if event.kind == EventKind.CODE_SCANNED and text.upper().startswith("EFZ1"):
            self.code.setText(text)
            self.enrol()
        return False

    def run_test(self) -> None:
        self.test_btn.setEnabled(False)
        self.results.setText(tr("正在测试…"))
        self.results.show()
        self.answer(self.service.network_test(), self._tested)

    def _tested(self, results, error) -> None:
        self.test_btn.setEnabled(True)
        if error is not None:
            results = [("health", False, str(error))]
        lines = [("✓ " if ok else "✕ ") + tr(CHECK_NAMES[name]) + ": " + text for name, ok, text in results]
        good = all(ok for _, ok, _ in results)
        self.results.setObjectName("notice" if good else "problem")
        self.results.style().unpolish(self.results)
        self.results.style().polish(self.results)
        self.results.setText("\n".join(lines))
        self.last_results = results

    def enrol(self) -> None:
        code = self.code.text()
        self.code.clear()  # the code is never shown again, not even masked
        if not code.strip():
            return
        self.enrol_btn.setEnabled(False)
        self.answer(self.service.enrol(code), self._enrolled)

    def _enrolled(self, path, error) -> None:
        self.enrol_btn.setEnabled(True)
        self.enrol_result.setObjectName("problem" if error else "notice")
        self.enrol_result.style().unpolish(self.enrol_result)
        self.enrol_result.style().polish(self.enrol_result)
        if error is not None:
            self.enrol_result.setText(tr("登记失败") + ": " + str(error))
        else:
            self.enrol_result.setText(tr("密钥已写入 {path}。签名请求立即使用新密钥；缓存文档与待取件不受影响（由本机数据密钥加密）。")
                                      .format(path=path))
            self.run_test()
        self.enrol_result.show()
