"""Support for the media tests: posts read from real pages, a CDN mock that honours Range."""

import hashlib
from dataclasses import dataclass

from conftest import post_url, read_fixture
from werkzeug.http import parse_range_header

from tiktok_api.domain.mapping import map_post
from tiktok_api.domain.models import Post
from tiktok_api.domain.page_data import find_post

REFERER = "https://www.tiktok.com/"


@dataclass(frozen=True)
class Page:
    """A real captured post page and the post our mapping reads from it."""

    post_id: str
    name: str

    @property
    def body(self) -> bytes:
        """The page bytes."""
        return read_fixture(self.name.format(self.post_id))

    @property
    def post(self) -> Post:
        """The post (with the CDN URLs) the page holds."""
        return map_post(find_post(self.body, self.post_id), self.post_id)


VIDEO = Page("7608826249200356630", "video-page-camillebrown-{}.html")
VIDEO_WITH_WATERMARK = Page("7600352599870557461", "video-page-reflow-cong99x-{}.html")
PHOTO = Page("7610426235671350549", "photo-page-reflow-iqshift-{}.html")


def file_bytes(label: str, size: int = 200_000) -> bytes:
    """Deterministic, distinct bytes standing in for one CDN file."""
    seed = hashlib.sha256(label.encode()).digest()
    return (seed * (size // len(seed) + 1))[:size]


def mock_page(upstream, page: Page, token: str = "chain-token-1") -> None:
    """The post page, setting the tt_chain_token cookie the CDN asks for."""
    cookie = f"tt_chain_token={token}; Domain=.tiktok.com; Path=/; Secure"
    upstream.get(post_url(page.post_id), body=page.body, headers={"Set-Cookie": cookie})


def cdn_file(body: bytes, content_type: str, etag: str = '"v1"'):
    """A responses callback that serves `body` like TikTok's CDN: Range, 206/416, validators."""

    def serve(request):
        headers = {
            "Content-Type": content_type,
            "Accept-Ranges": "bytes",
            "ETag": etag,
            "Last-Modified": "Tue, 24 Nov 2026 10:00:00 GMT",
        }
        size = len(body)
        wanted = request.headers.get("Range")
        if not wanted:
            return 200, headers | {"Content-Length": str(size)}, body
        span = parse_range_header(wanted).range_for_length(size)
        if span is None:
            return 416, {"Content-Range": f"bytes */{size}"}, b""
        start, stop = span
        headers |= {"Content-Range": f"bytes {start}-{stop - 1}/{size}"}
        return 206, headers | {"Content-Length": str(stop - start)}, body[start:stop]

    return serve


def mock_cdn(upstream, url: str, body: bytes, content_type: str, **kwargs) -> None:
    """Serve one CDN URL with Range support."""
    upstream.add_callback("GET", url, callback=cdn_file(body, content_type, **kwargs))


def calls_to(upstream, url: str) -> list:
    """The recorded upstream calls to exactly `url`."""
    return [c for c in upstream.calls if c.request.url == url]
