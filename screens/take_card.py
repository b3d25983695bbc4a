"""Take your card: the visit is over and its card still lies on the reader.

Shown by the session state ``take_card``; lifting the card (a device event the session hears)
or the session's timeout leaves it for home. Nothing personal is shown: the visit is wiped.
"""
from __future__ import annotations

from screens.widgets import Screen, icon_label, label, tr

CARD_WORDS = {"id_card": "请取回您的身份证", "ssse": "请取回您的社保卡"}
ALSO_TAKE = {"document": "别忘了取走打印好的材料和凭条。", "receipt": "别忘了取走取件凭条。", "": ""}


class TakeCardScreen(Screen):
    state_name = "take_card"

    def __init__(self, theme):
        super().__init__(theme)
        from PySide6.QtWidgets import QVBoxLayout

        lay = QVBoxLayout(self)
        self.centre(lay)
        lay.setSpacing(36)
        lay.addWidget(icon_label("id_card", theme.hero(220), "#8a5a00"))
        self.title = label("", "title")
        self.also = label("", "subtitle")
        self.hint = label("", "hint")
        for w in (self.title, self.also, self.hint):
            lay.addWidget(w)

    def refresh(self) -> None:
        reminder = self.session.take_card if self.session else {}
        card = reminder.get("card", "id_card")
        self.title.setText(tr(CARD_WORDS.get(card, CARD_WORDS["id_card"])))
        also = ALSO_TAKE.get(reminder.get("took", ""), "")
        self.also.setText(tr(also) if also else "")
        self.also.setVisible(bool(also))
        self.hint.setText(tr("取走证件后，本机自动返回首页。"))

