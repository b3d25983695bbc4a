"""Identity kept for a queued request, sealed with AES-GCM under the local data key.

The key is :attr:`kiosk.local_key.LocalKey.sealing`, independent of the platform secret, so a
re-enrolment keeps queued requests completable. :func:`legacy_sealing_key` opens identities
sealed by older versions (under the platform secret) while they are moved.

A request made while the platform is unreachable cannot be verified yet; what the platform
will need (method, ID number, name) is kept encrypted in the job and dropped once verified.
"""
from __future__ import annotations

import base64
import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_INFO = b"efz-kiosk identity seal v1"


def legacy_sealing_key(secret: bytes) -> bytes:
    """The key older versions derived from the platform secret (for migration only)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(secret)


def seal(key: bytes, payload: dict) -> str:
    nonce = os.urandom(12)
    blob = AESGCM(key).encrypt(nonce, json.dumps(payload, ensure_ascii=False).encode("utf-8"), _INFO)
    return base64.b64encode(nonce + blob).decode("ascii")


def unseal(key: bytes, sealed: str) -> dict:
    """Raises cryptography.exceptions.InvalidTag if the blob was tampered with or the key differs."""
    raw = base64.b64decode(sealed)
    return json.loads(AESGCM(key).decrypt(raw[:12], raw[12:], _INFO))


def seal_identity(key: bytes, card) -> str:
    return seal(key, {"method": "id_card", "id_number": card.id_number, "name": card.name})
