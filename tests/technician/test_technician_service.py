"""kiosk.technician_service without Qt: a real store; each action does its work and is audited."""
from __future__ import annotations

from kiosk.technician_service import TechnicianService
from offline_cache import Store


class Kicks:
    """Counts sync wake-ups (the sync worker itself is exercised by the screen tests)."""

    def __init__(self):
        self.n = 0

    def kick(self):
        self.n += 1


def audits(store, what):
    return [e.data for e in store.pending_events(limit=100)
            if e.type == "technician.audit" and e.data["what"] == what]


def test_resolving_a_job_moves_it_audits_it_and_wakes_sync(tmp_path):
    store = Store.open(tmp_path / "store", doc_key=bytes(range(32)))
    try:
        job = store.create_job(service_id="social_insurance_payment", platform_job_id="J-SVC-1")
        for state in ("ready", "printing"):
            store.transition(job.id, state)
        store.transition(job.id, "needs_verification", error_code="interrupted_while_printing")
        sync = Kicks()
        service = TechnicianService(store, sync)
        service.resolve_job(job.id, False).result(10)
        assert store.get_job(job.id).state.value == "failed"
        assert audits(store, "job.resolve")[0]["new"] == {"job": job.id, "printed": False}
        assert sync.n == 1
        assert service.purge_expired().result(10) == 0
        assert audits(store, "documents.purge_expired")[0]["new"] == 0
        service.force_sync().result(10)
        assert sync.n == 2 and audits(store, "sync.force")
    finally:
        store.close()


def test_a_device_option_change_is_validated_and_the_offset_held_in_bounds():
    import pytest
    from pydantic import ValidationError

    from drivers.printer.pdf_printer import PdfPrinterOptions
    from kiosk.technician_service import clamp_offset, offset_bounds, with_options

    class Dev:
        options = PdfPrinterOptions(offset_x_dmm=10)

    dev = Dev()
    with_options(dev, {"offset_y_dmm": -20})
    assert (dev.options.offset_x_dmm, dev.options.offset_y_dmm) == (10, -20)
    with pytest.raises(ValidationError):
        with_options(dev, {"offset_x_dmm": offset_bounds()[1] + 1})
    assert dev.options.offset_x_dmm == 10  # unchanged by the refused value
    assert clamp_offset(10_000) == offset_bounds()[1] and clamp_offset(-10_000) == offset_bounds()[0]
