"""A private cupsd for the printer tests (never the system one on port 631).

It runs as root on 127.0.0.1:<free port> with its own ServerRoot, spool, state and logs under a
temporary directory, and a ServerBin made of links to the system's CUPS programs plus
``kiosktest``, a small backend that writes each job's PDF (after the real pdftopdf filter) to
the directory in its device URI and acts out printer trouble from control files there:

- ``reasons``: keywords reported with ``STATE: +kw`` at the start of each job (kept after it);
- ``clear``: keywords removed with ``STATE: -kw`` at the start of each job;
- ``block``: one keyword: report it, then hold the job processing until the file is removed
  (paper refilled), then clear it and finish;
- ``exit``: a backend exit status (4 stops the queue).

Queues: ``kiosk-a4`` and ``kiosk-licence``. Skips only when not root or cupsd is missing.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from drivers.printer.ipp_client import IppClient

CUPS_LIB = Path("/usr/lib/cups")
DEPLOY_CUPS = Path(__file__).resolve().parents[2] / "deploy" / "cups"

BACKEND = r"""#!/bin/sh
# kiosktest backend: see tests/printer/conftest.py
if [ $# -eq 0 ]; then
    echo 'direct kiosktest "Unknown" "Kiosk test backend"'
    exit 0
fi
dir=${DEVICE_URI#kiosktest:}
if [ -f "$dir/reasons" ]; then
    for r in $(cat "$dir/reasons"); do echo "STATE: +$r" >&2; done
fi
if [ -f "$dir/clear" ]; then
    for r in $(cat "$dir/clear"); do echo "STATE: -$r" >&2; done
fi
if [ -f "$dir/block" ]; then
    r=$(cat "$dir/block")
    echo "STATE: +$r" >&2
    echo "ERROR: printer reports $r" >&2
    n=0
    while [ -f "$dir/block" ] && [ $n -lt 3000 ]; do sleep 0.1; n=$((n+1)); done
    echo "STATE: -$r" >&2
fi
if [ -f "$dir/exit" ]; then
    exit "$(cat "$dir/exit")"
fi
out="$dir/job-$1.pdf"
if [ -n "$6" ]; then cat "$6" > "$out.part"; else cat > "$out.part"; fi
mv "$out.part" "$out"
echo "$4" > "$dir/job-$1.copies"
echo "$5" > "$dir/job-$1.options"
exit 0
"""

PPD = """*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "KIOSKT.PPD"
*Manufacturer: "Kiosk"
*Product: "(Kiosk Test)"
*ModelName: "Kiosk Test PDF"
*ShortNickName: "Kiosk Test PDF"
*NickName: "Kiosk Test PDF"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: False
*DefaultColorSpace: Gray
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsVersion: 2.4
*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*PageSize A3/A3: "<</PageSize[842 1191]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*PageRegion A3/A3: "<</PageSize[842 1191]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*ImageableArea A3/A3: "0 0 842 1191"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
*PaperDimension A3/A3: "842 1191"
*OpenUI *InputSlot/Media Source: PickOne
*OrderDependency: 20 AnySetup *InputSlot
*DefaultInputSlot: Tray1
*InputSlot Tray1/Tray 1: ""
*InputSlot Tray2/Tray 2: ""
*CloseUI: *InputSlot
"""

QUEUES = ("kiosk-a4", "kiosk-licence")
CLEAR_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
             b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n")


@dataclass
class PrivateCups:
    root: Path
    port: int
    proc: subprocess.Popen

    @property
    def server(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def socket_path(self) -> str:
        return str(self.root / "cups.sock")

    def outdir(self, queue: str) -> Path:
        return self.root / "out" / queue

    def error_log(self) -> str:
        path = self.root / "log" / "error_log"
        return path.read_text(errors="replace") if path.exists() else ""

    def reset(self, queue: str) -> None:
        """Clear control files, leftover jobs and printer-state reasons; idle and accepting."""
        out = self.outdir(queue)
        for name in ("reasons", "clear", "block", "exit"):
            (out / name).unlink(missing_ok=True)
        self.lp("cancel", "-a", queue, check=False)
        self.lp("cupsenable", queue)
        self.lp("cupsaccept", queue)
        client = IppClient(self.server)
        left = [r for r in client.get_printer_attributes(queue).getall("printer-state-reasons") if r != "none"]
        if left:  # only a backend can take its reasons back: run one job that clears them
            (out / "clear").write_text(" ".join(left) + "\n")
            try:
                job_id = client.print_job(queue, CLEAR_PDF, title="reset")
                deadline = time.monotonic() + 60
                while client.get_job_attributes(queue, job_id).get("job-state", 3) < 7:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"reset job on {queue} did not finish")
                    time.sleep(0.1)
            finally:
                (out / "clear").unlink(missing_ok=True)

    def lp(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run a CUPS command-line tool against this server."""
        env = {**os.environ, "CUPS_SERVER": self.server}
        return subprocess.run(list(argv), env=env, check=check, capture_output=True, text=True, timeout=60)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_bin(root: Path) -> Path:
    sbin = root / "lib"
    sbin.mkdir()
    for entry in CUPS_LIB.iterdir():
        if entry.name != "backend":
            (sbin / entry.name).symlink_to(entry)
    backends = sbin / "backend"
    backends.mkdir()
    for entry in (CUPS_LIB / "backend").iterdir():
        (backends / entry.name).symlink_to(entry)
    test_backend = backends / "kiosktest"
    test_backend.write_text(BACKEND)
    test_backend.chmod(0o700)  # 0700: cupsd runs it as root, so it can write the out dirs
    return sbin


def _wait_listening(port: int, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"cupsd exited with status {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("cupsd did not start listening")


@pytest.fixture(scope="session")
def private_cups():
    cupsd = shutil.which("cupsd") or ("/usr/sbin/cupsd" if Path("/usr/sbin/cupsd").exists() else None)
    if os.geteuid() != 0:
        pytest.skip("private cupsd needs root (it runs backends and filters as other users)")
    if cupsd is None or shutil.which("lpadmin") is None:
        pytest.skip("cupsd/lpadmin not installed (Debian packages cups, cups-client)")
    # Under /tmp with 0755 so the filters, which run as user lp, can read the spool.
    root = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
    root.chmod(0o755)
    for sub in ("etc", "etc/ppd", "spool", "spool/tmp", "cache", "state", "log", "out"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    port = _free_port()
    sbin = _server_bin(root)
    (root / "etc" / "cupsd.conf").write_text(f"""
Listen 127.0.0.1:{port}
Listen {root}/cups.sock
LogLevel debug
MaxLogSize 0
Browsing No
WebInterface No
DefaultAuthType None
JobRetryInterval 1
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
    Allow all
  </Limit>
</Policy>
""")
    (root / "etc" / "cups-files.conf").write_text(f"""
ServerRoot {root}/etc
RequestRoot {root}/spool
TempDir {root}/spool/tmp
CacheDir {root}/cache
StateDir {root}/state
ServerBin {sbin}
DataDir /usr/share/cups
DocumentRoot /usr/share/cups/doc-root
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
FileDevice Yes
Sandboxing Relaxed
SystemGroup root
""")
    # The settings a terminal ships with (no job files kept, short history), applied by the
    # same script as the set-up and the package.
    subprocess.run([str(DEPLOY_CUPS / "apply-cupsd-settings.sh"), str(root / "etc" / "cupsd.conf")],
                   check=True, capture_output=True, timeout=30)
    (root / "kiosk-test.ppd").write_text(PPD)
    proc = subprocess.Popen([cupsd, "-f", "-c", str(root / "etc" / "cupsd.conf"),
                             "-s", str(root / "etc" / "cups-files.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    cups = PrivateCups(root, port, proc)
    try:
        _wait_listening(port, proc)
        for queue in QUEUES:
            out = cups.outdir(queue)
            out.mkdir(parents=True)
            cups.lp("lpadmin", "-p", queue, "-E", "-v", f"kiosktest:{out}", "-P", str(root / "kiosk-test.ppd"))
            cups.lp("cupsenable", queue)
            cups.lp("cupsaccept", queue)
    except Exception as e:
        proc.terminate()
        proc.wait(timeout=30)
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        pytest.fail(f"private cupsd did not come up: {e}\n{err}\n{cups.error_log()[-4000:]}")
    yield cups
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)
    if proc.stderr:
        proc.stderr.close()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def cups_a4(private_cups):
    private_cups.reset("kiosk-a4")
    yield private_cups
    private_cups.reset("kiosk-a4")
