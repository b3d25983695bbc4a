"""A bare PySide6 window showing one label, for the start-up ratio of ``bench.kiosk_startup``.

``python -m bench.bare_window`` prints ``READY <seconds since process start>`` once the label
has been painted (offscreen platform), measured as the kiosk's ``--exit-when-ready`` is.
``--hold``: then stay alive, painted, until stdin is closed (``bench.soak`` reads its memory).
"""
from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    from kiosk.__main__ import seconds_since_process_start

    hold = "--hold" in sys.argv[1:]
    app = QApplication(sys.argv[:1])
    label = QLabel("e福州")
    label.resize(1920, 1080)

    class Painted(QObject):
        def eventFilter(self, obj, event):
            if obj is label and event.type() == QEvent.Paint:
                QTimer.singleShot(0, lambda: (print(f"READY {seconds_since_process_start():.3f}", flush=True),
                                              hold and sys.stdin.read(), app.quit()))
            return False

    watch = Painted()
    label.installEventFilter(watch)
    label.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
