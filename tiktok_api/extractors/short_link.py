"""Resolve a vm./vt./t/ short link to a post id, one checked redirect hop at a time."""

from urllib.parse import parse_qs, urlsplit

import requests

from ..domain.errors import InvalidURL, NotAPost, PostNotFound, UpstreamError
from ..domain.links import PostLink, ShortLink, parse_url
from ..domain.statuses import raise_for_http_status
from .transport import Transport, check_upstream_url


def resolve_short_link(transport: Transport, session: requests.Session, link: ShortLink) -> str:
    """The post id a short link leads to; TikTok's home page means the post is gone."""
    page = transport.get_page(session, link.url, _next_hop)
    target = page.location
    if target is None:
        raise_for_http_status(page.status, page.headers, transport.config["UPSTREAM_RETRY_AFTER"])
        raise UpstreamError("TikTok did not resolve this short link.")
    resolved = _post_from_target(target)  # _next_hop stops the walk only at a post
    if not isinstance(resolved, PostLink):
        raise UpstreamError("TikTok redirected this short link too many times.")
    return resolved.post_id


def _next_hop(target: str) -> str | None:
    """Follow a hop to another short link; stop at the post the link names."""
    check_upstream_url(target)
    resolved = _post_from_target(target)
    return None if isinstance(resolved, PostLink) else resolved.url


def _post_from_target(target: str) -> PostLink | ShortLink:
    """What one redirect target names: a post, another short link, or nothing."""
    parts = urlsplit(target)
    if parts.path in ("", "/"):
        raise PostNotFound("This short link leads nowhere: the post is gone or the link expired.")
    if parts.path.rstrip("/") == "/login":
        redirect = parse_qs(parts.query).get("redirect_url", [""])[0]
        if not redirect:
            raise PostNotFound("This short link leads to TikTok's login page.")
        return _post_from_target(redirect)
    try:
        return parse_url(target)
    except InvalidURL as error:
        raise NotAPost() from error
