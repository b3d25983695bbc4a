import pytest

from kiosk.sandbox import SandboxPlatform
from tests.monitoring.core import CoreTerminal
from tests.sandbox.standins import CATALOGUE, DOCUMENTS


@pytest.fixture
def sandbox():
    with SandboxPlatform(terminals={}, documents=DOCUMENTS, catalogue=CATALOGUE, seed=7) as sb:
        yield sb


@pytest.fixture
def make_core(sandbox, tmp_path):
    made = []

    def make(name: str = "FZ-MON-0001", **kw) -> CoreTerminal:
        core = CoreTerminal(tmp_path / name, sandbox, name, **kw)
        made.append(core)
        return core

    yield make
    for core in made:
        core.stop()
