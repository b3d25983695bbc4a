from tests.flows.conftest import terminal  # noqa: F401 - the simulated-terminal fixture
