"""Runs the session's effects off the GUI thread and answers with intents.

The controller is the only place where the session flow meets the platform client, the
store and the devices. Work runs on a small thread pool; results are handed back through
``post`` (the Qt bridge puts them on the GUI thread; tests may call them directly).
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from drivers.classes import Receipt
from kiosk import print_jobs
from kiosk.intents import Effect, EffectKind as E, Intent
from kiosk.logs import remember_name
from kiosk.print_jobs import settle_unknown
from kiosk.session import BACKGROUND_FAILURES, Session
from kiosk.visit_jobs import StoredJobsMixin
from kiosk.visit_print import PrintMixin

log = logging.getLogger(__name__)

#: states in which no visit is running (late results of the last one are dropped)
_VISIT_OVER = ("home", "attract", "take_card")

#: results that bring a job made for the visit (abandoned if the visit has ended meanwhile)
_BRINGS_A_JOB = (Intent.DOCUMENT_READY, Intent.UNREACHABLE, Intent.DOCUMENT_READY.value, Intent.UNREACHABLE.value)


def _throwaway_digest() -> Callable[[str], str]:
    import secrets

    from kiosk.local_key import LocalKey

    return LocalKey(secrets.token_bytes(32)).id_digest


INTERACTIVE_ATTEMPTS = 2  # a resident is waiting: fail over to the pickup path quickly


class VisitController(PrintMixin, StoredJobsMixin):
    """Executes :class:`Effect` objects for one :class:`Session`."""

    def __init__(self, session: Session, *, store, client, devices, terminal_name: str,
                 post: Callable[[Callable[[], None]], None], previews=None, sealing_key: bytes = b"",
                 id_digest: Callable[[str], str] | None = None, cancels=None):
        self.session = session
        self.store = store
        self.client = client
        self.devices = devices
        self.terminal_name = terminal_name
        self.post = post
        self.previews = previews  # kiosk.preview.PreviewCache (optional)
        self.sealing_key = sealing_key
        #: keyed digest of an ID number (LocalKey.id_digest); a throwaway key when none is given
        self.id_digest = id_digest or _throwaway_digest()
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="visit")
        if cancels is None:
            from kiosk.cancels import PendingCancels

            cancels = PendingCancels(store, devices)
        self.cancels = cancels  # printer jobs to cancel once the printer answers (kiosk.cancels)
        self._lock = threading.Lock()
        self._generation = 0  # bumped on every wipe so late results of an old visit are dropped
        #: effect → the method that does it (an effect without an entry fails the tests)
        self.handlers = {
            E.VERIFY_IDENTITY: self._do_verify_identity, E.LOOKUP_LICENCE: self._do_lookup_licence,
            E.LOOKUP_PICKUP: self._do_lookup_pickup, E.PREPARE_DOCUMENT: self._do_prepare_document,
            E.PREPARE_LICENCE: self._do_prepare_licence, E.PREPARE_PICKUP: self._do_prepare_pickup,
            E.PRINT_DOCUMENT: self._do_print_document, E.PRINT_LICENCE: self._do_print_licence,
            E.RECORD_SERIALS: self._do_record_serials, E.PRINT_RECEIPT: self._do_print_receipt,
            E.QUEUE_JOB: self._do_queue_job, E.SUBMIT_RATING: self._do_submit_rating,
            E.ABANDON: self._do_abandon, E.SETTLE_OVERDUE: self._do_settle_overdue,
        }
        session.on_effect(self.run)
        session.on_change(self._on_change)

    # -- plumbing -------------------------------------------------------------------------
    def shutdown(self) -> None:
        self.cancels.stop()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _on_change(self, session, old, new, intent) -> None:
        ended = new.value in _VISIT_OVER and old.value not in _VISIT_OVER
        if ended or intent == "deadline_passed":
            with self._lock:
                self._generation += 1
            if self.previews is not None:
                self.previews.clear()

    def run(self, effect: Effect) -> None:
        """Do ``effect`` on the pool. An unexpected exception is answered with the effect's own
        failure intent, which the state that raised it accepts: the screen never freezes."""
        handler = self.handlers[effect.name]
        generation = self._generation

        def work():
            try:
                handler(generation, **effect.args)
            except Exception as e:
                log.exception("effect %s failed", effect.name.value)
                self._after_crash(effect, e)
                intent, payload = effect.name.failure
                if intent in BACKGROUND_FAILURES:
                    payload["job_id"] = effect.args.get("job_id")
                self._answer(generation, intent, **payload)

        self._pool.submit(work)

    def _after_crash(self, effect: Effect, error: Exception) -> None:
        """An effect that touched a printer and then raised: settle its job by the rules."""
        if effect.name in (E.PRINT_DOCUMENT, E.PRINT_LICENCE) and effect.args.get("job_id"):
            settle_unknown(self.store, effect.args["job_id"], f"{type(error).__name__}: {error}"[:200])

    def _answer(self, generation: int, intent: str, **payload: Any) -> None:
        """Hand an intent back to the session on the GUI thread, unless the visit has ended."""

        def deliver():
            if generation == self._generation:
                self.session.dispatch(intent, **payload)
            elif intent in _BRINGS_A_JOB and payload.get("job_id"):
                # The visit ended while its document was being made: no orphan job stays behind.
                self.run(Effect(E.ABANDON, {"job_id": payload["job_id"], "reason": "visit_ended"}))

        self.post(deliver)

    # -- effects --------------------------------------------------------------------------
    def _do_verify_identity(self, gen, method, flow, job_id=None, card=None, token=None):
        from kiosk.platform_client import Rejected, Unreachable, PlatformError

        if card is not None:
            remember_name(card.name)  # masked in every log line from now on
        if flow in ("licence", "pickup"):
            return self._verify_locally(gen, flow, job_id, card, method)
        try:
            if method == "efz_qr":
                verified = self.client.verify_identity("efz_qr", token=token, attempts=INTERACTIVE_ATTEMPTS)
            else:
                verified = self.client.verify_identity("id_card", id_number=card.id_number, name=card.name,
                                                       attempts=INTERACTIVE_ATTEMPTS)
        except Unreachable:
            self._answer(gen, "unreachable")
            return
        except Rejected as e:
            self._answer(gen, "verify_failed", reason="token_expired" if e.code == "token_expired" else "identity_rejected",
                         detail=e.code)
            return
        except PlatformError as e:
            self._answer(gen, "verify_failed", reason="platform_error", detail=str(e))
            return
        self._answer(gen, "verified", subject=verified.subject, display_name=verified.display_name)

    def _do_prepare_document(self, gen, service_id, subject, copies, visit_id):
        from offline_cache.errors import CacheFull, DocumentCorrupt, StoreError
        from offline_cache.jobs import from_iso
        from kiosk.platform_client import BadAnswer, ChecksumMismatch, PlatformError, Unreachable

        job = self.store.create_job(service_id=service_id, subject=subject, copies=copies,
                                    idempotency_key=uuid.uuid4().hex)
        try:
            ticket = self.client.create_document(service_id, subject, copies, job.idempotency_key,
                                                 attempts=INTERACTIVE_ATTEMPTS)
            expires_at = from_iso(ticket.expires_at)
            self.store.update_job(job.id, platform_job_id=ticket.job_id, sha256=ticket.sha256,
                                  pages=ticket.pages, verify_code=ticket.verify_code, expires_at=expires_at)
            content = print_jobs.fetch_document(self.store, self.client, job.id, ticket.job_id, ticket.sha256,
                                                ticket.expires_at, attempts=INTERACTIVE_ATTEMPTS)
        except Unreachable:
            # Kept as an offer: queued without a pickup code, which the sync worker leaves alone
            # until the resident accepts (queue_job); abandoned if the resident declines or leaves.
            self.store.transition(job.id, "queued", event_type=None)
            self._answer(gen, "unreachable", job_id=job.id)
            return
        except ChecksumMismatch as e:
            self.store.transition(job.id, "failed", error_code="checksum", event_data={"reason": "checksum"})
            self._answer(gen, "document_failed", reason="checksum", detail=str(e))
            return
        except (BadAnswer, PlatformError, DocumentCorrupt, CacheFull, StoreError) as e:
            self.store.transition(job.id, "failed", error_code=type(e).__name__, event_data={"reason": str(e)[:200]})
            self._answer(gen, "document_failed", reason="platform_error", detail=str(e))
            return
        except Exception:
            self._abandon_quietly(job.id, "prepare_failed")
            raise
        if self.previews is not None:
            self.previews.render(job.id, content)
        self._answer(gen, "document_ready", job_id=job.id, pages=ticket.pages)

    def _do_print_receipt(self, gen, job_id, kind, service_name, lines, pickup_code=None):
        """Print the receipt the effect describes; only the job number and the verify QR come from
        the store (the job row), never from the session."""
        job = self.store.get_job(job_id) if job_id else None
        now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        rows = [("服务", service_name), ("时间", now), ("业务编号", (job.platform_job_id or job.id) if job else "")]
        rows += [tuple(line) for line in lines]
        if kind in ("queued", "kept"):
            code = pickup_code or ""
            rows.append(("取件码", f"{code[:4]} {code[4:]}" if len(code) == 8 else code))  # grouped as on screen
            footer = ("网络恢复后证明将自动准备好，请凭取件码和本人身份证到本机取件。" if kind == "queued" else
                      "打印机故障，证明已保留在本机。故障排除后，请凭取件码和本人身份证到本机取件。")
            qr = f"efz://pickup?code={pickup_code}"
        else:
            qr = f"efz://verify?code={job.verify_code}" if job and job.verify_code else None
            what = "营业执照" if job is not None and job.kind == "licence" else "证明"
            # the footer promises the QR only when the receipt carries one
            footer = f"请妥善保管您的{what}。" + ("扫描二维码可核验真伪。" if qr else "")
        receipt = Receipt(title=self.terminal_name, lines=rows, qr=qr, footer=footer)
        fut = self.devices.call("receipt", lambda dev: dev.print_receipt(receipt))
        try:
            fut.result(timeout=30)
            self._answer(gen, "receipt_printed", ok=True)
        except Exception as e:
            log.warning("receipt not printed: %s", e)
            self._answer(gen, "receipt_printed", ok=False)

    def _do_submit_rating(self, gen, job_id, service_id, level, reasons, outcome):
        job = self.store.get_job(job_id) if job_id else None
        ref = (job.platform_job_id or job.id) if job else None
        self.store.add_event("evaluation.submitted", {"level": level, "reasons": reasons, "service_id": service_id,
                                                      "outcome": outcome}, job_id=ref)

    def _do_queue_job(self, gen, job_id, service_id, subject, copies, visit_id, identity=None):
        """Keep the request for later: the sync worker completes it, the resident collects it."""
        from kiosk.codes import new_pickup_code
        from kiosk.sealed import seal_identity
        from offline_cache.errors import StoreError

        data = {}
        if identity is not None:
            data["id_hmac"] = self.id_digest(identity.id_number)
            if not subject:  # not verified yet: the platform verifies when it answers again
                data["identity_sealed"] = seal_identity(self.store_key(), identity)
        try:
            job = self.store.get_job(job_id) if job_id else None
            if job is not None and job.state == "queued":
                job = self.store.update_job(job.id, pickup_code=new_pickup_code(), data={**job.data, **data})
            else:
                job = self.store.create_job(service_id=service_id, subject=subject, copies=copies, state="queued",
                                            idempotency_key=uuid.uuid4().hex, pickup_code=new_pickup_code(), data=data)
        except StoreError as e:
            self._answer(gen, "queue_failed", reason="store_error", detail=str(e))
            return
        self._answer(gen, "queued", job_id=job.id, pickup_code=job.pickup_code)

    def store_key(self) -> bytes:
        return self.sealing_key

    def _do_abandon(self, gen, job_id, reason):
        print_jobs.abandon(self.store, job_id, reason)

    def _abandon_quietly(self, job_id, reason) -> None:
        try:
            print_jobs.abandon(self.store, job_id, reason)
        except Exception:
            log.exception("job %s could not be abandoned", job_id)

    def _do_settle_overdue(self, gen, job_id, stage, flow):
        """A busy state ran past its deadline; the visit has ended. Settle its job by the rules."""
        if not job_id:
            return
        if stage == "printing":
            settle_unknown(self.store, job_id, "deadline passed while printing")
            # Straight through the driver (the device thread may be stuck in this very job):
            # nothing of it may come out after the resident was told it did not finish.
            job = self.store.get_job(job_id)
            device = "licence" if flow == "licence" else "document"
            for ref in (job.data or {}).get("printer_jobs") or [] if job else []:
                self.cancels.add(device, ref, job_id)
        else:
            print_jobs.abandon(self.store, job_id, f"{stage}_deadline")
