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


def for_kiosk(kiosk) -> TechnicianService:
    """The service for the running ``kiosk`` (kiosk.app.Kiosk)."""
    from kiosk import technician_export

    return TechnicianService(kiosk.store, kiosk.sync, export=lambda dest: technician_export.export(kiosk, dest))
