"""``queue``: jobs by state and the outbox depth (DESIGN.md §7).

Reads the store under ``storage.dir`` as it is (kiosk.terminal.Terminal.tool_store). The
local data key is only needed for cached documents,
which this command does not read, so it also works on a terminal whose key file is missing.
A terminal that has no store yet reports an empty queue without creating one.
"""
from __future__ import annotations

from pathlib import Path

from kiosk.diag import DiagError


def add_arguments(parser) -> None:
    parser.add_argument("--busy-timeout", type=float, default=5.0, metavar="S",
                        help="wait at most S seconds for a store the kiosk is writing (default 5)")


def _catalogue(store) -> dict:
    """The cached catalogue's version and size, and why the last answer was refused (if it was)."""
    cached = store.catalogue()
    body = cached[0] if cached else {}
    return {"version": body.get("version") if isinstance(body, dict) else None, "etag": cached[1] if cached else None,
            "services": len(body.get("services") or []) if isinstance(body, dict) else 0,
            "problem": store.get_meta("catalogue.problem") or None}


def run(args, ctx) -> dict:
    from kiosk.terminal import Terminal
    from offline_cache import JobState, StoreError
    from offline_cache.store import DB_NAME

    directory = Path(ctx.config.storage.dir)
    try:
        store = Terminal(ctx.config).tool_store(busy_timeout_s=args.busy_timeout)
    except StoreError as e:
        raise DiagError(f"store: {e}") from None
    if store is None:
        return {"jobs": {s.value: 0 for s in JobState}, "outbox": 0, "oldest_event_at": None,
                "store": f"{directory / DB_NAME} (none yet)"}
    try:
        stats = store.outbox_stats()
        result = {
            "jobs": store.counts(),
            "outbox": stats["depth"],
            "outbox_parked": stats["parked"],
            "oldest_event_at": stats["oldest_event_at"],
            "head_attempts": stats["head_attempts"],
            "last_error": stats["last_error"],
            "cached_document_bytes": store.cache_bytes() if store.has_document_key else None,
            "store": str(directory / DB_NAME),
            "catalogue": _catalogue(store),
        }
    except StoreError as e:
        raise DiagError(f"store: {e}") from None
    finally:
        store.close()
    return result
