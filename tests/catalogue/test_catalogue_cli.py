"""--catalogue FILE on the command lines: a file that does not validate is refused with the reasons."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

BAD = {"categories": [{"id": "x"}], "services": [{"id": "a", "name": {"zh": "甲"}, "kind": "guide"}]}


@pytest.mark.parametrize("module", ["kiosk.sandbox", "kiosk.scenario", "kiosk.demo"])
def test_a_bad_catalogue_file_is_refused_with_the_reasons(tmp_path, module):
    bad = tmp_path / "catalogue.json"
    bad.write_text(json.dumps(BAD), encoding="utf-8")
    args = [sys.executable, "-m", module, "--catalogue", str(bad)]
    if module == "kiosk.scenario":
        script = tmp_path / "s.scn"
        script.write_text("service a\n", encoding="utf-8")
        args.append(str(script))
    if module == "kiosk.demo":
        args += ["--headless", "--out", str(tmp_path / "demo")]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "categories[0].name: expected an object" in proc.stderr
    assert "services[0].guide: expected an object" in proc.stderr
    assert "Traceback" not in proc.stderr
