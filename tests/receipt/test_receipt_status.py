"""DLE EOT requests and the decoding of every answer bit the driver uses."""
import pytest
from hypothesis import given, strategies as st

from drivers.base import Paper
from drivers.receipt import status


def test_requests():
    assert [status.request(n) for n in (1, 2, 3, 4)] == [b"\x10\x04\x01", b"\x10\x04\x02",
                                                        b"\x10\x04\x03", b"\x10\x04\x04"]
    with pytest.raises(ValueError):
        status.request(5)


@pytest.mark.parametrize("byte, paper", [
    (0x12, Paper.OK),
    (0x16, Paper.LOW),     # bit 2: near-end sensor 1
    (0x1A, Paper.LOW),     # bit 3: near-end sensor 2
    (0x1E, Paper.LOW),     # bits 2-3 (Epson)
    (0x32, Paper.OUT),     # bit 5: paper end
    (0x52, Paper.OUT),     # bit 6: paper end (Epson sets 5 and 6)
    (0x7E, Paper.OUT),     # near-end and end
])
def test_paper_sensor_bits(byte, paper):
    assert status.decode_paper(bytes([byte])) == paper


@pytest.mark.parametrize("answer", [None, b"", b"\x00", b"\xff", b"\x13", b"\x02", b"\x92", b"A"])
def test_no_or_foreign_answer_is_unknown(answer):
    assert status.decode_paper(answer) == Paper.UNKNOWN
    assert status.decode_printer(answer) is None
    assert status.decode_offline_cause(answer) is None
    assert status.decode_error_cause(answer) is None


def test_last_byte_counts_when_stale_bytes_precede_it():
    assert status.decode_paper(b"\x12\x72") == Paper.OUT


def test_printer_status_offline_bit():
    assert status.decode_printer(b"\x12") is False
    assert status.decode_printer(b"\x1a") is True          # bit 3
    assert status.decode_printer(b"\x16") is False         # bit 2 is the drawer, not offline


def test_offline_cause_bits():
    assert status.decode_offline_cause(b"\x12") == {"cover_open": False, "feed_button": False,
                                                    "paper_end_stop": False, "error": False}
    assert status.decode_offline_cause(b"\x16")["cover_open"]
    assert status.decode_offline_cause(b"\x1a")["feed_button"]
    assert status.decode_offline_cause(b"\x32")["paper_end_stop"]
    assert status.decode_offline_cause(b"\x52")["error"]


def test_error_cause_bits():
    assert status.decode_error_cause(b"\x12") == {"cutter_error": False, "unrecoverable": False,
                                                  "auto_recoverable": False}
    assert status.decode_error_cause(b"\x1a")["cutter_error"]
    assert status.decode_error_cause(b"\x32")["unrecoverable"]
    assert status.decode_error_cause(b"\x52")["auto_recoverable"]


@given(st.sampled_from([Paper.OK, Paper.LOW, Paper.OUT]), st.booleans(), st.booleans(), st.booleans())
def test_encode_decode_round_trip(paper, offline, cover_open, error):
    assert status.decode_paper(status.encode(4, paper=paper)) == paper
    assert status.decode_printer(status.encode(1, offline=offline)) is offline
    cause = status.decode_offline_cause(status.encode(2, paper=paper, cover_open=cover_open, error=error))
    assert (cause["cover_open"], cause["paper_end_stop"], cause["error"]) == (cover_open, paper == Paper.OUT, error)
    for n in (1, 2, 3, 4):
        assert status.is_status_byte(status.encode(n, paper=paper)[0])


@given(st.binary(max_size=20))
def test_decoders_never_raise(answer):
    status.decode_paper(answer)
    status.decode_printer(answer)
    status.decode_offline_cause(answer)
    status.decode_error_cause(answer)
