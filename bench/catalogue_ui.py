"""The catalogue on screen with 120 services: touch → painted for the home screen, a category
page, the next page and each search keystroke, and the GUI-thread time of a catalogue swap.

Goals (issue 13): p95 under 50 ms for each touch, under 100 ms for the swap.

    python -m bench.catalogue_ui [--rounds 40]
"""
from __future__ import annotations

import argparse
import copy
import os
import sys
import time
from types import SimpleNamespace

from bench.kiosk_startup import pct, table


def catalogue_of(n: int) -> dict:
    """The sandbox catalogue grown to ``n`` services (extra printable ones in its categories)."""
    from kiosk.sandbox.catalogue import FULL

    body = copy.deepcopy(FULL)
    cats = [c["id"] for c in body["categories"]]
    template = next(s for s in body["services"] if s["id"] == "no_criminal_record")
    for i in range(n - len(body["services"])):
        s = copy.deepcopy(template)
        s["id"] = f"extra_certificate_{i}"
        s["name"] = {"zh": f"补充证明{i}号（测试）", "en": f"Extra certificate number {i}"}
        s["category"] = cats[i % len(cats)]
        body["services"].append(s)
    body["version"] = f"bench-{n}"
    return body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--services", type=int, default=120)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk
    from kiosk.catalogue import build
    from kiosk.catalogue_search import SearchIndex
    from kiosk.preview import PreviewCache
    from kiosk.session import Session
    from screens.shell import ShellWindow
    from screens.theme import Theme

    app = QApplication.instance() or QApplication([])
    body = catalogue_of(args.services)
    t0 = time.perf_counter()
    catalogue = build(body)
    index = SearchIndex(catalogue.services)
    build_ms = (time.perf_counter() - t0) * 1000
    session = Session(services=catalogue.services)
    session.catalogue, session.search_index = catalogue, index
    window = ShellWindow(session, terminal_name="福州高新区 创新园 自助服务点", theme=Theme(), previews=PreviewCache())
    window.timer.stop()
    window.resize(1920, 1080)
    window.show()
    app.processEvents()
    home = window.screens["home"]
    window.set_availability({sid: None for sid in list(catalogue.services) + ["pickup"]})

    painted: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint and obj is window.stack.currentWidget():
                painted.append(time.perf_counter())
            return False

    watch = PaintWatch()
    app.installEventFilter(watch)

    def touch(widget) -> float:
        painted.clear()
        start = time.perf_counter()
        QTest.mouseClick(widget, Qt.LeftButton)
        deadline = start + 5
        while not painted and time.perf_counter() < deadline:
            app.processEvents()
        return (painted[0] - start) * 1000 if painted else float("nan")

    long_cat = max(catalogue.categories, key=lambda c: len(c.service_ids))
    results = {"touch → home": [], "category page": [], "next page": [], "search keystroke": []}
    for _ in range(args.rounds):
        session.dispatch("attract")
        app.processEvents()
        results["touch → home"].append(touch(window.screens["attract"].start))
        results["category page"].append(touch(home.tiles[long_cat.id]))
        results["next page"].append(touch(home.pager.next))
        touch(home.back_btn)
        touch(home.search_btn)
        for ch in "SBJF":
            results["search keystroke"].append(touch(home.key_buttons[ch]))
        touch(home.back_btn)
    app.removeEventFilter(watch)

    # The swap: the real Kiosk._apply_pending_catalogue on the GUI thread, devices left out.
    swaps = []
    standin = SimpleNamespace(session=session, window=window, usage=SimpleNamespace(top=lambda n, among=None: []),
                              devices=SimpleNamespace(names=lambda: [], has=lambda n: False),
                              cfg=SimpleNamespace(services=SimpleNamespace(disabled=[])))
    for attr in ("_update_popular", "_refresh_availability", "_apply_pending_catalogue", "_show_catalogue"):
        setattr(standin, attr, getattr(Kiosk, attr).__get__(standin))
    for i in range(args.rounds // 2):
        grown = catalogue_of(args.services)
        grown["services"][0]["name"]["zh"] += str(i)
        new_cat = build(grown)
        new_index = SearchIndex(new_cat.services)  # on the worker thread in the kiosk: not timed
        standin._pending_catalogue = (new_cat, new_index)
        start = time.perf_counter()
        standin._apply_pending_catalogue()
        window.repaint()
        swaps.append((time.perf_counter() - start) * 1000)

    rows = []
    for name, values in results.items():
        rows.append((name, len(values), f"{pct(values, 50):.1f}", f"{pct(values, 95):.1f}", f"{max(values):.1f}", "50"))
    rows.append(("catalogue swap (GUI thread)", len(swaps), f"{pct(swaps, 50):.1f}", f"{pct(swaps, 95):.1f}",
                 f"{max(swaps):.1f}", "100"))
    print(f"{args.services} services in {len(catalogue.categories)} categories; build + search index "
          f"{build_ms:.0f} ms (worker thread)")
    table(rows, ("what", "n", "p50 ms", "p95 ms", "max ms", "goal p95 ms"))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
