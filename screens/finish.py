"""The end of a visit: take your document, rate the service (好差评), thank you."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout

from kiosk.session import BAD_LEVELS, BAD_REASONS, RATING_LEVELS
from screens.widgets import Screen, button, icon_label, label, tool_tile, tr, trn

LEVEL_TEXT = {"very_satisfied": "非常满意", "satisfied": "满意", "basic": "基本满意",
              "dissatisfied": "不满意", "very_dissatisfied": "非常不满意"}
REASON_TEXT = {"long_wait": "等待时间长", "complicated": "操作复杂", "print_failed": "打印失败",
               "wrong_info": "信息有误", "other": "其他"}


class ReceiptScreen(Screen):
    state_name = "receipt"

    def __init__(self, theme):
        super().__init__(theme)
        lay = QVBoxLayout(self)
        self.centre(lay)
        lay.setSpacing(20 if theme.elder else 36)
        lay.addWidget(icon_label("check", theme.hero(200), "#1e7d45"))
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        self.receipt = label("", "hint")
        self.next = button("", "primary")
        self.next.clicked.connect(lambda: self.send("next"))
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.receipt)
        lay.addWidget(self.next, 0, Qt.AlignCenter)

    def refresh(self) -> None:
        v = self.session.visit
        if v.flow == "licence":
            self.title.setText(tr("打印完成，请取走您的营业执照"))
            self.subtitle.setText(trn("正本 {n} 份", v.originals).format(n=v.originals) + tr("，")
                                  + trn("副本 {n} 份", v.duplicates).format(n=v.duplicates))
            if v.licence_missing:  # part of the sheets did not come out: never reprinted here
                self.subtitle.setText(self.subtitle.text() + "\n" + tr(
                    "其余执照没有打印完成，工作人员会核实，本机不会重复打印。请联系大厅工作人员。"))
        else:
            self.title.setText(tr("打印完成，请取走您的证明"))
            self.subtitle.setText(trn("《{name}》共 {n} 份", v.copies).format(name=self.service_name(), n=v.copies))
        if v.receipt_ok is None:
            self.receipt.setText(tr("正在打印凭条…"))
        elif v.receipt_ok:
            self.receipt.setText(tr("凭条已打印，请一并取走。"))
        else:
            self.receipt.setText(tr("凭条打印机暂不可用，证明本身不受影响。"))
        self.next.setText(tr("下一步：评价本次服务"))


class RatingScreen(Screen):
    state_name = "rating"
    kept = ("level", "reasons")

    def __init__(self, theme):
        super().__init__(theme)
        self.level: str | None = None
        self.reasons: set[str] = set()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(64, 24 if theme.elder else 40, 64, 24 if theme.elder else 40)
        lay.setSpacing(12 if theme.elder else 32)
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        # 长辈版 on a landscape panel: the 1.5× words of five faces do not fit one row, nor faces
        # and reasons one above the other: the faces stand in a column (picture beside its
        # words), the reasons and the buttons beside them
        beside = theme.elder and not theme.portrait
        in_column = theme.elder  # 长辈版: one face a row, its words beside it (under it they were cut off)
        body = QHBoxLayout()
        body.setSpacing(40)
        right = QVBoxLayout()
        right.setSpacing(12)
        grid = QGridLayout()
        grid.setSpacing(10 if in_column else 20)
        cols = 1 if in_column else (5 if not theme.portrait else 3)
        self.level_buttons: dict[str, QPushButton] = {}
        for i, level in enumerate(RATING_LEVELS):
            colour = "#b3261e" if level in BAD_LEVELS else "#1d5fbf"
            btn = tool_tile("rating", f"face_{level}", theme.icon(56 if in_column else 96), colour)
            btn.setCheckable(True)
            if in_column:
                btn.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
                btn.setMinimumHeight(96)
            else:
                btn.setMinimumHeight(theme.h(140 if theme.elder else 170))
            btn.clicked.connect(lambda _=False, lv=level: self._choose(lv))
            grid.addWidget(btn, i // cols, i % cols)
            self.level_buttons[level] = btn
        if beside:
            body.addLayout(grid, 2)
            body.addLayout(right, 3)  # two reasons a row
            lay.addLayout(body, 1)
        else:
            lay.addLayout(grid)
            right = lay
        self.reason_title = label("", "subtitle")
        right.addWidget(self.reason_title)
        reasons = QGridLayout()
        reasons.setSpacing(10 if beside else 16)
        self.reason_buttons: dict[str, QPushButton] = {}
        per_row = 2 if theme.portrait or beside else 5
        for i, reason in enumerate(BAD_REASONS):
            btn = button("", "chip")
            btn.setCheckable(True)
            btn.toggled.connect(lambda on, r=reason: self._toggle_reason(r, on))
            reasons.addWidget(btn, i // per_row, i % per_row)
            self.reason_buttons[reason] = btn
        right.addLayout(reasons)
        right.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(32)
        self.skip = button("", "secondary")
        self.submit = button("", "primary")
        self.skip.clicked.connect(lambda: self.send("skip"))
        self.submit.clicked.connect(self._submit)
        row.addWidget(self.skip, 1)
        row.addWidget(self.submit, 2)
        right.addLayout(row)

    def _choose(self, level: str) -> None:
        self.level = level
        if level not in BAD_LEVELS:
            self.reasons.clear()
        self.refresh()

    def _toggle_reason(self, reason: str, on: bool) -> None:
        (self.reasons.add if on else self.reasons.discard)(reason)
        self.reason_buttons[reason].setText(("✓ " if on else "") + tr(REASON_TEXT[reason]))  # not colour alone

    def _submit(self) -> None:
        if self.level:
            self.send("rate", level=self.level, reasons=tuple(sorted(self.reasons)))

    def wipe(self) -> None:
        self.level = None
        self.reasons.clear()

    def refresh(self) -> None:
        v = self.session.visit if self.session else None
        failed = v is not None and (v.outcome == "failed" or v.error is not None)  # ended on an error screen
        self.title.setText(tr("请您对本次服务进行评价"))
        self.subtitle.setText(tr("本次业务未能完成，也请告诉我们您的感受。") if failed
                              else tr("您的评价将帮助我们改进服务（好差评）"))
        for level, btn in self.level_buttons.items():
            btn.setText(("✓ " if level == self.level else "") + tr(LEVEL_TEXT[level]))
            btn.setChecked(level == self.level)
        bad = self.level in BAD_LEVELS
        self.reason_title.setVisible(bad)
        self.reason_title.setText(tr("请选择不满意的原因（可多选，可不选）"))
        for reason, btn in self.reason_buttons.items():
            btn.setVisible(bad)
            btn.blockSignals(True)
            btn.setChecked(reason in self.reasons)
            btn.blockSignals(False)
            btn.setText(("✓ " if reason in self.reasons else "") + tr(REASON_TEXT[reason]))
        self.skip.setText(tr("跳过"))
        self.submit.setText(tr("提交评价"))
        self.submit.setEnabled(self.level is not None)


class DoneScreen(Screen):
    """Thank you; home by itself (the session's DONE timeout) with the seconds shown on the
    one Home button, so the next person never walks up to someone else's goodbye."""

    state_name = "done"

    def __init__(self, theme):
        super().__init__(theme)
        lay = QVBoxLayout(self)
        self.centre(lay)
        lay.setSpacing(36)
        lay.addWidget(icon_label("check", theme.hero(200), "#1e7d45"))
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        self.finish = button("", "primary")
        self.finish.setProperty("intent", "finish")
        self.finish.clicked.connect(lambda: self.send("finish"))
        self.countdown = label("", "hint")
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.finish, 0, Qt.AlignCenter)
        lay.addWidget(self.countdown)

    def refresh(self) -> None:
        rated = self.session.visit.rating is not None
        self.title.setText(tr("感谢您的评价") if rated else tr("感谢您的使用"))
        self.subtitle.setText(tr("您的信息已从本机清除。祝您生活愉快！"))
        self.finish.setText(tr("返回首页"))
        self.on_tick()

    def on_tick(self) -> None:
        import math

        seconds = math.ceil(self.session.done_remaining()) if self.session else 0
        self.countdown.setText(tr("{n} 秒后自动返回首页").format(n=max(1, seconds)))
