"""A terminal whose pinyin table is missing or damaged (a bad copy, a full disk at install) still
shows its catalogue: only the search is left out, with one log line that says why."""
from __future__ import annotations

import logging

import pytest

from kiosk import pinyin
from kiosk.sandbox.catalogue import FULL
from kiosk.terminal import Terminal
from tests.startup.conftest import deviceless_cfg  # noqa: F401 - the fixture


@pytest.mark.parametrize("damage", ["missing", "binary"])
def test_without_its_pinyin_table_the_catalogue_still_shows(deviceless_cfg, tmp_path, monkeypatch, caplog,  # noqa: F811
                                                           damage):
    table = tmp_path / "pinyin_initials.txt"
    if damage == "binary":
        table.write_bytes(b"\xff\xfe\x00garbage\x80\x81")
    monkeypatch.setattr(pinyin, "TABLE", table)
    pinyin.forget()
    shown, indexed = [], []
    caplog.set_level(logging.ERROR, logger="kiosk.terminal")
    with Terminal(deviceless_cfg, post=lambda fn: fn()) as t:
        t.first_paint.set()
        t.on_catalogue(lambda catalogue, _none: shown.append(catalogue),
                       lambda catalogue, index: indexed.append(index))
        t.store.save_catalogue(FULL, '"v1"')
        t.load_catalogue()
    pinyin.forget()
    assert len(shown) == 1 and len(shown[0].services) == len(FULL["services"])
    assert indexed == []
    assert any("search index" in r.getMessage() and "not built" in r.getMessage() for r in caplog.records)
