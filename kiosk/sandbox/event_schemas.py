"""The data schemas of the ``terminal.heartbeat`` and ``device.status`` events, and a checker.

The same schemas are in docs/platform-api.yaml (``HeartbeatData``, ``DeviceStatusData``); a test
keeps the two equal. The sandbox refuses an event whose data does not match with 422
``invalid_event``, as the platform does (the terminal's outbox then parks it).

The checker covers the JSON-Schema keywords these schemas use (type, required, properties,
additionalProperties, enum, minimum, maxLength, pattern); ``format`` is documentation only. A
full JSON-Schema library would be one more dependency of the kiosk for two small schemas.
"""
from __future__ import annotations

import re
from typing import Any

DEVICE_STATES = ["ok", "paper_low", "paper_out", "jam", "offline", "error"]
_CODE = {"type": "string", "pattern": "^[a-z0-9_.-]{1,64}$"}
_TIME = {"type": "string", "format": "date-time", "maxLength": 40}
_NAME = "^[a-z][a-z0-9_]{0,31}$"  # a device's config name (document, id_card ...)

DEVICE_REPORT = {
    "type": "object",
    "required": ["state", "code", "since"],
    "additionalProperties": False,
    "properties": {"state": {"type": "string", "enum": DEVICE_STATES}, "code": _CODE, "since": _TIME},
}

DEVICE_STATUS_DATA = {
    "type": "object",
    "required": ["device", "state", "code", "since"],
    "additionalProperties": False,
    "properties": {
        "device": {"type": "string", "pattern": _NAME},
        "state": {"type": "string", "enum": DEVICE_STATES},
        "code": _CODE,
        "since": _TIME,
        "previous": {"type": ["string", "null"], "enum": DEVICE_STATES + [None]},
    },
}

PAPER_REPORT = {
    "type": "object",
    "required": ["sheets_since_refill", "refilled_at", "remaining_sheets"],
    "additionalProperties": False,
    "properties": {
        "sheets_since_refill": {"type": "integer", "minimum": 0},
        "refilled_at": {"type": ["string", "null"], "format": "date-time", "maxLength": 40},
        "remaining_sheets": {"type": ["integer", "null"], "minimum": 0},
    },
}

HEARTBEAT_DATA = {
    "type": "object",
    "required": ["version", "started_at", "uptime_s", "outbox_depth", "jobs", "last_sync_at",
                 "catalogue_version", "config_version", "disk_free_bytes", "devices", "paper",
                 "visit_in_progress"],
    "additionalProperties": False,
    "properties": {
        "version": {"type": "string", "maxLength": 64},
        "started_at": _TIME,
        "uptime_s": {"type": "integer", "minimum": 0},
        "outbox_depth": {"type": "integer", "minimum": 0},
        "jobs": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
        "last_sync_at": {"type": ["string", "null"], "format": "date-time", "maxLength": 40},
        "catalogue_version": {"type": ["string", "null"], "maxLength": 128},
        "config_version": {"type": ["string", "null"], "maxLength": 128},
        "disk_free_bytes": {"type": ["integer", "null"], "minimum": 0},
        "devices": {"type": "object", "additionalProperties": DEVICE_REPORT},
        "paper": {"type": "object", "additionalProperties": PAPER_REPORT},
        "visit_in_progress": {"type": "boolean"},
    },
}

#: event type → schema of its ``data``
SCHEMAS = {"terminal.heartbeat": HEARTBEAT_DATA, "device.status": DEVICE_STATUS_DATA}

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _is(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def problems(schema: dict, value: Any, path: str = "data") -> list[str]:
    """Every way ``value`` breaks ``schema``, as "path: what" lines (empty: it matches)."""
    types = schema.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(_is(value, n) for n in names):
            return [f"{path}: expected {' or '.join(names)}"]
    out: list[str] = []
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{path}: expected one of {', '.join(str(v) for v in schema['enum'])}")
    if isinstance(value, str):
        if len(value) > schema.get("maxLength", len(value)):
            out.append(f"{path}: longer than {schema['maxLength']} characters")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{path}: does not match {schema['pattern']}")
    if _is(value, "number") and "minimum" in schema and value < schema["minimum"]:
        out.append(f"{path}: below {schema['minimum']}")
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                out.append(f"{path}.{key}: missing")
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                out += problems(props[key], item, f"{path}.{key}")
            elif extra is False:
                out.append(f"{path}.{key}: not allowed")
            elif isinstance(extra, dict):
                out += problems(extra, item, f"{path}.{key}")
    return out


def check_event(event: dict) -> list[str]:
    """Problems of an event's ``data`` for the types with a schema (others: none)."""
    schema = SCHEMAS.get(event.get("type"))
    return problems(schema, event.get("data")) if schema else []
