"""GET /api/tiktok/random: draws, username forms, hostile input, account and upstream errors."""

import json

import pytest
import requests
from conftest import embed_node, post_url, read_fixture, rehydration_page
from random_helpers import (
    ANY_POST,
    EMBED_URL,
    GONE_POST,
    NASA,
    NASA_PHOTO,
    NASA_VIDEO_IDS,
    NOT_FOUND_PROFILE,
    PHOTO_DETAIL,
    PROFILE_URL,
    VIDEO_PAGE,
    drawn_id,
    get_random,
    nasa_embed,
    photo_page,
    profile_page,
)
from test_usernames import HOSTILE

# --- draws ----------------------------------------------------------------------------------


MEDIA = "http://localhost/api/tiktok/media"


def test_video_draw(client, upstream, tiktok, fixture):
    nasa_embed(upstream)
    upstream.get(ANY_POST, body=fixture(VIDEO_PAGE))
    res = get_random(client, type="video")
    assert res.status_code == 200, res.json
    data = res.json["data"]
    assert [c.request.url for c in upstream.calls][0] == EMBED_URL
    assert len(upstream.calls) == 2
    assert drawn_id(upstream.calls[1]) in NASA_VIDEO_IDS
    # Everything below comes from the post page that was served for the drawn id.
    assert data["type"] == "video"
    assert data["id"] == "7608826249200356630"
    assert data["images"] == []
    raw = data["source"]
    assert data["media"]["no_watermark"] == f"{MEDIA}/7608826249200356630/video"
    assert raw["media"]["no_watermark"].startswith("https://v16-webapp-prime.us.tiktok.com/")
    assert "tk=tt_chain_token" in raw["media"]["no_watermark"]
    assert data["media"]["watermark"] is None  # the anonymous page has an empty downloadAddr
    assert raw["media"]["music"].startswith("https://v19.tiktokcdn-us.com/")
    assert data["cover"] == data["thumbnail"] == f"{MEDIA}/7608826249200356630/cover"
    assert raw["cover"].startswith("https://p19-common-sign.tiktokcdn-us.com/")
    assert data["total_play"] == 2900000
    assert data["total_save"] == 124842
    assert data["duration"] == 54
    assert data["region"] == "GB"
    assert data["create_time"] == "2026-02-20T06:12:10Z"
    assert data["hashtags"] == ["#healthyrecipes", "#quickrecipes"]
    assert data["post_author"]["unique_id"] == "emthenutritionist"
    assert raw["post_author"]["avatar"].startswith("https://p16-common-sign.tiktokcdn-us.com/")


def test_photo_draw(client, upstream, tiktok):
    nasa_embed(upstream)
    upstream.get(post_url(NASA_PHOTO), body=photo_page())
    res = get_random(client, type="photo")
    assert res.status_code == 200, res.json
    data = res.json["data"]
    item = json.loads(read_fixture(PHOTO_DETAIL))["__DEFAULT_SCOPE__"]["webapp.video-detail"]
    slides = item["itemInfo"]["itemStruct"]["imagePost"]["images"]
    assert data["source"]["images"] == [s["imageURL"]["urlList"][0] for s in slides]
    assert data["images"] == [f"{MEDIA}/{NASA_PHOTO}/image/1", f"{MEDIA}/{NASA_PHOTO}/image/2"]
    assert data["id"] == NASA_PHOTO
    assert data["type"] == "photo"
    assert data["url"] == f"https://www.tiktok.com/@nasa/photo/{NASA_PHOTO}"
    assert data["title"].startswith("Roman’s first images will be so large")
    assert data["media"] == {"music": None, "no_watermark": None, "watermark": None}
    assert "tos-maliva-i-photomode-us/4b723446552d45e5ac818886031b9c62" in data["source"]["cover"]
    assert data["total_play"] == 254100
    assert data["total_like"] == 13200
    assert data["total_comment"] == 264
    assert data["create_time"] == "2026-09-04T16:51:37Z"
    assert data["region"] == "US"
    # The trimmed page has no avatar; the account's own (from the embed page) fills it in.
    user = embed_node(read_fixture(NASA))["userInfo"]
    assert data["post_author"] | {"profile": None} == {
        "id": "7664638705177150477",
        "nickname": "NASA",
        "unique_id": "nasa",
        "avatar": f"{MEDIA}/{NASA_PHOTO}/avatar",
        "profile": None,
        "url": "https://www.tiktok.com/@nasa",
    }
    assert data["source"]["post_author"]["avatar"] == user["avatarThumbUrl"]
    assert len(upstream.calls) == 2


def test_answer_shape_and_envelope(client, upstream, tiktok):
    nasa_embed(upstream)
    upstream.get(post_url(NASA_PHOTO), body=photo_page())
    res = get_random(client, type="photo")
    assert set(res.json) == {"author", "code", "data", "docs", "server_time", "status"}
    assert res.json["code"] == 200
    assert res.json["status"] == "success"
    assert res.json["docs"].endswith("/docs#random")
    seed_keys = {"cover", "images", "media", "post_author"}
    statistic_keys = {"id", "url", "type", "title", "create_time", "duration", "region"}
    counts = {"total_play", "total_like", "total_comment", "total_share", "total_save"}
    assert seed_keys | statistic_keys | counts | {"hashtags", "tags"} <= set(res.json["data"])
    assert {"avatar", "id", "nickname", "unique_id"} <= set(res.json["data"]["post_author"])


@pytest.mark.parametrize("path", ["/api/tiktok/random/", "/api/tiktok/random-post"])
def test_aliases(client, upstream, tiktok, path):
    nasa_embed(upstream)
    upstream.get(post_url(NASA_PHOTO), body=photo_page())
    res = client.get(path, query_string={"username": "@nasa", "type": "photo"})
    assert res.status_code == 200, res.json
    assert res.json["data"]["id"] == NASA_PHOTO


@pytest.mark.parametrize(
    "username",
    [
        "nasa",
        "@nasa",
        "NASA",
        "https://www.tiktok.com/@nasa",
        "https://www.tiktok.com/@nasa/",
        "https://www.tiktok.com/@nasa?lang=en&is_from_webapp=1",
        "tiktok.com/@nasa",
        "https://m.tiktok.com/@nasa/?_r=1",
    ],
)
def test_username_forms_reach_the_same_embed_page(client, upstream, tiktok, username):
    nasa_embed(upstream)
    upstream.get(post_url(NASA_PHOTO), body=photo_page())
    res = get_random(client, username=username, type="photo")
    assert res.status_code == 200, res.json
    assert upstream.calls[0].request.url == EMBED_URL


def test_type_is_confirmed_on_the_post_read(client, upstream, tiktok, fixture):
    # The first drawn "video" turns out to be a photo post when read: another one is drawn.
    nasa_embed(upstream)
    upstream.get(ANY_POST, body=photo_page())
    upstream.get(ANY_POST, body=fixture(VIDEO_PAGE))
    res = get_random(client, type="video")
    assert res.status_code == 200, res.json
    assert res.json["data"]["type"] == "video"
    assert len(upstream.calls) == 3
    assert drawn_id(upstream.calls[1]) != drawn_id(upstream.calls[2])


def test_unreadable_post_makes_way_for_another(client, upstream, tiktok, fixture):
    nasa_embed(upstream)
    gone = rehydration_page(fixture(GONE_POST))
    upstream.get(ANY_POST, body=gone)
    upstream.get(ANY_POST, body=fixture(VIDEO_PAGE))
    res = get_random(client)
    assert res.status_code == 200, res.json
    assert res.json["data"]["id"] == "7608826249200356630"
    assert len(upstream.calls) == 3


def test_embed_page_behind_the_bot_check(client, upstream, tiktok, fixture):
    upstream.get(EMBED_URL, body=fixture("challenge-page-waf-snaptik-2026-03.html"))
    nasa_embed(upstream)
    upstream.get(post_url(NASA_PHOTO), body=photo_page())
    res = get_random(client, type="photo")
    assert res.status_code == 200, res.json
    assert [c.request.url for c in upstream.calls] == [EMBED_URL, EMBED_URL, post_url(NASA_PHOTO)]
    assert "_wafchallengeid=" in upstream.calls[1].request.headers["Cookie"]


def test_embed_403_is_retried_with_a_fresh_jar(client, upstream, tiktok):
    upstream.get(EMBED_URL, status=403, headers={"Set-Cookie": "ttwid=abc; Path=/"})
    nasa_embed(upstream)
    upstream.get(post_url(NASA_PHOTO), body=photo_page())
    res = get_random(client, type="photo")
    assert res.status_code == 200, res.json
    assert len(upstream.calls) == 3
    assert "ttwid" not in upstream.calls[1].request.headers.get("Cookie", "")


# --- hostile input --------------------------------------------------------------------------


@pytest.mark.parametrize("username", HOSTILE)
def test_hostile_usernames_make_no_request(client, upstream, tiktok, username):
    res = get_random(client, username=username)
    assert res.status_code == 400, res.json
    assert res.json["error"] == "invalid_username"
    assert len(upstream.calls) == 0


def test_nul_in_username_makes_no_request(client, upstream, tiktok):
    res = client.get("/api/tiktok/random?username=nasa%00")
    assert (res.status_code, res.json["error"]) == (400, "invalid_username")
    assert len(upstream.calls) == 0


@pytest.mark.parametrize("kind", ["gif", "videos", "../photo", "photo%00", "VIDEO,PHOTO"])
def test_bad_type_makes_no_request(client, upstream, tiktok, kind):
    res = get_random(client, type=kind)
    assert (res.status_code, res.json["error"]) == (400, "invalid_parameter")
    assert len(upstream.calls) == 0


@pytest.mark.parametrize("query", ["", "?username=", "?username=%20%20", "?user=nasa"])
def test_missing_username(client, upstream, tiktok, query):
    res = client.get(f"/api/tiktok/random{query}")
    assert (res.status_code, res.json["error"]) == (400, "missing_parameter")
    assert len(upstream.calls) == 0


def test_only_get(client, upstream, tiktok):
    res = client.post("/api/tiktok/random", query_string={"username": "nasa"})
    assert (res.status_code, res.json["error"]) == (405, "method_not_allowed")
    assert len(upstream.calls) == 0


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
        ([{"status": 404}], 404, "user_not_found", 1),
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


def test_the_avatar_link_of_a_page_without_one_streams_the_accounts(app, client, upstream):
    nasa_embed(upstream)
    upstream.get(post_url(NASA_PHOTO), body=photo_page())
    avatar = app.extensions["tiktok"].creator("nasa").author.avatar
    assert avatar and app.extensions["tiktok"].resolved(NASA_PHOTO).value.post.author.avatar is None
    upstream.get(avatar, body=b"\xff\xd8avatar", content_type="image/jpeg")
    res = client.get(f"/api/tiktok/media/{NASA_PHOTO}/avatar")
    assert (res.status_code, res.data, res.mimetype) == (200, b"\xff\xd8avatar", "image/jpeg")
    embeds = [c for c in upstream.calls if "/embed/@nasa" in c.request.url]
    assert len(embeds) == 1  # the account was read once, then kept
