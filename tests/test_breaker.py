"""The breaker on TikTok: a burst of refusals stops our asking, one probe after the cooldown,
the cache answers meanwhile; shared by two instances through a real Redis."""

import pytest
from conftest import build_app, post_url, read_fixture, use_clock

from tiktok_api.domain.errors import PostNotFound, UpstreamBusy, UpstreamRateLimited
from tiktok_api.shared.breaker import Breaker, MemoryState

ID = "7608826249200356630"
OTHER = "7526770564367748360"
PAGE = read_fixture(f"video-page-camillebrown-{ID}.html")
REFUSED = {"status": 429, "headers": {"Retry-After": "7"}}
SETTINGS = {"UPSTREAM_RETRIES": 0, "BREAKER_THRESHOLD": 3, "BREAKER_COOLDOWN": 30}


def stat(client, post_id=ID):
    """GET /api/tiktok/statistic for a post."""
    return client.get(
        "/api/tiktok/statistic", query_string={"url": f"https://www.tiktok.com/@x/video/{post_id}"}
    )


def pages(upstream, post_id=ID) -> int:
    """How many times a post's page was fetched."""
    return sum(1 for c in upstream.calls if c.request.url == post_url(post_id))


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def refuse():
    raise UpstreamRateLimited()


def test_it_opens_at_the_threshold_and_stops_calling():
    clock, calls = Clock(), []
    breaker = Breaker(MemoryState(), threshold=3, window=60, cooldown=30, clock=clock)
    for _ in range(3):
        with pytest.raises(UpstreamRateLimited):
            breaker.call(lambda: calls.append(1) or refuse())
    with pytest.raises(UpstreamBusy) as busy:
        breaker.call(lambda: calls.append(1))
    assert len(calls) == 3 and busy.value.retry_after == 30


def test_refusals_outside_the_window_do_not_add_up():
    clock = Clock()
    breaker = Breaker(MemoryState(), threshold=3, window=60, cooldown=30, clock=clock)
    for _ in range(2):
        with pytest.raises(UpstreamRateLimited):
            breaker.call(refuse)
    clock.now += 61
    with pytest.raises(UpstreamRateLimited):
        breaker.call(refuse)
    assert breaker.call(lambda: "asked") == "asked"


def test_after_the_cooldown_one_probe_closes_it_or_opens_it_again():
    clock = Clock()
    breaker = Breaker(MemoryState(), threshold=1, window=60, cooldown=30, clock=clock)
    with pytest.raises(UpstreamRateLimited):
        breaker.call(refuse)
    clock.now += 30
    with pytest.raises(UpstreamRateLimited):
        breaker.call(refuse)  # the probe, refused: open again for a full cooldown
    clock.now += 29
    with pytest.raises(UpstreamBusy):
        breaker.call(lambda: "not asked")
    clock.now += 1
    assert breaker.call(lambda: "probe") == "probe"
    assert breaker.call(lambda: "closed") == "closed"


def test_a_second_caller_waits_while_the_probe_is_out():
    clock = Clock()
    state = MemoryState()
    breaker = Breaker(state, threshold=1, window=60, cooldown=30, clock=clock)
    with pytest.raises(UpstreamRateLimited):
        breaker.call(refuse)
    clock.now += 30

    def probe():
        with pytest.raises(UpstreamBusy):
            breaker.call(lambda: "second")
        return "probe"

    assert breaker.call(probe) == "probe"


def test_answers_about_the_post_never_count():
    breaker = Breaker(MemoryState(), threshold=1, window=60, cooldown=30, clock=Clock())

    def missing():
        raise PostNotFound()

    for _ in range(3):
        with pytest.raises(PostNotFound):
            breaker.call(missing)
    assert breaker.call(lambda: "asked") == "asked"


def test_end_to_end_busy_then_stale_then_probe(upstream):
    app = build_app(SETTINGS | {"BREAKER_COOLDOWN": 300})
    now = use_clock(app, 1_000_000.0)
    client = app.test_client()
    upstream.get(post_url(ID), body=PAGE)
    assert stat(client).status_code == 200
    upstream.get(post_url(OTHER), **REFUSED)
    slugs = [stat(client, OTHER).json["error"] for _ in range(5)]
    assert slugs == ["upstream_rate_limited"] * 3 + ["upstream_busy"] * 2
    assert pages(upstream, OTHER) == 3
    busy = stat(client, OTHER)
    assert (busy.status_code, busy.headers["Retry-After"]) == (503, "300")
    now[0] += 120  # the post read before is stale now; TikTok is not asked for it
    stale = stat(client)
    assert (stale.status_code, stale.headers["Cache-Status"]) == (200, "tiktok-api; hit; fwd=stale")
    assert pages(upstream) == 1
    now[0] += 181  # past the cooldown: one probe
    upstream.replace(
        "GET", post_url(OTHER), body=read_fixture(f"video-page-rimineuit-{OTHER}.html")
    )
    assert stat(client, OTHER).status_code == 200  # the probe went through and closed it
    assert stat(client).status_code == 200
    assert pages(upstream, OTHER) == 4


def test_two_instances_share_the_open_circuit(redis_url, upstream):
    first, second = (build_app(SETTINGS | {"REDIS_URL": redis_url}) for _ in range(2))
    upstream.get(post_url(OTHER), **REFUSED)
    assert [stat(first.test_client(), OTHER).status_code for _ in range(3)] == [503] * 3
    busy = stat(second.test_client(), OTHER)
    assert busy.json["error"] == "upstream_busy"
    assert pages(upstream, OTHER) == 3
