"""``python -m kiosk [--config FILE]``: run the terminal."""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys


def seconds_since_process_start() -> float:
    """Wall time since this process was started by the OS (Linux /proc), for start-up figures."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def out_of_service(app, cfg, reason: str, *, exit_when_ready: bool, retry_s: int = 60) -> int:
    """Show 'out of service' instead of crash-looping; exit after ``retry_s`` so systemd restarts
    the kiosk and it tries again (a locked store may free itself, a technician may fix a disk)."""
    from PySide6.QtCore import QTimer

    from kiosk import watchdog
    from kiosk.exit_codes import EXIT_START_AFRESH
    from screens.closed import OutOfService

    screen = OutOfService(reason, cfg.terminal.name)
    if cfg.ui.fullscreen:
        screen.showFullScreen()
    else:
        screen.resize(1920, 1080)
        screen.show()
    watchdog.install(screen)
    print(f"OUT-OF-SERVICE {reason}", flush=True)
    QTimer.singleShot(0 if exit_when_ready else retry_s * 1000, lambda: app.exit(EXIT_START_AFRESH))
    return app.exec()


def _version() -> str:
    from kiosk import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk", description="Self-service government terminal")
    parser.add_argument("--config", metavar="FILE", help="terminal config (else KIOSK_CONFIG, else defaults)")
    parser.add_argument("--version", action="version", version=f"efz-kiosk {_version()}")
    parser.add_argument("--windowed", action="store_true", help="a normal window instead of full screen")
    parser.add_argument("--exit-when-ready", action="store_true",
                        help="quit once the home screen has been painted (start-up checks and benchmarks)")
    args = parser.parse_args(argv)

    # pydantic looks for plugins in every installed package's metadata when it builds the
    # config's models; the kiosk uses none (a few tens of milliseconds of every start).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from kiosk import config as config_mod, logs
    from kiosk.data_at_rest import narrow_umask

    narrow_umask()  # every file the kiosk writes is its user's alone (0600 / 0700)

    try:
        cfg = config_mod.load(args.config)
        cfg.secret()
    except config_mod.ConfigError as e:
        print(f"kiosk: cannot start: {e}", file=sys.stderr)
        return 2
    if args.windowed:
        cfg.ui.fullscreen = False
    logs.setup(cfg.storage.dir / "logs")
    log = logging.getLogger("kiosk")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk

    app = QApplication(sys.argv[:1])
    app.setApplicationName("efz-kiosk")
    try:
        kiosk = Kiosk(cfg)
    except Exception as e:  # a store that cannot open, a broken install: say so, no traceback on screen
        log.exception("start-up failed")
        print(f"kiosk: cannot start: {e}", file=sys.stderr)
        return out_of_service(app, cfg, str(e), exit_when_ready=args.exit_when_ready)
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    kiosk.start()

    def ready() -> None:
        from kiosk import watchdog

        kiosk.window.repaint()  # the home screen is painted before we say so
        watchdog.install(kiosk)
        took = seconds_since_process_start()
        log.info("ready: terminal %s, home screen shown %.3f s after process start", cfg.terminal.id, took)
        print(f"READY {took:.3f}", flush=True)
        if args.exit_when_ready:
            QTimer.singleShot(0, app.quit)

    QTimer.singleShot(0, ready)
    # Python signal handlers run only when the interpreter gets control: give it some.
    keepalive = QTimer()
    keepalive.timeout.connect(lambda: None)
    keepalive.start(250)
    code = app.exec()
    kiosk.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
