"""English words: real plurals (Qt numerus forms), no "(s)", no CJK quotation marks."""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from screens.i18n.extract import TS  # noqa: E402


def _translations() -> list[str]:
    out = []
    for msg in ET.parse(TS).getroot().iter("message"):
        tr_el = msg.find("translation")
        if tr_el is not None:
            out += [t for t in [tr_el.text, *(f.text for f in tr_el.iter("numerusform"))] if t]
    return out


def test_no_parenthesised_plurals_in_the_ts():
    """Given every English translation, then none says "copy(ies)", "page(s)", "original(s)"."""
    bad = [t for t in _translations() if re.search(r"\w\((s|es|ies)\)|\s\((s|es|ies)\)", t)]
    assert bad == []


def test_no_cjk_quotation_marks_in_english():
    assert [t for t in _translations() if re.search("[“”‘’「」]", t)] == []


def test_counted_texts_take_their_numerus_form(qapp):
    from screens.i18n import I18n
    from screens.widgets import trn

    i18n = I18n(qapp)
    i18n.use("en")
    try:
        assert trn("{n} 份", 1).format(n=1) == "1 copy"
        assert trn("{n} 份", 3).format(n=3) == "3 copies"
        assert trn("正本 {n} 份", 2).format(n=2) == "2 originals"
        assert trn("请核对证明内容。共 {n} 页，A4 纸打印。", 1).format(n=1).endswith("1 page, printed on A4.")
    finally:
        i18n.use("zh")
    assert trn("{n} 份", 2).format(n=2) == "2 份"


def test_the_terminal_has_its_english_name_in_english_mode(qtbot):
    from kiosk.preview import PreviewCache
    from kiosk.session import Session
    from screens.i18n import I18n
    from screens.shell import ShellWindow
    from screens.theme import Theme

    from PySide6.QtWidgets import QApplication

    window = ShellWindow(Session(), terminal_name="福州高新区 创新园 自助服务点", theme=Theme(),
                         previews=PreviewCache(), i18n=I18n(QApplication.instance()),
                         terminal_name_en="Fuzhou Innovation Park Self-service Point")
    qtbot.addWidget(window)
    window.timer.stop()
    window.set_language("en")
    assert window.header.name.full_text == "Fuzhou Innovation Park Self-service Point"
    window.set_language("zh")
    assert window.header.name.full_text == "福州高新区 创新园 自助服务点"


#: capitalised words that may follow a lowercase word: names of places, languages, the app
PROPER = {"Fuzhou", "Fujian", "China", "Chinese", "English", "Hong", "Kong", "Macao", "Taiwan", "Pinyin",
          "App", "ID", "QR", "PDF", "PIN", "A4", "OK", "Wi", "Fi", "USB", "CUPS", "Alipay", "WeChat"}
_MID_CAPITAL = re.compile(r"(?<![\w-])([a-z][a-z'’-]*)[,;]? ([A-Z][a-z]+)\b")


def _mid_sentence_capitals(text: str) -> list[str]:
    return [f"{m.group(1)} {m.group(2)}" for m in _MID_CAPITAL.finditer(text) if m.group(2) not in PROPER]


def test_no_capital_letter_mid_sentence():
    """Given every English translation and every English text of the service catalogue, then no
    common word is capitalised after a lowercase word ("… then Tap …"); proper nouns may be."""
    import json

    from screens.i18n.words import CATALOGUES

    texts = _translations()

    def walk(value):
        if isinstance(value, dict):
            for key, v in value.items():
                if key == "en" and isinstance(v, str):
                    texts.append(v)
                else:
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in CATALOGUES:
        walk(json.loads(path.read_text(encoding="utf-8")))
    bad = {t: _mid_sentence_capitals(t) for t in texts if _mid_sentence_capitals(t)}
    assert bad == {}
    assert _mid_sentence_capitals("Place the card, then Tap continue") == ["then Tap"]
    assert _mid_sentence_capitals("Use the e-Fuzhou app in Fuzhou. Then tap") == []
