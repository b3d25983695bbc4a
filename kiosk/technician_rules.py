"""The rules behind the technician service, each a plain function: the calibration offsets'
bounds, the platform connectivity check, the queue snapshot and the self-test receipt.

Qt-free; the ones that block (connectivity, queue_snapshot) are run on the service's workers.
"""
from __future__ import annotations

import email.utils
import time


def offset_bounds() -> tuple[int, int]:
    """(lowest, highest) calibration offset in 0.1 mm, as the printers' options declare it."""
    from annotated_types import Ge, Le

    from drivers.options import PdfPrinterOptions

    meta = PdfPrinterOptions.model_fields["offset_x_dmm"].metadata
    return (next(m.ge for m in meta if isinstance(m, Ge)), next(m.le for m in meta if isinstance(m, Le)))


def clamp_offset(value: int) -> int:
    """``value`` held within :func:`offset_bounds`."""
    low, high = offset_bounds()
    return max(low, min(high, value))


def step_offset(value: int, delta: int) -> int:
    """One press of a calibration step button: ``value + delta`` held within the bounds."""
    return clamp_offset(int(value) + int(delta))


def with_options(dev, update: dict) -> None:
    """``dev.options`` with ``update`` applied, validated as the config is (a bad value raises
    pydantic's ValidationError and leaves the options as they were). Call on the device's thread."""
    dev.options = dev.options.updated(**update)


def connectivity(client) -> list[tuple[str, bool, str]]:
    """Health, a signed call and the clock skew (blocks). Texts are Chinese sources."""
    from kiosk.platform_client import PlatformError, Rejected
    from kiosk.signing import MAX_SKEW_S

    results = []
    started = time.monotonic()
    skew = None
    try:
        ans = client.request("GET", "/health", signed=False, attempts=1)
        ms = round((time.monotonic() - started) * 1000)
        results.append(("health", True, f"{ans.status} · {ms} ms"))
        date = ans.headers.get("Date")
        if date:
            skew = email.utils.parsedate_to_datetime(date).timestamp() - time.time()
    except PlatformError as e:
        results.append(("health", False, str(e)))
    try:
        client.request("GET", "/catalogue", attempts=1)
        results.append(("signed", True, "200"))
    except Rejected as e:
        results.append(("signed", False, e.code))
    except PlatformError as e:
        results.append(("signed", False, str(e)))
    except Exception as e:  # a missing secret file: ConfigError
        results.append(("signed", False, str(e)))
    if skew is None:
        results.append(("clock", False, "?"))
    else:
        results.append(("clock", abs(skew) < MAX_SKEW_S - 60, f"{skew:+.0f} s"))
    return results


def queue_snapshot(store) -> dict:
    """Job counts, the outbox and the jobs waiting for a technician's verdict (blocks)."""
    stats = store.outbox_stats()
    return {"counts": store.counts(), "outbox": stats.get("depth", 0), "last_error": stats.get("last_error"),
            "verify": [(j.id, j.kind, j.service_id, j.platform_job_id or "", j.error_code or "")
                       for j in store.jobs(state="needs_verification")]}


def receipt_sample(terminal_id: str):
    import datetime as dt

    from drivers.classes import Receipt

    return Receipt(title="自检凭条 Self-test", lines=[("终端", terminal_id),
                                                   ("时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"))],
                   qr="SELFTEST", footer="技术员自检")
