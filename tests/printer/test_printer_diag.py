"""``python -m kiosk.diag print-test`` run as a technician would, against the private cupsd
and the file printer."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.printer.pdfs import page_texts

REPO = Path(__file__).resolve().parents[2]


def diag(tmp_path, config_text, *args):
    config = tmp_path / "kiosk.toml"
    config.write_text(config_text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "kiosk.diag", "print-test", "--config", str(config), *args],
                          cwd=REPO, capture_output=True, text=True, timeout=240)


def last_json(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


@pytest.mark.cups
def test_print_test_document_through_cups(tmp_path, cups_a4):
    before = set(cups_a4.outdir("kiosk-a4").glob("job-*.pdf"))
    proc = diag(tmp_path, f'[devices.document]\ndriver = "cups"\nprinter = "kiosk-a4"\n'
                          f'server = "{cups_a4.server}"\njob_poll_s = 0.2\n',
                "--device", "document", "--json")
    assert proc.returncode == 0, proc.stderr
    result = last_json(proc.stdout)
    assert result["printed"] is True and result["page"] == "test" and result["state"] == "completed"
    assert result["progress"][-1] == "completed"
    [new] = set(cups_a4.outdir("kiosk-a4").glob("job-*.pdf")) - before
    assert new.name == f"job-{result['job_ref']}.pdf"
    assert "打印测试页" in page_texts(new.read_bytes())[0]


@pytest.mark.cups
def test_print_test_fails_in_one_line_when_paper_is_out(tmp_path, cups_a4):
    (cups_a4.outdir("kiosk-a4") / "block").write_text("media-empty-error")
    proc = diag(tmp_path, f'[devices.document]\ndriver = "cups"\nprinter = "kiosk-a4"\n'
                          f'server = "{cups_a4.server}"\njob_poll_s = 0.2\n',
                "--device", "document", "--json")
    assert proc.returncode != 0
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr
    assert "not printed" in proc.stderr and "media-empty" in proc.stderr
    result = last_json(proc.stdout)
    assert result["printed"] is False and result["status"]["paper"] == "out"


@pytest.mark.cups
def test_print_test_missing_queue(tmp_path, private_cups):
    proc = diag(tmp_path, f'[devices.document]\ndriver = "cups"\nprinter = "no-such-queue"\n'
                          f'server = "{private_cups.server}"\n', "--device", "document")
    assert proc.returncode != 0
    assert proc.stderr.strip() == "print-test: document: CUPS queue 'no-such-queue' does not exist"


def test_print_test_licence_file_printer(tmp_path):
    out = tmp_path / "licence-out"
    proc = diag(tmp_path, f'[devices.licence]\ndriver = "file"\ndir = "{out}"\noffset_x_dmm = -12\n',
                "--device", "licence")
    assert proc.returncode == 0, proc.stderr
    assert "printed: True" in proc.stdout and "page: calibration" in proc.stdout
    [pdf] = out.glob("*.pdf")
    assert "offset_x_dmm = -12" in page_texts(pdf.read_bytes())[0]


def test_print_test_file_printer_out_of_paper(tmp_path):
    out = tmp_path / "doc-out"
    out.mkdir()
    (out / "paper-state").write_text("out")
    proc = diag(tmp_path, f'[devices.document]\ndriver = "file"\ndir = "{out}"\n', "--device", "document")
    assert proc.returncode != 0
    assert proc.stderr.strip() == "print-test: document: not printed (not-submitted: media-empty)"
    assert list(out.glob("*.pdf")) == []


def test_print_test_device_not_fitted(tmp_path):
    proc = diag(tmp_path, '[devices.licence]\ndriver = "none"\nprinter = "x"\n', "--device", "licence")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr


def test_print_test_timeout_the_driver_refuses(tmp_path):
    """Given a CUPS printer and a --timeout above its driver's bound for following a job (3600 s),
    when print-test runs, then it exits 1 with one line naming the flag, before any request."""
    proc = diag(tmp_path, '[devices.document]\ndriver = "cups"\nprinter = "q"\nserver = "127.0.0.1:1"\n',
                "--device", "document", "--timeout", "7200")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        "print-test: --timeout 7200.0: Input should be less than or equal to 3600 (CupsOptions.job_timeout_s)"]
