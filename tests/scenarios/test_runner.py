"""The runner's contract (docs/scenario.md): the command line, the JSON line, bad scripts."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
FIELDS = ["script", "ok", "failed_step", "screen", "header", "jobs", "sheets", "receipts", "platform_events", "frozen"]


def test_bad_lines_fail_naming_the_line(qapp, tmp_path):
    """Given scripts with an unknown step or bad arguments, then each fails at that line, with why."""
    from kiosk.scenario.runner import first_problem
    from kiosk.scenario.script import parse

    cases = {
        "frobnicate 3": "unknown step 'frobnicate'",
        "card nobody": "unknown resident 'nobody'",
        "copies many": "copies must be whole numbers",
        "fault printer jam": "unknown fault target 'printer'",
        "fault document melt": "unknown kind 'melt'",
        "fault id_card offline after-sheets 2": "apply to the printers",
        "fault licence paper-out after-sheets x": "expected after-submit or after-sheets N",
        "expect sheets receipt 1": "DEVICE is document or licence",
        "rate 9": "rate LEVEL is 1",
        "wait soon": "wait needs seconds",
        "idle now": "wrong number of arguments: idle",
    }
    for text, why in cases.items():
        failed = first_problem(parse(f"# a comment\n\nservice social_insurance_payment\n{text}  # trailing\n"))
        assert failed is not None and failed["line"] == 4 and failed["step"] == text, text
        assert failed["why"].startswith("line 4: ") and why in failed["why"], failed["why"]


def test_command_line_prints_one_json_line_per_script_then_a_summary(tmp_path):
    """Given a script that holds and one that does not, then two JSON lines with exactly the
    contract's fields, a summary last, and exit status 1."""
    bad = tmp_path / "bad.scn"
    bad.write_text("expect screen home\ntap print   # no print button at home\n", encoding="utf-8")
    good = tmp_path / "good.scn"
    good.write_text("expect screen home\nservice social_insurance_payment\nexpect screen identify\n"
                    "tap home\nexpect screen home\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "kiosk.scenario", "--json", str(good), str(bad)],
                          capture_output=True, text=True, env=env, timeout=240)
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert proc.returncode == 1, proc.stderr
    assert len(lines) == 3
    first, second, summary = lines
    assert list(first) == FIELDS and list(second) == FIELDS
    assert first["script"] == str(good) and first["ok"] is True and first["failed_step"] is None
    assert first["screen"] == "home" and first["frozen"] is False
    assert first["header"] == {"network": "online", "devices": "ok"}
    assert set(first["sheets"]) == {"document", "licence"} and first["receipts"] == 0
    assert second["ok"] is False
    assert second["failed_step"]["line"] == 2 and second["failed_step"]["step"] == "tap print"
    assert "no visible, enabled button sends print" in second["failed_step"]["why"]
    assert summary["scripts"] == 2 and summary["passed"] == 1 and summary["ok"] is False
    assert "Traceback" not in proc.stderr


def test_fault_matrix_table_is_written_from_the_scripts():
    """Given the matrix scripts, then docs/fault-matrix.md is what the generator writes from them
    (re-run `python -m kiosk.scenario.matrix` after changing a script)."""
    from kiosk.scenario.matrix import row, table

    scripts = sorted((HERE / "matrix").glob("*.scn"))
    assert len(scripts) >= 60
    rows = [row(p) for p in scripts]
    assert all(r["flow"] and r["step"] and r["fault"] and r["outcome"] for r in rows)
    assert all(r["screens"] and r["sheets"] is not None for r in rows)
    doc = HERE.parent.parent / "docs" / "fault-matrix.md"
    assert doc.read_text(encoding="utf-8") == table(rows)


def test_the_platform_timeout_is_the_runners_to_set_and_slow_stays_slower(tmp_path):
    """Given ``--platform-timeout 2``, a platform made slow still times the terminal out (its
    delay follows the timeout) and the resident is offered a pickup code."""
    script = HERE / "matrix" / "certificate_id__create_and_fetch__hang.scn"
    out = subprocess.run([sys.executable, "-m", "kiosk.scenario", "--json", "--platform-timeout", "2", str(script)],
                         cwd=HERE.parents[1], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    line = json.loads(out.stdout.splitlines()[0])
    assert line["ok"], line["failed_step"]
    from kiosk.scenario.terminal import ScenarioTerminal

    assert ScenarioTerminal(tmp_path, platform_timeout_s=12).expect_timeout_s == 29
    assert ScenarioTerminal(tmp_path).expect_timeout_s == 15
