"""cupsd keeps no printed document: the settings shipped in deploy/cups/ (applied to the private
cupsd by the same script as the set-up and the package) leave no job file in the spool."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.printer.conftest import DEPLOY_CUPS
from tests.printer.pdfs import make_pdf
from tests.printer.test_printer_cups import printer

APPLY = DEPLOY_CUPS / "apply-cupsd-settings.sh"


@pytest.mark.cups
def test_after_a_print_no_file_of_the_job_remains_in_the_spool(cups_a4):
    """Given the private cupsd with the shipped settings, when a document is printed through the
    kiosk's CUPS driver and completes, then the spool holds no data file of that job (CUPS's
    default keeps it a day)."""
    dev, _ = printer(cups_a4)
    dev.open()
    outcome = dev.print_pdf(make_pdf("certificate of 35010219850312123X"), title="doc")
    assert outcome.printed
    spool = Path(cups_a4.root) / "spool"
    job = int(outcome.job_ref)
    assert (cups_a4.outdir("kiosk-a4") / f"job-{outcome.job_ref}.pdf").exists()  # it did print
    left = [p.name for p in spool.iterdir() if p.name.startswith(f"d{job:05d}")]
    assert left == []


def test_the_settings_script_is_idempotent_and_replaces_conflicting_directives(tmp_path):
    conf = tmp_path / "cupsd.conf"
    conf.write_text("LogLevel warn\nPreserveJobFiles Yes\nPreserveJobHistory Yes\n<Location />\n"
                    "  Order allow,deny\n</Location>\n")
    first = subprocess.run([str(APPLY), str(conf)], capture_output=True, text=True, check=True)
    text = conf.read_text()
    second = subprocess.run([str(APPLY), str(conf)], capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "changed" and second.stdout.strip() == "unchanged"
    assert conf.read_text() == text
    lines = text.splitlines()
    assert "PreserveJobFiles Yes" not in lines and "PreserveJobHistory Yes" not in lines
    assert "PreserveJobFiles No" in lines and "PreserveJobHistory 600" in lines
    assert "LogLevel warn" in lines and "  Order allow,deny" in lines
