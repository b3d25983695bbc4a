"""Business licence screens: 正本 / 副本 counts within what was approved (with a prompt to load
licence stock when the printer reports it low or out), and the serials of the sheets printed."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from screens.widgets import Screen, button, icon_label, label, tr, trn

STOCK_TEXT = {
    "low": "执照专用纸即将用完。如打印中途缺纸，请联系大厅工作人员装纸。",
    "out": "执照专用纸已用完，请联系大厅工作人员装入执照专用纸。装好后可直接打印，无需重新办理。",
    "jammed": "执照打印机卡纸，请联系大厅工作人员处理。处理好后可直接打印，无需重新办理。",
}
SERIAL_PROBLEMS = {
    "bad_serial": "纸张编号为6至16位数字或字母，请核对执照纸右上角的编号",
    "duplicate_serial": "这个编号已经登记过了",
    "too_many_serials": "编号数量已与打印的张数相同",
}


class LicenceOptionsScreen(Screen):
    state_name = "licence_options"

    def __init__(self, theme):
        super().__init__(theme)
        self.stock_state = "ok"  # the licence printer's paper, set by the shell from device status
        lay = QVBoxLayout(self)
        side = 48 if theme.portrait else 80  # a portrait 长辈版 row needs the width
        lay.setContentsMargins(side, 16 if theme.elder else 24, side, 16 if theme.elder else 24)
        lay.setSpacing(10 if theme.elder else 18)
        self.title = label("", "title")
        self.company = label("", "subtitle")
        lay.addWidget(self.title)
        lay.addWidget(self.company)
        self.rows = {}
        for kind in ("originals", "duplicates"):
            frame, inner = self.card()
            # 长辈版 on 1080 lines: the notice under the cards needs their spare height
            pad = 8 if theme.elder and not theme.portrait else 16
            inner.setContentsMargins(24 if theme.elder else 36, pad, 24 if theme.elder else 36, pad)
            row = QHBoxLayout()
            row.setSpacing(12)
            name = label("", "subtitle", align=Qt.AlignVCenter | Qt.AlignLeft)
            minus = button("−", "key")
            count = label("0", "count")
            plus = button("+", "key")
            minus.clicked.connect(lambda _=False, k=kind: self._change(k, -1))
            plus.clicked.connect(lambda _=False, k=kind: self._change(k, 1))
            row.addWidget(icon_label("licence", theme.icon(72)))
            row.addWidget(name, 1)
            row.addWidget(minus)
            row.addWidget(count)
            row.addWidget(plus)
            inner.addLayout(row)
            lay.addWidget(frame)
            self.rows[kind] = (name, minus, count, plus)
        self.stock = label("", "notice")
        lay.addWidget(self.stock)
        lay.addStretch(1)
        self.print_btn = button("", "primary", "printer")
        self.print_btn.clicked.connect(lambda: self.send("print"))
        lay.addWidget(self.print_btn)

    def set_stock(self, state: str) -> None:
        self.stock_state = state
        if self.session is not None and self.isVisible():
            self.refresh()

    def wipe(self) -> None:
        self.company.clear()

    def _change(self, kind: str, delta: int) -> None:
        v = self.session.visit
        counts = {"originals": v.originals, "duplicates": v.duplicates}
        counts[kind] += delta
        self.send("set_counts", **counts)

    def refresh(self) -> None:
        v = self.session.visit
        lic = v.licence
        self.title.setText(tr("请选择打印份数"))
        self.company.setText(f"{lic.get('company', '')}  ·  {lic.get('credit_code', '')}")
        texts = {"originals": tr("正本（A3）最多 {n} 份"), "duplicates": tr("副本（A4）最多 {n} 份")}
        for kind, (name, minus, count, plus) in self.rows.items():
            approved = int(lic.get(kind, 0))
            value = getattr(v, kind)
            name.setText(texts[kind].format(n=approved))
            count.setText(str(value))
            minus.setEnabled(value > 0)
            plus.setEnabled(value < approved)
        blocked = self.stock_state in ("out", "jammed")
        if self.stock_state in STOCK_TEXT:
            self.stock.setObjectName("problem" if blocked else "notice")
            self.stock.setText("⚠ " + tr(STOCK_TEXT[self.stock_state]))
        else:
            self.stock.setObjectName("notice")
            self.stock.setText("ⓘ " + tr("执照使用带编号的专用纸，由本机自动送纸；如提示缺纸，请联系工作人员装纸。"))
        self.stock.style().unpolish(self.stock)
        self.stock.style().polish(self.stock)
        self.print_btn.setText(tr("等待装纸…") if blocked else tr("开始打印营业执照"))
        self.print_btn.setEnabled(v.originals + v.duplicates > 0 and not blocked)


class LicenceSerialsScreen(Screen):
    """The sheets are out: type (or scan) the serial printed on each, so the stock is accounted for.

    One confirming button: while sheets are left it records the number typed (登记第 2 张编号),
    once every sheet has its number it confirms them (确认编号). A scanned serial is recorded at
    once. The other button hands the numbers to the staff; ⌫ 删除 with nothing typed takes back
    the last number recorded."""

    state_name = "licence_serials"
    kept = ("text",)
    keys = "0123456789"

    def __init__(self, theme):
        from screens.keypads import telephone_keys

        super().__init__(theme)
        self.text = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(64, 20, 64, 20)
        lay.setSpacing(14)
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        self.entered = label("", "hint")
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.entered)
        self.display = label("", "code_entry", wrap=False)
        self.problem = label("", "problem")
        self.problem.hide()
        grid = QGridLayout()
        grid.setSpacing(12)
        self.delete = button("", "secondary")
        self.delete.clicked.connect(self._backspace)
        self.key_buttons = telephone_keys(grid, self._press, self.delete)
        self.later = button("", "secondary")
        self.later.clicked.connect(lambda: self.send("record_serials"))
        self.confirm = button("", "primary")
        self.confirm.clicked.connect(self._confirm)
        #: the same button: it records the number typed while sheets are left (flows call it ``add``)
        self.add = self.confirm
        if theme.portrait:
            # within reach: the number, the keys and the buttons sit in the lower part
            lay.addStretch(1)
            lay.addWidget(self.display)
            lay.addWidget(self.problem)
            lay.addLayout(grid)
            lay.addWidget(self.confirm)
            lay.addWidget(self.later)
        else:
            # the number and the buttons on the left, the keypad on the right: it fits 1080 lines
            row = QHBoxLayout()
            row.setSpacing(40)
            left = QVBoxLayout()
            left.setSpacing(14)
            left.addWidget(self.display)
            left.addWidget(self.problem)
            left.addStretch(1)
            left.addWidget(self.confirm)
            left.addWidget(self.later)
            row.addLayout(left, 1)
            row.addLayout(grid, 1)
            lay.addLayout(row, 1)

    def _press(self, ch: str) -> None:
        if len(self.text) < 16:
            self.text += ch
        self.refresh()

    def _backspace(self) -> None:
        if self.text:
            self.text = self.text[:-1]
            self.refresh()
        else:
            self.send("remove_serial")

    def key_back(self) -> bool:
        if self.text:
            self._backspace()
            return True
        return False

    def _sheets_left(self) -> bool:
        return len(self.session.visit.serials) < self.session.licence_sheets()

    def _confirm(self) -> None:
        if self.text and self._sheets_left():
            text, self.text = self.text, ""
            self.send("add_serial", serial=text)
        elif not self._sheets_left():
            self.send("record_serials")

    def wipe(self) -> None:
        self.text = ""

    def refresh(self) -> None:
        v = self.session.visit
        sheets = self.session.licence_sheets()
        done = len(v.serials)
        self.title.setText(tr("请登记执照纸编号"))
        self.subtitle.setText(trn("已打印 {n} 张。请输入或扫描每张执照纸上印好的编号（{i}/{n}）", sheets).format(n=sheets, i=done))
        self.entered.setText(tr("已登记：") + ("、".join(v.serials) if v.serials else tr("无")))
        self.display.setText(self.text or ("—" if done < sheets else "✓"))
        self.delete.setText("⌫ " + tr("删除"))  # the same words on every keypad
        self.delete.setEnabled(bool(self.text or v.serials))
        self.problem.setVisible(bool(v.serial_problem))
        if v.serial_problem:
            self.problem.setText("⚠ " + tr(SERIAL_PROBLEMS.get(v.serial_problem, SERIAL_PROBLEMS["bad_serial"])))
        self.later.setText(tr("由工作人员补登"))
        for btn in self.key_buttons.values():
            btn.setEnabled(done < sheets)
        if done < sheets:
            self.confirm.setText(tr("登记第 {i} 张编号").format(i=done + 1))
            self.confirm.setEnabled(bool(self.text))
        else:
            self.confirm.setText(tr("确认编号"))
            self.confirm.setEnabled(True)
