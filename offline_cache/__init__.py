"""The kiosk's durable store (SQLite, no Qt): jobs, outbox, catalogue, encrypted documents."""
from offline_cache.errors import (CacheFull, DocumentCorrupt, DocumentMissing, DuplicateJob,
                                  IllegalTransition, JobNotFound, StoreError, StoreUnavailable)
from offline_cache.jobs import TRANSITIONS, Job, JobState, OutboxEvent
from offline_cache.store import Store

__all__ = [
    "Store", "Job", "JobState", "OutboxEvent", "TRANSITIONS",
    "StoreError", "IllegalTransition", "JobNotFound", "DuplicateJob", "StoreUnavailable",
    "DocumentCorrupt", "DocumentMissing", "CacheFull",
]
