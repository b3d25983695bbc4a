"""The ga467-serial driver against the simulated reader over a real pty."""
from __future__ import annotations

import logging

import pytest
from pydantic import ValidationError

from drivers.base import DeviceState, DeviceUnavailable, EventKind
from drivers.idcard import ga467_codec as codec
from drivers.idcard.ga467_driver import CardReadError, Ga467Reader
from drivers.sim.pty_port import PtyPort


def kinds(events):
    return [e.kind for e in events if e.kind != EventKind.STATUS_CHANGED]


def card_events(events):
    return [e for e in events if e.kind != EventKind.STATUS_CHANGED]


def test_open_reports_online_with_no_card(reader):
    status = reader.status()
    assert status.state == DeviceState.ONLINE and status.detail == {"media": "absent"}
    assert reader.sam_id() == "05.01-20200101-0000012345-0012345678"


def test_no_card_no_events(reader, events):
    events.clear()
    for _ in range(3):
        reader.poll()
    assert events == []


def test_card_is_read_then_removed_once(reader, sim, events):
    """Given a card on the reader, when polled, then PRESENT, READ; then REMOVED once."""
    sim.place("zhang")
    reader.poll()
    assert kinds(events) == [EventKind.CARD_PRESENT, EventKind.CARD_READ]
    card = card_events(events)[-1].data["card"]
    assert card.name == "张伟明" and card.id_valid and card.nation == "汉"
    assert card.photo == b""  # dropped: keep_photo is off
    assert reader.status().detail == {"media": "read"} and reader.status().state == DeviceState.ONLINE
    # left on the reader: each poll resets the field and finds it there, without reading it again
    reader.poll()
    reader.poll()
    assert kinds(events) == [EventKind.CARD_PRESENT, EventKind.CARD_READ]
    assert reader.status().detail == {"media": "read"} and sim.reads_served == 1
    assert codec.RESET_SAM in sim.commands
    sim.remove()
    reader.poll()
    reader.poll()
    assert kinds(events)[2:] == [EventKind.CARD_REMOVED]
    assert reader.status().detail == {"media": "absent"}


def test_without_the_presence_probe_the_first_no_card_counts_as_removed(sim, events):
    """Given a reader whose field reset does not wake a card (presence_probe off), when the
    read card stays, then the next poll reports it removed, once (the reader cannot tell)."""
    device = Ga467Reader("id_card", Ga467Reader.Options(port=str(sim.link), timeout_s=5.0,
                                                        presence_probe=False), events.append)
    device.open()
    try:
        sim.place("zhang")
        device.poll()
        device.poll()
        device.poll()
        assert kinds(events) == [EventKind.CARD_PRESENT, EventKind.CARD_READ, EventKind.CARD_REMOVED]
        assert codec.RESET_SAM not in sim.commands
    finally:
        device.close()


def test_replaced_card_is_read_again(reader, sim, events):
    sim.place("zhang")
    reader.poll()
    sim.remove()
    reader.poll()
    sim.place("lin")
    reader.poll()
    assert kinds(events) == [EventKind.CARD_PRESENT, EventKind.CARD_READ, EventKind.CARD_REMOVED,
                             EventKind.CARD_PRESENT, EventKind.CARD_READ]
    lin = card_events(events)[-1].data["card"]
    assert lin.long_term and lin.valid_until is None


def test_card_swapped_between_two_polls(sim, events):
    """Lifted and placed again faster than the poll (no presence probe): REMOVED, then a new read."""
    reader = Ga467Reader("id_card", Ga467Reader.Options(port=str(sim.link), timeout_s=5.0,
                                                        presence_probe=False), events.append)
    reader.open()
    sim.place("zhang")
    reader.poll()
    sim.place("chen")
    reader.poll()
    reader.close()
    assert kinds(events) == [EventKind.CARD_PRESENT, EventKind.CARD_READ, EventKind.CARD_REMOVED,
                             EventKind.CARD_PRESENT, EventKind.CARD_READ]
    assert card_events(events)[-1].data["card"].nation == "蒙古"


def test_keep_photo(sim):
    options = Ga467Reader.Options(port=str(sim.link), timeout_s=5.0, keep_photo=True)
    device = Ga467Reader("id_card", options, lambda e: None)
    device.open()
    try:
        sim.place("zhang")
        card = device.read_once()
    finally:
        device.close()
    assert len(card.photo) == 1024 and card.photo.startswith(b"WLT")


def test_one_garbled_answer_is_retried(reader, sim, events, caplog):
    sim.set_mode("bad_checksum", times=1)
    sim.place("zhang")
    with caplog.at_level(logging.WARNING):
        reader.poll()
    assert kinds(events) == [EventKind.CARD_PRESENT, EventKind.CARD_READ]
    assert "garbled" in caplog.text
    assert "张伟明" not in caplog.text and "35010219850312123X" not in caplog.text


def test_always_garbled_answers_give_a_card_error(reader, sim, events):
    sim.set_mode("bad_checksum")
    sim.place("zhang")
    reader.poll()
    assert kinds(events) == [EventKind.CARD_PRESENT, EventKind.CARD_ERROR]
    error = card_events(events)[-1].data
    assert error["code"] == "bad_frame" and "message" not in error and error["detail"].isascii()
    assert reader.status().detail == {"media": "present"}


def test_slow_answers_are_reassembled(reader, sim, events):
    sim.set_mode("slow")
    sim.place("chen")
    reader.poll()
    assert kinds(events) == [EventKind.CARD_PRESENT, EventKind.CARD_READ]
    assert card_events(events)[-1].data["card"].name == "陈思琪"


def test_card_removed_mid_read_is_a_user_error(reader, sim, events):
    sim.set_mode("remove_mid_read", times=1)
    sim.place("zhang")
    reader.poll()
    assert kinds(events) == [EventKind.CARD_PRESENT, EventKind.CARD_ERROR]
    assert card_events(events)[-1].data["code"] == "removed_early"
    status = reader.status()
    assert status.state == DeviceState.USER_ERROR and status.detail == {"media": "absent"}
    # no CARD_REMOVED for a card already reported gone; placing it again reads it
    reader.poll()
    sim.place("zhang")
    reader.poll()
    assert kinds(events)[2:] == [EventKind.CARD_PRESENT, EventKind.CARD_READ]
    assert reader.status().state == DeviceState.ONLINE


def test_unplug_makes_poll_raise_and_replug_lets_open_work(reader, sim, events):
    sim.unplug()
    with pytest.raises(OSError):  # pyserial's SerialException is an OSError too
        reader.poll()
    reader.close()
    with pytest.raises(DeviceUnavailable):
        reader.open()
    sim.replug()
    reader.open()
    sim.place("lin")
    reader.poll()
    assert kinds(events)[-2:] == [EventKind.CARD_PRESENT, EventKind.CARD_READ]


def test_missing_port_is_unavailable(tmp_path):
    device = Ga467Reader("id_card", Ga467Reader.Options(port=str(tmp_path / "nope")), lambda e: None)
    with pytest.raises(DeviceUnavailable, match="does not exist"):
        device.open()
    device.close()
    device.close()


def test_silent_port_is_unavailable(tmp_path):
    """A pty where nothing answers (the wrong device, say) is not a reader."""
    port = PtyPort(tmp_path / "ttySILENT", lambda data: None)
    port.start()
    try:
        device = Ga467Reader("id_card", Ga467Reader.Options(port=str(port.link), timeout_s=0.3), lambda e: None)
        with pytest.raises(DeviceUnavailable, match="no GA 467 reader"):
            device.open()
    finally:
        port.stop()


def test_read_once_without_a_card(reader):
    with pytest.raises(CardReadError) as info:
        reader.read_once()
    assert info.value.code == "no_card"


@pytest.mark.parametrize("sw3", [0x91, 0x40, 0x41, 0x47, 0x31, 0x32, 0x33, 0x10, 0x11, 0x21, 0x23, 0x60, 0x66, 0x00, 0xEE])
def test_every_read_failure_becomes_a_card_error(scripted, events, sw3):
    """Given a reader that finds and selects a card but answers the read with SW3, then a
    CARD_ERROR named after SW3 (the card still lies there: find keeps answering 9F)."""
    scripted.script(codec.FIND_CARD, codec.response(0x9F, bytes(4)))
    scripted.script(codec.SELECT_CARD, codec.response(0x90, bytes(8)))
    scripted.script(codec.READ_TEXT_PHOTO, codec.response(sw3))
    device = Ga467Reader("id_card", Ga467Reader.Options(port=str(scripted.port.link), timeout_s=5.0), events.append)
    device.open()
    try:
        device.poll()
        device.poll()  # the failed card is left alone until it is lifted: no event storm
    finally:
        device.close()
    assert kinds(events) == [EventKind.CARD_PRESENT, EventKind.CARD_ERROR]
    from drivers.idcard.ga467_fields import status_info
    assert card_events(events)[-1].data["code"] == status_info(sw3).name


def test_reader_fault_on_find_is_a_hardware_error(scripted, events):
    scripted.script(codec.FIND_CARD, codec.response(0x60))
    device = Ga467Reader("id_card", Ga467Reader.Options(port=str(scripted.port.link), timeout_s=5.0), events.append)
    device.open()
    try:
        device.poll()
    finally:
        device.close()
    assert device.status().state == DeviceState.HARDWARE_ERROR
    assert "SAM self-test" in device.status().message


def test_invalid_id_number_is_a_card_error(scripted, events):
    from drivers.sim.ga467_sim import card_data
    from drivers.sim.people import resident
    import dataclasses
    forged = dataclasses.replace(resident("zhang"), id_number="350102198503121230")
    scripted.script(codec.FIND_CARD, codec.response(0x9F, bytes(4)))
    scripted.script(codec.SELECT_CARD, codec.response(0x90, bytes(8)))
    scripted.script(codec.READ_TEXT_PHOTO, codec.response(0x90, card_data(forged)))
    device = Ga467Reader("id_card", Ga467Reader.Options(port=str(scripted.port.link), timeout_s=5.0), events.append)
    device.open()
    try:
        device.poll()
    finally:
        device.close()
    assert card_events(events)[-1].data["code"] == "id_invalid"


def test_registry_and_config_options():
    from drivers import registry
    assert registry.driver_class("ga467-serial") is Ga467Reader
    with pytest.raises(ValidationError, match="parity"):
        Ga467Reader.Options(port="/dev/x", parity="E")


def test_another_card_put_in_place_of_a_read_one_is_read(reader, sim, events):
    """Given a read card still on the reader, when another card takes its place between two
    polls, then the first is reported removed and the new one read (select tells them apart)."""
    sim.place("zhang")
    reader.poll()
    reader.poll()
    sim.place("chen")
    reader.poll()
    assert kinds(events) == [EventKind.CARD_PRESENT, EventKind.CARD_READ, EventKind.CARD_REMOVED,
                             EventKind.CARD_PRESENT, EventKind.CARD_READ]
    assert card_events(events)[-1].data["card"].nation == "蒙古"
