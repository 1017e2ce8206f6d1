"""Flask responses for media: one file streamed through, a HEAD probe, a zip of every slide."""

import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import requests
import urllib3
from flask import Request, Response
from werkzeug.http import parse_range_header

from ..domain.errors import MediaNotFound, MediaTooLarge
from ..domain.links import validate_post_id
from ..domain.media_kinds import ZIP_KIND, content_type, download_name, extension, slide_kind
from ..domain.models import Post
from ..metrics import MEDIA_BYTES
from ..service import TikTok
from .slots import StreamSlots
from .upstream import MediaSource
from .zipstream import zip_stream

log = logging.getLogger(__name__)

# Large enough that the per-chunk Python work (reads, generators, one send) stays small beside
# TLS decryption: 256 KiB took a fifth less worker CPU than 64 KiB in bench/media.py, and a
# stream still holds only a chunk or two.
CHUNK = 256 * 1024
FORWARDED = (
    "Content-Length",
    "Content-Range",
    "Accept-Ranges",
    "ETag",
    "Last-Modified",
    "Content-Encoding",
)
CONDITIONAL = ("If-Range", "If-None-Match", "If-Modified-Since")
_TOTAL = re.compile(r"^bytes \d+-\d+/(\d+)$")


class StreamCut(Exception):
    """A stream stopped midway (byte cap, or TikTok broke off); the client sees a cut body."""


class Budget:
    """The bytes one stream may still send, and until when it may send them."""

    def __init__(self, limit: int, seconds: float = float("inf")):
        self.left = limit
        self.deadline = time.monotonic() + seconds

    def spend(self, size: int) -> None:
        """Count bytes sent; past the byte cap or the stream's deadline the stream is cut."""
        self.left -= size
        if self.left < 0:
            raise StreamCut("The stream passed the per-stream byte cap.")
        if time.monotonic() > self.deadline:
            raise StreamCut("The stream passed its time limit (MEDIA_STREAM_TIMEOUT).")


def client_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The client's Range (one byte range, normalised) and conditional headers, nothing else."""
    sent = {}
    ranges = parse_range_header(headers.get("Range"))
    if ranges is not None and ranges.units == "bytes" and len(ranges.ranges) == 1:
        sent["Range"] = ranges.to_header()
    for name in CONDITIONAL:
        value = headers.get(name, "")
        if value and len(value) <= 200 and value.isprintable():
            sent[name] = value
    return sent


def wants_download(args: Mapping[str, str]) -> bool:
    """True for ?download=1 (or true/yes)."""
    return args.get("download", "").strip().lower() in ("1", "true", "yes")


def chunks(upstream: requests.Response, budget: Budget, decode: bool = False) -> Iterator[bytes]:
    """The upstream body in fixed-size chunks; the upstream is closed however the stream ends."""
    try:
        for chunk in upstream.raw.stream(CHUNK, decode_content=decode):
            budget.spend(len(chunk))
            MEDIA_BYTES.inc(len(chunk))
            yield chunk
    except (urllib3.exceptions.HTTPError, OSError) as error:
        log.warning("media stream broke off: %s", error)
        raise StreamCut("TikTok's CDN broke off the stream.") from error
    finally:
        upstream.close()


def _releasing(body: Iterable[bytes], release: Callable[[], None]) -> Iterator[bytes]:
    """The body, giving the stream slot back as soon as it ends (or the client leaves)."""
    try:
        yield from body
    finally:
        release()


class MediaProxy:
    """Answers /api/tiktok/media/...: checks the request, holds a stream slot, streams the file."""

    def __init__(self, config: Mapping[str, Any], tiktok: TikTok):
        self.source = MediaSource(config, tiktok)
        self.slots = StreamSlots(
            config["MEDIA_MAX_STREAMS"],
            config["MEDIA_MAX_STREAMS_PER_CLIENT"],
            config["MEDIA_RETRY_AFTER"],
        )
        self.max_bytes = config["MEDIA_MAX_BYTES"]
        self.max_seconds = config["MEDIA_STREAM_TIMEOUT"]

    def respond(self, post_id: str, kind: str, request: Request) -> Response:
        """The response for one media request; the slot is held until the body is done."""
        validate_post_id(post_id)
        slot = self.slots.acquire(request.remote_addr or "")
        response = None
        try:
            if kind == ZIP_KIND:
                response = self._zip(post_id, request)
            else:
                response = self._file(post_id, kind, request)
        finally:
            if response is None or request.method == "HEAD":
                slot.release()
        response.response = _releasing(response.response, slot.release)
        response.call_on_close(slot.release)
        return response

    def _file(self, post_id: str, kind: str, request: Request) -> Response:
        """One file, its status and headers passed on; HEAD reads no body."""
        sent = client_headers(request.headers)
        head = request.method == "HEAD"
        probe = head and "Range" not in sent
        if probe:
            sent["Range"] = "bytes=0-0"  # TikTok's edge does not answer HEAD usefully
        upstream, post = self.source.open(post_id, kind, sent)
        headers = self._headers(upstream, kind, post, wants_download(request.args))
        if head:
            upstream.close()
            status = self._probe_status(upstream, headers) if probe else upstream.status_code
            return Response(iter(()), status, headers)
        body = chunks(upstream, Budget(self.max_bytes, self.max_seconds))
        response = Response(body, upstream.status_code, headers, direct_passthrough=True)
        response.call_on_close(upstream.close)
        return response

    def _headers(
        self, upstream: requests.Response, kind: str, post: Post, download: bool
    ) -> dict[str, str]:
        """The upstream headers a client needs, with a media type we vouch for."""
        headers = {name: upstream.headers[name] for name in FORWARDED if upstream.headers.get(name)}
        headers["Content-Type"] = content_type(upstream.headers.get("Content-Type"), kind)
        headers["X-Content-Type-Options"] = "nosniff"
        if download:
            name = download_name(post, kind, extension(headers["Content-Type"], kind))
            headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return headers

    def _probe_status(self, upstream: requests.Response, headers: dict[str, str]) -> int:
        """A HEAD answered from a one-byte probe: the whole file's length, status 200."""
        total = _TOTAL.match(upstream.headers.get("Content-Range", ""))
        if upstream.status_code != 206 or not total:
            return upstream.status_code
        if int(total.group(1)) > self.max_bytes:
            raise MediaTooLarge()
        headers.pop("Content-Range")
        headers["Content-Length"] = total.group(1)
        headers.setdefault("Accept-Ranges", "bytes")
        return 200

    def _zip(self, post_id: str, request: Request) -> Response:
        """Every slide in order, zipped while streaming; the first slide is opened up front."""
        post = self.source.resolve(post_id).post
        if not post.media.images:
            raise MediaNotFound("This post is a video; it has no slides.")
        headers = {"Content-Type": "application/zip", "Accept-Ranges": "none"}
        if wants_download(request.args):
            name = download_name(post, ZIP_KIND, "zip")
            headers["Content-Disposition"] = f'attachment; filename="{name}"'
        if request.method == "HEAD":
            return Response(iter(()), 200, headers)
        first, post = self.source.open(post_id, slide_kind(1), {})
        budget = Budget(self.max_bytes, self.max_seconds)
        entries = self._slides(post_id, first, len(post.media.images), budget)
        response = Response(zip_stream(entries, post.create_time), 200, headers)
        response.direct_passthrough = True
        response.call_on_close(first.close)
        return response

    def _slides(
        self, post_id: str, first: requests.Response, count: int, budget: Budget
    ) -> Iterator[tuple[str, Iterator[bytes]]]:
        """(name, chunks) for each slide: `01.jpg`, `02.jpg`, … each opened when its turn comes."""
        width = max(2, len(str(count)))
        for number in range(1, count + 1):
            if number == 1:
                upstream = first
            else:
                upstream, _ = self.source.open(post_id, slide_kind(number), {})
            ext = extension(content_type(upstream.headers.get("Content-Type"), "image"), "image")
            yield f"{number:0{width}d}.{ext}", chunks(upstream, budget, decode=True)
