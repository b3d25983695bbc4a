"""``refill PRINTER [--sheets N]``: record that a printer's paper was refilled (issue 18).

From then on the heartbeat's sheets since the refill and the ``efz_paper_remaining_sheets``
estimate start again: N sheets loaded (default ``[monitoring] paper_capacity`` of the printer).
Works whether or not the kiosk runs: the record goes to the store, which the kiosk reads.
"""
from __future__ import annotations

from kiosk.diag import DiagError


def add_arguments(parser) -> None:
    parser.add_argument("printer", metavar="PRINTER", help="the printer's device name: document or licence")
    parser.add_argument("--sheets", type=int, metavar="N",
                        help="sheets loaded (default: the printer's [monitoring] paper_capacity)")


def run(args, ctx) -> dict:
    from drivers import registry
    from kiosk.monitoring.paper import record_refill
    from kiosk.monitoring.snapshot import iso
    from kiosk.terminal import Terminal
    from offline_cache import StoreError

    cfg = ctx.config
    # document and licence printers share the DocumentPrinter class (device_class "document")
    printers = [name for name, dev in cfg.devices.items()
                if dev.driver != "none" and registry.driver_class(dev.driver).device_class == "document"]
    if args.printer not in printers:
        raise DiagError(f"{args.printer!r} is not a configured printer; expected one of: {', '.join(printers) or 'none'}")
    if args.sheets is not None and not 1 <= args.sheets <= 100_000:
        raise DiagError("--sheets: expected a number of sheets from 1 to 100000")
    capacity = cfg.monitoring.paper_capacity.get(args.printer)
    try:
        store = Terminal(cfg).tool_store(documents=False, create=True)
    except StoreError as e:
        raise DiagError(f"store: {e}") from None
    try:
        record = record_refill(store, args.printer, sheets=args.sheets, capacity=capacity)
    except StoreError as e:
        raise DiagError(f"store: {e}") from None
    finally:
        store.close()
    return {"printer": args.printer, "refilled_at": iso(record["at"]), "sheets_loaded": record["sheets"],
            "printed_since_previous_refill": record["printed_since_previous"]}
