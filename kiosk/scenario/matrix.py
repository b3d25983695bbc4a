"""The fault matrix table, written from the scenario scripts themselves.

``python -m kiosk.scenario.matrix [--out docs/fault-matrix.md] [DIR]`` reads every ``*.scn`` under
DIR (default tests/scenarios/matrix) and writes one row per script: flow × step × fault → what
the terminal does. The outcome is the script's ``# outcome:`` line, and the screen, job state and
sheets are its own ``expect`` lines: the table says exactly what the tests assert.

A matrix script starts with four comment lines::

    # flow: certificate by ID card
    # step: follow printer job
    # fault: device gone
    # outcome: error, needs verification (not kept for pickup), the job cancelled: no sheet later
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.scenario.script import parse

HEADER_KEYS = ("flow", "step", "fault", "outcome")
FLOW_ORDER = ("certificate by ID card", "certificate by e福州 code", "licence 正本 + 副本", "pickup",
              "offline request then pickup")
STEP_ORDER = ("identify", "verify", "create and fetch", "cache", "submit to printer", "follow printer job",
              "record serials", "receipt", "rating", "report to platform")


def headers(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            continue
        key, sep, value = line.lstrip("#").strip().partition(":")
        if sep and key.strip() in HEADER_KEYS:
            out[key.strip()] = value.strip()
    return out


def row(path: Path) -> dict:
    """The table row of one script: its headers, the fault lines and what it expects."""
    text = path.read_text(encoding="utf-8")
    info = headers(text)
    steps = parse(text)
    faults = [s.text.removeprefix("fault ") for s in steps if s.name == "fault"]
    screens = [s.args[1] for s in steps if s.name == "expect" and s.args[0] == "screen"]
    jobs = [s.args[1] for s in steps if s.name == "expect" and s.args[0] == "job"]
    sheets = {}
    for s in steps:
        if s.name == "expect" and s.args[0] == "sheets":
            sheets[s.args[1]] = s.args[2]
    return {**{k: info.get(k, "") for k in HEADER_KEYS}, "script": path.name, "injected": faults,
            "screens": screens, "jobs": jobs, "sheets": sheets}


def _order(value: str, order: tuple[str, ...]) -> int:
    return order.index(value) if value in order else len(order)


def table(rows: list[dict]) -> str:
    rows = sorted(rows, key=lambda r: (_order(r["flow"], FLOW_ORDER), _order(r["step"], STEP_ORDER), r["fault"],
                                       r["script"]))
    out = ["# The fault matrix: what the terminal does when a step fails", "",
           "Written by `python -m kiosk.scenario.matrix` from the scripts under tests/scenarios/matrix/ "
           "(do not edit by hand). Every row is a scenario script played by `make test`; the screens, job "
           "states and sheets are the script's own `expect` lines, in order. The rules behind them are in "
           "docs/print-path.md; the script format in docs/scenario.md.", "",
           f"{len(rows)} cases.", "",
           "| flow | step | fault | injected | outcome | screens | job | sheets | script |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        sheets = ", ".join(f"{d} {n}" for d, n in r["sheets"].items()) or "—"
        out.append("| " + " | ".join([
            r["flow"], r["step"], r["fault"], "<br>".join(f"`{f}`" for f in r["injected"]) or "—",
            r["outcome"].replace("|", "/"), " → ".join(r["screens"]) or "—", " → ".join(r["jobs"]) or "—",
            sheets, f"`{r['script']}`"]) + " |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.scenario.matrix")
    parser.add_argument("dir", nargs="?", default="tests/scenarios/matrix")
    parser.add_argument("--out", default="docs/fault-matrix.md", help="where the table goes ('-': stdout)")
    args = parser.parse_args(argv)
    scripts = sorted(Path(args.dir).glob("*.scn"))
    if not scripts:
        print(f"no *.scn scripts under {args.dir}", file=sys.stderr)
        return 1
    missing = [p.name for p in scripts if set(HEADER_KEYS) - set(headers(p.read_text(encoding="utf-8")))]
    if missing:
        print(f"scripts without the flow/step/fault/outcome header: {', '.join(missing)}", file=sys.stderr)
        return 1
    text = table([row(p) for p in scripts])
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"{args.out}: {len(scripts)} cases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
