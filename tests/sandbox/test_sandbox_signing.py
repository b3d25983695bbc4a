"""Signing vectors of DESIGN.md §5, computed independently of kiosk.signing."""
import hashlib
import hmac

from hypothesis import given, strategies as st

from kiosk import signing

KEY = bytes.fromhex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")


def reference(method, path, body, key, ts, nonce):
    text = f"{method}\n{path}\n{ts}\n{nonce}\n{hashlib.sha256(body).hexdigest()}"
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def test_vector_empty_body():
    """Given a GET with no body, the body hash is the SHA-256 of the empty string."""
    sig = signing.sign("GET", "/api/kiosk/v1/catalogue", b"", KEY, 1700000000, "0" * 32)
    canonical = signing.canonical("GET", "/api/kiosk/v1/catalogue", b"", 1700000000, "0" * 32)
    assert canonical == (b"GET\n/api/kiosk/v1/catalogue\n1700000000\n" + b"0" * 32 + b"\n"
                         b"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    assert sig == reference("GET", "/api/kiosk/v1/catalogue", b"", KEY, 1700000000, "0" * 32)
    assert sig == "%s" % sig.lower() and len(sig) == 64


def test_vector_with_query_and_utf8_body():
    body = '{"name":"张伟明"}'.encode("utf-8")
    path = "/api/kiosk/v1/documents?x=1&y=%E4%B8%AD"
    nonce = "0123456789abcdef0123456789abcdef"
    assert signing.sign("post", path, body, KEY, "1700000123", nonce) == reference("POST", path, body, KEY, 1700000123, nonce)


def test_verify_accepts_only_the_exact_signature():
    nonce = signing.new_nonce()
    sig = signing.sign("POST", "/p", b"{}", KEY, 10, nonce)
    assert signing.verify("POST", "/p", b"{}", KEY, "10", nonce, sig)
    assert not signing.verify("POST", "/p", b"{ }", KEY, "10", nonce, sig)
    assert not signing.verify("POST", "/p?", b"{}", KEY, "10", nonce, sig)
    assert not signing.verify("POST", "/p", b"{}", KEY, "11", nonce, sig)
    assert not signing.verify("POST", "/p", b"{}", KEY, "10", nonce, sig.upper())
    assert not signing.verify("POST", "/p", b"{}", KEY, "ten", nonce, sig)


def test_nonce_is_32_hex_and_fresh():
    nonces = {signing.new_nonce() for _ in range(200)}
    assert len(nonces) == 200
    assert all(len(n) == 32 and int(n, 16) >= 0 for n in nonces)


def test_signed_headers_are_fresh_per_call():
    a = signing.signed_headers("T", "GET", "/x", b"", KEY)
    b = signing.signed_headers("T", "GET", "/x", b"", KEY)
    assert a["X-Nonce"] != b["X-Nonce"] and a["X-Signature"] != b["X-Signature"]
    assert a["X-Terminal-Id"] == "T"


@given(method=st.sampled_from(["GET", "POST"]), path=st.text(min_size=1, max_size=40),
       body=st.binary(max_size=200), ts=st.integers(0, 2**40), key=st.binary(min_size=1, max_size=64))
def test_sign_matches_reference(method, path, body, ts, key):
    nonce = "ab" * 16
    assert signing.sign(method, path, body, key, ts, nonce) == reference(method, path, body, key, ts, nonce)
    assert signing.verify(method, path, body, key, str(ts), nonce, reference(method, path, body, key, ts, nonce))


def test_skew_bound():
    assert signing.skew_ok("1000", now=1300)
    assert not signing.skew_ok("1000", now=1301)
    assert not signing.skew_ok("soon", now=1000)
