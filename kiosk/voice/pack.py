"""``python -m kiosk.voice.pack``: builds the default prompt pack from the translation strings.

Every string of screens/i18n/kiosk_en.ts without a placeholder is spoken by espeak-ng in
Mandarin and English, at normal speed and slower for 长辈版, into ``<out>/<lang>[-slow]/<id>.wav``;
``<out>/prompts.tsv`` lists id, Chinese and English text (for an operator recording their own).
Files already there are kept (an id names its wording), so running it again only adds new ones.
"""
from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kiosk.voice.engine import EspeakEngine, SpeechEngineError
from kiosk.voice.prompts import LANGS, all_prompts
from kiosk.voice.speech import Part, spoken_text

DEFAULT_OUT = Path("var/voice/pack")


def build(out: Path, engine: EspeakEngine | None = None, langs=LANGS, speeds=(False, True)) -> dict:
    """Write the missing prompt files; returns {"written", "kept", "failed"} counts."""
    engine = engine or EspeakEngine()
    if not engine.available():
        raise SpeechEngineError("espeak-ng is not installed (Debian package espeak-ng)")
    prompts = [p for p in all_prompts() if "{" not in p.zh]
    out.mkdir(parents=True, exist_ok=True)
    rows = ["id\tzh\ten"] + [f"{p.id}\t{p.zh}\t{p.en}" for p in prompts]
    (out / "prompts.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    todo = []
    for lang in langs:
        for slow in speeds:
            folder = out / (f"{lang}-slow" if slow else lang)
            folder.mkdir(exist_ok=True)
            for p in prompts:
                path = folder / f"{p.id}.wav"
                if not path.exists():
                    todo.append((path, spoken_text(Part(p.text(lang)), lang), lang, slow))
    counts = {"written": 0, "kept": len(prompts) * len(langs) * len(speeds) - len(todo), "failed": 0}

    def one(job) -> bool:
        path, text, lang, slow = job
        try:
            wav = engine.synth(text, lang, slow)
        except SpeechEngineError:
            return False
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(wav)
        os.replace(tmp, path)
        return True

    with ThreadPoolExecutor(max_workers=2) as pool:
        for ok in pool.map(one, todo):
            counts["written" if ok else "failed"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.voice.pack", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"pack directory (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    try:
        counts = build(args.out)
    except (SpeechEngineError, OSError) as e:
        print(f"voice pack: {e}", file=sys.stderr)
        return 1
    print(f"voice pack {args.out}: {counts['written']} written, {counts['kept']} kept, {counts['failed']} failed")
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
