"""Remote config (GET /terminal/config): validated, kept in the store, applied live where it can.

The platform's overrides sit on top of the terminal's own file. A set that does not validate
is refused as a whole with the reason (the sync worker reports it in terminal.config_changed);
one that does is remembered in the store, so it still holds after a restart, and applied on
the GUI thread. Keys that cannot change while running are named and wait for a restart.
"""
from __future__ import annotations

import json
import logging
from typing import Callable

from kiosk import config as config_mod

log = logging.getLogger(__name__)
META_KEY = "remote_config"
#: sections the platform may not change remotely: identity, secret and storage stay local
FORBIDDEN = ("terminal.id", "terminal.secret_file", "storage", "technician")


def flatten(data: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, path + "."))
        else:
            out[path] = value
    return out


def merged(cfg_source, overrides: dict) -> config_mod.KioskConfig:
    raw, source = config_mod.raw_config(cfg_source)
    return config_mod.validate(config_mod.deep_merge(raw, overrides), source)


class RemoteConfig:
    def __init__(self, kiosk, post: Callable[[Callable[[], None]], None]):
        self.kiosk = kiosk
        self.post = post

    def restore(self) -> None:
        """At start: apply the overrides accepted before the restart (GUI thread)."""
        saved = self.kiosk.store.get_meta(META_KEY)
        if saved:
            reason = self.apply(json.loads(saved), remember=False)
            if reason:
                log.warning("remembered remote config no longer applies: %s", reason)

    def apply(self, overrides: dict, remember: bool = True) -> str | None:
        """Called by the sync worker (its thread). None if accepted, else why not."""
        if not isinstance(overrides, dict):
            return "the remote config is not a table"
        for key in flatten(overrides):
            if any(key == f or key.startswith(f + ".") for f in FORBIDDEN):
                return f"{key} cannot be set remotely"
        old = self.kiosk.cfg
        try:
            new = merged(old.source, overrides)
        except config_mod.ConfigError as e:
            return str(e)
        before = flatten(old.model_dump(mode="json", exclude={"source"}))
        after = flatten(new.model_dump(mode="json", exclude={"source"}))
        diffs = {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}
        if remember:
            self.kiosk.store.set_meta(META_KEY, json.dumps(overrides, ensure_ascii=False))
        if diffs:
            self.post(lambda: self._apply_live(new, diffs))
        return None

    def _apply_live(self, new, diffs) -> None:
        from kiosk.technician_config import apply_live

        restart = apply_live(self.kiosk, new, diffs)
        log.info("remote config applied: %s%s", ", ".join(sorted(diffs)),
                 f" (after a restart: {', '.join(restart)})" if restart else "")
