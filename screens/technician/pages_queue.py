"""Technician pages: the job queue and outbox, and the diagnostics export."""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from screens.technician.common import TechnicianPage, card_frame
from screens.widgets import button, label, tr, trn

log = logging.getLogger(__name__)

JOB_STATE_TEXT = {
    "requested": "已请求", "queued": "排队（离线）", "ready": "待打印", "printing": "打印中", "printed": "已打印",
    "reported": "已上报", "failed": "失败", "expired": "已过期", "needs_verification": "待核实",
}


class QueuePage(TechnicianPage):
    def __init__(self, mode):
        super().__init__(mode)
        self.heading = self.section("")
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        self.count_labels = {}
        for i, state in enumerate(JOB_STATE_TEXT):
            frame, lay = card_frame()
            name = label(tr(JOB_STATE_TEXT[state]), "hint")
            value = label("0", "title")
            lay.addWidget(value)
            lay.addWidget(name)
            self.grid.addWidget(frame, i // 5, i % 5)
            self.count_labels[state] = value
        self.body.addLayout(self.grid)
        self.sync_info = label("", "subtitle", align=Qt.AlignLeft)
        self.body.addWidget(self.sync_info)
        actions = QHBoxLayout()
        self.sync_btn = button("", "primary")
        self.sync_btn.clicked.connect(self.force_sync)
        self.purge_btn = button("", "secondary")
        self.purge_btn.clicked.connect(self.purge)
        actions.addWidget(self.sync_btn)
        actions.addWidget(self.purge_btn)
        self.body.addLayout(actions)
        self.message = label("", "notice", align=Qt.AlignLeft)
        self.message.hide()
        self.body.addWidget(self.message)
        self.verify_heading = self.section("")
        self.verify_box = QVBoxLayout()
        self.verify_box.setSpacing(12)
        self.body.addLayout(self.verify_box)
        self.verify_rows: dict[str, QWidget] = {}
        self.body.addStretch(1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.reload)

    def shown(self) -> None:
        self.heading.setText(tr("任务队列"))
        self.sync_btn.setText(tr("立即同步"))
        self.purge_btn.setText(tr("清除过期文档"))
        self.verify_heading.setText(tr("待核实的任务（打印中断）"))
        self.message.hide()
        self.reload()
        self.timer.start(3000)

    def left(self) -> None:
        self.timer.stop()

    def reload(self) -> None:
        self.answer(self.service.queue_snapshot(), self._show)

    def _show(self, snap, error) -> None:
        if error is not None:
            self.say(tr("无法读取队列") + f": {error}", False)
            return
        self.snapshot = snap
        for state, lab in self.count_labels.items():
            lab.setText(str(snap["counts"].get(state, 0)))
        sync = self.service.sync_state
        last = dt.datetime.fromtimestamp(sync.last_ok_at).strftime("%Y-%m-%d %H:%M:%S") if sync.last_ok_at else tr("从未")
        online = tr("在线") if sync.online else (tr("离线") if sync.online is False else tr("未知"))
        self.sync_info.setText(tr("待发送事件 {n} 条 · 平台{online} · 上次成功同步 {last}")
                               .format(n=snap["outbox"], online=online, last=last))
        wanted = {row[0] for row in snap["verify"]}
        for job_id in list(self.verify_rows):
            if job_id not in wanted:
                self.verify_rows.pop(job_id).deleteLater()
        for job_id, kind, service, platform_id, reason in snap["verify"]:
            if job_id not in self.verify_rows:
                self.verify_rows[job_id] = self._verify_row(job_id, kind, service, platform_id, reason)
                self.verify_box.addWidget(self.verify_rows[job_id])
        self.verify_heading.setVisible(bool(snap["verify"]))

    def _verify_row(self, job_id, kind, service, platform_id, reason) -> QWidget:
        frame, lay = card_frame()
        text = label(f"{platform_id or job_id} · {service} · {kind} · {reason}", "hint", align=Qt.AlignLeft)
        lay.addWidget(text)
        row = QHBoxLayout()
        printed = button(tr("已打印出来"), "secondary")
        failed = button(tr("没有打印出来"), "secondary")
        printed.clicked.connect(lambda: self.resolve(job_id, True))
        failed.clicked.connect(lambda: self.resolve(job_id, False))
        row.addWidget(printed)
        row.addWidget(failed)
        lay.addLayout(row)
        frame.buttons = (printed, failed)
        return frame

    def resolve(self, job_id: str, printed: bool) -> None:
        def done(_, error):
            if error is not None:
                self.say(tr("无法更新任务") + f": {error}", False)
            else:
                self.say(tr("已记录：") + (tr("已打印") if printed else tr("未打印")), True)
            self.reload()

        self.answer(self.service.resolve_job(job_id, printed), done)

    def force_sync(self) -> None:
        self.answer(self.service.force_sync(), lambda _, e: self.say(str(e), False) if e is not None else None)
        self.say(tr("已开始同步"), True)
        QTimer.singleShot(1500, self.reload)

    def purge(self) -> None:
        self.answer(self.service.purge_expired(),
                    lambda n, e: (self.say(trn("已清除 {n} 份过期文档", n).format(n=n), True) if e is None
                                  else self.say(str(e), False), self.reload()))

    def say(self, text: str, good: bool) -> None:
        self.message.setObjectName("notice" if good else "problem")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()


class ExportPage(TechnicianPage):
    def __init__(self, mode):
        super().__init__(mode)
        self.heading = self.section("")
        self.hint = label("", "hint", align=Qt.AlignLeft)
        self.body.addWidget(self.hint)
        self.choices = QVBoxLayout()
        self.body.addLayout(self.choices)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.targets: dict[str, tuple] = {}
        self.export_btn = button("", "primary")
        self.export_btn.clicked.connect(self.export)
        self.body.addWidget(self.export_btn)
        self.result = label("", "notice", align=Qt.AlignLeft)
        self.result.hide()
        self.body.addWidget(self.result)
        self.body.addStretch(1)
        self.last_path: Path | None = None

    def shown(self) -> None:
        self.heading.setText(tr("导出诊断信息"))
        self.hint.setText(tr("导出日志、配置（不含密钥）、设备状态与队列统计为 zip 文件；个人信息已遮蔽。"))
        self.export_btn.setText(tr("导出"))
        # the terminal's own folder at once; mounted USB volumes (a look at the disks) when found
        self._offer([(self.service.exports_dir(), False)])
        self.answer(self.service.export_destinations(), lambda found, e: self._offer(found) if e is None else None)

    def _offer(self, destinations) -> None:
        for btn, _ in list(self.targets.values()):
            self.group.removeButton(btn)
            btn.deleteLater()
        self.targets.clear()
        for i, (path, usb) in enumerate(destinations):
            text = (tr("U 盘") if usb else tr("本机文件夹")) + f": {path}"
            btn = button(text, "chip")
            btn.setCheckable(True)
            btn.setChecked(i == 0)
            self.group.addButton(btn)
            self.choices.addWidget(btn)
            self.targets[str(path)] = (btn, path)

    def chosen(self) -> Path | None:
        return next((path for btn, path in self.targets.values() if btn.isChecked()), None)

    def export(self) -> None:
        dest = self.chosen()
        if dest is None:
            return
        self.export_btn.setEnabled(False)
        self.result.setText(tr("正在导出…"))
        self.result.show()
        self.answer(self.service.export_diagnostics(dest), self._exported)

    def _exported(self, answer, error) -> None:
        self.export_btn.setEnabled(True)
        self.result.setObjectName("problem" if error else "notice")
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        if error is not None:
            self.result.setText(tr("导出失败") + f": {error}")
            return
        path, kb = answer
        self.last_path = path
        self.result.setText(tr("已导出到 {path}（{kb} KB）").format(path=path, kb=kb))
