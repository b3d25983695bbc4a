"""``fault TARGET KIND [after-submit | after-sheets N]``: trouble acted out by the simulators.

Every fault happens where it would in a hall: on the wire of the device's simulator (the kiosk's
real driver meets it), in the sandbox platform's HTTP answers, or at the store's disk. Nothing
inside the kiosk is patched. :data:`DEVICE_FAULTS` says what each KIND does to each device.
"""
from __future__ import annotations

import time

from kiosk.scenario.script import StepFailed

PRINTERS = ("document", "licence")
DEVICE_KINDS = ("paper-out", "jam", "offline", "error", "hang", "recover")
PLATFORM_KINDS = ("down", "up", "slow", "503", "drop-ack", "bad-json", "expired", "bad-expiry")
DISK_KINDS = ("full", "ok")


def _card(rig, kind):
    sim = rig.card
    if kind == "offline":
        sim.unplug()                       # the USB cable pulled
    elif kind == "error":
        sim.set_mode("bad_checksum")       # every read answers a frame with a wrong checksum
    elif kind == "hang":
        sim.silent = True                  # firmware hang: commands taken, none answered
    elif kind == "recover":
        sim.silent = False
        sim.set_mode("normal")
        if not sim.port.plugged:
            sim.replug()


def _scanner(rig, kind):
    sim = rig.scanner
    if kind == "offline":
        sim.unplug()
    elif kind == "error":
        sim.garbled = True                 # codes arrive as binary noise
    elif kind == "hang":
        sim.silent = True                  # codes are read and never sent
    elif kind == "recover":
        sim.silent = sim.garbled = False
        if not sim.port.plugged:
            sim.replug()


def _receipt(rig, kind):
    sim = rig.receipt
    if kind == "paper-out":
        sim.paper = "out"
    elif kind == "jam":
        sim.cover_open = True              # ESC/POS printers report a jam as the cover/mechanism open
    elif kind == "offline":
        sim.stop()                         # the printer is off: connections refused
    elif kind == "error":
        sim.resets = True                  # it drops the connection as soon as data arrives
    elif kind == "hang":
        sim.stalled = True                 # it takes nothing more from the wire
    elif kind == "recover":
        sim.paper, sim.cover_open, sim.resets, sim.stalled = "ok", False, False, False
        sim.start()


#: device → (kinds it knows, how to act them out). Printers are drivers/sim/ipp_sim.py's own.
DEVICE_FAULTS = {
    "id_card": (("offline", "error", "hang", "recover"), _card),
    "qr_serial": (("offline", "error", "hang", "recover"), _scanner),
    "receipt": (DEVICE_KINDS, _receipt),
}


def _platform(rig, kind, timeout_s: float):
    sandbox = rig.sandbox
    if kind == "down":
        sandbox.network_down()
    elif kind == "up":
        sandbox.faults.clear()
        if sandbox.is_down:
            sandbox.network_up()
    elif kind == "slow":
        sandbox.faults.set(delay_s=timeout_s + 1)    # longer than the terminal's read timeout
    elif kind == "503":
        sandbox.faults.set(rate_503=1.0, retry_after_s=1)
    elif kind == "drop-ack":
        sandbox.faults.set(drop_rate=1.0)  # the platform acts, then the answer is lost
    elif kind == "bad-json":
        sandbox.faults.set(garbage_rate=1.0)
    elif kind == "expired":
        sandbox.faults.set(expired=True)   # documents handed out already expired (30 days ago)
    elif kind == "bad-expiry":
        sandbox.faults.set(bad_expiry=True)  # a job with no valid expires_at, then a new licence, listed first


def check(args: tuple[str, ...]) -> str | None:
    """Why these ``fault`` arguments are wrong, or None."""
    if len(args) < 2:
        return "fault needs a target and a kind: fault DEVICE|platform|disk KIND [after-submit | after-sheets N]"
    target, kind, when = args[0], args[1], args[2:]
    if target == "platform":
        kinds = PLATFORM_KINDS
    elif target == "disk":
        kinds = DISK_KINDS
    elif target in PRINTERS:
        kinds = DEVICE_KINDS
    elif target in DEVICE_FAULTS:
        kinds = DEVICE_FAULTS[target][0]
    else:
        return (f"unknown fault target {target!r}: expected one of "
                f"{', '.join(PRINTERS + tuple(DEVICE_FAULTS))}, platform, disk")
    if kind not in kinds:
        return f"fault {target}: unknown kind {kind!r}, expected one of {', '.join(kinds)}"
    if when:
        if target not in PRINTERS:
            return f"fault {target}: after-submit / after-sheets apply to the printers ({', '.join(PRINTERS)}) only"
        if when == ("after-submit",):
            return None
        if len(when) == 2 and when[0] == "after-sheets" and when[1].isdigit():
            return None
        return f"fault {target} {kind}: expected after-submit or after-sheets N, not {' '.join(when)!r}"
    return None


def step_fault(t, args) -> None:
    target, kind, when = args[0], args[1], args[2:]
    rig = t.rig
    if target == "disk":
        (t.disk.fill if kind == "full" else t.disk.free)()
    elif target == "platform":
        t.platform_fault_at = time.time()  # ``expect refreshed`` counts the requests made after it
        _platform(rig, kind, t.platform_timeout_s)
    elif target in PRINTERS:
        sim = rig.printer_sims.get(target)
        if sim is None:
            raise StepFailed(f"fault {target}: this terminal's {target} printer is not simulated")
        sim.fault(kind, after_submit=when == ("after-submit",),
                  after_sheets=int(when[1]) if len(when) == 2 else None)
    else:
        DEVICE_FAULTS[target][1](rig, kind)
    t.pump(timeout=0.05)
