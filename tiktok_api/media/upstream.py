"""Open a post's file on TikTok's CDN: a fresh URL, the page's cookies, one retry when refused."""

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
from ..domain.models import Post, Resolved
from ..domain.statuses import retry_after
from ..metrics import UPSTREAM
from ..service import TikTok

# A CDN link that expired or lost its cookie answers one of these; a fresh page gives a new one.
EXPIRED = frozenset({403, 404, 410})
PASSED = frozenset({200, 206, 304, 416})
MEDIA_HEADERS = {
    "Accept": "*/*",
    "Accept-Encoding": "identity",
    "Referer": "https://www.tiktok.com/",
}


class MediaSource:
    """Finds a post's files through the extractor and opens them on allow-listed CDN hosts."""

    def __init__(self, config: Mapping[str, Any], tiktok: TikTok):
        self.tiktok = tiktok
        self.transport = tiktok.transport
        self.suffixes = tuple(config["MEDIA_HOST_SUFFIXES"])
        self.max_bytes = config["MEDIA_MAX_BYTES"]
        self.retry_after = config["UPSTREAM_RETRY_AFTER"]

    def resolve(self, post_id: str, kind: str = "") -> Resolved:
        """The post and its page cookies, through the service's cache (one page read per TTL);
        for the avatar, completed from the account when the post's page lacks it."""
        resolved = self.tiktok.resolved(post_id).value
        return self.tiktok.with_account_avatar(resolved) if kind == "avatar" else resolved

    def open(
        self, post_id: str, kind: str, headers: Mapping[str, str]
    ) -> tuple[requests.Response, Post]:
        """The open upstream response for one file; a refused link is re-read once from the page."""
        for _ in range(2):
            resolved = self.resolve(post_id, kind)
            url = upstream_url(resolved.post, kind)
            response = self._request(url, resolved.cookies, headers)
            if response.status_code not in EXPIRED:
                return self._checked(response), resolved.post
            response.close()
            self.tiktok.forget(post_id)
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
        UPSTREAM.labels("media", _outcome(status)).inc()
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


def _outcome(status: int) -> str:
    """A CDN answer counted as ok, 429, 4xx or 5xx."""
    if status < 400:
        return "ok"
    return "429" if status == 429 else f"{status // 100}xx"
