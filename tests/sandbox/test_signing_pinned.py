"""Pinned signing vectors (DESIGN.md §5): literal key, request and expected signature.

The reference-based tests beside this file recompute the HMAC; these pin the bytes, so a change
in canonicalisation that both sides would share still fails here. The expected values were
computed outside Python, with ``openssl dgst -sha256 -mac HMAC -macopt hexkey:KEY`` over the
canonical text.
"""
from __future__ import annotations

from kiosk import signing
from kiosk import config as kiosk_config

#: the secret file's hex text ("kiosk-test-vectr" in ASCII)
KEY_HEX = "6b696f736b2d746573742d7665637472"
BODY = '{"terminal_id":"FZ-GL-0001","service":"cert.residence","name":"张伟明"}'.encode("utf-8")


def test_pinned_post_with_query_and_chinese_body():
    headers = signing.signed_headers("FZ-GL-0001", "POST", "/api/kiosk/v1/jobs?lang=zh", BODY,
                                     bytes.fromhex(KEY_HEX), now=1767225600.9,
                                     nonce="0f1e2d3c4b5a69788796a5b4c3d2e1f0")
    assert headers == {
        "X-Terminal-Id": "FZ-GL-0001",
        "X-Timestamp": "1767225600",
        "X-Nonce": "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "X-Signature": "a65b0d3f46139e4e7e2e7d4cc5944496dfc4dbb5adcdec7ac02d317fdddf5ea5",
    }
    assert signing.canonical("POST", "/api/kiosk/v1/jobs?lang=zh", BODY, 1767225600,
                             "0f1e2d3c4b5a69788796a5b4c3d2e1f0").endswith(
        b"\n7b9b2fda18881bf109c8ae8da46e0656be8ac8c91c9f60fdc16869c60d7302be")


def test_pinned_get_with_empty_body():
    assert signing.sign("GET", "/api/kiosk/v1/catalogue", b"", bytes.fromhex(KEY_HEX), 1767225600,
                        "f" * 32) == "8af4065324e0338f71dad963ff1a6a7c67a52f131cd7d39c90bd55a9e22a83fb"


def test_pinned_key_comes_from_the_secret_files_hex_text(tmp_path):
    """Given the secret file as written at enrolment (hex, newline), the key is its bytes."""
    secret = tmp_path / "terminal.secret"
    secret.write_text(f"  {KEY_HEX}\n", encoding="ascii")
    config = kiosk_config.load(overrides={"terminal": {"secret_file": str(secret)}})
    assert config.secret() == b"kiosk-test-vectr"
    assert signing.verify("GET", "/api/kiosk/v1/catalogue", b"", config.secret(), "1767225600", "f" * 32,
                          "8af4065324e0338f71dad963ff1a6a7c67a52f131cd7d39c90bd55a9e22a83fb")
