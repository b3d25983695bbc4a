"""Cached documents, encrypted at rest.

Each document is one file ``documents/<job_id>.bin``: a magic and the AES-256-GCM envelope
(offline_cache/envelope.py: random 96-bit nonce, ciphertext, tag) of the content with the job id
as associated data (a file copied onto another job's name fails authentication). The key is
derived from the key the Store is given with HKDF-SHA256, so that key never encrypts anything
directly. Files are written with offline_cache/atomic.py (temporary file, fsync, rename, fsync
of the directory): a crash leaves the old file or the new one, never half of one. The Store decides which documents to keep; this module only holds them.
"""
from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from offline_cache.atomic import write_atomic
from offline_cache.envelope import OVERHEAD as _ENVELOPE_BYTES, InvalidTag, open_envelope, seal_envelope

from offline_cache.errors import CacheFull, DocumentCorrupt, DocumentMissing, translate_os

log = logging.getLogger(__name__)

MAGIC = b"EFZD\x01"
_OVERHEAD = len(MAGIC) + _ENVELOPE_BYTES
_JOB_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


def derive_key(doc_key: bytes) -> bytes:
    """The AES-256 key of the document cache, derived from the terminal secret."""
    if not doc_key:
        raise ValueError("doc_key must not be empty")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"efz-kiosk offline_cache documents v1").derive(doc_key)


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class DocumentFiles:
    """The encrypted files of one documents/ directory (not thread-safe; the Store locks)."""

    def __init__(self, directory: Path, doc_key: bytes):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self._key = derive_key(doc_key)
        self._remove_stale_temporaries()

    def path(self, job_id: str) -> Path:
        if not _JOB_ID.match(job_id):
            raise ValueError(f"not a job id usable as a file name: {job_id!r}")
        return self.dir / f"{job_id}.bin"

    @staticmethod
    def stored_size(content_len: int) -> int:
        return content_len + _OVERHEAD

    def write(self, job_id: str, content: bytes, sha256: str) -> None:
        """Encrypt and write atomically; raises DocumentCorrupt if ``sha256`` is not the content's."""
        if sha256_hex(content) != sha256.lower():
            raise DocumentCorrupt(f"job {job_id}: document refused, its SHA-256 is not the expected {sha256}")
        blob = MAGIC + seal_envelope(self._key, content, job_id.encode())
        target = self.path(job_id)
        try:
            write_atomic(target, blob, mode=0o600)
        except OSError as e:
            raise translate_os(e, target) from e

    def read(self, job_id: str, sha256: str | None) -> bytes:
        """Decrypt and check; DocumentMissing if absent, DocumentCorrupt if tampered or wrong."""
        try:
            blob = self.path(job_id).read_bytes()
        except FileNotFoundError:
            raise DocumentMissing(f"job {job_id}: no cached document") from None
        if len(blob) < _OVERHEAD or not blob.startswith(MAGIC):
            raise DocumentCorrupt(f"job {job_id}: the cached document file is damaged (bad header)")
        try:
            content = open_envelope(self._key, blob[len(MAGIC):], job_id.encode())
        except InvalidTag:
            raise DocumentCorrupt(
                f"job {job_id}: the cached document failed authentication (damaged, or not "
                "written with this terminal's key)") from None
        if sha256 is None or sha256_hex(content) != sha256.lower():
            raise DocumentCorrupt(f"job {job_id}: the cached document's SHA-256 differs from the job's")
        return content

    def exists(self, job_id: str) -> bool:
        return self.path(job_id).exists()

    def remove(self, job_id: str) -> bool:
        try:
            self.path(job_id).unlink()
            return True
        except FileNotFoundError:
            return False

    def job_ids(self) -> list[str]:
        return [p.name[:-4] for p in self.dir.glob("*.bin") if not p.name.startswith(".")]

    def total_bytes(self) -> int:
        total = 0
        for p in self.dir.glob("*.bin"):
            try:
                total += p.stat().st_size
            except FileNotFoundError:
                pass
        return total

    def ensure_room(self, needed: int, limit: int) -> None:
        if self.total_bytes() + needed > limit:
            raise CacheFull(
                f"document cache full: {needed} more bytes would pass the bound of {limit} bytes "
                f"({self.total_bytes()} in use by documents still waiting to print)")

    def _remove_stale_temporaries(self) -> None:
        for p in self.dir.glob(".*.tmp"):
            log.info("removing a partly written document left by a crash: %s", p.name)
            p.unlink(missing_ok=True)
