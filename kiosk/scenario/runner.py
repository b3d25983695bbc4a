"""Plays one script on a fresh simulated terminal and returns its JSON line (a dict)."""
from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path

from kiosk.scenario import report, steps
from kiosk.scenario.script import Step, StepFailed, load
from kiosk.scenario.terminal import PLATFORM_TIMEOUT_S, ScenarioTerminal

log = logging.getLogger(__name__)


def _failed(step: Step | None, why: str, line: int = 0) -> dict:
    return {"line": step.line if step else line, "step": step.text if step else "", "why": why}


def _scratch() -> str | None:
    """A memory-backed directory for the throw-away terminal when there is one (no disk syncs to
    wait for: the store still runs its full-sync transactions), else the usual temporary one."""
    import os

    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


def first_problem(script: list[Step]) -> dict | None:
    """The first line that names no step or gives it bad arguments."""
    for step in script:
        why = steps.problem(step.name, step.args)
        if why is not None:
            return _failed(step, f"line {step.line}: {why}")
    return None


def load_catalogue(path: str | Path | None) -> dict | None:
    """The ``GET /catalogue`` body the sandbox will serve (docs/platform-api.yaml); ValueError if unusable."""
    if path is None:
        return None
    from kiosk.catalogue import CatalogueError
    from kiosk.sandbox.catalogue import from_file

    try:
        return from_file(path)  # validated as the terminal would (kiosk/catalogue.py)
    except CatalogueError as e:
        raise ValueError(f"catalogue {path} refused: " + "; ".join(e.reasons)) from None


def play(t: ScenarioTerminal, script: list[Step]) -> dict | None:
    """Play every step in order; the failed step, or None when all held."""
    for step in script:
        log.debug("line %d: %s", step.line, step.text)
        try:
            steps.STEPS[step.name].run(t, step.args)
        except StepFailed as e:
            return _failed(step, f"line {step.line}: {e}")
        except Exception as e:  # a runner bug or a broken terminal: say so, never hide it
            log.exception("line %d (%s) raised", step.line, step.text)
            return _failed(step, f"line {step.line}: the runner could not play this step "
                                 f"({type(e).__name__}: {e})")
    return None


def run_script(path: str | Path, *, catalogue: dict | None = None, keep: Path | None = None,
               speech_dir: Path | None = None, platform_timeout_s: float = PLATFORM_TIMEOUT_S) -> dict:
    """The JSON line of script ``path`` (see docs/scenario.md). Never raises for a bad script.
    ``speech_dir``: every voice prompt played is written there as ``NNN-<prompt id>.wav``.
    ``platform_timeout_s``: the terminal's read timeout towards the sandbox (the ``expect`` steps
    wait long enough for two attempts of it)."""
    name = str(path)
    try:
        script = load(path)
    except (OSError, UnicodeDecodeError) as e:
        return report.result(name, None, screen=None, failed=_failed(None, f"cannot read the script: {e}"),
                             frozen=False)
    root = Path(tempfile.mkdtemp(prefix="scenario-", dir=_scratch())) if keep is None else Path(keep)
    t = ScenarioTerminal(root / "terminal", catalogue=catalogue, speech_dir=speech_dir,
                         platform_timeout_s=platform_timeout_s)
    started = time.monotonic()
    try:
        try:
            t.start()
            waiting = t.wait_ready()
        except Exception as e:  # the terminal itself could not start: a broken install, a taken port
            log.exception("the simulated terminal did not start")
            return report.result(name, None, screen=None, frozen=False, failed=_failed(
                None, f"the simulated terminal did not start: {type(e).__name__}: {e}"))
        if waiting is not None:
            failed = _failed(None, f"the simulated terminal did not get ready: still waiting for {waiting}")
        else:
            failed = first_problem(script) or play(t, script)
        screen, header = t.state, t.kiosk.window.header.shown()
        frozen = report.probe_frozen(t)
        report.drain_events(t)
        line = report.result(name, t, screen=screen, failed=failed, frozen=frozen, header=header)
    finally:
        t.stop()
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
    log.info("%s: %s in %.1f s", name, "ok" if line["ok"] else "FAILED", time.monotonic() - started)
    return line
