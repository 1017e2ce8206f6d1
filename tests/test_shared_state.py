"""Many instances, one real Redis: the shared cache and single-flight, limits across instances,
the breaker, and a Redis that dies mid-run (the service keeps answering)."""

import re
import threading
import time

import pytest
from conftest import build_app, post_url, read_fixture

from tiktok_api.cache.codec import CodecError, decode, encode
from tiktok_api.cache.store import Entry
from tiktok_api.domain.errors import PostNotFound

ID = "7608826249200356630"
LINK = f"https://www.tiktok.com/@emthenutritionist/video/{ID}"
PAGE = read_fixture(f"video-page-camillebrown-{ID}.html")


def stat(client, link=LINK, **headers):
    """GET /api/tiktok/statistic for a link."""
    return client.get("/api/tiktok/statistic", query_string={"url": link}, headers=headers)


def pages(upstream, post_id=ID) -> int:
    """How many times the post's page was fetched."""
    return sum(1 for c in upstream.calls if c.request.url == post_url(post_id))


def instances(redis_url: str, n: int = 2, **settings):
    """`n` app instances sharing one Redis (each with its own process-local state)."""
    return [build_app({"REDIS_URL": redis_url, **settings}) for _ in range(n)]


# --- the codec --------------------------------------------------------------------------------


def test_an_entry_survives_the_trip_through_json(redis_url, upstream):
    upstream.get(post_url(ID), body=PAGE)
    (app,) = instances(redis_url, 1)
    assert stat(app.test_client()).status_code == 200
    resolved = app.extensions["tiktok"].resolved(ID).value
    entry = Entry(resolved, None, 1234.5, 60.0)
    again = decode(encode(entry))
    assert again == entry
    assert again.value.post.create_time == resolved.post.create_time
    assert again.value.post.media.images == resolved.post.media.images


def test_a_kept_error_survives_with_its_type_message_and_max_age():
    error = PostNotFound("gone")
    error.max_age = 12
    again = decode(encode(Entry(None, error, 1.0, 30.0))).error
    assert (type(again), again.message, again.max_age) == (PostNotFound, "gone", 12)


@pytest.mark.parametrize(
    "raw",
    [b"not json", b'{"v": {"@": "os.system"}, "e": null, "t": 1, "k": 1}', b'{"v": 1}'],
)
def test_bytes_not_written_by_us_never_decode(raw):
    with pytest.raises(CodecError):
        decode(raw)


# --- the shared cache -------------------------------------------------------------------------


def test_a_post_read_on_one_instance_is_a_hit_on_the_other(redis_url, upstream):
    upstream.get(post_url(ID), body=PAGE)
    first, second = instances(redis_url)
    read = stat(first.test_client())
    again = stat(second.test_client())
    assert (read.status_code, again.status_code) == (200, 200)
    assert again.json["data"] == read.json["data"]
    assert again.headers["Cache-Status"] == "tiktok-api; hit"
    assert pages(upstream) == 1


def test_a_missing_post_is_shared_as_missing(redis_url, upstream):
    gone = read_fixture("error-video-detail-excerpt-10204-status_deleted-7550459646654418189.json")
    from conftest import rehydration_page

    upstream.get(post_url(ID), body=rehydration_page(gone))
    first, second = instances(redis_url)
    assert stat(first.test_client()).json["error"] == "post_not_found"
    assert stat(second.test_client()).json["error"] == "post_not_found"
    assert pages(upstream) == 1


def test_concurrent_cold_requests_over_two_instances_make_one_page_fetch(redis_url, upstream):
    def slow_page(request):
        time.sleep(0.3)
        return 200, {}, PAGE

    upstream.add_callback("GET", post_url(ID), callback=slow_page)
    apps = instances(redis_url)
    statuses = []
    threads = [
        threading.Thread(
            target=lambda a=apps[i % 2]: statuses.append(stat(a.test_client()).status_code)
        )
        for i in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 20
    assert pages(upstream) == 1


def test_waiters_on_another_instance_share_the_holders_failure(redis_url, upstream):
    def failing_page(request):
        time.sleep(0.3)
        return 500, {}, b"oops"

    upstream.add_callback("GET", post_url(ID), callback=failing_page)
    apps = instances(redis_url, UPSTREAM_RETRIES=0)
    slugs = []
    threads = [
        threading.Thread(
            target=lambda a=apps[i % 2]: slugs.append(stat(a.test_client()).json["error"])
        )
        for i in range(10)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert slugs == ["upstream_error"] * 10
    assert pages(upstream) == 1


# --- Redis dies mid-run -----------------------------------------------------------------------


def test_redis_killed_mid_run_still_answers_and_readiness_degrades(
    redis_server, redis_url, upstream
):
    upstream.get(post_url(ID), body=PAGE)
    other = "7526770564367748360"
    upstream.get(post_url(other), body=read_fixture(f"video-page-rimineuit-{other}.html"))
    (app,) = instances(redis_url, 1, REDIS_TIMEOUT=0.2)
    client = app.test_client()
    assert stat(client).status_code == 200
    redis_server.stop()
    kept = stat(client)
    assert (kept.status_code, kept.headers["Cache-Status"]) == (200, "tiktok-api; hit")
    fresh = stat(client, f"https://www.tiktok.com/@x/video/{other}")
    assert fresh.status_code == 200 and fresh.json["data"]["id"] == other
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json["data"] == {
        "status": "degraded",
        "checks": {"config": "ok", "services": "ok", "redis": "down"},
    }
    assert pages(upstream) == 1 and pages(upstream, other) == 1
    redis_server.start()
    assert client.get("/readyz").json["data"]["status"] == "ready"


def test_redis_unreachable_from_the_start_never_fails_a_request(upstream):
    upstream.get(post_url(ID), body=PAGE)
    from redis_server import free_port

    app = build_app(
        {"REDIS_URL": f"redis://127.0.0.1:{free_port()}/0", "REDIS_TIMEOUT": 0.2,
         "RATE_LIMIT": "100/minute"}
    )  # fmt: skip
    client = app.test_client()
    assert [stat(client).status_code for _ in range(3)] == [200] * 3
    assert client.get("/readyz").json["data"]["status"] == "degraded"
    assert pages(upstream) == 1


# --- rate limits ------------------------------------------------------------------------------


def test_one_limit_across_two_instances(redis_url, upstream):
    upstream.get(post_url(ID), body=PAGE)
    apps = instances(redis_url, RATE_LIMIT="20/minute")
    answers = [stat(apps[i % 2].test_client()) for i in range(30)]
    assert [a.status_code for a in answers] == [200] * 20 + [429] * 10
    refused = answers[-1]
    assert refused.json["error"] == "rate_limited"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["RateLimit-Limit"] == "20"
    assert refused.headers["RateLimit-Remaining"] == "0"
    assert refused.headers["RateLimit-Policy"] == "20;w=60"
    assert answers[0].headers["RateLimit-Remaining"] == "19"
    for path in ("/healthz", "/readyz", "/docs", "/openapi.json", "/metrics"):
        assert apps[0].test_client().get(path).status_code == 200, path


def test_limits_count_each_client_address_on_its_own(redis_url, upstream):
    upstream.get(post_url(ID), body=PAGE)
    (app,) = instances(redis_url, 1, RATE_LIMIT="2/minute", PROXY_FIX_HOPS=1)
    client = app.test_client()
    a = [stat(client, **{"X-Forwarded-For": "203.0.113.7"}).status_code for _ in range(3)]
    b = [stat(client, **{"X-Forwarded-For": "198.51.100.9"}).status_code for _ in range(3)]
    assert a == b == [200, 200, 429]


def test_the_media_limit_comes_on_top_and_only_on_media(redis_url, upstream):
    upstream.get(post_url(ID), body=PAGE)
    upstream.get(re.compile(r"https://[^/]+\.tiktokcdn-us\.com/.*"), body=b"\xff\xd8cover")
    (app,) = instances(redis_url, 1, MEDIA_RATE_LIMIT="1/minute")
    client = app.test_client()
    assert [stat(client).status_code for _ in range(3)] == [200] * 3
    first = client.head(f"/api/tiktok/media/{ID}/cover")
    second = client.head(f"/api/tiktok/media/{ID}/cover")
    assert first.status_code == 200
    assert (second.status_code, second.headers["RateLimit-Limit"]) == (429, "1")
    assert second.headers["Content-Type"] == "application/json"


def test_limits_hold_in_memory_when_redis_dies(redis_server, redis_url, upstream):
    upstream.get(post_url(ID), body=PAGE)
    (app,) = instances(redis_url, 1, RATE_LIMIT="3/minute", REDIS_TIMEOUT=0.2)
    client = app.test_client()
    redis_server.stop()
    assert [stat(client).status_code for _ in range(5)] == [200, 200, 200, 429, 429]


def test_an_entry_read_from_redis_is_reused_for_cache_local_ttl(redis_url):
    from tiktok_api.cache.redis_store import RedisStore
    from tiktok_api.cache.store import MemoryStore
    from tiktok_api.shared.redis_link import RedisLink

    now = [100.0]

    def store() -> RedisStore:
        clock = lambda: now[0]  # noqa: E731
        link = RedisLink(redis_url, 0.5)
        return RedisStore(link, MemoryStore(10, clock), MemoryStore(10, clock), recent_for=1.0)

    reader, writer = store(), store()
    writer.put("k", Entry("old", None, now[0], 60))
    assert reader.get("k").value == "old"
    writer.put("k", Entry("new", None, now[0], 60))
    assert reader.get("k").value == "old"  # read a moment ago: Redis is not asked again
    now[0] += 1.0
    assert reader.get("k").value == "new"
    writer.delete("k")
    now[0] += 1.0
    assert reader.get("k") is None
