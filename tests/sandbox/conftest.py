import secrets

import pytest

from kiosk.platform_client import PlatformClient
from kiosk.sandbox import SandboxPlatform
from tests.sandbox.standins import CATALOGUE, DOCUMENTS

TERMINAL = "FZ-TEST-0001"


@pytest.fixture
def secret():
    return secrets.token_bytes(32)


@pytest.fixture
def sandbox(secret):
    with SandboxPlatform(terminals={TERMINAL: secret}, documents=DOCUMENTS, catalogue=CATALOGUE) as sb:
        yield sb


@pytest.fixture
def waits():
    return []


@pytest.fixture
def client(sandbox, secret, waits):
    c = PlatformClient(sandbox.url, TERMINAL, secret, timeout=(2, 5), attempts=3, base_delay_s=0.01,
                       max_delay_s=0.5, sleep=waits.append)
    yield c
    c.close()
