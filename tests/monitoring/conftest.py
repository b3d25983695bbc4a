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


@pytest.fixture(scope="session")
def park(tmp_path_factory):
    """Two terminal cores (their own sandbox) scraped by one real Prometheus, once per session."""
    from tests.monitoring.prometheus_server import Prometheus

    root = tmp_path_factory.mktemp("park")
    with SandboxPlatform(terminals={}, documents=DOCUMENTS, catalogue=CATALOGUE, seed=7) as sb:
        cores = [CoreTerminal(root / tid, sb, tid, heartbeat_s=3600).start() for tid in ("FZ-PARK-0001", "FZ-PARK-0002")]
        targets = [{"targets": [f"127.0.0.1:{c.monitoring.server.port}"],
                    "labels": {"terminal": c.id, "name": f"大厅 {i + 1}", "location": "测试园区"}}
                   for i, c in enumerate(cores)]
        prom = Prometheus(root / "prometheus", targets)
        try:
            prom.start()
            yield prom, cores
        finally:
            prom.stop()
            for c in cores:
                c.stop()
