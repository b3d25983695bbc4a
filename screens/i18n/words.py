"""Writes drivers/words_zh.txt, the dictionary of drivers/words.py, with jieba.

``python -m screens.i18n.words`` cuts every Chinese text the terminal shows or prints — each
string literal in kiosk/ and screens/ (the screens' tr() texts, the message tables, the receipt
wording) and every text of the service catalogue (kiosk/sandbox/catalogue.json) — with jieba and
:data:`TERMS`, and writes each word of those routes with its frequency, then jieba's commoner
words (frequency ≥ :data:`COMMON`) for text not known in advance (another platform's catalogue).
``--check`` exits 1 when a text has been added since the file was written (tests do the same).
jieba is needed only here (``pip install jieba``), never at the kiosk's start.
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("kiosk", "screens")
CATALOGUES = (ROOT / "kiosk" / "sandbox" / "catalogue.json",)
#: jieba's words at least this frequent go in too (about 18 000 words)
COMMON = 300
#: words of this terminal that jieba's dictionary lacks (or would cut): kept whole
TERMS = """
身份证 居民身份证 社保卡 社会保障卡 身份码 二维码 取件码 凭条 读卡区 读卡器 扫码口 打印机 营业执照
取件 不同意 不满意 正本 副本 专用纸 统一社会信用代码 信用代码 法定代表人 授权人员 工作人员 人工窗口 服务平台 缺纸 卡纸
补纸 装纸 不可用 有效期 不满意 请稍候 您还在吗 提示音 份数 页数 无房证明 登记证明 缴费证明 缴存 过期文档
校准页 长辈版 低位操作 核准 通知书 放大查看 取走 取回 拿开 打印出来 纸张编号 业务编号 参保证明 电子证照
""".split()


def texts() -> list[str]:
    """Every Chinese text of the sources and the catalogues, in a stable order."""
    from drivers.words import CJK

    found: set[str] = set()
    for package in SOURCES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == Path(__file__).resolve():
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}  # docstrings, not texts
            for node in ast.walk(tree):
                if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                        and CJK.search(node.value)):
                    found.add(node.value)

    def walk(value):
        if isinstance(value, str):
            if CJK.search(value):
                found.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in CATALOGUES:
        walk(json.loads(path.read_text(encoding="utf-8")))
    return sorted(found)


def runs() -> list[str]:
    """The runs of Chinese characters in :func:`texts` (what the dictionary must cut)."""
    from drivers.words import _CJK_RUN

    return sorted({run for text in texts() for run in _CJK_RUN.findall(text)})


def digest(items: list[str]) -> str:
    """What the file was written from: the runs and the terms."""
    return hashlib.sha256("\n".join(items + ["--"] + TERMS).encode("utf-8")).hexdigest()


def build() -> str:
    """The text of drivers/words_zh.txt."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    seg = jieba.Tokenizer()
    seg.initialize()
    for term in TERMS:
        seg.add_word(term)
    found = runs()
    used: dict[str, int] = {term: seg.FREQ[term] for term in TERMS}
    for run in found:
        for word in seg.cut(run, HMM=False):
            used[word] = seg.FREQ.get(word) or 1
    common = {w: f for w, f in seg.FREQ.items() if f >= COMMON}
    lines = ["# Chinese words for line breaks (drivers/words.py): written by python -m screens.i18n.words,",
             "# do not edit. jieba's words of the terminal's texts, then its commoner words.",
             f"# sources {digest(found)}", f"# total {seg.total}"]
    lines += [f"{w}\t{f}" for w, f in sorted({**common, **used}.items())]
    return "\n".join(lines) + "\n"


def recorded_digest() -> str:
    from drivers.words import DATA

    with DATA.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("# sources "):
                return line.split()[2]
            if not line.startswith("#"):
                break
    return ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m screens.i18n.words", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is current (exit 1 if not)")
    args = parser.parse_args(argv)
    from drivers.words import DATA

    if args.check:
        if recorded_digest() != digest(runs()):
            print(f"{DATA.name} is out of date: run python -m screens.i18n.words", file=sys.stderr)
            return 1
        print(f"{DATA.name} is current")
        return 0
    DATA.write_text(build(), encoding="utf-8")
    print(f"wrote {DATA.name}: {sum(1 for _ in DATA.open(encoding='utf-8'))} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
