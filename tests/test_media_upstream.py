"""The media proxy's upstream side: one retry on a refused link, allowed hosts, the cache."""

import threading

import pytest
import requests
from conftest import TEST_CONFIG, build_app, post_url, use_clock
from media_support import PHOTO, VIDEO, calls_to, file_bytes, mock_cdn, mock_page

VIDEO_PATH = f"/api/tiktok/media/{VIDEO.post_id}/video"


def page_with_tokens(upstream, page, *tokens: str) -> None:
    """The post page, handing out a new tt_chain_token on every read."""
    queue = list(tokens)

    def serve(_request):
        cookie = f"tt_chain_token={queue.pop(0)}; Domain=.tiktok.com; Path=/"
        return 200, {"Set-Cookie": cookie}, page.body

    upstream.add_callback("GET", post_url(page.post_id), callback=serve)


def page_calls(upstream, page) -> int:
    """How often the post page was read."""
    return len(calls_to(upstream, post_url(page.post_id)))


@pytest.mark.parametrize("refusal", [403, 404, 410])
def test_a_refused_link_is_read_again_from_a_fresh_page_once(client, upstream, refusal):
    url, body = VIDEO.post.media.no_watermark, file_bytes("video")
    page_with_tokens(upstream, VIDEO, "first", "second")
    upstream.get(url, status=refusal, body=b"Access Denied")
    mock_cdn(upstream, url, body, "video/mp4")

    res = client.get(VIDEO_PATH)

    assert res.status_code == 200
    assert res.data == body
    assert page_calls(upstream, VIDEO) == 2
    cdn_calls = calls_to(upstream, url)
    assert len(cdn_calls) == 2
    assert "tt_chain_token=first" in cdn_calls[0].request.headers["Cookie"]
    assert "tt_chain_token=second" in cdn_calls[1].request.headers["Cookie"]


def test_a_cached_link_refused_later_is_dropped_and_read_again(client, upstream):
    url, body = VIDEO.post.media.no_watermark, file_bytes("video")
    page_with_tokens(upstream, VIDEO, "first", "second")
    mock_cdn(upstream, url, body, "video/mp4")
    assert client.get(VIDEO_PATH).status_code == 200
    upstream.get(url, status=403, body=b"Access Denied")
    mock_cdn(upstream, url, body, "video/mp4")

    res = client.get(VIDEO_PATH, headers={"Range": "bytes=0-9"})

    assert res.status_code == 206
    assert res.data == body[:10]
    assert page_calls(upstream, VIDEO) == 2
    assert len(calls_to(upstream, url)) == 3


def test_refused_twice_is_media_unavailable(client, upstream):
    url = VIDEO.post.media.no_watermark
    page_with_tokens(upstream, VIDEO, "first", "second")
    upstream.get(url, status=403, body=b"Access Denied")

    res = client.get(VIDEO_PATH)

    assert res.status_code == 502
    assert res.json["error"] == "media_unavailable"
    assert page_calls(upstream, VIDEO) == 2
    assert len(calls_to(upstream, url)) == 2


@pytest.mark.parametrize(
    ("status", "slug", "code"),
    [
        (500, "media_unavailable", 502),
        (503, "media_unavailable", 502),
        (429, "upstream_rate_limited", 503),
    ],
)
def test_other_cdn_failures_are_not_retried(client, upstream, status, slug, code):
    url = VIDEO.post.media.no_watermark
    mock_page(upstream, VIDEO)
    upstream.get(url, status=status, headers={"Retry-After": "30"})

    res = client.get(VIDEO_PATH)

    assert res.status_code == code
    assert res.json["error"] == slug
    assert len(upstream.calls) == 2
    if status == 429:
        assert res.headers["Retry-After"] == "30"


def test_a_cdn_connection_failure_is_upstream_unavailable(client, upstream):
    mock_page(upstream, VIDEO)
    upstream.get(VIDEO.post.media.no_watermark, body=requests.ConnectionError("reset"))

    res = client.get(VIDEO_PATH)

    assert res.status_code == 502
    assert res.json["error"] == "upstream_unavailable"


def test_a_redirect_to_another_tiktok_host_is_followed_with_the_cookies(client, upstream):
    url, body = VIDEO.post.media.no_watermark, file_bytes("video")
    moved = "https://v19-webapp-prime.us.tiktok.com/video/tos/moved/?a=1988"
    mock_page(upstream, VIDEO, token="chain")
    upstream.get(url, status=302, headers={"Location": moved})
    mock_cdn(upstream, moved, body, "video/mp4")

    res = client.get(VIDEO_PATH)

    assert res.status_code == 200
    assert res.data == body
    (hop,) = calls_to(upstream, moved)
    assert "tt_chain_token=chain" in hop.request.headers["Cookie"]


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example.com/video.mp4",
        "https://v16-webapp-prime.tiktok.com.evil.net/video.mp4",
        "https://eviltiktokcdn.com/video.mp4",
        "https://user@v16-webapp-prime.tiktok.com/video.mp4",
        "https://v16-webapp-prime.tiktok.com:8443/video.mp4",
        "http://127.0.0.1/video.mp4",
        "file:///etc/passwd",
    ],
)
def test_a_redirect_off_tiktok_is_never_requested(client, upstream, target):
    url = VIDEO.post.media.no_watermark
    mock_page(upstream, VIDEO)
    upstream.get(url, status=302, headers={"Location": target})

    res = client.get(VIDEO_PATH)

    assert res.status_code == 502
    assert res.json["error"] == "media_unavailable"
    assert [c.request.url for c in upstream.calls] == [post_url(VIDEO.post_id), url]


def test_endless_redirects_end_in_media_unavailable(client, upstream):
    url = VIDEO.post.media.no_watermark
    mock_page(upstream, VIDEO)
    upstream.get(url, status=302, headers={"Location": url})

    res = client.get(VIDEO_PATH)

    assert res.status_code == 502
    assert res.json["error"] == "media_unavailable"
    hops = TEST_CONFIG.get("UPSTREAM_MAX_REDIRECTS", 5) + 1
    assert len(calls_to(upstream, url)) == hops


def test_only_the_configured_suffixes_are_contacted(upstream):
    client = build_app({"MEDIA_HOST_SUFFIXES": ("tiktok.com",)}).test_client()
    mock_page(upstream, VIDEO)

    res = client.get(f"/api/tiktok/media/{VIDEO.post_id}/music")  # music is on tiktokcdn-us.com

    assert res.status_code == 502
    assert res.json["error"] == "media_unavailable"
    assert [c.request.url for c in upstream.calls] == [post_url(VIDEO.post_id)]


def test_range_requests_of_one_player_read_the_page_once(client, upstream):
    url, body = VIDEO.post.media.no_watermark, file_bytes("video")
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, url, body, "video/mp4")

    for start in range(0, 40_000, 10_000):
        res = client.get(VIDEO_PATH, headers={"Range": f"bytes={start}-{start + 9999}"})
        assert res.data == body[start : start + 10_000]

    assert page_calls(upstream, VIDEO) == 1
    assert len(calls_to(upstream, url)) == 4


def test_parallel_requests_for_one_post_read_its_page_once(app, upstream):
    url, body = VIDEO.post.media.no_watermark, file_bytes("video")
    second_read = threading.Event()

    def serve_page(_request):
        if page_calls(upstream, VIDEO) > 1:
            second_read.set()
        else:
            second_read.wait(0.5)  # a second concurrent read would arrive while this one waits
        return 200, {"Set-Cookie": "tt_chain_token=t; Domain=.tiktok.com; Path=/"}, VIDEO.body

    upstream.add_callback("GET", post_url(VIDEO.post_id), callback=serve_page)
    mock_cdn(upstream, url, body, "video/mp4")
    results = []

    def fetch(start: int) -> None:
        res = app.test_client().get(VIDEO_PATH, headers={"Range": f"bytes={start}-{start + 99}"})
        results.append(res.data == body[start : start + 100])

    threads = [threading.Thread(target=fetch, args=(n * 100,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [True, True, True]
    assert page_calls(upstream, VIDEO) == 1
    assert len(calls_to(upstream, url)) == 3


def test_the_cache_forgets_after_its_ttl(app, upstream):
    now = use_clock(app, 1000.0)
    url = PHOTO.post.media.images[0]
    mock_page(upstream, PHOTO)
    mock_cdn(upstream, url, file_bytes("slide"), "image/jpeg")
    client = app.test_client()
    slide = f"/api/tiktok/media/{PHOTO.post_id}/image/1"

    client.get(slide)
    now[0] += app.config["CACHE_POST_TTL"] - 1
    client.get(slide)
    now[0] += 2
    client.get(slide)

    assert page_calls(upstream, PHOTO) == 2


def test_a_zero_ttl_turns_the_cache_off(upstream):
    client = build_app({"CACHE_POST_TTL": 0}).test_client()
    url = VIDEO.post.media.cover
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, url, file_bytes("cover"), "image/jpeg")

    for _ in range(3):
        assert client.get(f"/api/tiktok/media/{VIDEO.post_id}/cover").status_code == 200

    assert page_calls(upstream, VIDEO) == 3
