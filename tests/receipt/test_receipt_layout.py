"""Receipt layout as exact ESC/POS bytes, captured with python-escpos's Dummy printer."""
import pytest
from escpos.printer import Dummy

from drivers.classes import Receipt
from drivers.receipt import layout

TITLE = "福州高新区 创新园 自助服务点"


@pytest.fixture
def receipt():
    return Receipt(title=TITLE,
                   lines=[("业务", "社会保险缴费证明"), ("姓名", "张**"), ("证件号", "3501**********123X")],
                   qr="https://verify.example.invalid/v/AB12", footer="请妥善保管\n谢谢使用")


def printed(receipt) -> bytes:
    dummy = Dummy()
    layout.render(dummy, receipt)
    return dummy.output


def test_initialise_chinese_mode_title_and_cut(receipt):
    """Given a receipt with a Chinese title, the bytes start with ESC @ and FS &, carry the
    title in GB18030, and end with a feed and a full cut (GS V 0)."""
    out = printed(receipt)
    assert out.startswith(b"\x1b@" + layout.CHINESE_ON)
    assert TITLE.encode("gb18030") in out
    assert "社会保险缴费证明".encode("gb18030") in out
    assert "请妥善保管".encode("gb18030") in out and "谢谢使用".encode("gb18030") in out
    assert out.endswith(b"\x1bd\x06\x1dV\x00")
    assert out.index(layout.CHINESE_OFF) < out.index(b"\x1dV\x00")


def test_title_is_centred_bold_and_tall(receipt):
    out = printed(receipt)
    title_at = out.index(TITLE.encode("gb18030"))
    before = out[:title_at]
    assert b"\x1ba\x01" in before            # ESC a 1: centre
    assert b"\x1bE\x01" in before            # ESC E 1: bold
    assert b"\x1d!\x01" in before           # GS ! : double height (14 CJK chars: too wide for 2x)


def test_short_title_is_double_width_too():
    out = printed(Receipt(title="测试凭条"))
    assert b"\x1d!\x11" in out[:out.index("测试凭条".encode("gb18030"))]


def test_native_qr_store_and_print(receipt):
    out = printed(receipt)
    data = receipt.qr.encode()
    store = b"\x1d(k" + (len(data) + 3).to_bytes(2, "little") + b"1P0" + data
    assert store in out
    assert b"\x1d(k\x03\x001Q0" in out                     # print the stored symbol
    assert out.index(store) < out.index(b"\x1dV\x00")


def test_no_qr_no_qr_commands():
    assert b"\x1d(k" not in printed(Receipt(title="t", lines=[("a", "b")]))


def test_control_characters_in_values_cannot_inject_commands():
    """Given a value carrying ESC/GS bytes, none of them reaches the printer as a command."""
    out = printed(Receipt(title="t\x1bi", lines=[("名", "x\x1dV\x00y\x10\x04\x01")]))
    assert out.count(b"\x1dV\x00") == 1                    # only the real cut
    assert b"\x10\x04" not in out and b"\x1bi" not in out


def test_label_line_spreads_over_48_columns():
    line = layout.label_line("姓名", "张**")
    assert layout.columns(line) == layout.LINE_COLUMNS
    assert line.startswith("姓名：") and line.endswith("张**")
    long_value = "福" * 30
    assert layout.label_line("地址", long_value) == "地址：" + long_value


def test_every_character_encodes():
    assert layout.encode("𠀀€é") == "𠀀€é".encode("gb18030")      # GB18030 covers all of Unicode
