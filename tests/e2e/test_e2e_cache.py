"""The cache end to end: one page fetch per post, short link and user per TTL, shared by every
link form and endpoint; single-flight under a crowd; the last-known post when TikTok fails."""

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from .conftest import CLIENT_TIMEOUT, SERVICE_ENV, Client, assert_envelope_error
from .harness import Gunicorn

FRESH_FOR = 2  # the cached server's CACHE_POST_TTL: short, so stale answers can be shown


@pytest.fixture(scope="module")
def cached(standin, tmp_path_factory) -> Iterator[Client]:
    """A server with the cache on (one worker, so counts are exact) and a short post TTL."""
    env = (
        standin.service_env()
        | SERVICE_ENV
        | {
            "WEB_CONCURRENCY": "1",
            "CACHE_POST_TTL": str(FRESH_FOR),
        }
    )
    server = Gunicorn(tmp_path_factory.mktemp("cached"), env, name="cached").start()
    client = Client(server.url)
    try:
        yield client
    finally:
        client.session.close()
        server.stop()


def page_fetches(standin, post_id: str) -> int:
    """How many times the stand-in served this post's page."""
    return sum(1 for e in standin.requests() if e["path"].startswith(f"/@_/video/{post_id}"))


def statistic(api, link: str, **headers: str) -> requests.Response:
    """GET /api/tiktok/statistic for a link, with extra request headers."""
    return api.session.get(
        api.base_url + "/api/tiktok/statistic",
        params={"url": link},
        headers=headers,
        timeout=CLIENT_TIMEOUT,
    )


def test_fifty_concurrent_cold_requests_make_one_page_fetch(cached, standin):
    (post_id,) = standin.clones(1)
    standin.set_latency(0.3)  # the crowd arrives while the first fetch is under way
    link = f"https://www.tiktok.com/@_/video/{post_id}"
    with ThreadPoolExecutor(50) as pool:
        answers = list(pool.map(lambda _: Client(cached.base_url).get(
            "/api/tiktok/statistic", url=link), range(50)))  # fmt: skip
    assert [a.status_code for a in answers] == [200] * 50
    assert {a.json()["data"]["id"] for a in answers} == {post_id}
    assert page_fetches(standin, post_id) == 1


def test_every_link_form_and_endpoint_of_one_post_share_one_fetch(cached, standin):
    (post_id,) = standin.clones(1)
    forms = [
        f"https://www.tiktok.com/@someone/video/{post_id}",
        f"https://m.tiktok.com/v/{post_id}.html",
    ]
    for path in ("/api/tiktok/statistic", "/api/tiktok/downloader"):
        for link in forms:
            res = cached.get(path, url=link)
            assert res.status_code == 200 and res.json()["data"]["id"] == post_id
    assert page_fetches(standin, post_id) == 1


def test_a_short_link_is_resolved_once(cached, standin):
    code = standin.admin.get(
        f"http://127.0.0.1:{standin.info['admin']}/short-code/7600352599870557461", timeout=5
    ).json()["code"]
    for _ in range(3):
        assert cached.get("/api/tiktok/statistic", url=f"https://vm.tiktok.com/{code}/").ok
    shorts = [e for e in standin.requests() if e["host"] == "vm.tiktok.com"]
    assert len(shorts) == 1


def test_a_missing_post_is_remembered_briefly(cached, standin):
    missing = "7608826249200356000"
    first = statistic(cached, f"https://www.tiktok.com/@_/video/{missing}")
    second = statistic(cached, f"https://www.tiktok.com/@_/video/{missing}")
    for res in (first, second):
        assert_envelope_error(res, 404, "post_not_found")
    assert first.headers["Cache-Control"] == "public, max-age=30"
    assert second.headers["Cache-Control"].startswith("public, max-age=")
    assert page_fetches(standin, missing) == 1


def test_hits_carry_validators_and_a_repeat_is_304(cached, standin):
    (post_id,) = standin.clones(1)
    link = f"https://www.tiktok.com/@_/video/{post_id}"
    first = statistic(cached, link)
    assert first.headers["Cache-Status"] == "tiktok-api; fwd=miss; stored"
    assert first.headers["Cache-Control"] == f"public, max-age={FRESH_FOR}"
    again = statistic(cached, link, **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Cache-Status"] == "tiktok-api; hit"
    assert page_fetches(standin, post_id) == 1


@pytest.mark.parametrize(
    ("fault", "params"),
    [
        ("status", {"status": 500}),
        ("status", {"status": 429, "retry_after": "120"}),
        ("challenge_unsolvable", {}),
        ("hang", {}),
        ("empty", {}),
    ],
)
def test_the_last_known_post_stands_in_when_tiktok_fails(cached, standin, fault, params):
    (post_id,) = standin.clones(1)
    link = f"https://www.tiktok.com/@_/video/{post_id}"
    read = statistic(cached, link)
    assert read.status_code == 200
    time.sleep(FRESH_FOR + 0.2)
    standin.inject(f"post:{post_id}", fault, **params)
    stale = statistic(cached, link)
    assert stale.status_code == 200, stale.text[:300]
    assert stale.json()["data"] == read.json()["data"]
    assert stale.headers["Cache-Status"] == "tiktok-api; hit; fwd=stale"
    assert int(stale.headers["Age"]) >= FRESH_FOR
    assert stale.headers["Cache-Control"] == "public, max-age=0"
    assert page_fetches(standin, post_id) >= 2  # TikTok was asked again, and failed


def test_a_post_never_read_still_gets_the_precise_error(cached, standin):
    (post_id,) = standin.clones(1)
    standin.inject(f"post:{post_id}", "status", status=429, retry_after="120")
    res = statistic(cached, f"https://www.tiktok.com/@_/video/{post_id}")
    assert_envelope_error(res, 503, "upstream_rate_limited")
    assert res.headers["Retry-After"] == "120"


def test_links_are_rendered_per_request_not_cached_with_one_host(cached, standin):
    (post_id,) = standin.clones(1)
    link = f"https://www.tiktok.com/@_/video/{post_id}"
    port = cached.base_url.rsplit(":", 1)[1]
    first = statistic(cached, link, Host=f"one.example:{port}")
    second = statistic(cached, link, Host=f"two.example:{port}")
    assert first.json()["data"]["media"]["no_watermark"].startswith(f"http://one.example:{port}/")
    assert second.json()["data"]["media"]["no_watermark"].startswith(f"http://two.example:{port}/")
    assert second.headers["Cache-Status"] == "tiktok-api; hit"
    assert first.headers["ETag"] != second.headers["ETag"]
    assert "Host" in second.headers["Vary"]


def test_media_reads_the_page_once_then_only_the_cdn(cached, standin):
    (post_id,) = standin.clones(1)
    statistic(cached, f"https://www.tiktok.com/@_/video/{post_id}")
    for start in (0, 1024):
        res = cached.session.get(
            f"{cached.base_url}/api/tiktok/media/{post_id}/video",
            headers={"Range": f"bytes={start}-{start + 1023}"},
            timeout=CLIENT_TIMEOUT,
        )
        assert res.status_code == 206 and len(res.content) == 1024
    assert page_fetches(standin, post_id) == 1
