"""``python -m kiosk.diag decode``: JSON lines per image, null for no code, masked names."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

def run_diag(*args: str, config: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("KIOSK_CONFIG", None)
    cmd = [sys.executable, "-m", "kiosk.diag", "decode", *args]
    if config is not None:
        cmd += ["--config", str(config)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def _lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def _pick(frame_set):
    folder, samples = frame_set
    licence = next(s for s in samples if s.text and s.text.startswith("营业执照"))
    identity = next(s for s in samples if s.text and "name=" in s.text)
    negative = next(s for s in samples if s.text is None)
    return folder, licence, identity, negative


def test_decode_prints_one_line_per_image(frame_set, tmp_path):
    folder, licence, identity, negative = _pick(frame_set)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    files = [folder / licence.file, folder / negative.file, folder / identity.file, broken,
             tmp_path / "missing.png"]
    result = run_diag(*map(str, files))
    assert result.returncode == 0, result.stderr
    lines = _lines(result.stdout)
    assert [line["file"] for line in lines] == [str(f) for f in files]
    assert lines[0]["text"] == licence.text                   # Chinese comes out right
    assert lines[1]["text"] is None and "error" not in lines[1]
    name = identity.text.split("name=")[1]
    assert lines[2]["text"] == identity.text.replace(name, name[0] + "*" * (len(name) - 1))
    assert lines[3]["text"] is None and lines[3]["error"]
    assert lines[4]["text"] is None and lines[4]["error"]
    assert "Traceback" not in result.stderr


def test_decode_json_ends_with_a_summary(frame_set):
    folder, licence, _, negative = _pick(frame_set)
    result = run_diag(str(folder / licence.file), str(folder / negative.file), "--json")
    assert result.returncode == 0, result.stderr
    lines = _lines(result.stdout)
    assert [line["text"] for line in lines[:2]] == [licence.text, None]
    assert lines[-1]["files"] == 2 and lines[-1]["decoded"] == 1


def test_decode_uses_the_configured_camera_decoder(frame_set, tmp_path):
    folder, licence, _, _ = _pick(frame_set)
    config = tmp_path / "terminal.toml"
    config.write_text('[devices.camera]\ndriver = "opencv"\nindex = 0\ndecoder = "zbar"\n',
                      encoding="utf-8")
    result = run_diag(str(folder / licence.file), "--json", config=config)
    assert result.returncode == 0, result.stderr
    lines = _lines(result.stdout)
    assert lines[0]["text"] == licence.text
    assert lines[-1]["decoder"] == "zbar"


def test_decode_fails_when_no_file_can_be_read(tmp_path):
    result = run_diag(str(tmp_path / "a.png"), str(tmp_path / "b.png"))
    assert result.returncode != 0
    assert len(_lines(result.stdout)) == 2
    assert result.stderr.strip().count("\n") == 0 and "decode:" in result.stderr
