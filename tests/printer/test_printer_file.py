"""The file printer used by the demo: job files, sidecars, paper-state control, offset."""
import json

import pytest

from drivers.base import DeviceState, DeviceUnavailable, EventKind
from drivers.printer.file_driver import FilePrinter, slug
from tests.printer.pdfs import make_pdf, page_texts, text_origin

MM = 72 / 25.4


def make(tmp_path, name="document", **opts):
    events = []
    dev = FilePrinter(name, FilePrinter.Options(dir=tmp_path / "out", **opts), events.append)
    dev.open()
    return dev, events


def job_files(tmp_path):
    return sorted((tmp_path / "out").glob("*.pdf"))


def test_job_is_written_with_sidecar_and_progress(tmp_path):
    """Given an open file printer, when a 3-page PDF is printed twice-copied with page range
    2-3, then one PDF with pages 2-3 and a sidecar with copies/media/ranges are written."""
    dev, events = make(tmp_path)
    seen = []
    outcome = dev.print_pdf(make_pdf("one", "two", "three"), title="营业执照 副本", copies=2, media="A3",
                            page_ranges="2-3", on_progress=lambda s, info: seen.append(s))
    assert outcome.printed and outcome.state == "completed" and outcome.pages == 4
    assert seen == ["pending", "processing", "completed"]
    [pdf_path] = job_files(tmp_path)
    assert pdf_path.name.endswith("-营业执照-副本.pdf")
    assert page_texts(pdf_path.read_bytes()) == ["two", "three"]
    side = json.loads(pdf_path.with_suffix(".json").read_text(encoding="utf-8"))
    assert side["copies"] == 2 and side["media"] == "A3" and side["page_ranges"] == "2-3"
    assert any(e.kind == EventKind.JOB_COMPLETED for e in events)


def test_two_jobs_with_one_title_do_not_overwrite(tmp_path):
    dev, _ = make(tmp_path)
    dev.print_pdf(make_pdf("a"), title="same")
    dev.print_pdf(make_pdf("b"), title="same")
    assert sorted(page_texts(p.read_bytes())[0] for p in job_files(tmp_path)) == ["a", "b"]


@pytest.mark.parametrize("state, reason", [("out", "media-empty"), ("jammed", "media-jam")])
def test_paper_state_stops_printing(tmp_path, state, reason):
    """Given the paper-state file says out/jammed, print_pdf writes nothing and says why."""
    dev, events = make(tmp_path)
    (tmp_path / "out" / "paper-state").write_text(state + "\n")
    outcome = dev.print_pdf(make_pdf("x"), title="t")
    assert not outcome.printed and outcome.reason == reason
    assert job_files(tmp_path) == []
    assert dev.status().detail["paper"] == state
    assert [e.kind for e in events if e.kind in (EventKind.PAPER_OUT, EventKind.PAPER_LOW)] == [EventKind.PAPER_OUT]


def test_poll_follows_paper_state_with_events_on_change(tmp_path):
    dev, events = make(tmp_path)
    control = tmp_path / "out" / "paper-state"
    assert dev.status().state == DeviceState.ONLINE and dev.status().detail["paper"] == "ok"
    for state in ("low", "low", "out", "ok", "jammed"):
        control.write_text(state)
        dev.poll()
    kinds = [e.kind for e in events if e.kind in (EventKind.PAPER_OUT, EventKind.PAPER_LOW)]
    assert kinds == [EventKind.PAPER_LOW, EventKind.PAPER_OUT, EventKind.PAPER_OUT]
    assert dev.status().state == DeviceState.HARDWARE_ERROR and not dev.status().usable
    control.unlink()
    dev.poll()
    assert dev.status().usable
    control.write_text("low")
    dev.poll()
    assert dev.status().usable  # paper low still prints
    assert dev.print_pdf(make_pdf("x"), title="t").printed


def test_unknown_paper_state_is_reported_not_fatal(tmp_path):
    dev, _ = make(tmp_path)
    (tmp_path / "out" / "paper-state").write_text("banana")
    dev.poll()
    assert dev.status().detail["paper"] == "unknown"


def test_directory_gone_makes_poll_raise(tmp_path):
    dev, _ = make(tmp_path)
    (tmp_path / "out").rmdir()
    with pytest.raises(DeviceUnavailable):
        dev.poll()


def test_open_fails_when_dir_cannot_be_made(tmp_path):
    (tmp_path / "file").write_text("x")
    dev = FilePrinter("document", FilePrinter.Options(dir=tmp_path / "file" / "sub"), lambda e: None)
    with pytest.raises(DeviceUnavailable):
        dev.open()


def test_offset_is_applied_to_written_pdf(tmp_path):
    dev, _ = make(tmp_path, offset_x_dmm=20, offset_y_dmm=-10)
    original = make_pdf("shift")
    dev.print_pdf(original, title="licence")
    [path] = job_files(tmp_path)
    (x0, y0), (x1, y1) = text_origin(original), text_origin(path.read_bytes())
    assert x1 - x0 == pytest.approx(2 * MM, abs=0.05)
    assert y1 - y0 == pytest.approx(1 * MM, abs=0.05)


def test_licence_test_page_is_the_calibration_page(tmp_path):
    dev, _ = make(tmp_path, name="licence", offset_x_dmm=7)
    outcome = dev.print_test_page()
    assert outcome.printed
    [path] = job_files(tmp_path)
    assert "calibration-page" in path.name
    assert "offset_x_dmm = 7" in page_texts(path.read_bytes())[0]
    assert json.loads(path.with_suffix(".json").read_text())["media"] == "A3"


def test_bad_page_range_is_refused(tmp_path):
    dev, _ = make(tmp_path)
    with pytest.raises(ValueError):
        dev.print_pdf(make_pdf("a"), title="t", page_ranges="5")
    with pytest.raises(ValueError):
        dev.print_pdf(make_pdf("a"), title="t", copies=0)


def test_slug():
    assert slug("营业执照 正本/../x") == "营业执照-正本-..-x"
    assert slug("///") == "job"
    assert len(slug("a" * 200)) == 60
