"""When a post's page cannot be read (a wall we cannot pass, a regional refusal, a page without
data) and nothing is kept: the embed player page, then oEmbed, answer partially."""

import json
import re

import pytest
import requests
from conftest import (
    EMBED_V2,
    OEMBED,
    build_app,
    fallback_calls,
    page_calls,
    post_url,
    read_fixture,
    rehydration_page,
)

VIDEO = "6718335390845095173"
PHOTO = "7553302113757990166"
OEMBEDDED = "7504044860782021930"
EMBED_VIDEO = read_fixture(f"embed-v2-{VIDEO}-excerpt.json")
EMBED_PHOTO = read_fixture(f"embed-v2-{PHOTO}-photo-excerpt.json")
OEMBED_BODY = read_fixture(f"oembed-automaton-tjrobertson52-{OEMBEDDED}-2026-09.json")
CAPTCHA = b'<html><div id="captcha-verify-container"></div></html>'
CROSS_BORDER = rehydration_page(
    read_fixture("error-video-detail-excerpt-10204-cross_border-7609111825233251598.json")
)
SHELL = read_fixture("photo-page-shell-no-detail-guidocjh-7395933425804381473.html")


def embed_post_page(captured: bytes) -> bytes:
    """An embed player page as TikTok serves it, around a captured Frontity state."""
    text = json.dumps(json.loads(captured), separators=(",", ":")).replace("<", "\\u003c")
    return (
        '<!DOCTYPE html><html><head><script id="__FRONTITY_CONNECT_STATE__" '
        f'type="application/json">{text}</script></head><body></body></html>'
    ).encode()


def stat(client, post_id: str, path: str = "/api/tiktok/statistic"):
    """GET one post endpoint for a post id."""
    return client.get(path, query_string={"url": f"https://www.tiktok.com/@x/video/{post_id}"})


def serve_embed(upstream, post_id: str, captured: bytes) -> None:
    """The post's embed player page answers with the captured state (instead of the 404)."""
    upstream.remove("GET", EMBED_V2)
    upstream.get(f"https://www.tiktok.com/embed/v2/{post_id}", body=embed_post_page(captured))


@pytest.mark.parametrize(
    "page", [CAPTCHA, CROSS_BORDER, SHELL], ids=["wall", "cross_border", "no_data"]
)
def test_an_unreadable_page_is_answered_from_the_embed_page(client, upstream, page):
    upstream.get(post_url(VIDEO), body=page)
    serve_embed(upstream, VIDEO, EMBED_VIDEO)
    res = stat(client, VIDEO)
    item = json.loads(EMBED_VIDEO)["source"]["data"][f"/embed/v2/{VIDEO}"]["videoData"]
    data = res.json["data"]
    assert res.status_code == 200
    assert data["partial"] is True
    assert data["title"] == item["itemInfos"]["text"]
    assert data["post_author"]["unique_id"] == item["authorInfos"]["uniqueId"]
    assert data["post_author"]["nickname"] == item["authorInfos"]["nickName"]
    assert data["duration"] == item["itemInfos"]["video"]["videoMeta"]["duration"]
    assert data["source"]["media"]["no_watermark"] == item["itemInfos"]["video"]["urls"][0]
    assert data["source"]["thumbnail"] == item["itemInfos"]["covers"][0]
    assert data["create_time"] == "2019-07-27T13:32:38Z"  # createTime "1564234358"
    assert data["missing"] == [
        "region", "total_play", "total_like", "total_comment", "total_share", "total_save",
        "media.music", "post_author.id", "post_author.avatar",
    ]  # fmt: skip
    assert fallback_calls(upstream) == ["embed"]


def test_a_photo_post_from_its_embed_page_keeps_every_slide(client, upstream):
    upstream.get(post_url(PHOTO), body=CAPTCHA)
    serve_embed(upstream, PHOTO, EMBED_PHOTO)
    data = stat(client, PHOTO, "/api/tiktok/slides").json["data"]
    slides = json.loads(EMBED_PHOTO)["source"]["data"][f"/embed/v2/{PHOTO}"]["videoData"]
    slides = slides["imagePostInfo"]["displayImages"]
    assert data["partial"] is True and data["type"] == "photo"
    assert data["source"]["images"] == [s["urlList"][0] for s in slides]
    assert len(data["images"]) == 2
    assert "images" not in data["missing"] and "media.no_watermark" not in data["missing"]


def test_then_oembed_answers_with_caption_author_and_thumbnail(client, upstream):
    upstream.get(post_url(OEMBEDDED), body=CAPTCHA)
    body = json.loads(OEMBED_BODY)
    upstream.upsert("GET", OEMBED, json=body)
    res = stat(client, OEMBEDDED)
    data = res.json["data"]
    assert res.status_code == 200 and data["partial"] is True
    assert data["title"] == body["title"]
    assert data["post_author"]["nickname"] == body["author_name"]
    assert data["post_author"]["unique_id"] == body["author_unique_id"]
    assert data["source"]["thumbnail"] == body["thumbnail_url"]
    assert data["thumbnail"] == f"http://localhost/api/tiktok/media/{OEMBEDDED}/cover"
    assert {"total_play", "duration", "media.no_watermark"} <= set(data["missing"])
    assert fallback_calls(upstream) == ["embed", "oembed"]
    (oembed,) = [c for c in upstream.calls if OEMBED.match(c.request.url)]
    assert oembed.request.url.endswith(requests.utils.quote(post_url(OEMBEDDED), safe=""))


def test_with_nothing_anywhere_the_error_stays_precise(client, upstream):
    upstream.get(post_url(VIDEO), body=CAPTCHA)
    res = stat(client, VIDEO)
    assert (res.status_code, res.json["error"]) == (503, "upstream_blocked")
    assert fallback_calls(upstream) == ["embed", "oembed"]


@pytest.mark.parametrize(
    ("answer", "slug"),
    [
        ({"body": rehydration_page(read_fixture(
            "error-video-detail-excerpt-10204-status_deleted-7550459646654418189.json"))},
         "post_not_found"),
        ({"status": 500}, "upstream_error"),
        ({"status": 429}, "upstream_rate_limited"),
        ({"body": requests.Timeout()}, "upstream_timeout"),
    ],
)  # fmt: skip
def test_answers_about_the_post_and_tiktok_failing_never_fall_back(upstream, answer, slug):
    client = build_app({"UPSTREAM_RETRIES": 0}).test_client()
    upstream.get(post_url(VIDEO), **answer)
    serve_embed(upstream, VIDEO, EMBED_VIDEO)
    assert stat(client, VIDEO).json["error"] == slug
    assert fallback_calls(upstream) == []


def test_the_last_known_post_comes_before_the_embed_page(upstream):
    app = build_app()
    from conftest import use_clock

    now = use_clock(app, 1_000_000.0)
    client = app.test_client()
    page_id = "7608826249200356630"
    upstream.get(post_url(page_id), body=read_fixture(f"video-page-camillebrown-{page_id}.html"))
    assert stat(client, page_id).status_code == 200
    upstream.replace("GET", post_url(page_id), body=CAPTCHA)
    now[0] += 3600
    stale = stat(client, page_id)
    assert stale.headers["Cache-Status"] == "tiktok-api; hit; fwd=stale"
    assert stale.json["data"]["partial"] is False
    assert fallback_calls(upstream) == []


def test_a_partial_answer_is_kept_briefly_and_its_video_streams(client, upstream):
    upstream.get(post_url(VIDEO), body=CAPTCHA)
    serve_embed(upstream, VIDEO, EMBED_VIDEO)
    first = stat(client, VIDEO)
    again = stat(client, VIDEO, "/api/tiktok/downloader")
    assert again.json["data"]["partial"] is True
    assert first.headers["Cache-Control"] == "public, max-age=30"
    assert len(page_calls(upstream)) == 1 and fallback_calls(upstream) == ["embed"]
    url = first.json["data"]["source"]["media"]["no_watermark"]
    upstream.get(url, body=b"\x00\x00\x00\x18ftypmp42", content_type="video/mp4")
    res = client.get(f"/api/tiktok/media/{VIDEO}/video")
    assert (res.status_code, res.data) == (200, b"\x00\x00\x00\x18ftypmp42")


def test_the_home_page_shows_a_partial_post(client, upstream):
    upstream.get(post_url(VIDEO), body=CAPTCHA)
    serve_embed(upstream, VIDEO, EMBED_VIDEO)
    page = client.get("/", query_string={"url": f"https://www.tiktok.com/@x/video/{VIDEO}"})
    assert page.status_code == 200 and b"scout2015" in page.data
    assert re.search(rb'data-exact="TikTok gives no figure"', page.data)
