"""Validated answers of the platform API (DESIGN.md §5).

Models are strict: a number sent as text, a missing field or a wrong type is refused, so a broken
answer becomes a :class:`kiosk.platform_client.BadAnswer`, never a wrong print.
"""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

_SHA256 = r"^[0-9a-f]{64}$"


def _platform_time(text: str) -> str:
    """A time from the platform: ISO 8601 with a zone (``Z`` or ``+08:00``), checked where it
    enters so that no later step can trip over it."""
    from datetime import datetime

    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"not an ISO 8601 time: {text[:40]!r}") from None
    if when.tzinfo is None:
        raise ValueError(f"time without a zone: {text[:40]!r}")
    return text


#: an ISO 8601 time with a zone, kept as the platform's text
PlatformTime = Annotated[str, Field(min_length=1, max_length=40), AfterValidator(_platform_time)]


class _Answer(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class Verified(_Answer):
    subject: str = Field(min_length=1, max_length=200)
    display_name: str = Field(max_length=100)
    expires_in: int = Field(ge=0)


class DocumentTicket(_Answer):
    job_id: str = Field(min_length=1, max_length=200)
    pages: int = Field(ge=1, le=1000)
    sha256: str = Field(pattern=_SHA256)
    content_type: str = Field(min_length=1, max_length=100)
    verify_code: str = Field(min_length=1, max_length=100)
    expires_at: PlatformTime


class AssignedJob(_Answer):
    job_id: str = Field(min_length=1, max_length=200)
    credit_code: str = Field(min_length=18, max_length=18)
    company: str = Field(min_length=1, max_length=200)
    originals: int = Field(ge=0, le=20)
    duplicates: int = Field(ge=0, le=20)
    authorised_id_sha256: list[str] = Field(max_length=100)
    sha256: str = Field(pattern=_SHA256)
    expires_at: PlatformTime


class AssignedJobs(_Answer):
    """The list itself; each job is validated on its own (one bad job must not hide the rest)."""

    jobs: list[Any]


class EventsAnswer(_Answer):
    accepted: list[str]
    duplicates: list[str]


class CatalogueService(_Answer):
    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    id: str = Field(min_length=1)
    name: dict[str, str]
    printer: str | None = None   # absent for a service of kind "guide" (kiosk.catalogue checks the rest)


class Catalogue(_Answer):
    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    version: str | int
    services: list[CatalogueService]
