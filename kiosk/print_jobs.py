"""The one owner of job transitions and document fetching (docs/print-path.md).

The visit controller, the sync worker and the technician queue page change jobs only through
this module, so the rules of the print path hold everywhere:

- once any byte of a job reached a printer, its only outcomes are ``printed`` or
  ``needs_verification``: never ``failed`` → ``ready``, never an automatic reprint;
- every printer job not confirmed printed is cancelled (best effort, the attempt logged);
- expired jobs are never printed.

Runs on worker threads; it reads the store, never the session.
"""
from __future__ import annotations

import logging

from offline_cache import IllegalTransition, JobState

log = logging.getLogger(__name__)


def settle_unknown(store, job_id: str, reason: str) -> None:
    """Nobody knows whether paper came out (an exception, a deadline): a job that was printing
    needs verification by a person; it is never printed again automatically. Never raises."""
    try:
        job = store.get_job(job_id)
        if job is not None and job.state == JobState.PRINTING:
            store.transition(job_id, JobState.NEEDS_VERIFICATION, error_code="print_unconfirmed",
                             event_data={"reason": reason[:200]})
            log.warning("job %s: print outcome unknown (%s); marked for verification", job_id, reason[:80])
    except (IllegalTransition, Exception):
        log.exception("job %s could not be settled; it stays as it is until the next start", job_id)
