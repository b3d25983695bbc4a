"""Remote config (GET /terminal/config): an allowlist of what an operator sets centrally.

The platform may set only the keys of :data:`ALLOWED` (session timings, UI language and the
长辈版 default, the terminal's display name and location, the schedule, service switches).
Every other key is refused with its reason: the platform URL, TLS, devices (drivers, ports,
queues, calibration), storage, identity, secrets, the technician's settings and the kiosk
lockdown stay with the terminal's own file. Each key gets its true outcome:

- ``applied`` — in effect now;
- ``restart`` — accepted and remembered, in effect from the next start;
- ``refused`` — not applied, with the reason (not allowed, or its value does not validate).

Accepted keys are remembered in the store (meta ``remote_config``) and applied again at start;
a remembered key that is no longer allowed is dropped then. :func:`provenance` says, for the
technician screen, which value of each allowed key is in effect and where it came from.
"""
from __future__ import annotations

import json
import logging
from typing import Callable

from kiosk import config as config_mod

log = logging.getLogger(__name__)
META_KEY = "remote_config"

#: key → applied "live" or after a "restart"; a key ending in "." allows the whole table
ALLOWED: dict[str, str] = {
    "session.idle_timeout_s": "live",
    "session.countdown_s": "live",
    "session.extend_s": "live",
    "session.take_card_timeout_s": "restart",
    "ui.language": "live",
    "ui.elder_mode": "live",
    "terminal.name": "live",
    "terminal.location": "live",
    "schedule.opening_hours": "live",
    "schedule.restart_at": "live",
    "services.disabled": "live",
    "voice.enabled": "restart",
}
#: why a well-known key is not allowed (others: "not settable remotely")
WHY_NOT = {
    "platform.": "the platform connection (URL, TLS, timeouts) is set only on the terminal",
    "devices.": "devices (drivers, ports, printers, calibration) are set only by a technician on the terminal",
    "storage.": "storage is set only on the terminal",
    "technician.": "technician settings are set only on the terminal",
    "terminal.id": "the terminal's identity is set only at enrolment",
    "terminal.secret_file": "secrets are set only on the terminal",
    "ui.fullscreen": "the kiosk lockdown is set only on the terminal",
    "monitoring.": "monitoring endpoints and certificates are set only on the terminal",
}

APPLIED, RESTART, REFUSED = "applied", "restart", "refused"


def flatten(data: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.update(flatten(value, path + "."))
        else:
            out[path] = value
    return out


def unflatten(flat: dict[str, object]) -> dict:
    out: dict = {}
    for key, value in flat.items():
        node = out
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return out


def refusal(key: str) -> str | None:
    """Why ``key`` may not be set remotely, or None when it may."""
    if key in ALLOWED:
        return None
    for prefix, why in WHY_NOT.items():
        if key == prefix or key.startswith(prefix if prefix.endswith(".") else prefix + "\0"):
            return why
    return "not settable remotely (not in the allowlist)"


def merged(cfg_source, overrides: dict) -> config_mod.KioskConfig:
    raw, source = config_mod.raw_config(cfg_source)
    return config_mod.validate(config_mod.deep_merge(raw, overrides), source)


def evaluate(cfg_source, overrides: dict) -> tuple[dict[str, dict], dict]:
    """(outcome per key, the accepted overrides as a table). Outcomes are ``{"outcome": ...,
    "reason"?: ...}`` with ``restart`` or ``applied`` for accepted keys (before applying)."""
    outcomes: dict[str, dict] = {}
    accepted: dict[str, object] = {}
    for key, value in flatten(overrides).items():
        why = refusal(key)
        if why:
            outcomes[key] = {"outcome": REFUSED, "reason": why}
            continue
        try:
            merged(cfg_source, unflatten({key: value}))
        except config_mod.ConfigError as e:
            outcomes[key] = {"outcome": REFUSED, "reason": str(e)}
            continue
        accepted[key] = value
        outcomes[key] = {"outcome": APPLIED if ALLOWED[key] == "live" else RESTART}
    return outcomes, unflatten(accepted)


def summary(outcomes: dict[str, dict]) -> str | None:
    """One line naming the refused keys and why, or None when none was refused."""
    refused = [f"{k}: {o['reason']}" for k, o in sorted(outcomes.items()) if o["outcome"] == REFUSED]
    return "; ".join(refused) if refused else None


def provenance(cfg, remembered: dict | None) -> dict[str, dict]:
    """For each allowed key: the value in effect and its source (platform, terminal file, default)."""
    from kiosk.technician_config import current_value, get_path

    own = {}
    if cfg.source is not None and cfg.source.exists():
        own = config_mod._read_toml(cfg.source)
    remote = flatten(remembered or {})
    out = {}
    for key in ALLOWED:
        if key in remote:
            source = "platform"
        elif get_path(own, key) is not None:
            source = "terminal file"
        else:
            source = "default"
        out[key] = {"value": current_value(cfg, key), "source": source}
    return out


class RemoteConfig:
    def __init__(self, terminal, post: Callable[[Callable[[], None]], None]):
        """``terminal``: the kiosk.terminal.Terminal it applies to; ``post`` runs a callable on
        the thread that owns the session."""
        self.terminal = terminal
        self.post = post
        #: the accepted overrides now remembered (for provenance on the technician screen)
        self.remembered: dict = {}

    def restore(self) -> None:
        """At start: apply the overrides accepted before the restart (GUI thread). Keys that
        are no longer allowed (an older version accepted more) are dropped, not applied."""
        saved = self.terminal.store.get_meta(META_KEY)
        if saved:
            report = self.apply(json.loads(saved), remember=False, at_start=True)
            if report["reason"]:
                log.warning("remembered remote config: not applied: %s", report["reason"])

    def apply(self, overrides: dict, remember: bool = True, *, at_start: bool = False) -> dict:
        """Called by the sync worker (its thread). Returns ``{"reason": str|None, "outcomes":
        {key: {"outcome", "reason"?}}}``; the accepted keys are applied (on the GUI thread) even
        when others are refused."""
        if not isinstance(overrides, dict):
            return {"reason": "the remote config is not a table", "outcomes": {}}
        old = self.terminal.cfg
        outcomes, accepted = evaluate(old.source, overrides)
        try:
            new = merged(old.source, accepted)
        except config_mod.ConfigError as e:  # keys valid alone but not together
            outcomes = {k: {"outcome": REFUSED, "reason": str(e)} for k in flatten(accepted)} | {
                k: o for k, o in outcomes.items() if o["outcome"] == REFUSED}
            return {"reason": summary(outcomes), "outcomes": outcomes}
        if at_start:  # a restart-only key remembered earlier is in effect now, from the start
            for o in outcomes.values():
                if o["outcome"] == RESTART:
                    o["outcome"] = APPLIED
        self.remembered = accepted
        if remember:
            self.terminal.store.set_meta(META_KEY, json.dumps(accepted, ensure_ascii=False))
        before = flatten(old.model_dump(mode="json", exclude={"source"}))
        after = flatten(new.model_dump(mode="json", exclude={"source"}))
        live = {k for k, o in outcomes.items() if o["outcome"] == APPLIED}
        diffs = {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v and k in live}
        if diffs or at_start:
            self.post(lambda: self._apply_live(new, diffs))
        return {"reason": summary(outcomes), "outcomes": outcomes}

    def _apply_live(self, new, diffs) -> None:
        current = self.terminal.cfg
        if not diffs:
            return
        # Only the live keys change now; restart-only ones wait in the store, not in the running config.
        overlay = unflatten({k: v for k, (_, v) in diffs.items()})
        updated = config_mod.validate(config_mod.deep_merge(
            flatten_into(current.model_dump(mode="json", exclude={"source"})), overlay), current.source)
        # Every allowed key applied live is the core's or the shell's: the terminal changes its
        # parts (schedule included) and tells the shell, which shows the rest.
        self.terminal.apply_config(updated, diffs)
        log.info("remote config applied: %s", ", ".join(sorted(diffs)))

def flatten_into(dumped: dict) -> dict:
    """A dumped config back into a raw table (``None`` values dropped: TOML has none)."""
    if isinstance(dumped, dict):
        return {k: flatten_into(v) for k, v in dumped.items() if v is not None}
    return dumped
