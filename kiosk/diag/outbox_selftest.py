"""``outbox-selftest --events N [--timeout S]`` (DESIGN.md §7).

Puts N ``terminal.selftest`` events in the outbox in one transaction, each with
``data: {"run": <uuid>, "seq": i, "of": N}``, then runs the real sync worker until they are all
acknowledged or the timeout passes. Works against any server implementing DESIGN.md §5.
"""
from __future__ import annotations

import threading
import uuid

from kiosk.diag import DiagError
from kiosk.diag.sync import make_worker, open_terminal


def add_arguments(parser) -> None:
    parser.add_argument("--events", type=int, required=True, metavar="N", help="how many events (1..1000000)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S", help="give up after S seconds (default 60)")


def run(args, ctx) -> dict:
    if not 1 <= args.events <= 1_000_000:
        raise DiagError("--events must be within 1..1000000")
    if args.timeout <= 0:
        raise DiagError("--timeout must be positive")
    with open_terminal(ctx) as terminal:
        store = terminal.store
        run_id = str(uuid.uuid4())
        n = args.events
        ids = store.add_events([("terminal.selftest", {"run": run_id, "seq": i, "of": n}) for i in range(1, n + 1)])
        waiting, lock = set(ids), threading.Lock()

        def on_ack(acked):
            with lock:
                waiting.difference_update(acked)

        worker = make_worker(terminal, on_ack=on_ack)
        report = worker.run_until_drained(args.timeout, outbox_only=True)
        delivered = n - len(waiting)
        result = {"run": run_id, "events": n, "delivered": delivered, "retries": report.retries,
                  "seconds": round(report.seconds, 3), "outbox_depth": store.outbox_depth()}
        if delivered < n:
            raise DiagError(f"delivered {delivered} of {n} events in {report.seconds:.1f} s; "
                            f"last error: {worker.state.last_error or 'timeout'}")
        return result
