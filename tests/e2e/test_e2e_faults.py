"""Faults injected at the stand-in: each gives its precise envelope error; the worker lives on."""

import pytest

from .conftest import assert_envelope_error

pytestmark = pytest.mark.e2e

POST = "7526770564367748360"
HEALTHY = ["7608826249200356630", "7610426235671350549"]
LINK = f"https://www.tiktok.com/@dangthuhaf/video/{POST}"
SHORT = "ZSfault0001"
METADATA = "http://169.254.169.254/latest/meta-data/"
LOOKALIKE = f"https://www.tiktok.com.evil-example.net/@_/video/{POST}"

FIELDS = ("kind", "params", "status", "slug", "calls", "retry_after")
# (fault, parameters, status, slug, upstream calls, Retry-After) with UPSTREAM_RETRIES=1,
# UPSTREAM_READ_TIMEOUT=2, UPSTREAM_TOTAL_TIMEOUT=5 and UPSTREAM_MAX_REDIRECTS=5. A page that
# cannot be read (walled, empty, without data) adds 2 calls: its embed page and oEmbed, which
# have nothing for this post either.
POST_FAULTS = [
    ("hang", {}, 504, "upstream_timeout", 1, None),
    ("reset", {}, 502, "upstream_unavailable", 2, None),
    ("status", {"status": 500}, 502, "upstream_error", 1, None),
    ("status", {"status": 502}, 502, "upstream_error", 2, None),
    ("status", {"status": 503}, 502, "upstream_error", 2, None),
    ("status", {"status": 404}, 404, "post_not_found", 1, None),
    ("status", {"status": 403}, 503, "upstream_blocked", 4, "60"),
    ("status", {"status": 429, "retry_after": "30"}, 503, "upstream_rate_limited", 1, "30"),
    ("status", {"status": 429}, 503, "upstream_rate_limited", 1, "60"),
    ("challenge_forever", {}, 503, "upstream_blocked", 4, "60"),
    ("challenge_unsolvable", {}, 503, "upstream_blocked", 3, "60"),
    ("empty", {}, 503, "upstream_blocked", 3, "60"),
    ("no_data", {}, 502, "upstream_error", 3, None),
    ("truncated_json", {}, 502, "upstream_error", 3, None),
    ("huge", {}, 502, "upstream_error", 1, None),
    ("huge_chunked", {}, 502, "upstream_error", 1, None),
    ("redirect_loop", {}, 502, "upstream_error", 6, None),
    ("redirect", {"location": METADATA}, 502, "upstream_error", 1, None),
    ("redirect", {"location": LOOKALIKE}, 502, "upstream_error", 1, None),
    ("redirect", {"location": "https://www.tiktok.com/"}, 404, "post_not_found", 1, None),
    (
        "redirect",
        {"location": f"https://www.tiktok.com/login?redirect_url=%2F%40_%2Fvideo%2F{POST}"},
        403,
        "login_required",
        1,
        None,
    ),
    ("slow", {"first_delay": 0, "pieces": 8, "gap": 1.0}, 504, "upstream_timeout", 1, None),
]
SHORT_FAULTS = [
    ("hang", {}, 504, "upstream_timeout", 1, None),
    ("status", {"status": 500}, 502, "upstream_error", 1, None),
    ("status", {"status": 429, "retry_after": "12"}, 503, "upstream_rate_limited", 1, "12"),
    ("redirect_loop", {"status": 301}, 502, "upstream_error", 6, None),
    ("redirect", {"location": METADATA}, 502, "upstream_error", 1, None),
    ("redirect", {"location": "https://vm.tiktok.com.evil-example.net/ZSabcdefg/"}, 502,
     "upstream_error", 1, None),
    ("redirect", {"location": "https://www.tiktok.com/@nasa"}, 422, "not_a_post", 1, None),
]  # fmt: skip


def fault_id(case) -> str:
    kind, params = case[0], case[1]
    return "-".join([kind, *(str(value)[:24] for value in params.values())])


def assert_worker_healthy(api) -> None:
    """The next requests succeed: nothing stuck, nothing poisoned."""
    for post_id in HEALTHY:
        res = api.get("/api/tiktok/statistic", url=f"https://www.tiktok.com/@_/video/{post_id}")
        assert res.status_code == 200, res.text[:500]
        assert res.json()["data"]["id"] == post_id


def check(api, standin, res, status, slug, calls, retry_after, host) -> None:
    body = assert_envelope_error(res, status, slug)
    assert body["message"]
    assert res.headers.get("Retry-After") == retry_after
    upstream = standin.requests()
    assert len(upstream) == calls, upstream
    assert {entry["host"] for entry in upstream} == {host}
    assert_worker_healthy(api)


@pytest.mark.parametrize(FIELDS, POST_FAULTS, ids=map(fault_id, POST_FAULTS))
def test_post_page_fault(api, standin, kind, params, status, slug, calls, retry_after):
    standin.inject(f"post:{POST}", kind, **params)
    res = api.get("/api/tiktok/statistic", url=LINK)
    check(api, standin, res, status, slug, calls, retry_after, "www.tiktok.com")


@pytest.mark.parametrize(FIELDS, SHORT_FAULTS, ids=map(fault_id, SHORT_FAULTS))
def test_short_link_fault(api, standin, kind, params, status, slug, calls, retry_after):
    standin.inject(f"short:{SHORT}", kind, **params)
    res = api.get("/api/tiktok/downloader", url=f"https://vm.tiktok.com/{SHORT}/")
    check(api, standin, res, status, slug, calls, retry_after, "vm.tiktok.com")


def test_slow_answer_still_succeeds(api, standin):
    """1 s to the first byte, then a piece every 0.5 s: slower than the read timeout overall."""
    standin.inject(f"post:{POST}", "slow")
    res = api.get("/api/tiktok/statistic", url=LINK)
    assert res.status_code == 200, res.text[:500]
    assert res.json()["data"]["total_play"] == 18500000
    assert len(standin.requests()) == 1


def test_solvable_bot_check_after_a_fault_clears(api, standin):
    standin.inject(f"post:{POST}", "status", status=500)
    assert_envelope_error(api.get("/api/tiktok/statistic", url=LINK), 502, "upstream_error")
    standin.inject(f"post:{POST}", "challenge")
    assert api.get("/api/tiktok/statistic", url=LINK).status_code == 200
