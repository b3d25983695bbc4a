"""Entry point of the technician CLI: never a traceback, one-line reasons, stable output."""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys

from kiosk.diag import SUBCOMMANDS, Context, DiagError, render_human


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(prog="python -m kiosk.diag", description="Kiosk technician tools")
    sub = parser.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")
    modules = {}
    for name, module_name in SUBCOMMANDS.items():
        module = importlib.import_module(f"kiosk.diag.{module_name}")
        p = sub.add_parser(name, help=getattr(module, "HELP", ""))
        p.add_argument("--config", metavar="FILE", help="terminal config (else KIOSK_CONFIG, else defaults)")
        p.add_argument("--json", action="store_true", help="one JSON object on the last line of stdout")
        module.add_arguments(p)
        modules[name] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    try:
        parser, modules = build_parser()
    except Exception as e:  # a subcommand module failed to import: say which, no traceback
        print(f"kiosk.diag: cannot load subcommands: {e}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    ctx = Context(args)
    try:
        result = modules[args.command].run(args, ctx)
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
