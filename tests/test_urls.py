"""api/urls.py: every link we hand out starts with our own base, whatever the headers say."""

import pytest
from conftest import build_app
from media_support import VIDEO, mock_page

HOSTILE_HOSTS = [
    "",
    "<script>",
    "evil.example/x",
    "a b",
    "user@evil.example",
    "evil.example:0",
    "evil.example:99999",
    "[not-ipv6]",
    "-evil.example",
    "javascript:alert(1)",
]
HOSTILE_SCHEMES = ["javascript:alert(document.domain)//", "ftp", "file", "data", "http:", ""]


def _get(client, path="/healthz", host=None, **headers):
    """GET `path` with these headers and, when given, exactly this Host."""
    environ = {"HTTP_HOST": host} if host is not None else {}
    return client.get(path, headers=headers, environ_overrides=environ)


def _downloader(client, host=None, **headers):
    """The downloader's answer for the video post."""
    environ = {"HTTP_HOST": host} if host is not None else {}
    link = f"https://www.tiktok.com/@x/video/{VIDEO.post_id}"
    return client.get(
        "/api/tiktok/downloader",
        query_string={"url": link},
        headers=headers,
        environ_overrides=environ,
    )


def _assert_invalid_host(res) -> None:
    """A 400 `invalid_host` envelope whose docs link is relative, never a broken or foreign one."""
    assert (res.status_code, res.json["error"]) == (400, "invalid_host")
    assert res.json["docs"] == "/docs#health" or res.json["docs"].startswith("/docs")
    assert res.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("host", HOSTILE_HOSTS, ids=repr)
def test_a_host_that_cannot_make_a_link_is_refused(client, upstream, host):
    res = _get(client, host=host)
    _assert_invalid_host(res)
    assert res.json["docs"] == "/docs#health"
    assert len(upstream.calls) == 0


@pytest.mark.parametrize("host", ["api.example.org", "api.example.org:8443", "127.0.0.1:8000"])
def test_a_sound_host_makes_the_links(client, upstream, host):
    mock_page(upstream, VIDEO)
    data = _downloader(client, host=host).json["data"]
    assert data["media"]["no_watermark"] == f"http://{host}/api/tiktok/media/{VIDEO.post_id}/video"


def test_forwarded_headers_move_nothing_with_nothing_trusted_in_front(client, upstream):
    mock_page(upstream, VIDEO)
    res = _downloader(
        client,
        **{
            "X-Forwarded-Host": "evil.example",
            "X-Forwarded-Proto": "javascript:alert(document.domain)//",
            "X-Forwarded-Port": "6666",
        },
    )
    assert res.status_code == 200
    assert res.json["data"]["media"]["no_watermark"].startswith("http://localhost/api/")
    assert res.json["docs"] == "http://localhost/docs#downloader"


@pytest.mark.parametrize("scheme", HOSTILE_SCHEMES, ids=repr)
def test_a_trusted_router_still_cannot_forward_another_scheme(client, scheme):
    res = _get(build_app({"PROXY_FIX_HOPS": 1}).test_client(), **{"X-Forwarded-Proto": scheme})
    if scheme == "":  # an empty header is no header: the connection's own scheme stands
        assert res.status_code == 200 and res.json["docs"] == "http://localhost/docs#health"
    else:
        _assert_invalid_host(res)


def test_a_trusted_router_sets_scheme_and_port_but_never_the_host(upstream):
    client = build_app({"PROXY_FIX_HOPS": 1}).test_client()
    mock_page(upstream, VIDEO)
    res = _downloader(
        client,
        host="api.example.org",
        **{
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Port": "8443",
            "X-Forwarded-Host": "evil.example",
        },
    )
    assert res.json["data"]["media"]["no_watermark"] == (
        f"https://api.example.org:8443/api/tiktok/media/{VIDEO.post_id}/video"
    )
    assert res.json["docs"] == "https://api.example.org:8443/docs#downloader"
    assert res.headers["Vary"] == "Host, X-Forwarded-Proto, X-Forwarded-Port"


def test_a_forwarded_port_out_of_range_is_refused():
    client = build_app({"PROXY_FIX_HOPS": 1}).test_client()
    _assert_invalid_host(_get(client, **{"X-Forwarded-Port": "99999"}))


def test_public_base_url_wins_over_every_header(upstream):
    client = build_app({"PUBLIC_BASE_URL": "https://api.example.org", "PROXY_FIX_HOPS": 1})
    mock_page(upstream, VIDEO)
    res = _downloader(
        client.test_client(),
        host="evil.example",
        **{"X-Forwarded-Proto": "http", "X-Forwarded-Port": "6666"},
    )
    data = res.json["data"]
    assert res.json["docs"] == "https://api.example.org/docs#downloader"
    for link in (data["media"]["no_watermark"], data["media"]["music"], data["thumbnail"]):
        assert link.startswith("https://api.example.org/api/tiktok/media/")
    assert "Host" not in res.headers.get("Vary", "")


def test_public_base_url_sets_the_docs_page_and_the_spec_servers():
    client = build_app({"PUBLIC_BASE_URL": "https://api.example.org"}).test_client()
    spec = _get(client, "/openapi.json", host="evil.example").json
    assert spec["servers"] == [{"url": "https://api.example.org"}]
    page = _get(client, "/docs", host="evil.example").text
    assert "curl -s 'https://api.example.org/api/tiktok/statistic" in page
    assert "evil.example" not in page


def test_without_public_base_url_the_spec_servers_follow_the_sound_host(client):
    res = _get(client, "/openapi.json", host="api.example.org")
    assert res.json["servers"] == [{"url": "http://api.example.org"}]
    assert res.headers["Vary"] == "Host"


@pytest.mark.parametrize(
    ("host", "status"),
    [("api.example.org", 200), ("api.example.org:8080", 200), ("evil.example", 400)],
)
def test_trusted_hosts_refuse_every_other_host(host, status):
    client = build_app({"TRUSTED_HOSTS": ["api.example.org"]}).test_client()
    res = _get(client, host=host)
    assert res.status_code == status
    if status == 400:
        _assert_invalid_host(res)


def test_answers_with_links_say_which_header_they_followed(client):
    assert _get(client).headers["Vary"] == "Host"
    docs = build_app({"DOCS_URL": "https://docs.example.org/api"}).test_client()
    assert "Vary" not in _get(docs).headers


def test_public_base_url_must_be_an_origin():
    from tiktok_api.config import ConfigError

    for value in ("javascript:alert(1)", "ftp://x.example", "https://u:p@x.example", "https://"):
        with pytest.raises(ConfigError, match="PUBLIC_BASE_URL"):
            build_app({"PUBLIC_BASE_URL": value})
