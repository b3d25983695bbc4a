"""Chinese breaks between words, never inside one, and no last line of one or two characters:
checked on Qt's own line layout at many widths."""
from __future__ import annotations

import os
import re

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


def _lines(qapp, text: str, width: int, size: int = 28) -> list[str]:
    from PySide6.QtGui import QFont, QTextOption

    from screens.audit_checks import wrapped_lines

    marked = keep_words(text)
    spans = wrapped_lines(marked, QFont("Noto Sans CJK SC", size), width, QTextOption.WordWrap)
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


# -- every text of the terminal ---------------------------------------------------------------

def test_the_word_list_is_current():
    """drivers/words_zh.txt was written from today's texts (python -m screens.i18n.words)."""
    from screens.i18n import words

    assert words.recorded_digest() == words.digest(words.runs()), (
        "a Chinese text was added: run python -m screens.i18n.words (or .extract; needs jieba)")


def test_the_word_list_is_what_jieba_writes():
    pytest.importorskip("jieba")
    from drivers.words import DATA
    from screens.i18n import words

    assert DATA.read_text(encoding="utf-8") == words.build()


def test_the_screens_words_are_jiebas():
    """The kiosk's cut of every known text is jieba's own (no HMM), with the terminal's terms."""
    pytest.importorskip("jieba")
    import logging

    import jieba

    from drivers.words import cut
    from screens.i18n import words

    jieba.setLogLevel(logging.WARNING)
    seg = jieba.Tokenizer()
    for term in words.TERMS:
        seg.add_word(term)
    for run in words.runs():
        assert cut(run) == list(seg.cut(run, HMM=False)), run


def test_words_the_residents_saw_split_stay_whole():
    for text, word in [("届时请凭凭条上的取件码", "凭条"), ("在首页点“取件”打印", "取件"), ("请在本机打印", "打印"),
                       ("请放置本人身份证", "身份证"), ("请放置社会保障卡", "社会保障卡"),
                       ("请输入统一社会信用代码", "统一社会信用代码")]:
        assert word in tokens(text), (text, tokens(text))


#: label widths of the screens (portrait and landscape columns, dialogs, tiles, the receipt)
WIDTHS = (180, 240, 300, 380, 460, 560, 700, 860, 1000)


@pytest.mark.parametrize("size", [28, 42])
def test_no_text_of_the_terminal_breaks_inside_a_word(qapp, size):
    """Every Chinese text the terminal shows (screens, messages, the catalogue's service names and
    descriptions) laid out by Qt at the screens' widths: each break falls between two words, and
    a paragraph's last line holds at least MIN_LAST_LINE characters."""
    from drivers.words import boundaries
    from screens.i18n import words

    bad = []
    for text in words.texts():
        if "(?" in text or len(CJK_CHARS.findall(text)) < len(re.findall(r"[A-Za-z]", text)):
            continue  # a pattern, or English naming e福州: not Chinese text
        text = re.sub(r"\{[^}]*\}", "12", text)  # placeholders as the screens fill them
        for paragraph in text.split("\n"):
            if not paragraph.strip():
                continue
            allowed = boundaries(paragraph)
            for width in WIDTHS:
                lines = _lines(qapp, paragraph, width, size)
                if "".join(lines) != paragraph or len(lines) == 1:
                    continue
                if any(len(line) == 1 for line in lines):
                    continue  # a line narrower than one glued word: the width is not a screen's
                at = 0
                for line in lines[:-1]:
                    at += len(line)
                    if at not in allowed and paragraph[at - 1] != " " and paragraph[at] != " ":
                        bad.append(f"{width}px: {' / '.join(lines)}")
                        break
                tail = lines[-1].strip()
                if len(tail) < MIN_LAST_LINE and len(paragraph) >= 2 * MIN_LAST_LINE and CJK_TAIL(tail):
                    bad.append(f"{width}px short last line: {' / '.join(lines)}")
    assert bad == [], "\n".join(bad[:30])


CJK_CHARS = re.compile(r"[\u3400-\u9fff]")


def CJK_TAIL(tail: str) -> bool:  # noqa: N802 - reads as a predicate in the test
    from drivers.words import CJK

    return bool(CJK.search(tail))


def test_texts_seen_once_do_not_pile_up():
    """A visit's own texts (pickup codes, times) are cut once and let go: the cache is bounded,
    so thousands of visits do not grow the kiosk by the texts they showed."""
    import tracemalloc

    from drivers import words

    words.tokens("预热")  # the dictionary is loaded before measuring
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(3 * words.TOKENS_KEPT):
            words.tokens(f"取件码 {1000 + i} {9999 - i}，请于 12月{i % 28 + 1}日 17:{i % 60:02d} 前凭身份证取件")
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert words._tokens.cache_info().currsize <= words.TOKENS_KEPT
    assert grown < 4 * 2**20  # at 8192 texts kept the same loop held about 12 MB
