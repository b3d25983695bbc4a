"""Plays scenario scripts with a few ``python -m kiosk.scenario`` processes side by side (most of a
script's time is spent waiting on timeouts, not computing) and returns each script's JSON line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKERS = int(os.environ.get("SCENARIO_WORKERS", "4"))


def play(scripts: list[Path], *options: str) -> dict[Path, dict]:
    """script path (resolved) → its JSON line; fails if any runner printed a traceback.
    ``options`` go to each runner (``--platform-timeout 12``)."""
    chunks = [scripts[i::WORKERS] for i in range(WORKERS) if scripts[i::WORKERS]]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    procs = [subprocess.Popen([sys.executable, "-m", "kiosk.scenario", "--json", *options, *map(str, chunk)], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for chunk in chunks]
    lines, errors = {}, []
    for proc in procs:
        out, err = proc.communicate(timeout=1500)
        errors.append(err)
        for text in out.splitlines():
            line = json.loads(text)
            if "script" in line:
                lines[Path(line["script"]).resolve()] = line
    assert "Traceback" not in "".join(errors), "".join(errors)[-3000:]
    return lines
