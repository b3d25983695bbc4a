"""``print-receipt [--uri U] --sample``: print a sample receipt through the ESC/POS driver.

The printer is ``--uri`` if given, else ``[devices.receipt]`` of the config. The sample carries
the terminal's name, a fake service and job, a fake resident's masked name and ID number and a
QR code. Exit status: 0 printed, 3 printer unreachable, 4 printer refused (paper out, cover
open, error), 1 anything else a technician must fix (bad address, a ``--timeout`` the driver's
options refuse, no receipt printer).
"""
from __future__ import annotations

import datetime as dt
import secrets

from kiosk.diag import DiagError, options_with_flags

EXIT_UNREACHABLE = 3
EXIT_REFUSED = 4
#: One receipt, so waiting longer for the status answer costs little and avoids "unknown".
STATUS_TIMEOUT_S = 2.0


def add_arguments(parser) -> None:
    parser.add_argument("--uri", help="printer address: tcp://host[:port], serial:///dev/ttyS0?baud=19200, "
                                      "usb://VID:PID (default: devices.receipt in the config)")
    parser.add_argument("--sample", action="store_true", help="print the sample receipt")
    parser.add_argument("--timeout", type=float, default=5.0, metavar="S", help="connect timeout (default 5)")


def _terminal_name(ctx) -> str:
    """The terminal's name; a config broken elsewhere must not stop a printer test."""
    try:
        return ctx.config.terminal.name
    except DiagError:
        from kiosk import config as config_mod

        try:
            raw, _ = config_mod.raw_config(ctx.args.config)
            return str(raw["terminal"]["name"])
        except (config_mod.ConfigError, KeyError, TypeError):
            return "自助服务终端"


def _options(args, ctx):
    from drivers.receipt.escpos_driver import EscposOptions
    from drivers.receipt.uri import PrinterUriError, parse

    if args.uri:
        try:
            parse(args.uri)
        except PrinterUriError as e:
            raise DiagError(str(e)) from None
        options = EscposOptions(uri=args.uri)
    else:
        dev = ctx.config.devices.get("receipt")
        if dev is None or dev.driver != "escpos":
            raise DiagError("no ESC/POS receipt printer configured ([devices.receipt] driver = \"escpos\"); "
                            "pass --uri")
        options = dev.options()
    status_timeout = max(options.status_timeout_s, STATUS_TIMEOUT_S)
    return options_with_flags(options, {"timeout_s": ("--timeout", args.timeout),
                                        "status_timeout_s": ("status timeout", status_timeout)})


def sample_receipt(terminal_name: str, now: dt.datetime | None = None):
    """The sample receipt: fake resident and job, personal data masked as on a real receipt."""
    from drivers.classes import Receipt
    from drivers.sim.people import RESIDENTS
    from kiosk.privacy import mask_id, mask_name

    now = now or dt.datetime.now()
    person = RESIDENTS[0]
    job = f"T{now:%Y%m%d}-{secrets.token_hex(3).upper()}"
    return Receipt(
        title=terminal_name,
        lines=[("业务", "社会保险缴费证明（测试）"), ("时间", f"{now:%Y-%m-%d %H:%M}"), ("编号", job),
               ("姓名", mask_name(person.name)), ("证件号", mask_id(person.id_number))],
        qr=f"efz://verify/{job}",
        footer="测试凭条 不作为办事凭证\nTEST RECEIPT - NOT VALID",
    )


def run(args, ctx) -> dict:
    from drivers.base import DeviceError, DeviceUnavailable
    from drivers.receipt.escpos_driver import EscposReceiptPrinter

    if not args.sample:
        raise DiagError("nothing to print: pass --sample")
    options = _options(args, ctx)
    receipt = sample_receipt(_terminal_name(ctx))
    events = []
    printer = EscposReceiptPrinter("receipt", options, events.append)
    try:
        printer.open()
        printer.print_receipt(receipt)
    except DeviceUnavailable as e:
        raise DiagError(str(e), EXIT_UNREACHABLE) from None
    except DeviceError as e:
        raise DiagError(f"{e} ({e.code})", EXIT_REFUSED) from None
    finally:
        printer.close()
    status = printer.status()
    if not ctx.json:
        ctx.out(f"printed a sample receipt on {options.uri}")
    return {
        "uri": options.uri,
        "printed": True,
        "paper": status.detail.get("paper", "unknown"),
        "status": {"state": status.state.value, **status.detail},
        "title": receipt.title,
        "lines": [f"{label}: {value}" for label, value in receipt.lines],
        "qr": receipt.qr,
    }
