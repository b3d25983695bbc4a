"""Memory kept flat over years of visits: fewer malloc arenas, and memory handed back after each visit.

A visit allocates and frees a lot (a PDF preview rendered to images, the sandbox of a screen's
widgets, a response body); glibc keeps what was freed inside its heaps for reuse, and with one
arena per thread that has ever allocated (the devices, sync, voice) the kiosk's resident size
ends up as the sum of every arena's high-water mark. Two measures, both glibc's own:

- :func:`limit_arenas`: at most :data:`ARENAS` malloc arenas (``mallopt(M_ARENA_MAX)``, what the
  ``MALLOC_ARENA_MAX`` variable sets), before the worker threads start; and a fixed mmap
  threshold (``M_MMAP_THRESHOLD``): glibc otherwise raises it after each large block freed,
  up to 32 MB, so that a visit's large buffers (a PDF, its page images) end up in the heap,
  where they leave holes, instead of mapped apart and unmapped when freed;
- :func:`release`: after a visit is wiped, the cycles of the visit's objects collected and
  ``malloc_trim(0)``, which returns the free pages of every arena to the system; also
  PySide6's import hook keeps the source of every module imported after it in ``linecache``
  (11 MB): dropped too (a traceback reads the file again).

Elsewhere than glibc (musl, another OS) both do nothing. :func:`heap_info` reads glibc's own
figures for the heap, for the tests and the soak bench that hold the two measures to account.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import linecache

#: malloc arenas: the GUI thread's and one shared by the workers
ARENAS = 2
#: Qt's pixmap cache (``QPixmapCache``), KiB, set by the GUI at start. Qt's default, 10 MB, fills
#: within the first hundred visits with pixmaps the styles and icons could draw again, and is then
#: kept for good (8 MB of the kiosk's resident memory in the soak); a touch screen that shows one
#: screen at a time gains nothing measurable from it.
PIXMAP_CACHE_KB = 256
#: blocks from this size up are mapped on their own, and unmapped when freed (glibc's default start)
MMAP_THRESHOLD = 128 * 1024
_M_ARENA_MAX, _M_MMAP_THRESHOLD = -8, -3  # glibc's malloc.h


@functools.cache
def _libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None  # glibc only


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas and fix its mmap threshold (call before the worker threads
    start); True when both took."""
    libc = _libc()
    return bool(libc is not None and libc.mallopt(_M_ARENA_MAX, arenas)
                and libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def release() -> bool:
    """Hand the memory a finished visit freed back to the system; True when glibc trimmed."""
    linecache.clearcache()
    gc.collect()
    libc = _libc()
    return bool(libc is not None and libc.malloc_trim(0))


class _Mallinfo2(ctypes.Structure):
    """glibc's ``struct mallinfo2`` (malloc.h, glibc 2.33 and later)."""

    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def heap_info() -> dict[str, int] | None:
    """glibc's heap over all arenas, in bytes: ``in_use`` held by live blocks, ``free`` freed but
    kept in the heap, ``heap`` the heap's size, ``mapped`` the large blocks mapped on their own
    (``mapped_blocks`` of them). None where there is no ``mallinfo2`` (not glibc, or before 2.33)."""
    mallinfo2 = getattr(_libc(), "mallinfo2", None)
    if mallinfo2 is None:
        return None
    mallinfo2.restype = _Mallinfo2
    m = mallinfo2()
    return {"in_use": m.uordblks, "free": m.fordblks, "heap": m.arena, "mapped": m.hblkhd,
            "mapped_blocks": m.hblks}
