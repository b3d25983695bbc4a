"""The terminal's local data key: 32 random bytes created at first start, never exported, never sent.

Everything the terminal keeps about people at rest is keyed with it, not with the platform's
HMAC secret: cached documents (AES-GCM), sealed identities of queued requests (AES-GCM), the
keyed digests of ID numbers that say who may collect a job, and the pepper of the technician
PIN hash. Enrolling a new platform secret therefore leaves held pickup documents readable,
and a leaked PIN hash or job row is useless without this file.

The file is ``<storage.dir>/local.key`` (hex, mode 0600, in the 0700 storage directory). It is
created atomically with O_EXCL, so two processes starting together agree on one key. Each use
gets its own sub-key (HKDF-SHA256 with a distinct ``info``), so no two uses share key material.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from functools import cached_property
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from offline_cache.atomic import fsync_dir

log = logging.getLogger(__name__)

FILE_NAME = "local.key"
KEY_BYTES = 32


class LocalKeyError(OSError):
    """The key file exists but cannot be read or does not hold a key."""


def _sub_key(raw: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"efz-kiosk local " + purpose.encode("ascii")).derive(raw)


def normalise_id(id_number: str) -> str:
    return (id_number or "").strip().upper()


def id_sha256(id_number: str) -> str:
    """SHA-256 hex of a normalised ID number: what the platform sends for licence jobs. Never
    stored as is: :meth:`LocalKey.id_digest_of_sha256` keys it first."""
    return hashlib.sha256(normalise_id(id_number).encode("utf-8")).hexdigest()


class LocalKey:
    """The local data key and the sub-keys derived from it. Safe to share between threads."""

    def __init__(self, raw: bytes, path: Path | None = None):
        if len(raw) != KEY_BYTES:
            raise ValueError(f"a local key has {KEY_BYTES} bytes, not {len(raw)}")
        self._raw = raw
        self.path = path

    def __repr__(self) -> str:  # never the key itself
        return f"LocalKey(path={str(self.path)!r})"

    @cached_property
    def documents(self) -> bytes:
        """Key material of the document cache (offline_cache derives its AES key from it)."""
        return _sub_key(self._raw, "documents v1")

    @cached_property
    def sealing(self) -> bytes:
        """AES-256 key of sealed identities (kiosk.sealed)."""
        return _sub_key(self._raw, "identity seal v1")

    @cached_property
    def pin_pepper(self) -> bytes:
        """HMAC key applied to the technician PIN before scrypt (kiosk.technician)."""
        return _sub_key(self._raw, "technician pin v1")

    @cached_property
    def _id_key(self) -> bytes:
        return _sub_key(self._raw, "id digest v1")

    def id_digest_of_sha256(self, sha256_hex: str) -> str:
        """The keyed digest stored for an ID number whose SHA-256 hex is given (licence jobs)."""
        return hmac.new(self._id_key, sha256_hex.strip().lower().encode("ascii"), hashlib.sha256).hexdigest()

    def id_digest(self, id_number: str) -> str:
        """HMAC-SHA256 under the local key of the ID number's SHA-256: enumerating a city's ID
        numbers finds nothing without the key file."""
        return self.id_digest_of_sha256(id_sha256(id_number))


def key_path(storage_dir: Path) -> Path:
    return Path(storage_dir) / FILE_NAME


def load(storage_dir: Path) -> LocalKey | None:
    """The key of ``storage_dir``, or None when there is none yet. Raises LocalKeyError."""
    path = key_path(storage_dir)
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise LocalKeyError(f"the local data key {path} cannot be read: {e}") from None
    try:
        return LocalKey(bytes.fromhex(text), path)
    except ValueError:
        raise LocalKeyError(f"the local data key {path} is damaged (not {KEY_BYTES} bytes of hex); "
                            "restore it from the terminal's backup: documents held here cannot be "
                            "opened without it") from None


def load_or_create(storage_dir: Path) -> tuple[LocalKey, bool]:
    """The key of ``storage_dir``, creating it on first use; returns (key, created)."""
    storage_dir = Path(storage_dir)
    found = load(storage_dir)
    if found is not None:
        return found, False
    storage_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = key_path(storage_dir)
    raw = secrets.token_bytes(KEY_BYTES)
    tmp = path.with_name(f".{FILE_NAME}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        os.write(fd, (raw.hex() + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # fails if another process created the key meanwhile: use that one
    except FileExistsError:
        os.unlink(tmp)
        return load(storage_dir), False
    os.unlink(tmp)
    fsync_dir(storage_dir)
    log.info("local data key created")
    return LocalKey(raw, path), True
