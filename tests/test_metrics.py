"""GET /metrics: Prometheus text with the request, upstream, cache and breaker series, behind
METRICS_TOKEN when set."""

from conftest import build_app, post_url, read_fixture
from prometheus_client.parser import text_string_to_metric_families

ID = "7608826249200356630"
PAGE = read_fixture(f"video-page-camillebrown-{ID}.html")
STAT = "/api/tiktok/statistic"


def samples(client, **headers) -> dict[tuple[str, tuple], float]:
    """Every sample of one scrape, by name and sorted labels."""
    res = client.get("/metrics", headers=headers)
    assert res.status_code == 200
    assert res.headers["Content-Type"].startswith("text/plain")
    found = {}
    for family in text_string_to_metric_families(res.get_data(as_text=True)):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(found, name, **labels) -> float:
    """One sample's value (0 when absent)."""
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def test_a_scrape_counts_requests_upstream_reads_and_cache_lookups(upstream):
    upstream.get(post_url(ID), body=PAGE)
    client = build_app().test_client()
    before = samples(client)
    link = f"https://www.tiktok.com/@x/video/{ID}"
    for _ in range(3):
        assert client.get(STAT, query_string={"url": link}).status_code == 200
    assert client.get(STAT).status_code == 400
    after = samples(client)

    def grew(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("tiktok_api_requests_total", route=STAT, status="200") == 3
    assert grew("tiktok_api_requests_total", route=STAT, status="400") == 1
    assert grew("tiktok_api_request_duration_seconds_count", route=STAT) == 4
    assert grew("tiktok_api_upstream_requests_total", kind="page", outcome="ok") == 1
    assert grew("tiktok_api_cache_lookups_total", kind="post", outcome="miss") == 1
    assert grew("tiktok_api_cache_lookups_total", kind="post", outcome="hit") == 2
    assert ("tiktok_api_breaker_open", ()) in after
    assert ("tiktok_api_media_streams_open", ()) in after


def test_upstream_refusals_are_counted_by_outcome(upstream):
    upstream.get(post_url(ID), status=429)
    client = build_app({"UPSTREAM_RETRIES": 0}).test_client()
    before = samples(client)
    client.get(STAT, query_string={"url": f"https://www.tiktok.com/@x/video/{ID}"})
    after = samples(client)
    key = ("tiktok_api_upstream_requests_total", (("kind", "page"), ("outcome", "429")))
    assert after[key] - before.get(key, 0.0) == 1


def test_the_token_guards_the_scrape():
    client = build_app({"METRICS_TOKEN": "s3cret-token"}).test_client()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret-token"}):
        res = client.get("/metrics", headers=headers)
        assert (res.status_code, res.json["error"]) == (401, "unauthorized")
        assert res.headers["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert samples(client, Authorization="Bearer s3cret-token")
