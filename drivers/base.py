"""The device model shared by every driver (after CEN/XFS and XFS4IoT).

Each device reports a :class:`DeviceStatus` and emits :class:`DeviceEvent` objects through the
sink it was given at construction. Drivers do blocking I/O; the device manager calls them from
one worker thread per device, so a driver never has to be thread-safe across its own methods.
"""
from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Self

from pydantic import BaseModel, ConfigDict


class DeviceState(str, enum.Enum):
    STARTING = "starting"
    ONLINE = "online"
    OFFLINE = "offline"
    BUSY = "busy"
    NO_DEVICE = "no_device"
    HARDWARE_ERROR = "hardware_error"
    USER_ERROR = "user_error"


#: States in which the device can serve (busy: serving someone right now).
OPERATIONAL_STATES = frozenset({DeviceState.ONLINE, DeviceState.BUSY, DeviceState.USER_ERROR})


class Paper(str, enum.Enum):
    OK = "ok"
    LOW = "low"
    OUT = "out"
    JAMMED = "jammed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class DeviceStatus:
    """What a device can say about itself now.

    ``detail`` holds class-specific facts, e.g. ``{"paper": "out"}`` for a printer or
    ``{"media": "present"}`` for a card reader; ``"unknown"`` means the device cannot tell now.
    ``message`` is a short technical reason for technicians (never personal data).
    """

    state: DeviceState
    detail: dict[str, str] = field(default_factory=dict)
    message: str = ""

    @property
    def usable(self) -> bool:
        return self.state in OPERATIONAL_STATES and self.detail.get("paper") not in ("out", "jammed")


class EventKind(str, enum.Enum):
    STATUS_CHANGED = "status_changed"
    CARD_PRESENT = "card_present"
    CARD_READ = "card_read"
    CARD_REMOVED = "card_removed"
    CARD_ERROR = "card_error"
    CODE_SCANNED = "code_scanned"
    PAPER_LOW = "paper_low"
    PAPER_OUT = "paper_out"
    JOB_COMPLETED = "job_completed"
    CONNECTION_LOST = "connection_lost"
    CONNECTION_RESTORED = "connection_restored"


@dataclass(frozen=True)
class DeviceEvent:
    """Something a device noticed. ``device`` is the config name (``id_card``, ``receipt`` ...)."""

    device: str
    kind: EventKind
    data: dict[str, Any] = field(default_factory=dict)


EventSink = Callable[[DeviceEvent], None]


class DeviceError(Exception):
    """A device operation failed. ``code`` (e.g. ``missing_library``) is what screens and the
    technician CLI key their plain words on; the message is for the log and the technician."""

    def __init__(self, message: str, *, state: DeviceState = DeviceState.HARDWARE_ERROR, code: str = "device_error"):
        super().__init__(message)
        self.state = state
        self.code = code
        #: the printer job already accepted when a printer failed mid-job ("" before submission)
        self.job_ref = ""


class DeviceUnavailable(DeviceError):
    """The device is not there right now (unplugged, port missing, printer unreachable): try later."""

    def __init__(self, message: str, *, code: str = "no_device"):
        super().__init__(message, state=DeviceState.NO_DEVICE, code=code)


class DriverOptions(BaseModel):
    """Base of every driver's options model: the ``[devices.NAME]`` table minus ``driver``."""

    model_config = ConfigDict(extra="forbid")

    def updated(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied, validated as the config is: a value the model refuses
        raises pydantic's ValidationError (``model_copy(update=...)`` would not check it)."""
        return type(self).model_validate(self.model_dump() | changes)


class Device(ABC):
    """One physical device behind a driver.

    Only :meth:`open` is abstract. ``poll`` is called by the manager on the device's worker
    thread at the driver's ``poll_interval_s``; it checks health and may emit events (a card
    reader looks for a card there). Any exception from ``open``/``poll`` marks the device
    down and makes the manager reconnect with backoff.
    """

    #: The device class this driver implements: id_card, qr, receipt, document, licence, ssse.
    device_class: ClassVar[str] = ""
    Options: ClassVar[type[DriverOptions]] = DriverOptions
    poll_interval_s: float = 1.0

    def __init__(self, name: str, options: DriverOptions, emit: EventSink):
        self.name = name
        self.options = options
        self._emit = emit
        self._status = DeviceStatus(DeviceState.STARTING)

    @abstractmethod
    def open(self) -> None:
        """Connect to the device; raise DeviceUnavailable if it is not there."""

    def close(self) -> None:
        """Release the device. Must be safe to call twice and after a failed open."""

    def poll(self) -> None:
        """Health check and background work; raise if the device has gone away."""

    def status(self) -> DeviceStatus:
        return self._status

    def set_status(self, status: DeviceStatus) -> None:
        """Record a new status and emit STATUS_CHANGED with what changed (if anything did)."""
        old = self._status
        if status == old:
            return
        self._status = status
        changed = {"state": status.state.value} if status.state != old.state else {}
        changed.update({k: v for k, v in status.detail.items() if old.detail.get(k) != v})
        self.emit(EventKind.STATUS_CHANGED, state=status.state.value, detail=dict(status.detail),
                  message=status.message, changed=changed)

    def emit(self, kind: EventKind, **data: Any) -> None:
        self._emit(DeviceEvent(self.name, kind, data))
