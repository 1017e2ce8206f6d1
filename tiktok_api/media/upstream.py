"""Open a post's file on TikTok's CDN: a fresh URL, the page's cookies, one retry when refused."""

import threading
from collections.abc import Mapping
from typing import Any

import requests

from ..domain.errors import (
    MediaTooLarge,
    MediaUnavailable,
    RangeNotSatisfiable,
    UpstreamError,
    UpstreamRateLimited,
)
from ..domain.media_kinds import upstream_url
from ..domain.models import Post
from ..domain.statuses import retry_after
from ..service import TikTok
from .cache import ExtractionCache, Resolved

# A CDN link that expired or lost its cookie answers one of these; a fresh page gives a new one.
EXPIRED = frozenset({403, 404, 410})
PASSED = frozenset({200, 206, 304, 416})
# Concurrent misses for one post wait for a single page read; striped so the locks stay few.
LOCK_STRIPES = 64
MEDIA_HEADERS = {
    "Accept": "*/*",
    "Accept-Encoding": "identity",
    "Referer": "https://www.tiktok.com/",
}


def cookie_header(jar: requests.cookies.RequestsCookieJar) -> str:
    """The page session's cookies (tt_chain_token among them) as one Cookie header."""
    cookies = {cookie.name: cookie.value for cookie in jar if cookie.value is not None}
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


class MediaSource:
    """Finds a post's files through the extractor and opens them on allow-listed CDN hosts."""

    def __init__(self, config: Mapping[str, Any], tiktok: TikTok):
        self.tiktok = tiktok
        self.transport = tiktok.transport
        self.suffixes = tuple(config["MEDIA_HOST_SUFFIXES"])
        self.max_bytes = config["MEDIA_MAX_BYTES"]
        self.retry_after = config["UPSTREAM_RETRY_AFTER"]
        self.cache = ExtractionCache(config["MEDIA_CACHE_TTL"], config["MEDIA_CACHE_SIZE"])
        self._locks = [threading.Lock() for _ in range(LOCK_STRIPES)]

    def resolve(self, post_id: str) -> Resolved:
        """The post and its page cookies, from the cache or one fresh extraction per post."""
        cached = self.cache.get(post_id)
        if cached is not None:
            return cached
        with self._locks[hash(post_id) % LOCK_STRIPES]:
            cached = self.cache.get(post_id)
            if cached is not None:
                return cached
            extraction = self.tiktok.extract(post_id)
            resolved = Resolved(extraction.post, cookie_header(extraction.session.cookies))
            self.cache.put(post_id, resolved)
            return resolved

    def open(
        self, post_id: str, kind: str, headers: Mapping[str, str]
    ) -> tuple[requests.Response, Post]:
        """The open upstream response for one file; a refused link is re-read once from the page."""
        for _ in range(2):
            resolved = self.resolve(post_id)
            url = upstream_url(resolved.post, kind)
            response = self._request(url, resolved.cookies, headers)
            if response.status_code not in EXPIRED:
                return self._checked(response), resolved.post
            response.close()
            self.cache.drop(post_id)
        raise MediaUnavailable(
            f"TikTok's CDN refused this file (HTTP {response.status_code}), even with a fresh link."
        )

    def _request(self, url: str, cookies: str, headers: Mapping[str, str]) -> requests.Response:
        """GET the file with the page's cookies and a TikTok Referer; only allow-listed hosts."""
        session = self.transport.new_session()
        sent = MEDIA_HEADERS | dict(headers) | ({"Cookie": cookies} if cookies else {})
        try:
            return self.transport.open_stream(session, url, sent, self.suffixes)
        except UpstreamError as error:
            raise MediaUnavailable(error.message) from error

    def _checked(self, response: requests.Response) -> requests.Response:
        """The response when it can be passed on; otherwise closed and turned into our error."""
        status = response.status_code
        if status in PASSED and status != 416 and not self._too_large(response):
            return response
        response.close()
        if status == 416:
            raise RangeNotSatisfiable(response.headers.get("Content-Range"))
        if status == 429:
            raise UpstreamRateLimited(retry_after=retry_after(response.headers, self.retry_after))
        if status in PASSED:
            raise MediaTooLarge()
        raise MediaUnavailable(f"TikTok's CDN answered HTTP {status}.")

    def _too_large(self, response: requests.Response) -> bool:
        """True when the declared length passes the per-stream byte cap."""
        declared = response.headers.get("Content-Length", "")
        return declared.isdigit() and int(declared) > self.max_bytes
