"""The driver's reactions to a missing pcscd, reader or library (pyscard patched with autospec)."""
from __future__ import annotations

import os
import subprocess
import sys
from unittest import mock

import pytest
from pydantic import ValidationError
from smartcard import scard

from drivers import registry
from drivers.base import DeviceError, DeviceState, DeviceUnavailable
from drivers.ssse.pcsc_driver import SsseCardReader


def _reader(**options) -> SsseCardReader:
    return SsseCardReader("ssse", SsseCardReader.Options(**options), lambda event: None)


def test_registry_names_this_driver():
    assert registry.driver_class("pcsc-ssse") is SsseCardReader
    assert SsseCardReader.device_class == "ssse"


def test_options():
    assert _reader().poll_interval_s == 0.5
    assert _reader(poll_interval_s=0.2, reader="00 01").options.reader == "00 01"
    with pytest.raises(ValidationError, match="port"):
        SsseCardReader.Options(port="/dev/ttyS0")
    with pytest.raises(ValidationError, match="poll_interval_s"):
        SsseCardReader.Options(poll_interval_s=0)


def test_no_pcscd_is_device_unavailable():
    """Given pcscd not running, when opening, then DeviceUnavailable says so."""
    with mock.patch.object(scard, "SCardEstablishContext", autospec=True,
                           return_value=(scard.SCARD_E_NO_SERVICE, 0)) as establish:
        dev = _reader()
        with pytest.raises(DeviceUnavailable, match="pcscd is not reachable") as err:
            dev.open()
    establish.assert_called_once_with(scard.SCARD_SCOPE_USER)
    assert err.value.state == DeviceState.NO_DEVICE and err.value.code == "no_service"
    dev.close()
    dev.close()


def test_no_reader_is_device_unavailable():
    with mock.patch.object(scard, "SCardEstablishContext", autospec=True, return_value=(0, 42)), \
            mock.patch.object(scard, "SCardListReaders", autospec=True,
                              return_value=(scard.SCARD_E_NO_READERS_AVAILABLE, [])), \
            mock.patch.object(scard, "SCardReleaseContext", autospec=True, return_value=0) as release:
        with pytest.raises(DeviceUnavailable, match="no PC/SC reader is connected"):
            _reader().open()
    release.assert_called_once_with(42)


def test_unmatched_reader_names_the_readers_present():
    with mock.patch.object(scard, "SCardEstablishContext", autospec=True, return_value=(0, 42)), \
            mock.patch.object(scard, "SCardListReaders", autospec=True,
                              return_value=(0, ["Virtual PCD 00 00", "Virtual PCD 00 01"])), \
            mock.patch.object(scard, "SCardReleaseContext", autospec=True, return_value=0):
        with pytest.raises(DeviceUnavailable, match="ACS ACR38.*Virtual PCD 00 00, Virtual PCD 00 01"):
            _reader(reader="ACS ACR38").open()


def test_pcscd_going_away_makes_poll_raise():
    """Given an open reader, when pcscd stops, then poll raises DeviceUnavailable."""
    with mock.patch.object(scard, "SCardEstablishContext", autospec=True, return_value=(0, 42)), \
            mock.patch.object(scard, "SCardListReaders", autospec=True, return_value=(0, ["Virtual PCD 00 01"])), \
            mock.patch.object(scard, "SCardReleaseContext", autospec=True, return_value=0), \
            mock.patch.object(scard, "SCardGetStatusChange", autospec=True) as status:
        dev = _reader(reader="00 01")
        dev.open()
        assert dev.reader_name == "Virtual PCD 00 01" and dev.status().state == DeviceState.ONLINE
        status.return_value = (scard.SCARD_E_TIMEOUT, [("Virtual PCD 00 01", scard.SCARD_STATE_EMPTY, [])])
        dev.poll()
        status.return_value = (scard.SCARD_E_NO_SERVICE, [("Virtual PCD 00 01", 0, [])])
        with pytest.raises(DeviceUnavailable, match="lost pcscd"):
            dev.poll()
        status.return_value = (0, [("Virtual PCD 00 01", scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_IGNORE, [])])
        with pytest.raises(DeviceUnavailable, match="is gone"):
            dev.poll()
        dev.close()


def test_missing_pyscard_is_a_readable_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "smartcard", None)
    with pytest.raises(DeviceError, match="needs pyscard") as err:
        _reader().open()
    assert err.value.code == "missing_library"


def test_no_pcscd_for_real(tmp_path):
    """Given a PC/SC client pointed at a socket nobody serves, open() is DeviceUnavailable."""
    code = ("from drivers.ssse.pcsc_driver import SsseCardReader\n"
            "from drivers.base import DeviceUnavailable\n"
            "d = SsseCardReader('ssse', SsseCardReader.Options(), print)\n"
            "try:\n    d.open()\nexcept DeviceUnavailable as e:\n    print('UNAVAILABLE', e.code)\n")
    env = dict(os.environ, PCSCLITE_CSOCK_NAME=str(tmp_path / "no-pcscd.comm"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120, cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert out.stdout.strip() == "UNAVAILABLE no_service", out.stderr
