"""The one owner of job transitions and document fetching (docs/print-path.md).

The visit controller, the sync worker and the technician queue page change jobs only through
this module, so the rules of the print path hold everywhere:

- once any byte of a job reached a printer, its only outcomes are ``printed`` or
  ``needs_verification``: never ``failed`` → ``ready``, never an automatic reprint;
- every printer job not confirmed printed is cancelled (best effort, the attempt logged);
- licence sheets that came out get their serials recorded, the rest are flagged;
- expired jobs are purged and never printed.

A job remembers every printer job it was sent as (``data["printer_jobs"]``): that is how the
rules know that bytes reached a printer. Runs on worker threads; never reads the session.
"""
from __future__ import annotations

import logging
from datetime import datetime

from offline_cache import IllegalTransition, JobState
from offline_cache.jobs import from_iso, utc_now

log = logging.getLogger(__name__)

#: the reasons of a printer that stopped, as the error screen names them
PAPER_OUT = ("media-empty", "media-needed", "paper_out")
PAPER_JAM = ("media-jam", "jammed", "paper_jam")


def print_error_key(reason: str) -> str:
    if reason in PAPER_OUT:
        return "paper_out"
    if reason in PAPER_JAM:
        return "paper_jam"
    return "printer_error"


# -- what is known about a job ---------------------------------------------------------------
def reached_printer(job) -> bool:
    """True once any printer job was accepted for ``job`` (bytes may be on paper)."""
    return bool((job.data or {}).get("printer_jobs"))


def is_expired(job, now: datetime | None = None) -> bool:
    return job.expires_at is not None and job.expires_at <= (now or utc_now())


def printable(job, now: datetime | None = None) -> str | None:
    """Why ``job`` may not be printed now (``expired``, ``not_ready``), or None."""
    if job is None or job.state != JobState.READY:
        return "not_ready"
    if is_expired(job, now):
        return "expired"
    return None


# -- expiry and orphans ------------------------------------------------------------------------
def purge_expired(store, *, quiet: bool = True) -> int:
    """Expire waiting jobs past their expires_at and remove their documents (at start, on every
    sync cycle, from the technician page). Returns the number of documents removed; never raises
    unless ``quiet`` is False (the technician sees why)."""
    try:
        return store.purge_expired()
    except Exception:
        if not quiet:
            raise
        log.exception("expired jobs could not be purged; the next cycle tries again")
        return 0


def expire_if_due(store, job) -> bool:
    """A lookup found ``job`` past its expiry: expire it now (document purged). True if it was."""
    if job is None or not is_expired(job):
        return False
    try:
        if job.state in (JobState.READY, JobState.QUEUED, JobState.FAILED):
            store.transition(job.id, JobState.EXPIRED, event_type=None)
    except IllegalTransition:
        pass
    log.info("job %s is past its expiry; not printed", job.id)
    return True


def abandon(store, job_id: str, reason: str) -> None:
    """The resident left before printing: a certificate made for this visit (no pickup code)
    is expired and its document purged; licence and pickup jobs stay for their owner."""
    job = store.get_job(job_id)
    if job is None or job.kind != "certificate" or job.pickup_code:
        return
    if job.state in (JobState.READY, JobState.QUEUED):
        store.transition(job_id, JobState.EXPIRED, event_type=None)
        store.purge_document(job_id)
        log.info("job %s abandoned (%s): expired, document purged", job_id, reason)
    elif job.state == JobState.REQUESTED:
        store.transition(job_id, JobState.FAILED, error_code="abandoned", event_data={"reason": reason})
        log.info("job %s abandoned (%s) before its document arrived", job_id, reason)


def sweep_orphans(store) -> int:
    """At start: certificates of a visit that died with the process (no pickup code, so nobody
    can collect them) are expired or failed. Returns how many."""
    n = 0
    for job in store.jobs(kind="certificate"):
        if job.pickup_code or job.state not in (JobState.REQUESTED, JobState.READY, JobState.QUEUED):
            continue
        try:
            abandon(store, job.id, "orphan_at_start")
            n += 1
        except Exception:
            log.exception("orphan job %s could not be settled", job.id)
    return n


# -- printing ----------------------------------------------------------------------------------
def start_printing(store, job_id: str, **fields):
    """ready → printing (committed before any byte leaves, so a crash leaves a job to verify)."""
    return store.transition(job_id, JobState.PRINTING, **fields)


def note_printer_job(store, job_id: str, job_ref: str) -> None:
    """A printer accepted ``job_ref`` for this job: from now on it is never ``ready`` again."""
    if not job_ref:
        return
    job = store.get_job(job_id)
    refs = list((job.data or {}).get("printer_jobs") or [])
    if job_ref not in refs:
        store.update_job(job_id, data={**job.data, "printer_jobs": refs + [job_ref]})


def cancel_printer_job(dev, job_ref: str, job_id: str) -> bool:
    """Best effort: a printer job not confirmed printed must not come out later, unattended."""
    if not job_ref or not hasattr(dev, "cancel_job"):
        return False
    try:
        dev.cancel_job(job_ref)
        log.warning("job %s: printer job %s cancelled (not confirmed printed)", job_id, job_ref)
        return True
    except Exception as e:
        log.warning("job %s: printer job %s could not be cancelled: %s", job_id, job_ref, e)
        return False


def mark_printed(store, job_id: str, *, pages: int, printer_job: str, **data):
    return store.transition(job_id, JobState.PRINTED, event_data={"pages": pages, "printer_job": printer_job, **data})


def mark_unconfirmed(store, job_id: str, reason: str, **event_data):
    """Bytes reached the printer but paper is not confirmed: a person verifies (never reprinted)."""
    job = store.get_job(job_id)
    if job is None or job.state != JobState.PRINTING:
        log.info("job %s is %s; left as it is", job_id, job.state if job else "gone")
        return job
    log.warning("job %s: not confirmed printed (%s); marked for verification", job_id, reason[:80])
    return store.transition(job_id, JobState.NEEDS_VERIFICATION, error_code=reason[:80],
                            event_data={"reason": reason[:200], **event_data})


def mark_not_printed(store, job_id: str, reason: str):
    """Nothing reached the printer: the job failed, and may be printed again (pickup, lookup)."""
    job = store.get_job(job_id)
    if job is not None and reached_printer(job):  # the rule wins over the caller's belief
        return mark_unconfirmed(store, job_id, reason)
    return store.transition(job_id, JobState.FAILED, error_code=reason[:80], event_data={"reason": reason[:200]})


def settle_unknown(store, job_id: str, reason: str) -> None:
    """Nobody knows whether paper came out (an exception, a deadline): a job that was printing
    needs verification by a person; it is never printed again automatically. Never raises."""
    try:
        mark_unconfirmed(store, job_id, reason)
    except Exception:
        log.exception("job %s could not be settled; the next start marks it for verification", job_id)


def reopen(store, job):
    """failed → ready for another try (a pickup, a licence lookup), only if no byte of it ever
    reached a printer and it has not expired. Returns the job, or None when it must not print."""
    if job.state == JobState.READY:
        return None if is_expired(job) else job
    if job.state != JobState.FAILED or reached_printer(job) or is_expired(job):
        return None
    return store.transition(job.id, JobState.READY, event_type=None)


def keep_for_pickup(store, job_id: str, owner: str | None, new_code) -> str | None:
    """A certificate that never reached the printer stays here for its owner (ID card + code).

    ``owner`` is the keyed digest of the owner's ID number (kiosk.local_key)."""
    job = store.get_job(job_id)
    owner = owner or (job.data.get("id_hmac") if job else None)
    if job is None or job.kind != "certificate" or not owner or reached_printer(job):
        return None
    try:
        job = reopen(store, job)
        if job is None:
            return None
        code = job.pickup_code or new_code()
        store.update_job(job_id, pickup_code=code, data={**job.data, "id_hmac": owner})
    except Exception:
        log.exception("job %s could not be kept for a pickup", job_id)
        return None
    return code


def record_serials(store, job_id: str, serials, complete: bool, originals: int, duplicates: int,
                   missing: dict | None = None) -> None:
    """The licence sheets are out: their serials recorded. Every sheet came out → printed; some
    did not or are not confirmed (``missing``) → needs_verification, flagged for a person."""
    job = store.get_job(job_id)
    if job is None or job.state != JobState.PRINTING:
        log.warning("licence job %s is not printing; serials not recorded", job_id)
        return
    data = {**job.data, "serials": list(serials), "serials_complete": complete}
    body = {"kind": "licence", "originals": originals, "duplicates": duplicates, "serials": list(serials),
            "serials_complete": complete, **(job.data.get("print_outcome") or {})}
    if missing:
        data["not_printed"] = dict(missing)
        store.transition(job_id, JobState.NEEDS_VERIFICATION, data=data, error_code="licence_partly_printed",
                         event_data={**body, "reason": "licence_partly_printed", "not_printed": dict(missing)})
        log.warning("licence job %s: %s not printed; flagged for verification", job_id, missing)
        return
    store.transition(job_id, JobState.PRINTED, data=data, event_data=body)


def resolve(store, job_id: str, printed: bool):
    """A technician settled a job marked for verification (the technician queue page)."""
    if printed:
        return store.transition(job_id, JobState.PRINTED, event_data={"resolved_by": "technician"})
    return store.transition(job_id, JobState.FAILED, error_code="not_printed_technician",
                            event_data={"resolved_by": "technician"})


# -- documents (the sync worker and the visit controller) --------------------------------------
def fetch_document(store, client, job_id: str, platform_job_id: str, sha256: str, expires_at: str | None,
                   **client_kw) -> None:
    """Fetch, check and cache a job's document, then ready. Raises what the client raises."""
    content = client.document_content(platform_job_id, sha256, **client_kw)
    store.put_document(job_id, content, sha256, from_iso(expires_at) if expires_at else None)
    store.transition(job_id, JobState.READY, event_type=None)
    return content


def parse_time(text) -> datetime:
    """A platform time (ISO 8601 with a zone); ValueError otherwise."""
    if not isinstance(text, str):
        raise ValueError(f"not a time: {text!r}")
    when = from_iso(text)
    if when is None:
        raise ValueError("no time")
    return when
