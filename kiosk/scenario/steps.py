"""THE table of scenario steps: a step's first word → what it takes and what plays it.

To add a step, write ``step_x(terminal, args)`` (raise StepFailed(why) when it cannot be taken)
and add one line to :data:`STEPS`. ``check(args)`` returns why the arguments are wrong, or None;
it runs on every line before the script is played, so a typo fails at once, naming its line.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from kiosk.scenario import faults, visit_steps as v

RESIDENTS = ("zhang", "lin", "chen", "stranger")   # drivers/sim/people.py
SCREENS_HINT = "home, identify, consent, preview, printing, receipt, rating, done, error, …"


@dataclass(frozen=True)
class StepSpec:
    usage: str
    run: Callable
    min_args: int = 0
    max_args: int | None = 0          # None: any number
    check: Callable[[tuple[str, ...]], str | None] = lambda args: None


def _int_in(lo: int, hi: int, what: str):
    def check(args):
        bad = [a for a in args if not a.isdigit() or not lo <= int(a) <= hi]
        return f"{what} must be whole numbers {lo}..{hi}, not {' '.join(bad)}" if bad else None
    return check


def _resident(args):
    from drivers.sim import people

    if people.resident(args[0]) is None:
        return f"unknown resident {args[0]!r}: the simulated ID cards are {', '.join(r.key for r in people.RESIDENTS)}"
    return None


def _seconds(args):
    try:
        ok = 0 <= float(args[0]) <= 3600
    except ValueError:
        ok = False
    return None if ok else f"wait needs seconds 0..3600, not {args[0]!r}"


def _rate(args):
    from kiosk.session_model import BAD_REASONS

    if not args[0].isdigit() or not 1 <= int(args[0]) <= 5:
        return f"rate LEVEL is 1 (非常满意) .. 5 (非常不满意), not {args[0]!r}"
    unknown = [r for r in args[1:] if r not in BAD_REASONS]
    return f"unknown rating reasons {', '.join(unknown)}: expected {', '.join(BAD_REASONS)}" if unknown else None


def _key(args):
    from kiosk.keynames import KEY_NAMES

    return None if args[0] in KEY_NAMES else f"unknown key {args[0]!r}: the keys are {', '.join(KEY_NAMES)}"


def _expect(args):
    what = args[0]
    if what in ("screen", "job"):
        return None if len(args) == 2 else f"expect {what} takes one name: expect {what} NAME"
    if what == "sheets":
        if len(args) != 3 or args[1] not in faults.PRINTERS or not args[2].isdigit():
            return "expect sheets DEVICE N: DEVICE is document or licence, N a whole number"
        return None
    if what == "refreshed":
        if len(args) != 2 or args[1] not in v.REFRESHED:
            return f"expect refreshed WHAT: WHAT is {' or '.join(v.REFRESHED)}"
        return None
    return f"expect what? {what!r}: expected screen, job, sheets or refreshed"


STEPS: dict[str, StepSpec] = {
    "service": StepSpec("service ID", v.step_service, 1, 1),
    "licence": StepSpec("licence CODE", v.step_licence, 1, 1),
    "pickup": StepSpec("pickup CODE|last", v.step_pickup, 1, 1),
    "card": StepSpec("card KEY", v.step_card, 1, 1, _resident),
    "card-remove": StepSpec("card-remove", v.step_card_remove),
    "scan": StepSpec("scan TEXT", v.step_scan, 1, None),
    "tap": StepSpec("tap INTENT", v.step_tap, 1, 1),
    "copies": StepSpec("copies N", v.step_copies, 1, 1, _int_in(1, 10, "copies")),
    "counts": StepSpec("counts ORIGINALS DUPLICATES", v.step_counts, 2, 2, _int_in(0, 10, "counts")),
    "serial": StepSpec("serial TEXT", v.step_serial, 1, 1),
    "rate": StepSpec("rate LEVEL [REASON...]", v.step_rate, 1, None, _rate),
    "fault": StepSpec("fault DEVICE|platform|disk KIND [after-submit | after-sheets N]", faults.step_fault,
                      2, 4, faults.check),
    "idle": StepSpec("idle", v.step_idle),
    "key": StepSpec("key NAME", v.step_key, 1, 1, _key),
    "wait": StepSpec("wait SECONDS", v.step_wait, 1, 1, _seconds),
    "expect": StepSpec("expect screen NAME | expect job STATE | expect sheets DEVICE N | expect refreshed WHAT", v.step_expect,
                       2, 3, _expect),
}


def problem(name: str, args: tuple[str, ...]) -> str | None:
    """Why a step cannot be played as written, or None."""
    spec = STEPS.get(name)
    if spec is None:
        return f"unknown step {name!r}: the steps are {', '.join(STEPS)}"
    if len(args) < spec.min_args or (spec.max_args is not None and len(args) > spec.max_args):
        return f"wrong number of arguments: {spec.usage}"
    return spec.check(args)
