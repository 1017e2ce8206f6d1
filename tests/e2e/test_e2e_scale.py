"""Two gunicorn instances (two workers each) and one real redis-server: one page fetch across
both, a post read on one is a hit on the other, one rate limit, one scrape counting every worker,
the breaker shared, and Redis killed with every request still answered."""

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from .conftest import CLIENT_TIMEOUT, SERVICE_ENV, assert_envelope_error
from .harness import Gunicorn

COOLDOWN = 2


@pytest.fixture(scope="module")
def pair(standin, redis_server, tmp_path_factory) -> Iterator[list[str]]:
    """The base URLs of two instances sharing the Redis; the router's X-Forwarded-For trusted."""
    redis_server.flush()
    env = (
        standin.service_env()
        | SERVICE_ENV
        | {
            "REDIS_URL": redis_server.url,
            "REDIS_TIMEOUT": "0.3",
            "WEB_CONCURRENCY": "2",
            "PROXY_FIX_HOPS": "1",
            "RATE_LIMIT": "20/minute",
            "BREAKER_THRESHOLD": "3",
            "BREAKER_COOLDOWN": str(COOLDOWN),
        }
    )
    servers = [
        Gunicorn(tmp_path_factory.mktemp(f"instance{i}"), env, name=f"instance{i}").start()
        for i in range(2)
    ]
    try:
        yield [server.url for server in servers]
    finally:
        for server in servers:
            server.stop()
        redis_server.flush()  # starts it again if a test left it stopped


def get(base: str, path: str, client: str, **params: str) -> requests.Response:
    """GET from one instance as one client (its address as the router passes it)."""
    return requests.get(
        base + path,
        params=params,
        headers={"X-Forwarded-For": client},
        timeout=CLIENT_TIMEOUT,
        proxies={"http": "", "https": ""},
    )


def link(post_id: str) -> str:
    """A post's link."""
    return f"https://www.tiktok.com/@_/video/{post_id}"


def page_fetches(standin, post_id: str) -> int:
    """How many times the stand-in served this post's page."""
    return sum(1 for e in standin.requests() if e["path"].startswith(f"/@_/video/{post_id}"))


def scrape(base: str) -> dict[tuple[str, tuple], float]:
    """One /metrics scrape of one instance, by sample name and labels."""
    res = get(base, "/metrics", "192.0.2.250")
    assert res.status_code == 200
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(res.text)
        for s in family.samples
    }


def test_fifty_cold_requests_over_both_instances_make_one_page_fetch(pair, standin):
    (post_id,) = standin.clones(1)
    standin.set_latency(0.3)
    try:
        with ThreadPoolExecutor(50) as pool:
            answers = list(pool.map(
                lambda i: get(pair[i % 2], "/api/tiktok/statistic", f"198.51.100.{i}",
                              url=link(post_id)),
                range(50),
            ))  # fmt: skip
    finally:
        standin.set_latency(0)
    assert [a.status_code for a in answers] == [200] * 50
    assert page_fetches(standin, post_id) == 1


def test_a_post_read_on_one_instance_is_a_hit_on_the_other(pair, standin):
    (post_id,) = standin.clones(1)
    first = get(pair[0], "/api/tiktok/statistic", "198.51.101.1", url=link(post_id))
    second = get(pair[1], "/api/tiktok/downloader", "198.51.101.2", url=link(post_id))
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.headers["Cache-Status"] == "tiktok-api; fwd=miss; stored"
    assert second.headers["Cache-Status"] == "tiktok-api; hit"
    assert page_fetches(standin, post_id) == 1


def test_one_client_gets_twenty_answers_over_both_then_429(pair, standin):
    (post_id,) = standin.clones(1)
    answers = [
        get(pair[i % 2], "/api/tiktok/statistic", "203.0.113.5", url=link(post_id))
        for i in range(30)
    ]
    assert [a.status_code for a in answers] == [200] * 20 + [429] * 10
    refused = answers[-1]
    assert_envelope_error(refused, 429, "rate_limited")
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert (refused.headers["RateLimit-Limit"], refused.headers["RateLimit-Remaining"]) == (
        "20",
        "0",
    )
    for base in pair:
        for path in ("/healthz", "/readyz", "/docs", "/openapi.json", "/metrics"):
            assert get(base, path, "203.0.113.5").status_code == 200, path
    other = get(pair[0], "/api/tiktok/statistic", "203.0.113.6", url=link(post_id))
    assert other.status_code == 200


def test_one_scrape_counts_every_request_of_every_worker(pair):
    route = ("route", "/healthz")
    key = ("tiktok_api_requests_total", (route, ("status", "200")))
    before = scrape(pair[0]).get(key, 0.0)
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda i: get(pair[0], "/healthz", "192.0.2.9").status_code,
                                 range(40)))  # fmt: skip
    assert statuses == [200] * 40
    after = scrape(pair[0])
    assert after[key] - before == 40
    assert any(name == "tiktok_api_upstream_requests_total" for name, _ in after)
    assert any(name == "tiktok_api_cache_lookups_total" for name, _ in after)


def test_the_breaker_opens_on_one_instance_and_holds_on_the_other(pair, standin):
    (post_id,) = standin.clones(1)
    standin.inject(f"post:{post_id}", "status", status=429, retry_after="5")
    slugs = [
        get(pair[0], "/api/tiktok/statistic", "192.0.2.30", url=link(post_id)).json()["error"]
        for _ in range(3)
    ]
    assert slugs == ["upstream_rate_limited"] * 3
    busy = get(pair[1], "/api/tiktok/statistic", "192.0.2.31", url=link(post_id))
    assert_envelope_error(busy, 503, "upstream_busy")
    assert 1 <= int(busy.headers["Retry-After"]) <= COOLDOWN
    assert page_fetches(standin, post_id) == 3
    assert scrape(pair[1])[("tiktok_api_breaker_refusals_total", ())] >= 1
    standin.reset()  # TikTok answers again
    time.sleep(COOLDOWN + 0.5)
    probe = get(pair[1], "/api/tiktok/statistic", "192.0.2.32", url=link(post_id))
    assert probe.status_code == 200
    again = get(pair[0], "/api/tiktok/statistic", "192.0.2.33", url=link(post_id))
    assert again.status_code == 200


def test_redis_killed_every_request_still_answers(pair, standin, redis_server):
    read, fresh = standin.clones(2)
    assert get(pair[0], "/api/tiktok/statistic", "192.0.2.40", url=link(read)).status_code == 200
    redis_server.stop()
    answers = [
        get(pair[i % 2], "/api/tiktok/statistic", f"192.0.2.{41 + i}", url=link(post))
        for i, post in enumerate([read, fresh, read, fresh, read, fresh])
    ]
    assert [a.status_code for a in answers] == [200] * 6
    for base in pair:
        ready = get(base, "/readyz", "192.0.2.50")
        assert ready.status_code == 200
        assert ready.json()["data"]["status"] == "degraded"
        assert ready.json()["data"]["checks"]["redis"] == "down"
    redis_server.start()
    assert get(pair[0], "/readyz", "192.0.2.51").json()["data"]["status"] == "ready"
