"""The media proxy's bounds: concurrent streams, bytes per stream, the client leaving."""

import io
import tracemalloc
import zipfile

import pytest
from conftest import build_app
from media_support import PHOTO, VIDEO, calls_to, file_bytes, mock_cdn, mock_page

from tiktok_api.media.stream import CHUNK, StreamCut

VIDEO_PATH = f"/api/tiktok/media/{VIDEO.post_id}/video"


def make_client(**config):
    """A test client for an app with these settings."""
    return build_app(config).test_client()


def test_streams_over_the_cap_get_503_with_retry_after(upstream):
    client = make_client(MEDIA_MAX_STREAMS=1, MEDIA_RETRY_AFTER=7)
    url, body = VIDEO.post.media.no_watermark, file_bytes("video")
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, url, body, "video/mp4")

    first = client.get(VIDEO_PATH, buffered=False)
    busy = client.get(VIDEO_PATH)
    first.close()
    after = client.get(VIDEO_PATH)

    assert first.status_code == 200
    assert busy.status_code == 503
    assert busy.json["error"] == "media_busy"
    assert busy.headers["Retry-After"] == "7"
    assert after.status_code == 200
    assert after.data == body
    assert len(calls_to(upstream, url)) == 2  # the refused request made no upstream call


def test_a_failed_request_gives_its_slot_back(upstream):
    client = make_client(MEDIA_MAX_STREAMS=1)
    mock_page(upstream, VIDEO)
    upstream.get(VIDEO.post.media.no_watermark, status=500)

    statuses = [client.get(VIDEO_PATH).status_code for _ in range(3)]

    assert statuses == [502, 502, 502]


def test_a_declared_length_over_the_byte_cap_is_refused_before_streaming(upstream):
    client = make_client(MEDIA_MAX_BYTES=100_000)
    url = VIDEO.post.media.no_watermark
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, url, file_bytes("video", 100_001), "video/mp4")

    res = client.get(VIDEO_PATH)

    assert res.status_code == 502
    assert res.json["error"] == "media_too_large"
    assert calls_to(upstream, url)[0].response.raw.closed


def test_a_range_under_the_byte_cap_is_served(upstream):
    client = make_client(MEDIA_MAX_BYTES=100_000)
    url, body = VIDEO.post.media.no_watermark, file_bytes("video", 300_000)
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, url, body, "video/mp4")

    res = client.get(VIDEO_PATH, headers={"Range": "bytes=200000-299999"})

    assert res.status_code == 206
    assert res.data == body[200_000:]


def test_head_over_the_byte_cap_is_refused(upstream):
    client = make_client(MEDIA_MAX_BYTES=100_000)
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, VIDEO.post.media.no_watermark, file_bytes("video", 300_000), "video/mp4")

    res = client.head(VIDEO_PATH)

    assert res.status_code == 502
    assert res.headers["Content-Type"] == "application/json"


def test_an_undeclared_length_is_cut_at_the_byte_cap(upstream):
    cap = 3 * CHUNK + 10
    client = make_client(MEDIA_MAX_BYTES=cap)
    url = VIDEO.post.media.no_watermark
    mock_page(upstream, VIDEO)
    upstream.get(url, body=file_bytes("video", 10 * CHUNK), content_type="video/mp4")

    res = client.get(VIDEO_PATH, buffered=False)
    received = 0
    with pytest.raises(StreamCut):
        for piece in res.response:
            received += len(piece)

    assert received <= cap
    assert calls_to(upstream, url)[0].response.raw.closed


def test_a_zip_is_cut_at_the_byte_cap(upstream):
    client = make_client(MEDIA_MAX_BYTES=250_000)
    mock_page(upstream, PHOTO)
    for url in PHOTO.post.media.images:
        mock_cdn(upstream, url, file_bytes(url, 100_000), "image/jpeg")

    res = client.get(f"/api/tiktok/media/{PHOTO.post_id}/images.zip", buffered=False)

    with pytest.raises(StreamCut):
        b"".join(res.response)
    assert len(calls_to(upstream, PHOTO.post.media.images[3])) == 0


def test_the_upstream_is_closed_when_the_client_goes_away(upstream):
    client = make_client(MEDIA_MAX_STREAMS=1)
    url, body = VIDEO.post.media.no_watermark, file_bytes("video", 10 * CHUNK)
    mock_page(upstream, VIDEO)
    mock_cdn(upstream, url, body, "video/mp4")

    res = client.get(VIDEO_PATH, buffered=False)
    first = next(iter(res.response))
    cdn_response = calls_to(upstream, url)[0].response
    assert not cdn_response.raw.closed
    res.close()

    assert first == body[:CHUNK]
    assert cdn_response.raw.closed
    assert client.get(VIDEO_PATH).status_code == 200  # and the slot is free again


def test_a_zip_left_early_closes_the_slide_being_read(upstream):
    client = make_client()
    mock_page(upstream, PHOTO)
    for url in PHOTO.post.media.images:
        mock_cdn(upstream, url, file_bytes(url, 4 * CHUNK), "image/jpeg")

    res = client.get(f"/api/tiktok/media/{PHOTO.post_id}/images.zip", buffered=False)
    pieces = iter(res.response)
    next(pieces)
    next(pieces)
    res.close()

    first_slide = calls_to(upstream, PHOTO.post.media.images[0])[0].response
    assert first_slide.raw.closed
    assert len(calls_to(upstream, PHOTO.post.media.images[1])) == 0


def test_a_complete_zip_under_the_cap(upstream):
    client = make_client(MEDIA_MAX_BYTES=1_000_000)
    mock_page(upstream, PHOTO)
    for url in PHOTO.post.media.images:
        mock_cdn(upstream, url, file_bytes(url, 100_000), "image/jpeg")

    res = client.get(f"/api/tiktok/media/{PHOTO.post_id}/images.zip")

    assert len(zipfile.ZipFile(io.BytesIO(res.data)).namelist()) == 4


def test_streaming_memory_does_not_grow_with_the_file(upstream, tmp_path):
    size = 48 * 1024 * 1024
    path = tmp_path / "video.mp4"
    with path.open("wb") as out:
        for n in range(size // CHUNK):
            out.write(bytes([n % 256]) * CHUNK)
    client = make_client(MEDIA_MAX_BYTES=size)
    url = VIDEO.post.media.no_watermark
    mock_page(upstream, VIDEO)
    headers = {"Content-Type": "video/mp4", "Content-Length": str(size)}
    upstream.add_callback("GET", url, callback=lambda _: (200, headers, path.open("rb")))

    res = client.get(VIDEO_PATH, buffered=False)
    tracemalloc.start()
    try:
        received = sum(len(piece) for piece in res.response)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        res.close()

    assert received == size
    assert peak < 16 * CHUNK  # a few chunks in flight, never the file
