"""kiosk.spec takes the driver modules from the registry (a new driver needs no spec line)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from drivers import registry

SPEC = Path(__file__).resolve().parents[2] / "kiosk.spec"


def test_spec_hidden_imports_come_from_the_registry():
    text = SPEC.read_text(encoding="utf-8")
    assert "registry.modules()" in text
    for module in registry.modules():
        assert f'"{module}"' not in text, module   # not listed by hand any more
        assert importlib.util.find_spec(module) is not None, module
    assert set(registry.modules()) == {registry._DRIVERS[n][0].partition(":")[0] for n in registry.names()}
