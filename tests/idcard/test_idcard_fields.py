"""Status words and the text block of GA 467 (DESIGN.md §3.1)."""
from __future__ import annotations

import datetime as dt

import pytest

from drivers.idcard.ga467_fields import (LAYOUT, NATIONS, TEXT_LEN, CardDataError, encode_text,
                                         nation_name, parse_text, split_text, status_info)
from drivers.sim.people import resident

#: every SW3 of §3.1 and the name it must get
SW3_NAMES = {
    0x90: "ok", 0x9F: "card_found", 0x91: "no_content", 0x80: "no_card", 0x81: "select_failed",
    0x40: "unknown_card", 0x41: "card_operation_failed", 0x47: "random_failed",
    0x31: "card_auth_failed", 0x32: "sam_auth_failed", 0x33: "info_check_failed",
    0x10: "host_checksum_error", 0x11: "host_length_error", 0x21: "unknown_command",
    0x23: "not_authorised", 0x60: "sam_selftest_failed", 0x66: "sam_not_authorised",
}


def text_of(key: str, **changes) -> bytes:
    r = resident(key)
    fields = dict(name=r.name, sex_code=r.sex, nation_code=r.nation_code, birth_date=r.birth_date,
                  address=r.address, id_number=r.id_number, issuer=r.issuer,
                  valid_from=r.valid_from, valid_until=r.valid_until)
    fields.update(changes)
    return encode_text(**fields)


@pytest.mark.parametrize("sw3,name", sorted(SW3_NAMES.items()))
def test_every_status_of_the_design_has_a_name_and_technical_words(sw3, name):
    """Drivers speak codes: the resident's words are the screens' (screens/messages.py)."""
    info = status_info(sw3)
    assert info.name == name
    assert info.technical and info.technical.isascii()
    assert info.ok == (sw3 in (0x90, 0x9F))


@pytest.mark.parametrize("sw3", [0x00, 0x01, 0x7F, 0x92, 0xFF])
def test_unknown_status_is_an_error_not_a_crash(sw3):
    info = status_info(sw3)
    assert not info.ok and info.fault
    assert info.name == f"status_{sw3:02x}"


def test_faults_are_told_apart_from_what_a_person_did():
    assert status_info(0x60).fault and status_info(0x66).fault
    assert not status_info(0x80).fault and not status_info(0x41).fault


def test_layout_is_256_bytes():
    assert TEXT_LEN == 256 == sum(n for _, n in LAYOUT)
    assert len(text_of("zhang")) == 256


def test_nation_table_has_56_nationalities_and_two_others():
    assert len([c for c in NATIONS if "01" <= c <= "56"]) == 56
    assert len(set(NATIONS.values())) == 58
    assert (NATIONS["01"], NATIONS["02"], NATIONS["22"], NATIONS["56"]) == ("汉", "蒙古", "畲", "基诺")
    assert NATIONS["97"] == "其他" and NATIONS["98"] == "外国血统中国籍人士"


def test_unknown_nation_code_is_shown_not_fatal(caplog):
    assert nation_name("77") == "未知(77)"
    assert "unknown nation code" in caplog.text


def test_card_with_a_date_of_validity():
    card = parse_text(text_of("zhang"), b"photo")
    assert card.name == "张伟明" and card.id_number == "35010219850312123X"
    assert (card.sex, card.nation) == ("男", "汉")
    assert card.birth_date == dt.date(1985, 3, 12)
    assert card.address == "福建省福州市鼓楼区五四路128号3座1502室"
    assert card.issuer == "福州市公安局鼓楼分局"
    assert (card.valid_from, card.valid_until, card.long_term) == (dt.date(2016, 5, 20), dt.date(2036, 5, 20), False)
    assert card.id_valid and card.photo == b"photo"


def test_long_term_card():
    card = parse_text(text_of("lin"))
    assert split_text(text_of("lin"))["valid_until"] == "长期"
    assert card.long_term and card.valid_until is None and not card.expired(dt.date(2099, 1, 1))
    assert card.sex == "女"


@pytest.mark.parametrize("code,name", [("02", "蒙古"), ("05", "维吾尔"), ("97", "其他"), ("98", "外国血统中国籍人士")])
def test_nation_names_come_out(code, name):
    assert parse_text(text_of("chen", nation_code=code)).nation == name


def test_bad_check_character_is_read_but_flagged():
    card = parse_text(text_of("zhang", id_number="350102198503121230"))
    assert not card.id_valid


def test_short_text_block_is_refused():
    with pytest.raises(CardDataError):
        parse_text(text_of("zhang")[:200])


def test_bad_date_is_refused():
    raw = bytearray(text_of("zhang"))
    raw[36:52] = "19851340".encode("utf-16-le")  # birth date at bytes 36..51, month 13
    with pytest.raises(CardDataError, match="birth_date"):
        parse_text(bytes(raw))


def test_lone_surrogate_is_refused():
    raw = bytearray(text_of("zhang"))
    raw[0:2] = b"\x00\xD8"
    with pytest.raises(CardDataError):
        parse_text(bytes(raw))


def test_unknown_sex_code_is_refused():
    with pytest.raises(CardDataError):
        parse_text(text_of("zhang", sex_code="5"))
