"""Chinese breaks between words, never inside one, and no last line of one or two characters:
checked on Qt's own line layout at many widths."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from screens.linebreak import MIN_LAST_LINE, WJ, keep_words, plain, tokens  # noqa: E402

TEXTS = [
    "本次证明没有打印出来。请告诉大厅工作人员补纸，之后凭取件码和本人身份证，在首页点“取件”打印。",
    "您可以现在登记，本机会在网络恢复后自动准备《社会保险缴费证明》。届时请凭凭条上的取件码和本人身份证，在首页点“取件”打印。",
    "只能由办理时使用身份证的本人取件。请放置办理时使用的身份证，或到人工窗口办理。",
    "请在e福州App中刷新身份码，再对准扫码口重新扫描；也可以改用身份证。",
]


def test_words_stay_whole_and_the_text_comes_back():
    assert "身份证" in tokens("请放置办理时使用的身份证") and "取件码" in tokens("凭取件码打印")
    for text in TEXTS:
        marked = keep_words(text)
        assert plain(marked) == text and keep_words(marked) == marked
    assert keep_words("Place the ID card again") == "Place the ID card again"


def _lines(qapp, text: str, width: int) -> list[str]:
    from PySide6.QtGui import QFont, QTextLayout, QTextOption

    layout = QTextLayout(keep_words(text), QFont("Noto Sans CJK SC", 28))
    option = QTextOption()
    option.setWrapMode(QTextOption.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    spans = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    marked = layout.text()
    return [plain(marked[a:a + n]) for a, n in spans]


@pytest.mark.parametrize("width", [260, 330, 420, 510, 640, 777, 900])
def test_qt_never_breaks_inside_a_word_nor_leaves_a_short_last_line(qapp, width):
    for text in TEXTS:
        lines = _lines(qapp, text, width)
        assert "".join(lines) == text
        if len(lines) > 1:
            assert len(lines[-1].strip()) >= MIN_LAST_LINE, (width, lines)
        # every break falls on a token boundary
        bounds, at = set(), 0
        for token in tokens(text):
            at += len(token)
            bounds.add(at)
        at = 0
        for line in lines[:-1]:
            at += len(line)
            assert at in bounds, (width, lines)
        for word in ("身份证", "取件码", "打印", "工作人员", "人工窗口"):
            assert not any(line.endswith(word[:k]) and lines[i + 1].startswith(word[k:])
                           for i, line in enumerate(lines[:-1]) for k in range(1, len(word))), (word, lines)


def test_labels_show_the_joiners_but_give_back_the_words(qapp):
    from screens.widgets import label

    lab = label("请放置办理时使用的身份证")
    assert lab.text() == "请放置办理时使用的身份证"
    assert WJ in super(type(lab), lab).text()
