"""``decode IMAGE...``: run images through the camera decoder pipeline (DESIGN.md §7).

One JSON line per image, ``{"file": ..., "text": ...}`` (``text`` null when no code is found;
an unreadable file also gets ``"error"``). With ``--json`` a summary object
``{"files": n, "decoded": k}`` comes last. Exit 0 unless no file could be read at all.
ID numbers and ``name=`` values in decoded texts are masked.
"""
from __future__ import annotations

import re
from urllib.parse import unquote

from kiosk.diag import DiagError

_NAME_PARAM = re.compile(r"(?<=[?&]name=)[^&#]*")


def add_arguments(parser) -> None:
    parser.add_argument("images", nargs="+", metavar="IMAGE", help="image files (PNG, JPEG ...)")
    parser.add_argument("--decoder", choices=("zxing", "zbar", "auto"),
                        help="decoder backend (default: devices.camera.decoder when that device "
                             "uses the opencv driver, else auto)")


def configured_decoder(config) -> str:
    """devices.camera.decoder when the camera is an opencv device, else the "auto" pipeline."""
    device = config.devices.get("camera")
    if device is not None and device.driver == "opencv":
        return device.options().decoder
    return "auto"


def mask_code_text(text: str) -> str:
    from kiosk.privacy import mask_name, mask_text

    # The address in a notice or an address code is what the technician checks the scanner
    # reads right (a company's registered address, a house plate), not a person's: shown whole.
    text = mask_text(text, street_addresses=False)
    return _NAME_PARAM.sub(lambda m: mask_name(unquote(m.group(0))), text)


def read_gray(path: str):
    """(grayscale frame, None), or (None, why it could not be read) — no OpenCV warnings."""
    import cv2
    import numpy as np

    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return None, f"cannot read file: {e.strerror or e}"
    try:
        frame = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE) if data else None
    except cv2.error:
        frame = None
    return (frame, None) if frame is not None else (None, "not an image")


def run(args, ctx):
    from drivers.qr.decoders import DecoderUnavailable, make_decoder

    name = args.decoder or configured_decoder(ctx.config)
    try:
        decoder = make_decoder(name)
    except DecoderUnavailable as e:
        raise DiagError(str(e)) from None
    read = decoded = 0
    for path in args.images:
        line: dict = {"file": path, "text": None}
        frame, error = read_gray(path)
        if frame is None:
            line["error"] = error
        else:
            read += 1
            texts = decoder.decode(frame)
            if texts:
                decoded += 1
                line["text"] = mask_code_text(texts[0])
                if len(texts) > 1:
                    line["more"] = [mask_code_text(t) for t in texts[1:]]
        ctx.emit_json_line(line)
    if ctx.json:
        ctx.emit_json_line({"files": len(args.images), "decoded": decoded, "decoder": name})
    if read == 0:
        raise DiagError("no image could be read")
    return None
