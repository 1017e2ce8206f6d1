"""The transport: every call bounded, only to TikTok, via the proxy; one redirect walker."""

import pytest
from conftest import TEST_CONFIG, build_app, post_url
from media_support import VIDEO, mock_page

from tiktok_api.config import load_config
from tiktok_api.domain.errors import UpstreamError
from tiktok_api.extractors.transport import Transport, check_upstream_url, is_tiktok_host

ID = "7608826249200356630"
LINK = f"https://www.tiktok.com/@u/video/{ID}"
PAGE = f"video-page-camillebrown-{ID}.html"


def test_every_call_has_a_timeout_and_streams(client, upstream, fixture):
    upstream.get(post_url(ID), body=fixture(PAGE))
    client.get("/api/tiktok/statistic", query_string={"url": LINK})
    kwargs = upstream.calls[0].request.req_kwargs
    assert kwargs["timeout"] == (
        TEST_CONFIG["UPSTREAM_CONNECT_TIMEOUT"],
        TEST_CONFIG["UPSTREAM_READ_TIMEOUT"],
    )
    assert kwargs["stream"] is True


def test_tiktok_proxy_is_used_for_tiktok_traffic(upstream, fixture):
    app = build_app({"TIKTOK_PROXY": "http://proxy.internal:3128"})
    upstream.get(post_url(ID), body=fixture(PAGE))
    app.test_client().get("/api/tiktok/statistic", query_string={"url": LINK})
    proxies = upstream.calls[0].request.req_kwargs["proxies"]
    assert proxies == {"http": "http://proxy.internal:3128", "https": "http://proxy.internal:3128"}


def sent_with(upstream, fixture, monkeypatch, variables: dict, config: dict | None = None):
    """The keyword arguments and headers of the page request, with `variables` in the
    environment when the app starts."""
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    app = build_app(config)
    upstream.get(post_url(ID), body=fixture(PAGE))
    res = app.test_client().get("/api/tiktok/statistic", query_string={"url": LINK})
    assert res.status_code == 200
    request = upstream.calls[0].request
    return request.req_kwargs, request.headers


def test_standard_proxy_variables_are_honoured(upstream, fixture, monkeypatch):
    kwargs, _ = sent_with(upstream, fixture, monkeypatch, {"HTTPS_PROXY": "http://corp:3128"})
    assert kwargs["proxies"]["https"] == "http://corp:3128"


def test_no_proxy_naming_tiktok_skips_the_proxy(upstream, fixture, monkeypatch):
    variables = {"HTTPS_PROXY": "http://corp:3128", "NO_PROXY": "localhost,tiktok.com"}
    kwargs, _ = sent_with(upstream, fixture, monkeypatch, variables)
    assert kwargs["proxies"] == {}


def test_tiktok_proxy_wins_over_the_standard_variables(upstream, fixture, monkeypatch):
    variables = {"HTTPS_PROXY": "http://corp:3128", "NO_PROXY": "tiktok.com"}
    config = {"TIKTOK_PROXY": "http://residential:8080"}
    kwargs, _ = sent_with(upstream, fixture, monkeypatch, variables, config)
    assert kwargs["proxies"]["https"] == "http://residential:8080"


@pytest.mark.parametrize("name", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_ca_bundle_variables_are_honoured(upstream, fixture, monkeypatch, tmp_path, name):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("")
    kwargs, _ = sent_with(upstream, fixture, monkeypatch, {name: str(bundle)})
    assert kwargs["verify"] == str(bundle)


def test_certificates_are_verified_without_a_bundle(upstream, fixture, monkeypatch):
    kwargs, _ = sent_with(upstream, fixture, monkeypatch, {})
    assert kwargs["verify"] is True


def test_netrc_credentials_never_reach_tiktok(upstream, fixture, monkeypatch, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine www.tiktok.com login someone password secret\n")
    netrc.chmod(0o600)
    _, headers = sent_with(upstream, fixture, monkeypatch, {"NETRC": str(netrc)})
    assert "Authorization" not in headers


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("www.tiktok.com", True),
        ("tiktok.com", True),
        ("vt.tiktok.com", True),
        ("www.tiktokv.com", True),
        ("eviltiktok.com", False),
        ("tiktok.com.evil.example", False),
        ("", False),
        (None, False),
    ],
)
def test_tiktok_hosts(host, allowed):
    assert is_tiktok_host(host) is allowed


@pytest.mark.parametrize(
    "url",
    [
        "https://user@www.tiktok.com/",
        "https://www.tiktok.com:8443/",
        "file:///etc/passwd",
        "https://127.0.0.1/",
        "https://www.tiktok.com:99999999/",
    ],
)
def test_check_upstream_url_refuses(url):
    with pytest.raises(UpstreamError):
        check_upstream_url(url)


def test_declared_length_over_the_cap_is_refused_before_reading(upstream):
    app = build_app({"UPSTREAM_MAX_BYTES": 1000, "UPSTREAM_RETRIES": 0})
    upstream.get(post_url(ID), body=b"x" * 5000, headers={"Content-Length": "5000"})
    res = app.test_client().get("/api/tiktok/statistic", query_string={"url": LINK})
    assert (res.status_code, res.json["error"]) == (502, "upstream_error")


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


def test_closing_a_session_keeps_the_pooled_connections(app):
    transport = app.extensions["tiktok"].transport
    pool = transport.adapter.poolmanager.connection_from_url("https://www.tiktok.com/")
    with transport.new_session():
        pass
    assert transport.adapter.poolmanager.connection_from_url("https://www.tiktok.com/") is pool


SHORT_LINK = "https://vt.tiktok.com/ZSabcdef1/"


def test_a_short_link_redirect_is_read_not_refused(client, upstream):
    target = f"https://www.tiktok.com/@emthenutritionist/video/{VIDEO.post_id}?_r=1"
    upstream.get(SHORT_LINK, status=301, headers={"Location": target})
    upstream.get(post_url(VIDEO.post_id), body=VIDEO.body)

    res = client.get("/api/tiktok/statistic", query_string={"url": SHORT_LINK})

    assert res.status_code == 200, res.json
    assert res.json["data"]["id"] == VIDEO.post_id
    assert [c.request.url for c in upstream.calls] == [SHORT_LINK, post_url(VIDEO.post_id)]


@pytest.mark.parametrize("limit", [0, 2])
def test_one_redirect_limit_bounds_pages_short_links_and_media(upstream, limit):
    client = build_app({"UPSTREAM_MAX_REDIRECTS": limit}).test_client()
    page, short, media = post_url(VIDEO.post_id), SHORT_LINK, VIDEO.post.media.no_watermark
    short_loop = "https://vt.tiktok.com/ZSloop0001/"
    upstream.get(short, status=302, headers={"Location": short_loop})
    upstream.get(short_loop, status=302, headers={"Location": short})
    res = client.get("/api/tiktok/statistic", query_string={"url": short})
    assert (res.status_code, res.json["error"]) == (502, "upstream_error")
    assert len(upstream.calls) == limit + 1

    upstream.reset()
    upstream.get(page, status=302, headers={"Location": page})
    res = client.get("/api/tiktok/statistic", query_string={"url": page})
    assert (res.status_code, res.json["error"]) == (502, "upstream_error")
    assert len(upstream.calls) == limit + 1

    upstream.reset()
    mock_page(upstream, VIDEO)
    upstream.get(media, status=302, headers={"Location": media})
    res = client.get(f"/api/tiktok/media/{VIDEO.post_id}/video")
    assert (res.status_code, res.json["error"]) == (502, "media_unavailable")
    assert [c.request.url for c in upstream.calls].count(media) == limit + 1
