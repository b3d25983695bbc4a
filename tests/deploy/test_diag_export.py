"""``python -m kiosk.diag export``, the export's file creation, and masking in logs: no secret, no
PIN hash, no unmasked name, ID number or address leaves the terminal."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

from drivers.sim.people import RESIDENTS
from kiosk import local_key, logs
from kiosk.technician import hash_pin

ROOT = Path(__file__).resolve().parents[2]
ZHANG = RESIDENTS[0]


def _terminal(tmp_path: Path) -> Path:
    store = tmp_path / "var"
    key, _ = local_key.load_or_create(store)
    secret = tmp_path / "terminal.secret"
    secret.write_text(os.urandom(32).hex() + "\n")
    cfg = tmp_path / "terminal.toml"
    cfg.write_text(
        f'[terminal]\nid = "FZ-T-7"\nsecret_file = "{secret.as_posix()}"\n'
        f'[storage]\ndir = "{store.as_posix()}"\n'
        f'[technician]\npin_hash = "{hash_pin("246810", pepper=key.pin_pepper)}"\n', encoding="utf-8")
    (store / "logs").mkdir(parents=True)
    # Lines as an older version, or a library bypassing the filter, could have left them.
    lines = [{"message": f"card read name={ZHANG.name} id {ZHANG.id_number}"},
             {"message": f"住址: {ZHANG.address}"},
             {"message": "verified", "exception": f"ValueError: {{'name': '{RESIDENTS[1].name}'}} {RESIDENTS[1].id_number}"}]
    (store / "logs" / "kiosk.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                                                encoding="utf-8")
    return cfg


def test_diag_export_cli_writes_the_archive_without_secrets_or_personal_data(tmp_path):
    """Given a terminal with a keyed PIN hash, a secret, a local key and logs naming residents,
    when a technician runs ``kiosk.diag export --out DIR --json``, then DIR holds one zip with
    the screen's parts and none of the PIN hash, [technician], the secret, the local key, a
    name, an ID number or an address."""
    cfg = _terminal(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "kiosk.diag", "export", "--out", str(out), "--json",
                           "--config", str(cfg)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    path = Path(result["path"])
    assert path.parent == out and path.is_file() and not path.is_symlink()
    assert path.stat().st_mode & 0o777 == 0o600
    with zipfile.ZipFile(path) as z:
        assert {"config.toml", "status.json", "queue.json", "about.json", "logs/kiosk.jsonl"} <= set(z.namelist())
        everything = "\n".join(z.read(n).decode("utf-8") for n in z.namelist())
    pin_hash = cfg.read_text().split('pin_hash = "')[1].split('"')[0]
    for secret in (pin_hash, "scrypt", "[technician]", "pin_hash",
                   Path(tmp_path / "terminal.secret").read_text().strip(),
                   (tmp_path / "var" / "local.key").read_text().strip()):
        assert secret not in everything, secret
    for r in RESIDENTS[:2]:
        for personal in (r.name, r.id_number, r.address, r.address[6:]):
            assert personal not in everything, personal
    assert "3501**********123X" in everything and "张**" in everything


def test_a_planted_symlink_on_the_export_target_is_not_followed(tmp_path):
    """Given links planted on the stick under every name an export at this minute used to take,
    when the archive is written, then the files they point to are untouched and the archive is
    a new regular file under a random name."""
    import datetime as dt

    from kiosk import config as config_mod
    from kiosk.technician_export import write_archive

    cfg = config_mod.load(_terminal(tmp_path))
    stick = tmp_path / "stick"
    stick.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    now = dt.datetime(2026, 12, 2, 3, 30, 0)
    old_name = f"diag-{cfg.terminal.id}-{now:%Y%m%d-%H%M%S}.zip"
    for planted in (old_name, old_name + ".part"):
        (stick / planted).symlink_to(victim)
    a = write_archive(cfg, stick, status={}, queue={}, now=now)
    b = write_archive(cfg, stick, status={}, queue={}, now=now)
    assert victim.read_text() == "keep me"
    assert a != b and a.parent == stick and not a.is_symlink() and zipfile.is_zipfile(a)
    assert not list(stick.glob(".*.part"))


def test_an_exception_with_an_id_number_raised_in_a_worker_thread_reaches_the_log_masked(tmp_path):
    log_dir = tmp_path / "logs"
    saved = sys.excepthook, threading.excepthook
    logs.setup(log_dir, console=False)
    try:
        def work():
            raise ValueError(f"card {ZHANG.id_number} of {ZHANG.address} refused")

        t = threading.Thread(target=work, name="visit_0")
        t.start()
        t.join()
        for h in logging.getLogger().handlers:
            h.flush()
    finally:
        sys.excepthook, threading.excepthook = saved
        root = logging.getLogger()
        for h in list(root.handlers):
            if getattr(h, "_kiosk", False):
                root.removeHandler(h)
                h.close()
    text = (log_dir / "kiosk.jsonl").read_text(encoding="utf-8")
    entry = json.loads(text.strip().splitlines()[-1])
    assert entry["level"] == "error" and "visit_0" in entry["message"]
    assert "3501**********123X" in entry["exception"] and "ValueError" in entry["exception"]
    assert ZHANG.id_number not in text and ZHANG.address not in text
    assert (log_dir / "kiosk.jsonl").stat().st_mode & 0o777 == 0o600 and log_dir.stat().st_mode & 0o777 == 0o700


def test_diag_cli_logs_through_the_masking_filter(tmp_path, capsys):
    from kiosk.diag.__main__ import main

    saved = sys.excepthook, threading.excepthook
    try:
        assert main(["queue", "--config", str(_terminal(tmp_path))]) == 0
        logging.getLogger("kiosk.diag.test").warning("card of %s (%s) at %s", f"name={ZHANG.name}",
                                                     ZHANG.id_number, ZHANG.address)
        err = capsys.readouterr().err
    finally:
        sys.excepthook, threading.excepthook = saved
        root = logging.getLogger()
        for h in list(root.handlers):
            if getattr(h, "_kiosk", False):
                root.removeHandler(h)
    assert "3501**********123X" in err and "张**" in err
    assert ZHANG.id_number not in err and ZHANG.name not in err and ZHANG.address not in err


def test_names_and_addresses_are_masked_without_being_remembered():
    from kiosk.privacy import mask_text

    logs.forget_names()
    for r in RESIDENTS:
        for line in (f"name={r.name}", f'{{"name": "{r.name}"}}', f"姓名：{r.name}", f"to {r.address} today",
                     f"IdentityCard(name='{r.name}')"):
            masked = mask_text(line)
            assert r.name not in masked and r.address not in masked, masked
    assert mask_text("printer name=kiosk-a4 at 福州高新区 创新园") == "printer name=kiosk-a4 at 福州高新区 创新园"
