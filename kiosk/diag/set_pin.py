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


def apply(config, pin: str):
    """Store ``pin``'s keyed hash in ``config``'s file; returns the config as now saved.
    Raises DiagError with a technician-readable reason (a PIN the rules refuse, an unwritable file)."""
    from kiosk.config import ConfigError
    from kiosk.technician import hash_pin, pin_problem
    from kiosk.technician_config import ConfigEditor

    from kiosk import local_key

    problem = pin_problem(pin)
    if problem:
        raise DiagError(problem)
    try:  # the hash is keyed with the terminal's local key (created here on a fresh terminal)
        key, _ = local_key.load_or_create(config.storage.dir)
    except OSError as e:
        raise DiagError(f"local data key: {e}") from None
    editor = ConfigEditor(config.source)
    try:
        saved, _ = editor.save(config, {"technician.pin_hash": hash_pin(pin, pepper=key.pin_pepper)})
    except (ConfigError, OSError) as e:
        raise DiagError(str(e)) from None
    return saved


def run(args, ctx) -> dict:
    apply(ctx.config, _read_pin(args))
    ctx.out(f"technician PIN set in {ctx.config.source}")
    return {"config": str(ctx.config.source), "pin_set": True}
