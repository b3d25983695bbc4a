"""Time to render each sandbox document (PDF bytes), its size and page count.

Rendering is dominated by parsing and subsetting the two embedded Noto CJK faces. Run from the
project root: ``python -m bench.documents_render [--repeat N]``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

import pypdfium2 as pdfium

from drivers.sim import people
from kiosk.sandbox import documents


def _pages(pdf: bytes) -> int:
    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    zhang = people.resident("zhang")
    jobs = [(s, lambda s=s: documents.render_certificate(s, zhang, verify_code="BENCH-0001",
                                                        issued=dt.date(2025, 6, 3)))
            for s in documents.CERTIFICATE_SERVICES]
    jobs.append(("business_licence", lambda: documents.render_licence(
        people.company("mindu"), verify_code="BENCH-0002")))
    print(f"{'document':<28} {'median s':>9} {'max s':>7} {'KiB':>6} {'pages':>5}")
    for name, render in jobs:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            pdf = render()
            times.append(time.perf_counter() - start)
        print(f"{name:<28} {statistics.median(times):>9.2f} {max(times):>7.2f} "
              f"{len(pdf) / 1024:>6.1f} {_pages(pdf):>5}")


if __name__ == "__main__":
    main()
