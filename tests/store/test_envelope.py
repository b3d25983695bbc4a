"""offline_cache.envelope: the one AES-GCM envelope (documents, sealed identities)."""
from __future__ import annotations

import base64
import json
import os

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk import sealed
from offline_cache.envelope import OVERHEAD, InvalidTag, open_envelope, seal_envelope

KEY = bytes(range(32))


def test_round_trip_and_binding():
    blob = seal_envelope(KEY, "营业执照".encode(), b"job-1")
    assert len(blob) == len("营业执照".encode()) + OVERHEAD
    assert open_envelope(KEY, blob, b"job-1") == "营业执照".encode()
    assert seal_envelope(KEY, b"x", b"a") != seal_envelope(KEY, b"x", b"a")   # fresh nonce
    for key, aad, data in ((KEY, b"job-2", blob), (bytes(32), b"job-1", blob),
                           (KEY, b"job-1", blob[:-1] + bytes([blob[-1] ^ 1])), (KEY, b"job-1", blob[:20])):
        with pytest.raises(InvalidTag):
            open_envelope(key, data, aad)


def test_format_is_what_older_versions_wrote():
    """Given a sealed identity written the way the previous code did (nonce || AESGCM), it opens."""
    nonce = os.urandom(12)
    old = base64.b64encode(nonce + AESGCM(KEY).encrypt(nonce, json.dumps({"name": "张三"}).encode(),
                                                       sealed._INFO)).decode()
    assert sealed.unseal(KEY, old) == {"name": "张三"}
    assert sealed.unseal(KEY, sealed.seal(KEY, {"name": "张三"})) == {"name": "张三"}
