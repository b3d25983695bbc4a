"""Technician CLI, ``python -m kiosk.diag SUBCOMMAND`` (DESIGN.md §7).

Each subcommand is a module here (its one-line help is in :data:`SUBCOMMANDS`) exposing
``add_arguments(parser)`` and ``run(args, ctx) -> dict``. ``run`` raises :class:`DiagError` for a failure a technician should
read; the dict is printed as JSON on the last line with ``--json``, else as ``key: value`` lines.
Personal data must already be masked in what ``run`` returns or prints.
"""
from __future__ import annotations

import json
from functools import cached_property

#: subcommand → (module name under kiosk.diag, one-line help). Only the module of the
#: subcommand being run is imported, so one broken optional library never blocks the others.
SUBCOMMANDS = {
    "status": ("status", "every device's status, the network state, queue depths"),
    "read-card": ("read_card", "one read through the ID card driver (masked)"),
    "decode": ("decode", "decode QR images with the camera decoder pipeline"),
    "print-receipt": ("print_receipt", "print a sample receipt"),
    "print-test": ("print_test", "print a test or calibration page"),
    "outbox-selftest": ("outbox_selftest", "deliver N self-test events through the real sync worker"),
    "sync": ("sync", "run the sync worker until the outbox is empty"),
    "queue": ("queue", "jobs by state and the outbox depth"),
    "export": ("export", "the diagnostics archive (masked; no secret, no PIN hash) written to DIR"),
    "set-pin": ("set_pin", "set the technician PIN (keyed scrypt hash in [technician] pin_hash)"),
    "refill": ("refill", "record a paper refill of a printer (document, licence)"),
}


class DiagError(Exception):
    """A failure to report on stderr in one line (exit status ``code``)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def options_with_flags(options, flags: dict[str, tuple[str, object]]):
    """The driver ``options`` with command-line values applied, validated by the driver's options
    model as the config is. ``flags`` maps an option's key to (flag, value). A value the model
    refuses is a :class:`DiagError` (exit status 1) naming the flag and the bound it broke."""
    from pydantic import ValidationError

    try:
        return options.updated(**{key: value for key, (_, value) in flags.items()})
    except ValidationError as e:
        problems = []
        for err in e.errors():
            key = ".".join(str(p) for p in err["loc"])
            flag, _ = flags.get(key, (key, None))
            problems.append(f"{flag} {err.get('input')!r}: {err['msg']} ({type(options).__name__}.{key})")
        raise DiagError("; ".join(problems)) from None


class Context:
    def __init__(self, args):
        self.args = args
        self.json = bool(getattr(args, "json", False))

    @cached_property
    def config(self):
        """The kiosk config from --config, else KIOSK_CONFIG, else the defaults."""
        from kiosk import config as config_mod

        try:
            return config_mod.load(self.args.config)
        except config_mod.ConfigError as e:
            raise DiagError(f"config: {e}") from None

    def out(self, text: str) -> None:
        """A human line (also printed with --json, before the JSON object)."""
        print(text, flush=True)

    def emit_json_line(self, obj: dict) -> None:
        print(json.dumps(obj, ensure_ascii=False), flush=True)


def render_human(result: dict, indent: str = "") -> list[str]:
    lines = []
    for key, value in result.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines += render_human(value, indent + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{key}:")
            for item in value:
                lines.append(indent + "  - " + ", ".join(f"{k}={v}" for k, v in item.items()))
        else:
            lines.append(f"{indent}{key}: {readable(key, value)}")
    return lines


def readable(key: str, value):
    """A time stored as Unix seconds (keys ending ``_at``/``since``) as local date and time for
    people; ``--json`` keeps the number."""
    import datetime as dt

    if (key.endswith("_at") or key == "since") and isinstance(value, (int, float)) and not isinstance(value, bool) \
            and value > 1e8:
        return dt.datetime.fromtimestamp(value).strftime("%Y-%m-%d %H:%M:%S")
    return value
