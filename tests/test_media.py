"""GET/HEAD /api/tiktok/media/<post_id>/<kind>: every kind, Range, HEAD, downloads, errors."""

import pytest
from media_support import (
    PHOTO,
    REFERER,
    VIDEO,
    VIDEO_WITH_WATERMARK,
    calls_to,
    file_bytes,
    mock_cdn,
    mock_page,
)

from tiktok_api.config import DESKTOP_USER_AGENT


def media_path(post_id: str, kind: str) -> str:
    """Our media link for one file of a post."""
    return f"/api/tiktok/media/{post_id}/{kind}"


def upstream_url(page, kind: str) -> str:
    """The CDN URL the page holds for a kind."""
    media, author = page.post.media, page.post.author
    if kind.startswith("image/"):
        return media.images[int(kind.split("/")[1]) - 1]
    return {
        "video": media.no_watermark,
        "video_watermark": media.watermark,
        "music": media.music,
        "cover": media.cover,
        "avatar": author.avatar,
    }[kind]


KINDS = [
    (VIDEO, "video", "video/mp4"),
    (VIDEO_WITH_WATERMARK, "video_watermark", "video/mp4"),
    (VIDEO, "music", "audio/mpeg"),
    (VIDEO, "cover", "image/jpeg"),
    (VIDEO, "avatar", "image/jpeg"),
    (PHOTO, "image/1", "image/jpeg"),
    (PHOTO, "image/4", "image/jpeg"),
    (PHOTO, "music", "audio/mpeg"),
]


@pytest.mark.parametrize(("page", "kind", "content_type"), KINDS)
def test_each_kind_streams_the_cdn_file_with_the_page_cookies(
    client, upstream, page, kind, content_type
):
    url, body = upstream_url(page, kind), file_bytes(kind)
    mock_page(upstream, page, token="token-from-the-page")
    mock_cdn(upstream, url, body, content_type, etag='"abc123"')

    res = client.get(media_path(page.post_id, kind))

    assert res.status_code == 200
    assert res.data == body
    assert res.headers["Content-Type"] == content_type
    assert res.headers["Content-Length"] == str(len(body))
    assert res.headers["Accept-Ranges"] == "bytes"
    assert res.headers["ETag"] == '"abc123"'
    assert res.headers["Last-Modified"] == "Tue, 24 Nov 2026 10:00:00 GMT"
    assert "Content-Disposition" not in res.headers
    assert len(upstream.calls) == 2
    (cdn_call,) = calls_to(upstream, url)
    sent = cdn_call.request.headers
    assert "tt_chain_token=token-from-the-page" in sent["Cookie"]
    assert sent["Referer"] == REFERER
    assert sent["User-Agent"] == DESKTOP_USER_AGENT
    assert "Range" not in sent


RANGES = [
    ("bytes=0-99", 0, 100),
    ("bytes=1000-1999", 1000, 2000),
    ("bytes=-500", 199_500, 200_000),
    ("bytes=150000-", 150_000, 200_000),
]


@pytest.mark.parametrize(("wanted", "start", "stop"), RANGES)
def test_range_passes_through(client, upstream, wanted, start, stop):
    url, body = VIDEO.post.media.no_watermark, file_bytes("video")
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, url, body, "video/mp4")

    res = client.get(media_path(VIDEO.post_id, "video"), headers={"Range": wanted})

    assert res.status_code == 206
    assert res.data == body[start:stop]
    assert res.headers["Content-Range"] == f"bytes {start}-{stop - 1}/{len(body)}"
    assert res.headers["Content-Length"] == str(stop - start)
    assert calls_to(upstream, url)[0].request.headers["Range"] == wanted


def test_range_past_the_end_is_416_with_the_file_size(client, upstream):
    url, body = VIDEO.post.media.no_watermark, file_bytes("video")
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, url, body, "video/mp4")

    res = client.get(media_path(VIDEO.post_id, "video"), headers={"Range": "bytes=200000-"})

    assert res.status_code == 416
    assert res.json["error"] == "range_not_satisfiable"
    assert res.headers["Content-Range"] == f"bytes */{len(body)}"
    assert len(calls_to(upstream, url)) == 1


@pytest.mark.parametrize("wanted", ["bytes=0-1,5-9", "bytes=9-2", "pages=1-2", "bytes=abc"])
def test_unusable_range_is_ignored_and_the_whole_file_sent(client, upstream, wanted):
    url, body = VIDEO.post.media.no_watermark, file_bytes("video")
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, url, body, "video/mp4")

    res = client.get(media_path(VIDEO.post_id, "video"), headers={"Range": wanted})

    assert res.status_code == 200
    assert res.data == body
    assert "Range" not in calls_to(upstream, url)[0].request.headers


def test_head_reports_the_whole_file_from_a_one_byte_probe(client, upstream):
    url, body = VIDEO.post.media.no_watermark, file_bytes("video")
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, url, body, "video/mp4")

    res = client.head(media_path(VIDEO.post_id, "video"))

    assert res.status_code == 200
    assert res.data == b""
    assert res.headers["Content-Length"] == str(len(body))
    assert res.headers["Content-Type"] == "video/mp4"
    assert res.headers["Accept-Ranges"] == "bytes"
    assert "Content-Range" not in res.headers
    assert calls_to(upstream, url)[0].request.headers["Range"] == "bytes=0-0"


def test_head_with_a_range_answers_that_range(client, upstream):
    url, body = VIDEO.post.media.no_watermark, file_bytes("video")
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, url, body, "video/mp4")

    res = client.head(media_path(VIDEO.post_id, "video"), headers={"Range": "bytes=0-0"})

    assert res.status_code == 206
    assert res.headers["Content-Range"] == f"bytes 0-0/{len(body)}"
    assert res.data == b""


DOWNLOADS = [
    (VIDEO, "video", "video/mp4", "emthenutritionist_7608826249200356630.mp4"),
    (VIDEO, "music", "audio/mpeg", "emthenutritionist_7608826249200356630.mp3"),
    (VIDEO, "cover", "image/webp", "emthenutritionist_7608826249200356630_cover.webp"),
    (VIDEO, "avatar", "image/jpeg", "emthenutritionist_7608826249200356630_avatar.jpg"),
    (
        VIDEO_WITH_WATERMARK,
        "video_watermark",
        "video/mp4",
        "sammy.becool_7600352599870557461_watermark.mp4",
    ),
    (PHOTO, "image/2", "image/jpeg", "mu33.___7610426235671350549_2.jpg"),
    (PHOTO, "music", "audio/mp4", "mu33.___7610426235671350549.m4a"),
]


@pytest.mark.parametrize(("page", "kind", "content_type", "filename"), DOWNLOADS)
def test_download_names_the_file_after_author_and_post(
    client, upstream, page, kind, content_type, filename
):
    mock_page(upstream, page)
    mock_cdn(upstream, upstream_url(page, kind), file_bytes(kind, 1000), content_type)

    res = client.get(media_path(page.post_id, kind), query_string={"download": "1"})

    assert res.status_code == 200
    assert res.headers["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_a_non_media_content_type_is_not_passed_on(client, upstream):
    url = VIDEO.post.media.cover
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, url, b"<html><script>alert(1)</script></html>", "text/html")

    res = client.get(media_path(VIDEO.post_id, "cover"))

    assert res.headers["Content-Type"] == "image/jpeg"
    assert res.headers["X-Content-Type-Options"] == "nosniff"


MISSING = [
    (VIDEO, "image/1", "This post is a video; it has no slides."),
    (VIDEO, "video_watermark", "This post has no video watermark."),
    (PHOTO, "video", "This post is a photo slideshow; it has no video."),
    (PHOTO, "image/5", "This post has 4 slides; ask for image/1 to image/4."),
    (PHOTO, "image/0", "This post has 4 slides; ask for image/1 to image/4."),
    (VIDEO, "images.zip", "This post is a video; it has no slides."),
]


@pytest.mark.parametrize(("page", "kind", "message"), MISSING)
def test_a_kind_the_post_lacks_is_media_not_found(client, upstream, page, kind, message):
    mock_page(upstream, page)

    res = client.get(media_path(page.post_id, kind))

    assert res.status_code == 404
    assert res.json["error"] == "media_not_found"
    assert res.json["message"] == message
    assert len(upstream.calls) == 1


@pytest.mark.parametrize("post_id", ["123", "76088262492003566300", "9999999999999999999", "abc"])
def test_bad_post_id_is_invalid_url_without_upstream_calls(client, upstream, post_id):
    res = client.get(media_path(post_id, "video"))
    assert res.status_code == 400
    assert res.json["error"] == "invalid_url"
    assert len(upstream.calls) == 0


@pytest.mark.parametrize("kind", ["thumbnail", "image", "image/x", "image/-1", "VIDEO", "a/b/c"])
def test_unknown_kind_is_404_without_upstream_calls(client, upstream, kind):
    res = client.get(media_path(VIDEO.post_id, kind))
    assert res.status_code == 404
    assert res.json["error"] == "not_found"
    assert len(upstream.calls) == 0


def test_post_errors_pass_through(client, upstream, fixture):
    error_page = fixture("error-video-page-10204-ca74ca.html")
    upstream.get(f"https://www.tiktok.com/@_/video/{VIDEO.post_id}", body=error_page)

    res = client.get(media_path(VIDEO.post_id, "video"))

    assert res.status_code == 404
    assert res.json["error"] == "post_not_found"
