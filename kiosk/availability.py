"""Which services can run now, and why not: from the device statuses and the catalogue.

The reasons are plain words for residents ("打印机缺纸，证明打印暂停"), marked for translation.
"""
from __future__ import annotations

from drivers.base import DeviceStatus

IDENTITY_DEVICES = ("id_card", "ssse")


def _printer_problem(status: DeviceStatus | None) -> str | None:
    if status is None:
        return "printer_missing"
    paper = status.detail.get("paper")
    if paper == "out":
        return "paper_out"
    if paper == "jammed":
        return "paper_jam"
    if not status.usable:
        return "printer_down"
    return None


REASONS = {
    "paper_out": "打印机缺纸，证明打印暂停",
    "paper_jam": "打印机卡纸，证明打印暂停",
    "printer_down": "打印机暂不可用，证明打印暂停",
    "printer_missing": "本机未配备打印机",
    "licence_paper_out": "执照打印机缺纸，执照打印暂停",
    "licence_down": "执照打印机暂不可用",
    "reader_down": "读卡器暂不可用，请到人工窗口",
}


def service_problems(services: dict[str, dict], statuses: dict[str, DeviceStatus]) -> dict[str, str | None]:
    """service id (plus "pickup") → reason key (see REASONS) or None when it can run."""
    readers_ok = any(statuses[n].usable for n in IDENTITY_DEVICES if n in statuses)
    out: dict[str, str | None] = {}
    for sid, service in services.items():
        if service.get("kind") == "guide":
            out[sid] = None  # shown on screen only: no device needed
            continue
        printer = "licence" if service.get("printer") == "licence" else "document"
        problem = _printer_problem(statuses.get(printer))
        if problem and printer == "licence":
            problem = "licence_paper_out" if problem == "paper_out" else "licence_down"
        methods = service.get("identity", ["id_card"])
        needs_reader = "efz_qr" not in methods or not any(
            statuses[n].usable for n in ("qr_serial", "camera") if n in statuses)
        if problem is None and needs_reader and not readers_ok:
            problem = "reader_down"
        out[sid] = problem
    doc = _printer_problem(statuses.get("document"))
    out["pickup"] = doc if doc else (None if readers_ok else "reader_down")
    return out


def device_summary(statuses: dict[str, DeviceStatus]) -> str | None:
    """The one device problem worth showing in the header, as a reason key, or None."""
    for name in ("document", "licence", "id_card", "receipt"):
        status = statuses.get(name)
        if status is None or status.state.value == "starting":
            continue
        if name in ("document", "licence"):
            p = _printer_problem(status)
            if p:
                return ("licence_paper_out" if p == "paper_out" else "licence_down") if name == "licence" else p
        elif not status.usable:
            return "reader_down" if name == "id_card" else "receipt_down"
    return None


REASONS["receipt_down"] = "凭条打印机暂不可用"

#: The header chip's few words for a device problem (the home notice says the rest, once).
CHIP = {"paper_out": "打印机缺纸", "paper_jam": "打印机卡纸", "printer_down": "打印机故障",
        "printer_missing": "无打印机", "licence_paper_out": "执照纸用完", "licence_down": "执照打印机故障",
        "reader_down": "读卡器故障", "receipt_down": "凭条打印机故障"}

#: Home's one notice per problem: what is unavailable, what still works, what to do.
ADVICE = {
    "paper_out": "打印机缺纸，证明暂时不能打印；营业执照照常打印。请联系大厅工作人员补纸，或稍后再来。",
    "paper_jam": "打印机卡纸，证明暂时不能打印；营业执照照常打印。请联系大厅工作人员处理，或稍后再来。",
    "printer_down": "打印机暂不可用，证明暂时不能打印；营业执照照常打印。请联系大厅工作人员，或稍后再来。",
    "printer_missing": "本机不能打印证明。",
    "licence_paper_out": "执照专用纸已用完，营业执照暂时不能打印；证明照常打印。请联系大厅工作人员装纸。",
    "licence_down": "执照打印机暂不可用，营业执照暂时不能打印；证明照常打印。请联系大厅工作人员。",
    "reader_down": "读卡器暂不可用：可用e福州App身份码办理的业务照常；其余请到人工窗口办理。",
    "receipt_down": "凭条打印机暂不可用：业务照常办理，但没有凭条，取件码请记下屏幕上显示的号码。",
}
#: Home's notice while the platform cannot be reached: what works offline.
OFFLINE_ADVICE = "网络暂时中断：证明可先登记取件码，网络恢复后再打印；营业执照和已准备好的取件照常打印。"


def licence_stock(statuses: dict[str, DeviceStatus]) -> str:
    """The licence printer's serial-numbered stock: "ok", "low", "out" or "jammed" (for the prompt
    to load it); "ok" when the terminal has no licence printer or it cannot tell."""
    status = statuses.get("licence")
    paper = status.detail.get("paper") if status is not None else None
    return paper if paper in ("low", "out", "jammed") else "ok"


def category_state(service_ids, availability: dict[str, str | None]) -> tuple[str | None, bool]:
    """A home tile of several services: (the reason it is unavailable — None while any of its
    services can run —, whether some of its services are paused)."""
    reasons = [availability.get(sid) for sid in service_ids]
    reason = None if any(r is None for r in reasons) else (reasons[0] if reasons else None)
    return reason, any(reasons)


def problems_in(groups, availability: dict[str, str | None]) -> list[str]:
    """The reason keys that pause some service of ``groups`` (lists of service ids), each once,
    in the order the groups and their services come."""
    out: list[str] = []
    for service_ids in groups:
        for sid in service_ids:
            r = availability.get(sid)
            if r and r not in out:
                out.append(r)
    return out


def available_ids(service_ids, availability: dict[str, str | None]) -> list[str]:
    """The services of ``service_ids`` that can run now."""
    return [sid for sid in service_ids if availability.get(sid) is None]
