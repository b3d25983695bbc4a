"""Fixtures of the start-up tests."""
from __future__ import annotations

import pytest

from kiosk import config as config_mod

DEVICES = ("id_card", "qr_serial", "camera", "receipt", "document", "licence")


@pytest.fixture
def deviceless_cfg(tmp_path):
    """A terminal config with its own secret and store under ``tmp_path`` and no device."""
    raw, _ = config_mod.raw_config(None)
    secret = tmp_path / "terminal.secret"
    secret.write_text("00" * 32)
    raw = config_mod.deep_merge(raw, {"terminal": {"secret_file": str(secret)},
                                      "storage": {"dir": str(tmp_path / "store")},
                                      "devices": {n: {"driver": "none"} for n in DEVICES}})
    return config_mod.validate(raw)
