"""The ESC/POS driver against the printer simulator over real TCP."""
import socket

import pytest
from PIL import Image

from drivers.base import DeviceError, DeviceState, DeviceUnavailable, EventKind
from drivers.classes import Receipt


def kinds(events, kind):
    return [e for e in events if e.kind == kind]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def uri(sim) -> str:
    return f"tcp://127.0.0.1:{sim.port}"


def test_receipt_is_printed_and_rendered(sim, make_driver, sample):
    """Given an online printer, when a receipt is printed, then the simulator cuts one receipt
    whose text, QR and raw bytes match, rendered to a non-blank 576-dot PNG."""
    driver, events = make_driver(uri(sim))
    driver.open()
    assert driver.status().state == DeviceState.ONLINE
    assert driver.status().detail == {"paper": "ok"}
    driver.print_receipt(sample)
    assert sim.wait_for_receipts(1, timeout=30)
    got = sim.receipts[0]
    assert got.lines[0] == sample.title
    assert any(line.startswith("证件号：") and line.endswith("3501**********123X") for line in got.lines)
    assert got.qr == [sample.qr]
    assert sample.title.encode("gb18030") in got.raw and got.raw.endswith(b"\x1dV\x00")
    assert got.bin.read_bytes() == got.raw
    assert got.png.name == "receipt-0001.png"
    with Image.open(got.png) as image:
        assert image.width == 576
        lo, hi = image.convert("L").getextrema()
        assert (lo, hi) == (0, 255)                 # ink on paper, not a blank sheet
    assert kinds(events, EventKind.JOB_COMPLETED)


def test_receipts_are_numbered_on(sim, make_driver, sample):
    driver, _ = make_driver(uri(sim))
    driver.open()
    for _ in range(3):
        driver.print_receipt(sample)
    assert sim.wait_for_receipts(3, timeout=30)
    assert [r.png.name for r in sim.receipts] == ["receipt-0001.png", "receipt-0002.png", "receipt-0003.png"]


def test_paper_low_then_out_emitted_once_each(sim, make_driver):
    driver, events = make_driver(uri(sim))
    driver.open()
    sim.paper = "near_end"
    driver.poll()
    driver.poll()
    assert driver.status().detail["paper"] == "low"
    assert driver.status().usable
    assert len(kinds(events, EventKind.PAPER_LOW)) == 1
    sim.paper = "out"
    driver.poll()
    driver.poll()
    assert driver.status().detail["paper"] == "out"
    assert not driver.status().usable
    assert len(kinds(events, EventKind.PAPER_OUT)) == 1
    assert len(kinds(events, EventKind.PAPER_LOW)) == 1
    changed = [e.data["changed"] for e in kinds(events, EventKind.STATUS_CHANGED)]
    assert {"paper": "low"} in changed and any(c.get("paper") == "out" for c in changed)
    sim.paper = "ok"
    driver.poll()
    assert driver.status().detail["paper"] == "ok" and driver.status().usable


def test_print_refused_when_out_of_paper(sim, make_driver, sample):
    driver, _ = make_driver(uri(sim))
    driver.open()
    sim.paper = "out"
    with pytest.raises(DeviceError) as err:
        driver.print_receipt(sample)
    assert err.value.code == "paper_out"
    sim.paper = "ok"
    driver.print_receipt(sample)                      # paper refilled: prints without a poll
    assert sim.wait_for_receipts(1, timeout=30)
    assert sim.dropped_pages == 0                     # nothing was sent while out


def test_cover_open_is_offline_and_refuses(sim, make_driver, sample):
    driver, _ = make_driver(uri(sim))
    driver.open()
    sim.cover_open = True
    driver.poll()
    assert driver.status().state == DeviceState.OFFLINE
    assert driver.status().detail["cover"] == "open"
    with pytest.raises(DeviceError) as err:
        driver.print_receipt(sample)
    assert err.value.code == "cover_open"


def test_restart_makes_poll_raise_and_open_work_again(sim, make_driver, sample):
    """Given a connected driver, when the printer drops the connection, poll raises (the
    manager reconnects) and a new open succeeds and prints."""
    driver, _ = make_driver(uri(sim))
    driver.open()
    port = sim.port
    sim.restart()
    assert sim.port == port
    with pytest.raises(DeviceUnavailable) as err:
        driver.poll()
    assert err.value.code == "connection_lost"
    driver.close()
    driver.open()
    assert driver.status().state == DeviceState.ONLINE
    driver.print_receipt(sample)
    assert sim.wait_for_receipts(1, timeout=30)


def test_print_after_a_dropped_connection_raises(sim, make_driver, sample):
    driver, _ = make_driver(uri(sim))
    driver.open()
    sim.restart()
    with pytest.raises(DeviceUnavailable):
        driver.print_receipt(sample)


def test_printer_without_status_answers_is_unknown_not_an_error(sim, make_driver, sample):
    sim.answers_status = False
    driver, events = make_driver(uri(sim), status_timeout_s=0.2)
    driver.open()
    for _ in range(5):                               # keeps polling after it stopped asking
        driver.poll()
    assert driver.status().state == DeviceState.ONLINE
    assert driver.status().detail == {"paper": "unknown"}
    assert not kinds(events, EventKind.PAPER_OUT)
    driver.print_receipt(sample)
    assert sim.wait_for_receipts(1, timeout=30)
    sim.restart()                                    # a drop is still noticed without queries
    with pytest.raises(DeviceUnavailable):
        driver.poll()


def test_a_silent_printer_is_asked_again_later(sim, make_driver):
    """Given a printer that stopped answering and was taken as silent, when it answers again,
    the driver notices within SILENT_RETRY_EVERY polls."""
    from drivers.receipt.escpos_driver import SILENT_POLLS_BEFORE_GIVING_UP, SILENT_RETRY_EVERY

    sim.answers_status = False
    driver, _ = make_driver(uri(sim), status_timeout_s=0.2)
    driver.open()
    for _ in range(SILENT_POLLS_BEFORE_GIVING_UP):
        driver.poll()
    sim.answers_status = True
    sim.paper = "near_end"
    for _ in range(SILENT_RETRY_EVERY):
        driver.poll()
        if driver.status().detail["paper"] != "unknown":
            break
    assert driver.status().detail["paper"] == "low"


def test_status_query_off(sim, make_driver):
    driver, _ = make_driver(uri(sim), status_query=False)
    driver.open()
    driver.poll()
    assert driver.status().detail == {"paper": "unknown"}


def test_open_without_a_printer_is_unavailable(make_driver):
    driver, _ = make_driver(f"tcp://127.0.0.1:{free_port()}", timeout_s=2)
    with pytest.raises(DeviceUnavailable) as err:
        driver.open()
    assert "unreachable" in str(err.value)
    driver.close()
    driver.close()                                    # safe twice, after a failed open


def test_serial_port_missing_is_unavailable(make_driver):
    driver, _ = make_driver("serial:///dev/ttyNOPE0?baud=19200")
    with pytest.raises(DeviceUnavailable):
        driver.open()


def test_poll_interval_comes_from_options(make_driver):
    driver, _ = make_driver("tcp://127.0.0.1:9100", poll_interval_s=7.5)
    assert driver.poll_interval_s == 7.5


def test_empty_title_receipt_prints(sim, make_driver):
    driver, _ = make_driver(uri(sim))
    driver.open()
    driver.print_receipt(Receipt(title=""))
    assert sim.wait_for_receipts(1, timeout=30)
