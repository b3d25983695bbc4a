"""Errors with a way forward, the offline pickup offer and the pickup code."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from screens.messages import error_entry
from screens.widgets import Screen, button, clear_layout, icon_label, label, tr


def receipt_text(ok: bool | None, printed: str, failed: str) -> str:
    return tr("正在打印凭条…") if ok is None else (printed if ok else failed)


class ErrorScreen(Screen):
    state_name = "error"

    def __init__(self, theme):
        super().__init__(theme)
        self.lay = QVBoxLayout(self)
        self.centre(self.lay)
        self.lay.setSpacing(14 if theme.elder else 36)
        self.icon_host = QVBoxLayout()
        self.lay.addLayout(self.icon_host)
        self.title = label("", "title")
        self.message = label("", "subtitle")
        self.lay.addWidget(self.title)
        self.lay.addWidget(self.message)
        self.code = label("", "count")   # the pickup code of a certificate kept after a printer failure
        self.receipt = label("", "hint")
        self.lay.addWidget(self.code)
        self.lay.addWidget(self.receipt)
        self.actions_host = QWidget()
        self.actions = QVBoxLayout(self.actions_host) if theme.portrait else QHBoxLayout(self.actions_host)
        self.actions.setSpacing(32)
        self.lay.addWidget(self.actions_host, 0, Qt.AlignCenter)

    def wipe(self) -> None:
        self.code.clear()
        self.message.clear()

    def refresh(self) -> None:
        v = self.session.visit
        icon, title, message, actions = error_entry(v.error, bool(v.pickup_code), v.identity_method)
        code = v.pickup_code or ""
        self.code.setVisible(bool(code))
        self.code.setText(tr("取件码") + "  " + " ".join([code[:4], code[4:]]) if code else "")
        self.receipt.setVisible(bool(code))
        if code:
            self.receipt.setText(receipt_text(v.receipt_ok, tr("取件码已打印在凭条上，请妥善保管。"),
                                              tr("凭条打印机暂不可用，请记下取件码。")))
        clear_layout(self.icon_host)
        # With a pickup code the screen says more: a smaller picture (长辈版 English needs the room).
        size = (90 if self.theme.elder else 130) if v.pickup_code else 180
        picture = icon_label(icon, self.theme.hero(size), "#8a5a00")
        self.icon_host.addWidget(picture)
        picture.show()  # at once: a layout would show it only at the next event-loop turn
        self.title.setText(title)
        self.message.setText(message)
        clear_layout(self.actions)
        for intent, text, style in actions:
            btn = button(text, style)
            btn.setProperty("intent", intent)  # what it does, for the scenario runner and the audit
            btn.setMinimumWidth(self.theme.px(420))
            btn.clicked.connect(lambda _=False, i=intent: self.send(i))
            self.actions.addWidget(btn)
            btn.show()


class OfflineOfferScreen(Screen):
    state_name = "offline_offer"

    def __init__(self, theme):
        super().__init__(theme)
        lay = QVBoxLayout(self)
        self.centre(lay)
        lay.setSpacing(36)
        lay.addWidget(icon_label("cloud_off", theme.hero(180), "#8a5a00"))
        self.title = label("", "title")
        self.message = label("", "subtitle")
        lay.addWidget(self.title)
        lay.addWidget(self.message)
        row = QVBoxLayout() if theme.portrait else QHBoxLayout()
        row.setSpacing(32)
        self.decline = button("", "secondary")
        self.accept = button("", "primary")
        self.decline.clicked.connect(lambda: self.send("decline"))
        self.accept.clicked.connect(lambda: self.send("queue_job"))
        row.addWidget(self.decline)
        row.addWidget(self.accept)
        lay.addLayout(row)

    def refresh(self) -> None:
        self.title.setText(tr("暂时无法连接服务平台"))
        self.message.setText(tr("您可以现在登记，本机会在网络恢复后自动准备《{name}》。"
                                "届时请凭凭条上的取件码和本人身份证，在首页点“取件”打印。").format(name=self.service_name()))
        self.decline.setText(tr("不用了"))
        self.accept.setText(tr("登记并获取取件码"))
        self.accept.setEnabled(True)


class QueuedScreen(Screen):
    state_name = "queued"

    def __init__(self, theme):
        super().__init__(theme)
        lay = QVBoxLayout(self)
        self.centre(lay)
        lay.setSpacing(12 if theme.elder else 22)
        if theme.portrait or not theme.elder:  # 长辈版 landscape: the code and its words need the height
            lay.addWidget(icon_label("receipt", theme.hero(140)))
        self.title = label("", "title")
        self.code = label("", "big_code")
        self.message = label("", "subtitle")
        self.receipt = label("", "hint")
        self.next = button("", "primary")
        self.next.clicked.connect(lambda: self.send("next"))
        for w in (self.title, self.code, self.message, self.receipt):
            lay.addWidget(w)
        lay.addWidget(self.next, 0, Qt.AlignCenter)

    def wipe(self) -> None:
        self.code.clear()

    def refresh(self) -> None:
        v = self.session.visit
        self.title.setText(tr("登记成功，您的取件码是"))
        code = v.pickup_code or ""
        self.code.setText(" ".join([code[:4], code[4:]]) if code else "")
        self.message.setText(tr("网络恢复后证明会自动准备好。请凭取件码和本人身份证，在首页点“取件”打印。"))
        self.receipt.setText(receipt_text(v.receipt_ok, tr("取件码已打印在凭条上，请妥善保管。"),
                                          tr("凭条打印机暂不可用，请记下取件码。")))
        self.next.setText(tr("下一步：评价本次服务"))
