"""``set-pin``: set the technician PIN (stored as a salted scrypt hash in the terminal's config).

The PIN is read from the terminal (twice, not echoed) or, with ``--stdin``, from one line of
standard input (for provisioning scripts). It is never printed or logged.
"""
from __future__ import annotations

import sys

from kiosk.diag import DiagError


def add_arguments(parser) -> None:
    parser.add_argument("--stdin", action="store_true", help="read the PIN from one line of standard input")


def _read_pin(args) -> str:
    if args.stdin:
        return sys.stdin.readline().strip()
    import getpass

    first = getpass.getpass("new technician PIN (6-12 digits): ")
    if getpass.getpass("again: ") != first:
        raise DiagError("the two PINs differ")
    return first


def run(args, ctx) -> dict:
    from kiosk.config import ConfigError
    from kiosk.technician import hash_pin, pin_problem
    from kiosk.technician_config import ConfigEditor

    from kiosk import local_key

    pin = _read_pin(args)
    problem = pin_problem(pin)
    if problem:
        raise DiagError(problem)
    try:  # the hash is keyed with the terminal's local key (created here on a fresh terminal)
        key, _ = local_key.load_or_create(ctx.config.storage.dir)
    except OSError as e:
        raise DiagError(f"local data key: {e}") from None
    editor = ConfigEditor(ctx.config.source)
    try:
        editor.save(ctx.config, {"technician.pin_hash": hash_pin(pin, pepper=key.pin_pepper)})
    except (ConfigError, OSError) as e:
        raise DiagError(str(e)) from None
    ctx.out(f"technician PIN set in {ctx.config.source}")
    return {"config": str(ctx.config.source), "pin_set": True}
