"""Fixtures of the ID card reader tests: a simulated reader on a real pty, and the driver."""
from __future__ import annotations

import pytest

from drivers.idcard import ga467_codec as codec
from drivers.idcard.ga467_driver import Ga467Reader
from drivers.sim.ga467_sim import CardReaderSim
from drivers.sim.pty_port import PtyPort


@pytest.fixture
def sim(tmp_path):
    reader_sim = CardReaderSim(tmp_path / "dev" / "ttyIDCARD").start()
    yield reader_sim
    reader_sim.stop()


@pytest.fixture
def events():
    return []


@pytest.fixture
def reader(sim, events):
    # generous timeout: the simulator thread may be slow to answer on a loaded machine
    options = Ga467Reader.Options(port=str(sim.link), timeout_s=5.0)
    device = Ga467Reader("id_card", options, events.append)
    device.open()
    yield device
    device.close()


class ScriptedReader:
    """A pty that answers each command with the next scripted SW3 (per command), for odd cases."""

    def __init__(self, link):
        self.answers: dict[tuple[int, int], list[bytes]] = {}
        self.port = PtyPort(link, self._on_data)
        self._parser = codec.FrameParser()

    def script(self, cmd, *frames: bytes) -> None:
        self.answers.setdefault(cmd, []).extend(frames)

    def _on_data(self, data: bytes) -> None:
        for item in self._parser.feed(data):
            if isinstance(item, codec.Frame):
                cmd = (item.body[0], item.body[1])
                queue = self.answers.get(cmd) or []
                if queue:
                    frame = queue.pop(0) if len(queue) > 1 else queue[0]
                    self.port.write(frame)


@pytest.fixture
def scripted(tmp_path):
    s = ScriptedReader(tmp_path / "dev" / "ttySCRIPT")
    s.script(codec.READ_SAM_ID, codec.response(0x90, bytes(16)))
    s.port.start()
    yield s
    s.port.stop()
