"""``export --out DIR``: the technician screen's diagnostics archive, written to DIR (DESIGN.md §7).

The same archive as the screen's (kiosk.technician_export.write_archive): logs, the config
without [technician] or any secret, status and queue counts, all masked. The status is the
running kiosk's own view (``storage.dir/status.json``); devices are not opened, since the kiosk
holds them. The store is read without the document key. Prints the archive's path.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from kiosk.diag import DiagError

HELP = "write the diagnostics archive (masked; no secret, no PIN hash) to DIR"


def add_arguments(parser) -> None:
    parser.add_argument("--out", required=True, metavar="DIR", type=Path, help="directory to write the zip into")


def _status(cfg) -> dict:
    from kiosk.terminal import STATUS_FILE

    path = Path(cfg.storage.dir) / STATUS_FILE
    try:
        view = json.loads(path.read_text(encoding="utf-8"))
        view["source"] = "kiosk"
        view["age_s"] = round(time.time() - path.stat().st_mtime, 1)
        return view
    except FileNotFoundError:
        return {"terminal": cfg.terminal.id, "source": "none",
                "note": "the kiosk has not written its status (not running here)"}
    except (OSError, ValueError) as e:
        return {"terminal": cfg.terminal.id, "source": "none", "note": f"status.json unreadable: {e}"}


def _queue(cfg) -> tuple[dict, object | None]:
    from kiosk.technician_export import queue_view
    from kiosk.terminal import Terminal
    from offline_cache import StoreError

    try:
        store = Terminal(cfg).tool_store(documents=False)
    except StoreError as e:
        return {"error": str(e)}, None
    if store is None:
        return {"jobs": {}, "outbox": 0, "note": "no store yet"}, None
    return queue_view(store), store


def run(args, ctx) -> dict:
    from kiosk.technician import audit
    from kiosk.technician_export import write_archive

    cfg = ctx.config
    queue, store = _queue(cfg)
    try:
        try:
            path = write_archive(cfg, args.out, status=_status(cfg), queue=queue)
        except OSError as e:
            raise DiagError(f"cannot write the archive into {args.out}: {e.strerror or e}") from None
        audit(store, "diagnostics.export", new=str(path), who="technician (cli)")
    finally:
        if store is not None:
            store.close()
    import zipfile

    with zipfile.ZipFile(path) as z:
        files = z.namelist()
    ctx.out(f"diagnostics written to {path}")
    return {"path": str(path), "bytes": path.stat().st_size, "files": files}
