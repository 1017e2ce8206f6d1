"""The three post endpoints end to end in-process, upstream mocked with real pages."""

import pytest
from conftest import post_url, read_fixture, rehydration_page

VIDEO_ID = "7608826249200356630"
VIDEO_PAGE = f"video-page-camillebrown-{VIDEO_ID}.html"
VIDEO_LINK = f"https://www.tiktok.com/@emthenutritionist/video/{VIDEO_ID}"
PHOTO_ID = "7610426235671350549"
PHOTO_PAGE = f"photo-page-reflow-iqshift-{PHOTO_ID}.html"
PHOTO_LINK = f"https://www.tiktok.com/@mu33.__/photo/{PHOTO_ID}"
MEDIA = "http://localhost/api/tiktok/media"

# every page layout, as (post id, page bytes, type)
LAYOUTS = {
    "desktop": (VIDEO_ID, VIDEO_PAGE, "video"),
    "desktop-rendered": (
        "7392265874427612422",
        "video-page-rendered-dom-aqilwahid-7392265874427612422.html",
        "video",
    ),
    "reflow": (
        "7600352599870557461",
        "video-page-reflow-cong99x-7600352599870557461.html",
        "video",
    ),
    "reflow-photo": (PHOTO_ID, PHOTO_PAGE, "photo"),
    "api-data-photo": (
        "7631060535387163925",
        "photo-page-mobile-apidata-minta1234-7631060535387163925.html",
        "photo",
    ),
    "desktop-photo": (
        "7681723633164717325",
        "photo-detail-trimmed-2scraper-7681723633164717325.json",
        "photo",
    ),
    "sigi": ("7203022122757803307", "sigi-user-page-aladynjr-dylanlemay-2023-02.html", "video"),
    "next": ("6881450806688664838", "next-data-video-drawrowfly-6881450806688664838.html", "video"),
    "next-videodata": ("6807491984882765062", "next-data-video-drawrowfly-2020-03.html", "video"),
}


def _body(name: str) -> bytes:
    data = read_fixture(name)
    return rehydration_page(data) if name.endswith(".json") else data


def _get(client, path, link):
    return client.get(path, query_string={"url": link})


def test_statistic_video_fields(client, upstream, fixture):
    upstream.get(post_url(VIDEO_ID), body=fixture(VIDEO_PAGE))
    res = _get(client, "/api/tiktok/statistic", VIDEO_LINK)
    assert res.status_code == 200
    body = res.json
    assert (body["code"], body["status"], body["author"]) == (200, "success", "tests")
    assert body["docs"].endswith("/docs#statistic") and body["server_time"].endswith(" GMT")
    data = body["data"]
    assert data["id"] == VIDEO_ID and data["type"] == "video"
    assert data["url"] == f"https://www.tiktok.com/@emthenutritionist/video/{VIDEO_ID}"
    assert data["title"].startswith("15 MINUTE CREAMY THAI COCONUT COD CURRY")
    assert data["create_time"] == "2026-02-20T06:12:10Z"
    assert (data["duration"], data["region"]) == (54, "GB")
    assert data["hashtags"] == ["#healthyrecipes", "#quickrecipes"] and data["tags"] == []
    assert (data["total_play"], data["total_like"], data["total_comment"]) == (2900000, 105200, 499)
    assert (data["total_share"], data["total_save"], data["total_download"]) == (
        42400,
        124842,
        None,
    )
    author, raw = data["post_author"], data["source"]
    assert (author["id"], author["nickname"]) == ("6813808072638399493", "Emily English")
    assert author["profile"] == author["avatar"] == f"{MEDIA}/{VIDEO_ID}/avatar"
    assert "cropcenter:1080:1080" in raw["post_author"]["profile"]
    assert author["url"] == "https://www.tiktok.com/@emthenutritionist"
    assert data["thumbnail"] == f"{MEDIA}/{VIDEO_ID}/cover"
    assert raw["thumbnail"].startswith("https://p19-common-sign.tiktokcdn-us.com/")
    media = data["media"]
    assert media == {
        "no_watermark": f"{MEDIA}/{VIDEO_ID}/video",
        "watermark": None,
        "music": f"{MEDIA}/{VIDEO_ID}/music",
    }
    assert raw["media"]["no_watermark"].startswith(
        "https://v16-webapp-prime.us.tiktok.com/video/tos/"
    )
    assert raw["media"]["watermark"] is None and "mime_type=audio_mpeg" in raw["media"]["music"]
    assert len(upstream.calls) == 1


@pytest.mark.parametrize(
    "path",
    [
        "/api/tiktok/statistic",
        "/api/tiktok/statistics",
        "/api/tiktok/stats",
        "/api/tiktok/statistic/",
        "/api/tiktok/stats/",
    ],
)
def test_statistic_aliases(client, upstream, fixture, path):
    upstream.get(post_url(VIDEO_ID), body=fixture(VIDEO_PAGE))
    res = _get(client, path, VIDEO_LINK)
    assert res.status_code == 200 and res.json["data"]["total_play"] == 2900000


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("path", ["/api/tiktok/statistic", "/api/tiktok/downloader"])
def test_every_layout_through_the_endpoints(client, upstream, layout, path):
    post_id, name, kind = LAYOUTS[layout]
    upstream.get(post_url(post_id), body=_body(name))
    res = _get(client, path, f"https://www.tiktok.com/@x/video/{post_id}")
    assert res.status_code == 200, res.json
    data = res.json["data"]
    assert (data["id"], data["type"]) == (post_id, kind)
    assert data["post_author"]["nickname"]
    if kind == "video":
        assert data["media"]["no_watermark"].startswith("http")
    else:
        assert data["media"]["no_watermark"] is None and data["media"]["watermark"] is None
    assert len(upstream.calls) == 1


def test_downloader_video(client, upstream, fixture):
    upstream.get(post_url(VIDEO_ID), body=fixture(VIDEO_PAGE))
    data = _get(client, "/api/tiktok/downloader/", VIDEO_LINK).json["data"]
    assert set(data) == {
        "id",
        "url",
        "type",
        "media",
        "post_author",
        "thumbnail",
        "images",
        "subtitles",
        "source",
        "partial",
        "missing",
    }
    assert (data["partial"], data["missing"]) == (False, [])
    assert data["images"] == [] and data["media"]["no_watermark"]


def test_downloader_photo_gives_images(client, upstream, fixture):
    upstream.get(post_url(PHOTO_ID), body=fixture(PHOTO_PAGE))
    data = _get(client, "/api/tiktok/downloader", PHOTO_LINK).json["data"]
    assert data["type"] == "photo" and len(data["images"]) == 4
    assert data["media"]["no_watermark"] is None and data["media"]["watermark"] is None
    assert data["images"] == [f"{MEDIA}/{PHOTO_ID}/image/{n}" for n in range(1, 5)]
    assert "mime_type=audio_mpeg" in data["source"]["media"]["music"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/tiktok/slides",
        "/api/tiktok/images",
        "/api/tiktokslide/downloader",
        "/api/tiktok/slides/",
    ],
)
def test_slides_photo(client, upstream, fixture, path):
    upstream.get(post_url(PHOTO_ID), body=fixture(PHOTO_PAGE))
    res = _get(client, path, PHOTO_LINK)
    assert res.status_code == 200 and res.json["docs"].endswith("#slides")
    data = res.json["data"]
    raw = data["source"]["images"]
    assert len(raw) == 4 and all("~tplv-photomode-image.jpeg" in u for u in raw)
    assert (
        raw[0].split("?")[0].endswith("5adc61558c14473cb13360223465c50f~tplv-photomode-image.jpeg")
    )
    assert data["images"] == [f"{MEDIA}/{PHOTO_ID}/image/{n}" for n in range(1, 5)]
    assert data["cover"] == f"{MEDIA}/{PHOTO_ID}/cover" and data["title"].startswith("#انا_زوبعي")
    author = data["post_author"]
    assert (author["unique_id"], author["id"]) == ("mu33.__", "7076878307794568197")
    assert author["avatar"] == f"{MEDIA}/{PHOTO_ID}/avatar"
    assert set(data["media"]) == {"music"}


def test_slides_refuses_a_video(client, upstream, fixture):
    upstream.get(post_url(VIDEO_ID), body=fixture(VIDEO_PAGE))
    res = _get(client, "/api/tiktok/slides", VIDEO_LINK)
    assert res.status_code == 422 and res.json["error"] == "not_a_slideshow"
    assert res.json["data"] is None and res.json["status"] == "failed"


def test_share_text_is_accepted(client, upstream, fixture):
    upstream.get(post_url(VIDEO_ID), body=fixture(VIDEO_PAGE))
    res = _get(client, "/api/tiktok/statistic", f"Look at this {VIDEO_LINK}?_r=1 wow")
    assert res.status_code == 200 and res.json["data"]["id"] == VIDEO_ID


@pytest.mark.parametrize(
    "link",
    [
        f"https://m.tiktok.com/v/{VIDEO_ID}.html",
        f"https://www.tiktok.com/embed/v2/{VIDEO_ID}",
        f"https://www.tiktok.com/embed/{VIDEO_ID}",
        f"https://www.tiktok.com/player/v1/{VIDEO_ID}",
        f"https://www.tiktok.com/share/video/{VIDEO_ID}",
        f"https://t.tiktok.com/i18n/share/video/{VIDEO_ID}/?_d=x",
        f"tiktok.com/@emthenutritionist/video/{VIDEO_ID}",
        f"  {VIDEO_LINK}?is_from_webapp=1#x  ",
    ],
)
def test_link_forms_fetch_the_canonical_page(client, upstream, fixture, link):
    upstream.get(post_url(VIDEO_ID), body=fixture(VIDEO_PAGE))
    assert _get(client, "/api/tiktok/statistic", link).json["data"]["id"] == VIDEO_ID
    assert [c.request.url for c in upstream.calls] == [post_url(VIDEO_ID)]


def test_photo_link_is_fetched_as_video(client, upstream, fixture):
    upstream.get(post_url(PHOTO_ID), body=fixture(PHOTO_PAGE))
    assert _get(client, "/api/tiktok/slides", PHOTO_LINK).status_code == 200
    assert upstream.calls[0].request.url == post_url(PHOTO_ID)


def test_request_looks_like_a_desktop_browser(client, upstream, fixture):
    upstream.get(post_url(VIDEO_ID), body=fixture(VIDEO_PAGE))
    _get(client, "/api/tiktok/statistic", VIDEO_LINK)
    headers = upstream.calls[0].request.headers
    assert "Chrome/" in headers["User-Agent"] and headers["Accept-Language"].startswith("en-US")
    assert "text/html" in headers["Accept"]
