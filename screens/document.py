"""Consent, preview (real pages of the PDF) and printing with live progress."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QVBoxLayout

from kiosk.session_model import MAX_COPIES
from screens.widgets import Screen, button, icon_label, label, tr, trn


class ConsentScreen(Screen):
    state_name = "consent"

    def __init__(self, theme):
        super().__init__(theme)
        lay = QVBoxLayout(self)
        side = 48 if theme.elder and theme.portrait else 80
        lay.setContentsMargins(side, 20 if theme.elder else 28, side, 20 if theme.elder else 28)
        lay.setSpacing(12 if theme.elder else 20)
        self.title = label("", "title")
        lay.addWidget(self.title)
        # 长辈版 on a 1080-line panel: the three paragraphs at 1.5× need the title's room (the
        # line naming whose card was read heads the screen, the button says "agree")
        self.title.setVisible(not (theme.elder and not theme.portrait))
        self.holder = label("", "subtitle")  # whose card was read: a family member's card is noticed here
        lay.addWidget(self.holder)
        frame, inner = self.card()
        if theme.elder:
            # 长辈版: the three paragraphs need the icon's room (English clipped its first
            # paragraph mid-line, overlapping the next; screens.audit checks it).
            inner.setContentsMargins(32, 16, 32, 16)
            inner.setSpacing(10)
        else:
            inner.addWidget(icon_label("shield", theme.h(90)))
        self.reads = label("", "subtitle")
        self.why = label("", "")
        self.keep = label("", "hint")
        inner.addWidget(self.reads)
        inner.addWidget(self.why)
        inner.addWidget(self.keep)
        lay.addWidget(frame, 1)
        # portrait 长辈版: the two buttons' words do not fit side by side on 1080 px
        row = QVBoxLayout() if theme.portrait and theme.elder else QHBoxLayout()
        row.setSpacing(24 if theme.portrait and theme.elder else 32)
        self.decline = button("", "secondary")
        self.agree = button("", "primary")
        self.decline.clicked.connect(lambda: self.send("decline"))
        self.agree.clicked.connect(lambda: self.send("agree"))
        row.addWidget(self.decline, 1)
        row.addWidget(self.agree, 2)
        lay.addLayout(row)

    def wipe(self) -> None:
        self.holder.clear()  # whose card, and whose licence: nothing of the visit stays on screen
        self.why.clear()

    def refresh(self) -> None:
        from kiosk.privacy import mask_name

        v = self.session.visit
        service = self.session.service()
        name = v.display_name or (v.identity.name if v.identity is not None else "")
        self.holder.setText(tr("已读取：{name} 的证件。如果不是您本人的证件，请点“不同意”。").format(name=mask_name(name))
                            if name else "")
        self.holder.setVisible(bool(name))
        reads = (service.get("reads") or {}).get(self.lang) or (service.get("reads") or {}).get("zh")
        if v.flow == "pickup":  # not a new lookup: the certificate was requested earlier
            self.title.setText(tr("请确认取件"))
            self.reads.setText(tr("本机将核对您的身份证与登记时是否一致。"))
            self.why.setText(tr("用途：打印您此前登记的《{name}》。").format(name=self.service_name()))
        elif v.flow == "licence":
            self.title.setText(tr("请确认领取营业执照"))
            self.reads.setText(tr("本机将核对您是否为法定代表人或授权人员。"))
            self.why.setText(tr("用途：打印{company}的营业执照。").format(company=v.licence.get("company", "")))
        else:
            self.title.setText(tr("请确认授权"))
            # the catalogue's own sentence says what is read and why; the generic words need a lead-in
            self.reads.setText(reads or (tr("本服务将使用：") + tr("姓名、公民身份号码")))
            self.why.setText(tr("用途：向主管部门查询您的记录并出具《{name}》。").format(name=self.service_name()))
        self.keep.setText(tr("仅为本次业务使用，不保存照片；办理结束或离开后，本机立即清除您的信息。"))
        self.agree.setText(tr("同意并继续"))
        self.decline.setText(tr("不同意"))


class PreviewScreen(Screen):
    state_name = "preview"
    kept = ("page_index",)

    def __init__(self, theme, previews):
        super().__init__(theme)
        self.previews = previews
        self.page_index = 0
        lay = QHBoxLayout(self) if not theme.portrait else QVBoxLayout(self)
        lay.setContentsMargins(64, 32, 64, 32)
        lay.setSpacing(48)
        left = QVBoxLayout()
        self.page = QLabel()
        self.page.setAlignment(Qt.AlignCenter)
        # The page's picture is sized for the panel (refresh); it never makes the window taller.
        self.page.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)
        self.page.setMinimumSize(1, 1)
        self.page.setObjectName("card")
        left.addWidget(self.page, 1)
        pager = QHBoxLayout()
        self.prev_page = button("‹", "quiet")
        self.next_page = button("›", "quiet")
        self.page_label = label("", "hint")
        self.prev_page.clicked.connect(lambda: self._turn(-1))
        self.next_page.clicked.connect(lambda: self._turn(1))
        self.zoom_btn = button("", "quiet")
        self.zoom_btn.clicked.connect(self._zoom)
        pager.addWidget(self.prev_page)
        pager.addWidget(self.page_label, 1)
        pager.addWidget(self.zoom_btn)
        pager.addWidget(self.next_page)
        left.addLayout(pager)
        from screens.zoom import PageZoom

        self.zoom = PageZoom(theme, self)
        self._full: QPixmap | None = None  # the page at the preview's own resolution, for 放大查看
        lay.addLayout(left, 3)
        right = QVBoxLayout()
        right.setSpacing(12 if theme.elder else 28)
        self.title = label("", "title")
        self.info = label("", "subtitle")
        right.addWidget(self.title)
        right.addWidget(self.info)
        right.addStretch(1)
        self.copies_label = label("", "subtitle")
        right.addWidget(self.copies_label)
        copies = QHBoxLayout()
        self.minus = button("−", "key")
        self.copies = label("1", "big_code")
        self.plus = button("+", "key")
        self.minus.clicked.connect(lambda: self._copies(-1))
        self.plus.clicked.connect(lambda: self._copies(1))
        copies.addWidget(self.minus)
        copies.addWidget(self.copies, 1)
        copies.addWidget(self.plus)
        right.addLayout(copies)
        right.addStretch(1)
        self.print_btn = button("", "primary", "printer")
        self.print_btn.clicked.connect(lambda: self.send("print"))
        right.addWidget(self.print_btn)
        lay.addLayout(right, 2)

    def _copies(self, delta: int) -> None:
        self.send("set_copies", copies=self.session.visit.copies + delta)

    def _turn(self, delta: int) -> None:
        self.page_index += delta
        self.refresh()

    def _zoom(self) -> None:
        if self._full is not None:
            self.zoom.show_page(self._full)

    def wipe(self) -> None:
        self.zoom.close_zoom()
        self._full = None
        self.page.clear()
        self.page_index = 0
        self.info.clear()

    def refresh(self) -> None:
        v = self.session.visit
        images = self.previews.pages(v.job_id) if v.job_id else []
        self.page_index = max(0, min(self.page_index, max(0, len(images) - 1)))
        if images:
            img = images[self.page_index]
            qimg = QImage(img.tobytes(), img.width, img.height, img.width * 3, QImage.Format_RGB888).copy()
            target_h = (580 if self.theme.elder else 620) if not self.theme.portrait else (400 if self.theme.elder else 700)  # leaves room for the pager (landscape) and the two-row footer (portrait)
            self._full = QPixmap.fromImage(qimg)
            self.page.setPixmap(self._full.scaledToHeight(target_h, Qt.SmoothTransformation))
        self.zoom_btn.setText(tr("放大查看"))
        self.zoom_btn.setEnabled(bool(images))
        self.page_label.setText(tr("第 {i} / {n} 页").format(i=self.page_index + 1, n=max(1, v.pages)))
        self.prev_page.setEnabled(self.page_index > 0)
        self.next_page.setEnabled(self.page_index + 1 < len(images))
        self.title.setText(self.service_name())
        self.info.setText(trn("请核对证明内容。共 {n} 页，A4 纸打印。", v.pages).format(n=v.pages))
        # the words name the session's limit (MAX_COPIES); the buttons follow the constant itself
        self.copies_label.setText(tr("打印份数（最多 3 份）"))
        self.copies.setText(str(v.copies))
        self.minus.setEnabled(v.copies > 1)
        self.plus.setEnabled(v.copies < MAX_COPIES)
        self.print_btn.setText(tr("开始打印"))


PRINT_STEPS = {"pending": 25, "held": 25, "processing": 60, "completed": 100}


class PrintingScreen(Screen):
    state_name = "printing"

    def __init__(self, theme):
        super().__init__(theme)
        lay = QVBoxLayout(self)
        self.centre(lay)
        lay.setSpacing(36)
        lay.addWidget(icon_label("printer", theme.hero(200)))
        self.title = label("", "title")
        self.status = label("", "subtitle")
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(theme.px(600 if theme.portrait else 800), theme.px(24))
        self.hint = label("", "hint")
        lay.addWidget(self.title)
        lay.addWidget(self.status)
        lay.addWidget(self.bar, 0, Qt.AlignCenter)
        lay.addWidget(self.hint)

    def refresh(self) -> None:
        v = self.session.visit
        self.title.setText(tr("正在打印，请稍候"))
        state = v.print_state or "pending"
        text = {"pending": tr("已提交到打印机"), "held": tr("等待打印机"), "processing": tr("打印机正在出纸"),
                "completed": tr("打印完成")}.get(state, tr("打印机正在处理"))
        if v.flow == "licence":
            amount = trn("正本 {n} 份", v.originals).format(n=v.originals) + tr("，") + trn("副本 {n} 份", v.duplicates).format(n=v.duplicates)
        else:
            amount = trn("{n} 份", v.copies).format(n=v.copies)
        self.status.setText(text + " · " + amount)
        self.bar.setValue(PRINT_STEPS.get(state, 40))
        self.hint.setText(tr("打印过程中请不要离开，纸张从下方出纸口送出。"))
