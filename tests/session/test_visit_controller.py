"""The visit controller with a fake store and fake devices: the rules of the print path
(docs/print-path.md) and defects 1-6 of issue 11, each reproduced at the controller."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from drivers.base import DeviceUnavailable
from drivers.identity import IdentityCard
from kiosk.intents import EffectKind
from kiosk.session import Session, SessionState
from kiosk.visit import VisitController
from offline_cache import JobState
from tests.session.fakes import FakeDevices, FakePrinter, FakeReceipt, FakeStore, ManualPool

ZHANG = IdentityCard(name="张伟明", id_number="35010219850312123X")
LIN = IdentityCard(name="林秀英", id_number="350102196506150025")
CODE = "91350100MA2Y8K3L2H"


class Rig:
    def __init__(self, *, document=None, licence=None, client=None):
        self.store = FakeStore()
        self.receipt = FakeReceipt()
        self.document = document or FakePrinter()
        self.licence = licence or FakePrinter()
        self.devices = FakeDevices(document=self.document, licence=self.licence, receipt=self.receipt)
        self.session = Session(services={"no_housing": {"name": {"zh": "无房证明"}}})
        self.queue: list = []
        self.controller = VisitController(self.session, store=self.store, client=client, devices=self.devices,
                                          terminal_name="测试终端", post=self.queue.append,
                                          id_digest=lambda n: "d:" + n[-4:])
        self.controller._pool = ManualPool(self.queue)

    def pump(self, limit: int = 200) -> None:
        """Run queued work and GUI-thread deliveries until nothing is left."""
        while self.queue and limit:
            self.queue.pop(0)()
            limit -= 1
        assert not self.queue, "work left over"

    def job(self, job_id):
        return self.store.get_job(job_id)

    def certificate_at_preview(self, card=ZHANG):
        job = self.store.ready_job()
        s = self.session
        s.dispatch("choose_service", service_id="no_housing")
        s.state = SessionState.PREVIEW
        s.visit.identity, s.visit.job_id, s.visit.pages = card, job.id, 1
        return job

    def licence_at_options(self, originals=1, duplicates=1):
        job = self.store.ready_job(kind="licence", data={"credit_code": CODE, "company": "福州测试有限公司",
                                                         "originals": originals, "duplicates": duplicates,
                                                         "authorised_id_hmac": ["d:123X"]})
        s = self.session
        s.dispatch("choose_licence")
        s.dispatch("lookup", code=CODE)
        self.pump()
        assert s.state == SessionState.IDENTIFY
        s.state = SessionState.LICENCE_OPTIONS
        s.visit.identity = ZHANG
        return job


def test_every_effect_has_a_handler():
    rig = Rig()
    assert set(rig.controller.handlers) == set(EffectKind)


# -- defect 1: an exception in the print effect must not freeze PRINTING ------------------------
def test_a_store_error_in_the_print_effect_ends_on_the_error_screen():
    """Given a preview, when the store refuses writes as the print starts, then the visit ends on
    the error screen (which home leaves), not frozen on printing, and nothing was printed."""
    rig = Rig()
    job = rig.certificate_at_preview()
    rig.store.fail_on.add("transition")
    rig.session.dispatch("print")
    assert rig.session.state == SessionState.PRINTING
    rig.pump()
    assert rig.session.state == SessionState.ERROR
    assert rig.document.submitted == []
    assert rig.session.dispatch("home") and rig.session.state == SessionState.HOME
    assert rig.job(job.id).state == JobState.READY  # nothing reached a printer


def test_an_unexpected_exception_after_the_printer_took_the_job_marks_it_for_verification():
    rig = Rig(document=FakePrinter(("lost", RuntimeError("driver bug"))))
    job = rig.certificate_at_preview()
    rig.session.dispatch("print")
    rig.pump()
    assert rig.session.state == SessionState.ERROR and rig.session.visit.error == "print_unconfirmed"
    assert rig.job(job.id).state == JobState.NEEDS_VERIFICATION
    assert rig.document.cancelled == ["1"] and rig.session.visit.pickup_code is None


# -- defect 2: a licence never printed twice --------------------------------------------------
def test_originals_printed_duplicates_failed_records_the_serial_and_never_prints_again():
    """Given a licence of one 正本 and one 副本, when the 正本 prints and the 副本 stops behind
    paper-out, then the serial of the 正本 is asked for and recorded, the job is flagged for
    verification (not failed), the 副本's printer job is cancelled, and the next lookup of the
    same credit code does not print anything again."""
    rig = Rig(licence=FakePrinter("printed", ("stopped", "media-empty")))
    job = rig.licence_at_options()
    rig.session.dispatch("print")
    rig.pump()
    s = rig.session
    assert s.state == SessionState.LICENCE_SERIALS and (s.visit.originals, s.visit.duplicates) == (1, 0)
    assert rig.licence.cancelled == ["2"]
    s.dispatch("add_serial", serial="3501000001")
    s.dispatch("record_serials")
    rig.pump()
    got = rig.job(job.id)
    assert got.state == JobState.NEEDS_VERIFICATION
    assert got.data["serials"] == ["3501000001"] and got.data["not_printed"]["duplicates"] == 1
    assert "licence_partly_printed" in [e[1].get("reason") for e in rig.store.events]
    s.dispatch("next")
    s.dispatch("skip")
    s.dispatch("finish")
    s.dispatch("choose_licence")
    s.dispatch("lookup", code=CODE)
    rig.pump()
    assert s.state == SessionState.ERROR and s.visit.error == "licence_printed"
    assert len(rig.licence.submitted) == 2


def test_a_licence_job_completed_while_the_printer_reports_media_empty_is_never_ready_again():
    rig = Rig(licence=FakePrinter(("stopped", "media-empty")))
    job = rig.licence_at_options(duplicates=0)
    rig.session.dispatch("print")
    rig.pump()
    assert rig.session.visit.error == "licence_unconfirmed"
    assert rig.job(job.id).state == JobState.NEEDS_VERIFICATION
    rig.session.dispatch("home")
    rig.session.dispatch("choose_licence")
    rig.session.dispatch("lookup", code=CODE)
    rig.pump()
    assert rig.session.visit.error == "licence_printed" and len(rig.licence.submitted) == 1


def test_a_licence_refused_before_any_sheet_went_out_may_be_printed_later():
    rig = Rig(licence=FakePrinter(("not_submitted", "media-empty")))
    job = rig.licence_at_options()
    rig.session.dispatch("print")
    rig.pump()
    assert rig.session.visit.error == "licence_paper_out" and rig.job(job.id).state == JobState.FAILED
    rig.session.dispatch("home")
    rig.session.dispatch("choose_licence")
    rig.session.dispatch("lookup", code=CODE)
    rig.pump()
    assert rig.session.state == SessionState.IDENTIFY and rig.job(job.id).state == JobState.READY


# -- defect 3: CUPS gone while following -------------------------------------------------------
def test_printer_lost_while_following_the_job_is_cancelled_and_not_kept_for_pickup():
    """Given a certificate the printer accepted, when CUPS stops answering while it is followed,
    then the job needs verification, no pickup code is given, and the printer job is cancelled —
    at once, or as soon as the printer answers again."""
    printer = FakePrinter(("lost", DeviceUnavailable("CUPS at localhost:631: connection refused")))
    printer.cancel_error = DeviceUnavailable("connection refused")
    rig = Rig(document=printer)
    rig.controller.cancels.fast_s = 0.001
    job = rig.certificate_at_preview()
    rig.session.dispatch("print")
    rig.pump()
    assert rig.session.state == SessionState.ERROR and rig.session.visit.error == "print_unconfirmed"
    assert rig.session.visit.pickup_code is None
    got = rig.job(job.id)
    assert got.state == JobState.NEEDS_VERIFICATION and got.pickup_code is None
    assert got.data["cancel_pending"] == [{"device": "document", "ref": "1"}]
    printer.cancel_error = None  # CUPS answers again
    thread = rig.controller.cancels._thread
    if thread is not None:
        thread.join(5)
    assert printer.cancelled == ["1"] and rig.job(job.id).data["cancel_pending"] == []
    rig.controller.shutdown()


def test_a_printer_that_refused_before_taking_the_job_keeps_it_for_pickup():
    rig = Rig(document=FakePrinter(("not_submitted", "media-empty")))
    job = rig.certificate_at_preview()
    rig.session.dispatch("print")
    rig.pump()
    code = rig.session.visit.pickup_code
    assert code and rig.job(job.id).state == JobState.READY and rig.job(job.id).pickup_code == code
    assert rig.job(job.id).data["id_hmac"] == "d:123X"


# -- defect 4: workers never read the session ------------------------------------------------
def test_the_receipt_carries_the_person_of_its_own_visit_even_after_the_next_one_began():
    """Given a printed certificate whose receipt has not been printed yet, when the visit is
    wiped and the next person's card is read, then the receipt still names the first person."""
    rig = Rig()
    rig.certificate_at_preview(ZHANG)
    rig.session.dispatch("print")
    while rig.session.state != SessionState.RECEIPT:
        rig.queue.pop(0)()
    # the receipt effect is queued; the resident leaves and the next one starts
    rig.session.dispatch("home")
    rig.session.dispatch("choose_service", service_id="no_housing")
    rig.session.visit.identity = LIN
    rig.pump()
    lines = dict(rig.receipt.receipts[-1].lines)
    assert lines["姓名"] == "张**" and lines["证件号"].endswith("123X") and lines["服务"] == "无房证明"


def test_keep_for_pickup_uses_the_identity_the_print_effect_carried():
    rig = Rig(document=FakePrinter(("not_submitted", "media-jam")))
    job = rig.certificate_at_preview(ZHANG)
    rig.session.dispatch("print")
    rig.session.visit.identity = LIN  # whatever the session holds now, the effect carried Zhang
    rig.pump()
    assert rig.job(job.id).data["id_hmac"] == "d:123X"


# -- defect 5: expired documents never print ---------------------------------------------------
@pytest.mark.parametrize("flow", ["pickup", "licence"])
def test_an_expired_job_is_not_found_and_is_purged(flow):
    rig = Rig()
    past = datetime.now(timezone.utc) - timedelta(days=30)
    if flow == "pickup":
        job = rig.store.ready_job(pickup_code="12345678", expires_at=past, data={"id_hmac": "d:123X"})
        rig.session.dispatch("choose_pickup")
        rig.session.dispatch("lookup", code="12345678")
    else:
        job = rig.store.ready_job(kind="licence", expires_at=past, data={"credit_code": CODE})
        rig.session.dispatch("choose_licence")
        rig.session.dispatch("lookup", code=CODE)
    rig.pump()
    assert rig.session.state == SessionState.ERROR
    assert rig.job(job.id).state == JobState.EXPIRED and job.id not in rig.store.documents


def test_a_job_that_expired_at_the_preview_is_not_printed():
    rig = Rig()
    job = rig.certificate_at_preview()
    rig.store.update_job(job.id, expires_at=datetime.now(timezone.utc) - timedelta(seconds=1))
    rig.session.dispatch("print")
    rig.pump()
    assert rig.session.visit.error == "expired" and rig.document.submitted == []
    assert rig.job(job.id).state == JobState.EXPIRED


# -- defect 6: no orphan job ----------------------------------------------------------------
class SlowClient:
    """Answers create_document / document_content when the test lets the pool run."""

    retries = 0
    on_traffic = None

    def create_document(self, service_id, subject, copies, key, attempts=None):
        from kiosk.platform_models import DocumentTicket

        import hashlib
        return DocumentTicket(job_id="P1", pages=1, sha256=hashlib.sha256(b"%PDF").hexdigest(),
                              content_type="application/pdf", verify_code="V1",
                              expires_at="2999-01-01T00:00:00Z")

    def document_content(self, job_id, sha256, attempts=None):
        return b"%PDF"


def test_home_while_preparing_leaves_no_ready_job_behind():
    """Given the consent screen, when the resident leaves while the document is being prepared
    (before its job id is known), then the job, once ready, is expired and its document purged."""
    rig = Rig(client=SlowClient())
    s = rig.session
    s.dispatch("choose_service", service_id="no_housing")
    s.state = SessionState.CONSENT
    s.visit.subject = "S1"
    s.dispatch("agree")
    assert s.state == SessionState.PREPARING
    s.dispatch("home")
    rig.pump()
    jobs = rig.store.jobs()
    assert len(jobs) == 1 and jobs[0].state == JobState.EXPIRED and rig.store.documents == {}


# -- deadlines ------------------------------------------------------------------------------
def test_a_print_past_its_deadline_is_settled_for_verification():
    rig = Rig()
    job = rig.certificate_at_preview()
    rig.store.transition(job.id, JobState.PRINTING, data={"printer_jobs": ["7"]})
    rig.session.state = SessionState.PRINTING
    rig.session.busy_until = 0.0
    assert rig.session.tick() == "deadline"
    rig.pump()
    assert rig.session.state == SessionState.ERROR and rig.session.visit.error == "print_timeout"
    assert rig.session.visit.identity is None and rig.session.visit.job_id is None
    assert rig.job(job.id).state == JobState.NEEDS_VERIFICATION
    thread = rig.controller.cancels._thread  # the printer's job is cancelled, not left to print later
    if thread is not None:
        thread.join(5)
    assert rig.document.cancelled == ["7"]
