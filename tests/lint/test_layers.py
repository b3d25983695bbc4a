"""The layering of docs/architecture.md, checked on the source: drivers/ and offline_cache/
import neither Qt nor the kiosk or its screens (drivers/sim, the simulators, included)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"drivers": ("PySide6", "kiosk", "screens"),
             "offline_cache": ("PySide6", "kiosk", "screens", "drivers")}


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_upper_ones(package):
    wrong = [f"{p.relative_to(ROOT)}: {name}" for p in sorted((ROOT / package).rglob("*.py"))
             for name in _imports(p) if name.split(".")[0] in FORBIDDEN[package]]
    assert wrong == []
