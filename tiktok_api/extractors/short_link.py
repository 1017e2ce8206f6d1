"""Resolve a vm./vt./t/ short link to a post id, one checked redirect hop at a time."""

from urllib.parse import parse_qs, urlsplit

import requests

from ..errors import InvalidURL, NotAPost, PostNotFound, UpstreamError
from ..http import Transport, check_upstream_url
from ..links import PostLink, ShortLink, parse_url
from .statuses import raise_for_http_status


def resolve_short_link(
    transport: Transport, session: requests.Session, link: ShortLink, max_hops: int
) -> str:
    """The post id a short link leads to; TikTok's home page means the post is gone."""
    url = link.url
    for _ in range(max_hops):
        page = transport.get(session, url)
        target = page.location
        if target is None:
            raise_for_http_status(
                page.status, page.headers, transport.config["UPSTREAM_RETRY_AFTER"]
            )
            raise UpstreamError("TikTok did not resolve this short link.")
        check_upstream_url(target)
        resolved = _post_from_target(target)
        if isinstance(resolved, PostLink):
            return resolved.post_id
        url = resolved.url
    raise UpstreamError("TikTok redirected this short link too many times.")


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
