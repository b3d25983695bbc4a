"""The CUPS driver against a real private cupsd (see conftest.py): jobs, copies, page ranges,
printer-state reasons from the test backend, jobs stuck behind paper-out, missing queues."""
import threading
import time

import pytest

from drivers.base import DeviceState, DeviceUnavailable, EventKind
from drivers.printer.cups_driver import CupsPrinter
from tests.printer.pdfs import make_pdf, page_texts

pytestmark = pytest.mark.cups

A3_PT = (842, 1191)


def printer(cups, queue="kiosk-a4", name="document", **opts):
    events = []
    opts.setdefault("job_poll_s", 0.1)
    opts.setdefault("job_timeout_s", 60)
    dev = CupsPrinter(name, CupsPrinter.Options(printer=queue, server=cups.server, **opts), events.append)
    return dev, events


def job_pdf(cups, queue, job_ref):
    return (cups.outdir(queue) / f"job-{job_ref}.pdf").read_bytes()


def test_job_completes_and_the_pdf_arrives(cups_a4):
    """Given an open CUPS printer, when a 2-page PDF is printed, then the job is followed to
    completed, progress is reported, and the backend received that PDF."""
    dev, events = printer(cups_a4)
    dev.open()
    assert dev.status().state == DeviceState.ONLINE and dev.status().usable
    seen = []
    outcome = dev.print_pdf(make_pdf("first", "second"), title="doc", on_progress=lambda s, i: seen.append(s))
    assert outcome.printed and outcome.state == "completed" and outcome.reason == ""
    assert seen[-1] == "completed"
    pdf = job_pdf(cups_a4, "kiosk-a4", outcome.job_ref)
    assert pdf.startswith(b"%PDF")
    assert page_texts(pdf) == ["first", "second"]
    assert any(e.kind == EventKind.JOB_COMPLETED and e.data["job_ref"] == outcome.job_ref for e in events)


def test_copies_page_ranges_and_media_reach_the_printer(cups_a4):
    dev, _ = printer(cups_a4, media_sources={"A3": "Tray2"})
    dev.open()
    outcome = dev.print_pdf(make_pdf("one", "two", "three"), title="licence", copies=2, media="A3",
                            page_ranges="2-3")
    assert outcome.printed
    pdf = job_pdf(cups_a4, "kiosk-a4", outcome.job_ref)
    assert page_texts(pdf) == ["two", "three"]
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        assert tuple(round(v) for v in doc[0].get_size()) == A3_PT
    finally:
        doc.close()
    copies = (cups_a4.outdir("kiosk-a4") / f"job-{outcome.job_ref}.copies").read_text().strip()
    assert copies == "2"
    options = (cups_a4.outdir("kiosk-a4") / f"job-{outcome.job_ref}.options").read_text()
    assert "InputSlot=Tray2" in options.split()


def test_state_reasons_map_to_status_and_paper_events(cups_a4):
    """Given the printer reports media-low and toner-low during a job, the job still counts as
    printed, poll() shows paper low / toner low (usable), and PAPER_LOW was emitted once."""
    out = cups_a4.outdir("kiosk-a4")
    (out / "reasons").write_text("media-low-warning toner-low-report\n")
    dev, events = printer(cups_a4)
    dev.open()
    assert dev.print_pdf(make_pdf("x"), title="t").printed
    dev.poll()
    status = dev.status()
    assert status.detail["paper"] == "low" and status.detail["toner"] == "low"
    assert status.usable and status.state == DeviceState.ONLINE
    assert [e.kind for e in events].count(EventKind.PAPER_LOW) == 1
    changed = [e.data["changed"] for e in events if e.kind == EventKind.STATUS_CHANGED]
    assert any(c.get("toner") == "low" for c in changed)
    # the printer recovers: reasons cleared by the next job
    (out / "reasons").unlink()
    (out / "clear").write_text("media-low-warning toner-low-report\n")
    try:
        assert dev.print_pdf(make_pdf("y"), title="t").printed
    finally:
        (out / "clear").unlink()
    dev.poll()
    assert dev.status().detail["paper"] == "ok" and dev.status().detail["toner"] == "ok"


def test_completed_job_with_a_jam_is_not_printed(cups_a4):
    """Given the printer reports media-jam while CUPS completes the job, the outcome is not
    printed (CUPS 'completed' only means the data left), and the next job is not submitted."""
    out = cups_a4.outdir("kiosk-a4")
    (out / "reasons").write_text("media-jam-error\n")
    dev, events = printer(cups_a4)
    dev.open()
    outcome = dev.print_pdf(make_pdf("x"), title="t")
    assert not outcome.printed and outcome.reason == "media-jam"
    assert outcome.state in ("processing", "completed")
    # wait for CUPS to call it completed: still not printed
    ended = outcome
    for _ in range(200):
        if ended.state == "completed":
            break
        time.sleep(0.05)   # CUPS's own backend, not Qt: its job ends on its schedule
        ended = dev.follow_job(outcome.job_ref)
    assert ended.state == "completed" and not ended.printed and ended.reason == "media-jam"
    assert dev.status().state == DeviceState.HARDWARE_ERROR and dev.status().detail["paper"] == "jammed"
    assert EventKind.PAPER_OUT in [e.kind for e in events]
    again = dev.print_pdf(make_pdf("x"), title="t")
    assert not again.printed and again.state == "not-submitted" and again.reason == "media-jam"


def test_paper_out_mid_job_is_not_printed_and_the_job_resumes(cups_a4):
    """Given the printer runs out of paper during a job, print_pdf returns printed=False with
    reason media-empty and leaves the job in CUPS; when paper is refilled, following the job
    again reports it printed."""
    out = cups_a4.outdir("kiosk-a4")
    (out / "block").write_text("media-empty-error")
    dev, events = printer(cups_a4)
    dev.open()
    outcome = dev.print_pdf(make_pdf("stuck"), title="t")
    assert not outcome.printed and outcome.reason == "media-empty"
    assert outcome.state in ("processing", "pending") and outcome.job_ref
    assert dev.status().detail["paper"] == "out" and not dev.status().usable
    assert EventKind.PAPER_OUT in [e.kind for e in events]
    # the job was kept, not cancelled
    assert outcome.job_ref in [j["job_ref"] for j in dev.active_jobs()]
    # paper refilled: resume following the same job
    (out / "block").unlink()
    resumed = dev.follow_job(outcome.job_ref)
    for _ in range(200):   # until CUPS clears the reason and the job ends (its own schedule)
        if resumed.printed:
            break
        time.sleep(0.05)
        resumed = dev.follow_job(outcome.job_ref)
    assert resumed.printed and resumed.state == "completed"
    assert page_texts(job_pdf(cups_a4, "kiosk-a4", outcome.job_ref)) == ["stuck"]
    dev.poll()
    assert dev.status().usable


def test_job_timeout_is_not_printed(cups_a4):
    """Given a job that stays processing without any printer error, the driver gives up after
    job_timeout_s with reason timeout (the job is left alone)."""
    out = cups_a4.outdir("kiosk-a4")
    (out / "block").write_text("warming-up")
    dev, _ = printer(cups_a4, job_timeout_s=1.0)
    dev.open()
    outcome = dev.print_pdf(make_pdf("slow"), title="t")
    assert not outcome.printed and outcome.reason == "timeout"


def test_stopped_queue_is_not_printed(cups_a4):
    """Given the backend fails with 'stop printer', the queue stops and the job is not printed."""
    out = cups_a4.outdir("kiosk-a4")
    (out / "exit").write_text("4")
    dev, _ = printer(cups_a4)
    dev.open()
    outcome = dev.print_pdf(make_pdf("x"), title="t")
    assert not outcome.printed
    assert outcome.reason in ("paused", "stopped")
    dev.poll()
    assert dev.status().state == DeviceState.HARDWARE_ERROR


def test_missing_queue_and_server_are_unavailable(private_cups):
    dev, _ = printer(private_cups, queue="no-such-queue")
    with pytest.raises(DeviceUnavailable, match="does not exist"):
        dev.open()
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dev = CupsPrinter("document", CupsPrinter.Options(printer="kiosk-a4", server=f"127.0.0.1:{port}"),
                      lambda e: None)
    with pytest.raises(DeviceUnavailable):
        dev.open()


def test_rejecting_queue_is_unavailable(cups_a4):
    cups_a4.lp("cupsreject", "kiosk-a4")
    dev, _ = printer(cups_a4)
    with pytest.raises(DeviceUnavailable, match="not accepting"):
        dev.open()


def test_queue_deleted_while_open_makes_poll_raise(private_cups):
    private_cups.lp("lpadmin", "-p", "kiosk-gone", "-E", "-v", f"kiosktest:{private_cups.root / 'out'}",
                    "-P", str(private_cups.root / "kiosk-test.ppd"))
    dev, _ = printer(private_cups, queue="kiosk-gone")
    dev.open()
    dev.poll()
    private_cups.lp("lpadmin", "-x", "kiosk-gone")
    with pytest.raises(DeviceUnavailable):
        dev.poll()


def test_licence_calibration_page_is_offset(private_cups):
    """Given the licence queue with an offset, the calibration page arrives on A3, shifted."""
    private_cups.reset("kiosk-licence")
    dev, _ = printer(private_cups, queue="kiosk-licence", name="licence", offset_x_dmm=30, offset_y_dmm=0)
    dev.open()
    outcome = dev.print_test_page()
    assert outcome.printed
    pdf = job_pdf(private_cups, "kiosk-licence", outcome.job_ref)
    assert "offset_x_dmm = 30" in page_texts(pdf)[0]
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        page = doc[0]
        assert tuple(round(v) for v in page.get_size()) == A3_PT
        image = page.render(scale=300 / 72).to_pil().convert("L")
    finally:
        doc.close()
    px_per_mm = 300 / 25.4
    # the (20, 20) mm crosshair now sits at (23, 20) mm: its vertical arm 5 mm below the centre
    # is at x = 23 mm, and paper is blank where it would be without the offset
    assert image.getpixel((round(23 * px_per_mm), round(25 * px_per_mm))) < 128
    assert image.getpixel((round(20 * px_per_mm), round(25 * px_per_mm))) > 200


def test_progress_is_reported_from_the_worker_thread(cups_a4):
    dev, _ = printer(cups_a4)
    dev.open()
    threads = set()
    dev.print_pdf(make_pdf("x"), title="t", on_progress=lambda s, i: threads.add(threading.get_ident()))
    assert threads == {threading.get_ident()}


def test_unix_socket_server(cups_a4):
    """Given server = the path of cupsd's local socket, the driver prints through it."""
    dev = CupsPrinter("document", CupsPrinter.Options(printer="kiosk-a4", server=cups_a4.socket_path,
                                                      job_poll_s=0.1), lambda e: None)
    dev.open()
    outcome = dev.print_pdf(make_pdf("via socket"), title="t")
    assert outcome.printed
    assert page_texts(job_pdf(cups_a4, "kiosk-a4", outcome.job_ref)) == ["via socket"]
