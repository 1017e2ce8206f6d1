"""GET/HEAD /api/tiktok/media/<post_id>/images.zip: every slide, in order, streamed."""

import io
import zipfile

from conftest import post_url
from media_support import PHOTO, calls_to, file_bytes, mock_cdn, mock_page

from tiktok_api.media.zipstream import zip_stream

ZIP_PATH = f"/api/tiktok/media/{PHOTO.post_id}/images.zip"


def mock_slides(upstream) -> list[bytes]:
    """Every slide URL of the photo page, each with its own bytes; returns them in order."""
    slides = []
    for number, url in enumerate(PHOTO.post.media.images, 1):
        body = file_bytes(f"slide {number}", 150_000 + number)
        mock_cdn(upstream, url, body, "image/jpeg")
        slides.append(body)
    return slides


def test_the_zip_holds_every_slide_in_order(client, upstream):
    mock_page(upstream, PHOTO, token="zip-token")
    slides = mock_slides(upstream)

    res = client.get(ZIP_PATH)

    assert res.status_code == 200
    assert res.headers["Content-Type"] == "application/zip"
    assert "Content-Length" not in res.headers
    archive = zipfile.ZipFile(io.BytesIO(res.data))
    assert archive.testzip() is None
    assert archive.namelist() == ["01.jpg", "02.jpg", "03.jpg", "04.jpg"]
    assert [archive.read(name) for name in archive.namelist()] == slides
    for info in archive.infolist():
        assert info.compress_type == zipfile.ZIP_STORED
        assert info.flag_bits & 0x08  # sizes in a data descriptor: written without seeking
    assert len(calls_to(upstream, post_url(PHOTO.post_id))) == 1
    for url in PHOTO.post.media.images:
        (call,) = calls_to(upstream, url)
        assert "tt_chain_token=zip-token" in call.request.headers["Cookie"]


def test_the_zip_download_is_named_after_author_and_post(client, upstream):
    mock_page(upstream, PHOTO)
    mock_slides(upstream)

    res = client.get(ZIP_PATH, query_string={"download": "1"})

    expected = 'attachment; filename="mu33.___7610426235671350549_slides.zip"'
    assert res.headers["Content-Disposition"] == expected
    assert len(zipfile.ZipFile(io.BytesIO(res.data)).namelist()) == 4


def test_a_range_on_the_zip_is_ignored(client, upstream):
    mock_page(upstream, PHOTO)
    mock_slides(upstream)

    res = client.get(ZIP_PATH, headers={"Range": "bytes=0-99"})

    assert res.status_code == 200
    assert res.headers["Accept-Ranges"] == "none"
    assert zipfile.ZipFile(io.BytesIO(res.data)).testzip() is None
    assert all("Range" not in c.request.headers for c in upstream.calls)


def test_head_on_the_zip_reads_the_page_but_no_slide(client, upstream):
    mock_page(upstream, PHOTO)

    res = client.head(ZIP_PATH, query_string={"download": "1"})

    assert res.status_code == 200
    assert res.headers["Content-Type"] == "application/zip"
    assert res.headers["Content-Disposition"].endswith('_slides.zip"')
    assert [c.request.url for c in upstream.calls] == [post_url(PHOTO.post_id)]


def test_a_slide_refused_midway_is_read_again_from_a_fresh_page(client, upstream):
    mock_page(upstream, PHOTO)
    third = PHOTO.post.media.images[2]
    upstream.get(third, status=403, body=b"Access Denied")
    slides = mock_slides(upstream)

    res = client.get(ZIP_PATH)

    archive = zipfile.ZipFile(io.BytesIO(res.data))
    assert [archive.read(name) for name in archive.namelist()] == slides
    assert len(calls_to(upstream, post_url(PHOTO.post_id))) == 2
    assert len(calls_to(upstream, third)) == 2


def test_the_zip_streams_in_pieces_no_larger_than_a_chunk():
    chunk = b"x" * 65_536
    entries = [(f"{n:02d}.jpg", iter([chunk] * 8)) for n in range(1, 4)]

    pieces = list(zip_stream(entries))

    assert max(len(p) for p in pieces) <= len(chunk) + 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(pieces)))
    assert [len(archive.read(n)) for n in archive.namelist()] == [8 * len(chunk)] * 3
