"""IPP printer-state-reasons → the kiosk's device status (DESIGN.md §3, §3.4).

Keywords may carry a severity suffix (``media-empty-error``, ``toner-low-report``); it is
stripped before mapping. Paper and toner are reported in ``detail`` (paper: ok/low/out/jammed,
toner: ok/low/empty, door: open/closed); ``reasons`` lists what the printer said.
"""
from __future__ import annotations

from drivers.base import DeviceState, DeviceStatus

_SUFFIXES = ("-error", "-warning", "-report")

PAPER_OUT = frozenset({"media-empty", "media-needed", "input-tray-missing"})
PAPER_JAM = frozenset({"media-jam"})
PAPER_LOW = frozenset({"media-low"})
TONER_EMPTY = frozenset({"toner-empty", "marker-supply-empty", "marker-waste-full"})
TONER_LOW = frozenset({"toner-low", "marker-supply-low", "marker-waste-almost-full"})
DOOR_OPEN = frozenset({"door-open", "cover-open", "interlock-open"})
OFFLINE = frozenset({"offline", "connecting-to-device", "shutdown", "timed-out"})
HALTED = frozenset({"paused", "stopped", "moving-to-paused", "spool-area-full", "fuser-over-temp",
                    "fuser-under-temp", "other"})

#: reasons that stop paper from coming out, in the order they are named when several hold.
#: connecting-to-device is missing on purpose: CUPS backends report it briefly on every job.
BLOCKING = ("media-jam", "media-empty", "media-needed", "input-tray-missing", "door-open",
            "cover-open", "interlock-open", "toner-empty", "marker-supply-empty",
            "marker-waste-full", "offline", "shutdown", "timed-out", "paused", "stopped",
            "spool-area-full", "fuser-over-temp", "fuser-under-temp")


def normalize(reasons: list[str] | tuple[str, ...]) -> list[str]:
    """Keywords without severity suffixes, without ``none``, in order, once each."""
    out: list[str] = []
    for reason in reasons:
        if not isinstance(reason, str):
            continue
        kw = reason.strip().lower()
        for suffix in _SUFFIXES:
            if kw.endswith(suffix):
                kw = kw[: -len(suffix)]
                break
        if kw and kw != "none" and kw not in out:
            out.append(kw)
    return out


def blocking_reason(reasons: list[str], printer_state: str = "idle") -> str:
    """The reason paper cannot come out now ("" when nothing stops it)."""
    found = normalize(reasons)
    for kw in BLOCKING:
        if kw in found:
            return kw
    if printer_state == "stopped":
        return "stopped"
    return ""


def paper_of(reasons: list[str]) -> str:
    found = set(normalize(reasons))
    if found & PAPER_JAM:
        return "jammed"
    if found & PAPER_OUT:
        return "out"
    if found & PAPER_LOW:
        return "low"
    return "ok"


def status_of(printer_state: str, reasons: list[str], *, accepting: bool = True, message: str = "") -> DeviceStatus:
    """The DeviceStatus for a printer-state ("idle"/"processing"/"stopped") and its reasons."""
    found = normalize(reasons)
    kws = set(found)
    toner = "empty" if kws & TONER_EMPTY else "low" if kws & TONER_LOW else "ok"
    detail = {
        "paper": paper_of(found),
        "toner": toner,
        "door": "open" if kws & DOOR_OPEN else "closed",
        "printer_state": printer_state,
        "reasons": ",".join(found) or "none",
    }
    if kws & OFFLINE:
        state = DeviceState.OFFLINE
    elif kws & (PAPER_JAM | DOOR_OPEN | TONER_EMPTY | HALTED) or printer_state == "stopped":
        state = DeviceState.HARDWARE_ERROR
    elif not accepting:
        state = DeviceState.OFFLINE
    elif printer_state == "processing":
        state = DeviceState.BUSY
    else:
        state = DeviceState.ONLINE
    if not message:
        problem = blocking_reason(found, printer_state)
        if not accepting:
            message = "queue is not accepting jobs"
        elif problem:
            message = problem
        elif found:
            message = ", ".join(found)
    return DeviceStatus(state, detail, message)


def paper_event(old: str, new: str):
    """The event to emit when paper goes from ``old`` to ``new`` (None when there is none)."""
    from drivers.base import EventKind

    if new == old:
        return None
    if new == "low":
        return EventKind.PAPER_LOW
    if new in ("out", "jammed"):
        return EventKind.PAPER_OUT
    return None
