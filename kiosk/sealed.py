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

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from offline_cache.envelope import open_envelope, seal_envelope

_INFO = b"efz-kiosk identity seal v1"


def legacy_sealing_key(secret: bytes) -> bytes:
    """The key older versions derived from the platform secret (for migration only)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(secret)


def seal(key: bytes, payload: dict) -> str:
    """``payload`` as JSON in an AES-GCM envelope (offline_cache/envelope.py), base64 text."""
    plain = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return base64.b64encode(seal_envelope(key, plain, _INFO)).decode("ascii")


def unseal(key: bytes, sealed: str) -> dict:
    """Raises cryptography.exceptions.InvalidTag if the blob was tampered with or the key differs."""
    return json.loads(open_envelope(key, base64.b64decode(sealed), _INFO))


def seal_identity(key: bytes, card) -> str:
    return seal(key, {"method": "id_card", "id_number": card.id_number, "name": card.name})
