"""The shipped systemd units: the kiosk is the unit's main process, so systemd hears READY=1 and
WATCHDOG=1 from it (NotifyAccess=main), sees "exit to desktop" as the status the unit excludes
from restarts, and stops hearing pings when the GUI thread hangs. The kiosk is started as the
unit starts it: its Environment= and UMask=, its ExecStart (the bundle's entry), a NOTIFY_SOCKET
of the test's own, and Xvfb standing in for the X server of efz-kiosk-x.service."""
from __future__ import annotations

import array
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNITS = [ROOT / "deploy" / "efz-kiosk.service", ROOT / "deploy" / "efz-kiosk-x.service"]
BUNDLE_BINARY = "/opt/efz-kiosk/efz-kiosk/efz-kiosk"


def unit_settings(path: Path, section: str = "Service") -> list[tuple[str, str]]:
    """(key, value) lines of one section, in order (keys such as Environment= repeat)."""
    out, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = line.strip("[]")
        elif current == section and "=" in line:
            key, _, value = line.partition("=")
            out.append((key.strip(), value.strip()))
    return out


def test_the_kiosk_unit_runs_the_kiosk_itself_hardened():
    s = dict(unit_settings(UNITS[0]))
    assert s["Type"] == "notify" and s["NotifyAccess"] == "main"
    assert s["ExecStart"].split()[0] == BUNDLE_BINARY  # no xinit / session wrapper in between
    assert s["RestartPreventExitStatus"] == "64" and s["Restart"] == "always"
    from kiosk import exit_codes
    assert int(s["RestartPreventExitStatus"]) == exit_codes.EXIT_TO_DESKTOP   # and nothing else kept down
    assert exit_codes.EXIT_START_AFRESH != exit_codes.EXIT_TO_DESKTOP != exit_codes.EXIT_TECHNICIAN_RESTART
    for key, value in {"UMask": "0077", "NoNewPrivileges": "yes", "ProtectSystem": "strict",
                       "PrivateTmp": "yes", "ProtectHome": "yes"}.items():
        assert s[key] == value, key
    assert "/var/lib/efz-kiosk" in s["ReadWritePaths"].split()
    x = dict(unit_settings(UNITS[1]))
    assert "-nolisten tcp" in x["ExecStart"]
    xorg = (ROOT / "deploy" / "xorg" / "10-efz-kiosk.conf").read_text()
    assert '"DontVTSwitch" "true"' in xorg and '"DontZap" "true"' in xorg


def test_systemd_analyze_verify_passes_on_every_unit_shipped(tmp_path):
    """Verified in a root holding the programs the units name (the bundle is not installed
    here), so only the units themselves are judged."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze not installed")
    root = tmp_path / "root"
    for unit in UNITS:
        for key, value in unit_settings(unit):
            if key.startswith("Exec"):
                program = Path(value.lstrip("-@:+!").split()[0])
                stub = root / program.relative_to("/")
                stub.parent.mkdir(parents=True, exist_ok=True)
                if not stub.exists():
                    stub.write_text("#!/bin/sh\n")
                    stub.chmod(0o755)
    system_units = root / "usr" / "lib" / "systemd"
    system_units.mkdir(parents=True, exist_ok=True)
    (system_units / "system").symlink_to(Path("/usr/lib/systemd/system").resolve())  # targets, getty@
    units = root / "etc" / "systemd" / "system"
    units.mkdir(parents=True)
    for unit in UNITS:
        shutil.copy(unit, units / unit.name)
    proc = subprocess.run([analyze, "verify", f"--root={root}", *[str(units / u.name) for u in UNITS]],
                          capture_output=True, text=True, timeout=120)
    problems = [line for line in (proc.stdout + proc.stderr).splitlines()
                if line.strip() and "efz-kiosk" in line]
    assert proc.returncode == 0 and problems == [], proc.stdout + proc.stderr


class NotifyListener:
    """A NOTIFY_SOCKET like systemd's: a unix datagram socket that learns each sender's pid."""

    def __init__(self, path: Path):
        self.path = str(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        self.messages: list[tuple[int, list[str]]] = []

    def receive(self, timeout: float) -> tuple[int, list[str]] | None:
        self.sock.settimeout(timeout)
        try:
            data, ancdata, _, _ = self.sock.recvmsg(4096, socket.CMSG_SPACE(struct.calcsize("3i")))
        except socket.timeout:
            return None
        pid = -1
        for level, kind, payload in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                pid = array.array("i", payload[:12])[0]
        message = (pid, data.decode().split("\n"))
        self.messages.append(message)
        return message

    def wait_for(self, line: str, timeout: float = 90.0) -> int:
        """The pid that sent ``line`` (fails after ``timeout`` seconds of nothing matching)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.receive(max(0.1, deadline - time.monotonic()))
            if got and line in got[1]:
                return got[0]
        raise AssertionError(f"{line!r} never arrived; got {self.messages[-5:]}")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def xvfb():
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.skip("Xvfb not installed")
    read, write = os.pipe()
    proc = subprocess.Popen([binary, "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        display = ":" + f.readline().strip()
    yield display
    proc.terminate()
    proc.wait(timeout=30)


def test_ready_watchdog_exit_status_and_a_hung_gui_reach_systemd_from_the_main_process(tmp_path, xvfb):
    """Given the kiosk started as the unit starts it, then READY=1 and then WATCHDOG=1 come from
    the process systemd started (the only one NotifyAccess=main accepts); while the GUI thread
    is blocked longer than WatchdogSec no ping comes (systemd would restart it), and pings
    resume after; "exit to desktop" ends that process with RestartPreventExitStatus."""
    from kiosk.simrig import SimulatedTerminal

    service = unit_settings(UNITS[0])
    settings = dict(service)
    env = {k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID",
                                                               "QT_QPA_PLATFORM", "DISPLAY", "KIOSK_CONFIG")}
    for key, value in service:
        if key == "Environment":
            name, _, val = value.partition("=")
            env[name] = val
    rig = SimulatedTerminal(tmp_path / "terminal", platform_port=0, receipt_port=0).start()
    listener = NotifyListener(tmp_path / "notify.sock")
    triggers = tmp_path / "triggers"
    triggers.mkdir()
    watchdog_s = 2.0  # WatchdogSec scaled down for the test (the unit's value is checked above)
    env.update({"KIOSK_CONFIG": str(rig.root / "terminal.toml"), "DISPLAY": xvfb,
                "NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": str(int(watchdog_s * 1e6)),
                "UNIT_TEST_DIR": str(triggers)})
    umask = int(settings["UMask"], 8)
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "deploy" / "unit_driver.py")], env=env,
                            cwd=rig.root, preexec_fn=lambda: os.umask(umask),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert env["QT_QPA_PLATFORM"] == "xcb"
        assert listener.wait_for("READY=1") == proc.pid
        assert listener.wait_for("WATCHDOG=1", timeout=30) == proc.pid

        (triggers / "block").write_text(str(watchdog_s * 2))
        assert listener.wait_for("STATUS=blocking", timeout=30) == proc.pid
        start = len(listener.messages)
        listener.wait_for("STATUS=unblocked", timeout=60)
        during = [m for _, m in listener.messages[start:-1]]
        assert not any("WATCHDOG=1" in m for m in during), during
        assert listener.wait_for("WATCHDOG=1", timeout=30) == proc.pid  # alive again

        (triggers / "exit").write_text("")
        code = proc.wait(timeout=60)
        err = proc.stderr.read()
        assert code == int(settings["RestartPreventExitStatus"]) == 64, err[-3000:]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()
        listener.close()
        rig.stop()
    store = rig.config.storage.dir
    assert store.stat().st_mode & 0o777 == 0o700
    for name in ("kiosk.db", "local.key", "logs/kiosk.jsonl"):
        assert (store / name).stat().st_mode & 0o777 == 0o600, name
    wal = store / "kiosk.db-wal"  # removed by a clean close; 0600 while it exists (store tests)
    assert not wal.exists() or wal.stat().st_mode & 0o777 == 0o600
    for path in (rig.root / "terminal.toml", rig.config.terminal.secret_file):  # config and secret
        assert path.stat().st_mode & 0o777 == 0o600, path
