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


# -- long texts are wrapped between words, never by the printer --------------------------------

LONG = Receipt(
    title="福州市鼓楼区政务服务中心东街口便民服务站自助服务终端",
    lines=[("服务", "福州市住房公积金个人缴存明细及贷款还款情况证明"), ("时间", "2026-12-02 08:00"),
           ("业务编号", "JOB-2026-0001-ABCDEFGH"), ("纸张编号", "、".join(["3501000102", "3501000103", "3501000104"])),
           ("Service", "Certificate of social insurance contributions for the self-employed"),
           ("取件码", "5579 4499")],
    qr="efz://verify?code=AB12",
    footer="打印机故障，证明已保留在本机。故障排除后，请凭取件码和本人身份证到本机取件。")


def test_long_lines_wrap_between_words_within_the_paper():
    from tests.receipt.wording import printed_lines, split_words

    out = printed(LONG)
    assert split_words(out) == []
    lines = [text for group in printed_lines(out) for text, _f in group]
    assert "".join(lines).replace(" ", "").count("身份证") == 1  # whole, on one line
    assert "Service：Certificate of social insurance" in lines and "contributions for the self-employed" in lines
    assert any(line.strip() == "5579 4499" or line.endswith("5579 4499") for line in lines)


def test_wrap_breaks_english_at_spaces_and_chinese_between_words():
    assert layout.wrap("Certificate of social insurance contributions", 20) == [
        "Certificate of", "social insurance", "contributions"]
    for width in range(12, 49):
        for text in (LONG.footer, LONG.title, "届时请凭凭条上的取件码和本人身份证，在首页点“取件”打印。"):
            lines = layout.wrap(text, width)
            assert "".join(lines) == text
            assert all(layout.columns(line) <= width for line in lines)
            at = 0
            from drivers.words import boundaries

            allowed = boundaries(text)
            for line in lines[:-1]:
                at += len(line)
                assert at in allowed, (width, lines)
            if len(lines) > 1:
                assert len(lines[-1]) >= 3, (width, lines)
