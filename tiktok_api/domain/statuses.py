"""Pure: the one table from TikTok's HTTP statuses and page `statusCode`s to our errors."""

from collections.abc import Mapping
from typing import Literal

from .errors import (
    APIError,
    LoginRequired,
    PostNotFound,
    PostPrivate,
    RegionBlocked,
    UpstreamBlocked,
    UpstreamError,
    UpstreamRateLimited,
    UserNotFound,
    UserPrivate,
    UserUnavailable,
)

Subject = Literal["post", "user"]
MAX_RETRY_AFTER = 3600
# HTTP statuses with which TikTok's edge refuses a client it distrusts.
REFUSED_STATUSES = frozenset({401, 403, 405, 412, 444})
# What a 404 means depends on what was asked for: a post page or an account's page.
MISSING = {"post": PostNotFound, "user": UserNotFound}

# Page `statusCode` -> error, for post pages (TIKTOK.md §2.3).
POST_STATUS_CODES: dict[int, type[APIError]] = {
    10204: PostNotFound,
    10202: PostNotFound,
    10221: PostNotFound,
    100004: PostNotFound,
    10216: PostPrivate,
    10222: PostPrivate,
    10231: RegionBlocked,
    10102: LoginRequired,
    10000: UpstreamBlocked,
    10101: UpstreamBlocked,
}
# `webapp.user-detail.statusCode` -> error, for an account whose posts TikTok will not list.
USER_STATUS_CODES: dict[int, type[APIError]] = {
    10221: UserNotFound,
    10202: UserNotFound,
    10222: UserPrivate,
}


def retry_after(headers: Mapping[str, str], default: int) -> int:
    """TikTok's Retry-After in seconds (bounded), or our default."""
    value = str(headers.get("Retry-After", "")).strip()
    return min(int(value), MAX_RETRY_AFTER) if value.isdigit() else default


def raise_for_http_status(
    status: int,
    headers: Mapping[str, str],
    default_wait: int = 60,
    subject: Subject = "post",
) -> None:
    """Raise the error an unusable HTTP status means for a post or user page; return for 2xx."""
    if 200 <= status < 300:
        return
    if status == 404:
        raise MISSING[subject]()
    if status == 429:
        raise UpstreamRateLimited(retry_after=retry_after(headers, default_wait))
    if status in REFUSED_STATUSES:
        raise UpstreamBlocked(f"TikTok refused the request (HTTP {status}).")
    raise UpstreamError(f"TikTok answered HTTP {status}.")


def raise_for_status_code(code: int, message: str) -> None:
    """Raise the error a post page's `statusCode` means; return for 0."""
    if code == 0:
        return
    if code == 10204 and "cross_border" in message:
        raise RegionBlocked()
    error = POST_STATUS_CODES.get(code)
    if error is not None:
        raise error()
    raise UpstreamError(f"TikTok reported status {code}.")


def user_status_error(code: int | None) -> APIError:
    """Why TikTok will not list an account's posts, from its profile page's `statusCode`."""
    return USER_STATUS_CODES.get(code, UserUnavailable)() if code is not None else UserUnavailable()
