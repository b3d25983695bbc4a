"""QR text-encoding benchmark (issue 15): Chinese payloads in UTF-8 and GB18030, with and without ECI.

``python -m bench.qr_charsets [--count N] [--seed S] [--sizes 640x480,1280x720]``

Generates the simulator's text-encoding frame set (licence notices, address codes and identity
codes, each in UTF-8 and GB18030 with and without an ECI designator, under every distortion of
the camera set, plus frames with no code) and decodes every frame with the kiosk's three
backends and with each library used naively (pyzbar's ``data.decode("utf-8")``, zxing-cpp's
``text``). One table: per payload kind and encoding, codes right / codes in the set, and
``!n`` where n codes came out as a wrong text (mojibake). Goal: the pipeline reads every code it
finds right (no ``!``), in every row.
"""
from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path

import cv2

from drivers.qr.decoders import make_decoder
from drivers.sim import camera_sim

BACKENDS = ("auto", "zxing", "zbar", "naive zxing", "naive zbar")


class NaiveZbar:
    """pyzbar as its README shows it: the bytes it returns, read as UTF-8."""

    def __init__(self):
        from pyzbar import pyzbar

        self._pyzbar = pyzbar

    def decode(self, gray):
        found = self._pyzbar.decode(gray, symbols=[self._pyzbar.ZBarSymbol.QRCODE])
        return list(dict.fromkeys(r.data.decode("utf-8", errors="replace") for r in found))


class NaiveZxing:
    """zxing-cpp as its README shows it: ``read_barcodes(img)`` and each result's ``text``."""

    def __init__(self):
        import zxingcpp

        self._zx = zxingcpp

    def decode(self, gray):
        return list(dict.fromkeys(b.text for b in self._zx.read_barcodes(gray)))


def decoders() -> dict:
    return {"auto": make_decoder("auto"), "zxing": make_decoder("zxing"), "zbar": make_decoder("zbar"),
            "naive zxing": NaiveZxing(), "naive zbar": NaiveZbar()}


def measure(folder: Path, samples) -> tuple[dict, dict]:
    """({(kind, charset): {backend: [right, wrong, total]}}, {backend: codes reported on negatives})."""
    table: dict = defaultdict(lambda: {b: [0, 0, 0] for b in BACKENDS})
    false_hits = dict.fromkeys(BACKENDS, 0)
    backends = decoders()
    for s in samples:
        frame = cv2.imread(str(folder / s.file), cv2.IMREAD_GRAYSCALE)
        for name, decoder in backends.items():
            texts = decoder.decode(frame)
            if s.text is None:
                false_hits[name] += len(texts)
                continue
            cell = table[(s.kind, s.charset)][name]
            cell[0] += texts == [s.text]
            cell[1] += bool(texts) and texts != [s.text]
            cell[2] += 1
    return dict(table), false_hits


def print_table(table: dict, false_hits: dict) -> None:
    print("| payload | encoding | " + " | ".join(BACKENDS) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in BACKENDS) + " |")
    totals = {b: [0, 0, 0] for b in BACKENDS}
    for (kind, charset) in sorted(table, key=lambda k: (camera_sim.KINDS.index(k[0]),
                                                        camera_sim.CHARSETS.index(k[1]))):
        cells = []
        for b in BACKENDS:
            right, wrong, total = table[(kind, charset)][b]
            for i, v in enumerate((right, wrong, total)):
                totals[b][i] += v
            cells.append(f"{right}/{total}" + (f" !{wrong}" if wrong else ""))
        print(f"| {kind} | {charset.replace('+eci', ' + ECI')} | " + " | ".join(cells) + " |")
    cells = [f"**{r}/{t}**" + (f" !{w}" if w else "") for r, w, t in totals.values()]
    print("| all | all | " + " | ".join(cells) + " |")
    print("| no code | — | " + " | ".join(f"{false_hits[b]} reported" for b in BACKENDS) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.qr_charsets", description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2, help="frames per variant, kind, encoding and size")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--sizes", default="640x480,1280x720", help="frame sizes, comma-separated")
    args = parser.parse_args(argv)
    sizes = tuple(tuple(int(n) for n in size.split("x")) for size in args.sizes.split(","))
    cv2.setNumThreads(1)
    with tempfile.TemporaryDirectory(prefix="qr-charsets-") as tmp:
        samples = camera_sim.generate_charsets(tmp, count=args.count, seed=args.seed, sizes=sizes,
                                               negatives=4 * args.count)
        codes = sum(s.text is not None for s in samples)
        print(f"{len(samples)} frames ({codes} with a code) at {args.sizes}; distortions: "
              f"{', '.join(camera_sim.CHARSET_VARIANTS)}; right/total, !n = n wrong texts")
        print_table(*measure(Path(tmp), samples))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
