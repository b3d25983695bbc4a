"""The reading sequence against the simulated card's logic directly (no PC/SC in between)."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.sim.people import RESIDENTS, resident
from drivers.sim.ssse_card import SsseCardApplet, VirtualSsseCard
from drivers.ssse import apdu as A
from drivers.ssse.card_session import SsseCardError, exchange, read_card


@pytest.mark.parametrize("person", [r for r in RESIDENTS if r.ssse_number], ids=lambda r: r.key)
def test_second_generation_card_reads_every_field(person):
    """Given a resident's second-generation card, when read, then every field matches."""
    card = read_card(SsseCardApplet(person).process)
    ident = card.identity
    assert (ident.name, ident.id_number, ident.sex, ident.nation, ident.birth_date) == (
        person.name, person.id_number, person.sex, person.nation_code, person.birth_date)
    assert ident.source == "ssse" and ident.id_valid
    assert card.card_number == person.ssse_number and card.spec_version == "2.00"
    assert person.name not in repr(card) and person.ssse_number not in repr(card)


def test_t0_answers_61xx_and_6cxx_are_followed():
    """Given a T=0 card, then SELECT's 61xx leads to GET RESPONSE and a wrong Le to a resend."""
    applet = SsseCardApplet(resident("zhang"))
    read_card(applet.process)
    sent = [c.hex().upper() for c in applet.apdus]
    assert sent[:2] == ["00A404000F7378312E73682EC9E7BBE1B1A3D5CF", "00C0000013"]
    assert "00B2072C0B" in sent and "00A4020002EF06" in sent
    assert sent[sent.index("00B2080400") + 1] == "00B2080414"      # 6C14, then exact Le
    assert sent[sent.index("00B2090400") + 1] == "00B2090420"


def test_t1_card_answering_le_00_directly():
    """Given a card that answers Le=00 with the whole record (T=1), then no resend happens."""
    applet = SsseCardApplet(resident("lin"))

    def t1(command: bytes) -> bytes:
        if command[1] == 0xB2 and command[4] == 0:
            sfi = command[3] >> 3
            records = applet.ef05 if sfi == 5 else applet.ef06
            return records[command[2]] + b"\x90\x00"
        return applet.process(command)

    assert read_card(t1).identity.name == "林秀英"
    assert not any(c[1] == 0xB2 and c[3] == 0x04 for c in applet.apdus)


def test_third_generation_by_spec_version():
    with pytest.raises(SsseCardError) as err:
        read_card(SsseCardApplet(resident("zhang"), mode="third_gen").process)
    assert err.value.code == "unsupported_card"
    assert "3.00" in err.value.detail


def test_third_generation_by_protected_records():
    """Given a third-generation card without the version record, then 69 82 tells it."""
    with pytest.raises(SsseCardError) as err:
        read_card(SsseCardApplet(resident("zhang"), mode="third_gen", spec_version="").process)
    assert err.value.code == "unsupported_card" and "6982" in err.value.detail


def test_card_without_the_ssse_application():
    with pytest.raises(SsseCardError) as err:
        read_card(SsseCardApplet(resident("zhang"), mode="foreign").process)
    assert err.value.code == "not_ssse_card" and "6A82" in err.value.detail


def test_wrong_check_character_is_bad_card_data():
    person = dataclasses.replace(resident("zhang"), id_number="350102198503121231")
    with pytest.raises(SsseCardError) as err:
        read_card(SsseCardApplet(person).process)
    assert err.value.code == "bad_card_data"
    assert "350102" not in str(err.value)


def test_garbled_birth_date_is_bad_card_data():
    applet = SsseCardApplet(resident("zhang"))
    applet.ef06[A.REC_BIRTH_DATE] = A.encode_tlv(A.REC_BIRTH_DATE, bytes.fromhex("19851399"))
    with pytest.raises(SsseCardError) as err:
        read_card(applet.process)
    assert err.value.code == "bad_card_data"


def test_missing_record_is_read_failed():
    applet = SsseCardApplet(resident("zhang"))
    del applet.ef06[A.REC_NATION]
    with pytest.raises(SsseCardError) as err:
        read_card(applet.process)
    assert err.value.code == "read_failed" and "6A83" in err.value.detail


def test_endless_61xx_is_read_failed():
    with pytest.raises(SsseCardError, match="61xx"):
        exchange(lambda command: b"\x61\x10", A.select_by_name())


@settings(max_examples=200)
@given(st.lists(st.binary(max_size=40), min_size=1, max_size=30))
def test_any_answers_give_a_card_or_a_card_error(answers):
    """Given a card answering garbage, the session ends with a card or SsseCardError."""
    it = iter(answers)

    def transmit(command: bytes) -> bytes:
        return next(it, b"\x6f\x00")

    try:
        card = read_card(transmit)
    except SsseCardError as exc:
        assert exc.code in {"not_ssse_card", "unsupported_card", "read_failed", "bad_card_data"}
    else:
        assert card.identity.id_valid


def test_virtual_card_refuses_a_resident_without_a_card():
    with pytest.raises(ValueError, match="zhang"):
        VirtualSsseCard("chen")


def test_birth_date_of_the_sim_is_bcd():
    applet = SsseCardApplet(resident("lin"))
    assert applet.ef06[A.REC_BIRTH_DATE] == bytes.fromhex("0D04") + bytes.fromhex("19620817")
    assert A.decode_bcd_date(bytes.fromhex("19620817")) == dt.date(1962, 8, 17)
