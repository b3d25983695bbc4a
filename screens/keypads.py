"""Code entry on an on-screen keypad: the unified social credit code and the pickup code.

The check character of a credit code is verified as it is typed (kiosk.codes); a code scanned
while the keypad is shown works too, and a code of the wrong kind is explained here."""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from screens.widgets import Screen, button, label, tr

# The credit code alphabet has no I, O, S, V, Z (GB 32100-2015): the keypad does not offer them.
CREDIT_KEYS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
PROBLEM_TEXT = {
    "bad_char": "这个字符不会出现在统一社会信用代码中",
    "bad_region": "第3至8位是行政区划代码，只能是数字",
    "bad_check": "校验位不符，请核对营业执照上的统一社会信用代码",
    "too_long": "统一社会信用代码为18位",
    "bad_pickup": "取件码有误，请核对凭条",
}


def telephone_keys(grid: QGridLayout, press, delete) -> dict:
    """The digits as on a telephone — 1 2 3 on top, 0 below the 8 — and ``delete`` (⌫ 删除)
    beside the 0, in ``grid``; ``press(ch)`` is called for a digit. Returns {digit: button}."""
    buttons = {}
    for ch, (r, c) in zip("1234567890", [(r, c) for r in range(3) for c in range(3)] + [(3, 1)], strict=True):
        buttons[ch] = btn = button(ch, "key")
        btn.clicked.connect(lambda _=False, c=ch: press(c))
        grid.addWidget(btn, r, c)
    grid.addWidget(delete, 3, 2)
    return buttons


class CodeEntryScreen(Screen):
    """A code typed key by key, checked as typed; scanning a code works on this screen too."""

    kept = ("text",)
    keys = "0123456789"
    length = 8

    def __init__(self, theme):
        super().__init__(theme)
        self.text = ""
        beside = self.keys == "0123456789" and not theme.portrait  # landscape: the digits beside the code
        outer = QHBoxLayout(self) if beside else QVBoxLayout(self)
        tight = theme.elder and not theme.portrait  # 长辈版 on 1080 lines: every row counts
        outer.setContentsMargins(64, 6 if tight else 24, 64, 6 if tight else 24)
        outer.setSpacing(48 if beside else (6 if tight else 16))
        lay = QVBoxLayout() if beside else outer
        if beside:
            lay.setSpacing(16)
            outer.addLayout(lay, 3)
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        if theme.portrait:  # within reach: the code, the keys and 确定 sit in the lower part
            lay.addStretch(1)
        # The code and "确定" side by side; "删除" fills the keypad's last row: the whole pad fits a
        # 1080-line panel in 长辈版 too.
        # the 18-character credit code on one line: beside 确定 at 52 px; in 长辈版 at its larger
        # type, with 确定 under it
        under = theme.portrait and self.length > 8 and theme.elder
        top = QVBoxLayout() if under else QHBoxLayout()
        top.setSpacing(16 if under else 24)
        self.display = label("", "code_entry", wrap=False)
        if theme.portrait and self.length > 8:
            self.display.setStyleSheet(f"font-size: {theme.heading(52)}px;")
        self.confirm = button("", "primary")
        self.confirm.clicked.connect(self._confirm)
        top.addWidget(self.display, 1)
        top.addWidget(self.confirm)
        lay.addLayout(top)
        self.problem = label("", "problem")
        self.problem.hide()
        lay.addWidget(self.problem)
        grid = QGridLayout()
        grid.setSpacing(10 if tight else 14)
        self.key_buttons = {}
        self.delete = button("", "secondary")
        self.delete.clicked.connect(self._backspace)
        if self.keys == "0123456789":
            self.key_buttons = telephone_keys(grid, self._press, self.delete)
        else:
            cols = 11 if not theme.portrait else 7
            for i, ch in enumerate(self.keys):
                self.key_buttons[ch] = btn = button(ch, "key")
                if tight:
                    btn.setStyleSheet("min-height: 84px;")  # 21 mm: three rows of letters fit
                btn.clicked.connect(lambda _=False, c=ch: self._press(c))
                grid.addWidget(btn, i // cols, i % cols)
            n = len(self.keys)
            grid.addWidget(self.delete, n // cols, n % cols, 1, cols - n % cols)
        if beside:
            lay.addStretch(1)
            outer.addLayout(grid, 2)
            return
        lay.addLayout(grid)
        if not theme.portrait:
            lay.addStretch(1)

    def _press(self, ch: str) -> None:
        if len(self.text) < self.length:
            self.text += ch
        self.refresh()

    def _backspace(self) -> None:
        self.text = self.text[:-1]
        self.refresh()

    def wipe(self) -> None:
        self.text = ""

    def key_back(self) -> bool:
        """The keypad's Back removes the last typed character first."""
        if self.text:
            self._backspace()
            return True
        return False

    def problem_key(self) -> str | None:
        return None

    def complete(self) -> bool:
        return len(self.text) == self.length and self.problem_key() is None

    def _confirm(self) -> None:
        if self.complete():
            self.submit(self.text)

    def submit(self, text: str) -> None:
        self.send("lookup", code=text)

    def refresh(self) -> None:
        from screens.messages import card_error_text

        shown = self.text + "_" * (self.length - len(self.text))
        self.display.setText(" ".join(shown[i:i + 4] for i in range(0, len(shown), 4)))
        problem = self.problem_key()
        scanned = self.session.visit.card_error if self.session else None
        self.problem.setVisible(problem is not None or bool(scanned and not self.text))
        if problem:
            self.problem.setText("⚠ " + tr(PROBLEM_TEXT[problem]))
        elif scanned and not self.text:
            self.problem.setText("⚠ " + card_error_text(scanned))
        self.delete.setText("⌫ " + tr("删除"))
        self.confirm.setText(tr("确定"))
        self.confirm.setEnabled(self.complete())


class LicenceCodeScreen(CodeEntryScreen):
    state_name = "licence_code"
    keys = CREDIT_KEYS
    length = 18

    def problem_key(self) -> str | None:
        from kiosk.codes import credit_code_problem

        return credit_code_problem(self.text)

    def refresh(self) -> None:
        self.title.setText(tr("营业执照打印"))
        self.subtitle.setText(tr("请扫描核准通知书上的二维码，或输入18位统一社会信用代码"))
        super().refresh()


class PickupCodeScreen(CodeEntryScreen):
    state_name = "pickup_code"

    def problem_key(self) -> str | None:
        from kiosk.codes import pickup_code_valid

        if len(self.text) == self.length and not pickup_code_valid(self.text):
            return "bad_pickup"
        return None

    def refresh(self) -> None:
        self.title.setText(tr("凭取件码打印"))
        self.subtitle.setText(tr("请输入凭条上的8位取件码，或扫描凭条上的二维码"))
        super().refresh()


def build(theme) -> list[Screen]:
    from screens.licence import LicenceOptionsScreen, LicenceSerialsScreen

    return [LicenceCodeScreen(theme), PickupCodeScreen(theme), LicenceOptionsScreen(theme),
            LicenceSerialsScreen(theme)]
