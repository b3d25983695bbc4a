"""The Debian package: built from the one bundle build of tests/bundle, inspected, lintian clean of
errors, then installed, upgraded, removed and purged on this machine (as root); the installed
kiosk answers --version and kiosk.diag status."""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy" / "deb"))

pytestmark = pytest.mark.slow


def _run(*argv, check=True, env=None, **kw) -> subprocess.CompletedProcess:
    env = {**(env or os.environ), "DEBIAN_FRONTEND": "noninteractive"}
    proc = subprocess.run(list(argv), capture_output=True, text=True, timeout=600, env=env, **kw)
    if check:
        assert proc.returncode == 0, f"{argv}: {proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    return proc


@pytest.fixture(scope="module")
def debs(bundle, tmp_path_factory):
    import build_deb

    out = tmp_path_factory.mktemp("deb")
    ver = build_deb.version()
    first = build_deb.build(bundle.parent, out / "v1", ver, fast=True)
    second = build_deb.build(bundle.parent, out / "v2", ver + "+upgrade1", fast=True)
    return ver, first, second


def test_the_package_is_named_and_versioned_and_holds_what_a_terminal_needs(debs):
    ver, deb, _ = debs
    assert deb.name == f"efz-kiosk_{ver}_amd64.deb"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["project"]["version"] == ver
    info = _run("dpkg-deb", "--info", str(deb)).stdout
    for needed in ("Package: efz-kiosk", f"Version: {ver}", "Architecture: amd64", "xserver-xorg-core",
                   "fonts-noto-cjk", "cups", "libzbar0", "postinst", "postrm", "conffiles"):
        assert needed in info, needed
    contents = _run("dpkg-deb", "--contents", str(deb)).stdout
    for path in ("./opt/efz-kiosk/efz-kiosk/efz-kiosk", "./lib/systemd/system/efz-kiosk.service",
                 "./lib/systemd/system/efz-kiosk-x.service", "./etc/X11/xorg.conf.d/10-efz-kiosk.conf",
                 "./usr/share/efz-kiosk/cups/cupsd-kiosk.conf", "./usr/share/doc/efz-kiosk/copyright",
                 "./usr/bin/efz-kiosk -> /opt/efz-kiosk/efz-kiosk/efz-kiosk"):
        assert path in contents, path
    assert " root/root " in contents and "efz-kiosk/efz-kiosk " not in contents.replace("./", "")


def test_lintian_reports_no_error(debs):
    if shutil.which("lintian") is None:
        pytest.skip("lintian not installed")
    proc = _run("lintian", "--no-tag-display-limit", str(debs[1]), check=False)
    errors = [line for line in proc.stdout.splitlines() if line.startswith("E:")]
    assert errors == [], proc.stdout[-4000:]


def test_install_upgrade_remove_and_purge_on_this_machine(debs, tmp_path):
    if os.geteuid() != 0 or shutil.which("dpkg") is None:
        pytest.skip("installing a package needs root and dpkg")
    if _run("dpkg-query", "-W", "-f=${Status}", "efz-kiosk", check=False).stdout.startswith("install ok"):
        pytest.skip("efz-kiosk is already installed on this machine; not touching it")
    from kiosk.simrig import SimulatedTerminal

    ver, first, second = debs
    rig = SimulatedTerminal(tmp_path / "terminal", platform_port=0, receipt_port=0).start()
    try:
        _run("dpkg", "-i", str(first))
        data, etc = Path("/var/lib/efz-kiosk"), Path("/etc/efz-kiosk")
        assert stat.S_IMODE(data.stat().st_mode) == 0o700 and data.owner() == "efz-kiosk"
        assert stat.S_IMODE(etc.stat().st_mode) == 0o750 and etc.group() == "efz-kiosk"
        assert stat.S_IMODE((etc / "terminal.toml").stat().st_mode) == 0o600
        assert _run("/usr/bin/efz-kiosk", "--version").stdout.strip() == f"efz-kiosk {ver}"
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KIOSK_CONFIG")}
        status = _run("efz-kiosk", "diag", "status", "--config", str(rig.root / "terminal.toml"), "--json",
                      "--probe-s", "2", cwd="/", env={**env, "QT_QPA_PLATFORM": "offscreen"})
        assert json.loads(status.stdout.strip().splitlines()[-1])["network"]["online"] is True

        (data / "marker").write_text("held documents")
        with open(etc / "terminal.toml", "a", encoding="utf-8") as f:
            f.write("# edited by the operator\n")
        _run("dpkg", "-i", str(second))  # upgrade: data and config kept
        assert (data / "marker").read_text() == "held documents"
        assert "# edited by the operator" in (etc / "terminal.toml").read_text()
        assert _run("efz-kiosk", "--version").stdout.strip() == f"efz-kiosk {ver}"  # same bundle

        _run("dpkg", "-i", str(first))  # roll back: installing the previous version
        assert (data / "marker").exists()
        _run("dpkg", "-r", "efz-kiosk")  # remove: data and config stay
        assert (data / "marker").exists() and (etc / "terminal.toml").exists()
        assert not Path("/opt/efz-kiosk/efz-kiosk/efz-kiosk").exists()
        purge = _run("dpkg", "-P", "efz-kiosk")
        assert "deleting the terminal's data in /var/lib/efz-kiosk" in purge.stderr + purge.stdout
        assert not data.exists() and not etc.exists()
    finally:
        rig.stop()
        if _run("dpkg-query", "-W", "-f=${Status}", "efz-kiosk", check=False).stdout.strip():
            _run("dpkg", "-P", "efz-kiosk", check=False)
