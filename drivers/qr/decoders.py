"""QR decoder backends behind one small interface: ``decode(gray) -> list[str]``.

``zbar`` (pyzbar) and ``zxing`` (zxing-cpp) are the two libraries; ``auto`` is a pipeline that
tries a cheap pass first and only spends more time on a frame that looks like it holds a code.
Every backend takes a 2-D uint8 numpy array (grayscale) and returns the texts it found, each
once, in the order found. Every backend makes its texts from the code's raw bytes with the one
rule of :mod:`drivers.qr.payload` (ECI obeyed, else UTF-8, else GB18030; undecodable → dropped). The libraries are imported lazily, so a terminal without them still
starts and gets a readable :class:`DecoderUnavailable` when it asks for one.
"""
from __future__ import annotations

import logging
from typing import Protocol

import numpy as np

from drivers.qr.payload import auto_text, text_from_hex_eci

log = logging.getLogger(__name__)

#: decoder names accepted by :func:`make_decoder` (and by the camera driver's ``decoder`` option)
NAMES = ("zxing", "zbar", "auto")


class DecoderUnavailable(RuntimeError):
    """The library behind a decoder backend cannot be loaded on this machine."""


class Decoder(Protocol):
    name: str

    def decode(self, gray: np.ndarray) -> list[str]:
        """The texts of the codes found in ``gray`` (2-D uint8), each once; [] if none."""


def _unique(texts) -> list[str]:
    """Each text once; a code whose bytes decode to nothing (None) is dropped, not shown garbled."""
    texts = list(texts)
    if None in texts:
        log.debug("a QR code whose bytes are neither UTF-8 nor GB18030 (nor its ECI) was dropped")
    return list(dict.fromkeys(t for t in texts if t))


# ---------------------------------------------------------------------------------------------
# zbar

#: zbar's ZBAR_CFG_BINARY (zbar >= 0.23.1; pyzbar's enum predates it): hand back the payload's
#: bytes instead of zbar's text, which without an ECI is a guess (Latin-1, Shift-JIS, Big5) that
#: turns GB18030 into mojibake, and which ignores the GB ECIs 29/31/32 altogether
_ZBAR_CFG_BINARY = 4

#: Charsets zbar may have wrongly guessed for a UTF-8 payload (it tries ISO-8859-1, Shift-JIS and
#: Big5 before UTF-8 when the code carries no ECI). Its output is UTF-8 of the guessed text.
_ZBAR_GUESSES = ("shift_jis", "cp932", "big5", "latin-1")


def repair_zbar_text(data: bytes) -> str:
    """The text of a zbar result, undoing zbar's wrong charset guess for UTF-8 payloads.

    Only used with a zbar too old for binary mode. zbar hands back UTF-8 of the text as it
    decoded it. When the payload's bytes were UTF-8 (Chinese, accents) but zbar guessed Shift-JIS
    or Latin-1, encoding its text back with that charset gives the original bytes, which then
    decode as strict UTF-8. A text that was decoded right (ASCII, or real Shift-JIS/Latin-1) does
    not survive that round trip as valid UTF-8, so it is kept as zbar gave it.
    """
    text = data.decode("utf-8", errors="replace")
    if text.isascii():
        return text
    for charset in _ZBAR_GUESSES:
        try:
            raw = text.encode(charset)
            fixed = raw.decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != text and not raw.isascii():
            return fixed
    return text


class ZbarDecoder:
    """zbar through pyzbar's ctypes binding, in binary mode so the text rule sees raw bytes.

    In binary mode zbar still converts the segments whose ECI it knows (ISO-8859-x, Shift-JIS,
    UTF-8) to UTF-8, and passes every other segment through as it is; the rule of
    :mod:`drivers.qr.payload` then gives UTF-8 or GB18030. What zbar cannot tell us: an ECI it
    does not know other than the GB ones (Big5, EUC-KR, cp125x) is read by the rule as if absent.
    """

    name = "zbar"

    def __init__(self):
        try:
            from pyzbar import pyzbar, wrapper
        except (ImportError, OSError) as e:  # OSError: libzbar0 is missing
            raise DecoderUnavailable(f"zbar decoder needs pyzbar and libzbar0 ({e})") from None
        self._pyzbar = pyzbar
        self._zw = wrapper
        self.binary = self._probe_binary()
        if not self.binary:
            log.warning("zbar without binary mode: GB18030 codes without ECI may read wrong")

    def _probe_binary(self) -> bool:
        zw = self._zw
        scanner = zw.zbar_image_scanner_create()
        try:
            return zw.zbar_image_scanner_set_config(
                scanner, zw.ZBarSymbol.QRCODE, _ZBAR_CFG_BINARY, 1) == 0
        finally:
            zw.zbar_image_scanner_destroy(scanner)

    def read(self, gray: np.ndarray) -> list[bytes]:
        """The data of each QR symbol zbar finds in ``gray``: raw bytes in binary mode."""
        import ctypes

        zw = self._zw
        gray = np.ascontiguousarray(gray, dtype=np.uint8)
        height, width = gray.shape[:2]
        pixels = gray.tobytes()
        scanner = zw.zbar_image_scanner_create()
        image = None
        try:
            zw.zbar_image_scanner_set_config(scanner, zw.ZBarSymbol.NONE, zw.ZBarConfig.CFG_ENABLE, 0)
            zw.zbar_image_scanner_set_config(scanner, zw.ZBarSymbol.QRCODE, zw.ZBarConfig.CFG_ENABLE, 1)
            if self.binary:
                zw.zbar_image_scanner_set_config(scanner, zw.ZBarSymbol.QRCODE, _ZBAR_CFG_BINARY, 1)
            image = zw.zbar_image_create()
            zw.zbar_image_set_format(image, self._pyzbar._FOURCC["L800"])
            zw.zbar_image_set_size(image, width, height)
            zw.zbar_image_set_data(image, pixels, len(pixels), None)
            if zw.zbar_scan_image(scanner, image) < 0:
                return []
            out = []
            symbol = zw.zbar_image_first_symbol(image)
            while symbol:
                out.append(ctypes.string_at(zw.zbar_symbol_get_data(symbol),
                                            zw.zbar_symbol_get_data_length(symbol)))
                symbol = zw.zbar_symbol_next(symbol)
            return out
        finally:
            if image is not None:
                zw.zbar_image_destroy(image)
            zw.zbar_image_scanner_destroy(scanner)

    def decode(self, gray: np.ndarray) -> list[str]:
        if self.binary:
            return _unique(auto_text(data) for data in self.read(gray))
        return _unique(repair_zbar_text(data) for data in self.read(gray))


# ---------------------------------------------------------------------------------------------
# zxing-cpp


def _qr_formats(zxingcpp):
    wanted = (zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode)
    try:
        return zxingcpp.BarcodeFormats(wanted)   # zxing-cpp 3 (where "|" is deprecated)
    except TypeError:
        return wanted[0] | wanted[1]             # zxing-cpp 2


class ZxingDecoder:
    """zxing-cpp, restricted to QR (and Micro QR) so it does not chase 1-D patterns in noise.

    ``thorough`` lets zxing try rotations, inversion and its own downscaling; the fast pass
    of the pipeline turns those off.
    """

    name = "zxing"

    def __init__(self, *, thorough: bool = True):
        try:
            import zxingcpp
        except ImportError as e:
            raise DecoderUnavailable(f"zxing decoder needs zxing-cpp ({e})") from None
        self._zx = zxingcpp
        self._formats = _qr_formats(zxingcpp)
        # HexECI: the stream with its ECI designators, not zxing's charset guess (zxing-cpp
        # guesses Latin-1 for GB18030 bytes without ECI)
        self.hex_eci = hasattr(zxingcpp.TextMode, "HexECI")
        self.thorough = thorough

    def read(self, gray: np.ndarray, *, thorough: bool | None = None, errors: bool = False,
             binarizer=None):
        """The raw zxing-cpp results (with ``errors``: also codes found but not decoded)."""
        t = self.thorough if thorough is None else thorough
        kwargs = {}
        if self.hex_eci:
            kwargs["text_mode"] = self._zx.TextMode.HexECI
        if binarizer is not None:
            kwargs["binarizer"] = binarizer
        return self._zx.read_barcodes(np.ascontiguousarray(gray), formats=self._formats,
                                      try_rotate=t, try_downscale=t, try_invert=t,
                                      return_errors=errors, **kwargs)

    def text(self, barcode) -> str | None:
        """The text of a result of :meth:`read`: ECI obeyed, else UTF-8 or GB18030; None if neither."""
        if self.hex_eci:
            return text_from_hex_eci(barcode.text)
        return auto_text(bytes(barcode.bytes))   # an older zxing-cpp: the ECI is not seen

    def decode(self, gray: np.ndarray) -> list[str]:
        return _unique(self.text(b) for b in self.read(gray) if b.valid)


# ---------------------------------------------------------------------------------------------
# the "auto" pipeline


def _sharpen(img: np.ndarray) -> np.ndarray:
    import cv2

    soft = cv2.GaussianBlur(img, (0, 0), 2.0)
    return cv2.addWeighted(img, 2.0, soft, -1.0, 0)


def _upscale(img: np.ndarray, factor: float = 2.0) -> np.ndarray:
    import cv2

    return cv2.resize(img, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def _adaptive(img: np.ndarray, symbol_px: float) -> np.ndarray:
    """A local mean threshold over about two modules (a symbol spans roughly 25-45 modules)."""
    import cv2

    block = max(11, int(symbol_px / 14) | 1)
    return cv2.adaptiveThreshold(img, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, 4)


class PipelineDecoder:
    """zxing-cpp first; more work only where zxing saw a code it could not read.

    1. One zxing pass over the whole frame, asking for failed symbols too. Found: done.
       Nothing seen at all (the usual camera frame): done — that pass is the whole cost.
    2. For each symbol zxing located but could not decode (at most ``max_regions``), cut the
       region out with a margin and try, in order, until one works: sharpened, upscaled (for
       small codes), zbar on the region and on it upscaled, an adaptive threshold, inverted,
       rotated by 45°, and zxing's global-histogram binarizer.
    3. Regions without any zxing hit are not searched: a frame that holds no code stays cheap.
    """

    name = "auto"

    def __init__(self, *, max_regions: int = 3):
        self._zx = ZxingDecoder()
        try:
            self._zbar: ZbarDecoder | None = ZbarDecoder()
        except DecoderUnavailable as e:
            log.warning("auto decoder without zbar: %s", e)
            self._zbar = None
        self.max_regions = max_regions
        self.stats: dict[str, int] = {}   # which step decoded how many codes (for the benchmark)

    def _count(self, step: str) -> None:
        self.stats[step] = self.stats.get(step, 0) + 1

    def decode(self, gray: np.ndarray) -> list[str]:
        found = self._zx.read(gray, errors=True)
        texts = [self._zx.text(b) for b in found if b.valid]
        if texts:
            self._count("zxing")
        # zxing often reports one symbol several times; each place is worked on once
        covered = [_box(_corners(b.position), 0.0) for b in found if b.valid]
        failed = sorted((b for b in found if not b.valid), key=lambda b: -_area(b.position))
        for barcode in failed[:self.max_regions]:
            pts = _corners(barcode.position)
            cx, cy = pts.mean(axis=0)
            if any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in covered):
                continue
            box = _box(pts, 0.35, gray.shape)
            covered.append(box)
            left, top, right, bottom = box
            if right - left < 8 or bottom - top < 8:
                continue
            region = np.ascontiguousarray(gray[top:bottom, left:right])
            texts += self._rescue(region, float(np.ptp(pts, axis=0).max()))
        return _unique(texts)

    def _rescue(self, region: np.ndarray, symbol_px: float) -> list[str]:
        small = min(region.shape) < 160
        attempts = [("sharpen", lambda: self._zx.decode(_sharpen(region)))]
        if small:
            attempts.append(("upscale", lambda: self._zx.decode(_sharpen(_upscale(region, 3.0)))))
        else:
            attempts.append(("upscale", lambda: self._zx.decode(_upscale(region))))
        if self._zbar is not None:
            zbar = self._zbar
            attempts.append(("zbar", lambda: zbar.decode(region)))
            attempts.append(("zbar_upscale", lambda: zbar.decode(_upscale(region, 3.0 if small else 2.0))))
        attempts.append(("adaptive", lambda: self._zx.decode(_adaptive(region, symbol_px))))
        if self._zbar is not None:
            attempts.append(("zbar_inverted", lambda: self._zbar.decode(255 - region)))
        attempts.append(("rotate45", lambda: self._zx.decode(_rotate45(region))))
        attempts.append(("global_histogram", lambda: [
            self._zx.text(b) for b in self._zx.read(region, binarizer=self._zx._zx.Binarizer.GlobalHistogram)
            if b.valid]))
        for step, attempt in attempts:
            texts = attempt()
            if texts:
                self._count(step)
                return texts
        return []


def _corners(position) -> np.ndarray:
    return np.array([(p.x, p.y) for p in (position.top_left, position.top_right,
                                          position.bottom_right, position.bottom_left)], float)


def _area(position) -> float:
    pts = _corners(position)
    return float(np.ptp(pts[:, 0]) * np.ptp(pts[:, 1]))


def _box(pts: np.ndarray, margin: float, shape=None) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) around ``pts`` plus ``margin`` of its size on each side."""
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    pad = max(12.0, margin * max(x1 - x0, y1 - y0)) if margin else 0.0
    h, w = shape[:2] if shape is not None else (1 << 30, 1 << 30)
    return (int(max(0, x0 - pad)), int(max(0, y0 - pad)),
            int(min(w, x1 + pad + 1)), int(min(h, y1 + pad + 1)))


def _rotate45(img: np.ndarray) -> np.ndarray:
    import cv2

    h, w = img.shape[:2]
    side = int(np.hypot(h, w)) + 2
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), 45, 1.0)
    matrix[:, 2] += ((side - w) / 2, (side - h) / 2)
    return cv2.warpAffine(img, matrix, (side, side), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)


def make_decoder(name: str) -> Decoder:
    """The backend called ``name`` (one of :data:`NAMES`)."""
    if name == "zbar":
        return ZbarDecoder()
    if name == "zxing":
        return ZxingDecoder()
    if name == "auto":
        return PipelineDecoder()
    raise ValueError(f"unknown decoder {name!r}; expected one of: {', '.join(NAMES)}")
