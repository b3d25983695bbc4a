"""What the technician screens may ask of the running terminal, and the rules they follow.

Qt-free. Every method may block (store writes with an fsync, the platform, a printer): callers on
the GUI thread run them on a worker (screens.technician.common.Page.work) and render the answer.
Each action is audited here, in the same worker call that does it, so a screen never writes the
store itself.
"""
from __future__ import annotations

from kiosk.technician import audit


class TechnicianService:
    """A narrow view of the kiosk for the technician screens: its store and sync worker."""

    def __init__(self, store, sync, export=None):
        """``export(dest) -> Path`` writes the diagnostics archive (kiosk.technician_export)."""
        self.store = store
        self.sync = sync
        self._export = export

    def resolve_job(self, job_id: str, printed: bool) -> None:
        """A job in ``needs_verification`` resolved by what the technician saw at the printer
        (kiosk.print_jobs owns the transition); raises what the store raises."""
        from kiosk import print_jobs

        print_jobs.resolve(self.store, job_id, printed)
        audit(self.store, "job.resolve", old="needs_verification", new={"job": job_id, "printed": printed})
        self.sync.kick()  # the platform hears of the outcome now, not at the next interval

    def purge_expired(self) -> int:
        """Documents past their retention removed now; returns how many."""
        from kiosk import print_jobs

        n = print_jobs.purge_expired(self.store, quiet=False)
        audit(self.store, "documents.purge_expired", new=n)
        return n

    def force_sync(self) -> None:
        """Wake the sync worker at once."""
        self.sync.kick()
        audit(self.store, "sync.force")


    def export_diagnostics(self, dest) -> tuple:
        """The diagnostics archive written under ``dest``: (its path, its size in KB, at least 1)."""
        path = self._export(dest)
        audit(self.store, "diagnostics.export", new=str(path))
        return path, max(1, path.stat().st_size // 1024)


def offset_bounds() -> tuple[int, int]:
    """(lowest, highest) calibration offset in 0.1 mm, as the printers' options declare it."""
    from annotated_types import Ge, Le

    from drivers.printer.pdf_printer import PdfPrinterOptions

    meta = PdfPrinterOptions.model_fields["offset_x_dmm"].metadata
    return (next(m.ge for m in meta if isinstance(m, Ge)), next(m.le for m in meta if isinstance(m, Le)))


def clamp_offset(value: int) -> int:
    """``value`` held within :func:`offset_bounds`."""
    low, high = offset_bounds()
    return max(low, min(high, value))


def with_options(dev, update: dict) -> None:
    """``dev.options`` with ``update`` applied, validated as the config is (a bad value raises
    pydantic's ValidationError and leaves the options as they were). Call on the device's thread."""
    dev.options = type(dev.options).model_validate(dev.options.model_dump() | update)


def for_kiosk(kiosk) -> TechnicianService:
    """The service for the running ``kiosk`` (kiosk.app.Kiosk)."""
    from kiosk import technician_export

    return TechnicianService(kiosk.store, kiosk.sync, export=lambda dest: technician_export.export(kiosk, dest))
