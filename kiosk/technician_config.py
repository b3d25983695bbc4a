"""Config editing from the technician screens.

Qt-free, and touches no widget. :func:`apply_live` hands the change to the core
(kiosk.terminal.Terminal.apply_config); what the screens show (terminal name, theme, language)
the shell applies itself when the terminal tells it the config changed.

A change is a mapping of dotted keys (``ui.language``, ``devices.licence.offset_x_dmm``) to
values. It is validated as a whole with kiosk.config.validate (the message names the key, the
value and what was expected), then the terminal's own TOML file is rewritten atomically with the
previous version kept as ``<file>.bak``. :func:`apply_live` applies to the running kiosk what it
can; the rest is reported as needing a restart.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import config as config_mod
from kiosk.config import ConfigError, KioskConfig
from offline_cache.atomic import write_atomic

if TYPE_CHECKING:
    import tomlkit

log = logging.getLogger(__name__)

#: keys applied to the running kiosk at once (prefix match for those ending in ".")
LIVE_KEYS = ("ui.language", "ui.elder_mode", "ui.orientation", "session.", "terminal.name",
             "terminal.location", "platform.timeout_s", "platform.connect_timeout_s", "technician.")
LIVE_DEVICE_OPTIONS = ("offset_x_dmm", "offset_y_dmm")
#: first line of a terminal config file that the technician mode creates
HEADER = "Written by the kiosk's technician mode; the previous version is in .bak"


def is_live(key: str) -> bool:
    if key.startswith("devices.") and key.rsplit(".", 1)[-1] in LIVE_DEVICE_OPTIONS:
        return True
    return any(key == k or (k.endswith(".") and key.startswith(k)) for k in LIVE_KEYS)


def get_path(data: dict, key: str, default: Any = None) -> Any:
    node: Any = data
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def set_path(data: dict, key: str, value: Any) -> None:
    """Set dotted ``key`` in ``data`` (a dict or a tomlkit document), making the tables between."""
    parts = key.split(".")
    node = data
    for depth, part in enumerate(parts[:-1]):
        if part not in node:
            if isinstance(node, dict) and not hasattr(node, "unwrap"):
                node[part] = {}
            else:   # a table that only holds tables is written as [a.b], not as an empty [a]
                import tomlkit

                node[part] = tomlkit.table(is_super_table=depth < len(parts) - 2)
        node = node[part]
    node[parts[-1]] = value


def typed_value(cfg: KioskConfig, key: str) -> Any:
    """The validated (typed) value of ``key`` in ``cfg``: what is written to the file."""
    parts = key.split(".")
    if parts[0] == "devices" and len(parts) == 3:
        dev = cfg.devices[parts[1]]
        value = dev.driver if parts[2] == "driver" else getattr(dev.options(), parts[2])
    else:
        value: Any = cfg
        for part in parts:
            value = getattr(value, part)
    return str(value) if isinstance(value, Path) else value


def current_value(cfg: KioskConfig, key: str) -> Any:
    try:
        return typed_value(cfg, key)
    except (KeyError, AttributeError, Exception):
        return None


class ConfigEditor:
    """Edits the terminal's own config file (``cfg.source``)."""

    def __init__(self, path: Path | None):
        self.path = Path(path) if path else None

    def _own(self) -> tomlkit.TOMLDocument:
        import tomlkit  # only when a file is written: the kiosk reads this module at every start
        if self.path is None:
            raise ConfigError("this kiosk runs on the defaults alone (no --config / KIOSK_CONFIG): "
                              "there is no terminal config file to write")
        if not self.path.exists():
            doc = tomlkit.document()
            doc.add(tomlkit.comment(HEADER))
            return doc
        try:
            return tomlkit.parse(self.path.read_text(encoding="utf-8"))
        except (tomlkit.exceptions.TOMLKitError, UnicodeDecodeError) as e:
            raise ConfigError(f"{self.path}: not valid TOML ({e})") from None

    def preview(self, changes: dict[str, Any]) -> tuple[tomlkit.TOMLDocument, KioskConfig]:
        """The terminal file's new document and the validated config; raises ConfigError."""
        own = self._own()
        for key, value in changes.items():
            set_path(own, key, value)
        merged = config_mod.deep_merge(config_mod._read_toml(config_mod.DEFAULT_CONFIG), own.unwrap())
        cfg = config_mod.validate(merged, self.path)
        # Write what was validated, typed (a "10" typed on the screen becomes 10).
        for key in changes:
            set_path(own, key, typed_value(cfg, key))
        return own, cfg

    def save(self, old: KioskConfig, changes: dict[str, Any]) -> tuple[KioskConfig, dict[str, tuple]]:
        """Validate and write; returns the new config and {key: (old, new)} of what changed."""
        own, cfg = self.preview(changes)
        diffs = {k: (current_value(old, k), typed_value(cfg, k)) for k in changes}
        diffs = {k: v for k, v in diffs.items() if v[0] != v[1]}
        if not diffs:
            return cfg, {}
        self._write(own)
        log.info("config written: %s", ", ".join(sorted(diffs)))
        return cfg, diffs

    def _write(self, own: tomlkit.TOMLDocument) -> None:
        import tomlkit

        # 0600 whatever the old file's mode: it holds the PIN hash (and so does the backup)
        write_atomic(self.path, tomlkit.dumps(own), mode=0o600, backup=self.path.with_name(self.path.name + ".bak"))


def split_live(diffs: dict[str, tuple]) -> tuple[list[str], list[str]]:
    """(keys applied live, keys that need a restart)."""
    live = sorted(k for k in diffs if is_live(k))
    return live, sorted(k for k in diffs if k not in live)


def apply_live(terminal, cfg: KioskConfig, diffs: dict[str, tuple]) -> list[str]:
    """Apply to the running ``terminal`` (kiosk.terminal.Terminal, or the kiosk.app.Kiosk built
    on one) what can be applied now, and return the keys that need a restart.

    Only the core is changed here (:meth:`kiosk.terminal.Terminal.apply_config`: ``cfg`` becomes
    the running config, the idle clock, platform timeouts, the visit's terminal name, printer
    offsets follow it); the shell, told through the terminal's config-changed listeners, shows
    the name, theme and language itself. Call on the GUI thread (the session's)."""
    live, restart = split_live(diffs)
    getattr(terminal, "terminal", terminal).apply_config(cfg, live)
    return restart


# -- what the config screen offers ----------------------------------------------------------
def serial_ports() -> list[str]:
    """Serial ports present now (pyserial's list_ports)."""
    try:
        from serial.tools import list_ports
    except ImportError:
        return []
    return sorted(p.device for p in list_ports.comports())


CUPS_GET_PRINTERS = 0x4002


def cups_queues(server: str = "localhost:631", timeout: float = 5.0) -> list[str]:
    """Names of the CUPS queues on ``server``; raises ConnectionError when it cannot be asked."""
    from drivers.printer import ipp
    from drivers.printer.ipp_client import IppClient

    client = IppClient(server, timeout=timeout)
    msg = ipp.request(CUPS_GET_PRINTERS, 1, printer_uri=client.printer_uri("").rsplit("/printers/", 1)[0] + "/")
    msg.groups[0].add("requested-attributes", ipp.KEYWORD, "printer-name")
    resp = client.send(msg, "/")
    return sorted(str(g.get("printer-name")) for g in resp.groups_of(ipp.PRINTER) if g.get("printer-name"))
