"""Request signing of the platform API (DESIGN.md §5).

``X-Signature`` is the lowercase hex HMAC-SHA256, under the terminal secret, of the UTF-8 of
``METHOD\\nPATH_WITH_QUERY\\nTIMESTAMP\\nNONCE\\nhex(SHA256(body))``. The same code signs on the
terminal and checks on the sandbox, so the two cannot drift apart.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time

#: the platform rejects a timestamp further than this from its clock
MAX_SKEW_S = 300
#: a nonce seen within this window is a replay
NONCE_WINDOW_S = 600

HEADER_TERMINAL = "X-Terminal-Id"
HEADER_TIMESTAMP = "X-Timestamp"
HEADER_NONCE = "X-Nonce"
HEADER_SIGNATURE = "X-Signature"


def canonical(method: str, path_with_query: str, body: bytes, timestamp: int | str, nonce: str) -> bytes:
    """The exact bytes that are signed."""
    body_hash = hashlib.sha256(body or b"").hexdigest()
    text = "\n".join((method.upper(), path_with_query, str(int(timestamp)), nonce, body_hash))
    return text.encode("utf-8")


def sign(method: str, path_with_query: str, body: bytes, key: bytes, timestamp: int | str, nonce: str) -> str:
    """Lowercase hex HMAC-SHA256 of the canonical request."""
    return hmac.new(key, canonical(method, path_with_query, body, timestamp, nonce), hashlib.sha256).hexdigest()


def new_nonce() -> str:
    """32 hex characters, from the OS's CSPRNG."""
    return secrets.token_hex(16)


def signed_headers(terminal_id: str, method: str, path_with_query: str, body: bytes, key: bytes,
                   *, now: float | None = None, nonce: str | None = None) -> dict[str, str]:
    """The four signing headers for one attempt (a fresh timestamp and nonce each call)."""
    ts = int(time.time() if now is None else now)
    nonce = nonce or new_nonce()
    return {
        HEADER_TERMINAL: terminal_id,
        HEADER_TIMESTAMP: str(ts),
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: sign(method, path_with_query, body, key, ts, nonce),
    }


def verify(method: str, path_with_query: str, body: bytes, key: bytes, timestamp: str, nonce: str,
           signature: str) -> bool:
    """True when ``signature`` is the right one (constant-time comparison)."""
    try:
        expected = sign(method, path_with_query, body, key, int(timestamp), nonce)
    except (TypeError, ValueError):
        return False
    return hmac.compare_digest(expected.encode(), (signature or "").encode("utf-8", "replace"))


def skew_ok(timestamp: str, now: float | None = None) -> bool:
    """True when ``timestamp`` (Unix seconds, text) is within MAX_SKEW_S of ``now``."""
    try:
        ts = int(timestamp)
    except (TypeError, ValueError):
        return False
    return abs((time.time() if now is None else now) - ts) <= MAX_SKEW_S
