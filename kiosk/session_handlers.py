"""What each intent does to the visit, and the effects it raises: one function per intent, found
through the explicit table :data:`HANDLERS` (no lookup by name).

A handler runs on the GUI thread, after the transition table accepted the intent. It may read
and change the visit; every effect it raises carries everything the work needs (names to print,
receipt lines, the hash of the ID number), so no worker thread ever reads the session.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from kiosk.intents import Effect, EffectKind as E, Intent as I
from kiosk.privacy import mask_id, mask_name
from kiosk.session_model import (BAD_LEVELS, BAD_REASONS, MAX_COPIES, RATING_LEVELS, normalise_serial,
                                 serial_problem)

if TYPE_CHECKING:  # pragma: no cover
    from kiosk.session import Session


# -- what the effects carry, built here on the GUI thread ----------------------------------
def receipt_effect(s: "Session", kind: str) -> Effect:
    """The receipt of this visit: every line but the time, job number and verify QR (the worker
    adds those from the store's job row)."""
    v = s.visit
    service = s.services.get(v.service_id or "", {})
    lines: list[tuple[str, str]] = []
    if v.identity is not None:
        lines += [("姓名", mask_name(v.identity.name)), ("证件号", mask_id(v.identity.id_number))]
    if v.flow == "licence":
        lines += [("企业", str(v.licence.get("company", ""))),
                  ("统一社会信用代码", str(v.licence.get("credit_code", ""))),
                  ("正本/副本", f"{v.originals} / {v.duplicates}")]
        if v.serials:
            lines.append(("纸张编号", "、".join(v.serials)))
    return Effect(E.PRINT_RECEIPT, {
        "job_id": v.job_id, "kind": kind, "service_name": service.get("name", {}).get("zh", v.service_id or ""),
        "lines": tuple(lines), "pickup_code": v.pickup_code})


def record_effect(s: "Session", *, complete: bool) -> Effect:
    v = s.visit
    return Effect(E.RECORD_SERIALS, {"job_id": v.job_id, "serials": list(v.serials), "complete": complete,
                                     "originals": v.originals, "duplicates": v.duplicates,
                                     "missing": dict(v.licence_missing)})


# -- handlers: (session, **payload) → effects or None -------------------------------------
def choose_service(s, service_id: str):
    s.visit.service_id = service_id
    s.visit.flow = "certificate"


def choose_licence(s, service_id: str = "business_licence"):
    s.visit.service_id = service_id
    s.visit.flow = "licence"


def choose_guide(s, service_id: str):
    s.visit.service_id = service_id
    s.visit.flow = "guide"


def choose_pickup(s):
    s.visit.flow = "pickup"


def code_problem(s, code: str):
    s.visit.card_error = code


def lookup(s, code: str):
    s.visit.card_error = None
    code = code.strip().upper()
    if s.visit.flow == "licence":
        return [Effect(E.LOOKUP_LICENCE, {"credit_code": code})]
    return [Effect(E.LOOKUP_PICKUP, {"code": code})]


def licence_found(s, job_id: str, licence: dict):
    s.visit.job_id = job_id
    s.visit.licence = dict(licence)
    s.visit.originals = int(licence.get("originals", 0))
    s.visit.duplicates = int(licence.get("duplicates", 0))


def set_error(s, reason: str = "internal", detail: str = "", **_ignored):
    s.visit.error, s.visit.error_detail = reason, detail


def licence_not_found(s, reason: str = "licence_not_found"):
    s.visit.error = reason


def pickup_found(s, job_id: str, service_id: str, pickup_code: str):
    s.visit.job_id = job_id
    s.visit.service_id = service_id
    s.visit.pickup_code = pickup_code


def pickup_not_found(s, reason: str = "pickup_not_found"):
    s.visit.error = reason


def card_read(s, card, method: str = "id_card"):
    s.visit.identity = card
    s.visit.identity_method = method
    s.visit.card_error = None
    return [Effect(E.VERIFY_IDENTITY, {"method": method, "card": card, "flow": s.visit.flow,
                                       "job_id": s.visit.job_id})]


def identity_code(s, token: str):
    s.visit.identity_method = "efz_qr"
    s.visit.card_error = None
    return [Effect(E.VERIFY_IDENTITY, {"method": "efz_qr", "token": token, "flow": s.visit.flow,
                                       "job_id": s.visit.job_id})]


def card_error(s, code: str):
    s.visit.card_error = code


def verified(s, subject: str, display_name: str = ""):
    s.visit.subject = subject
    s.visit.display_name = display_name


def verify_failed(s, reason: str, detail: str = ""):
    s.visit.error, s.visit.error_detail = reason, detail
    s.visit.identity = None


def unreachable(s, job_id: str | None = None):
    s.visit.error = "platform_unreachable"
    if job_id:
        s.visit.job_id = job_id


def agree(s):
    v = s.visit
    if v.flow == "licence":
        return [Effect(E.PREPARE_LICENCE, {"job_id": v.job_id})]
    if v.flow == "pickup":
        return [Effect(E.PREPARE_PICKUP, {"job_id": v.job_id})]
    return [Effect(E.PREPARE_DOCUMENT, {"service_id": v.service_id, "subject": v.subject,
                                        "copies": v.copies, "visit_id": v.visit_id})]


def document_ready(s, job_id: str, pages: int):
    s.visit.job_id, s.visit.pages = job_id, pages


def licence_ready(s, job_id: str):
    s.visit.job_id = job_id


def set_copies(s, copies: int):
    s.visit.copies = max(1, min(MAX_COPIES, int(copies)))


def set_counts(s, originals: int, duplicates: int):
    lic = s.visit.licence
    s.visit.originals = max(0, min(int(lic.get("originals", 0)), int(originals)))
    s.visit.duplicates = max(0, min(int(lic.get("duplicates", 0)), int(duplicates)))


def print_(s):
    v = s.visit
    if v.flow == "licence":
        return [Effect(E.PRINT_LICENCE, {"job_id": v.job_id, "originals": v.originals,
                                         "duplicates": v.duplicates})]
    return [Effect(E.PRINT_DOCUMENT, {"job_id": v.job_id, "copies": v.copies, "service_id": v.service_id,
                                      "identity": v.identity})]


def print_progress(s, state: str):
    s.visit.print_state = state


def printed(s):
    s.visit.outcome = "printed"
    s.visit.receipt_kind = "printed"
    return [receipt_effect(s, "printed")]


def print_failed(s, reason: str, detail: str = "", pickup_code: str | None = None):
    v = s.visit
    v.outcome = "failed"
    v.error, v.error_detail = reason, detail
    if pickup_code:  # nothing reached the printer: the document stays here, collected with this code
        v.pickup_code, v.receipt_kind, v.receipt_ok = pickup_code, "kept", None
        return [receipt_effect(s, "kept")]
    return None


def licence_printed(s, originals: int | None = None, duplicates: int | None = None,
                    missing: dict | None = None):
    """The sheets that came out (all of them, or part when ``missing`` says what did not)."""
    v = s.visit
    v.outcome = "printed"
    v.serials = []
    if originals is not None:
        v.originals = int(originals)
    if duplicates is not None:
        v.duplicates = int(duplicates)
    v.licence_missing = dict(missing or {})


def add_serial(s, serial: str):
    serial = normalise_serial(serial)
    v = s.visit
    v.serial_problem = serial_problem(serial, v.serials)
    if v.serial_problem is None and len(v.serials) < s.licence_sheets():
        v.serials.append(serial)
    elif v.serial_problem is None:
        v.serial_problem = "too_many_serials"


def remove_serial(s, index: int = -1):
    if s.visit.serials:
        s.visit.serials.pop(index)
    s.visit.serial_problem = None


def record_serials(s):
    complete = len(s.visit.serials) == s.licence_sheets()
    return [record_effect(s, complete=complete), receipt_effect(s, "printed")]


def retry(s):
    s.visit.error, s.visit.card_error, s.visit.identity = None, None, None


def retry_code(s):
    v = s.visit
    v.error, v.job_id, v.licence = None, None, {}


def retry_pickup(s):
    v = s.visit
    v.error, v.job_id, v.pickup_code = None, None, None


def receipt_printed(s, ok: bool):
    s.visit.receipt_ok = ok


def queue_job(s):
    v = s.visit
    return [Effect(E.QUEUE_JOB, {"job_id": v.job_id, "service_id": v.service_id, "subject": v.subject,
                                 "copies": v.copies, "visit_id": v.visit_id, "identity": v.identity})]


def queued(s, job_id: str, pickup_code: str):
    v = s.visit
    v.job_id, v.pickup_code, v.outcome = job_id, pickup_code, "queued"
    return [receipt_effect(s, "queued")]


def queue_failed(s, reason: str = "queue_failed", detail: str = ""):
    s.visit.error, s.visit.error_detail = reason, detail


def rate(s, level: str, reasons: tuple[str, ...] = ()):
    if level not in RATING_LEVELS:
        raise ValueError(f"unknown rating level {level!r}")
    reasons = tuple(r for r in reasons if r in BAD_REASONS) if level in BAD_LEVELS else ()
    s.visit.rating = level
    return [Effect(E.SUBMIT_RATING, {"job_id": s.visit.job_id, "service_id": s.visit.service_id,
                                     "level": level, "reasons": list(reasons),
                                     "outcome": s.visit.outcome or "unknown"})]


def nothing(s, **_ignored):
    """Intents whose whole meaning is the transition (next, back, skip ...)."""


Handler = Callable[..., "list[Effect] | None"]

#: intent → what it does to the visit. Every Intent a state accepts has an entry (a test checks).
HANDLERS: dict[I, Handler] = {
    I.CHOOSE_SERVICE: choose_service, I.CHOOSE_LICENCE: choose_licence, I.CHOOSE_PICKUP: choose_pickup,
    I.CHOOSE_GUIDE: choose_guide,
    I.ATTRACT: nothing, I.WAKE: nothing, I.LOOKUP: lookup, I.CODE_PROBLEM: code_problem,
    I.LICENCE_FOUND: licence_found, I.LICENCE_NOT_FOUND: licence_not_found, I.PICKUP_FOUND: pickup_found,
    I.PICKUP_NOT_FOUND: pickup_not_found, I.LOOKUP_FAILED: set_error,
    I.CARD_READ: card_read, I.IDENTITY_CODE: identity_code, I.CARD_ERROR: card_error,
    I.VERIFIED: verified, I.VERIFY_FAILED: verify_failed, I.UNREACHABLE: unreachable,
    I.AGREE: agree, I.DECLINE: nothing, I.DOCUMENT_READY: document_ready, I.LICENCE_READY: licence_ready,
    I.DOCUMENT_FAILED: set_error, I.SET_COPIES: set_copies, I.SET_COUNTS: set_counts,
    I.PRINT: print_, I.PRINT_PROGRESS: print_progress, I.PRINTED: printed, I.LICENCE_PRINTED: licence_printed,
    I.PRINT_FAILED: print_failed, I.ADD_SERIAL: add_serial, I.REMOVE_SERIAL: remove_serial,
    I.RECORD_SERIALS: record_serials, I.RECEIPT_PRINTED: receipt_printed,
    I.OFFER_PICKUP: nothing, I.QUEUE_JOB: queue_job, I.QUEUED: queued, I.QUEUE_FAILED: queue_failed,
    I.NEXT: nothing, I.RATE: rate, I.SKIP: nothing, I.FINISH: nothing, I.BACK: nothing,
    I.RETRY: retry, I.RETRY_CODE: retry_code, I.RETRY_PICKUP: retry_pickup,
}
