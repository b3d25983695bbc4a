"""The voice core without Qt: prompt packs, an operator's recording, masking, no audio device."""
from __future__ import annotations

import io
import logging
import wave

import pytest

from kiosk.voice import Part, PromptPacks, PromptTable, Utterance, Voice, prompt_id
from kiosk.voice.audio import RecordingSink, scale_volume
from kiosk.voice.engine import EspeakEngine
from kiosk.voice.speech import spoken_text
from kiosk.voice.tones import chime_wav

pytestmark = pytest.mark.skipif(not EspeakEngine().available(), reason="espeak-ng is not installed")

TITLE = "请验证您的身份"


class SpyEngine(EspeakEngine):
    """The real espeak-ng, remembering every text it was asked to say."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []

    def synth(self, text, lang, slow=False):
        self.texts.append(text)
        return super().synth(text, lang, slow)


def _wav(seconds: float = 0.3, amplitude: int = 4000) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes((amplitude.to_bytes(2, "little", signed=True) + (-amplitude).to_bytes(2, "little", signed=True))
                      * int(8000 * seconds))
    return buf.getvalue()


def _peak(data: bytes) -> int:
    import array

    with wave.open(io.BytesIO(data)) as r:
        a = array.array("h")
        a.frombytes(r.readframes(r.getnframes()))
    return max(abs(x) for x in a)


def _voice(tmp_path, **kw):
    sink = RecordingSink()
    kw.setdefault("packs", PromptPacks(tmp_path / "pack", tmp_path / "recorded"))
    v = Voice(sink=sink, cache_dir=tmp_path / "cache", **kw)
    v.start()
    return v, sink


def _say(v, *parts, lang="zh", names=()):
    v.say(Utterance(tuple(parts), lang=lang, names=names))
    assert v.wait_idle(30)


def test_an_operators_recording_wins_over_the_default_pack(tmp_path):
    """Given the default pack and an operator's file for the same prompt id, the operator's plays."""
    pid = prompt_id(TITLE)
    (tmp_path / "pack" / "zh").mkdir(parents=True)
    (tmp_path / "pack" / "zh" / f"{pid}.wav").write_bytes(_wav(0.2))
    recorded = _wav(0.5)
    (tmp_path / "recorded" / "zh").mkdir(parents=True)
    (tmp_path / "recorded" / "zh" / f"{pid}.wav").write_bytes(recorded)
    v, sink = _voice(tmp_path)
    try:
        _say(v, Part(TITLE))
        assert sink.played == [(pid, scale_volume(recorded, v.volume))]
        (tmp_path / "recorded" / "zh" / f"{pid}.wav").unlink()  # without it: the default pack
        _say(v, Part(TITLE))
        assert sink.played[-1] == (pid, scale_volume(_wav(0.2), v.volume))
        assert v.status()["prompts"] == 1
    finally:
        v.stop()


def test_english_text_finds_the_prompt_of_its_chinese_source():
    table = PromptTable()
    assert table.lookup("en", "What would you like to do?") == prompt_id("请选择您要办理的业务")
    assert table.lookup("zh", "请选择您要办理的业务") == prompt_id("请选择您要办理的业务")
    assert table.lookup("zh", "张*明") is None


def test_text_without_a_prompt_is_synthesised_once_and_cached(tmp_path):
    engine = SpyEngine()
    v, sink = _voice(tmp_path, engine=engine)
    try:
        _say(v, Part("社会保险缴费证明"))
        _say(v, Part("社会保险缴费证明"))
        assert engine.texts == ["社会保险缴费证明"]  # the second time from the cache
        assert [p.startswith("tts:") for p in sink.ids()] == [True, True]
        cached = list((tmp_path / "cache").glob("*.wav"))
        assert len(cached) == 1 and cached[0].stat().st_mode & 0o777 == 0o600
        assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700
    finally:
        v.stop()


def test_personal_data_is_spoken_masked_and_never_cached(tmp_path):
    """Given a full name and ID number that slipped into a text, speech says them masked."""
    engine = SpyEngine()
    v, sink = _voice(tmp_path, engine=engine)
    try:
        _say(v, Part("您好，张*明"), Part("张伟明 35010219850312123X", personal=True), names=("张伟明",))
        said = " ".join(engine.texts)
        assert "伟" not in said and "19850312" not in said
        assert "张 星 明" in said and "3501 10个星号 123X" in said
        assert sink.ids()[1] == "tts:personal"
        assert len(list((tmp_path / "cache").glob("*.wav"))) == 1  # only the first, not the personal one
    finally:
        v.stop()


def test_a_code_is_said_digit_by_digit():
    assert spoken_text(Part("4027 3816", code=True), "zh") == "4 0 2 7 3 8 1 6"
    assert spoken_text(Part("⚠ 校验位不符"), "zh") == "校验位不符"
    assert spoken_text(Part("Zhang*ming"), "en") == "Zhang star ming"


def test_no_sound_card_works_silently_and_says_so_once(tmp_path, caplog):
    """Given no sound card, speech is dropped; the log says so once; status says no_device."""
    v = Voice(packs=PromptPacks(None), cache_dir=tmp_path / "c", cards_file=tmp_path / "no-cards")
    v.start()
    try:
        with caplog.at_level(logging.WARNING, logger="kiosk.voice.voice"):
            for _ in range(3):
                _say(v, Part(TITLE))
        assert [r.getMessage() for r in caplog.records].count(
            "no audio device: voice guidance is silent (no sound card found)") == 1
        assert v.status()["audio"] == "no_device"
    finally:
        v.stop()


def test_an_audio_device_that_fails_turns_speech_off_once(tmp_path, caplog):
    """Given an ALSA device that does not exist, aplay fails: silent from then on, logged once."""
    cards = tmp_path / "cards"
    cards.write_text(" 0 [Fake           ]: Fake - Fake\n")
    v = Voice(packs=PromptPacks(None), cache_dir=tmp_path / "c", device="hw:CARD=NoSuchCard", cards_file=cards)
    v.start()
    try:
        with caplog.at_level(logging.WARNING, logger="kiosk.voice.voice"):
            _say(v, Part(TITLE))
            _say(v, Part(TITLE))
        assert sum("no audio device" in r.getMessage() for r in caplog.records) == 1
        assert v.status()["audio"] == "no_device"
    finally:
        v.stop()


def test_volume_scales_the_samples_and_resets_to_the_default():
    loud = _wav(amplitude=10000)
    assert _peak(scale_volume(loud, 0.5)) == 5000
    v = Voice(packs=PromptPacks(None), default_volume=0.6)
    v.louder()
    v.louder()
    v.set_muted(True)
    assert (v.volume, v.muted) == (0.8, True)
    v.reset()
    assert (v.volume, v.muted) == (0.6, False)


def test_the_countdown_chime_is_a_real_sound():
    with wave.open(io.BytesIO(chime_wav())) as r:
        assert 0.3 < r.getnframes() / r.getframerate() < 1.0
    assert _peak(chime_wav()) > 5000


def test_the_screen_curtain_covers_personal_parts_on_a_headset(tmp_path):
    """Given a headset, the curtain is drawn exactly while a personal part is spoken."""
    events = []
    sink = RecordingSink()

    class Spy(RecordingSink):
        def play(self, prompt, wav):
            events.append(("play", prompt))
            sink.play(prompt, wav)

    v = Voice(packs=PromptPacks(None), sink=Spy(), headset="on", on_curtain=lambda on: events.append(("curtain", on)))
    v.start()
    try:
        _say(v, Part("请核对"), Part("张*明", personal=True))
        assert [e[0] if e[0] == "play" else e for e in events] == ["play", ("curtain", True), "play",
                                                                   ("curtain", False)]
        assert v.status()["headset"] is True
    finally:
        v.stop()


def test_alsa_jack_detection_reads_the_headphone_jack_control(tmp_path):
    from kiosk.voice.audio import headset_jack

    amixer = tmp_path / "amixer"
    out = ("numid=18,iface=CARD,name='Headphone Jack'\\n  ; type=BOOLEAN,access=r-------,values=1\\n"
           "  : values={state}\\nnumid=2,iface=MIXER,name='Master Playback Volume'\\n  : values=40\\n")
    for state, want in (("on", True), ("off", False)):
        amixer.write_text(f"#!/bin/sh\nprintf \"{out.format(state=state)}\"\n")
        amixer.chmod(0o755)
        assert headset_jack(0, amixer=str(amixer)) is want
    amixer.write_text("#!/bin/sh\nprintf \"numid=2,iface=MIXER,name='Master Playback Volume'\\n  : values=40\\n\"\n")
    assert headset_jack(0, amixer=str(amixer)) is None  # the card does not report a jack


def test_diag_status_reports_the_voice_output():
    """kiosk.diag status (probing, the kiosk not running) says whether speech can be heard."""
    from kiosk import config
    from kiosk.diag.status import _voice

    view = _voice(config.load())
    assert view["audio"] in ("ok", "no_device") and view["engine"] == "espeak-ng"
    assert set(view) >= {"device", "headset", "prompts", "volume", "muted"}
