"""The cache in front of TikTok: TTLs on a fake clock, the LRU bound, single-flight, negative
entries, the last-known post when TikTok fails, validators, and no poisoning across hosts."""

import threading
import time

import pytest
import requests
from conftest import build_app, post_url, read_fixture, rehydration_page, use_clock

from tiktok_api.cache.flight import SingleFlight
from tiktok_api.cache.store import Entry, MemoryStore
from tiktok_api.domain.errors import PostNotFound

ID = "7608826249200356630"
LINK = f"https://www.tiktok.com/@emthenutritionist/video/{ID}"
PAGE = read_fixture(f"video-page-camillebrown-{ID}.html")
GONE = rehydration_page(
    read_fixture("error-video-detail-excerpt-10204-status_deleted-7550459646654418189.json")
)
SHORT = "https://vm.tiktok.com/ZMabcdefg/"


def stat(client, link=LINK, **headers):
    """GET /api/tiktok/statistic for a link."""
    return client.get("/api/tiktok/statistic", query_string={"url": link}, headers=headers)


def pages(upstream, post_id=ID) -> int:
    """How many times the post's page was fetched."""
    return sum(1 for c in upstream.calls if c.request.url == post_url(post_id))


# --- the store --------------------------------------------------------------------------------


def test_store_keeps_at_most_max_items_least_recently_used_out_first():
    store = MemoryStore(2, clock=lambda: 0.0)
    for key in ("a", "b"):
        store.put(key, Entry(key, None, 0.0, 60))
    store.get("a")  # "a" is now the most recently used
    store.put("c", Entry("c", None, 0.0, 60))
    assert len(store) == 2
    assert store.get("b") is None and store.get("a").value == "a" and store.get("c").value == "c"


def test_store_entries_go_after_their_keep_time():
    now = [0.0]
    store = MemoryStore(10, clock=lambda: now[0])
    store.put("a", Entry("a", None, 0.0, 10))
    now[0] = 9.9
    assert store.get("a").value == "a"
    now[0] = 10.0
    assert store.get("a") is None


# --- single-flight ----------------------------------------------------------------------------


def test_single_flight_makes_one_call_for_concurrent_callers():
    flight, calls, gate = SingleFlight(wait=5), [], threading.Event()

    def slow():
        calls.append(1)
        gate.wait(2)
        return "value"

    results = []
    threads = [
        threading.Thread(target=lambda: results.append(flight.run("k", slow))) for _ in range(20)
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    gate.set()
    for thread in threads:
        thread.join()
    assert results == ["value"] * 20 and len(calls) == 1


def test_single_flight_waiters_share_the_error_and_give_up_past_the_bound():
    flight, gate = SingleFlight(wait=0.2), threading.Event()

    def failing():
        gate.wait(1)
        raise PostNotFound()

    errors = []

    def call():
        try:
            flight.run("k", failing)
        except Exception as error:  # noqa: BLE001 - the test records whatever comes
            errors.append(type(error).__name__)

    leader = threading.Thread(target=call)
    leader.start()
    time.sleep(0.05)
    call()  # waits 0.2 s, then its own timeout
    gate.set()
    leader.join()
    assert sorted(errors) == ["PostNotFound", "UpstreamTimeout"]


def test_concurrent_requests_for_one_post_make_one_page_fetch(upstream):
    app = build_app()
    started = threading.Event()

    def slow_page(request):
        started.set()
        time.sleep(0.3)
        return 200, {}, PAGE

    upstream.add_callback("GET", post_url(ID), callback=slow_page)
    statuses = []
    threads = [
        threading.Thread(target=lambda: statuses.append(stat(app.test_client()).status_code))
        for _ in range(12)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 12
    assert pages(upstream) == 1


# --- TTLs -------------------------------------------------------------------------------------


def test_a_post_is_fetched_once_per_ttl(app, upstream):
    now = use_clock(app, 1_000_000.0)
    upstream.get(post_url(ID), body=PAGE)
    client = app.test_client()
    assert stat(client).headers["Cache-Status"] == "tiktok-api; fwd=miss; stored"
    now[0] += 59
    hit = stat(client)
    assert hit.headers["Cache-Status"] == "tiktok-api; hit"
    assert (hit.headers["Age"], hit.headers["Cache-Control"]) == ("59", "public, max-age=1")
    assert pages(upstream) == 1
    now[0] += 2
    assert stat(client).headers["Cache-Status"] == "tiktok-api; fwd=miss; stored"
    assert pages(upstream) == 2


def test_every_endpoint_and_link_form_share_the_post(client, upstream):
    upstream.get(post_url(ID), body=PAGE)
    for path in ("/api/tiktok/statistic", "/api/tiktok/downloader"):
        for link in (LINK, f"https://m.tiktok.com/v/{ID}.html", f"www.tiktok.com/embed/v2/{ID}"):
            assert client.get(path, query_string={"url": link}).status_code == 200
    assert pages(upstream) == 1


def test_a_short_link_is_resolved_once_per_ttl(client, upstream):
    upstream.get(SHORT, status=301, headers={"Location": LINK})
    upstream.get(post_url(ID), body=PAGE)
    for _ in range(3):
        assert stat(client, SHORT).status_code == 200
    assert [c.request.url for c in upstream.calls].count(SHORT) == 1


def test_a_missing_post_is_kept_for_the_negative_ttl(app, upstream):
    now = use_clock(app, 1_000_000.0)
    upstream.get(post_url(ID), body=GONE)
    client = app.test_client()
    first = stat(client)
    assert (first.status_code, first.json["error"]) == (404, "post_not_found")
    assert first.headers["Cache-Control"] == "public, max-age=30"
    now[0] += 10
    second = stat(client)
    assert second.json["error"] == "post_not_found"
    assert second.headers["Cache-Control"] == "public, max-age=20"
    assert pages(upstream) == 1
    now[0] += 21
    stat(client)
    assert pages(upstream) == 2


def test_a_users_listing_is_kept_for_the_user_ttl(client, upstream):
    from random_helpers import ANY_POST, get_random, nasa_embed, photo_page

    nasa_embed(upstream)
    upstream.get(ANY_POST, body=photo_page())
    for _ in range(3):
        res = get_random(client)
        assert res.status_code == 200
        assert res.headers["Cache-Control"] == "no-store"  # a draw is never for a cache
    embeds = [c for c in upstream.calls if "/embed/@nasa" in c.request.url]
    assert len(embeds) == 1


# --- stale-if-error ---------------------------------------------------------------------------

FAILURES = [
    ({"status": 500}, "upstream_error"),
    ({"status": 429, "headers": {"Retry-After": "9"}}, "upstream_rate_limited"),
    ({"body": read_fixture("challenge-page-waf-snaptik-2026-03.html")}, "upstream_blocked"),
    ({"body": requests.Timeout()}, "upstream_timeout"),
    ({"body": requests.ConnectionError()}, "upstream_unavailable"),
    ({"body": b"<html><body>no data</body></html>"}, "upstream_error"),
]


@pytest.mark.parametrize(("answer", "slug"), FAILURES, ids=[f[1] for f in FAILURES])
def test_the_last_known_post_stands_in_when_tiktok_fails(upstream, answer, slug):
    app = build_app({"UPSTREAM_RETRIES": 0, "CHALLENGE_MAX_ITERATIONS": 3})
    now = use_clock(app, 1_000_000.0)
    client = app.test_client()
    upstream.get(post_url(ID), body=PAGE)
    read = stat(client)
    upstream.reset()
    now[0] += 3600
    upstream.get(post_url(ID), **answer)
    stale = stat(client)
    assert stale.status_code == 200
    assert stale.json["data"] == read.json["data"]
    assert stale.headers["Cache-Status"] == "tiktok-api; hit; fwd=stale"
    assert (stale.headers["Age"], stale.headers["Cache-Control"]) == ("3600", "public, max-age=0")
    assert pages(upstream) >= 1  # TikTok was asked, and failed


@pytest.mark.parametrize(("answer", "slug"), FAILURES, ids=[f[1] for f in FAILURES])
def test_a_post_never_read_gets_the_precise_error(upstream, answer, slug):
    client = build_app({"UPSTREAM_RETRIES": 0, "CHALLENGE_MAX_ITERATIONS": 3}).test_client()
    upstream.get(post_url(ID), **answer)
    res = stat(client)
    assert res.json["error"] == slug
    assert res.headers["Cache-Control"] == "no-store"


def test_past_the_stale_ttl_the_error_is_precise_again(upstream):
    app = build_app({"UPSTREAM_RETRIES": 0})
    now = use_clock(app, 1_000_000.0)
    upstream.get(post_url(ID), body=PAGE)
    stat(app.test_client())
    upstream.reset()
    now[0] += app.config["CACHE_STALE_TTL"] + 1
    upstream.get(post_url(ID), status=500)
    assert stat(app.test_client()).json["error"] == "upstream_error"


def test_a_deleted_post_is_not_answered_from_its_old_copy(app, upstream):
    now = use_clock(app, 1_000_000.0)
    upstream.get(post_url(ID), body=PAGE)
    stat(app.test_client())
    upstream.reset()
    now[0] += 61
    upstream.get(post_url(ID), body=GONE)
    assert stat(app.test_client()).json["error"] == "post_not_found"


# --- validators and hosts ---------------------------------------------------------------------


def test_etag_over_the_data_and_if_none_match_is_304(client, upstream):
    upstream.get(post_url(ID), body=PAGE)
    first = stat(client)
    again = stat(client)
    assert first.headers["ETag"] == again.headers["ETag"]  # server_time differs, data does not
    not_modified = stat(client, **{"If-None-Match": first.headers["ETag"]})
    assert not_modified.status_code == 304 and not_modified.data == b""
    assert not_modified.headers["Cache-Control"].startswith("public, max-age=")
    changed = stat(client, **{"If-None-Match": '"something-else"'})
    assert changed.status_code == 200


def test_cached_posts_never_carry_another_requests_host(client, upstream):
    upstream.get(post_url(ID), body=PAGE)
    one = stat(client, Host="one.example").json["data"]
    two = stat(client, Host="two.example")
    assert two.headers["Cache-Status"] == "tiktok-api; hit"
    assert one["media"]["no_watermark"].startswith("http://one.example/")
    assert two.json["data"]["media"]["no_watermark"].startswith("http://two.example/")
    assert "two.example" in two.json["docs"]


def test_answers_that_are_not_posts_are_never_kept(client):
    assert client.get("/healthz").headers["Cache-Control"] == "no-store"
    assert client.get("/api/tiktok/statistic").headers["Cache-Control"] == "no-store"
