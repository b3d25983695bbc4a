"""Fixtures of the documents tests: rendered PDFs are shared per session (rendering takes ~1 s)."""
import pytest

from drivers.sim import people
from kiosk.sandbox import documents

from tests.documents.documents_values import ISSUED, VERIFY_CODE


@pytest.fixture(scope="session")
def certificate_pdfs() -> dict[tuple[str, str], bytes]:
    """(resident key, service id) → PDF bytes, for the residents the platform knows."""
    return {
        (r.key, s): documents.render_certificate(s, r, verify_code=VERIFY_CODE, issued=ISSUED)
        for r in people.RESIDENTS if r.key in ("zhang", "lin", "chen")
        for s in documents.CERTIFICATE_SERVICES
    }


@pytest.fixture(scope="session")
def licence_pdfs() -> dict[str, bytes]:
    return {c.key: documents.render_licence(c, verify_code="L1C-9XK2") for c in people.COMPANIES}
