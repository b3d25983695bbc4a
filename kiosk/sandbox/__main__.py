"""``python -m kiosk.sandbox --port 8700 --terminal FZ-DEMO-0001 --secret-file var/terminal.secret``

Serves the sandbox platform until interrupted. The secret file is created with a random key
(hex) when missing, so a fresh checkout's kiosk and sandbox share one key.
"""
from __future__ import annotations

import argparse
import logging
import os
import secrets
import signal
import sys
import threading
from pathlib import Path

from kiosk.sandbox.server import SandboxPlatform


def load_or_create_secret(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(32) + "\n")
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (ValueError, UnicodeDecodeError):
        raise SystemExit(f"kiosk.sandbox: {path} does not hold hex text") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.sandbox", description="Sandbox platform (DESIGN.md §5)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8700)
    parser.add_argument("--base-path", default="/api/kiosk/v1")
    parser.add_argument("--terminal", default="FZ-DEMO-0001", help="enrolled terminal id")
    parser.add_argument("--secret-file", default="var/terminal.secret", type=Path)
    parser.add_argument("--catalogue", type=Path, metavar="FILE",
                        help="serve this catalogue file (JSON) instead of the sandbox's own; refused with the reasons if it does not validate")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    body = None
    if args.catalogue is not None:
        from kiosk.catalogue import CatalogueError
        from kiosk.sandbox.catalogue import from_file

        try:
            body = from_file(args.catalogue)
        except CatalogueError as e:
            print(f"kiosk.sandbox: catalogue {args.catalogue} refused:", file=sys.stderr)
            for reason in e.reasons:
                print(f"  {reason}", file=sys.stderr)
            return 2
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    key = load_or_create_secret(args.secret_file)
    sandbox = SandboxPlatform(args.host, args.port, terminals={args.terminal: key}, base_path=args.base_path,
                              catalogue=body)
    try:
        sandbox.start()
    except OSError as e:
        print(f"kiosk.sandbox: cannot listen on {args.host}:{args.port}: {e.strerror}", file=sys.stderr)
        return 1
    print(f"sandbox platform on {sandbox.url} (terminal {args.terminal})", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
