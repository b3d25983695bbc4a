"""The terminal's configuration: config/default.toml overlaid with the terminal's own file.

A bad config is refused as a whole with :class:`ConfigError`, whose message names the key, the
value and what was expected; the kiosk never starts half-configured.
"""
from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import (BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError, create_model,
                      field_validator)

from drivers import registry
from drivers.base import DriverOptions


def resource_root() -> Path:
    """Where bundled read-only files live (the source tree, or the PyInstaller bundle)."""
    return Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))


DEFAULT_CONFIG = resource_root() / "config" / "default.toml"


class ConfigError(ValueError):
    pass


def https_or_loopback(url: str) -> bool:
    """True for an https URL, or an http URL whose host is a loopback address."""
    import ipaddress
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "https":
        return True
    if parts.scheme != "http":
        return False
    host = (parts.hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TerminalConfig(_Section):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$", description="Terminal id sent as X-Terminal-Id")
    name: str = Field(min_length=1, max_length=80, description="Shown in the header and on receipts")
    name_en: str = Field("", max_length=120, description="The name in the header in English mode (empty: "
                                                          "the Chinese name)")
    secret_file: Path = Field(description="File holding the HMAC key as hex")
    location: str = Field("", max_length=120, description="Park or hall, for technicians")


class PlatformConfig(_Section):
    base_url: str = Field(pattern=r"^https?://[^\s/]+(/[^\s]*)?$", description="Platform API base URL")
    timeout_s: float = Field(10, gt=0, le=120, description="Read timeout of one request")
    connect_timeout_s: float = Field(3, gt=0, le=60, description="Connect timeout of one request")
    ca_bundle: str = Field("", description="CA bundle file for TLS; empty for the system store")

    @field_validator("base_url")
    @classmethod
    def _https(cls, v: str) -> str:
        if not https_or_loopback(v):
            raise ValueError("plain http is allowed only for a loopback address (127.0.0.1, ::1, "
                             "localhost); use https:// for the platform")
        return v


class StorageConfig(_Section):
    dir: Path = Field(description="SQLite store, cached documents and logs")
    max_cache_mb: int = Field(200, ge=1, le=100_000, description="Bound on cached documents")
    retention_days: float = Field(7, ge=0, le=3650,
                                  description="Rows of reported/expired jobs are deleted this many days after they ended")


class SyncConfig(_Section):
    interval_s: float = Field(5, gt=0, le=3600)
    batch_size: int = Field(100, ge=1, le=100)
    config_pull_s: float = Field(300, ge=10, le=86400)


class SessionConfig(_Section):
    idle_timeout_s: float = Field(60, ge=5, le=600)
    countdown_s: float = Field(10, ge=3, le=120)
    extend_s: float = Field(60, ge=5, le=600)
    take_card_timeout_s: float = Field(30, ge=5, le=300,
                                       description="seconds the take-your-card screen waits for a card left on "
                                                   "the reader before going home (logged)")
    verify_deadline_s: float = Field(30, ge=5, le=600,
                                     description="identity verification may take this long; past it the visit "
                                                 "ends on the error screen (docs/print-path.md)")
    prepare_deadline_s: float = Field(60, ge=5, le=900,
                                      description="requesting and fetching the document may take this long")
    print_deadline_margin_s: float = Field(180, ge=10, le=3600,
                                           description="printing may take this long plus print_deadline_per_page_s "
                                                       "per sheet; keep it above the printer driver's job_timeout_s")
    print_deadline_per_page_s: float = Field(15, ge=0, le=600, description="extra printing time per sheet")


class UiConfig(_Section):
    language: Literal["zh", "en"] = "zh"
    orientation: Literal["landscape", "portrait"] = "landscape"
    fullscreen: bool = True
    elder_mode: bool = False
    low_reach: bool = Field(False, description="Low-reach layout on a portrait panel (also a footer switch)")
    panel_width_mm: float = Field(476, ge=100, le=3000, description="Visible panel width in landscape, mm")
    panel_height_mm: float = Field(268, ge=100, le=3000, description="Visible panel height in landscape, mm")
    panel_bottom_mm: float = Field(800, ge=0, le=2500,
                                   description="Height of the panel's lower visible edge above the floor, mm")


class VoiceConfig(_Section):
    enabled: bool = Field(True, description="Voice guidance on")
    pack_dir: Path = Field(Path("var/voice/pack"), description="Default prompt pack (built by the set-up)")
    recorded_dir: Path | None = Field(Path("var/voice/recorded"),
                                      description="Operator's recorded prompts; a file here wins over the pack")
    device: str = Field("default", description="ALSA output device for the loudspeaker")
    volume: float = Field(0.8, ge=0.1, le=1.0, description="Volume every visit starts at")
    headset: Literal["auto", "on", "off"] = Field("auto", description="auto: ALSA jack detection")
    headset_device: str = Field("", description="ALSA device of the headset jack; empty: the same output")
    curtain: bool = Field(True, description="Blank the screen while personal details are spoken on a headset")


class TechnicianConfig(_Section):
    pin_hash: str = Field("", pattern=r"^(|scrypt(-hmac)?\$.+)$",
                          description="Technician PIN as 'scrypt-hmac$n$r$p$salt$hash', keyed with the "
                                      "local data key (python -m kiosk.diag set-pin)")
    max_attempts: int = Field(5, ge=1, le=20, description="Wrong PINs before the entry locks")
    lockout_s: float = Field(900, ge=10, le=86400, description="How long the entry stays locked")
    idle_s: float = Field(300, ge=30, le=3600, description="A technician session ends after this idle time")


class ServicesConfig(_Section):
    disabled: list[str] = Field([], max_length=200,
                                description="Service ids switched off on this terminal (hidden from home)")


class ScheduleConfig(_Section):
    opening_hours: str = Field("", description="HH:MM-HH:MM; the screen is blanked outside; empty: always open")
    restart_at: str = Field("", description="HH:MM daily restart while idle; empty: never")

    @field_validator("opening_hours")
    @classmethod
    def _hours(cls, v: str) -> str:
        import re

        if v and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d", v):
            raise ValueError('expected "HH:MM-HH:MM", e.g. "08:00-20:00", or "" for always open')
        return v

    @field_validator("restart_at")
    @classmethod
    def _time(cls, v: str) -> str:
        import re

        if v and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", v):
            raise ValueError('expected "HH:MM", e.g. "03:30", or "" for no daily restart')
        return v


class MonitoringConfig(_Section):
    heartbeat_s: float = Field(60, ge=1, le=86400, description="terminal.heartbeat period (unsent ones coalesce)")
    listen: str = Field("127.0.0.1:9464", description="HOST:PORT of the Prometheus /metrics endpoint; empty: off")
    certfile: str = Field("", description="TLS certificate of /metrics (PEM); empty: plain HTTP")
    keyfile: str = Field("", description="TLS private key of /metrics (PEM)")
    client_cafile: str = Field("", description="CA whose client certificates may scrape; empty: any client")
    device_debounce_s: float = Field(2, ge=0, le=600, description="A device state is reported once it held this long")
    paper_capacity: dict[str, int] = Field(default_factory=lambda: {"document": 500, "licence": 200},
                                           description="Sheets a refill loads, per printer (the estimate's base)")

    @field_validator("listen")
    @classmethod
    def _listen(cls, v: str) -> str:
        import re

        m = re.fullmatch(r"(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})", v)
        if v and (m is None or int(m.group(2)) > 65535):
            raise ValueError('expected "HOST:PORT", e.g. "127.0.0.1:9464" or "0.0.0.0:9464", or "" for off')
        return v

    @field_validator("keyfile")
    @classmethod
    def _pair(cls, v: str, info) -> str:
        if bool(v) != bool(info.data.get("certfile")):
            raise ValueError("certfile and keyfile go together (both set for TLS, both empty for HTTP)")
        return v

    @field_validator("client_cafile")
    @classmethod
    def _ca(cls, v: str, info) -> str:
        if v and not info.data.get("certfile"):
            raise ValueError("client certificates need TLS: set certfile and keyfile too")
        return v

    def address(self) -> tuple[str, int] | None:
        """(host, port) to listen on, None when the endpoint is off."""
        if not self.listen:
            return None
        host, _, port = self.listen.rpartition(":")
        return host.strip("[]"), int(port)


class _DeviceTable:
    """What every ``[devices.NAME]`` table model adds to its driver's options model."""

    def options(self) -> DriverOptions:
        """The driver's options, as validated at load (no second validation: a copy of the
        values into the driver's own options model, without ``driver``)."""
        model = registry.options_model(self.driver)
        return model.model_construct(_fields_set=self.model_fields_set - {"driver"},
                                     **{key: getattr(self, key) for key in model.model_fields})


def _table_model(driver: str, options: type[DriverOptions]) -> type[BaseModel]:
    """The model of a ``[devices.NAME]`` table naming ``driver``: its options plus ``driver``."""
    return create_model(f"DeviceTable[{driver}]", __base__=(options, _DeviceTable),
                        driver=(Literal[driver], Field(description="The driver (drivers/registry.py)")))


def _driver_tag(table: Any) -> str | None:
    driver = table.get("driver") if isinstance(table, dict) else getattr(table, "driver", None)
    return driver if isinstance(driver, str) else None


#: One ``[devices.NAME]`` table: the union of every driver's table keyed on ``driver``, so a
#: table is validated once, at load, against its own driver's options (unknown keys refused).
DeviceConfig = Annotated[
    Union[tuple(Annotated[_table_model(name, model), Tag(name)]
                for name, model in registry.options_models().items())],
    Discriminator(_driver_tag, custom_error_type="unknown_driver",
                  custom_error_message=f"unknown or missing driver; expected one of: {', '.join(registry.names())}"),
]


class KioskConfig(_Section):
    terminal: TerminalConfig
    platform: PlatformConfig
    storage: StorageConfig
    sync: SyncConfig = SyncConfig()
    session: SessionConfig = SessionConfig()
    ui: UiConfig = UiConfig()
    voice: VoiceConfig = VoiceConfig()
    technician: TechnicianConfig = TechnicianConfig()
    schedule: ScheduleConfig = ScheduleConfig()
    services: ServicesConfig = ServicesConfig()
    monitoring: MonitoringConfig = MonitoringConfig()
    devices: dict[str, DeviceConfig] = {}

    #: the file this config was read from (None: defaults only)
    source: Path | None = None

    def secret(self) -> bytes:
        """The terminal secret (HMAC key): the hex text of secret_file decoded to bytes."""
        try:
            text = self.terminal.secret_file.read_text(encoding="ascii").strip()
            return bytes.fromhex(text)
        except FileNotFoundError:
            raise ConfigError(f"terminal.secret_file: {self.terminal.secret_file} does not exist (enrol the terminal first)") from None
        except (ValueError, UnicodeDecodeError):
            raise ConfigError(f"terminal.secret_file: {self.terminal.secret_file} does not hold hex text") from None


def deep_merge(base: dict, over: dict) -> dict:
    """``over`` on top of ``base``. A table that names another ``driver`` replaces the default
    table whole: the default driver's options mean nothing to a different driver."""
    out = dict(base)
    for key, value in over.items():
        if (isinstance(value, dict) and isinstance(out.get(key), dict)
                and value.get("driver", out[key].get("driver")) == out[key].get("driver")):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"config file {path} is not valid TOML: {e}") from None


def _describe(err: dict) -> str:
    """One pydantic error as "key = value: reason", the key dotted as in the file."""
    loc = [str(p) for p in err["loc"]]
    value = err.get("input")
    if loc[:1] == ["devices"] and len(loc) >= 2:
        if err["type"] == "unknown_driver":     # the table's driver is missing, unknown or not text
            if not isinstance(value, dict):
                return f"{'.'.join(loc)} = {value!r}: expected a table of the device's keys"
            if "driver" not in value:
                return f"{'.'.join(loc)}.driver: missing; expected one of: {', '.join(registry.names())}"
            return (f"{'.'.join(loc)}.driver = {value['driver']!r}: unknown driver; "
                    f"expected one of: {', '.join(registry.names())}")
        if len(loc) >= 3 and loc[2] in registry.names():
            driver = loc.pop(2)                 # the union's tag: not a key of the file
            if err["type"] == "extra_forbidden":
                keys = ", ".join(["driver", *registry.options_model(driver).model_fields])
                return f"{'.'.join(loc)}: not a key of driver {driver!r}; its keys are: {keys}"
    shown = "" if isinstance(value, dict) else f" = {value!r}"
    return f"{'.'.join(loc)}{shown}: {err['msg']}"


def validate(raw: dict[str, Any], source: Path | None = None) -> KioskConfig:
    """Validate a merged config dict, every device table against its own driver's options."""
    try:
        cfg = KioskConfig.model_validate({**raw, "source": source})
    except ValidationError as e:
        raise ConfigError("; ".join(_describe(err) for err in e.errors())) from None
    problems = []
    for name, dev in cfg.devices.items():
        try:
            registry.driver_class(dev.driver)
        except ImportError as e:
            problems.append(f"devices.{name}.driver = {dev.driver!r}: cannot be loaded ({e})")
    if problems:
        raise ConfigError("; ".join(problems))
    return cfg


def raw_config(path: str | os.PathLike | None = None) -> tuple[dict, Path | None]:
    """The merged raw dict (defaults + terminal file) and the terminal file's path."""
    raw = _read_toml(DEFAULT_CONFIG)
    chosen = path or os.environ.get("KIOSK_CONFIG") or None
    source = Path(chosen) if chosen else None
    if source is not None:
        raw = deep_merge(raw, _read_toml(source))
    return raw, source


def load(path: str | os.PathLike | None = None, overrides: dict | None = None) -> KioskConfig:
    """Load the config from ``path``, else ``KIOSK_CONFIG``, else the defaults alone."""
    raw, source = raw_config(path)
    if overrides:
        raw = deep_merge(raw, overrides)
    return validate(raw, source)
