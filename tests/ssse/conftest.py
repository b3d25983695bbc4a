"""Fixtures of the social security card tests: a real pcscd with the vpcd virtual reader.

The session fixture ``pcscd_vpcd`` uses a pcscd that is already serving the vpcd readers, or
(as root) starts ``pcscd -f`` and stops it afterwards. It skips only when that is impossible:
not root, or pcscd / the vpcd driver not installed.
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Callable

import pytest

from drivers.base import DeviceEvent, EventKind
from drivers.sim.ssse_card import VirtualSsseCard

VPCD_READER = "Virtual PCD 00 00"      # the reader behind TCP port 35963
WAIT_S = 30.0                          # generous: pcscd polls vpcd, machines may be loaded


def _scard():
    from smartcard import scard

    return scard


def vpcd_readers() -> list[str]:
    """The vpcd readers pcscd serves now ([] when pcscd is not reachable)."""
    sc = _scard()
    rv, ctx = sc.SCardEstablishContext(sc.SCARD_SCOPE_USER)
    if rv != sc.SCARD_S_SUCCESS:
        return []
    try:
        rv, names = sc.SCardListReaders(ctx, [])
        return [n for n in names if n.startswith("Virtual PCD")] if rv == sc.SCARD_S_SUCCESS else []
    finally:
        sc.SCardReleaseContext(ctx)


def card_in_reader(reader: str = VPCD_READER) -> tuple[bool, int]:
    """(card present, pcscd's event counter) of ``reader``, asked on a context of our own."""
    sc = _scard()
    rv, ctx = sc.SCardEstablishContext(sc.SCARD_SCOPE_USER)
    assert rv == sc.SCARD_S_SUCCESS
    try:
        rv, states = sc.SCardGetStatusChange(ctx, 0, [(reader, sc.SCARD_STATE_UNAWARE)])
        state = states[0][1]
        return bool(state & sc.SCARD_STATE_PRESENT), (state >> 16) & 0xFFFF
    finally:
        sc.SCardReleaseContext(ctx)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _vpcd_config() -> list[str]:
    """``-c FILE`` when the distribution's reader.conf.d lacks the vpcd entry."""
    if any("vpcd" in p.name for p in Path("/etc/reader.conf.d").glob("*")):
        return []
    libs = sorted(glob.glob("/usr/lib*/pcsc/drivers/serial/libifdvpcd.so*") +
                  glob.glob("/usr/lib/*/pcsc/drivers/serial/libifdvpcd.so*"))
    conf = Path(tempfile.mkdtemp(prefix="kiosk-vpcd-")) / "vpcd.conf"
    conf.write_text(f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x8C7B\n'
                    f"LIBPATH {libs[0]}\nCHANNELID 0x8C7B\n")
    return ["-c", str(conf)]


@pytest.fixture(scope="session")
def pcscd_vpcd(tmp_path_factory):
    """A pcscd serving the vpcd readers for the whole session; yields the reader name."""
    if VPCD_READER in vpcd_readers():
        yield VPCD_READER
        return
    pcscd = shutil.which("pcscd") or next((p for p in ("/usr/sbin/pcscd",) if os.path.exists(p)), None)
    vpcd = glob.glob("/usr/lib*/pcsc/drivers/serial/libifdvpcd.so*") + \
        glob.glob("/usr/lib/*/pcsc/drivers/serial/libifdvpcd.so*")
    if pcscd is None or not vpcd:
        pytest.skip("pcscd or the vsmartcard vpcd driver is not installed "
                    "(apt-get install pcscd vsmartcard-vpcd)")
    if os.geteuid() != 0:
        pytest.skip("pcscd is not serving the vpcd readers and only root may start it")
    log_path = tmp_path_factory.mktemp("pcscd") / "pcscd.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([pcscd, "--foreground", *_vpcd_config()], stdout=log,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_for(lambda: VPCD_READER in vpcd_readers() or proc.poll() is not None, "pcscd to start")
        if proc.poll() is not None:
            pytest.fail(f"pcscd exited with {proc.returncode}: {log_path.read_text(errors='replace')[-2000:]}")
        yield VPCD_READER
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture
def vpcd_card(pcscd_vpcd):
    """Factory of virtual cards for the vpcd reader; every card made is removed afterwards,
    and the reader is empty when the test starts."""
    made: list[VirtualSsseCard] = []
    wait_for(lambda: not card_in_reader(pcscd_vpcd)[0], "an empty reader before the test")

    def make(card: str = "zhang", mode: str = "second_gen") -> VirtualSsseCard:
        c = VirtualSsseCard(card, mode=mode)
        made.append(c)
        return c

    yield make
    for c in made:
        c.remove()
    wait_for(lambda: not card_in_reader(pcscd_vpcd)[0], "the reader to empty after the test")


class EventLog(list):
    """The events a driver emitted, with helpers to wait for one while polling the driver."""

    def kinds(self) -> list[EventKind]:
        return [e.kind for e in self if e.kind != EventKind.STATUS_CHANGED]

    def of(self, kind: EventKind) -> list[DeviceEvent]:
        return [e for e in self if e.kind == kind]

    def poll_until(self, device, kind: EventKind, count: int = 1, timeout: float = WAIT_S) -> DeviceEvent:
        def seen() -> bool:
            device.poll()
            return len(self.of(kind)) >= count
        wait_for(seen, f"{count} {kind.value} event(s)", timeout)
        return self.of(kind)[count - 1]


@pytest.fixture
def events() -> EventLog:
    return EventLog()
