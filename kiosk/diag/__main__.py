"""Entry point of the technician CLI: never a traceback, one-line reasons, stable output."""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys

from kiosk.diag import SUBCOMMANDS, Context, DiagError, render_human


def build_parser(chosen: str | None) -> tuple[argparse.ArgumentParser, object | None]:
    """The parser, with full options for the ``chosen`` subcommand (whose module is imported)."""
    parser = argparse.ArgumentParser(prog="python -m kiosk.diag", description="Kiosk technician tools")
    sub = parser.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")
    module = None
    for name, (module_name, text) in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("--config", metavar="FILE", help="terminal config (else KIOSK_CONFIG, else defaults)")
        p.add_argument("--json", action="store_true", help="one JSON object on the last line of stdout")
        if name == chosen:
            module = importlib.import_module(f"kiosk.diag.{module_name}")
            module.add_arguments(p)
    return parser, module


def main(argv: list[str] | None = None) -> int:
    from kiosk import logs

    logs.setup_console(logging.WARNING)  # masked like the kiosk's own logs
    argv = sys.argv[1:] if argv is None else argv
    chosen = next((a for a in argv if not a.startswith("-")), None)
    try:
        parser, module = build_parser(chosen if chosen in SUBCOMMANDS else None)
    except Exception as e:  # the subcommand's module failed to import: say why, no traceback
        print(f"{chosen}: cannot load: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    ctx = Context(args)
    try:
        result = module.run(args, ctx)
    except DiagError as e:
        print(f"{args.command}: {e}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print(f"{args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        logging.getLogger("kiosk.diag").debug("unexpected failure", exc_info=True)
        print(f"{args.command}: unexpected error: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    if result is None:
        return 0
    if ctx.json:
        print(json.dumps(result, ensure_ascii=False, default=str), flush=True)
    else:
        for line in render_human(result):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
