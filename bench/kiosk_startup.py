"""Start-up time, touch-to-paint latency and resident memory of the kiosk on a simulated terminal.

Goals (issue "Ship it"): home screen in under 1.5 s from process start, touch-to-paint under
50 ms at the 95th percentile, resident memory under 250 MB.

Issue 16: the kiosk's start-up against a bare PySide6 window showing one label
(``bench.bare_window``), both measured to their first paint in the same run, alternately, so
that the machine's load weighs on both; goal: under 3x.

    python -m bench.kiosk_startup [--starts 7] [--touches 200]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


#: Qt's own pixmap cache limit, KB: the baseline the kiosk's smaller one is measured against
QT_PIXMAP_CACHE_KB = 10240


def table(rows: list[tuple], head: tuple) -> None:
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=False)))


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def _env(pycache: Path) -> dict:
    """Offscreen, and with compiled bytecode as an installed terminal has it (the .deb's bundle
    ships .pyc): a machine that sets PYTHONDONTWRITEBYTECODE would otherwise compile the
    project's modules at every start, a cost no terminal pays."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _ready(cmd: list[str], env: dict) -> tuple[float, float]:
    """Seconds to READY of one process that prints ``READY <seconds since process start>``, and
    the CPU seconds (user + system) the process used in all, to its exit."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise SystemExit(f"{cmd[2]} did not exit within 120 s") from None
    line = next((l for l in out.splitlines() if l.startswith("READY ")), None)
    if line is None:
        raise SystemExit(f"{cmd[2]} did not report READY: {err[-400:]}")
    return float(line.split()[1]), _child_cpu()


_cpu_seen = [0.0]


def _child_cpu() -> float:
    """CPU seconds of the child just reaped (children's rusage grows by that child's use)."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = ru.ru_utime + ru.ru_stime
    used, _cpu_seen[0] = total - _cpu_seen[0], total
    return used


def startup(rig, starts: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Kiosk and bare-window starts, alternated in the same run so that the machine's load weighs
    on both alike, after one start of each that writes their bytecode: ([(kiosk wall, cpu)],
    [(bare window wall, cpu)])."""
    kiosk_cmd = [sys.executable, "-m", "kiosk", "--config", str(rig.root / "terminal.toml"), "--exit-when-ready"]
    bare_cmd = [sys.executable, "-m", "bench.bare_window"]
    kiosk, bare = [], []
    with tempfile.TemporaryDirectory() as pycache:
        env = _env(Path(pycache))
        _ready(bare_cmd, env), _ready(kiosk_cmd, env)
        for _ in range(starts):
            bare.append(_ready(bare_cmd, env))
            kiosk.append(_ready(kiosk_cmd, env))
    return kiosk, bare


def touch_to_paint_child(config_path: Path, touches: int, pixmap_cache_kb: int | None = None) -> tuple[list[float], float]:
    """Run the touch part in a child process, so its memory is the kiosk's alone (the simulators
    and the sandbox, with its PDF fonts, stay in this process). ``pixmap_cache_kb``: another
    size of Qt's pixmap cache than the kiosk's own (the baseline row: Qt's default)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    extra = [] if pixmap_cache_kb is None else ["--pixmap-cache-kb", str(pixmap_cache_kb)]
    proc = subprocess.run([sys.executable, "-m", "bench.kiosk_startup", "--child", str(config_path),
                           "--touches", str(touches), *extra], env=env, capture_output=True, text=True, timeout=600)
    line = next((l for l in proc.stdout.splitlines() if l.startswith("TOUCH ")), None)
    if line is None:
        raise SystemExit(f"touch child failed: {proc.stderr[-600:]}")
    values = [float(v) for v in line.split()[1:]]
    return values[1:], values[0]


def touch_to_paint(config, touches: int, pixmap_cache_kb: int | None = None) -> tuple[list[float], float]:
    """Click a home tile and 'back' alternately; time from the click to the next screen's paint."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk
    from kiosk.demo import pump

    app = QApplication.instance() or QApplication([])
    kiosk = Kiosk(config)
    if pixmap_cache_kb is not None:
        from PySide6.QtGui import QPixmapCache

        QPixmapCache.setCacheLimit(pixmap_cache_kb)
    kiosk.start(show=False)
    kiosk.window.resize(1920, 1080)
    kiosk.window.show()
    home = kiosk.window.screens["home"]
    pump(app, lambda: home.tiles.get("real_estate") is not None and home.tiles["real_estate"].isEnabled(), 60)

    painted: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint and obj is kiosk.window.stack.currentWidget():
                painted.append(time.perf_counter())
            return False

    watch = PaintWatch()
    app.installEventFilter(watch)
    samples = []
    for _i in range(touches):
        target = home.tiles["real_estate"] if home.at_top() else home.back_btn
        painted.clear()
        t0 = time.perf_counter()
        QTest.mouseClick(target, Qt.LeftButton)
        deadline = t0 + 5
        while not painted and time.perf_counter() < deadline:
            app.processEvents()
        if painted:
            samples.append((painted[0] - t0) * 1000)
    app.removeEventFilter(watch)
    rss = rss_mb()
    kiosk.stop()
    return samples, rss


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=7)
    parser.add_argument("--touches", type=int, default=200)
    parser.add_argument("--child", metavar="CONFIG", help=argparse.SUPPRESS)
    parser.add_argument("--pixmap-cache-kb", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        from kiosk import config as config_mod

        samples, rss = touch_to_paint(config_mod.load(args.child), args.touches, args.pixmap_cache_kb)
        print("TOUCH", rss, *(f"{s:.3f}" for s in samples), flush=True)
        return 0
    from kiosk.simrig import SimulatedTerminal

    with tempfile.TemporaryDirectory() as tmp:
        rig = SimulatedTerminal(Path(tmp), platform_port=0, receipt_port=0).start()
        try:
            starts, bare = startup(rig, args.starts)
            samples, rss = touch_to_paint_child(rig.root / "terminal.toml", args.touches)
            qt_samples, qt_rss = touch_to_paint_child(rig.root / "terminal.toml", args.touches, QT_PIXMAP_CACHE_KB)
        finally:
            rig.stop()
    walls, cpus = [w for w, _ in starts], [c for _, c in starts]
    bare_walls, bare_cpus = [w for w, _ in bare], [c for _, c in bare]
    ratio = statistics.median(walls) / statistics.median(bare_walls)
    cpu_ratio = statistics.median(cpus) / statistics.median(bare_cpus)
    starts = walls
    print(f"kiosk start-up and touch latency (offscreen Qt, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f})\n")
    table([
        ("home screen shown after process start (s)", f"{min(walls):.3f}", f"{statistics.median(walls):.3f}",
         f"{max(walls):.3f}", "< 1.5", "yes" if statistics.median(walls) < 1.5 else "NO"),
        ("bare PySide6 window, one label, painted (s)", f"{min(bare_walls):.3f}",
         f"{statistics.median(bare_walls):.3f}", f"{max(bare_walls):.3f}", "", ""),
        ("ratio kiosk / bare window (medians, same run)", "", f"{ratio:.2f}x", "", "< 3x",
         "yes" if ratio < 3 else "NO"),
        ("CPU to exit, kiosk (s)", f"{min(cpus):.3f}", f"{statistics.median(cpus):.3f}", f"{max(cpus):.3f}", "", ""),
        ("CPU to exit, bare window (s)", f"{min(bare_cpus):.3f}", f"{statistics.median(bare_cpus):.3f}",
         f"{max(bare_cpus):.3f}", "", ""),
        ("ratio of CPU, kiosk / bare window (medians)", "", f"{cpu_ratio:.2f}x", "", "", ""),
        ("touch to next screen painted (ms)", f"{min(samples):.1f}", f"{statistics.median(samples):.1f}",
         f"p95 {pct(samples, 95):.1f}", "p95 < 50", "yes" if pct(samples, 95) < 50 else "NO"),
        ("kiosk resident memory after the touches (MB)", "", f"{rss:.0f}", "", "< 250", "yes" if rss < 250 else "NO"),
        (f"the same with Qt's default pixmap cache ({QT_PIXMAP_CACHE_KB} KB, baseline): touch (ms)",
         f"{min(qt_samples):.1f}", f"{statistics.median(qt_samples):.1f}", f"p95 {pct(qt_samples, 95):.1f}", "", ""),
        ("… and its resident memory after the touches (MB)", "", f"{qt_rss:.0f}", "", "", ""),
    ], ("measure", "min", "median", "max / p95", "goal", "met"))
    print(f"\n{len(starts)} starts of each, {len(samples)} touches")
    return 0


if __name__ == "__main__":
    sys.exit(main())
