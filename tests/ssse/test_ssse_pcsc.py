"""The driver over a real pcscd, with the virtual card in the vpcd reader."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.base import DeviceError, DeviceState, EventKind
from drivers.identity import id_number_valid
from drivers.ssse.pcsc_driver import SsseCardReader
from tests.ssse.conftest import card_in_reader, wait_for

pytestmark = pytest.mark.pcsc
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def reader(pcscd_vpcd, events):
    dev = SsseCardReader("ssse", SsseCardReader.Options(reader=pcscd_vpcd, poll_interval_s=0.1), events.append)
    dev.open()
    yield dev
    dev.close()


def test_card_read_then_removed(reader, events, vpcd_card):
    """Given zhang's card inserted, then CARD_PRESENT and CARD_READ; removed: CARD_REMOVED."""
    card = vpcd_card("zhang")
    card.insert()
    read = events.poll_until(reader, EventKind.CARD_READ)
    ident = read.data["card"]
    assert (ident.name, ident.id_number, ident.source) == ("张伟明", "35010219850312123X", "ssse")
    assert id_number_valid(ident.id_number) and ident.sex == "1" and ident.nation == "01"
    assert str(ident.birth_date) == "1985-03-12"
    assert events.kinds() == [EventKind.CARD_PRESENT, EventKind.CARD_READ]
    assert events.of(EventKind.CARD_PRESENT)[0].data["atr"].startswith("3B")
    assert reader.status().detail["media"] == "read"

    reader.poll()                              # the card is still there: nothing new
    assert events.kinds() == [EventKind.CARD_PRESENT, EventKind.CARD_READ]

    card.remove()
    events.poll_until(reader, EventKind.CARD_REMOVED)
    assert events.kinds()[-1] == EventKind.CARD_REMOVED
    assert reader.status().state == DeviceState.ONLINE and reader.status().detail["media"] == "absent"


def test_third_generation_card_is_unsupported(reader, events, vpcd_card):
    vpcd_card("lin", mode="third_gen").insert()
    error = events.poll_until(reader, EventKind.CARD_ERROR)
    assert error.data == {"code": "unsupported_card"}   # the screens word it (screens/messages.py)
    assert not events.of(EventKind.CARD_READ)


def test_foreign_card_is_reported(reader, events, vpcd_card):
    vpcd_card("zhang", mode="foreign").insert()
    error = events.poll_until(reader, EventKind.CARD_ERROR)
    assert error.data["code"] == "not_ssse_card"


def test_card_swapped_between_polls(reader, events, vpcd_card, pcscd_vpcd):
    """Given zhang's card read, when it is swapped for lin's between two polls, then the
    driver reports the removal and reads the new card."""
    first = vpcd_card("zhang")
    first.insert()
    events.poll_until(reader, EventKind.CARD_READ)
    _, counter = card_in_reader(pcscd_vpcd)
    first.remove()
    wait_for(lambda: not card_in_reader(pcscd_vpcd)[0], "pcscd to see the removal")
    vpcd_card("lin").insert()
    wait_for(lambda: card_in_reader(pcscd_vpcd)[0], "pcscd to see the new card")
    read = events.poll_until(reader, EventKind.CARD_READ, count=2)
    assert read.data["card"].name == "林秀英"
    assert events.kinds() == [EventKind.CARD_PRESENT, EventKind.CARD_READ, EventKind.CARD_REMOVED,
                              EventKind.CARD_PRESENT, EventKind.CARD_READ]
    assert card_in_reader(pcscd_vpcd)[1] - counter >= 2


def test_read_once(reader, vpcd_card, pcscd_vpcd):
    with pytest.raises(DeviceError) as err:
        reader.read_once()
    assert err.value.code == "no_card" and err.value.state == DeviceState.USER_ERROR
    vpcd_card("lin").insert()
    wait_for(lambda: card_in_reader(pcscd_vpcd)[0], "the card in the reader")
    assert reader.read_once().id_number == "350121196208174021"
    assert reader.read_once().name == "林秀英"


def test_card_already_in_the_reader_at_open(pcscd_vpcd, events, vpcd_card):
    vpcd_card("zhang").insert()
    wait_for(lambda: card_in_reader(pcscd_vpcd)[0], "the card in the reader")
    dev = SsseCardReader("ssse", SsseCardReader.Options(reader="Virtual PCD 00 00"), events.append)
    dev.open()
    try:
        assert events.poll_until(dev, EventKind.CARD_READ).data["card"].name == "张伟明"
    finally:
        dev.close()


def test_simulator_cli(reader, events, vpcd_card):
    """``python -m drivers.sim ssse --card lin`` inserts lin's card until it is stopped."""
    proc = subprocess.Popen([sys.executable, "-m", "drivers.sim", "ssse", "--card", "lin"], cwd=REPO,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ, PYTHONPATH=str(REPO)))
    try:
        read = events.poll_until(reader, EventKind.CARD_READ)
        assert read.data["card"].name == "林秀英"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()  # so the next tests find the reader empty
            proc.communicate()
            raise
    assert proc.returncode == 0, err
    assert b"inserted" in out
    events.poll_until(reader, EventKind.CARD_REMOVED)


def test_logs_hold_no_personal_data(reader, events, vpcd_card, caplog):
    """Given a card read and a bad card reported, then the logs name no person."""
    caplog.set_level("DEBUG")
    card = vpcd_card("zhang")
    card.insert()
    events.poll_until(reader, EventKind.CARD_READ)
    card.remove()
    events.poll_until(reader, EventKind.CARD_REMOVED)
    vpcd_card("zhang", mode="third_gen").insert()
    events.poll_until(reader, EventKind.CARD_ERROR)
    assert "card inserted" in caplog.text and "unsupported_card" in caplog.text
    for secret in ("张伟明", "35010219850312123X", "D35010012", "19850312", "D5C5CEB0C3F7"):
        assert secret.lower() not in caplog.text.lower()


def test_card_pulled_out_during_the_read(reader, events, vpcd_card):
    """Given a card that leaves the reader in the middle of the read, then the driver reports
    a card error (not a lost reader) and, at the next polls, the removal."""
    card = vpcd_card("zhang")
    process = card.applet.process

    def leave_after_select(command: bytes) -> bytes:
        if command[:2] == b"\x00\xa4" and command[2] == 0x02:   # SELECT EF06
            card._sock.shutdown(socket.SHUT_RDWR)
        return process(command)

    card.applet.process = leave_after_select
    card.insert()
    error = events.poll_until(reader, EventKind.CARD_ERROR)
    assert error.data["code"] in {"removed_early", "read_failed"}
    events.poll_until(reader, EventKind.CARD_REMOVED)
    assert not events.of(EventKind.CARD_READ)
    assert reader.status().detail["media"] == "absent"
