"""The parts that act out faults for the scenario runner, each on its own (no Qt, no kiosk)."""
from __future__ import annotations

import pytest

from drivers.base import DeviceUnavailable
from drivers.printer.cups_driver import CupsOptions, CupsPrinter
from drivers.printer.test_page import test_page_pdf as page_pdf
from drivers.sim.ipp_sim import IppPrinterSim, wait_for


@pytest.fixture
def printer(tmp_path):
    sim = IppPrinterSim("kiosk-a4", tmp_path / "out", sheet_s=0.01).start()
    options = CupsOptions(printer="kiosk-a4", server=sim.server, job_poll_s=0.05, job_timeout_s=10,
                          request_timeout_s=1)
    dev = CupsPrinter("document", options, lambda *a, **k: None)
    dev.open()
    yield sim, dev
    sim.stop()


def test_ipp_sim_prints_sheet_by_sheet_through_the_real_cups_driver(printer):
    """Given the IPP queue simulator, when the cups driver prints 2 copies, then 2 sheets came out."""
    sim, dev = printer
    outcome = dev.print_pdf(page_pdf("x"), title="t", copies=2)
    assert outcome.printed and outcome.state == "completed"
    assert sim.sheets_out == 2


def test_paper_running_out_mid_job_stops_the_job_and_a_cancelled_job_never_resumes(printer):
    """Given paper for 1 sheet, when 3 copies are printed, then the driver reports media-empty after
    1 sheet; once cancelled, loading paper prints nothing more."""
    sim, dev = printer
    sim.fault("paper-out", after_sheets=1)
    outcome = dev.print_pdf(page_pdf("x"), title="t", copies=3)
    assert not outcome.printed and outcome.reason == "media-empty" and sim.sheets_out == 1
    dev.cancel_job(outcome.job_ref)
    sim.fault("recover")
    assert not wait_for(lambda: sim.sheets_out > 1, timeout=0.5)


def test_a_queue_gone_after_submission_raises_and_the_job_waits_for_its_return(printer):
    """Given the queue goes offline once the job is accepted, then following it raises
    DeviceUnavailable, nothing has come out, and the job prints when the queue is back."""
    sim, dev = printer
    sim.fault("offline", after_submit=True)
    with pytest.raises(DeviceUnavailable):
        dev.print_pdf(page_pdf("x"), title="t")
    assert sim.sheets_out == 0
    sim.fault("recover")
    assert wait_for(lambda: sim.sheets_out == 1, timeout=5)


def test_malformed_job_attributes_reach_the_driver_as_an_unexpected_error(printer):
    sim, dev = printer
    sim.fault("error", after_submit=True)
    with pytest.raises(ValueError):
        dev.print_pdf(page_pdf("x"), title="t")


def test_full_disk_refuses_writes_with_sqlites_own_error_and_reads_go_on(tmp_path):
    """Given a store whose disk is full, then a write fails as StoreUnavailable(disk_full), a
    document write as well, reads still work, and writes work again once there is room."""
    from kiosk.scenario.disk import Disk
    from offline_cache import Store
    from offline_cache.errors import StoreUnavailable

    store = Store.open(tmp_path / "store", doc_key=b"k" * 32)
    job = store.create_job(service_id="s", subject="x", idempotency_key="a")
    disk = Disk(store)
    disk.fill()
    with pytest.raises(StoreUnavailable) as e:
        store.create_job(service_id="s", subject="x", idempotency_key="b")
    assert e.value.reason == "disk_full"
    import hashlib

    pdf = b"%PDF-1.4 test"
    with pytest.raises(StoreUnavailable) as e:
        store.put_document(job.id, pdf, hashlib.sha256(pdf).hexdigest(), None)
    assert e.value.reason == "disk_full"
    assert store.get_job(job.id) is not None
    disk.free()
    store.create_job(service_id="s", subject="x", idempotency_key="b")
    store.put_document(job.id, pdf, hashlib.sha256(pdf).hexdigest(), None)
    assert store.get_document(job.id) == pdf
    store.close()
