"""Keeps screens/i18n/kiosk_en.ts in step with the source, then compiles kiosk_en.qm.

``python -m screens.i18n.extract`` collects every ``tr("...")`` literal in screens/ and the
message tables, keeps the translations already in the .ts, marks new strings unfinished, drops
strings no longer used, and runs pyside6-lrelease. ``--check`` only reports what is missing.
"""
from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "kiosk_en.ts"
CONTEXT = "screens"


def _table_strings() -> list[str]:
    from kiosk.availability import REASONS
    from screens import finish, keypads, licence, messages

    from kiosk.availability import ADVICE, CHIP, OFFLINE_ADVICE

    out = list(REASONS.values()) + list(CHIP.values()) + list(ADVICE.values()) + [OFFLINE_ADVICE]
    for _icon, title, message, actions in messages.ERRORS.values():
        out += [title, message] + [text for _i, text, _s in actions]
    out += list(messages.CARD_ERRORS.values()) + [text for _i, text, _s in messages.RETRY_BY_METHOD.values()]
    out += list(finish.LEVEL_TEXT.values()) + list(finish.REASON_TEXT.values())
    out += list(keypads.PROBLEM_TEXT.values())
    out += list(licence.STOCK_TEXT.values()) + list(licence.SERIAL_PROBLEMS.values()) + [messages.NOT_KEPT]
    from screens import take_card

    out += list(take_card.CARD_WORDS.values()) + [t for t in take_card.ALSO_TAKE.values() if t]
    out += _technician_strings()
    from screens import speech

    out += list(dict.fromkeys(speech.SYMBOL_WORDS.values()))
    return out


def _technician_strings() -> list[str]:
    from screens.technician import common, console, pages_config, pages_devices, pages_queue

    out = list(common.DEVICE_NAMES.values()) + list(common.STATE_TEXT.values())
    out += [text for _k, text in console.NAV]
    out += [text for _k, text in pages_config.TEXT_FIELDS]
    for _k, text, choices in pages_config.CHOICE_FIELDS:
        out += [text] + [c for _v, c in choices]
    out += list(pages_config.CHECK_NAMES.values())
    out += list(pages_devices.TESTS.values()) + [text for _k, text in pages_devices.COUNTER_TEXT]
    out += list(pages_queue.JOB_STATE_TEXT.values())
    return out


def _calls(*names: str) -> list[str]:
    found: list[str] = []
    for path in sorted((ROOT / "screens").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.append(node.args[0].value)
    return found


def numerus_strings() -> set[str]:
    """Texts passed to ``trn`` (a count): their translations are numerus forms (one, many)."""
    return set(_calls("trn"))


def source_strings() -> list[str]:
    found = _calls("tr", "trn")
    found += _table_strings()
    seen, ordered = set(), []
    for s in found:
        if s not in seen:
            seen.add(s)
            ordered.append(s)
    return ordered


def read_ts(path: Path = TS) -> dict[str, str | tuple[str, ...] | None]:
    """source → translation: text, a tuple of numerus forms (one, many), or None when unfinished."""
    if not path.exists():
        return {}
    out: dict[str, str | tuple[str, ...] | None] = {}
    for msg in ET.parse(path).getroot().iter("message"):
        src = msg.findtext("source") or ""
        tr_el = msg.find("translation")
        if tr_el is None or tr_el.get("type") in ("unfinished", "obsolete"):
            out[src] = None
        elif msg.get("numerus") == "yes":
            forms = tuple(f.text or "" for f in tr_el.iter("numerusform"))
            out[src] = forms if forms and all(forms) else None
        else:
            out[src] = tr_el.text or None
    return out


def write_ts(strings: list[str], translations: dict[str, str | tuple[str, ...] | None], path: Path = TS) -> None:
    root = ET.Element("TS", version="2.1", language="en_US", sourcelanguage="zh_CN")
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    numerus = numerus_strings()
    for s in strings:
        msg = ET.SubElement(ctx, "message")
        ET.SubElement(msg, "source").text = s
        t = ET.SubElement(msg, "translation")
        done = translations.get(s)
        if s in numerus:
            msg.set("numerus", "yes")
            forms = done if isinstance(done, tuple) and len(done) == 2 else None
            for text in forms or ("", ""):
                ET.SubElement(t, "numerusform").text = text
            if forms is None:
                t.set("type", "unfinished")
        elif isinstance(done, str) and done:
            t.text = done
        else:
            t.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def compile_qm(path: Path = TS) -> Path:
    qm = path.with_suffix(".qm")
    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    subprocess.run([tool, "-silent", str(path), "-qm", str(qm)], check=True)
    return qm


def missing() -> list[str]:
    translations = read_ts()
    return [s for s in source_strings() if not translations.get(s)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m screens.i18n.extract")
    parser.add_argument("--check", action="store_true", help="only list untranslated strings")
    args = parser.parse_args(argv)
    if args.check:
        gaps = missing()
        for s in gaps:
            print(f"untranslated: {s}")
        return 1 if gaps else 0
    strings = source_strings()
    write_ts(strings, read_ts())
    compile_qm()
    gaps = missing()
    print(f"{len(strings)} strings, {len(gaps)} untranslated")
    _words()
    return 0


def _words() -> None:
    """The Chinese words for line breaks follow the texts too (drivers/words_zh.txt)."""
    from screens.i18n import words

    if words.recorded_digest() == words.digest(words.runs()):
        return
    try:
        import jieba  # noqa: F401 - only to know whether it is installed
    except ImportError:
        print("drivers/words_zh.txt is out of date: pip install jieba, then python -m screens.i18n.words")
        return
    words.main([])


if __name__ == "__main__":
    sys.exit(main())
