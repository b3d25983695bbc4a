"""The JSON line of one script (the contract of docs/scenario.md) and the frozen-screen probe."""
from __future__ import annotations

import collections

FROZEN_AFTER_S = 60.0
DRAIN_TIMEOUT_S = 5.0


def probe_frozen(t) -> bool:
    """True when the screen takes neither ``home`` nor the idle timeout for 60 simulated seconds.

    The clock is moved on in 5 s steps (so idle timeouts and busy deadlines come due) and
    ``home`` is offered at each one; the terminal is home afterwards unless it is frozen."""
    waited = 0.0
    while True:
        if t.state in ("home", "attract"):
            return False
        if t.session.dispatch("home"):
            t.pump(timeout=0.05)
            return False
        if waited >= FROZEN_AFTER_S:
            return True
        t.skip(5.0)
        waited += 5.0


def drain_events(t) -> None:
    """Give the sync worker a moment to deliver what is in the outbox, when the platform is reachable."""
    sandbox = t.rig.sandbox
    settings = sandbox.faults.settings
    if sandbox.is_down or t.disk.full or settings != type(settings)():
        return
    t.core.sync.kick()
    t.pump(lambda: t.core.store.outbox_depth() == 0, DRAIN_TIMEOUT_S)


def jobs_of(t) -> list[dict]:
    return [{"job_id": j.id, "service_id": j.service_id, "state": j.state.value} for j in t.jobs()]


def result(script: str, t, *, screen: str | None, failed: dict | None, frozen: bool,
           header: dict | None = None) -> dict:
    """Exactly the fields of the contract, in its order."""
    events = collections.Counter(e["type"] for e in t.rig.sandbox.events) if t is not None else {}
    return {
        "script": script,
        "ok": failed is None and not frozen,
        "failed_step": failed,
        "screen": screen,
        "header": header or {"network": "offline", "devices": "ok"},
        "jobs": jobs_of(t) if t is not None else [],
        "sheets": {"document": t.sheets("document"), "licence": t.sheets("licence")} if t is not None
        else {"document": 0, "licence": 0},
        "receipts": t.receipts() if t is not None else 0,
        "platform_events": dict(sorted(events.items())),
        "frozen": frozen,
    }
