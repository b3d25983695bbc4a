"""What a terminal does not use is not imported (issue 16, start-up): no OpenCV or QR decoders
without a camera, no pyscard without a card reader, no PDF stack before a preview, never the
sandbox, never pypinyin (the search reads a table written ahead of time). Checked on the real
process: the modules it holds when it exits after READY. And what no first screen needs, loaded
after the home screen is painted (/metrics' prometheus_client): not loaded when READY is printed."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.startup.test_startup import ROOT, rig  # noqa: F401 - rig is a fixture

NOT_AT_START = ("cv2", "numpy", "zxingcpp", "pyzbar", "smartcard", "pypdfium2", "fpdf", "pypdf",
                "kiosk.sandbox", "drivers.sim", "drivers.qr.camera", "drivers.ssse.pcsc_driver", "pypinyin")
#: loaded by the kiosk, but only once its home screen has been painted
NOT_AT_HOME = ("prometheus_client", "kiosk.monitoring.metrics")


#: runs the kiosk as ``python -m kiosk`` would, and writes every module it loaded when it exits
_RUN = """
import atexit, runpy, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w", encoding="utf-8").write("\\n".join(sorted(sys.modules))))

class AtReady:  # stdout that notes the modules loaded when READY is printed
    def __init__(self, stream):
        self.stream = stream
    def write(self, text):
        if text.startswith("READY "):
            open(out + ".ready", "w", encoding="utf-8").write("\\n".join(sorted(sys.modules)))
        return self.stream.write(text)
    def __getattr__(self, name):
        return getattr(self.stream, name)

sys.stdout = AtReady(sys.stdout)
sys.argv[0] = "kiosk"
runpy.run_module("kiosk", run_name="__main__", alter_sys=True)
"""


def test_unused_libraries_are_not_imported_at_start_up(rig, tmp_path):  # noqa: F811
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("KIOSK_CONFIG", None)
    modules = tmp_path / "modules.txt"
    proc = subprocess.run([sys.executable, "-c", _RUN, str(modules), "--config",
                           str(rig.root / "terminal.toml"), "--exit-when-ready"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert any(line.startswith("READY ") for line in proc.stdout.splitlines())
    imported = set(modules.read_text(encoding="utf-8").split())
    assert {"PySide6.QtWidgets", "drivers.qr.serial_scanner"} <= imported   # it did look
    loaded = sorted(m for m in imported if any(m == n or m.startswith(n + ".") for n in NOT_AT_START))
    assert loaded == [], loaded
    at_ready = set((tmp_path / "modules.txt.ready").read_text(encoding="utf-8").split())
    assert {"screens.home", "kiosk.monitoring"} <= at_ready   # it was at the home screen
    early = sorted(m for m in at_ready if any(m == n or m.startswith(n + ".") for n in NOT_AT_HOME))
    assert early == [], early
