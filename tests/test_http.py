"""The transport hands redirects back to the caller instead of failing on them."""

import pytest

from tiktok_api.config import load_config
from tiktok_api.http import Transport


@pytest.mark.parametrize("status", [301, 302])
def test_redirect_comes_back_as_a_page(upstream, status):
    transport = Transport(load_config({"UPSTREAM_RETRIES": 0}))
    target = "https://www.tiktok.com/@bundayul52/video/7675963488111480072?_r=1"
    upstream.get("https://vt.tiktok.com/ZSVu2Cmd9/", status=status, headers={"Location": target})
    with transport.new_session() as session:
        page = transport.get(session, "https://vt.tiktok.com/ZSVu2Cmd9/")
    assert page.status == status
    assert page.location == target
    assert len(upstream.calls) == 1
