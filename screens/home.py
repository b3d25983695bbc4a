"""Home: the catalogue's categories, a category's services page by page, search, the 常用 row;
and the attract screen shown after idle. What is shown comes from the session's catalogue
(kiosk.catalogue) and the browse position (kiosk.catalogue_browse); the panels are in
screens/catalogue_views.py."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.availability import available_ids, category_state, problems_in
from kiosk.catalogue import from_services, page_slice
from kiosk.catalogue_browse import Browse
from screens.catalogue_views import GridPanel, Pager, SearchPanel, WidgetCache, WordsButton, category_tile, per_page, service_button
from screens.widgets import Screen, button, icon_label, label, tr, trn

#: The intent that starts each kind of service.
CHOOSE = {"print": "choose_service", "licence": "choose_licence", "guide": "choose_guide"}
POPULAR_MAX = 4


class HomeScreen(Screen):
    state_name = "home"
    kept = ("browse", "popular", "online", "advice", "availability")

    def __init__(self, theme):
        super().__init__(theme)
        self.availability: dict[str, str | None] = {}  # service id → reason it is unavailable
        self.browse = Browse()
        self.popular: list[str] = []                    # service ids, most used first (kiosk.usage)
        self._fallback = (None, None)                   # (services dict, Catalogue) when the kiosk gave none
        self.online: bool | None = None
        self.advice: list[str] = []
        lay = QVBoxLayout(self)
        m = 64 if not theme.portrait else 48
        tight = theme.elder and not theme.portrait  # 长辈版 on 1080 lines: every row counts
        lay.setContentsMargins(m, 12 if tight else (20 if theme.elder else 32), m,
                               12 if tight else (20 if theme.elder else 28))
        lay.setSpacing(8 if tight else (14 if theme.elder else 20))
        top = QHBoxLayout()
        top.setSpacing(24)
        heading = QVBoxLayout()
        self.title = label("", "title", align=Qt.AlignLeft | Qt.AlignVCenter)
        self.subtitle = label("", "subtitle", align=Qt.AlignLeft | Qt.AlignVCenter)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        top.addLayout(heading, 1)
        self.search_btn = button("", "primary", "search", theme.icon(44))
        self.search_btn.clicked.connect(self._open_search)
        self.back_btn = button("", "secondary")
        self.back_btn.clicked.connect(self._back)
        top.addWidget(self.search_btn, 0, Qt.AlignVCenter)
        top.addWidget(self.back_btn, 0, Qt.AlignVCenter)
        lay.addLayout(top)
        self.notice = label("", "notice")
        self.notice.hide()
        lay.addWidget(self.notice)
        # 常用: the services used most at this terminal
        self.popular_host = QWidget()
        prow = QHBoxLayout(self.popular_host) if not theme.portrait else QVBoxLayout(self.popular_host)
        prow.setContentsMargins(0, 0, 0, 0)
        prow.setSpacing(16)
        self.popular_label = label("", "hint", wrap=False)
        prow.addWidget(self.popular_label)
        self.popular_grid = GridPanel(16)
        prow.addWidget(self.popular_grid, 1)
        lay.addWidget(self.popular_host)
        # One of the two panels shows; the hidden one takes no room (a stacked layout would
        # claim the larger of both, and push a 长辈版 screen past the panel's edge).
        self.grid_panel = GridPanel(20 if theme.elder else 24)
        self.search_panel = SearchPanel(theme, self._key, self._backspace, self._clear)
        self.search_panel.hide()
        lay.addWidget(self.grid_panel, 1)
        lay.addWidget(self.search_panel, 1)
        self.pager = Pager(theme, self._prev, self._next)
        lay.addWidget(self.pager)
        self.tiles: dict = {}          # category id / "pickup" / service id → its button, as shown now
        self.popular_buttons: dict = {}
        self.key_buttons = self.search_panel.key_buttons
        self.page_count = 1
        self._cache = WidgetCache()

    def set_online(self, online: bool | None) -> None:
        """The platform answers (True), does not (False) or nothing is known yet (None)."""
        self.online = online
        if self.isVisible():
            self.refresh()

    def set_advice(self, advice: list[str]) -> None:
        """What is unavailable, what still works and what to do, one sentence per problem."""
        self.advice = list(advice)

    # -- inputs from the kiosk ------------------------------------------------------------
    def set_availability(self, availability: dict[str, str | None]) -> None:
        self.availability = dict(availability)
        if self.isVisible():
            self.refresh()

    def set_popular(self, service_ids: list[str]) -> None:
        self.popular = list(service_ids)

    def wipe(self) -> None:
        self.browse = Browse()

    def at_top(self) -> bool:
        """No resident is browsing: a new catalogue may replace what is shown."""
        return self.browse.at_top()

    def catalogue(self):
        s = self.session
        if s is None:
            return from_services({})
        if s.catalogue is not None:
            return s.catalogue
        if self._fallback[0] is not s.services:
            self._fallback = (s.services, from_services(s.services))
        return self._fallback[1]

    @property
    def category(self) -> str | None:
        """The open category (kept for callers of the earlier home screen)."""
        return self.browse.category

    @category.setter
    def category(self, category_id: str | None) -> None:
        if category_id:
            self.browse.open_category(category_id)
        else:
            self.browse.back()

    # -- rendering --------------------------------------------------------------------------
    def _name(self, service: dict) -> str:
        names = service.get("name") or {}
        return names.get(self.lang) or names.get("zh") or service.get("id", "")

    def _note(self, service: dict, reason: str | None) -> str:
        if reason:
            return "⚠ " + reason
        return tr("扫码在手机上办理") if service.get("kind") == "guide" else tr("可自助打印")

    def _service_buttons(self, ids: list[str]) -> list:
        cat = self.catalogue()
        out = []
        for sid in ids:
            service = cat.services.get(sid)
            if service is None:
                continue
            reason = self.availability.get(sid)
            name, note = self._name(service), self._note(service, reason)

            def make(sid=sid, name=name, note=note, ok=reason is None):
                btn = service_button(self.theme, name, note, enabled=ok)
                btn.clicked.connect(lambda _=False, i=sid: self._choose(i))
                return btn

            btn = self._cache.get(("service", sid, name, note), make)
            self.tiles[sid] = btn
            out.append(btn)
        return out

    def refresh(self) -> None:
        self._cache.sweep()
        self.tiles.clear()
        self.subtitle.setVisible(True)
        self.pager.set_page(0, 1)
        view = self.browse.view
        self.search_btn.setText(tr("搜索业务"))
        self.back_btn.setText("‹ " + tr("返回业务列表"))
        # Hide before showing: both at once would not fit a portrait 长辈版 row, and grow the window.
        (self.back_btn if view == "top" else self.search_btn).hide()
        (self.search_btn if view == "top" else self.back_btn).show()
        self.popular_host.setVisible(False)
        if view == "category" and self.catalogue().category(self.browse.category or "") is not None:
            self._show_category()
        elif view == "search":
            self._show_search()
        else:
            if view != "top":  # a category this catalogue no longer has: back to the categories
                self.browse.back()
            self._show_top()

    def _panel(self, shown) -> None:
        # Hide first: for a moment both shown would need the room of both, and grow the window.
        for panel in (self.grid_panel, self.search_panel):
            if panel is not shown:
                panel.hide()
        shown.show()

    def _show_top(self) -> None:
        cat = self.catalogue()
        self._panel(self.grid_panel)
        self.title.setText(tr("请选择您要办理的业务"))
        self.subtitle.setText(tr("放置身份证或扫e福州码，自助打印证明"))
        tiles = []
        for c in cat.categories:
            reason, partly = category_state(c.service_ids, self.availability)
            key = ("category", c.id, c.icon, c.title(self.lang), len(c.service_ids), reason, partly, self.lang)

            def make(c=c, reason=reason, partly=partly):
                tile = category_tile(self.theme, c.icon, c.title(self.lang), len(c.service_ids), reason, partly=partly)
                tile.clicked.connect(lambda _=False, i=c.id: self._open(i))
                return tile

            tile = self._cache.get(key, make)
            self.tiles[c.id] = tile
            tiles.append(tile)
        pickup_reason = self.availability.get("pickup")
        words = tr("取件") + "\n" + (tr("凭取件码打印") if pickup_reason is None else "⚠ " + tr("暂停服务"))

        def make_pickup():
            name, note = words.split("\n")
            # a portrait 长辈版 tile: its one-line name leaves the room to the note's two lines
            shares = (1, 2) if self.theme.elder and self.theme.portrait else (3, 1)
            pickup = WordsButton(self.theme, name, note, icon_name="pickup", enabled=pickup_reason is None,
                                 name_px=32, min_h=110, shares=shares)
            pickup.clicked.connect(lambda: self.send("choose_pickup"))
            return pickup

        pickup = self._cache.get(("pickup", words, pickup_reason is None), make_pickup)
        self.tiles["pickup"] = pickup
        # first, on the first page: collecting with a pickup code is what works offline too
        tiles.insert(0, pickup)
        problems = problems_in([c.service_ids for c in cat.categories], self.availability)
        cols, rows = per_page(self.theme, "categories")
        popular = self._popular_ids()
        if popular:  # the 常用 row takes a row of tiles' room
            rows -= 1 if not self.theme.portrait else 2
        from kiosk.availability import OFFLINE_ADVICE

        notes = ([tr(OFFLINE_ADVICE)] if self.online is False else []) + (
            self.advice or problems)
        if notes and self.theme.elder and not self.theme.portrait:
            rows = max(1, rows - 1)  # 长辈版 on 1080 lines: the notice takes a row of tiles' room
        shown, page, n = page_slice(tiles, self.browse.page, cols * rows)
        self.browse.page, self.page_count = page, n
        self.grid_panel.fill(shown, cols, rows)
        self.tiles = {k: v for k, v in self.tiles.items() if v in shown}
        self.pager.set_page(page, n)
        # one notice: what works offline, then per device problem what is paused, what works, what to do
        self.notice.setVisible(bool(notes))
        self.subtitle.setVisible(not notes)  # the notice says what works now, in place of the invitation
        self.notice.setText("⚠ " + "\n⚠ ".join(notes))
        self._show_popular()

    def _popular_ids(self) -> list[str]:
        services = self.catalogue().services
        wide_words = self.theme.elder and not self.theme.portrait  # 长辈版 landscape: two, each on one line
        return [sid for sid in self.popular if sid in services][:2 if wide_words else POPULAR_MAX]

    def _show_popular(self) -> None:
        cat = self.catalogue()
        ids = self._popular_ids()
        self.popular_buttons = {}
        self.popular_host.setVisible(bool(ids))
        if not ids:
            return
        self.popular_label.setText("★ " + tr("本机常用"))
        buttons = []
        for sid in ids:
            reason = self.availability.get(sid)
            name = self._name(cat.services[sid])

            def make(sid=sid, name=name, ok=reason is None):
                b = WordsButton(self.theme, name, enabled=ok, name_px=30, min_h=64)
                b.clicked.connect(lambda _=False, i=sid: self._choose(i))
                return b

            b = self._cache.get(("popular", sid, name, reason is None), make)
            self.popular_buttons[sid] = b
            buttons.append(b)
        cols = 2 if self.theme.portrait or self.theme.elder else POPULAR_MAX
        self.popular_grid.fill(buttons, cols, -(-len(buttons) // cols))

    def _show_category(self) -> None:
        cat = self.catalogue()
        category = cat.category(self.browse.category)
        self._panel(self.grid_panel)
        self.notice.hide()
        self.title.setText(category.title(self.lang))
        self.subtitle.setText(trn("共 {n} 项业务，请选择", len(category.service_ids)).format(n=len(category.service_ids)))
        cols, rows = per_page(self.theme, "services")
        ids, page, n = page_slice(category.service_ids, self.browse.page, cols * rows)
        self.browse.page, self.page_count = page, n
        self.grid_panel.fill(self._service_buttons(ids), cols, rows)
        self.pager.set_page(page, n)

    def key_back(self) -> bool:
        """The keypad's back key: from a category or the search back to the categories."""
        if not self.browse.at_top():
            self._back()
            return True
        return False

    def _show_search(self) -> None:
        self._panel(self.search_panel)
        self.notice.hide()
        panel = self.search_panel
        self.title.setText(tr("搜索业务"))
        self.subtitle.setText("")
        self.subtitle.setVisible(False)
        panel.set_texts(self.browse.query, self.lang)
        index = self.session.search_index if self.session is not None else None
        found = index.search(self.browse.query, self.lang) if index is not None and self.browse.query else []
        cols, rows = per_page(self.theme, "results")
        if getattr(self.window(), "low_reach", False):
            rows = min(rows, 3)  # the low-reach band is shorter: fewer rows, each as tall as ever
        ids, page, n = page_slice(found, self.browse.page, cols * rows)
        self.browse.page, self.page_count = page, n
        panel.results.fill(self._service_buttons(ids), cols, rows)
        # "nothing found" takes their place, but only once the index is built (it comes a moment
        # after the first paint; the search shows its results then)
        nothing = bool(self.browse.query) and not found and index is not None
        panel.results.setVisible(not nothing)
        panel.empty.setVisible(nothing)
        panel.empty.setText("⚠ " + tr("没有找到相关业务，请换个关键字，或到人工窗口咨询"))
        self.pager.set_page(page, n)

    # -- touches ------------------------------------------------------------------------------
    def _rerender(self) -> None:
        self.refresh()

    def _open(self, category_id: str) -> None:
        category = self.catalogue().category(category_id)
        if category is None:
            return
        available = available_ids(category.service_ids, self.availability)
        if len(category.service_ids) == 1 and available:
            self._choose(available[0])  # a category of one service: straight to it
            return
        self.browse.open_category(category_id)
        self._rerender()

    def _choose(self, service_id: str) -> None:
        service = self.catalogue().services.get(service_id)
        if service is None or self.availability.get(service_id) is not None:
            return
        self.send(CHOOSE.get(service.get("kind"), "choose_service"), service_id=service_id)

    def _open_search(self) -> None:
        self.browse.open_search()
        self._rerender()

    def _back(self) -> None:
        self.browse.back()
        self._rerender()

    def _prev(self) -> None:
        self.browse.prev_page()
        self._rerender()

    def _next(self) -> None:
        self.browse.next_page(self.page_count)
        self._rerender()

    def _key(self, ch: str) -> None:
        self.browse.type(ch)
        self._rerender()

    def _backspace(self) -> None:
        self.browse.backspace()
        self._rerender()

    def _clear(self) -> None:
        self.browse.clear()
        self._rerender()


class AttractScreen(Screen):
    state_name = "attract"

    def __init__(self, theme):
        super().__init__(theme)
        lay = QVBoxLayout(self)
        self.centre(lay)
        lay.setSpacing(24 if theme.elder else 40)
        lay.addWidget(icon_label("shield", theme.hero(180)))
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        row = QHBoxLayout()
        row.setSpacing(60 if not theme.portrait else 28)
        for name in ("social_insurance", "medical", "housing_fund", "real_estate", "licence"):
            row.addWidget(icon_label(name, theme.icon(96)))
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
