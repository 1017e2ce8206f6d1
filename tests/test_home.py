"""The home page, server-rendered: a post shown from a pasted link, a gallery for a photo post,
a random post, one message per error slug, captions kept as text, our own assets only."""

import json
import re

import pytest
from conftest import build_app, post_url, read_fixture, rehydration_page
from markupsafe import escape
from random_helpers import NASA_PHOTO, nasa_embed, photo_page

from tiktok_api.web.messages import MESSAGES
from tiktok_api.web.present import compact, duration

ID = "7608826249200356630"
LINK = f"https://www.tiktok.com/@emthenutritionist/video/{ID}"
PAGE = read_fixture(f"video-page-camillebrown-{ID}.html")
PHOTO = "7610426235671350549"
PHOTO_PAGE = read_fixture(f"photo-page-reflow-iqshift-{PHOTO}.html")
MARKED = "7600352599870557461"  # a page that lists the watermarked video too
MARKED_PAGE = read_fixture(f"video-page-reflow-cong99x-{MARKED}.html")


def item_of(page: bytes) -> dict:
    """The itemStruct in a universal-data page."""
    script = re.search(
        rb'__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">(.*?)</script>', page, re.S
    )
    return json.loads(script.group(1))["__DEFAULT_SCOPE__"]["webapp.video-detail"]["itemInfo"][
        "itemStruct"
    ]


def text_of(res) -> str:
    """The page's HTML as text."""
    return res.get_data(as_text=True)


def test_the_bare_page_is_the_form(client):
    res = client.get("/")
    page = text_of(res)
    assert res.status_code == 200 and res.mimetype == "text/html"
    assert '<html lang="en">' in page
    assert '<form class="ask" method="get" action="/">' in page
    assert '<label for="url">' in page and 'id="url" name="url"' in page
    assert 'id="username" name="username"' in page and '<select id="type" name="type">' in page
    assert 'href="/docs"' in page
    assert 'role="alert"' not in page


def test_a_pasted_link_shows_the_post(client, upstream):
    upstream.get(post_url(ID), body=PAGE)
    res = client.get("/", query_string={"url": LINK})
    page = text_of(res)
    item = item_of(PAGE)
    assert res.status_code == 200
    assert str(escape(item["desc"][:40])) in page
    assert f">{item['author']['nickname']}</p>" in page
    assert f">@{item['author']['uniqueId']}</a>" in page
    plays = item["stats"]["playCount"]
    assert f'title="{plays:,}"' in page and f">{compact(plays)}</dd>" in page
    assert f'<span class="duration">{duration(item["video"]["duration"])}</span>' in page
    assert f'<span class="music">{escape(item["music"]["title"])}</span>' in page
    assert f'src="/api/tiktok/media/{ID}/cover"' in page
    assert (
        f'href="/api/tiktok/media/{ID}/video?download=1" download="emthenutritionist_{ID}.mp4"'
        in page
    )
    assert "video_watermark" not in page  # this page lists no watermarked file
    assert (
        f'href="/api/tiktok/media/{ID}/music?download=1" download="emthenutritionist_{ID}.mp3"'
        in page
    )
    assert f'href="/api/tiktok/media/{ID}/cover?download=1"' in page
    assert f'value="{escape(LINK)}"' in page  # the field keeps the link
    assert len(upstream.calls) == 1


def test_the_watermarked_video_has_its_button_when_the_page_lists_it(app, client, upstream):
    upstream.get(post_url(MARKED), body=MARKED_PAGE)
    page = text_of(
        client.get("/", query_string={"url": f"https://www.tiktok.com/@x/video/{MARKED}"})
    )
    handle = app.extensions["tiktok"].resolved(MARKED).value.post.author.unique_id
    assert (
        f'href="/api/tiktok/media/{MARKED}/video_watermark?download=1" '
        f'download="{handle}_{MARKED}_watermark.mp4">Video with watermark</a>'
    ) in page


def test_a_photo_post_shows_every_slide_and_one_zip(app, client, upstream):
    upstream.get(post_url(PHOTO), body=PHOTO_PAGE)
    res = client.get("/", query_string={"url": f"https://www.tiktok.com/@iqshift/photo/{PHOTO}"})
    page = text_of(res)
    count = len(app.extensions["tiktok"].resolved(PHOTO).value.post.media.images)
    assert res.status_code == 200 and count > 1
    for n in range(1, count + 1):
        assert f'src="/api/tiktok/media/{PHOTO}/image/{n}" alt="Photo {n} of {count}"' in page
        assert f'href="/api/tiktok/media/{PHOTO}/image/{n}?download=1"' in page
    assert f'src="/api/tiktok/media/{PHOTO}/image/{count + 1}"' not in page
    assert f'href="/api/tiktok/media/{PHOTO}/images.zip?download=1"' in page
    assert f"All {count} photos (zip)" in page
    assert "/video?download=1" not in page


def test_a_caption_holding_markup_is_shown_as_text(client, upstream):
    payload = json.loads(
        re.search(rb'application/json">(\{"__DEFAULT_SCOPE__".*?)</script>', PAGE, re.S).group(1)
    )
    payload["__DEFAULT_SCOPE__"]["webapp.video-detail"]["itemInfo"]["itemStruct"]["desc"] = (
        '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & more'
    )
    upstream.get(post_url(ID), body=rehydration_page(payload))
    page = text_of(client.get("/", query_string={"url": LINK}))
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&#34;quoted&#34; &amp; more" in page


def test_a_random_post_of_an_account(client, upstream, tiktok):
    nasa_embed(upstream)
    upstream.get(post_url(NASA_PHOTO), body=photo_page())
    res = client.get("/", query_string={"username": "@nasa", "type": "photo"})
    page = text_of(res)
    assert res.status_code == 200
    assert "A random post of @nasa" in page
    assert f'src="/api/tiktok/media/{NASA_PHOTO}/image/1"' in page
    assert '<option value="photo" selected>' in page and 'value="@nasa"' in page
    assert res.headers["Cache-Control"] == "no-store"


ERRORS = [
    ({"url": "hello there"}, 400, "invalid_url"),
    ({"url": "https://www.tiktok.com/@nasa"}, 422, "not_a_post"),
    ({"username": "not a user!"}, 400, "invalid_username"),
    ({"username": "nasa", "type": "gif"}, 400, "invalid_parameter"),
]


@pytest.mark.parametrize(("query", "status", "slug"), ERRORS, ids=[e[2] for e in ERRORS])
def test_each_refused_input_reads_as_its_own_message(client, query, status, slug):
    res = client.get("/", query_string=query)
    page = text_of(res)
    title, text = MESSAGES[slug]
    assert res.status_code == status
    assert f'<div class="alert" role="alert" id="problem" data-error="{slug}">' in page
    assert str(escape(title)) in page and str(escape(text)) in page
    for name, value in query.items():
        if name != "type":
            assert f'value="{escape(value)}"' in page  # what they typed stays


UPSTREAM_ERRORS = [
    ({"body": rehydration_page(read_fixture(
        "error-video-detail-excerpt-10204-status_deleted-7550459646654418189.json"))},
     404, "post_not_found"),
    ({"status": 429}, 503, "upstream_rate_limited"),
    ({"body": read_fixture("challenge-page-waf-snaptik-2026-03.html")}, 503, "upstream_blocked"),
    ({"status": 500}, 502, "upstream_error"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("answer", "status", "slug"), UPSTREAM_ERRORS, ids=[e[2] for e in UPSTREAM_ERRORS]
)
def test_each_failure_of_tiktok_reads_as_its_own_message(upstream, answer, status, slug):
    client = build_app({"UPSTREAM_RETRIES": 0, "CHALLENGE_MAX_ITERATIONS": 3}).test_client()
    upstream.get(post_url(ID), **answer)
    res = client.get("/", query_string={"url": LINK})
    assert res.status_code == status
    assert f'data-error="{slug}"' in text_of(res)
    assert str(escape(MESSAGES[slug][0])) in text_of(res)


def test_a_bad_link_and_a_missing_post_read_differently():
    assert MESSAGES["invalid_url"] != MESSAGES["post_not_found"]
    assert len({title for title, _ in MESSAGES.values()}) >= len(MESSAGES) - 6


def test_past_the_rate_limit_the_page_says_so(upstream):
    client = build_app({"RATE_LIMIT": "2/minute"}).test_client()
    statuses = [client.get("/").status_code for _ in range(3)]
    refused = client.get("/")
    assert statuses == [200, 200, 429]
    assert refused.mimetype == "text/html" and 'data-error="rate_limited"' in text_of(refused)
    assert int(refused.headers["Retry-After"]) >= 1
    assert client.get("/static/home.css").status_code == 200  # its files are never limited


def test_the_page_loads_only_our_own_assets_under_a_strict_policy(client, upstream):
    upstream.get(post_url(ID), body=PAGE)
    res = client.get("/", query_string={"url": LINK})
    policy = res.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy and "form-action 'self'" in policy
    page = text_of(res)
    assert "<style" not in page and " style=" not in page and "<script>" not in page
    assert not re.search(r'<script(?![^>]*src="/static/)', page)
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    loaded = re.findall(r'<(?:img|script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert loaded and all(url.startswith("/") for url in loaded), loaded
    assert all(not url.startswith("//") for url in sources)


def test_the_page_and_its_files_weigh_under_100_kb(client, upstream):
    upstream.get(post_url(PHOTO), body=PHOTO_PAGE)
    page = client.get("/", query_string={"url": f"https://www.tiktok.com/@x/photo/{PHOTO}"})
    assets = [client.get(f"/static/{name}") for name in ("home.css", "home.js", "icon.svg")]
    assert all(a.status_code == 200 for a in assets)
    assert len(page.data) + sum(len(a.data) for a in assets) <= 100_000


def test_static_files_have_their_types_and_nothing_else_is_served(client):
    assert client.get("/static/home.css").mimetype == "text/css"
    assert client.get("/static/home.js").mimetype == "text/javascript"
    assert client.get("/static/icon.svg").mimetype == "image/svg+xml"
    for name in ("../config.py", "views.py", "templates", "%2e%2e%2fviews.py"):
        res = client.get(f"/static/{name}")
        assert res.status_code == 404 and res.json["error"] == "not_found"


@pytest.mark.parametrize(
    ("number", "short"),
    [(None, "–"), (0, "0"), (999, "999"), (1_000, "1K"), (12_345, "12.3K"), (999_999, "1M"),
     (6_400_000, "6.4M"), (123_456_789, "123M"), (2_500_000_000, "2.5B")],
)  # fmt: skip
def test_counts_read_compact(number, short):
    assert compact(number) == short


def test_durations_read_like_a_clock():
    assert (duration(42), duration(600), duration(3725), duration(None)) == (
        "0:42",
        "10:00",
        "1:02:05",
        None,
    )
