"""``sync [--until-drained] [--timeout S]``: run the sync worker once, or until the outbox is empty."""
from __future__ import annotations

from kiosk.diag import DiagError


def add_arguments(parser) -> None:
    parser.add_argument("--until-drained", action="store_true", help="repeat until the outbox is empty")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S", help="give up after S seconds (default 60)")


def open_parts(ctx):
    """(store, client) for the configured terminal, or a one-line DiagError."""
    from kiosk.config import ConfigError
    from kiosk.platform_client import client_from_config
    from kiosk.data_at_rest import open_store
    from kiosk.local_key import LocalKeyError
    from offline_cache import StoreError

    cfg = ctx.config
    try:
        secret = cfg.secret()
    except ConfigError as e:
        raise DiagError(str(e)) from None
    try:
        store, key = open_store(cfg, secret=secret)
    except (StoreError, LocalKeyError) as e:
        raise DiagError(f"store: {e}") from None
    ctx.local_key = key
    return store, client_from_config(cfg)


def make_worker(ctx, store, client, **kw):
    from kiosk.sync import SyncWorker

    sync = ctx.config.sync
    key = getattr(ctx, "local_key", None)
    if key is not None:
        from kiosk.sealed import unseal

        kw.setdefault("id_digest", key.id_digest_of_sha256)
        kw.setdefault("unseal", lambda blob: unseal(key.sealing, blob))
    return SyncWorker(store, client, interval_s=min(sync.interval_s, 1.0), batch_size=sync.batch_size,
                      max_backoff_s=5.0, **kw)


def run(args, ctx) -> dict:
    if args.timeout <= 0:
        raise DiagError("--timeout must be positive")
    store, client = open_parts(ctx)
    try:
        worker = make_worker(ctx, store, client)
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
    finally:
        client.close()
        store.close()
