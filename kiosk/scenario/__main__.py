"""``python -m kiosk.scenario [--catalogue FILE] [--json] SCRIPT...`` (docs/scenario.md).

stdout: one JSON line per script, then a summary line. stderr: progress for people.
Exit status 0 only if every script held; 1 if one did not; 2 for bad arguments.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path


def _quiet_offscreen(mode, context, message: str) -> None:
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.scenario",
                                     description="Play scenario scripts on fresh simulated terminals.")
    parser.add_argument("scripts", nargs="+", metavar="SCRIPT")
    parser.add_argument("--catalogue", metavar="FILE", help="the catalogue (GET /catalogue body, JSON) the platform serves")
    parser.add_argument("--json", action="store_true", help="stdout is JSON lines (it always is; kept for scripts)")
    parser.add_argument("-v", "--verbose", action="store_true", help="the kiosk's log on stderr")
    parser.add_argument("--speech", metavar="DIR", type=Path,
                        help="write every voice prompt played to DIR/<script name>/NNN-<prompt id>.wav")
    parser.add_argument("--platform-timeout", type=float, default=5.0, metavar="S",
                        help="the terminal's read timeout towards the sandbox (default 5; more where many "
                             "runners share few cores and the sandbox renders each document)")
    args = parser.parse_args(argv)

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    logging.basicConfig(level=logging.INFO if args.verbose else logging.CRITICAL, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(_quiet_offscreen)
    from kiosk.scenario.runner import load_catalogue, run_script

    try:
        catalogue = load_catalogue(args.catalogue)
    except ValueError as e:
        print(f"kiosk.scenario: {e}", file=sys.stderr)
        return 2
    started = time.monotonic()
    passed = 0
    for i, script in enumerate(args.scripts, start=1):
        t0 = time.monotonic()
        speech = args.speech / Path(script).stem if args.speech else None
        line = run_script(script, catalogue=catalogue, speech_dir=speech,
                          platform_timeout_s=args.platform_timeout)
        passed += bool(line["ok"])
        print(json.dumps(line, ensure_ascii=False), flush=True)
        verdict = "ok" if line["ok"] else ("FROZEN" if line["frozen"] else "FAILED")
        why = f" — {line['failed_step']['why']}" if line["failed_step"] else ""
        print(f"[{i}/{len(args.scripts)}] {script}: {verdict} ({time.monotonic() - t0:.1f} s){why}",
              file=sys.stderr, flush=True)
    total = len(args.scripts)
    summary = {"summary": True, "scripts": total, "passed": passed, "failed": total - passed,
               "ok": passed == total, "seconds": round(time.monotonic() - started, 1)}
    print(json.dumps(summary), flush=True)
    return 0 if passed == total else 1


if __name__ == "__main__":
    sys.exit(main())
