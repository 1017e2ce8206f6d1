"""Map TikTok's HTTP statuses and page `statusCode`s to our errors."""

from collections.abc import Mapping

from ..errors import (
    LoginRequired,
    PostNotFound,
    PostPrivate,
    RegionBlocked,
    UpstreamBlocked,
    UpstreamError,
    UpstreamRateLimited,
)

NOT_FOUND_CODES = frozenset({10204, 10202, 10221, 100004})
PRIVATE_CODES = frozenset({10216, 10222})
BLOCKED_CODES = frozenset({10000, 10101})


def retry_after(headers: Mapping[str, str], default: int) -> int:
    """TikTok's Retry-After in seconds (bounded), or our default."""
    value = str(headers.get("Retry-After", "")).strip()
    return min(int(value), 3600) if value.isdigit() else default


def raise_for_http_status(status: int, headers: Mapping[str, str], default_wait: int = 60) -> None:
    """Raise the error an unusable HTTP status means; return for 2xx."""
    if 200 <= status < 300:
        return
    if status == 404:
        raise PostNotFound()
    if status == 429:
        raise UpstreamRateLimited(retry_after=retry_after(headers, default_wait))
    if status in (401, 403, 405, 412, 444):
        raise UpstreamBlocked(f"TikTok refused the request (HTTP {status}).")
    raise UpstreamError(f"TikTok answered HTTP {status}.")


def raise_for_status_code(code: int, message: str) -> None:
    """Raise the error a page's `statusCode` means; return for 0."""
    if code == 0:
        return
    if code == 10204 and "cross_border" in message:
        raise RegionBlocked()
    if code in NOT_FOUND_CODES:
        raise PostNotFound()
    if code in PRIVATE_CODES:
        raise PostPrivate()
    if code == 10231:
        raise RegionBlocked()
    if code == 10102:
        raise LoginRequired()
    if code in BLOCKED_CODES:
        raise UpstreamBlocked()
    raise UpstreamError(f"TikTok reported status {code}.")
