"""Fetch a post's page (solving the bot check when it shows) and return its raw data."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import requests

from ..challenge import is_captcha, is_waf_challenge, solve_challenge
from ..errors import LoginRequired, PostNotFound, UpstreamBlocked, UpstreamError
from ..http import Page, Transport, check_upstream_url
from ..links import post_page_url
from .page_data import BadData, NoData, RawPost, find_post
from .statuses import raise_for_http_status, raise_for_status_code

COOKIE_DOMAIN = ".tiktok.com"


class _Forbidden(Exception):
    """TikTok answered 403: worth one more try with a fresh cookie jar."""


def fetch_post(transport: Transport, post_id: str) -> tuple[RawPost, requests.Session]:
    """The post's raw data and the session (cookie jar) that read it."""
    for attempt in range(2):
        session = transport.new_session()
        try:
            return _read_post(transport, session, post_id), session
        except _Forbidden:
            session.close()
            if attempt:
                raise UpstreamBlocked("TikTok refused the request (HTTP 403).") from None
    raise AssertionError("unreachable")  # pragma: no cover


def _read_post(transport: Transport, session: requests.Session, post_id: str) -> RawPost:
    """One attempt: the page, the bot check if it shows, then the data in the page."""
    config = transport.config
    url = post_page_url(post_id)
    body = _get_page(transport, session, url).body
    if is_waf_challenge(body):
        cookies = solve_challenge(body, config["CHALLENGE_MAX_ITERATIONS"])
        if not cookies:
            raise UpstreamBlocked("TikTok's bot check could not be solved.")
        for cookie in cookies:
            session.cookies.set(cookie.name, cookie.value, domain=COOKIE_DOMAIN, path="/")
        body = _get_page(transport, session, url).body
        if is_waf_challenge(body):
            raise UpstreamBlocked("TikTok's bot check did not accept our answer.")
    return _post_data(body, post_id)


def _get_page(transport: Transport, session: requests.Session, url: str) -> Page:
    """GET a TikTok page, following redirects inside TikTok by hand; map bad statuses."""
    config = transport.config
    for _ in range(config["UPSTREAM_MAX_REDIRECTS"] + 1):
        page = transport.get(session, url)
        target = page.location
        if target is None:
            _check_status(page.status, page.headers, config)
            return page
        url = _next_hop(target)
    raise UpstreamError("TikTok redirected this post too many times.")


def _next_hop(target: str) -> str:
    """Where a redirect from a post page may go: login and the home page end the walk."""
    check_upstream_url(target)
    path = urlsplit(target).path.rstrip("/")
    if path == "/login":
        raise LoginRequired()
    if path == "":
        raise PostNotFound()
    return target


def _check_status(status: int, headers: Mapping[str, str], config: Mapping[str, Any]) -> None:
    """A 403 is retried once with a fresh jar; other statuses map to errors."""
    if status == 403:
        raise _Forbidden()
    raise_for_http_status(status, headers, config["UPSTREAM_RETRY_AFTER"])


def _post_data(body: bytes, post_id: str) -> RawPost:
    """The raw post from the page, with TikTok's `statusCode` turned into our errors."""
    if not body.strip():
        raise UpstreamBlocked("TikTok answered with an empty page.")
    try:
        raw = find_post(body, post_id)
    except NoData:
        if is_captcha(body):
            raise UpstreamBlocked("TikTok asked for a captcha.") from None
        raise UpstreamError("TikTok's page carried no post data.") from None
    except BadData:
        raise UpstreamError("TikTok's page data could not be parsed.") from None
    raise_for_status_code(raw.status_code, raw.status_message)
    if not raw.item:
        raise UpstreamError("TikTok's page carried no post data.")
    return raw
