"""``print-test --device document|licence``: print the test page (the calibration page on the
licence printer) through the configured driver and report how the job ended. A ``--timeout`` the
driver's options refuse (see drivers/options.py) exits 1 before anything is printed."""
from __future__ import annotations

import inspect
import logging

from kiosk.diag import DiagError, options_with_flags


def add_arguments(parser) -> None:
    parser.add_argument("--device", required=True, choices=("document", "licence"),
                        help="which configured printer")
    parser.add_argument("--timeout", type=float, default=None, metavar="S",
                        help="give up following the job after S seconds (default: the driver's)")


def run(args, ctx) -> dict:
    from drivers import registry
    from drivers.base import DeviceError
    from drivers.printer.offset import OffsetError
    from drivers.printer.test_page import FontMissing

    dev_cfg = ctx.config.devices.get(args.device)
    if dev_cfg is None:
        raise DiagError(f"no [devices.{args.device}] in the config")
    if dev_cfg.driver == "none":
        raise DiagError(f"devices.{args.device} is not fitted (driver = \"none\")")
    cls = registry.driver_class(dev_cfg.driver)
    options = dev_cfg.options()
    if args.timeout is not None and "job_timeout_s" in type(options).model_fields:
        options = options_with_flags(options, {"job_timeout_s": ("--timeout", args.timeout)})
    if not hasattr(cls, "print_pdf"):
        raise DiagError(f"devices.{args.device}: driver {dev_cfg.driver!r} is not a document printer")
    events = []
    device = cls(args.device, options, events.append)
    progress = []

    def on_progress(state: str, info: dict) -> None:
        progress.append(state)
        if not ctx.json:
            ctx.out(f"job {info.get('job_ref', '')}: {state}")

    # the outcome is reported below in one line; the driver's own warnings would repeat it
    logging.getLogger("drivers.printer").setLevel(logging.ERROR)
    try:
        device.open()
        licence = args.device == "licence" or getattr(device, "device_class", "") == "licence"
        action = getattr(device, "print_calibration_page", None) if licence else None
        page = "calibration" if action else "test"
        action = action or device.print_test_page
        if "on_progress" in inspect.signature(action).parameters:
            outcome = action(on_progress=on_progress)
        else:
            outcome = action()
    except (DeviceError, OffsetError, FontMissing) as e:
        raise DiagError(f"{args.device}: {e}") from None
    finally:
        device.close()
    status = device.status()
    result = {
        "device": args.device,
        "driver": dev_cfg.driver,
        "page": page,
        "printed": outcome.printed,
        "job_ref": outcome.job_ref,
        "state": outcome.state,
        "reason": outcome.reason,
        "pages": outcome.pages,
        "progress": progress,
        "status": {"state": status.state.value, **status.detail},
    }
    if not outcome.printed:
        if ctx.json:
            ctx.emit_json_line(result)
        raise DiagError(f"{args.device}: not printed ({outcome.state}: {outcome.reason or 'unknown'})")
    return result

