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


# -- screens/ render and send intents: no I/O, no reach into the running kiosk ----------------
#: what a screen never imports: the store, the platform, the sync worker, device managers, the
#: writers of kiosk/ (a screen asks kiosk.technician_service or sends an intent instead)
SCREEN_FORBIDDEN = ("offline_cache", "sqlite3", "socket", "requests", "httpx", "urllib.request", "serial",
                    "kiosk.app", "kiosk.platform_client", "kiosk.sync", "kiosk.sync_jobs", "kiosk.print_jobs",
                    "kiosk.documents", "kiosk.remote_config", "kiosk.monitoring", "kiosk.technician_export",
                    "drivers.manager")
#: names of kiosk.technician that write the store or files: the service calls them, not a screen
SCREEN_FORBIDDEN_NAMES = {"kiosk.technician": {"audit", "add_event", "enrol"}}
#: the shell holds the kiosk (it sets ``window.kiosk``) and TechnicianMode hands its service over
KIOSK_HOLDERS = {"screens/shell.py", "screens/technician/__init__.py"}
#: dev tools that build whole fake terminals, not screens a resident sees
SCREEN_TOOLS = {"screens/gallery.py", "screens/sim_control.py"}


def _screen_files():
    return [p for p in sorted((ROOT / "screens").rglob("*.py"))
            if str(p.relative_to(ROOT)) not in SCREEN_TOOLS]


def _imported_names(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((a.name, None) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield from ((node.module, a.name) for a in node.names)


def test_screens_import_no_store_platform_or_device_layer():
    wrong = []
    for path in _screen_files():
        rel = str(path.relative_to(ROOT))
        for module, name in _imported_names(ast.parse(path.read_text(encoding="utf-8"), rel)):
            full = f"{module}.{name}" if name else module
            if any(full == f or full.startswith(f + ".") or module == f or module.startswith(f + ".")
                   for f in SCREEN_FORBIDDEN):
                wrong.append(f"{rel}: {full}")
            if name in SCREEN_FORBIDDEN_NAMES.get(module, ()):
                wrong.append(f"{rel}: {module}.{name}")
    assert wrong == []


def test_screens_do_not_reach_through_the_kiosk():
    """No ``something.kiosk`` (nor ``getattr(x, "kiosk")``) in screens/ but where the kiosk is held:
    the technician pages see only their service."""
    wrong = []
    for path in _screen_files():
        rel = str(path.relative_to(ROOT))
        if rel in KIOSK_HOLDERS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), rel)):
            if isinstance(node, ast.Attribute) and node.attr == "kiosk":
                wrong.append(f"{rel}:{node.lineno}: .kiosk")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
                  and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) and node.args[1].value == "kiosk"):
                wrong.append(f"{rel}:{node.lineno}: getattr(…, 'kiosk')")
    assert wrong == []


def test_the_technician_mode_touches_only_the_kiosks_service_and_bridge():
    """screens/technician/__init__.py reads two things of the kiosk: it builds the service from it
    and takes its Qt bridge; nothing else of the kiosk is named there."""
    path = ROOT / "screens" / "technician" / "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    kiosk_vars = {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
                  and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
                  and node.value.func.id == "getattr" and len(node.value.args) > 1
                  and isinstance(node.value.args[1], ast.Constant) and node.value.args[1].value == "kiosk"
                  for t in node.targets if isinstance(t, ast.Name)}
    uses = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in kiosk_vars:
            uses.add(node.attr)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
              and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in kiosk_vars):
            uses.add(node.args[1].value)
    assert kiosk_vars == {"kiosk"}
    assert uses <= {"bridge"}  # the service: technician_service.for_kiosk(kiosk)
