"""A terminal whose pinyin table is missing or damaged (a bad copy, a full disk at install) still
shows its catalogue and searches it by Chinese and English text; only pinyin initials are lost,
with a log line that says why."""
from __future__ import annotations

import logging

import pytest

from kiosk import pinyin
from kiosk.sandbox.catalogue import FULL
from kiosk.terminal import Terminal
from tests.startup.conftest import deviceless_cfg  # noqa: F401 - the fixture


@pytest.mark.parametrize("damage", ["missing", "binary", "truncated"])
def test_without_its_pinyin_table_the_catalogue_still_shows(deviceless_cfg, tmp_path, monkeypatch, caplog,  # noqa: F811
                                                           damage):
    table = tmp_path / "pinyin_initials.txt"
    if damage == "binary":
        table.write_bytes(b"\xff\xfe\x00garbage\x80\x81")
    elif damage == "truncated":  # cut off in the middle of a line
        table.write_bytes(pinyin.Path(pinyin.__file__).with_name("pinyin_initials.txt").read_bytes()[:5000])
    monkeypatch.setattr(pinyin, "TABLE", table)
    pinyin.forget()
    shown, indexed = [], []
    caplog.set_level(logging.ERROR)
    with Terminal(deviceless_cfg, post=lambda fn: fn()) as t:
        t.first_paint.set()
        t.on_catalogue(lambda catalogue, _none: shown.append(catalogue),
                       lambda catalogue, index: indexed.append(index))
        t.store.save_catalogue(FULL, '"v1"')
        t.load_catalogue()
    pinyin.forget()
    assert len(shown) == 1 and len(shown[0].services) == len(FULL["services"])
    [index] = indexed
    assert "social_insurance_payment" in index.search("社会保险缴费")
    assert "social_insurance_payment" in index.search("social insurance", "en")
    if damage != "truncated":  # a cut-off table still has its first characters, not 社 or 保
        assert index.search("SBJF") == []
    assert any("pinyin table" in r.getMessage() and "not usable" in r.getMessage() for r in caplog.records)
