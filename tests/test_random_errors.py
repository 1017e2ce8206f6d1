"""GET /api/tiktok/random: account errors, post read errors and upstream errors."""

import pytest
import requests
from conftest import embed_node, post_url, read_fixture, rehydration_page
from random_helpers import (
    ANY_POST,
    EMBED_URL,
    GONE_POST,
    NASA,
    NASA_PHOTO,
    NOT_FOUND_PROFILE,
    PROFILE_URL,
    VIDEO_PAGE,
    get_random,
    nasa_embed,
    profile_page,
)

# --- account errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "status", "slug"),
    [
        (rehydration_page(read_fixture(NOT_FOUND_PROFILE)), 404, "user_not_found"),
        (profile_page(10222), 403, "user_private"),
        (read_fixture("user-page-dashzorvak-alcaldiasa.html"), 404, "user_unavailable"),
        (profile_page(10000), 404, "user_unavailable"),
        (
            read_fixture("photo-page-shell-no-detail-guidocjh-7395933425804381473.html"),
            404,
            "user_unavailable",
        ),
    ],
)
def test_refused_embed_explained_by_the_profile_page(
    client, upstream, tiktok, profile, status, slug
):
    upstream.get(EMBED_URL, status=400)
    upstream.get(PROFILE_URL, body=profile)
    res = get_random(client)
    assert res.status_code == status, res.json
    assert res.json["error"] == slug
    assert res.json["status"] == "failed"
    assert [c.request.url for c in upstream.calls] == [EMBED_URL, PROFILE_URL]


def test_error_node_on_the_embed_page_is_explained_the_same_way(client, upstream, tiktok):
    nasa_embed(upstream, embed_node(read_fixture(NASA)) | {"isError": True})
    upstream.get(PROFILE_URL, body=profile_page(10222))
    res = get_random(client)
    assert (res.status_code, res.json["error"]) == (403, "user_private")
    assert len(upstream.calls) == 2


@pytest.mark.parametrize(
    ("profile_answers", "calls"),
    [
        ([{"status": 403}, {"status": 403}], 3),  # blocked twice (fresh jar in between)
        ([{"status": 429}], 2),
        ([{"body": requests.Timeout()}], 2),
        ([{"status": 302, "headers": {"Location": "https://evil.example/"}}], 2),
        ([{"body": read_fixture("challenge-page-waf-snaptik-2026-03.html")}], 3),
    ],
)
def test_unreadable_profile_page_means_unavailable(
    client, upstream, tiktok, profile_answers, calls
):
    upstream.get(EMBED_URL, status=400)
    for answer in profile_answers:
        upstream.get(PROFILE_URL, **answer)
    res = get_random(client)
    assert (res.status_code, res.json["error"]) == (404, "user_unavailable")
    assert len(upstream.calls) == calls


def test_empty_post_list(client, upstream, tiktok):
    # The captured node with its list emptied (an account that has posted nothing).
    nasa_embed(upstream, embed_node(read_fixture(NASA)) | {"videoList": []})
    res = get_random(client)
    assert (res.status_code, res.json["error"]) == (404, "no_posts")
    assert len(upstream.calls) == 1


def test_private_account_with_an_empty_list(client, upstream, tiktok):
    node = embed_node(read_fixture(NASA))
    node = node | {"videoList": [], "userInfo": node["userInfo"] | {"privateAccount": True}}
    nasa_embed(upstream, node)
    res = get_random(client)
    assert (res.status_code, res.json["error"]) == (403, "user_private")


def test_no_post_of_the_asked_type(client, upstream, tiktok):
    node = embed_node(read_fixture(NASA))
    nasa_embed(upstream, node | {"videoList": [i for i in node["videoList"] if i["playAddr"]]})
    res = get_random(client, type="photo")
    assert (res.status_code, res.json["error"]) == (404, "no_posts")
    assert "photo" in res.json["message"]
    assert len(upstream.calls) == 1


def test_listed_photo_that_reads_as_a_video(client, upstream, tiktok, fixture):
    nasa_embed(upstream)
    upstream.get(post_url(NASA_PHOTO), body=fixture(VIDEO_PAGE))
    res = get_random(client, type="photo")
    assert (res.status_code, res.json["error"]) == (404, "no_posts")
    assert len(upstream.calls) == 2  # the only photo candidate, read once


def test_every_read_unreadable(client, upstream, tiktok, fixture):
    nasa_embed(upstream)
    gone = rehydration_page(fixture(GONE_POST))
    upstream.get(ANY_POST, body=gone)
    res = get_random(client)
    assert (res.status_code, res.json["error"]) == (404, "post_not_found")
    assert len(upstream.calls) == 1 + tiktok.config["RANDOM_MAX_READS"]


# --- upstream errors on the embed page ------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "status", "slug", "calls"),
    [
        ([{"status": 429, "headers": {"Retry-After": "120"}}], 503, "upstream_rate_limited", 1),
        ([{"status": 403}, {"status": 403}], 503, "upstream_blocked", 2),
        ([{"status": 500}], 502, "upstream_error", 1),
        ([{"status": 503}, {"status": 503}], 502, "upstream_error", 2),
        ([{"status": 404}], 404, "post_not_found", 1),
        ([{"body": requests.Timeout()}], 504, "upstream_timeout", 1),
        ([{"body": requests.ConnectionError()}] * 2, 502, "upstream_unavailable", 2),
        ([{"body": b""}], 502, "upstream_error", 1),
        ([{"body": read_fixture(VIDEO_PAGE)}], 502, "upstream_error", 1),
        (
            [{"body": b'<script id="__FRONTITY_CONNECT_STATE__">{"source":</script>'}],
            502,
            "upstream_error",
            1,
        ),
        (
            [{"body": read_fixture("challenge-page-waf-snaptik-2026-03.html")}],
            503,
            "upstream_blocked",
            2,
        ),
        (
            [{"status": 302, "headers": {"Location": "https://evil.example/@nasa"}}],
            502,
            "upstream_error",
            1,
        ),
    ],
)
def test_embed_page_upstream_errors(client, upstream, tiktok, answers, status, slug, calls):
    for answer in answers:
        upstream.get(EMBED_URL, **answer)
    res = get_random(client)
    assert res.status_code == status, res.json
    assert res.json["error"] == slug
    assert len(upstream.calls) == calls


def test_rate_limit_passes_retry_after_on(client, upstream, tiktok):
    upstream.get(EMBED_URL, status=429, headers={"Retry-After": "120"})
    res = get_random(client)
    assert res.headers["Retry-After"] == "120"


def test_post_page_errors_are_the_cores(client, upstream, tiktok):
    nasa_embed(upstream)
    upstream.get(post_url(NASA_PHOTO), status=429)
    res = get_random(client, type="photo")
    assert (res.status_code, res.json["error"]) == (503, "upstream_rate_limited")
    assert len(upstream.calls) == 2
