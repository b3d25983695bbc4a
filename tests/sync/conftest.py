import secrets

import pytest

from drivers.sim import people
from kiosk.platform_client import PlatformClient
from kiosk.sandbox import SandboxPlatform
from kiosk.sync import SyncWorker
from offline_cache import Store
from tests.sandbox.standins import CATALOGUE, DOCUMENTS

TERMINAL = "FZ-SYNC-0001"


@pytest.fixture
def secret():
    return secrets.token_bytes(32)


@pytest.fixture
def sandbox(secret):
    with SandboxPlatform(terminals={TERMINAL: secret}, documents=DOCUMENTS, catalogue=CATALOGUE, seed=7) as sb:
        yield sb


@pytest.fixture
def store(tmp_path, secret):
    s = Store.open(tmp_path / "store", doc_key=secret)
    yield s
    s.close()


@pytest.fixture
def client(sandbox, secret):
    c = PlatformClient(sandbox.url, TERMINAL, secret, timeout=(2, 5), attempts=2, base_delay_s=0.01,
                       max_delay_s=0.2)
    yield c
    c.close()


@pytest.fixture
def make_worker(store, client):
    made = []

    def make(**kw):
        kw.setdefault("interval_s", 0.05)
        kw.setdefault("max_backoff_s", 0.2)
        w = SyncWorker(store, client, **kw)
        made.append(w)
        return w

    yield make
    for w in made:
        w.stop(timeout=10)


@pytest.fixture
def subject(client):
    zhang = people.resident("zhang")
    return client.verify_identity("id_card", id_number=zhang.id_number, name=zhang.name).subject


def wait_for(condition, timeout=60.0, what="condition"):
    """Poll ``condition`` until true (generous timeout for loaded 2-core machines)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")
