"""Credit codes (GB 32100-2015), pickup codes and the QR payloads the kiosk understands."""
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.sim import people
from kiosk import codes
from kiosk.codes import ScannedCode, UnknownCode, parse_code

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def reference_check_char(first17: str) -> str:
    """The standard's formula written out independently: C18 = 31 − (Σ Ci·Wi mod 31)."""
    weights = [pow(3, i, 31) for i in range(17)]   # 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, weights, strict=False))
    c18 = 31 - total % 31
    return "0" if c18 == 31 else ALPHABET[c18]


def test_weights_are_the_standards():
    assert codes.CREDIT_CODE_WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    assert list(codes.CREDIT_CODE_WEIGHTS) == [pow(3, i, 31) for i in range(17)]


@pytest.mark.parametrize("company", people.COMPANIES, ids=lambda c: c.key)
def test_sandbox_companies_have_valid_codes(company):
    assert codes.credit_code_valid(company.credit_code)
    assert codes.credit_code_check_char(company.credit_code[:17]) == company.credit_code[17]


@pytest.mark.parametrize("code, valid", [
    ("91350100MA2Y8K3L2H", True),
    ("91350102MA32QW7E0K", True),
    ("91350100MA2Y8K3L2J", False),   # wrong check character
    ("91350100MA2Y8K3L2", False),    # 17 characters
    ("91350100ma2y8k3l2h", False),   # lowercase is not canonical
    ("91350100MA2Y8K3L2HH", False),  # 19 characters
    ("", False),
])
def test_credit_code_valid_vectors(code, valid):
    assert codes.credit_code_valid(code) is valid


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_check_char_matches_reference(first17):
    check = codes.credit_code_check_char(first17)
    assert check == reference_check_char(first17)
    assert check in ALPHABET


def test_check_char_31_is_written_0():
    """Find a body whose sum is ≡ 0 (mod 31): its check character must be '0'."""
    body = "9135010000000000"
    for last in ALPHABET:
        if reference_check_char(body + last) == "0":
            assert codes.credit_code_check_char(body + last) == "0"
            return
    pytest.fail("no body with check character 0 found")


def test_check_char_rejects_bad_input():
    with pytest.raises(ValueError):
        codes.credit_code_check_char("9135010")
    with pytest.raises(ValueError):
        codes.credit_code_check_char("9135010OMA2Y8K3L2")   # O is not in the alphabet


@pytest.mark.parametrize("partial, problem", [
    ("", None),
    ("9", None),
    ("913501", None),
    ("91350100MA2Y8K3L2", None),
    ("91350100MA2Y8K3L2H", None),
    ("91350100MA2Y8K3L2J", "bad_check"),
    ("91350100MA2Y8K3L2H0", "too_long"),
    ("9I", "bad_char"),
    ("91350100MA2O", "bad_char"),
    ("91350100MA2S", "bad_char"),
    ("91350100MA2V", "bad_char"),
    ("91350100MA2Z", "bad_char"),
    ("91350100ma", "bad_char"),
    ("9135-", "bad_char"),
    ("913A", "bad_region"),
    ("91350A00", "bad_region"),
])
def test_credit_code_problem_as_typed(partial, problem):
    assert codes.credit_code_problem(partial) == problem


def test_every_prefix_of_a_valid_code_is_fine():
    code = people.COMPANIES[0].credit_code
    assert all(codes.credit_code_problem(code[:n]) is None for n in range(len(code) + 1))


# --- pickup codes -------------------------------------------------------------------------

def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def test_new_pickup_codes_are_valid_luhn_numbers():
    rng = random.Random(7)
    for _ in range(500):
        code = codes.new_pickup_code(rng)
        assert len(code) == 8 and code.isdigit()
        assert codes.pickup_code_valid(code)
        assert luhn_ok(code)
    assert codes.pickup_code_valid(codes.new_pickup_code())


def test_seeded_pickup_codes_repeat():
    assert codes.new_pickup_code(random.Random(1)) == codes.new_pickup_code(random.Random(1))


@given(st.integers(0, 10**7 - 1), st.integers(0, 7), st.integers(1, 9))
def test_pickup_check_catches_any_single_digit_slip(n, pos, delta):
    first7 = f"{n:07d}"
    code = first7 + codes.pickup_check_digit(first7)
    slipped = code[:pos] + str((int(code[pos]) + delta) % 10) + code[pos + 1:]
    assert not codes.pickup_code_valid(slipped)


@pytest.mark.parametrize("code", ["1234567", "123456789", "1234567a", "１２３４５６７８", "", "12345 678"])
def test_pickup_code_shape(code):
    assert not codes.pickup_code_valid(code)


# --- QR payloads --------------------------------------------------------------------------

PICKUP = "12345674"   # 1234567 + Luhn 4
CREDIT = "91350100MA2Y8K3L2H"


def test_pickup_vector():
    assert codes.pickup_code_valid(PICKUP)


@pytest.mark.parametrize("text, expected", [
    ("efz://id?token=eyJ0eXAi.OiJKV1Q-abc_123", ScannedCode("efz_identity", "eyJ0eXAi.OiJKV1Q-abc_123")),
    ("  efz://id?token=AbCdEf123456\r\n", ScannedCode("efz_identity", "AbCdEf123456")),
    ("EFZ://ID?token=AbCdEf123456", ScannedCode("efz_identity", "AbCdEf123456")),
    ("https://www.efuzhou.gov.cn/kiosk/id?token=AbCdEf123456&lang=zh",
     ScannedCode("efz_identity", "AbCdEf123456")),
    (f"efz://licence?code={CREDIT}", ScannedCode("licence_notice", CREDIT)),
    (f"efz://licence?code={CREDIT.lower()}&notice=GS2025-0001",
     ScannedCode("licence_notice", CREDIT, {"notice": "GS2025-0001"})),
    (f"https://efuzhou.gov.cn/kiosk/licence/?code={CREDIT}", ScannedCode("licence_notice", CREDIT)),
    (CREDIT, ScannedCode("licence_notice", CREDIT)),
    (CREDIT.lower(), ScannedCode("licence_notice", CREDIT)),
    (f"efz://pickup?code={PICKUP}", ScannedCode("pickup", PICKUP)),
    (PICKUP, ScannedCode("pickup", PICKUP)),
    (f"{PICKUP}\n", ScannedCode("pickup", PICKUP)),
])
def test_parse_known_formats(text, expected):
    assert parse_code(text) == expected


@pytest.mark.parametrize("text, reason", [
    ("", "unrecognised"),
    ("   ", "unrecognised"),
    ("你好，世界", "unrecognised"),
    ("福州市鼓楼区五四路128号", "unrecognised"),
    ("https://weixin.qq.com/r/abcdef", "unrecognised"),
    ("http://www.efuzhou.gov.cn/news/1.html", "unrecognised"),
    ("WIFI:S:hall;T:WPA;P:secret;;", "unrecognised"),
    ("35010219850312123X", "unrecognised"),         # an ID number, not a company
    ("ABCDEFGHIJKLMNOPQR", "unrecognised"),         # 18 letters, not a credit code shape
    ("1234567", "unrecognised"),
    ("x" * 5000, "unrecognised"),
    ("efz://id", "malformed"),
    ("efz://id?token=", "malformed"),
    ("efz://id?token=short", "malformed"),
    ("efz://id?token=has space inside", "malformed"),
    ("efz://id?token=AbCdEf123456&token=XyZ987654321", "malformed"),
    ("efz://id?token=身份令牌身份令牌", "malformed"),
    ("efz://licence", "malformed"),
    ("efz://licence?code=9135", "malformed"),
    ("efz://licence?code=91350100MA2Y8K3LIH", "malformed"),
    (f"efz://licence?code={CREDIT}&notice=第1号", "malformed"),
    ("efz://pickup?code=1234", "malformed"),
    ("efz://pickup", "malformed"),
    ("efz://unknown?x=1", "malformed"),
    ("efz://[::1", "malformed"),
    ("efz://licence?code=91350100MA2Y8K3L2J", "bad_check"),
    ("91350100MA2Y8K3L2J", "bad_check"),
    ("efz://pickup?code=12345675", "bad_check"),
    ("12345675", "bad_check"),
])
def test_parse_refuses(text, reason):
    with pytest.raises(UnknownCode) as info:
        parse_code(text)
    assert info.value.reason == reason
    assert info.value.reason in UnknownCode.REASONS


def test_refusal_message_never_echoes_the_payload():
    secret = "efz://id?token=" + "T0pSecret" * 3 + "!bad"
    for text in (secret, "35010219850312123X", "张伟明 35010219850312123X"):
        with pytest.raises(UnknownCode) as info:
            parse_code(text)
        assert "T0pSecret" not in str(info.value)
        assert "35010219850312123X" not in str(info.value)
        assert "张伟明" not in str(info.value)


def test_identity_token_is_kept_out_of_repr():
    scanned = parse_code("efz://id?token=AbCdEf123456XYZ")
    assert "AbCdEf123456XYZ" not in repr(scanned)


@settings(max_examples=500)
@given(st.text(max_size=300))
def test_random_text_never_raises_anything_but_unknown_code(text):
    try:
        scanned = parse_code(text)
    except UnknownCode as exc:
        assert exc.reason in UnknownCode.REASONS
    else:
        assert scanned.kind in ("efz_identity", "licence_notice", "pickup")


@settings(max_examples=300)
@given(st.sampled_from(["efz://id?", "efz://licence?", "efz://pickup?", "https://www.efuzhou.gov.cn/kiosk/",
                        "efz://", "EFZ:", "https://"]),
       st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_near_misses_never_raise_anything_but_unknown_code(prefix, tail):
    try:
        parse_code(prefix + tail)
    except UnknownCode as exc:
        assert exc.reason in UnknownCode.REASONS
