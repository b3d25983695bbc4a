"""The command-line front end the device simulators share (``python -m drivers.sim NAME``).

:func:`serve` prints the banner, then reads commands from standard input, one a line, until
``quit``; each command's answer (``ok`` unless it returns something else, nothing for None)
is printed; a ValueError or KeyError prints ``error: ...``. When standard input closes (started
in the background) the simulator keeps serving until Ctrl-C or SIGTERM. ``stop`` always runs.
"""
from __future__ import annotations

import logging
import signal
import sys
import threading
from typing import Callable

#: a command: its words after the first → the line to print ("ok" when it returns "")
Command = Callable[[list[str]], "str | None"]


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def setup_logging(fmt: str = "%(levelname)s %(name)s: %(message)s") -> None:
    logging.basicConfig(level=logging.INFO, format=fmt)
    signal.signal(signal.SIGTERM, _interrupt)
    # Ctrl-C quits even when started from a script's background job: a shell starts those with
    # SIGINT ignored, and Python then leaves it ignored instead of raising KeyboardInterrupt
    signal.signal(signal.SIGINT, signal.default_int_handler)


def serve(banner: str, commands: dict[str, Command], stop: Callable[[], None], *,
          other: Command | None = None, blank: Command | None = None,
          fatal: tuple[type[Exception], ...] = ()) -> int:
    """Run the console. ``other`` takes any line that is not a command (as ``[line]``),
    ``blank`` an empty line (Enter). An exception of ``fatal`` ends the console with its
    message on stderr and status 1. Returns the exit status."""
    print(banner, flush=True)
    try:
        for line in sys.stdin:
            text = line.rstrip("\r\n")
            words = text.split()
            if not words:
                if blank is not None:
                    print(blank([]) or "ok", flush=True)
                continue
            if words[0] == "quit":
                break
            handler = commands.get(words[0])
            args = words[1:]
            if handler is None and other is not None:
                handler, args = other, [text]
            if handler is None:
                print(f"unknown command: {text.strip()}; commands: {', '.join(commands)}, quit", flush=True)
                continue
            try:
                answer = handler(args)
            except (KeyError, ValueError) as e:
                print(f"error: {e}", flush=True)
                continue
            if answer is not None:
                print(answer or "ok", flush=True)
        else:
            threading.Event().wait()   # stdin closed (run in the background): serve until Ctrl-C
    except KeyboardInterrupt:
        pass
    except fatal as e:
        print(f"{e}", file=sys.stderr)
        return 1
    finally:
        stop()
    return 0
