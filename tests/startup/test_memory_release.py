"""Memory freed by a visit goes back to the system when the visit ends (kiosk.memory)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import memory
from kiosk.session import SessionState
from kiosk.terminal import Terminal

ROOT = Path(__file__).resolve().parents[2]

# In a process of its own: the test process's heap is whatever earlier tests left.
FRAGMENTED = r"""
import sys
from kiosk import memory

def rss():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) // 1024 for l in f if l.startswith("VmRSS:"))

memory.limit_arenas()
memory.release()
base = rss()
# 80 MB in 2 KB blocks (glibc's heap, not Python's small-object arenas), every 64th kept: the
# pages in between are free but stay resident, as a visit's preview images and answers leave them
blocks = [bytes(2048) for _ in range(40_000)]
kept = blocks[::64]
del blocks
freed = rss()
trimmed = memory.release()
after = rss()
print(base, freed, after, trimmed, len(kept))
"""


def test_release_gives_freed_heap_pages_back():
    out = subprocess.run([sys.executable, "-c", FRAGMENTED], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    base, freed, after = (int(v) for v in out[:3])
    assert out[3] == "True"
    assert freed - base > 60  # the freed blocks stayed resident…
    assert freed - after > 50  # …until release() handed them back


def test_heap_info_counts_a_block_while_it_is_held():
    """The heap reader the soak and the layout test rely on sees a 100 KB block (under glibc's
    mmap threshold, so in the heap) while it is held, and not after it is freed."""
    before = memory.heap_info()
    if before is None:
        pytest.skip("glibc's mallinfo2 is needed")
    assert before["heap"] >= before["in_use"] > 0
    held = bytearray(100 * 1024)
    during = memory.heap_info()
    del held
    after = memory.heap_info()
    assert during["in_use"] - before["in_use"] >= 100 * 1024
    assert during["in_use"] - after["in_use"] >= 100 * 1024


def test_the_end_of_a_visit_posts_a_release(deviceless_cfg):
    posted = []
    with Terminal(deviceless_cfg, post=posted.append) as core:
        session = core.session
        session.dispatch("choose_pickup")
        assert session.state == SessionState.PICKUP_CODE
        assert memory.release not in posted  # nothing is released under a resident
        session.dispatch("home")
        assert session.state == SessionState.HOME
        assert posted.count(memory.release) == 1
        session.dispatch("home")  # already home: nothing more to give back
        assert posted.count(memory.release) == 1


def test_the_kiosk_keeps_a_small_pixmap_cache(qtbot, deviceless_cfg):
    """Qt's default pixmap cache (10 MB) fills within a hundred visits and is kept for good: the
    kiosk sets its own, smaller limit when it builds its window."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QPixmapCache

    from kiosk.app import Kiosk

    QPixmapCache.setCacheLimit(10240)
    kiosk = Kiosk(deviceless_cfg)
    qtbot.addWidget(kiosk.window)
    try:
        assert QPixmapCache.cacheLimit() == memory.PIXMAP_CACHE_KB < 10240
    finally:
        kiosk.stop()
        QPixmapCache.setCacheLimit(10240)
