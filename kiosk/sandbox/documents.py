"""PDF documents the sandbox platform hands out: A4 certificates and the business licence.

The PDFs embed a Chinese font as real text (searchable, extractable), carry a QR code with a
verification URL, a drawn red seal and a SAMPLE watermark. The same arguments always give the
same bytes, so a job's SHA-256 is stable.
"""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from drivers.sim.people import Company, Resident
from kiosk.sandbox.layouts import certificates, licence

#: Where the QR codes point. A reserved test domain: sandbox documents verify nowhere real.
VERIFY_BASE = "https://verify.efuzhou.example/v"

CERTIFICATE_SERVICES: tuple[str, ...] = tuple(certificates.SPECS)


def verify_url(verify_code: str) -> str:
    return f"{VERIFY_BASE}?code={quote(verify_code, safe='')}"


def certificate_title(service_id: str) -> str:
    """The printed title of a certificate service (KeyError for an unknown one)."""
    return certificates.SPECS[service_id].title


def render_certificate(service_id: str, resident: Resident, *, verify_code: str,
                       issued: dt.date, service: dict | None = None) -> bytes:
    """One A4 certificate of ``service_id`` for ``resident`` as PDF bytes.

    The five services of CERTIFICATE_SERVICES have hand-made layouts, with the resident's name
    and ID number unmasked (the official document). Any other printable ``service`` (its
    catalogue entry) prints from its record template, or as the generic certificate with the
    masked identity (kiosk.sandbox.layouts.generic). Raises KeyError for a service that is
    neither a hand-made layout nor given as ``service``.
    """
    if service_id in certificates.SPECS:
        return certificates.render(service_id, resident, verify_code=verify_code, issued=issued,
                                   verify_url=verify_url(verify_code))
    if service is None:
        raise KeyError(service_id)
    from kiosk.sandbox.layouts import generic

    return generic.render({**service, "id": service_id}, resident, verify_code=verify_code, issued=issued,
                          verify_url=verify_url(verify_code))


def render_licence(company: Company, *, verify_code: str, issued: dt.date | None = None,
                   offset_mm: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """The business licence: page 1 正本 (A3 landscape), page 2 副本 (A4 portrait).

    Content stays inside the blank area of pre-printed licence stock; ``offset_mm`` (x, y)
    shifts it for a printer's calibration. ``issued`` is the 登记机关 date (default: the
    company's establishment date).
    """
    return licence.render(company, verify_url=verify_url(verify_code),
                          issued=issued or company.established, offset_mm=offset_mm)
