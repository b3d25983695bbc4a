"""Fixtures of the store tests: a fresh Store in a temporary directory."""
from __future__ import annotations

import collections

import pytest

from offline_cache import TRANSITIONS, JobState, Store

DOC_KEY = bytes(range(32))


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "store", doc_key=DOC_KEY, max_cache_bytes=64 * 1024)
    yield s
    s.close()


def path_to(state: JobState) -> list[JobState]:
    """The shortest chain of legal transitions from a new (requested) job to ``state``."""
    start = JobState.REQUESTED
    previous = {start: None}
    todo = collections.deque([start])
    while todo:
        here = todo.popleft()
        for nxt in TRANSITIONS[here]:
            if nxt not in previous:
                previous[nxt] = here
                todo.append(nxt)
    chain = []
    while state != start:
        chain.append(state)
        state = previous[state]
    return chain[::-1]


def job_in(store: Store, state: JobState, **create):
    job = store.create_job(service_id=create.pop("service_id", "svc.social_security"), **create)
    for step in path_to(state):
        job = store.transition(job.id, step, event_type=None)
    return job
