"""Camera decode benchmark: success rate and speed of zbar, zxing and the auto pipeline.

``python -m bench.camera_decode [--count N] [--repeat R] [--seed S]``

Generates the simulator's frame set (every variant at 640x480 and 1280x720, plus frames with no
code) in a temporary folder and decodes every frame with each backend on one core
(``cv2.setNumThreads(1)``). Per size and backend it prints: codes decoded (all variants and the
hard ones), wrong texts, frames per second over the code frames, the mean cost of a frame with
no code, and the best single library's count as the baseline. Target: the pipeline decodes more
than either library and runs at 30 fps or better at 1280x720.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import cv2

from drivers.qr.decoders import NAMES, make_decoder
from drivers.sim import camera_sim


def _time(decoder, frame, repeat: int) -> tuple[list[str], float]:
    """(texts, median seconds of one decode) over ``repeat`` runs."""
    times = []
    texts: list[str] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        texts = decoder.decode(frame)
        times.append(time.perf_counter() - t0)
    return texts, statistics.median(times)


def measure(folder: Path, samples, repeat: int) -> list[dict]:
    frames = {s.file: cv2.imread(str(folder / s.file), cv2.IMREAD_GRAYSCALE) for s in samples}
    rows = []
    for width, height in camera_sim.SIZES:
        group = [s for s in samples if (s.width, s.height) == (width, height)]
        codes = [s for s in group if s.text is not None]
        hard = [s for s in codes if s.variant in camera_sim.HARD_VARIANTS]
        blanks = [s for s in group if s.text is None]
        for name in NAMES:
            decoder = make_decoder(name)
            decoded = hard_decoded = wrong = 0
            code_time = blank_time = 0.0
            for s in codes:
                texts, seconds = _time(decoder, frames[s.file], repeat)
                code_time += seconds
                ok = texts == [s.text]
                decoded += ok
                hard_decoded += ok and s in hard
                wrong += bool(texts) and not ok
            for s in blanks:
                texts, seconds = _time(decoder, frames[s.file], repeat)
                blank_time += seconds
                wrong += bool(texts)
            rows.append({
                "size": f"{width}x{height}", "backend": name, "codes": len(codes),
                "decoded": decoded, "hard": len(hard), "hard_decoded": hard_decoded,
                "wrong": wrong, "fps": len(codes) / code_time if code_time else float("inf"),
                "blank_ms": 1000 * blank_time / max(1, len(blanks)),
                "steps": dict(getattr(decoder, "stats", {})),
            })
    for size in {r["size"] for r in rows}:
        best = max(r["decoded"] for r in rows if r["size"] == size and r["backend"] != "auto")
        for r in rows:
            if r["size"] == size:
                r["baseline"] = best
    return rows


def print_table(rows: list[dict]) -> None:
    head = (f"{'size':>9}  {'backend':7}  {'decoded':>9}  {'rate':>6}  {'hard':>7}  {'wrong':>5}  "
            f"{'fps':>7}  {'no-code ms':>10}  {'best lib':>8}")
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['size']:>9}  {r['backend']:7}  {r['decoded']:>4}/{r['codes']:<4}  "
              f"{100 * r['decoded'] / r['codes']:5.1f}%  {r['hard_decoded']:>3}/{r['hard']:<3}  "
              f"{r['wrong']:>5}  {r['fps']:7.1f}  {r['blank_ms']:10.2f}  {r['baseline']:>8}")
    for r in rows:
        if r["backend"] == "auto":
            print(f"pipeline steps at {r['size']}: {r['steps']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.camera_decode", description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10, help="frames per variant and size (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="timed decodes per frame (median)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    cv2.setNumThreads(1)
    with tempfile.TemporaryDirectory(prefix="camera-bench-") as tmp:
        samples = camera_sim.generate(tmp, count=args.count, seed=args.seed)
        print(f"{len(samples)} frames ({sum(s.text is not None for s in samples)} with a code), "
              f"variants: {', '.join(camera_sim.VARIANTS)}; hard: {', '.join(camera_sim.HARD_VARIANTS)}; "
              f"one core")
        print_table(measure(Path(tmp), samples, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
