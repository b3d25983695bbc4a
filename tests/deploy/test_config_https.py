"""The platform is reached over https; plain http only for a loopback address (sandbox, demo)."""
from __future__ import annotations

import pytest

from kiosk import config as config_mod


def _with_url(url: str) -> dict:
    raw, _ = config_mod.raw_config(None)
    return config_mod.deep_merge(raw, {"platform": {"base_url": url}})


@pytest.mark.parametrize("url", ["http://platform.example.gov.cn/api/kiosk/v1", "http://10.1.2.3:8700/api",
                                 "http://127.0.0.1.example.com/api", "ftp://127.0.0.1/api"])
def test_plain_http_to_a_remote_host_is_a_config_error_that_says_so(url):
    with pytest.raises(config_mod.ConfigError) as e:
        config_mod.validate(_with_url(url))
    message = str(e.value)
    assert "platform.base_url" in message and url in message
    if url.startswith("http://"):
        assert "https" in message and "loopback" in message


@pytest.mark.parametrize("url", ["https://platform.example.gov.cn/api/kiosk/v1", "http://127.0.0.1:8700/api",
                                 "http://localhost:8700/api", "http://[::1]:8700/api", "http://127.8.0.1/x"])
def test_https_anywhere_and_http_on_loopback_are_accepted(url):
    assert config_mod.validate(_with_url(url)).platform.base_url == url
