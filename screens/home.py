"""Home (service categories) and the attract screen shown after idle."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from screens.widgets import Screen, button, clear_layout, icon_label, label, tool_tile, tr

#: category → (icon, label); the order of the tiles on the home screen
CATEGORIES = [
    ("social_insurance", "social_insurance", "社保"),
    ("medical", "medical", "医保"),
    ("housing_fund", "housing_fund", "公积金"),
    ("real_estate", "real_estate", "不动产"),
    ("licence", "licence", "营业执照"),
    ("pickup", "pickup", "取件"),
]


class HomeScreen(Screen):
    state_name = "home"

    def __init__(self, theme):
        super().__init__(theme)
        self.availability: dict[str, str | None] = {}  # service id → reason it is unavailable
        self.category: str | None = None                # a category with several services, opened
        self.online: bool | None = None
        self.advice: list[str] = []
        lay = QVBoxLayout(self)
        m = 64 if not theme.portrait else 48
        lay.setContentsMargins(m, 24 if theme.elder else 40, m, 24 if theme.elder else 32)
        lay.setSpacing(18 if theme.elder else 28)
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        self.notice = label("", "notice")
        self.notice.hide()
        lay.addWidget(self.notice)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(28)
        lay.addWidget(self.grid_host, 1)
        self.tiles: dict = {}

    def set_online(self, online: bool | None) -> None:
        """The platform answers (True), does not (False) or nothing is known yet (None)."""
        self.online = online
        if self.isVisible():
            self.refresh()

    def set_advice(self, advice: list[str]) -> None:
        """What is unavailable, what still works and what to do, one sentence per problem."""
        self.advice = list(advice)

    def set_availability(self, availability: dict[str, str | None]) -> None:
        self.availability = dict(availability)
        if self.isVisible():
            self.refresh()

    def wipe(self) -> None:
        self.category = None

    def _services_in(self, category: str) -> list[dict]:
        services = self.session.services.values() if self.session else []
        return [s for s in services if s.get("category") == category]

    def _clear_grid(self) -> None:
        clear_layout(self.grid)
        for r in range(self.grid.rowCount()):
            self.grid.setRowStretch(r, 0)
        self.tiles.clear()

    def refresh(self) -> None:
        self._clear_grid()
        t = self.theme
        if self.category:
            self._show_category()
            return
        self.title.setText(tr("请选择您要办理的业务"))
        self.subtitle.setText(tr("放置身份证或扫e福州码，自助打印证明"))
        cols = 2 if t.portrait else 3  # 长辈版 has larger tiles, in the same two rows
        problems = []
        for i, (category, icon_name, text) in enumerate(CATEGORIES):
            reason = self._category_problem(category)
            tile = tool_tile("tile", icon_name, t.h(96 if t.elder else 120), "#1d5fbf" if reason is None else "#6b7380")
            # The tile says "paused" in a word; the reason itself is in the notice above the tiles.
            tile.setText(tr(text) + (("\n⚠ " + tr("暂停服务")) if reason else ""))
            tile.setEnabled(reason is None)
            tile.setMinimumHeight(t.h(200 if not t.portrait else 260))
            tile.clicked.connect(lambda _=False, c=category: self._open(c))
            self.grid.addWidget(tile, i // cols, i % cols)
            tile.show()  # at once: a layout would show it only at the next event-loop turn
            self.tiles[category] = tile
            if reason and reason not in problems:
                problems.append(reason)
        # one notice: what works offline, then per device problem what is paused, what works, what to do
        from kiosk.availability import OFFLINE_ADVICE

        notes = ([tr(OFFLINE_ADVICE)] if self.online is False else []) + (self.advice or problems)
        self.notice.setVisible(bool(notes))
        self.subtitle.setVisible(not notes)  # the notice says what works now, in place of the invitation
        self.notice.setText("⚠ " + "\n⚠ ".join(notes))

    def _category_problem(self, category: str) -> str | None:
        if category == "pickup":
            return self.availability.get("pickup")
        services = self._services_in(category)
        if not services:
            return tr("暂未开通")
        reasons = [self.availability.get(s["id"]) for s in services]
        return None if any(r is None for r in reasons) else reasons[0]

    def _open(self, category: str) -> None:
        if category == "pickup":
            self.send("choose_pickup")
            return
        services = [s for s in self._services_in(category) if self.availability.get(s["id"]) is None]
        if category == "licence" and services:
            self.send("choose_licence", service_id=services[0]["id"])
        elif len(services) == 1:
            self.send("choose_service", service_id=services[0]["id"])
        elif services:
            self.category = category
            self.refresh()

    def _show_category(self) -> None:
        lang = self.lang
        name = dict((c, n) for c, _, n in CATEGORIES).get(self.category, "")
        self.title.setText(tr(name))
        self.subtitle.setText(tr("请选择要打印的证明"))
        self.subtitle.show()
        self.notice.hide()
        row = 0
        for service in self._services_in(self.category):
            reason = self.availability.get(service["id"])
            btn = button(service["name"].get(lang, service["name"]["zh"]) + (("  — " + reason) if reason else ""),
                         "tile", "printer" if not reason else None)
            btn.setEnabled(reason is None)
            btn.setMinimumHeight(self.theme.h(150))
            btn.clicked.connect(lambda _=False, sid=service["id"]: self.send("choose_service", service_id=sid))
            self.grid.addWidget(btn, row, 0)
            btn.show()
            self.tiles[service["id"]] = btn
            row += 1
        back = button(tr("‹ 返回业务列表"), "secondary")
        back.clicked.connect(self._close_category)
        self.grid.addWidget(back, row, 0)
        back.show()
        self.grid.setRowStretch(row + 1, 1)

    def key_back(self) -> bool:
        if self.category:
            self._close_category()
            return True
        return False

    def _close_category(self) -> None:
        self.category = None
        self.refresh()


class AttractScreen(Screen):
    state_name = "attract"

    def __init__(self, theme):
        super().__init__(theme)
        lay = QVBoxLayout(self)
        self.centre(lay)
        lay.setSpacing(40)
        lay.addWidget(icon_label("shield", theme.h(180)))
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        row = QHBoxLayout()
        row.setSpacing(60)
        for name in ("social_insurance", "medical", "housing_fund", "real_estate", "licence"):
            row.addWidget(icon_label(name, theme.h(96)))
        self.start = button("", "primary")
        self.start.clicked.connect(lambda: self.send("wake"))
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addLayout(row)
        lay.addWidget(self.start, 0, Qt.AlignCenter)

    def refresh(self) -> None:
        self.title.setText(tr("e福州 自助服务"))
        self.subtitle.setText(tr("社保 · 医保 · 公积金 · 不动产 · 营业执照，一站自助打印"))
        self.start.setText(tr("轻触屏幕开始办理"))

    def mousePressEvent(self, event) -> None:  # a touch anywhere starts
        self.send("wake")
