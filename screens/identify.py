"""Identify (tap the ID card or show the e福州 code) and the busy screens in between."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QVBoxLayout

from screens.messages import card_error_text
from screens.widgets import Screen, icon_label, label, tr


class IdentifyScreen(Screen):
    state_name = "identify"

    def __init__(self, theme):
        super().__init__(theme)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(64, 16 if theme.elder else 28, 64, 16 if theme.elder else 28)
        lay.setSpacing(12 if theme.elder else 24)
        self.service = label("", "subtitle")
        self.title = label("", "title")
        lay.addWidget(self.service)
        lay.addWidget(self.title)
        row = QHBoxLayout() if not theme.portrait else QVBoxLayout()
        row.setSpacing(20 if theme.elder else 40)
        # 长辈版 on a landscape panel: each picture beside its words (above them, the words lacked the height)
        beside = theme.elder and not theme.portrait
        size = (150 if theme.portrait else 110) if theme.elder else theme.hero(170)
        card_frame, card_lay = self.card()
        self.card_text = label("", "subtitle")
        self.qr_frame, qr_lay = self.card()
        self.qr_text = label("", "subtitle")
        for lay_, icon, text in ((card_lay, "id_card", self.card_text), (qr_lay, "qr", self.qr_text)):
            inner = QHBoxLayout() if beside else lay_
            if beside:
                inner.setSpacing(20)
                lay_.addLayout(inner)
            inner.addWidget(icon_label(icon, size))
            inner.addWidget(text, 1)
        row.addWidget(card_frame, 1)
        row.addWidget(self.qr_frame, 1)
        lay.addLayout(row, 1)
        self.problem = label("", "problem")
        self.problem.hide()
        lay.addWidget(self.problem)
        self.privacy = label("", "hint")
        lay.addWidget(self.privacy)

    def refresh(self) -> None:
        v = self.session.visit
        # Each step asks for exactly what it accepts: a licence or a pickup is checked against the
        # ID number recorded for it, so only the ID card; a certificate takes either card.
        if v.flow == "licence":
            self.title.setText(tr("请法定代表人或授权人员放置身份证"))
            self.card_text.setText(tr("将身份证平放在下方读卡区"))
        elif v.flow == "pickup":
            self.title.setText(tr("请放置办理时使用的身份证"))
            self.card_text.setText(tr("将办理时使用的身份证平放在下方读卡区"))
        else:
            self.title.setText(tr("请验证您的身份"))
            self.card_text.setText(tr("将身份证或社保卡平放在下方读卡区"))
        self.service.setText(self.service_name())
        self.qr_text.setText(tr("或打开e福州App，将身份码对准扫码口"))
        methods = self.session.service().get("identity", ["id_card"])
        self.qr_frame.setVisible(v.flow == "certificate" and "efz_qr" in methods)
        self.privacy.setText(tr("您的证件信息仅用于本次业务，办理结束后立即清除。"))
        if v.card_error:
            self.problem.setText("⚠ " + card_error_text(v.card_error))
            self.problem.show()
        else:
            self.problem.hide()


class BusyScreen(Screen):
    """Verifying / preparing: something is happening; nothing to press."""

    def __init__(self, theme, state_name: str):
        super().__init__(theme)
        self.state_name = state_name
        lay = QVBoxLayout(self)
        self.centre(lay)
        lay.setSpacing(40)
        lay.addWidget(icon_label("shield" if state_name == "verifying" else "printer", theme.hero(180)))
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # indeterminate: shows motion without promising a time
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(theme.px(600 if theme.portrait else 700), theme.px(18))
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.bar, 0, Qt.AlignCenter)

    def refresh(self) -> None:
        if self.state_name == "verifying":
            method = self.session.visit.identity_method if self.session else None
            self.title.setText(tr("正在核验身份…"))
            # the card has been read: the sooner it is back in the resident's hand the better
            self.subtitle.setText({"id_card": tr("读卡成功，请取走您的身份证"),
                                   "ssse": tr("读卡成功，请取走您的社保卡")}.get(method or "", tr("请稍候")))
        else:
            self.title.setText(tr("正在生成证明…"))
            self.subtitle.setText(self.service_name())
