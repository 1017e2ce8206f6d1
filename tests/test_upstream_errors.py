"""Every upstream failure maps to its precise envelope error, with counted upstream calls."""

import json

import pytest
import requests
from conftest import (
    build_app,
    fallback_calls,
    page_calls,
    post_url,
    read_fixture,
    rehydration_page,
)

ID = "7608826249200356630"
LINK = f"https://www.tiktok.com/@emthenutritionist/video/{ID}"
PAGE = f"video-page-camillebrown-{ID}.html"
WAF = "challenge-page-waf-snaptik-2026-03.html"


def _stat(client):
    return client.get("/api/tiktok/statistic", query_string={"url": LINK})


def _status_page(code: int, message: str = "") -> bytes:
    return rehydration_page({"webapp.video-detail": {"statusCode": code, "statusMsg": message}})


def _assert_error(res, status, slug):
    assert res.status_code == status, res.json
    body = res.json
    assert (body["code"], body["status"], body["error"], body["data"]) == (
        status,
        "failed",
        slug,
        None,
    )
    assert body["message"] and "Traceback" not in res.get_data(as_text=True)


@pytest.mark.parametrize(
    ("page", "status", "slug"),
    [
        (lambda: read_fixture("error-video-page-10204-ca74ca.html"), 404, "post_not_found"),
        (
            lambda: rehydration_page(
                read_fixture("error-video-detail-excerpt-10204-missing-2scraper.json")
            ),
            404,
            "post_not_found",
        ),
        (
            lambda: rehydration_page(
                read_fixture(
                    "error-video-detail-excerpt-10204-status_deleted-7550459646654418189.json"
                )
            ),
            404,
            "post_not_found",
        ),
        (
            lambda: rehydration_page(
                read_fixture(
                    "error-video-detail-excerpt-10204-cross_border-7609111825233251598.json"
                )
            ),
            451,
            "region_blocked",
        ),
        (lambda: _status_page(10216), 403, "post_private"),
        (lambda: _status_page(10222), 403, "post_private"),
        (lambda: _status_page(10231), 451, "region_blocked"),
        (lambda: _status_page(10102), 403, "login_required"),
        (lambda: _status_page(10000), 503, "upstream_blocked"),
        (lambda: _status_page(100004), 404, "post_not_found"),
        (lambda: _status_page(12345), 502, "upstream_error"),
        (
            lambda: read_fixture("photo-page-shell-no-detail-guidocjh-7395933425804381473.html"),
            502,
            "upstream_error",
        ),
        (
            lambda: b'<html><div id="captcha-verify-container"></div></html>',
            503,
            "upstream_blocked",
        ),
        (lambda: b"", 503, "upstream_blocked"),
        (
            lambda: rehydration_page({"webapp.video-detail": {"statusCode": 0, "itemInfo": {}}}),
            502,
            "upstream_error",
        ),
    ],
)
def test_page_status_codes(client, upstream, page, status, slug):
    upstream.get(post_url(ID), body=page())
    _assert_error(_stat(client), status, slug)
    assert len(page_calls(upstream)) == 1
    assert fallback_calls(upstream) in ([], ["embed", "oembed"])  # which: tests/test_fallback.py


def test_truncated_json_is_upstream_error(client, upstream, fixture):
    page = fixture(PAGE)
    end = page.index(b"</script>", page.index(b"__UNIVERSAL_DATA_FOR_REHYDRATION__"))
    upstream.get(post_url(ID), body=page[: end - 1000] + page[end:])
    _assert_error(_stat(client), 502, "upstream_error")


def test_http_404_is_not_found(client, upstream):
    upstream.get(post_url(ID), status=404)
    _assert_error(_stat(client), 404, "post_not_found")


def test_429_is_rate_limited_with_retry_after(client, upstream):
    upstream.get(post_url(ID), status=429, headers={"Retry-After": "120"})
    res = _stat(client)
    _assert_error(res, 503, "upstream_rate_limited")
    assert res.headers["Retry-After"] == "120"


def test_429_without_retry_after_uses_the_default(client, upstream):
    upstream.get(post_url(ID), status=429)
    assert _stat(client).headers["Retry-After"] == "60"


def test_403_is_retried_once_with_a_fresh_jar(client, upstream, fixture):
    upstream.get(
        post_url(ID), status=403, headers={"Set-Cookie": "ttwid=bad; Domain=.tiktok.com; Path=/"}
    )
    upstream.get(post_url(ID), body=fixture(PAGE))
    assert _stat(client).status_code == 200
    assert len(upstream.calls) == 2
    assert "ttwid" not in upstream.calls[1].request.headers.get("Cookie", "")


def test_403_twice_is_blocked(client, upstream):
    upstream.get(post_url(ID), status=403)
    res = _stat(client)
    _assert_error(res, 503, "upstream_blocked")
    assert res.headers["Retry-After"] and len(page_calls(upstream)) == 2


@pytest.mark.parametrize("status", [502, 503, 504])
def test_5xx_is_retried_then_upstream_error(client, upstream, status):
    upstream.get(post_url(ID), status=status)
    _assert_error(_stat(client), 502, "upstream_error")
    assert len(upstream.calls) == 2  # UPSTREAM_RETRIES=1 in the test config


def test_5xx_then_success(client, upstream, fixture):
    upstream.get(post_url(ID), status=503)
    upstream.get(post_url(ID), body=fixture(PAGE))
    assert _stat(client).status_code == 200 and len(upstream.calls) == 2


def test_500_is_not_retried(client, upstream):
    upstream.get(post_url(ID), status=500)
    _assert_error(_stat(client), 502, "upstream_error")
    assert len(upstream.calls) == 1


def test_connection_error_is_unavailable(client, upstream):
    upstream.get(post_url(ID), body=requests.ConnectionError("refused"))
    _assert_error(_stat(client), 502, "upstream_unavailable")
    assert len(upstream.calls) == 2


def test_timeout(client, upstream):
    upstream.get(post_url(ID), body=requests.ReadTimeout("slow"))
    _assert_error(_stat(client), 504, "upstream_timeout")


def test_body_over_the_cap_is_refused(upstream, fixture):
    app = build_app({"UPSTREAM_MAX_BYTES": 100_000, "UPSTREAM_RETRIES": 0})
    upstream.get(post_url(ID), body=fixture(PAGE))
    res = app.test_client().get("/api/tiktok/statistic", query_string={"url": LINK})
    _assert_error(res, 502, "upstream_error")
    assert "larger" in res.json["message"]


def test_redirect_to_login_is_login_required(client, upstream):
    login = f"https://www.tiktok.com/login?redirect_url=https%3A%2F%2Fwww.tiktok.com%2F%40_%2Fvideo%2F{ID}"
    upstream.get(post_url(ID), status=302, headers={"Location": login})
    _assert_error(_stat(client), 403, "login_required")
    assert len(upstream.calls) == 1


def test_redirect_to_home_is_not_found(client, upstream):
    upstream.get(post_url(ID), status=302, headers={"Location": "https://www.tiktok.com/?_r=1"})
    _assert_error(_stat(client), 404, "post_not_found")


def test_redirect_inside_tiktok_is_followed(client, upstream, fixture):
    real = f"https://www.tiktok.com/@emthenutritionist/video/{ID}"
    upstream.get(post_url(ID), status=301, headers={"Location": real})
    upstream.get(real, body=fixture(PAGE))
    assert _stat(client).status_code == 200 and len(upstream.calls) == 2


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://tiktok.com.evil.example/x",
        "https://www.tiktok.com:8443/x",
    ],
)
def test_redirect_outside_tiktok_is_never_followed(client, upstream, target):
    upstream.get(post_url(ID), status=302, headers={"Location": target})
    _assert_error(_stat(client), 502, "upstream_error")
    assert [c.request.url for c in upstream.calls] == [post_url(ID)]


def test_redirect_loop_is_bounded(client, upstream):
    upstream.get(post_url(ID), status=302, headers={"Location": post_url(ID)})
    _assert_error(_stat(client), 502, "upstream_error")
    assert len(upstream.calls) == 6  # the first request and 5 hops


def test_bot_check_is_solved_and_the_page_fetched_again(client, upstream, fixture):
    upstream.get(post_url(ID), body=fixture(WAF))
    upstream.get(post_url(ID), body=fixture(PAGE))
    res = _stat(client)
    assert res.status_code == 200 and res.json["data"]["total_play"] == 2900000
    assert len(upstream.calls) == 2
    cookie = upstream.calls[1].request.headers["Cookie"]
    assert cookie.startswith("_wafchallengeid=")
    token = json.loads(__import__("base64").b64decode(cookie.split("=", 1)[1]))
    assert token["d"] == "MTA="  # base64 of the answer 10


def test_bot_check_that_keeps_coming_is_blocked(client, upstream, fixture):
    upstream.get(post_url(ID), body=fixture(WAF))
    _assert_error(_stat(client), 503, "upstream_blocked")
    assert len(page_calls(upstream)) == 2
    assert fallback_calls(upstream) == ["embed", "oembed"]  # both said nothing


def test_unsolvable_bot_check_is_blocked(upstream, fixture):
    app = build_app({"CHALLENGE_MAX_ITERATIONS": 5})
    upstream.get(post_url(ID), body=fixture(WAF))
    res = app.test_client().get("/api/tiktok/statistic", query_string={"url": LINK})
    _assert_error(res, 503, "upstream_blocked")
    assert len(page_calls(upstream)) == 1
    assert fallback_calls(upstream) == ["embed", "oembed"]


def test_cookies_of_the_page_stay_with_the_extraction(app, upstream, fixture):
    upstream.get(
        post_url(ID),
        body=fixture(PAGE),
        headers={"Set-Cookie": "tt_chain_token=abc; Domain=.tiktok.com; Path=/; Secure; HttpOnly"},
    )
    resolved = app.extensions["tiktok"].resolved(ID).value
    assert resolved.cookies == "tt_chain_token=abc"
    second = app.extensions["tiktok"].transport.new_session()
    assert not second.cookies  # every extraction starts with an empty jar
