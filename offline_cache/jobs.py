"""Jobs, their states and the legal transitions between them (DESIGN.md §4), and outbox events."""
from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any


class JobState(str, enum.Enum):
    REQUESTED = "requested"
    QUEUED = "queued"
    READY = "ready"
    PRINTING = "printing"
    PRINTED = "printed"
    REPORTED = "reported"
    FAILED = "failed"
    EXPIRED = "expired"
    NEEDS_VERIFICATION = "needs_verification"

    def __str__(self) -> str:
        return self.value


#: from-state → the states a job may move to from it
TRANSITIONS: dict[JobState, frozenset[JobState]] = {
    JobState.REQUESTED: frozenset({JobState.READY, JobState.QUEUED, JobState.FAILED}),
    JobState.QUEUED: frozenset({JobState.READY, JobState.FAILED, JobState.EXPIRED}),
    JobState.READY: frozenset({JobState.PRINTING, JobState.EXPIRED, JobState.FAILED}),
    JobState.PRINTING: frozenset({JobState.PRINTED, JobState.FAILED, JobState.NEEDS_VERIFICATION}),
    JobState.PRINTED: frozenset({JobState.REPORTED}),
    JobState.FAILED: frozenset({JobState.READY, JobState.EXPIRED}),
    JobState.NEEDS_VERIFICATION: frozenset({JobState.PRINTED, JobState.FAILED}),
    JobState.REPORTED: frozenset(),
    JobState.EXPIRED: frozenset(),
}

#: the outbox event a state change causes unless the caller says otherwise
DEFAULT_EVENTS: dict[JobState, str] = {
    JobState.PRINTED: "job.printed",
    JobState.FAILED: "job.failed",
    JobState.NEEDS_VERIFICATION: "job.needs_verification",
}

#: a job in one of these states keeps no cached document
DOCUMENT_FREE_STATES = frozenset({JobState.REPORTED, JobState.EXPIRED})

#: fields a caller may set with update_job / transition
MUTABLE_FIELDS = frozenset({
    "platform_job_id", "sha256", "pages", "verify_code", "expires_at", "subject", "data",
    "error_code", "pickup_code", "copies",
})


def is_legal(from_state: JobState, to_state: JobState) -> bool:
    return JobState(to_state) in TRANSITIONS[JobState(from_state)]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def to_iso(dt: datetime | None) -> str | None:
    """UTC ISO 8601 with a Z; a naive datetime is taken as UTC."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def from_iso(text: str | None) -> datetime | None:
    if text is None:
        return None
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def dumps(data: Any) -> str:
    """Compact JSON; raises TypeError/ValueError for what JSON cannot hold."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


@dataclass(frozen=True)
class Job:
    id: str
    platform_job_id: str | None
    service_id: str
    kind: str
    subject: str | None
    copies: int
    state: JobState
    idempotency_key: str
    pickup_code: str | None
    sha256: str | None
    pages: int | None
    verify_code: str | None
    expires_at: datetime | None
    created_at: datetime
    updated_at: datetime
    error_code: str | None
    data: dict = field(default_factory=dict, hash=False, compare=True)

    @property
    def event_job_id(self) -> str:
        """The job id events carry: the platform's if known, else the local one."""
        return self.platform_job_id or self.id

    @classmethod
    def from_row(cls, row) -> "Job":
        return cls(
            id=row["id"], platform_job_id=row["platform_job_id"], service_id=row["service_id"],
            kind=row["kind"], subject=row["subject"], copies=row["copies"],
            state=JobState(row["state"]), idempotency_key=row["idempotency_key"],
            pickup_code=row["pickup_code"], sha256=row["sha256"], pages=row["pages"],
            verify_code=row["verify_code"], expires_at=from_iso(row["expires_at"]),
            created_at=from_iso(row["created_at"]), updated_at=from_iso(row["updated_at"]),
            error_code=row["error_code"], data=json.loads(row["data"] or "{}"),
        )


@dataclass(frozen=True)
class OutboxEvent:
    event_id: str
    type: str
    at: str
    job_id: str | None
    data: dict = field(hash=False)
    seq: int = 0

    def to_wire(self) -> dict:
        """The event as POST /events carries it (job_id left out when there is none)."""
        out = {"event_id": self.event_id, "type": self.type, "at": self.at, "data": self.data}
        if self.job_id is not None:
            out["job_id"] = self.job_id
        return out

    @classmethod
    def from_row(cls, row) -> "OutboxEvent":
        return cls(event_id=row["event_id"], type=row["type"], at=row["at"], job_id=row["job_id"],
                   data=json.loads(row["data"]), seq=row["seq"])
