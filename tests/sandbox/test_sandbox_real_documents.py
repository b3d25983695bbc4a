"""The sandbox with its real catalogue and PDF renderer (not the stand-ins)."""
import hashlib

import pytest

from drivers.sim import people
from kiosk.platform_client import PlatformClient
from kiosk.sandbox import SandboxPlatform

pytest.importorskip("kiosk.sandbox.catalogue")
pytest.importorskip("kiosk.sandbox.documents")


def test_real_certificate_and_licence(secret):
    with SandboxPlatform(terminals={"FZ-REAL-0001": secret}) as sb:
        c = PlatformClient(sb.url, "FZ-REAL-0001", secret, attempts=1, timeout=(2, 60))
        body, _ = c.catalogue()
        ids = {s["id"] for s in body["services"]}
        assert {"social_insurance_payment", "no_housing", "business_licence"} <= ids
        zhang = people.resident("zhang")
        subject = c.verify_identity("id_card", id_number=zhang.id_number, name=zhang.name).subject
        ticket = c.create_document("social_insurance_payment", subject, 1, "real-1")
        pdf = c.document_content(ticket.job_id, ticket.sha256)
        assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == ticket.sha256
        assert ticket.pages >= 1
        jobs = c.assigned_jobs()
        assert len(jobs) == len(people.COMPANIES)
        assert c.document_content(jobs[0].job_id, jobs[0].sha256).startswith(b"%PDF")
        assert sb.state.documents[ticket.job_id].pages == ticket.pages
        c.close()
