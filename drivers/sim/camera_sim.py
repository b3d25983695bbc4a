"""Camera simulator: folders of generated QR photos that the camera driver can use as a source.

``generate(out_dir, count=N)`` writes PNG frames (grayscale) of QR codes drawn with the qrcode
package and distorted with OpenCV — plain, rotated (15°, 45°, 90°), blurred, noisy, small, low
contrast, perspective — at 640x480 and 1280x720, plus frames with no code, and a
``manifest.json`` listing each file with the text it must decode to (``null`` for no code).

:func:`generate_charsets` writes the frames of the text-encoding set (issue 15): Chinese
payloads of each kind (licence notice, address code, identity code) in UTF-8 and GB18030, with
and without an ECI designator, drawn with segno in byte mode (it writes the bytes it is given),
under every distortion above.

``python -m drivers.sim camera --out DIR [--count N] [--seed S]``
"""
from __future__ import annotations

import argparse
import json
import logging
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from drivers.sim.people import COMPANIES, RESIDENTS

log = logging.getLogger(__name__)

SIZES: tuple[tuple[int, int], ...] = ((640, 480), (1280, 720))
#: distortions applied to a code; "chinese" is plain geometry with a Chinese payload
VARIANTS: tuple[str, ...] = ("plain", "chinese", "rot15", "rot45", "rot90", "blur", "noise",
                             "small", "low_contrast", "perspective")
#: the variants that make up the "hard" set of the tests and the benchmark
HARD_VARIANTS: tuple[str, ...] = ("rot45", "blur", "noise", "small", "low_contrast", "perspective")
#: how the payload bytes of a code are written (issue 15): charset, and "+eci" for a designator
CHARSETS: tuple[str, ...] = ("utf-8", "utf-8+eci", "gb18030", "gb18030+eci")
#: the payload kinds of the text-encoding set
KINDS: tuple[str, ...] = ("notice", "address", "identity")
#: the distortions of the text-encoding set (all but "chinese", which is a payload, not a look)
CHARSET_VARIANTS: tuple[str, ...] = tuple(v for v in VARIANTS if v != "chinese")
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Sample:
    file: str
    text: str | None
    variant: str
    width: int
    height: int
    charset: str = "utf-8"
    kind: str = ""


def _cv2():
    import cv2

    return cv2


def payloads(rng: random.Random, chinese: bool) -> str:
    """A payload of the kinds the kiosk meets: identity code, licence notice, pickup code, URL."""
    if chinese:
        choice = rng.randrange(3)
        if choice == 0:
            person = rng.choice(RESIDENTS)
            token = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12))
            return f"efz://id?token={token}&name={person.name}"
        company = rng.choice(COMPANIES)
        if choice == 1:
            return f"营业执照 {company.credit_code}"
        return f"{company.name} 统一社会信用代码:{company.credit_code}"
    choice = rng.randrange(3)
    if choice == 0:
        return f"efz://pickup?code={rng.randrange(10**7, 10**8)}"
    if choice == 1:
        return f"https://zwfw.fuzhou.example/notice/{rng.randrange(10**9):09d}"
    return f"efz://licence?uscc={rng.choice(COMPANIES).credit_code}&n={rng.randrange(1000)}"


def kind_payload(rng: random.Random, kind: str) -> str:
    """A Chinese payload of ``kind``: a licence approval notice, an address code, an identity code."""
    company = rng.choice(COMPANIES)
    if kind == "notice":
        return f"营业执照领取|{company.credit_code}|{company.address}"
    if kind == "address":
        person = rng.choice(RESIDENTS)
        return f"地址码:{person.address}|{rng.randrange(10**11, 10**12)}"
    if kind == "identity":
        person = rng.choice(RESIDENTS)
        token = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12))
        return f"efz://id?token={token}&name={person.name}"
    raise ValueError(f"unknown payload kind {kind!r}")


def qr_image(text: str, module_px: int = 6, charset: str | None = None) -> np.ndarray:
    """The code as a grayscale array (0 dark, 255 light) with a 4-module quiet zone.

    ``charset`` None: UTF-8 bytes without ECI (the qrcode package, as the frame sets were first
    made). Else one of :data:`CHARSETS`: the text's bytes in that charset, in byte mode, with an
    ECI designator for "+eci" (segno).
    """
    if charset is not None:
        return _segno_image(text, module_px, charset)
    import qrcode

    code = qrcode.QRCode(border=4, box_size=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    matrix = np.array(code.get_matrix(), dtype=bool)
    img = np.where(matrix, 0, 255).astype(np.uint8)
    return np.kron(img, np.ones((module_px, module_px), dtype=np.uint8))


def _segno_image(text: str, module_px: int, charset: str) -> np.ndarray:
    import segno

    encoding, _, eci = charset.partition("+")
    if charset not in CHARSETS:
        raise ValueError(f"unknown charset {charset!r}; expected one of {', '.join(CHARSETS)}")
    if eci:
        code = segno.make_qr(text, encoding=encoding, eci=True, mode="byte", error="m",
                             boost_error=False)
    else:   # bytes: segno writes them as they are, no designator
        code = segno.make_qr(text.encode(encoding), mode="byte", error="m", boost_error=False)
    matrix = np.array([list(row) for row in code.matrix_iter(scale=1, border=4)], dtype=bool)
    img = np.where(matrix, 0, 255).astype(np.uint8)
    return np.kron(img, np.ones((module_px, module_px), dtype=np.uint8))


def background(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """A desk-like scene: a lit gradient, some blocks of other paper, grain."""
    cv2 = _cv2()
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    gx, gy = rng.uniform(-0.15, 0.15, 2)
    img = 120 + 60 * (gx * x / width + gy * y / height) + rng.uniform(-20, 20)
    img = np.broadcast_to(img, (height, width)).astype(np.float32).copy()
    for _ in range(int(rng.integers(2, 7))):
        x0, y0 = int(rng.integers(0, width)), int(rng.integers(0, height))
        w, h = int(rng.integers(40, width // 2)), int(rng.integers(30, height // 2))
        cv2.rectangle(img, (x0, y0), (x0 + w, y0 + h), float(rng.uniform(60, 230)), -1)
    for _ in range(int(rng.integers(0, 12))):  # lines of "print"
        x0, y0 = int(rng.integers(0, width)), int(rng.integers(0, height))
        cv2.line(img, (x0, y0), (x0 + int(rng.integers(20, 200)), y0), float(rng.uniform(0, 80)),
                 int(rng.integers(1, 4)))
    img += rng.normal(0, 3, img.shape).astype(np.float32)
    return img


def _paste(scene: np.ndarray, patch: np.ndarray, mask: np.ndarray, x: int, y: int) -> None:
    h, w = patch.shape
    region = scene[y:y + h, x:x + w]
    region[mask] = patch[mask]


def _warp(img: np.ndarray, matrix: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    cv2 = _cv2()
    if matrix.shape == (3, 3):
        return cv2.warpPerspective(img, matrix, size, flags=cv2.INTER_LINEAR, borderValue=0)
    return cv2.warpAffine(img, matrix, size, flags=cv2.INTER_LINEAR, borderValue=0)


def render(text: str | None, variant: str, width: int, height: int, seed: int,
           charset: str | None = None) -> np.ndarray:
    """One frame (uint8 grayscale, ``height`` x ``width``); ``text`` None → no code in it.

    ``charset``: how the text's bytes are written (see :func:`qr_image`).
    """
    cv2 = _cv2()
    rng = np.random.default_rng(seed)
    scene = background(rng, width, height)
    module_px = 1.0
    if text is not None:
        short = min(width, height)
        code = qr_image(text, 1, charset).astype(np.float32)
        modules = code.shape[0]   # with the quiet zone
        if variant == "small":
            target = int(modules * rng.uniform(1.7, 2.2))   # under 2.5 pixels per module
        else:
            target = int(short * rng.uniform(0.35, 0.6))
        module_px = target / modules
        interp = cv2.INTER_AREA if module_px < 3 else cv2.INTER_NEAREST
        code = cv2.resize(code, (target, target), interpolation=interp)
        angle = {"rot15": 15, "rot45": 45, "rot90": 90}.get(variant, float(rng.uniform(-4, 4)))
        pad = int(target * 0.75)
        size = (target + 2 * pad, target + 2 * pad)
        centre = (size[0] / 2, size[1] / 2)
        canvas = np.zeros((size[1], size[0]), np.float32)
        canvas[pad:pad + target, pad:pad + target] = code
        region = np.zeros_like(canvas)
        region[pad:pad + target, pad:pad + target] = 255
        if variant == "perspective":
            s = target
            src = np.float32([[pad, pad], [pad + s, pad], [pad + s, pad + s], [pad, pad + s]])
            j = s * 0.18
            dst = src + np.float32([[rng.uniform(0, j), rng.uniform(0, j)],
                                    [-rng.uniform(0, j), rng.uniform(0, j / 2)],
                                    [-rng.uniform(0, j / 2), -rng.uniform(0, j / 3)],
                                    [rng.uniform(0, j / 3), -rng.uniform(0, j / 2)]])
            matrix = cv2.getPerspectiveTransform(src, dst)
        else:
            matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        patch = _warp(canvas, matrix, size)
        mask = _warp(region, matrix, size) > 127
        if variant == "low_contrast":
            patch = 105 + patch * (40 / 255)
        rows, cols = np.nonzero(mask)   # place the code's own box inside the frame
        top, left = rows.min(), cols.min()
        h, w = rows.max() - top + 1, cols.max() - left + 1
        patch, mask = patch[top:top + h, left:left + w], mask[top:top + h, left:left + w]
        patch, mask = patch[:height, :width], mask[:height, :width]
        x = int(rng.integers(0, width - patch.shape[1] + 1))
        y = int(rng.integers(0, height - patch.shape[0] + 1))
        _paste(scene, patch, mask, x, y)
    elif seed % 2:   # a negative with code-like clutter: a grid of random blocks, no finders
        cells = int(rng.integers(15, 30))
        side = int(min(width, height) * rng.uniform(0.3, 0.5))
        blocks = np.where(rng.random((cells, cells)) < 0.5, 20.0, 235.0).astype(np.float32)
        blocks = cv2.resize(blocks, (side, side), interpolation=cv2.INTER_NEAREST)
        x, y = int(rng.integers(0, width - side)), int(rng.integers(0, height - side))
        scene[y:y + side, x:x + side] = blocks
    if variant == "blur":   # out of focus: about half a module to a module of blur
        scene = cv2.GaussianBlur(scene, (0, 0), module_px * rng.uniform(0.35, 0.6))
    elif variant == "noise":
        scene += rng.normal(0, rng.uniform(50, 75), scene.shape).astype(np.float32)
    scene = cv2.GaussianBlur(scene, (3, 3), 0.6)  # every lens softens a little
    return np.clip(scene, 0, 255).astype(np.uint8)


def plan(count: int = 2, seed: int = 7, sizes=SIZES, variants=VARIANTS,
         negatives: int | None = None) -> list[tuple[Sample, int]]:
    """What :func:`generate` writes: ``count`` frames per variant and size, plus negatives."""
    rng = random.Random(seed)
    out = []
    for width, height in sizes:
        for variant in variants:
            for i in range(count):
                text = payloads(rng, chinese=(variant == "chinese" or i % 2 == 1))
                name = f"{width}x{height}_{variant}_{i:02d}.png"
                out.append((Sample(name, text, variant, width, height), rng.randrange(2**31)))
        for i in range(count * 2 if negatives is None else negatives):
            name = f"{width}x{height}_none_{i:02d}.png"
            out.append((Sample(name, None, "none", width, height), rng.randrange(2**31)))
    return out


def generate(out_dir: str | Path, count: int = 2, seed: int = 7, sizes=SIZES,
             variants=VARIANTS, negatives: int | None = None) -> list[Sample]:
    """Write the frames and ``manifest.json`` into ``out_dir``; returns the samples."""
    return _write(out_dir, plan(count, seed, sizes, variants, negatives))


def _write(out_dir: str | Path, planned: list[tuple[Sample, int]]) -> list[Sample]:
    cv2 = _cv2()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    samples = []
    for sample, frame_seed in planned:
        # frames of the first sets keep their qrcode-drawn look (charset None), so their seeds
        # still make the same images
        charset = sample.charset if sample.kind else None
        frame = render(sample.text, sample.variant, sample.width, sample.height, frame_seed, charset)
        if not cv2.imwrite(str(out / sample.file), frame):
            raise OSError(f"cannot write {out / sample.file}")
        samples.append(sample)
    manifest = {"images": [s.__dict__ for s in samples]}
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return samples


def plan_charsets(count: int = 1, seed: int = 15, sizes=SIZES[:1], variants=CHARSET_VARIANTS,
                  charsets=CHARSETS, kinds=KINDS, negatives: int = 4) -> list[tuple[Sample, int]]:
    """What :func:`generate_charsets` writes: ``count`` frames per size, variant, kind and charset."""
    rng = random.Random(seed)
    out = []
    for width, height in sizes:
        for variant in variants:
            for kind in kinds:
                for charset in charsets:
                    for i in range(count):
                        text = kind_payload(rng, kind)
                        tag = charset.replace("+", "_").replace("-", "")
                        name = f"{width}x{height}_{variant}_{kind}_{tag}_{i:02d}.png"
                        out.append((Sample(name, text, variant, width, height, charset, kind),
                                    rng.randrange(2**31)))
        for i in range(negatives):
            name = f"{width}x{height}_none_{i:02d}.png"
            out.append((Sample(name, None, "none", width, height, "", ""), rng.randrange(2**31)))
    return out


def generate_charsets(out_dir: str | Path, **kwargs) -> list[Sample]:
    """Write the text-encoding frames (see :func:`plan_charsets`) and ``manifest.json``."""
    return _write(out_dir, plan_charsets(**kwargs))


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m drivers.sim camera",
                                     description="Write generated QR frames and manifest.json to a folder.")
    parser.add_argument("--out", required=True, help="folder to write the PNGs into")
    parser.add_argument("--count", type=int, default=2, help="frames per variant and size (default 2)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    samples = generate(args.out, count=args.count, seed=args.seed)
    codes = sum(1 for s in samples if s.text is not None)
    print(f"wrote {len(samples)} frames ({codes} with a code) and {MANIFEST} to {args.out}")
    return 0
