"""A config change applied to the running terminal's core parts (:meth:`kiosk.terminal.Terminal.apply_config`).

Only parts already built follow it (a part built later reads the new config); the keys named
here are the ones the core applies itself, the rest are the screen's or a restart's. No Qt.
"""
from __future__ import annotations

SESSION_TIMES = {"session.idle_timeout_s", "session.countdown_s", "session.extend_s"}
PLATFORM_TIMES = {"platform.timeout_s", "platform.connect_timeout_s"}
SCHEDULE_KEYS = {"schedule.opening_hours", "schedule.restart_at"}


def apply_to_parts(terminal, cfg, keys: list[str]) -> None:
    """The idle clock, platform timeouts, the visit's terminal name, the schedule and printer
    offsets of ``terminal`` follow ``cfg`` for the dotted config ``keys`` that changed. Call on
    the thread that owns the session."""
    changed = set(keys)
    built = terminal.__dict__
    if changed & SESSION_TIMES and "session" in built:
        idle = terminal.session.idle
        idle.idle_timeout_s = cfg.session.idle_timeout_s
        idle.countdown_s = cfg.session.countdown_s
        idle.extend_s = cfg.session.extend_s
    if changed & PLATFORM_TIMES and "client" in built:
        terminal.client.timeout = (cfg.platform.connect_timeout_s, cfg.platform.timeout_s)
    if "terminal.name" in changed and "controller" in built:
        terminal.controller.terminal_name = cfg.terminal.name
    if changed & SCHEDULE_KEYS:
        built.pop("schedule", None)  # built again from the new config when next asked
    if "devices" in built:
        _apply_device_options(terminal.devices, cfg, keys)


def _apply_device_options(devices, cfg, keys: list[str]) -> None:
    from kiosk.technician_config import typed_value
    from kiosk.technician_rules import with_options

    for key in keys:
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "devices" and parts[1] in devices.names():
            update = {parts[2]: typed_value(cfg, key)}
            devices.call(parts[1], lambda dev, u=update: with_options(dev, u))
