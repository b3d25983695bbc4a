"""The search reads its pinyin initials from a table written ahead of time (kiosk/pinyin.py):
pypinyin's dictionaries (about 45 MB resident) never enter the kiosk. Loaded and unloaded at each
catalogue they left several MB behind each time, and doubled the kiosk's memory for a moment."""
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import pinyin
from kiosk.catalogue_search import SearchIndex, _initials, _usual_initials
from kiosk.sandbox.catalogue import FULL

SERVICES = {s["id"]: s for s in FULL["services"]}


def test_the_search_never_loads_pypinyin():
    code = ("import sys; from kiosk.catalogue_search import SearchIndex; from kiosk.sandbox.catalogue import FULL;"
            "i = SearchIndex({s['id']: s for s in FULL['services']}); assert i.search('SBJF');"
            "SearchIndex.initials_of('银行卡挂失');"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pypinyin'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"


def test_the_index_finds_and_lets_go_of_the_table():
    index = SearchIndex(SERVICES)
    assert pinyin.table.cache_info().currsize == 0
    assert "social_insurance_payment" in index.search("SBJF")
    # the names just indexed are answered without reading the table again
    name = SERVICES["social_insurance_payment"]["name"]["zh"]
    assert SearchIndex.initials_of(name) == "SHBXJFZM"
    assert pinyin.table.cache_info().currsize == 0


def test_initials_of_an_unindexed_text_read_the_word():
    assert SearchIndex.initials_of("银行卡挂失") == "YHKGS"  # 行 read háng in 银行: the word's reading
    assert SearchIndex({"x": {"name": {"zh": "银行卡挂失"}}}).search("YHK") == ["x"]
    assert SearchIndex({"x": {"name": {"zh": "长期居住证明"}}}).search("ZQ") == ["x"]  # 长 read zhǎng too


def _known_texts() -> list[str]:
    from screens.i18n.words import texts

    table = Path(__file__).resolve().parents[2] / "drivers" / "words_zh.txt"
    words = [line.split("\t")[0] for line in table.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    names = [s["name"]["zh"] for s in SERVICES.values()]
    keywords = [k for s in SERVICES.values() for k in (s.get("keywords") or {}).get("zh", [])]
    return names + keywords + texts() + words


def test_the_table_gives_what_pypinyin_gives():
    """Over the catalogue, every text of the terminal and the 18 000 words of the line breaks, the
    initials are pypinyin's (the usual reading in its word, and every reading of each character)."""
    pypinyin = pytest.importorskip("pypinyin")
    from pypinyin import Style, lazy_pinyin

    def reference_usual(text):
        return "".join(x[:1] for x in lazy_pinyin(text, style=Style.FIRST_LETTER) if x[:1].isalnum()).upper()

    texts = _known_texts()
    differ = [t for t in texts if _usual_initials(t) != reference_usual(t)]
    assert len(differ) <= len(texts) // 1000, differ[:20]
    for ch in "长行重乐的了还":
        every = {x[:1] for x in pypinyin.pinyin(ch, style=Style.FIRST_LETTER, heteronym=True)[0]}
        assert set().union(*_initials(ch)) == every


def test_the_table_is_what_pypinyin_writes():
    pytest.importorskip("pypinyin")
    assert pinyin.main(["--check"]) == 0, "kiosk/pinyin_initials.txt is out of date: python -m kiosk.pinyin"
