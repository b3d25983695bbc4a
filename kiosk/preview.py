"""Page images of the document being previewed, rendered off the GUI thread with pypdfium2.

Held only for the visit: cleared by the wipe, never written to disk.
"""
from __future__ import annotations

import threading

WIDTH_PX = 900  # enough for a sharp A4 preview on a 1080-line panel


class PreviewCache:
    def __init__(self, width_px: int = WIDTH_PX):
        self.width_px = width_px
        self._lock = threading.Lock()
        self._pages: dict[str, list] = {}

    def render(self, job_id: str, pdf: bytes, max_pages: int = 6) -> int:
        """Render up to ``max_pages`` pages of ``pdf`` to PIL images; returns the page count."""
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(pdf)
        try:
            images = []
            for index in range(min(len(doc), max_pages)):
                page = doc[index]
                scale = self.width_px / page.get_width()
                images.append(page.render(scale=scale).to_pil().convert("RGB"))
                page.close()
            count = len(doc)
        finally:
            doc.close()
        with self._lock:
            self._pages = {job_id: images}
        return count

    def pages(self, job_id: str) -> list:
        with self._lock:
            return list(self._pages.get(job_id, []))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()

    def __len__(self) -> int:
        with self._lock:
            return sum(len(v) for v in self._pages.values())
