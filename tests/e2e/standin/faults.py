"""Faults tests inject per post, short code or user: each turns a request into a bad answer."""

import re
from collections.abc import Callable, Mapping
from typing import Any

from .replies import Reply, filler, html, redirect, trickle
from .waf import COOKIE, Challenge

HUGE = 64 * 1024 * 1024
HANG_SECONDS = 6.0
DATA_SCRIPTS = re.compile(
    rb'<script[^>]*id="(?:__UNIVERSAL_DATA_FOR_REHYDRATION__|api-data|SIGI_STATE|__NEXT_DATA__'
    rb'|__FRONTITY_CONNECT_STATE__)"[^>]*>(.*?)</script>',
    re.S,
)


class Context:
    """What a fault may need: the request URL and cookies, the normal answer and the challenge."""

    def __init__(
        self, url: str, cookies: Mapping[str, str], normal: Reply, challenge: Challenge
    ) -> None:
        self.url, self.cookies, self.normal, self.challenge = url, cookies, normal, challenge


def _without_data(body: bytes) -> bytes:
    """The page with every data script cut out (what a layout change would look like)."""
    return DATA_SCRIPTS.sub(b"", body)


def _truncated(body: bytes) -> bytes:
    """The page with its data script's JSON cut in half, the closing tag kept."""
    match = DATA_SCRIPTS.search(body)
    if match is None:
        return body[: len(body) // 2]
    start, end = match.span(1)
    return body[:start] + body[start : start + (end - start) // 2] + body[end:]


def _status(ctx: Context, status: int = 500, retry_after: str | None = None, **_: Any) -> Reply:
    headers = [("Retry-After", retry_after)] if retry_after else []
    return html(b"<html><body>Error</body></html>", status, headers)


def _challenge(ctx: Context, **_: Any) -> Reply | None:
    """The bot check until the request carries the right answer, then the normal page."""
    return None if ctx.challenge.accepts(ctx.cookies.get(COOKIE)) else html(ctx.challenge.page)


def _slow(ctx: Context, first_delay: float = 1.0, pieces: int = 5, gap: float = 0.5, **_: Any):
    """The normal page, streamed slowly: 1 s to the first byte, then a piece every 0.5 s."""
    normal = ctx.normal
    return Reply(
        normal.status, normal.headers, chunks=trickle(normal.body, first_delay, pieces, gap)
    )


FAULTS: dict[str, Callable[..., Reply | None]] = {
    "hang": lambda ctx, seconds=HANG_SECONDS, **_: Reply(0, hang=seconds),
    "reset": lambda ctx, **_: Reply(0, reset=True),
    "status": _status,
    "empty": lambda ctx, **_: html(b""),
    "challenge": _challenge,
    "challenge_forever": lambda ctx, **_: html(ctx.challenge.page),
    "challenge_unsolvable": lambda ctx, **_: html(ctx.challenge.unsolvable_page),
    "no_data": lambda ctx, **_: html(_without_data(ctx.normal.body)),
    "truncated_json": lambda ctx, **_: html(_truncated(ctx.normal.body)),
    "huge": lambda ctx, **_: Reply(200, [("Content-Type", "text/html")], chunks=filler(HUGE),
                                   length=HUGE),
    "huge_chunked": lambda ctx, **_: Reply(200, [("Content-Type", "text/html")],
                                           chunks=filler(HUGE)),
    "redirect": lambda ctx, location, status=302, **_: redirect(location, status),
    "redirect_loop": lambda ctx, status=302, **_: redirect(ctx.url, status),
    "slow": _slow,
}  # fmt: skip


def apply_fault(fault: Mapping[str, Any], ctx: Context) -> Reply | None:
    """The answer a fault gives, or None to let the normal answer through."""
    params = dict(fault)
    kind = params.pop("kind")
    return FAULTS[kind](ctx, **params)
