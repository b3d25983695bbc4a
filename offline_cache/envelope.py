"""The one AES-256-GCM envelope of the project: ``nonce (12 bytes) || ciphertext || tag (16)``.

Used for cached documents (offline_cache/documents.py, associated data: the job id) and for
identities sealed in queued jobs (kiosk/sealed.py). A fresh random nonce per seal; the
associated data binds a blob to where it belongs (a blob moved elsewhere fails to open).
"""
from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
TAG_BYTES = 16
#: bytes an envelope adds to its content
OVERHEAD = NONCE_BYTES + TAG_BYTES

__all__ = ["InvalidTag", "NONCE_BYTES", "OVERHEAD", "TAG_BYTES", "open_envelope", "seal_envelope"]


def seal_envelope(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """``plaintext`` encrypted and authenticated under ``key`` (32 bytes), bound to ``aad``."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_envelope(key: bytes, blob: bytes, aad: bytes) -> bytes:
    """The plaintext of ``blob``; raises InvalidTag when it was altered, is short, or the key or
    ``aad`` differ."""
    if len(blob) < OVERHEAD:
        raise InvalidTag()
    return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
