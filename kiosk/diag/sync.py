"""``sync [--until-drained] [--timeout S]``: run the sync worker once, or until the outbox is empty."""
from __future__ import annotations

from kiosk.diag import DiagError


def add_arguments(parser) -> None:
    parser.add_argument("--until-drained", action="store_true", help="repeat until the outbox is empty")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S", help="give up after S seconds (default 60)")


def open_terminal(ctx):
    """The configured terminal's core (kiosk.terminal.Terminal) with its store and client open,
    or a one-line DiagError. The caller stops it."""
    from kiosk.config import ConfigError
    from kiosk.local_key import LocalKeyError
    from kiosk.terminal import Terminal
    from offline_cache import StoreError

    terminal = Terminal(ctx.config)
    try:
        _ = terminal.store  # opened now, so a failure is one line here
    except ConfigError as e:
        raise DiagError(str(e)) from None
    except (StoreError, LocalKeyError) as e:
        raise DiagError(f"store: {e}") from None
    return terminal


def make_worker(terminal, **kw):
    """A sync worker of the terminal's own kind, quicker than the kiosk's: a technician waits."""
    sync = terminal.cfg.sync
    return terminal.make_sync_worker(interval_s=min(sync.interval_s, 1.0), max_backoff_s=5.0, **kw)


def run(args, ctx) -> dict:
    if args.timeout <= 0:
        raise DiagError("--timeout must be positive")
    with open_terminal(ctx) as terminal:
        store, client = terminal.store, terminal.client
        worker = make_worker(terminal)
        before = store.outbox_depth()
        if args.until_drained:
            report = worker.run_until_drained(args.timeout)
            ok, delivered, retries, seconds = report.drained, report.delivered, report.retries, report.seconds
        else:
            retries0 = client.retries
            ok = worker.run_cycle()
            delivered, retries, seconds = worker.delivered, worker.failed_deliveries + client.retries - retries0, None
        state = worker.state
        result = {
            "online": state.online, "outbox_before": before, "delivered": delivered, "retries": retries,
            "outbox_depth": store.outbox_depth(), "jobs": {k: v for k, v in store.counts().items() if v},
        }
        if seconds is not None:
            result["seconds"] = round(seconds, 3)
        if not ok:
            what = "outbox not drained" if args.until_drained else "sync cycle failed"
            raise DiagError(f"{what}: {result['outbox_depth']} event(s) left; last error: {state.last_error or 'timeout'}")
        return result
