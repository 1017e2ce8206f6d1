"""The media endpoint through the running server: a cookie-less client gets the CDN's bytes."""

import hashlib
import io
import zipfile
from urllib.parse import urlsplit

import pytest
import requests

from .conftest import CLIENT_TIMEOUT, assert_envelope_error
from .standin.cdn import MEDIA_SIZE

pytestmark = pytest.mark.e2e

VIDEO, PHOTO = "7608826249200356630", "7610426235671350549"
WATERMARKED = "7528225211045481736"
# Each of these is streamed by one test only, so no worker holds its page in the media cache yet.
COUNTED, EXPIRED, REFUSED = "7526770564367748360", "7600352599870557461", "7568858748001750279"
SLIDES = 4


def media_path(post_id: str, kind: str) -> str:
    """Our link for one file of a post."""
    return f"/api/tiktok/media/{post_id}/{kind}"


def page_path(post_id: str) -> str:
    """The page the service reads for a post."""
    return f"/@_/video/{post_id}"


@pytest.fixture(scope="module")
def sources(api) -> dict[str, dict]:
    """TikTok's own URLs (data.source) for every post these tests stream."""
    found = {}
    for post_id in (VIDEO, PHOTO, WATERMARKED, COUNTED, EXPIRED, REFUSED):
        link = f"https://www.tiktok.com/@_/video/{post_id}"
        found[post_id] = api.get("/api/tiktok/downloader", url=link).json()["data"]["source"]
    return found


def source_url(sources: dict, post_id: str, kind: str) -> str:
    """The CDN URL TikTok's page lists for one kind of file."""
    source = sources[post_id]
    if kind.startswith("image/"):
        return source["images"][int(kind.removeprefix("image/")) - 1]
    if kind == "cover":
        return source["thumbnail"]
    if kind == "avatar":
        return source["post_author"]["avatar"]
    field = {"video": "no_watermark", "video_watermark": "watermark"}.get(kind, kind)
    return source["media"][field]


def fetch(api, path: str, method: str = "GET", **headers: str) -> requests.Response:
    """One request to our server from a browser-like client holding no TikTok cookie."""
    assert not api.session.cookies
    headers = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"} | headers
    url = api.base_url + path
    return api.session.request(method, url, headers=headers, timeout=CLIENT_TIMEOUT)


def from_cdn(browser, post_id: str, url: str, **headers: str) -> requests.Response:
    """The file straight from the stand-in's CDN, with the cookie of the post's page."""
    browser.get(f"https://www.tiktok.com{page_path(post_id)}", timeout=CLIENT_TIMEOUT)
    return browser.get(url, headers=headers, timeout=CLIENT_TIMEOUT)


def upstream_calls(standin) -> list[tuple[str, str | None]]:
    """What the service asked TikTok for: ("page", None) or ("cdn", Range)."""
    calls = []
    for entry in standin.requests():
        page = entry["host"] == "www.tiktok.com" and entry["path"].startswith("/@_/video/")
        calls.append(("page", None) if page else ("cdn", entry["range"]))
    return calls


def cdn_requests(standin, url: str) -> list[dict]:
    """The stand-in's log entries for one CDN file."""
    parts = urlsplit(url)
    return [
        entry
        for entry in standin.requests()
        if entry["host"] == parts.hostname and urlsplit(entry["path"]).path == parts.path
    ]


KINDS = [
    (VIDEO, "video", "video/mp4"),
    (WATERMARKED, "video_watermark", "video/mp4"),
    (VIDEO, "music", "audio/mpeg"),
    (VIDEO, "cover", "image/jpeg"),
    (VIDEO, "avatar", "image/jpeg"),
    (PHOTO, "image/1", "image/jpeg"),
    (PHOTO, f"image/{SLIDES}", "image/jpeg"),
    (PHOTO, "music", "audio/mpeg"),
]


@pytest.mark.parametrize(("post_id", "kind", "content_type"), KINDS)
def test_each_kind_is_the_cdn_file(api, standin, browser, sources, post_id, kind, content_type):
    url = source_url(sources, post_id, kind)
    res = fetch(api, media_path(post_id, kind))
    assert res.status_code == 200, res.text[:500]
    assert res.headers["Content-Type"] == content_type
    assert res.headers["Content-Length"] == str(MEDIA_SIZE)
    assert res.headers["Accept-Ranges"] == "bytes"
    assert "Set-Cookie" not in res.headers
    (cdn,) = cdn_requests(standin, url)
    if "tk=tt_chain_token" in url:  # the videos: bound to the page's cookie
        assert "tt_chain_token" in cdn["cookies"]
    direct = from_cdn(browser, post_id, url)
    assert res.content == direct.content
    assert len(res.content) == MEDIA_SIZE
    assert res.headers["ETag"] == direct.headers["ETag"]
    assert res.headers["Last-Modified"] == direct.headers["Last-Modified"]


def test_tiktok_link_needs_the_page_cookie_ours_does_not(api, browser, sources):
    url = sources[VIDEO]["media"]["no_watermark"]
    assert "tk=tt_chain_token" in url
    refused = browser.get(url, timeout=CLIENT_TIMEOUT)
    assert refused.status_code == 403
    assert b"Access Denied" in refused.content
    ours = fetch(api, media_path(VIDEO, "video"))
    assert ours.status_code == 200
    assert ours.content == from_cdn(browser, VIDEO, url).content


def test_slides_zip_holds_every_slide_in_order(api, standin, browser, sources):
    res = fetch(api, media_path(PHOTO, "images.zip") + "?download=1")
    assert res.status_code == 200, res.text[:500]
    assert res.headers["Content-Type"] == "application/zip"
    disposition = 'attachment; filename="mu33.___7610426235671350549_slides.zip"'
    assert res.headers["Content-Disposition"] == disposition
    urls = sources[PHOTO]["images"]
    assert len(urls) == SLIDES
    cdn_paths = [urlsplit(e["path"]).path for e in standin.requests() if "photomode" in e["path"]]
    assert cdn_paths == [urlsplit(url).path for url in urls]
    archive = zipfile.ZipFile(io.BytesIO(res.content))
    assert archive.testzip() is None
    assert archive.namelist() == [f"{n:02d}.jpg" for n in range(1, SLIDES + 1)]
    for name, url in zip(archive.namelist(), urls, strict=True):
        assert archive.read(name) == from_cdn(browser, PHOTO, url).content


RANGES = [
    ("bytes=0-99", 0, 100),
    ("bytes=100000-100999", 100000, 101000),
    ("bytes=-500", MEDIA_SIZE - 500, MEDIA_SIZE),
    (f"bytes={MEDIA_SIZE - 10}-", MEDIA_SIZE - 10, MEDIA_SIZE),
    (f"bytes=0-{MEDIA_SIZE * 2}", 0, MEDIA_SIZE),
]


@pytest.mark.parametrize(("wanted", "start", "stop"), RANGES)
def test_range_is_passed_through(api, standin, browser, sources, wanted, start, stop):
    url = sources[VIDEO]["media"]["no_watermark"]
    res = fetch(api, media_path(VIDEO, "video"), Range=wanted)
    assert res.status_code == 206, res.text[:500]
    assert res.headers["Content-Range"] == f"bytes {start}-{stop - 1}/{MEDIA_SIZE}"
    assert res.headers["Content-Length"] == str(stop - start)
    assert [entry["range"] for entry in cdn_requests(standin, url)] == [wanted]
    assert res.content == from_cdn(browser, VIDEO, url).content[start:stop]


@pytest.mark.parametrize(
    "wanted", [f"bytes={MEDIA_SIZE}-", f"bytes={MEDIA_SIZE + 5}-{MEDIA_SIZE + 9}"]
)
def test_range_past_the_end_is_416(api, wanted):
    res = fetch(api, media_path(VIDEO, "video"), Range=wanted)
    assert_envelope_error(res, 416, "range_not_satisfiable")
    assert res.headers["Content-Range"] == f"bytes */{MEDIA_SIZE}"


def test_head_reads_one_byte_and_tells_the_whole_length(api, standin, sources):
    res = fetch(api, media_path(VIDEO, "video") + "?download=1", method="HEAD")
    assert res.status_code == 200
    assert res.content == b""
    assert res.headers["Content-Length"] == str(MEDIA_SIZE)
    assert res.headers["Content-Type"] == "video/mp4"
    assert res.headers["Accept-Ranges"] == "bytes"
    disposition = 'attachment; filename="emthenutritionist_7608826249200356630.mp4"'
    assert res.headers["Content-Disposition"] == disposition
    cdn = cdn_requests(standin, sources[VIDEO]["media"]["no_watermark"])
    assert [(entry["method"], entry["range"]) for entry in cdn] == [("GET", "bytes=0-0")]


DOWNLOADS = [
    (VIDEO, "video", "emthenutritionist_7608826249200356630.mp4"),
    (VIDEO, "music", "emthenutritionist_7608826249200356630.mp3"),
    (VIDEO, "cover", "emthenutritionist_7608826249200356630_cover.jpg"),
    (WATERMARKED, "video_watermark", "m.anhmlem_7528225211045481736_watermark.mp4"),
    (PHOTO, "image/2", "mu33.___7610426235671350549_2.jpg"),
]


@pytest.mark.parametrize(("post_id", "kind", "filename"), DOWNLOADS)
def test_download_names_the_file(api, post_id, kind, filename):
    res = fetch(api, media_path(post_id, kind) + "?download=1", Range="bytes=0-15")
    assert res.status_code == 206, res.text[:500]
    assert res.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert len(res.content) == 16


@pytest.mark.parametrize(
    ("post_id", "kind"), [(VIDEO, "image/1"), (PHOTO, "video"), (PHOTO, f"image/{SLIDES + 1}")]
)
def test_a_file_the_post_lacks_is_not_found(api, standin, post_id, kind):
    assert_envelope_error(fetch(api, media_path(post_id, kind)), 404, "media_not_found")
    assert {call for call, _ in upstream_calls(standin)} <= {"page"}


def test_expired_link_is_read_again_from_a_fresh_page(api, standin, browser, sources):
    url = sources[EXPIRED]["media"]["no_watermark"]
    standin.inject(f"media:{urlsplit(url).hostname}", "status", status=403, times=1)
    res = fetch(api, media_path(EXPIRED, "video"))
    assert res.status_code == 200, res.text[:500]
    assert upstream_calls(standin) == [("page", None), ("cdn", None)] * 2
    tokens = [entry["cookies"]["tt_chain_token"] for entry in cdn_requests(standin, url)]
    assert len(set(tokens)) == 2  # the retry carries the fresh page's cookie
    assert res.content == from_cdn(browser, EXPIRED, url).content


def test_link_refused_even_when_fresh_is_media_unavailable(api, standin, sources):
    url = sources[REFUSED]["media"]["no_watermark"]
    standin.inject(f"media:{urlsplit(url).hostname}", "status", status=403)
    assert_envelope_error(fetch(api, media_path(REFUSED, "video")), 502, "media_unavailable")
    assert upstream_calls(standin) == [("page", None), ("cdn", None)] * 2


LARGE = 24 * 1024 * 1024 + 7


def digest(response: requests.Response) -> tuple[int, str]:
    """Length and SHA-256 of a streamed body."""
    hasher, size = hashlib.sha256(), 0
    for chunk in response.iter_content(1024 * 1024):
        hasher.update(chunk)
        size += len(chunk)
    return size, hasher.hexdigest()


def test_large_file_streams_whole_and_by_range(api, standin, browser, sources):
    url = sources[VIDEO]["media"]["no_watermark"]
    standin.serve_size(url, LARGE)
    head = fetch(api, media_path(VIDEO, "video"), method="HEAD")
    assert head.headers["Content-Length"] == str(LARGE)
    link = api.base_url + media_path(VIDEO, "video")
    with api.session.get(link, stream=True, timeout=CLIENT_TIMEOUT) as ours:
        assert ours.headers["Content-Length"] == str(LARGE)
        received = digest(ours)
    browser.get(f"https://www.tiktok.com{page_path(VIDEO)}", timeout=CLIENT_TIMEOUT)
    with browser.get(url, stream=True, timeout=CLIENT_TIMEOUT) as direct:
        assert received == digest(direct) and received[0] == LARGE
    middle = f"bytes={LARGE // 2}-{LARGE // 2 + 99_999}"
    part = fetch(api, media_path(VIDEO, "video"), Range=middle)
    assert part.status_code == 206
    assert part.content == from_cdn(browser, VIDEO, url, Range=middle).content
    assert len(part.content) == 100_000


def test_every_rendition_and_subtitle_track_streams_through_us(api, standin, browser):
    link = f"https://www.tiktok.com/@_/video/{VIDEO}"
    data = api.get("/api/tiktok/downloader", url=link).json()["data"]
    renditions, tracks = data["media"]["renditions"], data["subtitles"]
    raw = data["source"]["media"]["renditions"] + data["source"]["subtitles"]
    assert len(renditions) >= 3 and len(tracks) >= 1
    ours = [r["url"] for r in renditions] + [t["url"] for t in tracks]
    for path, url in zip(ours, raw, strict=True):
        res = fetch(api, urlsplit(path).path)
        assert res.status_code == 200, (path, res.text[:300])
        assert res.content == from_cdn(browser, VIDEO, url).content
        assert len(res.content) == MEDIA_SIZE
        if "/subtitles/" in path:
            assert res.headers["Content-Type"] == "text/vtt; charset=utf-8"
        else:
            assert res.headers["Content-Type"] == "video/mp4"
    ranged = fetch(api, urlsplit(renditions[-1]["url"]).path, Range="bytes=100-199")
    assert ranged.status_code == 206 and len(ranged.content) == 100
    picked = api.get("/api/tiktok/downloader", url=link, quality="smallest").json()["data"]
    smallest = min(renditions, key=lambda r: r["size"])
    assert picked["media"]["no_watermark"] == smallest["url"]
