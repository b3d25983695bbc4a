"""``python -m kiosk [--config FILE]``: run the terminal."""
from __future__ import annotations

import argparse
import logging
import signal
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk", description="Self-service government terminal")
    parser.add_argument("--config", metavar="FILE", help="terminal config (else KIOSK_CONFIG, else defaults)")
    parser.add_argument("--windowed", action="store_true", help="a normal window instead of full screen")
    args = parser.parse_args(argv)

    from kiosk import config as config_mod, logs

    try:
        cfg = config_mod.load(args.config)
        cfg.secret()
    except config_mod.ConfigError as e:
        print(f"kiosk: cannot start: {e}", file=sys.stderr)
        return 2
    if args.windowed:
        cfg.ui.fullscreen = False
    logs.setup(cfg.storage.dir / "logs")

    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk

    app = QApplication(sys.argv[:1])
    app.setApplicationName("efz-kiosk")
    try:
        kiosk = Kiosk(cfg)
    except Exception as e:  # a store that cannot open, a broken install: say so, no traceback on screen
        logging.getLogger("kiosk").exception("start-up failed")
        print(f"kiosk: cannot start: {e}", file=sys.stderr)
        return 3
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    kiosk.start()
    from kiosk import watchdog

    watchdog.install(kiosk)
    logging.getLogger("kiosk").info("ready: terminal %s", cfg.terminal.id)
    code = app.exec()
    kiosk.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
