"""A certificate visit played by keys alone (scenario steps ``key NAME``), with every step spoken:
the prompts played are checked in order, and each is a real WAV file."""
from __future__ import annotations

import wave
from pathlib import Path

import pytest

from kiosk.voice import prompt_id
from kiosk.voice.engine import EspeakEngine

HERE = Path(__file__).parent
pytestmark = pytest.mark.skipif(not EspeakEngine().available(), reason="espeak-ng is not installed")

#: what a blind resident hears, in this order (other prompts may come between)
HEARD = ["请选择您要办理的业务", "请验证您的身份", "请确认授权", "请确认授权", "同意并继续",
         "打印份数（最多 3 份）", "增加", "开始打印", "正在打印，请稍候", "打印完成，请取走您的证明",
         "下一步：评价本次服务", "请您对本次服务进行评价", "非常满意", "已选中", "提交评价", "感谢您的评价",
         "返回首页", "请选择您要办理的业务"]


def _in_order(wanted: list[str], played: list[str]) -> list[str]:
    """The wanted ids not found in order in ``played`` (empty when all were)."""
    it = iter(played)
    return [w for w in wanted if not any(p == w for p in it)]


def test_a_certificate_by_keys_alone_is_spoken_step_by_step(qapp, tmp_path):
    from kiosk.scenario.runner import run_script

    line = run_script(HERE / "certificate_keys.scn", speech_dir=tmp_path / "speech")
    assert line["ok"], line["failed_step"]
    assert line["sheets"]["document"] == 1
    files = sorted((tmp_path / "speech").glob("*.wav"))
    played = [f.stem.split("-", 1)[1] for f in files]
    assert _in_order([prompt_id(t) for t in HEARD], played) == []
    assert any(p.startswith("tts_") for p in played)  # the service's name, synthesised at run time
    for f in files:
        with wave.open(str(f)) as w:
            assert w.getnframes() / w.getframerate() > 0.1, f.name


def test_a_key_step_with_an_unknown_key_fails_before_anything_is_played():
    from kiosk.scenario import steps

    assert steps.problem("key", ("enter",)) is None
    assert "unknown key 'space'" in steps.problem("key", ("space",))
    assert steps.problem("key", ()) == "wrong number of arguments: key NAME"
