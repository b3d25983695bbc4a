"""/metrics: the contract's names, promtool's lint, TLS with client certificates (issue 18)."""
from __future__ import annotations

import subprocess

import pytest
import requests

from tests.monitoring.core import wait_for

CONTRACT = ("efz_build_info", "efz_platform_online", "efz_platform_last_ok_timestamp_seconds",
            "efz_device_up", "efz_device_state", "efz_outbox_depth", "efz_jobs", "efz_sheets_printed_total",
            "efz_paper_remaining_sheets", "efz_visits_total", "efz_ratings_total", "efz_disk_free_bytes",
            "process_resident_memory_bytes", "process_start_time_seconds")


def _scrape(url: str, **kw) -> str:
    answer = requests.get(url, timeout=10, **kw)
    answer.raise_for_status()
    return answer.text


def _scrape_until(url: str, needle: str, **kw) -> str:
    def seen():
        text = _scrape(url, **kw)
        return text if needle in text else None
    return wait_for(seen, what=needle)


def _families(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name = line.split("{", 1)[0].split(" ", 1)[0]
            out.setdefault(name, []).append(line)
    return out


def test_metrics_carry_the_contract_names_and_pass_promtool(make_core):
    """Given a running terminal core (refill recorded, a paper-out printer), when /metrics is
    scraped, then every contract name is there, the paper-out shows as the document's one
    state, and ``promtool check metrics`` finds nothing to say."""
    core = make_core()
    core.monitor.refill("document", 400)
    core.monitor.paper.add("document", 4)
    core.start()
    wait_for(lambda: core.sync.state.online, what="online")
    core.set_paper("document", "out")
    text = _scrape_until(core.metrics_url, 'efz_device_state{device="document",state="paper_out"} 1.0')
    families = _families(text)
    for name in CONTRACT:
        assert name in families, name
    assert 'efz_device_state{device="document",state="ok"} 0.0' in text
    assert 'efz_device_up{device="document"} 1.0' in text
    assert 'efz_sheets_printed_total{printer="document"} 4.0' in text
    assert 'efz_paper_remaining_sheets{printer="document"} 396.0' in text
    assert 'efz_platform_online 1.0' in text
    lint = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True, text=True, timeout=60)
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_listen_empty_serves_nothing_and_a_taken_port_does_not_stop_the_terminal(make_core):
    import socket

    off = make_core("FZ-MON-OFF1", listen="")
    assert off.monitoring.server is None
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        core = make_core("FZ-MON-BUSY", listen=f"127.0.0.1:{port}").start()
        assert core.monitoring.server is None and "not served" in core.monitoring.error
        wait_for(lambda: core.monitor.snapshot is not None, what="the monitor runs all the same")


def _certificates(directory):
    """A CA, a server certificate for 127.0.0.1 and a client certificate, all from the CA."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.timezone.utc)

    def make(name, issuer=None, issuer_key=None, ca=False, san=None):
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer or subject)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if san:
            builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
        cert = builder.sign(issuer_key or key, hashes.SHA256())
        return key, cert

    def write(stem, key, cert):
        (directory / f"{stem}.key").write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        (directory / f"{stem}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))

    ca_key, ca_cert = make("park CA", ca=True)
    write("ca", ca_key, ca_cert)
    for stem, san in (("server", [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), ("client", None)):
        write(stem, *make(stem, ca_cert.subject, ca_key, san=san))
    return {n: str(directory / f"{n}.pem") for n in ("ca", "server", "client")}, \
        {n: str(directory / f"{n}.key") for n in ("server", "client")}


def test_tls_with_client_certificates(make_core, tmp_path):
    """Given /metrics over TLS with client_cafile, a scraper with a certificate from the CA is
    served, one without is refused."""
    certs, keys = _certificates(tmp_path)
    core = make_core(monitoring={"certfile": certs["server"], "keyfile": keys["server"],
                                 "client_cafile": certs["ca"]}).start()
    assert core.metrics_url.startswith("https://")
    text = _scrape_until(core.metrics_url, "efz_build_info", verify=certs["ca"],
                         cert=(certs["client"], keys["client"]))
    assert "efz_outbox_depth" in text
    with pytest.raises(requests.exceptions.RequestException):
        _scrape(core.metrics_url, verify=certs["ca"])
